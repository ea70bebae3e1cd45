/**
 * The audit trail (OWASP ASVS 16.x): who did what to which submission, when and from where. Every sign-in and every
 * refusal, every view of a reader's details, every note, done, export, purge and account change. It holds references
 * and staff email addresses, never a reader's details, and cannot be changed or deleted (triggers in database.ts);
 * the desk only shows it.
 */
import type { Db } from './database.ts';

export const AUDIT_ACTIONS = {
  'signed-in': 'Signed in',
  'sign-in-refused': 'Sign-in refused: wrong email address, password or code',
  'sign-in-limited': 'Sign-in refused: too many attempts',
  'signed-out': 'Signed out',
  'signed-out-everywhere': 'Signed out everywhere',
  'viewed-request': 'Viewed a request',
  'viewed-feedback': 'Viewed feedback',
  'request-done': "Marked a request done (the reader's details deleted)",
  'feedback-done': "Marked feedback done (the sender's details deleted)",
  'note-saved': 'Saved a staff note',
  'exported-requests': 'Downloaded the requests as CSV',
  'exported-feedback': 'Downloaded the feedback as CSV',
  'purged-feedback': 'Deleted feedback contact details past their time',
  'account-added': 'Account added',
  'account-removed': 'Account removed',
  'account-reset': 'Password reset: set-up link made, sessions ended',
  'password-set': 'Password set with a set-up link',
  'second-step-on': 'Turned on the second step (code) for signing in',
  'second-step-off': 'Turned off the second step (code) for signing in',
  'refused-csrf': 'A form without its security token was refused',
  'refused-role': 'Refused: page needs a role the account does not have',
  'report-imported': 'Brought in a Word file as a new draft report',
  'report-saved': 'Saved a report text',
  'report-save-refused': 'Save refused: someone else had saved the text since it was opened',
  'report-publish-asked': 'Asked for a report to be published',
  'report-restored': 'Restored an earlier version of a report',
  'report-picture-added': 'Added a picture to a report',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export interface AuditEntry {
  at: string;
  /** The staff member's email address, "command line" or "unknown account". */
  actor: string;
  action: AuditAction;
  /** A reference (REQ-…, FB-…) or an account's email address. */
  target?: string | null;
  /** The staff member's address (behind the proxy, their own). */
  address?: string | null;
  /** A count, a filter: never a reader's details. */
  detail?: string | null;
}

export function recordAudit(db: Db, entry: Omit<AuditEntry, 'at'>, now = new Date()): void {
  db.prepare('INSERT INTO audit (at, actor, action, target, address, detail) VALUES (?, ?, ?, ?, ?, ?)').run(
    now.toISOString(),
    entry.actor,
    entry.action,
    entry.target ?? null,
    entry.address ?? null,
    entry.detail ?? null,
  );
}

/** Newest first, a page at a time; optionally only the entries about one reference. */
export function listAudit(
  db: Db,
  options: { limit: number; offset: number; target?: string },
): { entries: AuditEntry[]; total: number } {
  const where = options.target ? 'WHERE target = @target' : '';
  const params = { target: options.target ?? null, limit: options.limit, offset: options.offset };
  const entries = db
    .prepare(
      `SELECT at, actor, action, target, address, detail FROM audit ${where} ORDER BY id DESC LIMIT @limit OFFSET @offset`,
    )
    .all(params) as AuditEntry[];
  const { total } = db.prepare(`SELECT count(*) AS total FROM audit ${where}`).get(params) as { total: number };
  return { entries, total };
}
