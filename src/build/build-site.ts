/**
 * Builds the whole site from a content folder into an output folder, atomically: Eleventy writes into a temporary
 * folder beside the output, which replaces the output only when everything succeeded. A failed build leaves the
 * previous site untouched and removes its temporary folder.
 */
import Eleventy from '@11ty/eleventy';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { ContentProblemsError, findContentProblems } from '../report/problems.ts';
import { prepareSite, forgetPreparedSites, type PreparedSite } from '../report/prepare-site.ts';
import { PROJECT_ROOT } from './project-root.ts';
import { OPTIONAL_FORMATS, setBuildContext, type OptionalFormat } from './build-context.ts';
import type { PublishedEdition } from '../formats/manifest.ts';

export interface BuildOptions {
  contentDir: string;
  outputDir: string;
  /** Where progress lines go (PDFs printed and reused…); console.log by default. */
  log?: (line: string) => void;
  /** Cache of processed images and PDFs (default .cache in the project). */
  cacheDir?: string;
  /** Editions to make besides the website (default: all). */
  formats?: readonly OptionalFormat[];
  /** Publish drafts too (the live preview does; a real build never does). */
  includeDrafts?: boolean;
  /**
   * The live preview's quick page: only this report's web page, written straight into the output folder (every other
   * file stays as the last full build left it; no search index, no other edition). Its "Other formats" box lists the
   * editions given, which the last full build made.
   */
  onlyReport?: { slug: string; editions: readonly PublishedEdition[] };
}

export interface BuildResult {
  site: PreparedSite;
  outputDir: string;
  seconds: number;
}

/** The cache folder: as given, else REPORTS_CACHE_DIR (a benchmark or CI may keep its own), else .cache in the project. */
export function defaultCacheDir(given?: string): string {
  return path.resolve(given ?? (process.env.REPORTS_CACHE_DIR || path.join(PROJECT_ROOT, '.cache')));
}

/** Where this process builds a site before it replaces the output folder. */
export function stagingFolder(outputDir: string): string {
  return `${outputDir}.building-${process.pid}`;
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const contentDir = path.resolve(options.contentDir);
  const outputDir = path.resolve(options.outputDir);
  forgetPreparedSites();
  // Checks first: an editor's mistake is reported before anything is written.
  const includeDrafts = Boolean(options.includeDrafts);
  const site = await prepareSite(contentDir, { includeDrafts });
  if (options.onlyReport)
    return buildOneReportPage(site, { ...options, contentDir, outputDir, onlyReport: options.onlyReport }, started);

  const staging = stagingFolder(outputDir);
  const previous = `${outputDir}.previous-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const savedCwd = process.cwd();
  try {
    // Eleventy resolves its config, layouts and passthrough copies from the project folder.
    process.chdir(PROJECT_ROOT);
    setBuildContext({
      contentDir,
      includeDrafts,
      log: options.log ?? ((line) => console.log(line)),
      cacheDir: defaultCacheDir(options.cacheDir),
      formats: new Set(options.formats ?? OPTIONAL_FORMATS),
    });
    const eleventy = new Eleventy('layouts', staging, { configPath: '.eleventy.js', quietMode: true });
    // Our command prints its own summary; errors are thrown to it, so Eleventy's console output adds only noise.
    eleventy.logger.overrideLogger(false);
    await eleventy.write();
    await rename(outputDir, previous).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
    await rename(staging, outputDir);
    await rm(previous, { recursive: true, force: true });
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    // An edition that stops the build (a PDF's read-back, the parity check) keeps the content checks' warnings with
    // its own errors, so the editor sees every problem of this round, not only the last one found.
    const stopped = findContentProblems(err);
    if (stopped)
      throw new ContentProblemsError([
        ...stopped.problems,
        ...site.warnings.filter((p) => p.severity !== 'error' && !stopped.problems.includes(p)),
      ]);
    throw err;
  } finally {
    await site.pdfWorkers.close();
    process.chdir(savedCwd);
    setBuildContext(undefined);
  }
  return { site, outputDir, seconds: (performance.now() - started) / 1000 };
}

/** See BuildOptions.onlyReport. */
async function buildOneReportPage(
  site: PreparedSite,
  options: BuildOptions & Required<Pick<BuildOptions, 'onlyReport'>>,
  started: number,
): Promise<BuildResult> {
  const { slug, editions } = options.onlyReport;
  if (!site.reports.some((r) => r.document.slug === slug)) throw new Error(`There is no report "${slug}" to preview.`);
  site.editions.set(slug, [...editions]);
  const savedCwd = process.cwd();
  try {
    process.chdir(PROJECT_ROOT);
    setBuildContext({
      contentDir: options.contentDir,
      includeDrafts: Boolean(options.includeDrafts),
      log: options.log ?? ((line) => console.log(line)),
      cacheDir: defaultCacheDir(options.cacheDir),
      formats: new Set(),
      onlyReport: slug,
    });
    // Eleventy given one template renders only that template's pages: the report page, once per report in `reports`,
    // which the website plugin narrows to this one.
    const eleventy = new Eleventy(path.join('layouts', 'report.njk'), options.outputDir, {
      configPath: '.eleventy.js',
      quietMode: true,
    });
    eleventy.logger.overrideLogger(false);
    await eleventy.write();
  } finally {
    process.chdir(savedCwd);
    setBuildContext(undefined);
  }
  return { site, outputDir: options.outputDir, seconds: (performance.now() - started) / 1000 };
}
