/**
 * Tells staff at once that a request or feedback arrived: a request nobody reads within the promised reply time is, for
 * the reader, lost. Each submission's notification is in the outbox table (written with the submission); this sender
 * delivers due ones by SMTP (nodemailer), marks each sent, and on failure tries again later with back-off (30 s, 1
 * min, 2 min … at most an hour), across restarts.
 *
 * The email names the reference, the format and the report, never the reader's details: mail is kept in inboxes long
 * after `done` deletes the details here. Staff look the reader up with `npm run requests -- show <ref>`.
 * Each email's Message-ID is fixed by its reference, so in the rare case a crash comes between the mail server taking
 * it and the outbox marking it sent, the copy sent again is recognisably the same message.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from './database.ts';
import { findSubmission, type Kind, type StoredFeedback, type StoredRequest } from './store.ts';

export interface NotifierOptions {
  /** smtp://user:password@host:587 or smtps://…; see nodemailer's connection URLs. */
  smtpUrl: string;
  /** Who is told. */
  to: string;
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

function message(
  kind: Kind,
  row: StoredRequest | StoredFeedback | undefined,
  ref: string,
): { subject: string; text: string } {
  if (kind === 'requests') {
    const request = row as StoredRequest | undefined;
    return {
      subject: `New request ${ref}: ${request?.format ?? 'a format'} of ${request?.report_title ?? 'a report'}`,
      text: `A reader has asked for ${request?.report_title ?? 'a report'} as: ${request?.format ?? '(see the request)'}.\nThey asked us to reply by ${request?.reply_by ?? '(see the request)'}.\n\nReference: ${ref}\nSee their details with: npm run requests -- show ${ref}\nWhen you have sent it: npm run requests -- done ${ref}\n`,
    };
  }
  const feedback = row as StoredFeedback | undefined;
  return {
    subject: `New feedback ${ref}${feedback?.may_contact ? ' (may be contacted)' : ''}`,
    text: `Someone has shared their thoughts.\n\nReference: ${ref}\nRead it with: npm run feedback -- show ${ref}\n`,
  };
}

export class Notifier {
  readonly #db: Db;
  readonly #options: Required<Omit<NotifierOptions, 'from'>> & { from: string };
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
      const { subject, text } = message(row.kind, findSubmission(this.#db, row.kind, row.ref), row.ref);
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
