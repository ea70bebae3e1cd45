/**
 * Reading and writing submissions. Each submission is stored whole in one transaction and only then given to the
 * reader as confirmed (the caller redirects to the confirmation page after save returns).
 */
import type { Db } from './database.ts';
import { flushDeletedData, newReference } from './database.ts';
import type { FeedbackValues, RequestValues } from './validation.ts';

// Type aliases, not interfaces, so a row passes where any row of SQLite values is taken (StoredRow).
export type StoredRequest = {
  ref: string;
  report_slug: string;
  report_title: string;
  format: string;
  reply_by: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  name: string | null;
  note: string | null;
  created_at: string;
  done_at: string | null;
  staff_note: string | null;
};
export type StoredFeedback = {
  ref: string;
  message: string;
  may_contact: number;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  created_at: string;
  done_at: string | null;
  staff_note: string | null;
};
/** Any stored row, column by column: SQLite gives text, numbers or null. */
export type StoredRow = Readonly<Record<string, string | number | null>>;

const orNull = (value: string): string | null => (value ? value : null);

/**
 * Inserts with a fresh reference, trying again in the (very unlikely) case the reference is taken. The notification
 * for staff goes into the outbox in the same transaction (see notifier.ts).
 */
function insertWithReference(db: Db, prefix: 'REQ' | 'FB', insert: (ref: string) => void, now: Date): string {
  const notify = db.prepare('INSERT INTO outbox (kind, ref, created_at, next_attempt_at) VALUES (?, ?, ?, ?)');
  const kind: Kind = prefix === 'REQ' ? 'requests' : 'feedback';
  for (let attempt = 0; attempt < 5; attempt++) {
    const ref = newReference(prefix);
    try {
      db.transaction(() => {
        insert(ref);
        notify.run(kind, ref, now.toISOString(), now.toISOString());
      })();
      return ref;
    } catch (err) {
      if (!(err instanceof Error && /UNIQUE constraint failed: \w+\.ref/.test(err.message))) throw err;
    }
  }
  throw new Error('could not find a free reference number');
}

export function saveRequest(
  db: Db,
  values: RequestValues,
  report: { slug: string; title: string },
  now = new Date(),
): string {
  const statement =
    db.prepare(`INSERT INTO requests (ref, report_slug, report_title, format, reply_by, email, phone, address, name, note, created_at)
    VALUES (@ref, @slug, @title, @format, @replyBy, @email, @phone, @address, @name, @note, @created)`);
  const format = values.storedFormat;
  // Only the reply route the reader chose is kept: nothing they typed into another route is stored.
  return insertWithReference(
    db,
    'REQ',
    (ref) =>
      statement.run({
        ref,
        slug: report.slug,
        title: report.title,
        format,
        replyBy: values.replyBy,
        email: values.replyBy === 'email' ? values.email : null,
        phone: values.replyBy === 'phone' || values.replyBy === 'text' ? values.phone : null,
        address: values.replyBy === 'post' ? values.address : null,
        name: orNull(values.name),
        note: orNull(values.note),
        created: now.toISOString(),
      }),
    now,
  );
}

export function saveFeedback(db: Db, values: FeedbackValues, now = new Date()): string {
  const statement =
    db.prepare(`INSERT INTO feedback (ref, message, may_contact, contact_name, contact_email, contact_phone, created_at)
    VALUES (@ref, @message, @mayContact, @name, @email, @phone, @created)`);
  const mayContact = values.mayContact === 'yes';
  // Contact details are kept only when the person said we may contact them.
  return insertWithReference(
    db,
    'FB',
    (ref) =>
      statement.run({
        ref,
        message: values.message,
        mayContact: mayContact ? 1 : 0,
        name: mayContact ? orNull(values.name) : null,
        email: mayContact ? orNull(values.email) : null,
        phone: mayContact ? orNull(values.phone) : null,
        created: now.toISOString(),
      }),
    now,
  );
}

export type Kind = 'requests' | 'feedback';

export function listSubmissions(
  db: Db,
  kind: Kind,
  options: { includeDone?: boolean } = {},
): Array<StoredRequest | StoredFeedback> {
  const where = options.includeDone ? '' : 'WHERE done_at IS NULL';
  return db.prepare(`SELECT * FROM ${kind} ${where} ORDER BY created_at, id`).all() as Array<
    StoredRequest | StoredFeedback
  >;
}

export function findSubmission(db: Db, kind: Kind, ref: string): StoredRequest | StoredFeedback | undefined {
  return db.prepare(`SELECT * FROM ${kind} WHERE ref = ?`).get(ref.trim().toUpperCase()) as
    StoredRequest | StoredFeedback | undefined;
}

/** The columns holding what identifies a reader: emptied when they are no longer needed. */
const PERSONAL: Record<Kind, string[]> = {
  requests: ['email', 'phone', 'address', 'name', 'note'],
  feedback: ['contact_name', 'contact_email', 'contact_phone'],
};
const forget = (kind: Kind): string => PERSONAL[kind].map((column) => `${column} = NULL`).join(', ');

/**
 * Marks a submission done and deletes the reader's details at once (the forms promise it): what is left — format,
 * report, dates, reference — is enough to count and to answer "did you get my request?".
 */
export function markDone(db: Db, kind: Kind, ref: string, now = new Date()): boolean {
  const done =
    db
      .prepare(`UPDATE ${kind} SET done_at = ?, ${forget(kind)} WHERE ref = ? AND done_at IS NULL`)
      .run(now.toISOString(), ref.trim().toUpperCase()).changes === 1;
  if (done) flushDeletedData(db);
  return done;
}

/** Staff's own note on a submission (empty text removes it). Kept after `done`: it must not hold the reader's details. */
export function saveStaffNote(db: Db, kind: Kind, ref: string, note: string): boolean {
  return (
    db.prepare(`UPDATE ${kind} SET staff_note = ? WHERE ref = ?`).run(note.trim() || null, ref.trim().toUpperCase())
      .changes === 1
  );
}

/** Deletes feedback senders' contact details older than `keepDays`; returns how many submissions it emptied. */
export function purgeExpired(db: Db, keepDays: number, now = new Date()): number {
  const before = new Date(now.getTime() - keepDays * 24 * 60 * 60 * 1000).toISOString();
  const anyContact = PERSONAL.feedback.map((column) => `${column} IS NOT NULL`).join(' OR ');
  const emptied = db
    .prepare(`UPDATE feedback SET ${forget('feedback')} WHERE created_at < ? AND (${anyContact})`)
    .run(before).changes;
  if (emptied) flushDeletedData(db);
  return emptied;
}
