/**
 * The files an editor works on from the desk (a report's text and its easy-read text), and the content checks run on
 * them exactly as the build runs them, on saved text or on text typed but not saved yet.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { displayPath, loadSite, type LoadedSite } from '../report/load-site.ts';
import { checkSiteReport } from '../checks/content-checks.ts';
import { pictureCache } from '../build/build-context.ts';
import { sortProblems, type Problem } from '../report/problems.ts';

export const EDITABLE_FILES = {
  report: { name: 'index.md', label: 'Report text' },
  'easy-read': { name: 'easy-read.md', label: 'Easy-read text' },
} as const;
export type EditableFile = keyof typeof EDITABLE_FILES;

export const isEditableFile = (value: string): value is EditableFile => value in EDITABLE_FILES;
/** A report's folder name as the build accepts it (lower-case letters, digits, single hyphens). */
export const isSlug = (value: string): boolean => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value) && value.length <= 80;

/** The file's path inside the content folder, with forward slashes (as history names it). */
export const relativeFile = (slug: string, which: EditableFile): string =>
  `reports/${slug}/${EDITABLE_FILES[which].name}`;

export const absoluteFile = (contentDir: string, slug: string, which: EditableFile): string =>
  path.join(contentDir, 'reports', slug, EDITABLE_FILES[which].name);

/** The saved text, or undefined when there is no such file (a report without easy read yet). */
export function readSaved(contentDir: string, slug: string, which: EditableFile): Promise<string | undefined> {
  return readFile(absoluteFile(contentDir, slug, which), 'utf8').then(
    (text) => text,
    () => undefined,
  );
}

export interface CheckedReport {
  /** The report's title (its folder name while the front matter cannot be read). */
  title: string;
  /** Problems in this report's files, errors first then by line; each says which file it is in. */
  problems: Array<Problem & { which: EditableFile | 'other' }>;
  errors: number;
  warnings: number;
}

/**
 * The build's content checks for one report of a loaded site, with which of its files each problem is in. Problems
 * of the site as a whole (a broken site.yml) are kept, as they stop a publish too.
 */
export async function reportProblems(site: LoadedSite, slug: string): Promise<CheckedReport> {
  const root = site.contentDir;
  const shown = new Map<string, EditableFile>(
    (Object.keys(EDITABLE_FILES) as EditableFile[]).map((which) => [
      displayPath(absoluteFile(root, slug, which)),
      which,
    ]),
  );
  const reportFolder = displayPath(path.join(root, 'reports', slug));
  const otherReports = displayPath(path.join(root, 'reports'));
  const mine = (p: Problem): boolean =>
    shown.has(p.file) || p.file === reportFolder || !p.file.startsWith(otherReports);
  const all = [...site.problems.filter(mine), ...(await checkSiteReport(site, slug, pictureCache()))];
  const problems = sortProblems(all).map((p) => ({ ...p, which: shown.get(p.file) ?? ('other' as const) }));
  const report = site.reports.find((r) => r.document.slug === slug);
  return {
    title: report?.document.meta.title || slug,
    problems,
    errors: problems.filter((p) => p.severity === 'error').length,
    warnings: problems.filter((p) => p.severity === 'warning').length,
  };
}

/** reportProblems for one report, with `unsaved` text (if given) standing in for the saved file. */
export async function checkReportText(
  contentDir: string,
  slug: string,
  unsaved?: { which: EditableFile; text: string },
): Promise<CheckedReport> {
  const root = path.resolve(contentDir);
  const overrides = new Map<string, string>();
  if (unsaved) overrides.set(absoluteFile(root, slug, unsaved.which), unsaved.text);
  return reportProblems(await loadSite(root, { includeDrafts: true, overrides }), slug);
}
