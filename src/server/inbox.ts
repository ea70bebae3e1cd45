/**
 * The requests and feedback as data for the staff desk (and the yearly summary for the desk and the terminal):
 * filtered, dated in working days, ordered with what needs doing first, a page at a time. Lists never carry a
 * reader's contact details: only the request's own page shows them, and that view is audited.
 */
import type { Db } from './database.ts';
import { dueDate, londonDate, workingDaysBetween } from './working-days.ts';

export const INBOX_PAGE_SIZE = 50;

export const REQUEST_STATES = ['open', 'overdue', 'done', 'all'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
export const FEEDBACK_STATES = ['open', 'done', 'all'] as const;
export type FeedbackState = (typeof FEEDBACK_STATES)[number];

/** "Braille on paper (uncontracted, grade 1)" → "Braille on paper": the format without its follow-up answer. */
export const baseFormat = (format: string): string => format.replace(/ \([^)]*\)$/, '');

export interface Due {
  /** The date a reply is due (London). */
  date: string;
  overdue: boolean;
  /** Working days from today to the due date. Only for open requests not yet overdue. */
  workingDaysLeft?: number;
}

/** Overdue: still open past its due date, or done after it. */
const isOverdue = (due: string, doneOn: string | undefined, today: string): boolean =>
  doneOn ? doneOn > due : today > due;

/** A request's due date and whether it is (or was, when done) overdue. */
export function dueOf(
  createdAt: string,
  doneAt: string | null,
  replyWorkingDays: number,
  today = londonDate(new Date()),
): Due {
  const date = dueDate(new Date(createdAt), replyWorkingDays);
  if (doneAt) return { date, overdue: isOverdue(date, londonDate(new Date(doneAt)), today) };
  // An overdue request says since when; counting the working days since would walk every day since it arrived.
  return today > date
    ? { date, overdue: true }
    : { date, overdue: false, workingDaysLeft: workingDaysBetween(today, date) };
}

/**
 * London dates of stored instants (ISO strings in UTC). London's clock changes on the hour (01:00 UTC), so every
 * instant in one UTC hour has the same London date: one Intl call per hour, not per row (Intl is the costly part).
 */
function londonDays(): (iso: string) => string {
  const dayByHour = new Map<string, string>();
  return (iso) => {
    const hour = iso.slice(0, 13);
    let day = dayByHour.get(hour);
    if (!day) {
      day = londonDate(new Date(iso));
      dayByHour.set(hour, day);
    }
    return day;
  };
}

/**
 * Due dates by day of arrival: requests that arrived on the same London day are due on the same day, so a year of
 * requests needs a few hundred date calculations, not one each.
 */
function dueDates(replyWorkingDays: number): (createdAt: string) => string {
  const byArrival = new Map<string, string>();
  const londonDay = londonDays();
  return (createdAt) => {
    const arrived = londonDay(createdAt);
    let date = byArrival.get(arrived);
    if (!date) {
      date = dueDate(new Date(createdAt), replyWorkingDays);
      byArrival.set(arrived, date);
    }
    return date;
  };
}

export interface InboxRequest {
  ref: string;
  reportSlug: string;
  reportTitle: string;
  format: string;
  replyBy: string;
  createdAt: string;
  doneAt: string | null;
  due: Due;
}

export interface RequestFilters {
  state: RequestState;
  format?: string | undefined;
  report?: string | undefined;
  page: number;
}

export interface InboxPage<T> {
  rows: T[];
  /** Rows matching the filters, on every page. */
  total: number;
  page: number;
  pages: number;
}

type RequestRow = {
  ref: string;
  report_slug: string;
  report_title: string;
  format: string;
  reply_by: string;
  created_at: string;
  done_at: string | null;
};

function paged<T>(rows: T[], page: number): InboxPage<T> {
  const pages = Math.max(1, Math.ceil(rows.length / INBOX_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  return {
    rows: rows.slice((current - 1) * INBOX_PAGE_SIZE, current * INBOX_PAGE_SIZE),
    total: rows.length,
    page: current,
    pages,
  };
}

/**
 * Requests matching the filters: overdue ones first (the longest overdue at the top), then the newest. Due dates are
 * worked out once per day of arrival, so thousands of requests cost a few milliseconds.
 */
export function requestInbox(
  db: Db,
  filters: RequestFilters,
  replyWorkingDays: number,
  today = londonDate(new Date()),
): InboxPage<InboxRequest> & { overdueOpen: number; open: number } {
  const where: string[] = [];
  const params: Record<string, string> = {};
  if (filters.state === 'done') where.push('done_at IS NOT NULL');
  if (filters.state === 'open' || filters.state === 'overdue') where.push('done_at IS NULL');
  if (filters.report) {
    where.push('report_slug = @report');
    params.report = filters.report;
  }
  const found = db
    .prepare(
      `SELECT ref, report_slug, report_title, format, reply_by, created_at, done_at FROM requests
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC`,
    )
    .all(params) as RequestRow[];
  const dueOn = dueDates(replyWorkingDays);
  const londonDay = londonDays();
  const rows: InboxRequest[] = [];
  for (const row of found) {
    if (filters.format && baseFormat(row.format) !== filters.format) continue;
    const date = dueOn(row.created_at);
    const due: Due = { date, overdue: isOverdue(date, row.done_at ? londonDay(row.done_at) : undefined, today) };
    if (filters.state === 'overdue' && !due.overdue) continue;
    rows.push({
      ref: row.ref,
      reportSlug: row.report_slug,
      reportTitle: row.report_title,
      format: row.format,
      replyBy: row.reply_by,
      createdAt: row.created_at,
      doneAt: row.done_at,
      due,
    });
  }
  const waiting = (r: InboxRequest): boolean => !r.doneAt && r.due.overdue;
  // Overdue and open first, longest overdue first; the rest stay newest first (the query's order; sort is stable).
  rows.sort((a, b) =>
    waiting(a) !== waiting(b) ? (waiting(a) ? -1 : 1) : waiting(a) ? a.due.date.localeCompare(b.due.date) : 0,
  );
  const result = paged(rows, filters.page);
  // Working days left only for the rows shown: counting them is the costly part.
  for (const r of result.rows) if (!r.doneAt) r.due = dueOf(r.createdAt, null, replyWorkingDays, today);
  const counts = db.prepare('SELECT count(*) AS open FROM requests WHERE done_at IS NULL').get() as { open: number };
  const overdueOpen = countOverdue(db, replyWorkingDays, today);
  return { ...result, open: counts.open, overdueOpen };
}

/** Open requests past their due date, whatever the filters. */
function countOverdue(db: Db, replyWorkingDays: number, today: string): number {
  const open = db.prepare('SELECT created_at FROM requests WHERE done_at IS NULL').all() as Array<{
    created_at: string;
  }>;
  const dueOn = dueDates(replyWorkingDays);
  return open.filter(({ created_at }) => today > dueOn(created_at)).length;
}

/** The formats and reports requests have been made for: the inbox's filter choices. */
export function requestFilterChoices(db: Db): { formats: string[]; reports: Array<{ slug: string; title: string }> } {
  const formats = new Set(
    (db.prepare('SELECT DISTINCT format FROM requests').all() as Array<{ format: string }>).map((r) =>
      baseFormat(r.format),
    ),
  );
  const reports = db
    .prepare('SELECT report_slug AS slug, max(report_title) AS title FROM requests GROUP BY report_slug ORDER BY title')
    .all() as Array<{ slug: string; title: string }>;
  return { formats: [...formats].sort((a, b) => a.localeCompare(b)), reports };
}

export interface InboxFeedback {
  ref: string;
  /** The first words of the message. */
  preview: string;
  mayContact: boolean;
  createdAt: string;
  doneAt: string | null;
}

export function feedbackInbox(db: Db, filters: { state: FeedbackState; page: number }): InboxPage<InboxFeedback> {
  const where =
    filters.state === 'open' ? 'WHERE done_at IS NULL' : filters.state === 'done' ? 'WHERE done_at IS NOT NULL' : '';
  const rows = (
    db
      .prepare(
        `SELECT ref, substr(message, 1, 160) AS preview, may_contact, created_at, done_at FROM feedback ${where} ORDER BY created_at DESC, id DESC`,
      )
      .all() as Array<{ ref: string; preview: string; may_contact: number; created_at: string; done_at: string | null }>
  ).map((r) => ({
    ref: r.ref,
    preview: r.preview.replace(/\s+/g, ' ').trim(),
    mayContact: r.may_contact === 1,
    createdAt: r.created_at,
    doneAt: r.done_at,
  }));
  return paged(rows, filters.page);
}

export interface YearSummary {
  year: string;
  total: number;
  open: number;
  /** Requests per format (without follow-up answers), most requested first. */
  perFormat: Array<{ format: string; count: number }>;
  replied: number;
  medianReplyDays?: number | undefined;
  longestReplyDays?: number | undefined;
  overdue: number;
  replyWorkingDays: number;
}

/** The figures an accessible-information self-assessment asks for, for one year's requests. */
export function summariseYear(
  db: Db,
  year: string,
  replyWorkingDays: number,
  today = londonDate(new Date()),
): YearSummary {
  const londonDay = londonDays();
  const rows = (
    db.prepare('SELECT format, created_at, done_at FROM requests').all() as Array<{
      format: string;
      created_at: string;
      done_at: string | null;
    }>
  ).filter((row) => londonDay(row.created_at).startsWith(`${year}-`));
  const dueOn = dueDates(replyWorkingDays);
  const perFormat = new Map<string, number>();
  for (const row of rows) perFormat.set(baseFormat(row.format), (perFormat.get(baseFormat(row.format)) ?? 0) + 1);
  const replyDays = rows
    .filter((row) => row.done_at)
    .map((row) => workingDaysBetween(londonDay(row.created_at), londonDay(row.done_at!)))
    .sort((a, b) => a - b);
  const middle = Math.floor(replyDays.length / 2);
  const median =
    replyDays.length === 0
      ? undefined
      : replyDays.length % 2
        ? replyDays[middle]!
        : (replyDays[middle - 1]! + replyDays[middle]!) / 2;
  return {
    year,
    total: rows.length,
    open: rows.filter((row) => !row.done_at).length,
    perFormat: [...perFormat]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([format, count]) => ({ format, count })),
    replied: replyDays.length,
    medianReplyDays: median,
    longestReplyDays: replyDays.at(-1),
    overdue: rows.filter((row) =>
      isOverdue(dueOn(row.created_at), row.done_at ? londonDay(row.done_at) : undefined, today),
    ).length,
    replyWorkingDays,
  };
}

/** The years that have requests, newest first (for the summary page's choice of year). */
export function yearsWithRequests(db: Db): string[] {
  return (
    db.prepare('SELECT DISTINCT substr(created_at, 1, 4) AS year FROM requests ORDER BY year DESC').all() as Array<{
      year: string;
    }>
  ).map((r) => r.year);
}
