/**
 * Tells staff at once that a request or feedback arrived: a request nobody reads within the promised reply time is, for
 * the reader, lost. Each submission's notification is in the outbox table (written with the submission); this sender
 * delivers due ones by SMTP (nodemailer), marks each sent, and on failure tries again later with back-off (30 s, 1
 * min, 2 min … at most an hour), across restarts.
 *
 * The email names the reference, the format and the report, never the reader's details: mail is kept in inboxes long
 * after `done` deletes the details here. The email links to the submission's page on the staff desk (/staff/), where
 * a signed-in staff member sees the details; without a site address, it names the command instead.
 * Each email's Message-ID is fixed by its reference, so in the rare case a crash comes between the mail server taking
 * it and the outbox marking it sent, the copy sent again is recognisably the same message.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from './database.ts';
import { findSubmission, type Kind, type StoredFeedback, type StoredRequest } from './store.ts';
import { UNSAFE_CHARACTERS } from './csv.ts';

export interface NotifierOptions {
  /** smtp://user:password@host:587 or smtps://…; see nodemailer's connection URLs. */
  smtpUrl: string;
  /** Who is told. */
  to: string;
  /** The site's public address (site.yml url): each email links to the submission's page on the staff desk. */
  deskUrl?: string;
  /** Sender address (default: `to`). */
  from?: string;
  /** First retry delay; doubled on each failure up to an hour. */
  retryMs?: number;
  /** How often due notifications are looked for besides when one is added. */
  pollMs?: number;
  log?: (line: string) => void;
}

interface OutboxRow {
  id: number;
  kind: Kind;
  ref: string;
  attempts: number;
}

const MAX_RETRY_MS = 60 * 60 * 1000;

/**
 * Text from a submission made safe for a mail header: line breaks and other control characters (a "format" typed by
 * a reader as "Braille\r\nBcc: …") would otherwise start a header of their own; bidirectional overrides are removed
 * as in the CSV export. Nodemailer encodes headers too; this keeps the subject one plain line whatever it does.
 */
export function headerText(value: string, max = 150): string {
  const text = value
    .replace(UNSAFE_CHARACTERS, ' ')
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return [...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text;
}

function message(
  kind: Kind,
  row: StoredRequest | StoredFeedback | undefined,
  ref: string,
  deskUrl: string | undefined,
): { subject: string; text: string } {
  const onDesk = (path: string, command: string): string =>
    deskUrl
      ? `Open it on the staff desk (sign in first):\n${new URL(path, deskUrl).href}\n`
      : `See it with: ${command}\n`;
  if (kind === 'requests') {
    const request = row as StoredRequest | undefined;
    const format = headerText(request?.format ?? 'a format');
    const title = headerText(request?.report_title ?? 'a report');
    return {
      subject: `New request ${ref}: ${format} of ${title}`,
      text: `A reader has asked for ${title} as: ${format}.\nThey asked us to reply by ${request?.reply_by ?? '(see the request)'}.\n\nReference: ${ref}\n${onDesk(`/staff/requests/${ref}/`, `npm run requests -- show ${ref}`)}`,
    };
  }
  const feedback = row as StoredFeedback | undefined;
  return {
    subject: `New feedback ${ref}${feedback?.may_contact ? ' (may be contacted)' : ''}`,
    text: `Someone has shared their thoughts.\n\nReference: ${ref}\n${onDesk(`/staff/feedback/${ref}/`, `npm run feedback -- show ${ref}`)}`,
  };
}

export class Notifier {
  readonly #db: Db;
  readonly #options: Required<Omit<NotifierOptions, 'from' | 'deskUrl'>> & { from: string; deskUrl?: string };
  readonly #transport: Transporter;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;

  constructor(db: Db, options: NotifierOptions) {
    this.#db = db;
    this.#options = { retryMs: 30_000, pollMs: 30_000, log: () => {}, ...options, from: options.from ?? options.to };
    this.#transport = nodemailer.createTransport(options.smtpUrl);
  }

  start(): void {
    this.kick();
    this.#timer = setInterval(() => this.kick(), this.#options.pollMs).unref();
  }

  /** Look for due notifications now (after a submission is stored). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#deliverDue().finally(() => {
      this.#running = undefined;
      if (this.#again) {
        this.#again = false;
        this.kick();
      }
    });
  }

  /** Resolves when no delivery is in progress (tests). */
  async settled(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.settled();
    this.#transport.close();
  }

  async #deliverDue(): Promise<void> {
    const due = this.#db
      .prepare('SELECT id, kind, ref, attempts FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY id')
      .all(new Date().toISOString()) as OutboxRow[];
    for (const row of due) {
      if (this.#stopped) return;
      const { subject, text } = message(
        row.kind,
        findSubmission(this.#db, row.kind, row.ref),
        row.ref,
        this.#options.deskUrl,
      );
      try {
        await this.#transport.sendMail({
          from: this.#options.from,
          to: this.#options.to,
          subject,
          text,
          messageId: `<${row.ref}@reports.notification>`,
        });
        this.#db
          .prepare('UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?')
          .run(new Date().toISOString(), row.id);
      } catch (err) {
        const wait = Math.min(this.#options.retryMs * 2 ** row.attempts, MAX_RETRY_MS);
        const reason = err instanceof Error ? err.message : String(err);
        this.#db
          .prepare('UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?')
          .run(new Date(Date.now() + wait).toISOString(), reason, row.id);
        this.#options.log(
          `Could not email the notification for ${row.ref} (${reason}); trying again in ${Math.round(wait / 1000)} s.`,
        );
      }
    }
  }
}

/** Notifications not yet delivered (for the editors' commands and tests). */
export function pendingNotifications(db: Db): Array<{ ref: string; attempts: number; last_error: string | null }> {
  return db.prepare('SELECT ref, attempts, last_error FROM outbox WHERE sent_at IS NULL ORDER BY id').all() as Array<{
    ref: string;
    attempts: number;
    last_error: string | null;
  }>;
}
