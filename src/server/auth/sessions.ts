/**
 * Staff sessions, kept on the server (OWASP ASVS 7.x): the cookie holds only a random 256-bit id; the database holds
 * its SHA-256, the account, the CSRF token of the session's forms and two times. A session ends after
 * SESSION_LIMITS.idleMinutes without a page (idle) or SESSION_LIMITS.absoluteHours after sign-in (absolute), at
 * sign-out, at "sign out everywhere", and when its account is removed. A new id is made at every sign-in and after
 * the second step, so an id planted before sign-in (session fixation) is never the signed-in one.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../database.ts';
import { accountById, sha256, type StaffAccount } from './accounts.ts';

export const SESSION_LIMITS = {
  /** NIST SP 800-63B AAL2: re-authenticate after 30 minutes of inactivity. */
  idleMinutes: 30,
  /** A working day and a little over; NIST AAL2 allows at most 12 hours. */
  absoluteHours: 10,
};

export interface StaffSession {
  idHash: string;
  account: StaffAccount;
  csrf: string;
  createdAt: string;
  /** False between the password and the second step (a code), for accounts that have one. */
  secondStepDone: boolean;
}

export type SessionLookup =
  | { state: 'active'; session: StaffSession }
  | { state: 'none' }
  /** The cookie named a session that ended: why, so the sign-in page can say so. */
  | { state: 'ended'; why: 'idle' | 'absolute' | 'gone' };

type SessionRow = {
  id_hash: string;
  staff_id: number;
  csrf: string;
  created_at: string;
  seen_at: string;
  second_step_done: number;
};

const newSecret = (): string => randomBytes(32).toString('base64url');

/** Starts a session for an account; returns the id for the cookie (never stored as it is). */
export function startSession(db: Db, staffId: number, secondStepDone: boolean, now = new Date()): string {
  const id = newSecret();
  db.prepare(
    'INSERT INTO staff_sessions (id_hash, staff_id, csrf, created_at, seen_at, second_step_done) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(sha256(id), staffId, newSecret(), now.toISOString(), now.toISOString(), secondStepDone ? 1 : 0);
  return id;
}

/**
 * The session a cookie names, if it is still open; an expired one is deleted as it is found. `touch` (the default)
 * counts this as activity, restarting the idle time.
 */
export function findSession(db: Db, id: string | undefined, now = new Date(), touch = true): SessionLookup {
  if (!id) return { state: 'none' };
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return { state: 'ended', why: 'gone' };
  const idHash = sha256(id);
  const row = db.prepare('SELECT * FROM staff_sessions WHERE id_hash = ?').get(idHash) as SessionRow | undefined;
  if (!row) return { state: 'ended', why: 'gone' };
  const idle = now.getTime() - Date.parse(row.seen_at) > SESSION_LIMITS.idleMinutes * 60_000;
  const old = now.getTime() - Date.parse(row.created_at) > SESSION_LIMITS.absoluteHours * 3_600_000;
  const account = accountById(db, row.staff_id);
  if (idle || old || !account) {
    endSession(db, idHash);
    return { state: 'ended', why: old ? 'absolute' : idle ? 'idle' : 'gone' };
  }
  if (touch) db.prepare('UPDATE staff_sessions SET seen_at = ? WHERE id_hash = ?').run(now.toISOString(), idHash);
  return {
    state: 'active',
    session: { idHash, account, csrf: row.csrf, createdAt: row.created_at, secondStepDone: row.second_step_done === 1 },
  };
}

export function endSession(db: Db, idHash: string): void {
  db.prepare('DELETE FROM staff_sessions WHERE id_hash = ?').run(idHash);
}

/** Ends every session of an account ("sign out everywhere", a reset password); returns how many were open. */
export function endAllSessions(db: Db, staffId: number): number {
  return db.prepare('DELETE FROM staff_sessions WHERE staff_id = ?').run(staffId).changes;
}

/** Deletes sessions past either time-out (run now and then; findSession also deletes them one by one). */
export function deleteExpiredSessions(db: Db, now = new Date()): number {
  const idleSince = new Date(now.getTime() - SESSION_LIMITS.idleMinutes * 60_000).toISOString();
  const startedBefore = new Date(now.getTime() - SESSION_LIMITS.absoluteHours * 3_600_000).toISOString();
  return db.prepare('DELETE FROM staff_sessions WHERE seen_at < ? OR created_at < ?').run(idleSince, startedBefore)
    .changes;
}

/** True when a form's CSRF token is the session's (compared in constant time). */
export function csrfMatches(session: StaffSession, given: string | undefined): boolean {
  if (!given) return false;
  const expected = Buffer.from(session.csrf);
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
