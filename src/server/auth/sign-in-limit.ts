/**
 * Limits on guessing passwords (OWASP ASVS 6.1.1, 6.3.1): at most SIGN_IN_LIMITS.perAccount failed sign-ins to one
 * account in the window, whatever address they come from, and at most SIGN_IN_LIMITS.perAddress from one address
 * (behind the proxy: one reader, from X-Forwarded-For), whatever accounts they try. Past either, signing in is refused
 * for the rest of the window, even with the right password, and the page says when to try again.
 *
 * Failures per account are kept in the database (they survive a restart and count across processes) under a hash of
 * the address typed, so an address with no account is limited in exactly the same way (the limit says nothing about
 * which accounts exist). Failures per address are kept in memory only: readers' addresses are never stored.
 */
import type { Db } from '../database.ts';
import { normaliseEmail, sha256 } from './accounts.ts';

export const SIGN_IN_LIMITS = {
  perAccount: 5,
  perAddress: 20,
  windowMinutes: 15,
};

export class SignInLimit {
  readonly #db: Db;
  readonly #byAddress = new Map<string, number[]>();
  constructor(db: Db) {
    this.#db = db;
  }

  #windowStart(now: Date): number {
    return now.getTime() - SIGN_IN_LIMITS.windowMinutes * 60_000;
  }

  /** Minutes until this account and address may try again; 0 when they may now. */
  waitMinutes(email: string, address: string, now = new Date()): number {
    const since = this.#windowStart(now);
    const accountTimes = (
      this.#db
        .prepare('SELECT at FROM sign_in_failures WHERE account_hash = ? AND at > ? ORDER BY at')
        .all(sha256(normaliseEmail(email)), new Date(since).toISOString()) as Array<{ at: string }>
    ).map((r) => Date.parse(r.at));
    const addressTimes = (this.#byAddress.get(address) ?? []).filter((t) => t > since);
    const blockedUntil = (times: number[], limit: number): number =>
      times.length >= limit ? times[times.length - limit]! + SIGN_IN_LIMITS.windowMinutes * 60_000 : 0;
    const until = Math.max(
      blockedUntil(accountTimes, SIGN_IN_LIMITS.perAccount),
      blockedUntil(addressTimes, SIGN_IN_LIMITS.perAddress),
    );
    return until > now.getTime() ? Math.ceil((until - now.getTime()) / 60_000) : 0;
  }

  recordFailure(email: string, address: string, now = new Date()): void {
    this.#db
      .prepare('INSERT INTO sign_in_failures (account_hash, at) VALUES (?, ?)')
      .run(sha256(normaliseEmail(email)), now.toISOString());
    const since = this.#windowStart(now);
    const times = (this.#byAddress.get(address) ?? []).filter((t) => t > since);
    times.push(now.getTime());
    this.#byAddress.set(address, times);
    // Memory stays bounded: addresses whose failures are all old are forgotten.
    if (this.#byAddress.size > 10_000)
      for (const [key, list] of this.#byAddress) if (list.every((t) => t <= since)) this.#byAddress.delete(key);
  }

  /** A successful sign-in clears the account's failures (not the address's: one good account must not unlock guessing). */
  recordSuccess(email: string): void {
    this.#db.prepare('DELETE FROM sign_in_failures WHERE account_hash = ?').run(sha256(normaliseEmail(email)));
  }

  /** Forgets failures older than the window. */
  prune(now = new Date()): void {
    this.#db.prepare('DELETE FROM sign_in_failures WHERE at <= ?').run(new Date(this.#windowStart(now)).toISOString());
  }
}
