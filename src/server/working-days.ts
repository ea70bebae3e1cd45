/**
 * When a request is due: its date in London plus the reply time in working days, skipping weekends and England and
 * Wales bank holidays. The holidays are GOV.UK's list (https://www.gov.uk/bank-holidays.json), bundled in
 * bank-holidays.json in the same shape: to update it, download that file over this one. A date past the list's last
 * year counts only weekends, and `holidaysKnownUntil` says so.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface GovUkHolidays {
  'england-and-wales': { events: Array<{ date: string; title: string }> };
}

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bank-holidays.json');

let holidays: Set<string> | undefined;
function bankHolidays(): Set<string> {
  holidays ??= new Set(
    (JSON.parse(readFileSync(FILE, 'utf8')) as GovUkHolidays)['england-and-wales'].events.map((e) => e.date),
  );
  return holidays;
}

/** The last date the bundled list covers (the 31 December of its last year). */
export function holidaysKnownUntil(): string {
  return `${[...bankHolidays()].sort().at(-1)!.slice(0, 4)}-12-31`;
}

/** "2026-11-26" for an instant, as the date on a calendar in London. */
// Made once: making a formatter costs far more than using one, and the staff inbox dates thousands of requests.
const LONDON_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function londonDate(instant: Date): string {
  return LONDON_DAY.format(instant);
}

const LONDON_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "7 December 2026, 10:32": an instant as a clock in London shows it, for staff pages. */
export function londonDateTime(iso: string): string {
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? iso : LONDON_TIME.format(instant).replace(' at ', ', ');
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !bankHolidays().has(date);
}

/** The day a reply is due: `workingDays` working days after the day it arrived (a form sent on a holiday counts from the next working day). */
export function dueDate(arrived: Date, workingDays: number): string {
  let date = londonDate(arrived);
  for (let counted = 0; counted < workingDays;) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) counted++;
  }
  return date;
}

/** Working days from one date to a later one (0 for the same day). */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let date = from; date < to;) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) count++;
  }
  return count;
}
