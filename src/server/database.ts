/**
 * Where requests and feedback are kept: one SQLite file (better-sqlite3 12; 13 crashes on Node 20), WAL mode so reads
 * never wait for a write, and schema migrations in code, applied in order and recorded in PRAGMA user_version.
 * Nothing about the sender's device is stored: no IP address, no browser details.
 */
import Database from 'better-sqlite3';
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import path from 'node:path';
import { randomInt } from 'node:crypto';

export type Db = Database.Database;

/** Each migration runs once, in order, in a transaction. Never edit one that has shipped: add another. */
const MIGRATIONS: string[] = [
  `CREATE TABLE requests (
     id INTEGER PRIMARY KEY,
     ref TEXT NOT NULL UNIQUE,
     report_slug TEXT NOT NULL,
     report_title TEXT NOT NULL,
     format TEXT NOT NULL,
     reply_by TEXT NOT NULL CHECK (reply_by IN ('email', 'phone', 'text', 'post')),
     email TEXT, phone TEXT, address TEXT,
     name TEXT, note TEXT,
     created_at TEXT NOT NULL,
     done_at TEXT
   );
   CREATE TABLE feedback (
     id INTEGER PRIMARY KEY,
     ref TEXT NOT NULL UNIQUE,
     message TEXT NOT NULL,
     may_contact INTEGER NOT NULL CHECK (may_contact IN (0, 1)),
     contact_name TEXT, contact_email TEXT, contact_phone TEXT,
     created_at TEXT NOT NULL,
     done_at TEXT
   );`,
  // Staff are told of each new submission by email. The notification is written in the same transaction as the
  // submission, so none is lost between storing and telling; the sender marks it sent.
  `CREATE TABLE outbox (
     id INTEGER PRIMARY KEY,
     kind TEXT NOT NULL CHECK (kind IN ('requests', 'feedback')),
     ref TEXT NOT NULL,
     created_at TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at TEXT NOT NULL,
     sent_at TEXT,
     last_error TEXT,
     UNIQUE (kind, ref)
   );
   CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL;`,
  // The staff desk (src/server/staff/): accounts, server-side sessions, one-time set-up links, failed sign-ins per
  // account, staff notes on submissions, and the audit trail. Secrets (session ids, set-up tokens) are stored only as
  // SHA-256 hashes, so a copy of the database cannot be used to sign in. The audit trail cannot be changed or
  // deleted through SQL (triggers), so nobody can tidy it from the desk or by accident.
  `CREATE TABLE staff (
     id INTEGER PRIMARY KEY,
     email TEXT NOT NULL UNIQUE COLLATE NOCASE,
     password_hash TEXT,
     roles TEXT NOT NULL DEFAULT 'requests',
     totp_secret TEXT,
     totp_last_step INTEGER,
     created_at TEXT NOT NULL,
     signed_in_at TEXT
   );
   CREATE TABLE staff_sessions (
     id_hash TEXT PRIMARY KEY,
     staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
     csrf TEXT NOT NULL,
     created_at TEXT NOT NULL,
     seen_at TEXT NOT NULL,
     second_step_done INTEGER NOT NULL CHECK (second_step_done IN (0, 1))
   );
   CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id);
   CREATE TABLE staff_setup_links (
     token_hash TEXT PRIMARY KEY,
     staff_id INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
     expires_at TEXT NOT NULL
   );
   CREATE TABLE sign_in_failures (
     account_hash TEXT NOT NULL,
     at TEXT NOT NULL
   );
   CREATE INDEX sign_in_failures_by_account ON sign_in_failures (account_hash, at);
   CREATE TABLE audit (
     id INTEGER PRIMARY KEY,
     at TEXT NOT NULL,
     actor TEXT NOT NULL,
     action TEXT NOT NULL,
     target TEXT,
     address TEXT,
     detail TEXT
   );
   CREATE TRIGGER audit_kept_as_written BEFORE UPDATE ON audit
     BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;
   CREATE TRIGGER audit_never_deleted BEFORE DELETE ON audit
     BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be deleted'); END;
   ALTER TABLE requests ADD COLUMN staff_note TEXT;
   ALTER TABLE feedback ADD COLUMN staff_note TEXT;
   CREATE INDEX requests_by_date ON requests (created_at);
   CREATE INDEX feedback_by_date ON feedback (created_at);`,
  // The editor desk (src/editor/): which commit of the content's history each report was published at, and the
  // background jobs (previews and publishes), one running at a time, whose state and log outlive a page reload.
  `CREATE TABLE publications (
     id INTEGER PRIMARY KEY,
     slug TEXT NOT NULL,
     commit_id TEXT NOT NULL,
     note TEXT NOT NULL,
     published_by TEXT NOT NULL,
     published_at TEXT NOT NULL
   );
   CREATE INDEX publications_by_slug ON publications (slug, id);
   CREATE TABLE editor_jobs (
     id INTEGER PRIMARY KEY,
     kind TEXT NOT NULL CHECK (kind IN ('preview', 'publish')),
     slug TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
     requested_by TEXT NOT NULL,
     note TEXT,
     commit_id TEXT,
     created_at TEXT NOT NULL,
     started_at TEXT,
     finished_at TEXT,
     stage TEXT,
     log TEXT NOT NULL DEFAULT '',
     problems TEXT
   );
   CREATE INDEX editor_jobs_by_state ON editor_jobs (state, id);`,
];

/**
 * The data folder and the database file, owner-only whoever starts the server (not only the systemd unit): the folder
 * is made 0700 and the file 0600 before SQLite opens it. SQLite gives its -wal and -shm files the database file's
 * permissions, so they are owner-only too. A file found readable by others is made owner-only.
 */
function ownerOnlyFile(dataDir: string, file: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if (statSync(f).mode & 0o077) chmodSync(f, 0o600);
    } catch {
      // -wal and -shm exist only while a connection is open
    }
  }
}

/** The schema version a database is brought to (PRAGMA user_version after migrate). */
export const SCHEMA_VERSION = MIGRATIONS.length;

export function openDatabase(dataDir: string): Db {
  const file = path.join(dataDir, 'submissions.sqlite');
  ownerOnlyFile(dataDir, file);
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  // FULL: a submission confirmed to the reader survives a power cut (NORMAL in WAL mode may lose the last ones).
  db.pragma('synchronous = FULL');
  // Deleted personal data is overwritten in the file, not left in free pages.
  db.pragma('secure_delete = ON');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/**
 * Brings the schema up to date. Each step takes the write lock first (BEGIN IMMEDIATE) and reads the version again
 * inside it, so two processes starting on a fresh data folder do not both create the tables.
 */
export function migrate(db: Db): number {
  const step = db.transaction((): boolean => {
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version >= MIGRATIONS.length) return false;
    db.exec(MIGRATIONS[version]!);
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  while (step.immediate()) {
    // one migration per transaction, until none is left
  }
  return MIGRATIONS.length;
}

/**
 * Writes what is in the WAL file into the database file and empties the WAL (to zero bytes): called after personal
 * data is deleted, because until then the WAL still holds the pages as they were, the reader's details with them,
 * for as long as the server runs. With secure_delete on, the database file's copy is overwritten at the same time.
 * Returns false when another connection was reading and the WAL could not be emptied (it is emptied next time).
 */
export function flushDeletedData(db: Db): boolean {
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>;
  return !result || result.busy === 0;
}

/** Letters and digits that cannot be confused when read out on the phone (no 0/O, 1/I/L, 5/S, 2/Z, 8/B). */
const REF_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';

/** Whether `value` has the shape of a reference newReference makes (of the given kind, or of either). */
export function isReference(value: string, prefix?: 'REQ' | 'FB'): boolean {
  return new RegExp(`^(${prefix ?? 'REQ|FB'})-[A-Z0-9]{4}-[A-Z0-9]{4}$`).test(value);
}

/** "REQ-7KM3-QX9D": easy to read aloud and type, random enough not to be guessed. */
export function newReference(prefix: 'REQ' | 'FB'): string {
  const part = (): string => Array.from({ length: 4 }, () => REF_ALPHABET[randomInt(REF_ALPHABET.length)]).join('');
  return `${prefix}-${part()}-${part()}`;
}
