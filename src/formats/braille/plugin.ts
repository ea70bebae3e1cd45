/**
 * The braille format as an Eleventy plugin: each report in Unified English Braille, contracted (grade 2) and
 * uncontracted (grade 1), as BRF files listed in the "Other formats" box and formats.json. Made from the report model
 * (never from another format's output), cached by the hash of what goes in, and checked before anything is published:
 * a problem stops the build with the file and the line.
 */
import type { UserConfig } from '@11ty/eleventy';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { prepareSite, type PreparedSite } from '../../report/prepare-site.ts';
import { ContentProblemsError, error, errorsIn, type Problem } from '../../report/problems.ts';
import { writeAtomically } from '../../build/write-atomically.ts';
import type { PublishedEdition } from '../manifest.ts';
import { makeBraille } from './make-braille.ts';
import { BrailleToolMissingError, type Grade } from './liblouis.ts';

export interface BraillePluginOptions {
  contentDir: string;
  includeDrafts?: boolean;
  cacheDir: string;
  log?: (line: string) => void;
}

/** Below this share of its words found again by translating back, a translation is not trusted (see the tests for what the examples reach). */
export const ROUND_TRIP_THRESHOLD = 0.95;
/** Bumped when the layout changes in a way the inputs do not show. */
const BRAILLE_VERSION = 5;

interface Facts {
  pages: number;
  roundTrip: number;
}

function liblouisVersion(): string {
  try {
    return execFileSync('lou_translate', ['--version'], { encoding: 'utf8' }).split('\n')[0]!.trim();
  } catch {
    throw new BrailleToolMissingError();
  }
}

export async function makeBrailleEditions(
  site: PreparedSite,
  cacheDir: string,
  log: (line: string) => void,
): Promise<{ editions: Map<string, PublishedEdition[]>; problems: Problem[]; made: number; reused: number }> {
  const dir = path.join(cacheDir, 'braille');
  await mkdir(dir, { recursive: true });
  const version = liblouisVersion();
  const size = { cells: site.settings.braille.cellsPerLine, lines: site.settings.braille.linesPerPage };
  const editions = new Map<string, PublishedEdition[]>();
  const problems: Problem[] = [];
  let made = 0;
  let reused = 0;
  for (const report of site.reports) {
    const doc = report.document;
    const list: PublishedEdition[] = [];
    for (const grade of [2, 1] as Grade[]) {
      const key = createHash('sha256')
        .update(
          JSON.stringify({
            version,
            BRAILLE_VERSION,
            size,
            grade,
            meta: doc.meta,
            sections: doc.sections,
            footnotes: doc.footnotes,
            organisation: site.organisation,
          }),
        )
        .digest('hex')
        .slice(0, 32);
      const base = path.join(dir, key);
      let facts: Facts | undefined;
      try {
        facts = JSON.parse(await readFile(`${base}.json`, 'utf8')) as Facts;
        await readFile(`${base}.brf`);
        reused++;
      } catch {
        const edition = await makeBraille(doc, site.organisation, size, grade);
        problems.push(...edition.problems);
        if (edition.roundTrip < ROUND_TRIP_THRESHOLD && !edition.problems.length) {
          problems.push(
            error(
              doc.file,
              edition.worstLine,
              `the grade ${grade} braille translates back to only ${(edition.roundTrip * 100).toFixed(1)}% of the report's words (at least ${ROUND_TRIP_THRESHOLD * 100}% is needed); this paragraph lost the most`,
              'look for unusual characters or words in odd capitals here, or report it',
              'braille',
            ),
          );
        }
        if (errorsIn(edition.problems).length || edition.roundTrip < ROUND_TRIP_THRESHOLD) continue;
        facts = { pages: edition.pages, roundTrip: edition.roundTrip };
        await writeAtomically(`${base}.brf`, edition.brf);
        await writeAtomically(`${base}.json`, JSON.stringify(facts));
        made++;
      }
      const contracted = grade === 2 ? 'contracted (grade 2)' : 'uncontracted (grade 1)';
      list.push({
        entry: {
          kind: 'braille-brf',
          href: `${doc.slug}-braille-grade-${grade}.brf`,
          label: `Braille, ${contracted}, BRF file (${facts.pages} braille pages)`,
          mediaType: 'application/x-brf',
          grade,
          braillePages: facts.pages,
          roundTrip: Math.round(facts.roundTrip * 1000) / 1000,
        },
        source: `${base}.brf`,
      });
    }
    editions.set(doc.slug, list);
  }
  if (made + reused) log(`Braille: made ${made}, reused ${reused}`);
  return { editions, problems, made, reused };
}

export function reportBraille(eleventyConfig: UserConfig, options: BraillePluginOptions): void {
  eleventyConfig.on('eleventy.before', async () => {
    const site = await prepareSite(options.contentDir, { includeDrafts: Boolean(options.includeDrafts) });
    const result = await makeBrailleEditions(site, options.cacheDir, options.log ?? ((line) => console.log(line)));
    if (errorsIn(result.problems).length > 0) throw new ContentProblemsError(result.problems);
    for (const [slug, list] of result.editions) site.editions.set(slug, [...(site.editions.get(slug) ?? []), ...list]);
  });
}
