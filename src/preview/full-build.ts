/**
 * One full build for the live preview, in a process of its own: the preview keeps answering and makes quick pages
 * while this runs (a build changes the working folder and the build context, which belong to a process), and the
 * reader's page never waits for PDFs or audio. Options come as JSON in argv; progress lines go to stdout; the last line
 * is the outcome, after OUTCOME_MARKER.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { buildSite, stagingFolder, type BuildOptions } from '../build/build-site.ts';
import { findContentProblems, type Problem } from '../report/problems.ts';
import type { PublishedEdition } from '../formats/manifest.ts';

export const OUTCOME_MARKER = '\u0000preview-outcome:';

export type FullBuildOutcome =
  | { ok: true; seconds: number; editions: Array<[string, PublishedEdition[]]>; warnings: Problem[] }
  | { ok: false; problems: Problem[]; message: string }
  | { ok: false; crash: string };

export type FullBuildOptions = Pick<
  BuildOptions,
  'contentDir' | 'outputDir' | 'cacheDir' | 'formats' | 'includeDrafts'
>;

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as FullBuildOptions;
  // Stopped by the preview (closed, or a newer save): leave no half-built folder beside the site.
  process.once('SIGTERM', () => {
    rmSync(stagingFolder(path.resolve(options.outputDir)), { recursive: true, force: true });
    process.exit(143);
  });
  let outcome: FullBuildOutcome;
  try {
    const result = await buildSite({ ...options, log: (line) => console.log(line) });
    // Page words are for the EPUB only; a quick page needs each edition's entry and file.
    // Every report is listed, with no editions if none were made (a web-only preview), so the preview knows it.
    const editions = result.site.reports.map(({ document: { slug } }): [string, PublishedEdition[]] => [
      slug,
      (result.site.editions.get(slug) ?? []).map(({ entry, source }) => ({ entry, ...(source ? { source } : {}) })),
    ]);
    outcome = {
      ok: true,
      seconds: result.seconds,
      editions,
      warnings: result.site.warnings.filter((p) => p.severity !== 'error'),
    };
  } catch (err) {
    const found = findContentProblems(err);
    outcome = found
      ? { ok: false, problems: found.problems.filter((p) => p.severity === 'error'), message: found.message }
      : { ok: false, crash: err instanceof Error ? err.message : String(err) };
  }
  process.stdout.write(`\n${OUTCOME_MARKER}${JSON.stringify(outcome)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
