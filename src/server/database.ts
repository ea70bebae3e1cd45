/**
 * Where requests and feedback are kept: one SQLite file (better-sqlite3 12; 13 crashes on Node 20), WAL mode so reads
 * never wait for a write, and schema migrations in code, applied in order and recorded in PRAGMA user_version.
 * Nothing about the sender's device is stored: no IP address, no browser details.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
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
];

export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'submissions.sqlite'));
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

/** Letters and digits that cannot be confused when read out on the phone (no 0/O, 1/I/L, 5/S, 2/Z, 8/B). */
const REF_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';

/** "REQ-7KM3-QX9D": easy to read aloud and type, random enough not to be guessed. */
export function newReference(prefix: 'REQ' | 'FB'): string {
  const part = (): string => Array.from({ length: 4 }, () => REF_ALPHABET[randomInt(REF_ALPHABET.length)]).join('');
  return `${prefix}-${part()}-${part()}`;
}
