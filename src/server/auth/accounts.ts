/**
 * Staff accounts: who may sign in to /staff/, with which roles. Made and removed with `npm run staff` (by whoever runs
 * the server), never from the desk itself, so a stolen session cannot make itself an account. A new account gets its
 * password either typed at the terminal or through a one-time set-up link the person opens; the link's token is
 * stored only as a hash and works once, for SETUP_LINK_HOURS.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../database.ts';

/** What an account may do. `requests`: the requests and feedback inbox, summary and export. `editor`: the editor desk. */
export const ROLES = ['requests', 'editor'] as const;
export type Role = (typeof ROLES)[number];

export interface StaffAccount {
  id: number;
  email: string;
  roles: Role[];
  hasPassword: boolean;
  hasSecondStep: boolean;
  createdAt: string;
  signedInAt: string | null;
}

type StaffRow = {
  id: number;
  email: string;
  password_hash: string | null;
  roles: string;
  totp_secret: string | null;
  totp_last_step: number | null;
  created_at: string;
  signed_in_at: string | null;
};

export const SETUP_LINK_HOURS = 72;

/** An email address as typed, made comparable: trimmed, lower case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A plausible email address: something@something.something, no spaces, at most 254 characters (RFC 5321). */
export function looksLikeEmail(email: string): boolean {
  return email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function toAccount(row: StaffRow): StaffAccount {
  return {
    id: row.id,
    email: row.email,
    roles: row.roles.split(',').filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    hasPassword: row.password_hash !== null,
    hasSecondStep: row.totp_secret !== null,
    createdAt: row.created_at,
    signedInAt: row.signed_in_at,
  };
}

export class AccountError extends Error {}

export function addAccount(db: Db, email: string, roles: readonly Role[], passwordHash: string | null): StaffAccount {
  const address = normaliseEmail(email);
  if (!looksLikeEmail(address)) throw new AccountError(`"${email}" is not an email address.`);
  if (findAccount(db, address)) throw new AccountError(`${address} already has an account.`);
  db.prepare('INSERT INTO staff (email, password_hash, roles, created_at) VALUES (?, ?, ?, ?)').run(
    address,
    passwordHash,
    [...new Set(roles)].join(','),
    new Date().toISOString(),
  );
  return findAccount(db, address)!;
}

function row(db: Db, where: 'email' | 'id', value: string | number): StaffRow | undefined {
  return db.prepare(`SELECT * FROM staff WHERE ${where} = ?`).get(value) as StaffRow | undefined;
}

export function findAccount(db: Db, email: string): StaffAccount | undefined {
  const found = row(db, 'email', normaliseEmail(email));
  return found ? toAccount(found) : undefined;
}

export function accountById(db: Db, id: number): StaffAccount | undefined {
  const found = row(db, 'id', id);
  return found ? toAccount(found) : undefined;
}

/** The stored password hash and second-step secret, for signing in only. */
export function credentials(
  db: Db,
  email: string,
):
  | { account: StaffAccount; passwordHash: string | null; totpSecret: string | null; totpLastStep: number | null }
  | undefined {
  const found = row(db, 'email', normaliseEmail(email));
  return found
    ? {
        account: toAccount(found),
        passwordHash: found.password_hash,
        totpSecret: found.totp_secret,
        totpLastStep: found.totp_last_step,
      }
    : undefined;
}

export function secondStepOf(db: Db, id: number): { secret: string | null; lastStep: number | null } {
  const found = row(db, 'id', id);
  return { secret: found?.totp_secret ?? null, lastStep: found?.totp_last_step ?? null };
}

export function listAccounts(db: Db): StaffAccount[] {
  return (db.prepare('SELECT * FROM staff ORDER BY email').all() as StaffRow[]).map(toAccount);
}

/** Removes an account; its sessions and set-up links go with it (foreign keys, ON DELETE CASCADE). */
export function removeAccount(db: Db, email: string): boolean {
  return db.prepare('DELETE FROM staff WHERE email = ?').run(normaliseEmail(email)).changes === 1;
}

export function setPasswordHash(db: Db, id: number, passwordHash: string | null): void {
  db.prepare('UPDATE staff SET password_hash = ? WHERE id = ?').run(passwordHash, id);
}

export function setSecondStep(db: Db, id: number, secret: string | null, lastStep: number | null = null): void {
  db.prepare('UPDATE staff SET totp_secret = ?, totp_last_step = ? WHERE id = ?').run(secret, lastStep, id);
}

/** Records the time step of a code just used, so the same code cannot be used twice. */
export function useSecondStepCode(db: Db, id: number, step: number): boolean {
  return (
    db
      .prepare('UPDATE staff SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)')
      .run(step, id, step).changes === 1
  );
}

export function recordSignIn(db: Db, id: number, now = new Date()): void {
  db.prepare('UPDATE staff SET signed_in_at = ? WHERE id = ?').run(now.toISOString(), id);
}

/** A one-time link's token (43 characters); only its hash is stored. Earlier links for the account stop working. */
export function newSetupLink(db: Db, id: number, now = new Date()): string {
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(now.getTime() + SETUP_LINK_HOURS * 60 * 60 * 1000).toISOString();
  db.transaction(() => {
    db.prepare('DELETE FROM staff_setup_links WHERE staff_id = ?').run(id);
    db.prepare('INSERT INTO staff_setup_links (token_hash, staff_id, expires_at) VALUES (?, ?, ?)').run(
      sha256(token),
      id,
      expires,
    );
  })();
  return token;
}

/** The account a set-up link is for, while it is unused and in date. */
export function setupLinkAccount(db: Db, token: string, now = new Date()): StaffAccount | undefined {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const link = db
    .prepare('SELECT staff_id FROM staff_setup_links WHERE token_hash = ? AND expires_at > ?')
    .get(sha256(token), now.toISOString()) as { staff_id: number } | undefined;
  return link ? accountById(db, link.staff_id) : undefined;
}

/** Uses a set-up link: sets the password and deletes the link, in one transaction. False if the link was used meanwhile. */
export function completeSetup(db: Db, token: string, passwordHash: string, now = new Date()): StaffAccount | undefined {
  return db.transaction(() => {
    const account = setupLinkAccount(db, token, now);
    if (!account) return undefined;
    db.prepare('DELETE FROM staff_setup_links WHERE staff_id = ?').run(account.id);
    setPasswordHash(db, account.id, passwordHash);
    return account;
  })();
}
