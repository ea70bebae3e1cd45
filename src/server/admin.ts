/** The editors' commands over stored requests and feedback: list, show, mark done, export as safe CSV. */
import { openDatabase } from './database.ts';
import { findSubmission, listSubmissions, markDone, purgeExpired, type Kind, type StoredRow } from './store.ts';
import { terminalText, toCsv } from './csv.ts';
import { dueDate, holidaysKnownUntil, londonDate, workingDaysBetween } from './working-days.ts';

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
function due(row: StoredRow, days: number, today = londonDate(new Date())): { date: string; overdue: boolean } {
  const date = dueDate(new Date(String(row.created_at)), days);
  const doneOn = row.done_at ? londonDate(new Date(String(row.done_at))) : undefined;
  return { date, overdue: doneOn ? doneOn > date : today > date };
}

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
        for (const line of yearSummary(listSubmissions(db, 'requests', { includeDone: true }), year, replyWorkingDays))
          out(line);
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

/** The figures an accessible-information self-assessment asks for, for one year's requests. */
export function yearSummary(
  rows: ReadonlyArray<StoredRow>,
  year: string,
  replyWorkingDays: number,
  today = londonDate(new Date()),
): string[] {
  const inYear = rows.filter((row) => londonDate(new Date(String(row.created_at))).startsWith(`${year}-`));
  if (inYear.length === 0) return [`No requests in ${year}.`];
  const perFormat = new Map<string, number>();
  // Counted by the format chosen, without its follow-up answer ("Braille on paper", not "… (grade 1)").
  for (const row of inYear) {
    const format = String(row.format).replace(/ \([^)]*\)$/, '');
    perFormat.set(format, (perFormat.get(format) ?? 0) + 1);
  }
  const replyDays = inYear
    .filter((row) => row.done_at)
    .map((row) =>
      workingDaysBetween(londonDate(new Date(String(row.created_at))), londonDate(new Date(String(row.done_at)))),
    )
    .sort((a, b) => a - b);
  const middle = Math.floor(replyDays.length / 2);
  const median =
    replyDays.length === 0
      ? undefined
      : replyDays.length % 2
        ? replyDays[middle]!
        : (replyDays[middle - 1]! + replyDays[middle]!) / 2;
  const overdue = inYear.filter((row) => due(row, replyWorkingDays, today).overdue).length;
  const open = inYear.filter((row) => !row.done_at).length;
  return [
    `Requests for other formats in ${year}: ${inYear.length} (${open} not yet done)`,
    ...[...perFormat]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([format, count]) => `  ${terminalText(format)}: ${count}`),
    replyDays.length
      ? `Time to reply (working days): median ${median}, longest ${replyDays.at(-1)} (${replyDays.length} replied)`
      : 'Time to reply: none replied yet',
    `Past the promised ${replyWorkingDays} working days: ${overdue} of ${inYear.length}`,
  ];
}
