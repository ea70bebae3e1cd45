/** The editors' commands over stored requests and feedback: list, show, mark done, export as safe CSV. */
import { openDatabase } from './database.ts';
import { findSubmission, listSubmissions, markDone, purgeExpired, type Kind } from './store.ts';
import { terminalText, toCsv } from './csv.ts';

const USAGE = (kind: Kind): string => `Usage:
  npm run ${kind} -- list            the ${kind} not yet done
  npm run ${kind} -- list --all      all of them
  npm run ${kind} -- show <ref>      one, in full
  npm run ${kind} -- done <ref>      mark one as done (the reader's contact details are deleted)
  npm run ${kind} -- purge           delete feedback contact details past the days in site.yml
  npm run ${kind} -- export --csv    all of them as CSV (safe to open in a spreadsheet)`;

/** One line per submission; everything a reader typed goes through terminalText. */
function summary(kind: Kind, row: Record<string, unknown>): string {
  const when = String(row.created_at).slice(0, 16).replace('T', ' ');
  const done = row.done_at ? ' (done)' : '';
  const message = String(row.message ?? '').replace(/\s+/g, ' ');
  return kind === 'requests'
    ? `${row.ref}  ${when}  ${terminalText(row.format)} — ${terminalText(row.report_title)} — reply by ${row.reply_by}${done}`
    : `${row.ref}  ${when}  ${terminalText(message.slice(0, 60))}${message.length > 60 ? '…' : ''}${row.may_contact ? ' — may contact' : ''}${done}`;
}

/** `keepFeedbackContactDays` comes from the site's settings (requests.keepFeedbackContactDays). */
export function runSubmissions(kind: Kind, args: readonly string[], dataDir: string, out: (line: string) => void, keepFeedbackContactDays = 90): number {
  const [command, arg] = args;
  const db = openDatabase(dataDir);
  try {
    switch (command) {
      case 'list': {
        const rows = listSubmissions(db, kind, { includeDone: args.includes('--all') }) as unknown as Array<Record<string, unknown>>;
        if (rows.length === 0) out(`No ${kind} ${args.includes('--all') ? 'yet' : 'waiting'}.`);
        for (const row of rows) out(summary(kind, row));
        return 0;
      }
      case 'show': {
        const row = arg ? (findSubmission(db, kind, arg) as unknown as Record<string, unknown> | undefined) : undefined;
        if (!row) {
          out(`No ${kind === 'requests' ? 'request' : 'feedback'} has the reference ${arg ?? '(none given)'}.`);
          return 2;
        }
        for (const [key, value] of Object.entries(row)) if (key !== 'id' && value !== null) out(`${key.replace(/_/g, ' ')}: ${terminalText(value)}`);
        return 0;
      }
      case 'done':
        if (!arg) break;
        if (markDone(db, kind, arg)) {
          out(`${arg.toUpperCase()} is marked as done, and the reader's contact details are deleted.`);
          return 0;
        }
        out(`No open ${kind === 'requests' ? 'request' : 'feedback'} has the reference ${arg}.`);
        return 2;
      case 'purge': {
        const emptied = purgeExpired(db, keepFeedbackContactDays);
        out(`Deleted the contact details of ${emptied} feedback ${emptied === 1 ? 'submission' : 'submissions'} older than ${keepFeedbackContactDays} days.`);
        return 0;
      }
      case 'export':
        if (!args.includes('--csv')) break;
        out(toCsv(listSubmissions(db, kind, { includeDone: true }) as unknown as Array<Record<string, unknown>>).trimEnd());
        return 0;
    }
    out(USAGE(kind));
    return 1;
  } finally {
    db.close();
  }
}

