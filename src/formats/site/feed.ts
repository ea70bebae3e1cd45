/** Filters for the Atom feed (layouts/feed.njk): newest change first, and each entry's text saying what changed. */
import type { ReportPage } from './report-page.ts';
import { readableDate } from './filters.ts';
import { escapeHtml } from '../../build/escape.ts';

const lastChange = (report: ReportPage): string => report.updated ?? report.published;

export function byLatestChange(reports: readonly ReportPage[]): ReportPage[] {
  return [...reports].sort((a, b) => lastChange(b).localeCompare(lastChange(a)) || a.slug.localeCompare(b.slug));
}

/** The feed's own <updated>: its newest entry's (a fixed date when there are no reports, so builds repeat). */
export function feedUpdated(reports: readonly ReportPage[]): string {
  const newest = byLatestChange(reports)[0];
  return `${newest ? lastChange(newest) : '1970-01-01'}T00:00:00Z`;
}

const escape = escapeHtml;

/**
 * The entry's content as HTML (escaped again by the template, as Atom's type="html" expects): the summary, what changed
 * in an update, and the formats the report is available in.
 */
export function feedContent(report: ReportPage): string {
  const changes = report.changes.map((c) => `<li>${escape(readableDate(c.date))}: ${escape(c.summary)}</li>`).join('');
  const formats = report.formats.map((f) => `<li>${escape(f.label)}</li>`).join('');
  return [
    `<p>${escape(report.summary)}</p>`,
    report.updated
      ? `<p>Updated ${escape(readableDate(report.updated))}. What changed:</p><ul>${changes}</ul>`
      : `<p>Published ${escape(readableDate(report.published))}.</p>`,
    `<p>Available as:</p><ul>${formats}</ul>`,
  ].join('');
}

export const feedFilters = { byLatestChange, feedUpdated, feedContent };
