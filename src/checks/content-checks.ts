/**
 * Runs every content check over a loaded site and returns all problems at once (errors stop the build).
 * The only I/O is listing each report folder's files, done here at the edge so the rules stay pure.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { LoadedSite } from '../report/load-site.ts';
import type { ParsedReport } from '../report/parse-report.ts';
import { note, type Problem } from '../report/problems.ts';
import { checkEasyRead } from '../formats/easy-read/checks.ts';
import { checkImages } from './images.ts';
import { checkHeadings, RESERVED_IDS } from './headings.ts';
import { checkLinks, type SitePages } from './links.ts';
import { checkRawHtml } from './raw-html.ts';
import { checkFootnotes } from './footnotes.ts';
import { checkTables } from './tables.ts';
import { checkDialects } from './dialects.ts';
import { checkPictureSafety } from './picture-safety.ts';

/** Pages every site has, besides one per report. */
export const FIXED_PAGES = ['/', '/accessibility/', '/search/', '/feedback/'];

export function footnoteIds(report: ParsedReport): string[] {
  return report.document.footnotes.flatMap((f) => [
    `fn-${report.document.slug}-${f.number}`,
    `fnref-${report.document.slug}-${f.number}`,
  ]);
}

export function sitePages(reports: readonly ParsedReport[]): SitePages {
  const pages = new Map<string, Set<string>>(FIXED_PAGES.map((p) => [p, new Set(['main-content'])]));
  for (const report of reports) {
    pages.set(
      `/reports/${report.document.slug}/`,
      new Set([...report.document.headings.map((h) => h.id), ...footnoteIds(report), ...RESERVED_IDS]),
    );
    pages.set(`/reports/${report.document.slug}/request/`, new Set(['main-content']));
    if (report.easyRead)
      pages.set(
        `/reports/${report.document.slug}/easy-read/`,
        new Set([
          ...report.easyRead.document.sections.flatMap((s) => (s.heading ? [s.heading.id] : [])),
          'main-content',
          'hard-words',
        ]),
      );
  }
  return pages;
}

/** Files in a report's folder, as relative paths with "/" (subfolders included). */
export async function listReportFiles(folder: string): Promise<Set<string>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return new Set(
    entries
      .filter((e) => e.isFile())
      .map((e) => path.relative(folder, path.join(e.parentPath, e.name)).split(path.sep).join('/')),
  );
}

export function checkReport(report: ParsedReport, pages: SitePages, files: ReadonlySet<string>): Problem[] {
  const doc = report.document;
  return [
    ...checkHeadings(doc),
    ...checkImages(doc, files),
    ...checkLinks(doc, pages, files),
    ...checkRawHtml(doc, report.source.split('\n'), files),
    ...checkFootnotes(doc, report.source, report.bodyLineOffset),
    ...checkTables(doc),
    ...checkDialects(report),
  ];
}

/** The easy-read version's checks, or a note that there is none (a note, not an error: easy read is written by people). */
export function checkEasyReadOf(report: ParsedReport, files: ReadonlySet<string>): Problem[] {
  if (report.easyRead) return checkEasyRead(report.easyRead, files);
  const file = path.join(path.dirname(report.document.file), 'easy-read.md');
  return [
    note(
      file,
      0,
      'this report has no easy-read version yet; its page tells readers how to ask for one',
      'write one in easy-read.md beside the report',
      'easy-read',
    ),
  ];
}

/** One report's checks, the site's pages known (links to other reports are checked against them). */
async function checkOne(report: ParsedReport, pages: SitePages, pictureCache: string): Promise<Problem[]> {
  const files = await listReportFiles(report.document.folder);
  return [
    ...checkReport(report, pages, files),
    ...checkEasyReadOf(report, files),
    ...(await checkPictureSafety(report, files, pictureCache)),
  ];
}

/** `pictureCache`: where cleaned SVG pictures are kept (the build's cache; see engines/images/safe-pictures.ts). */
export async function checkSite(site: LoadedSite, pictureCache: string): Promise<Problem[]> {
  const pages = sitePages(site.reports);
  return (await Promise.all(site.reports.map((report) => checkOne(report, pages, pictureCache)))).flat();
}

/** The same checks as checkSite, for one report of the site (the editor desk checks the report being edited). */
export async function checkSiteReport(site: LoadedSite, slug: string, pictureCache: string): Promise<Problem[]> {
  const report = site.reports.find((r) => r.document.slug === slug);
  return report ? checkOne(report, sitePages(site.reports), pictureCache) : [];
}
