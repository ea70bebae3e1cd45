/**
 * Reads a content folder laid out as editors know it:
 *   <content>/_data/organisation.yml, <content>/_data/site.yml, <content>/reports/<slug>/index.md (+ images)
 * and parses every report once. Problems are collected, never thrown, so the editor sees them all at once.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parseReport, type ParsedReport } from './parse-report.ts';
import { readDataFile, organisationSchema, siteSchema, type Organisation, type SiteSettings } from './site-data.ts';
import { error, warning, type Problem } from './problems.ts';
import { slugify } from '../markdown/text.ts';
import { parseEasyRead } from '../formats/easy-read/parse-easy-read.ts';
import { processWide } from '../build/process-wide.ts';
import { exists } from '../build/exists.ts';

export interface LoadedSite {
  contentDir: string;
  organisation?: Organisation;
  settings?: SiteSettings;
  /** Reports to publish, newest first (drafts left out unless asked for). */
  reports: ParsedReport[];
  draftsSkipped: number;
  problems: Problem[];
}

/** A path for messages: relative to where the editor ran the command when that is shorter. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

async function loadData<T>(
  file: string,
  read: (source: string, shown: string) => { data?: T; problems: Problem[] },
  problems: Problem[],
): Promise<T | undefined> {
  const shown = displayPath(file);
  if (!(await exists(file))) {
    problems.push(
      error(
        shown,
        0,
        'this data file is missing',
        'create it: docs/editors-guide.md#data-files shows what goes in it',
        'data-files',
      ),
    );
    return undefined;
  }
  const result = read(await readFile(file, 'utf8'), shown);
  problems.push(...result.problems);
  return result.data;
}

/**
 * Reports parsed in this process, by file: a live preview reads every report again on each save, and parsing 100 long
 * reports takes about half a second; only a file whose text changed is parsed again. Parsed reports are never changed
 * by the formats (they build their own models from them), so one can be shared between builds.
 */
const parsedFiles = processWide(
  'parsed-reports',
  () => new Map<string, { source: string; where: string; parsed: ReturnType<typeof parseReport> }>(),
);

function parseOnce(
  source: string,
  where: { slug: string; file: string; folder: string },
): ReturnType<typeof parseReport> {
  const key = path.join(where.folder, 'index.md');
  const identity = JSON.stringify(where);
  const known = parsedFiles.get(key);
  if (known && known.source === source && known.where === identity) return known.parsed;
  const parsed = parseReport(source, where);
  parsedFiles.set(key, { source, where: identity, parsed });
  return parsed;
}

export interface LoadOptions {
  includeDrafts?: boolean;
  /**
   * Text to read instead of a file's (by absolute path): the editor desk checks what an editor has typed but not saved
   * with exactly the checks the build runs on the saved file.
   */
  overrides?: ReadonlyMap<string, string>;
}

export async function loadSite(contentDir: string, options: LoadOptions = {}): Promise<LoadedSite> {
  const root = path.resolve(contentDir);
  const read = async (file: string): Promise<string> => options.overrides?.get(file) ?? readFile(file, 'utf8');
  const problems: Problem[] = [];
  if (!(await exists(root))) {
    problems.push(error(displayPath(root), 0, 'the content folder does not exist', 'check the --content folder name'));
    return { contentDir: root, reports: [], draftsSkipped: 0, problems };
  }
  const organisation = await loadData(
    path.join(root, '_data', 'organisation.yml'),
    (s, f) => readDataFile(s, f, organisationSchema),
    problems,
  );
  const settings = await loadData(
    path.join(root, '_data', 'site.yml'),
    (s, f) => readDataFile(s, f, siteSchema),
    problems,
  );

  const reportsDir = path.join(root, 'reports');
  const entries = (await exists(reportsDir)) ? await readdir(reportsDir, { withFileTypes: true }) : [];
  const reports: ParsedReport[] = [];
  let draftsSkipped = 0;
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const folder = path.join(reportsDir, entry.name);
    if (!entry.isDirectory()) {
      if (entry.name.endsWith('.md')) {
        problems.push(
          warning(
            displayPath(folder),
            0,
            'this report is not in a folder of its own, so it is not published',
            `move it to reports/${slugify(entry.name.replace(/\.md$/, ''))}/index.md`,
            'reports',
          ),
        );
      }
      continue;
    }
    const file = path.join(folder, 'index.md');
    const shown = displayPath(file);
    if (!options.overrides?.has(file) && !(await exists(file))) {
      problems.push(
        warning(
          displayPath(folder),
          0,
          'this folder has no index.md, so nothing from it is published',
          'put the report text in index.md inside the folder',
          'reports',
        ),
      );
      continue;
    }
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(entry.name)) {
      problems.push(
        error(
          shown,
          0,
          `the folder name "${entry.name}" cannot be used in a web address`,
          `rename the folder to "${slugify(entry.name) || 'my-report'}" (lower-case letters, digits and hyphens)`,
          'reports',
        ),
      );
      continue;
    }
    const parsed = parseOnce(await read(file), { slug: entry.name, file: shown, folder });
    problems.push(...parsed.problems);
    if (!parsed.report) continue;
    const easyFile = path.join(folder, 'easy-read.md');
    let report = parsed.report;
    if (options.overrides?.has(easyFile) || (await exists(easyFile))) {
      const easy = parseEasyRead(await read(easyFile), {
        slug: entry.name,
        file: displayPath(easyFile),
        folder,
      });
      problems.push(...easy.problems);
      if (easy.easyRead) report = { ...report, easyRead: easy.easyRead };
    }
    if (report.document.meta.draft && !options.includeDrafts) {
      draftsSkipped++;
      continue;
    }
    reports.push(report);
  }
  if (entries.length === 0) {
    problems.push(
      warning(
        displayPath(reportsDir),
        0,
        'there are no reports to publish',
        'add one with a folder reports/<name>/index.md',
        'reports',
      ),
    );
  }
  reports.sort(
    (a, b) =>
      b.document.meta.published.localeCompare(a.document.meta.published) ||
      a.document.slug.localeCompare(b.document.slug),
  );
  return {
    contentDir: root,
    ...(organisation ? { organisation } : {}),
    ...(settings ? { settings } : {}),
    reports,
    draftsSkipped,
    problems,
  };
}
