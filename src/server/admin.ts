/** The editors' commands over stored requests and feedback: list, show, mark done, export as safe CSV. */
import { openDatabase, type Db } from './database.ts';
import { dueOf, summariseYear, type Due } from './inbox.ts';
import { findSubmission, listSubmissions, markDone, purgeExpired, type Kind, type StoredRow } from './store.ts';
import { terminalText, toCsv } from './csv.ts';
import { holidaysKnownUntil, londonDate } from './working-days.ts';

const USAGE = (kind: Kind): string => `Usage:
  npm run ${kind} -- list            the ${kind} not yet done${kind === 'requests' ? ', with the date each is due' : ''}
  npm run ${kind} -- list --all      all of them${
    kind === 'requests'
      ? `
  npm run requests -- list --overdue the requests past their due date
  npm run requests -- summary --year 2026   requests per format, time to reply, how many overdue`
      : ''
  }
  npm run ${kind} -- show <ref>      one, in full
  npm run ${kind} -- done <ref>      mark one as done (the reader's contact details are deleted)
  npm run ${kind} -- purge           delete feedback contact details past the days in site.yml
  npm run ${kind} -- export --csv    all of them as CSV (safe to open in a spreadsheet)`;

/** One line per submission; everything a reader typed goes through terminalText. */
function summary(kind: Kind, row: StoredRow): string {
  const when = String(row.created_at).slice(0, 16).replace('T', ' ');
  const done = row.done_at ? ' (done)' : '';
  const message = String(row.message ?? '').replace(/\s+/g, ' ');
  return kind === 'requests'
    ? `${row.ref}  ${when}  ${terminalText(row.format)} — ${terminalText(row.report_title)} — reply by ${row.reply_by}${done}`
    : `${row.ref}  ${when}  ${terminalText(message.slice(0, 60))}${message.length > 60 ? '…' : ''}${row.may_contact ? ' — may contact' : ''}${done}`;
}

/** From the site's settings (site.yml, requests:). */
export interface AdminSettings {
  keepFeedbackContactDays: number;
  replyWorkingDays: number;
}
const DEFAULT_ADMIN_SETTINGS: AdminSettings = { keepFeedbackContactDays: 90, replyWorkingDays: 5 };

/** A request's due date, and whether it is overdue (open past it, or done after it). */
const due = (row: StoredRow, days: number): Due =>
  dueOf(String(row.created_at), row.done_at === null ? null : String(row.done_at), days);

export function runSubmissions(
  kind: Kind,
  args: readonly string[],
  dataDir: string,
  out: (line: string) => void,
  settings: AdminSettings = DEFAULT_ADMIN_SETTINGS,
): number {
  const { keepFeedbackContactDays, replyWorkingDays } = settings;
  const [command, arg] = args;
  const db = openDatabase(dataDir);
  try {
    switch (command) {
      case 'list': {
        const overdueOnly = args.includes('--overdue');
        let rows = listSubmissions(db, kind, { includeDone: args.includes('--all') });
        if (overdueOnly) rows = rows.filter((row) => !row.done_at && due(row, replyWorkingDays).overdue);
        if (rows.length === 0)
          out(`No ${kind} ${overdueOnly ? 'overdue' : args.includes('--all') ? 'yet' : 'waiting'}.`);
        for (const row of rows) {
          const when = kind === 'requests' && !row.done_at ? due(row, replyWorkingDays) : undefined;
          out(`${summary(kind, row)}${when ? `  — due ${when.date}${when.overdue ? ' (OVERDUE)' : ''}` : ''}`);
        }
        if (kind === 'requests' && holidaysKnownUntil() < londonDate(new Date()))
          out(
            `Note: the bank holidays list ends ${holidaysKnownUntil()}; due dates after it count weekends only (see docs/deploying.md).`,
          );
        return 0;
      }
      case 'summary': {
        const year = args[args.indexOf('--year') + 1] ?? String(new Date().getFullYear());
        if (kind !== 'requests' || !/^\d{4}$/.test(year)) break;
        for (const line of yearSummary(db, year, replyWorkingDays)) out(line);
        return 0;
      }
      case 'show': {
        const row = arg ? findSubmission(db, kind, arg) : undefined;
        if (!row) {
          out(`No ${kind === 'requests' ? 'request' : 'feedback'} has the reference ${arg ?? '(none given)'}.`);
          return 2;
        }
        for (const [key, value] of Object.entries(row))
          if (key !== 'id' && value !== null) out(`${key.replace(/_/g, ' ')}: ${terminalText(value)}`);
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
        out(
          `Deleted the contact details of ${emptied} feedback ${emptied === 1 ? 'submission' : 'submissions'} older than ${keepFeedbackContactDays} days.`,
        );
        return 0;
      }
      case 'export':
        if (!args.includes('--csv')) break;
        out(toCsv(listSubmissions(db, kind, { includeDone: true })).trimEnd());
        return 0;
      default:
        break;
    }
    out(USAGE(kind));
    return 1;
  } finally {
    db.close();
  }
}

/** The yearly summary as lines for a terminal (the staff desk shows the same figures as a table and a chart). */
export function yearSummary(db: Db, year: string, replyWorkingDays: number, today = londonDate(new Date())): string[] {
  const summary = summariseYear(db, year, replyWorkingDays, today);
  if (summary.total === 0) return [`No requests in ${year}.`];
  return [
    `Requests for other formats in ${year}: ${summary.total} (${summary.open} not yet done)`,
    ...summary.perFormat.map(({ format, count }) => `  ${terminalText(format)}: ${count}`),
    summary.replied
      ? `Time to reply (working days): median ${summary.medianReplyDays}, longest ${summary.longestReplyDays} (${summary.replied} replied)`
      : 'Time to reply: none replied yet',
    `Past the promised ${replyWorkingDays} working days: ${summary.overdue} of ${summary.total}`,
  ];
}
