/**
 * Loads and checks a content folder once per build. The build command calls it first, so errors are printed before
 * anything is written; the Eleventy plugins call it again and get the same result, so nothing is parsed twice.
 */
import path from 'node:path';
import { loadSite, type LoadedSite } from './load-site.ts';
import { checkSite } from '../checks/content-checks.ts';
import { ContentProblemsError, errorsIn, type Problem } from './problems.ts';
import type { Organisation, SiteSettings } from './site-data.ts';
import type { PublishedEdition } from '../formats/manifest.ts';
import { processWide } from '../build/process-wide.ts';
import { pdfWorkers } from '../engines/pdf/pdf-engine.ts';
import type { LazyPdfPool } from '../engines/pdf/pdf-pool.ts';
import { Milestones } from '../build/milestones.ts';
import type { SentenceChapter } from '../formats/audio/sentences.ts';
import type { Cue } from '../formats/audio/render-audio.ts';
import { pictureCache } from '../build/build-context.ts';

export interface PreparedSite extends LoadedSite {
  organisation: Organisation;
  settings: SiteSettings;
  /** Warnings only: a prepared site has no errors. */
  warnings: Problem[];
  /**
   * Editions made by the format plugins during this build, by report slug. The site lists them in each report's
   * "Other formats" box and formats.json, and publishes their files.
   */
  editions: Map<string, PublishedEdition[]>;
  /** The build's PDF workers, shared by every printed format (started on first use, closed by the build). */
  pdfWorkers: LazyPdfPool;
  /** Format plugins that wait for another's results wait here ("print", "audio"). */
  milestones: Milestones;
  /** Each report's recording, by slug, once the audio is made: for formats that follow it (the EPUB's overlays). */
  recordings: Map<string, ReportRecording>;
  /** What the format plugins did in this build (for the build summary and the benchmark). */
  stats: { pdfsPrinted: number; pdfsReused: number; audioMade?: number };
}

export interface ReportRecording {
  /** The finished MP3. */
  mp3: string;
  sentences: SentenceChapter[];
  cues: Cue[];
  /** Who reads it, in words. */
  narrator: string;
}

const prepared = processWide('prepared-sites', () => new Map<string, Promise<PreparedSite>>());

async function loadAndCheck(contentDir: string, includeDrafts: boolean): Promise<PreparedSite> {
  const site = await loadSite(contentDir, { includeDrafts });
  const problems = [...site.problems, ...(await checkSite(site, pictureCache()))];
  if (errorsIn(problems).length > 0 || !site.organisation || !site.settings) throw new ContentProblemsError(problems);
  return {
    ...site,
    organisation: site.organisation,
    settings: site.settings,
    warnings: problems,
    editions: new Map(),
    pdfWorkers: pdfWorkers(),
    milestones: new Milestones(),
    recordings: new Map(),
    stats: { pdfsPrinted: 0, pdfsReused: 0 },
  };
}

/** Throws ContentProblemsError (every problem at once) when the content has errors. */
export function prepareSite(contentDir: string, options: { includeDrafts?: boolean } = {}): Promise<PreparedSite> {
  const key = `${path.resolve(contentDir)}|${Boolean(options.includeDrafts)}`;
  let promise = prepared.get(key);
  if (!promise) {
    promise = loadAndCheck(contentDir, Boolean(options.includeDrafts));
    prepared.set(key, promise);
  }
  return promise;
}

/** Forget what was loaded (the next build reads the files again). */
export function forgetPreparedSites(): void {
  prepared.clear();
}
