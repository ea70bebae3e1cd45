/**
 * The PDF engine shared by every printed format (large print, standard, easy read): print model → (cache, or Typst →
 * finish → read-back in worker threads) → a checked PDF in the cache. No browser is involved.
 *
 * The cache key hashes everything that decides the bytes: the job (model, pictures by content hash, finishing input,
 * read-back expectations), the templates, the fonts and the versions of the compiler and of our own steps. A PDF is
 * stored only after it passed the read-back, so a reused PDF is a checked one.
 */
import { taggedContentOf, type TaggedContent, type TaggedLoader } from './cached-page-words.ts';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { writeAtomically } from '../../build/write-atomically.ts';
import { error, warning, type Problem } from '../../report/problems.ts';
import { progress } from '../../build/progress.ts';
import type { PdfJob, PdfOutcome } from './make-pdf.ts';
import { LazyPdfPool, PdfPool } from './pdf-pool.ts';
import { printFontsIdentity, FALLBACK_FAMILY, PRIMARY_FAMILY } from './print-fonts.ts';
import { FINISH_VERSION, READ_BACK_VERSION, TEMPLATE_DIR } from './pipeline-identity.ts';

export type { PdfJob } from './make-pdf.ts';

/** A job and the Markdown file it was made from (for messages). */
export interface SourcedPdfJob {
  job: PdfJob;
  /** The Markdown file whose lines the job's blocks carry. */
  source: string;
  /** What the editor calls this edition: "large-print PDF (18 point)". */
  edition: string;
}

export interface PdfResult {
  /** The checked PDF, in the cache. */
  source: string;
  bytes: number;
  pages: number;
  smallestPt: number;
  /** Each page's words and figure alt texts in tag order, read when first asked for. */
  tagged: TaggedLoader;
}

export interface EngineOptions {
  cacheDir: string;
  /** PDFs made at once: each takes about a core. */
  concurrency: number;
  log: (line: string) => void;
  /** Workers shared with other formats in this build; without it, a pool is started for this run and closed after. */
  pool?: LazyPdfPool;
  /** PDFs the caller found in the cache without a job (print-plans.ts), counted in the progress line as reused. */
  reusedBeforehand?: number;
}

/** Workers for a build: one per core (each makes one PDF at a time). */
export function pdfWorkers(): LazyPdfPool {
  return new LazyPdfPool(os.availableParallelism());
}

export function engineDefaults(
  cacheRoot: string,
  log: (line: string) => void = (line) => console.log(line),
  pool?: LazyPdfPool,
): EngineOptions {
  return {
    cacheDir: path.join(cacheRoot, 'pdf'),
    concurrency: os.availableParallelism(),
    log,
    ...(pool ? { pool } : {}),
  };
}

export interface EngineRun {
  results: Map<PdfJob, PdfResult>;
  made: number;
  reused: number;
  problems: Problem[];
}

/** Bumped when the read-back or the job format changes, so cached PDFs are checked again. */
const ENGINE_VERSION = 2;
const require = createRequire(import.meta.url);

let toolIdentity: Promise<string> | undefined;

/** Templates, fonts and versions: whatever changes the output besides the job itself. */
function engineIdentity(): Promise<string> {
  toolIdentity ??= (async () => {
    const hash = createHash('sha256');
    for (const name of (await readdir(TEMPLATE_DIR)).filter((f) => f.endsWith('.typ')).sort())
      hash.update(name).update(await readFile(path.join(TEMPLATE_DIR, name)));
    const compiler = (require('@myriaddreamin/typst-ts-node-compiler/package.json') as { version: string }).version;
    return hash
      .update(`${printFontsIdentity()}|${compiler}|${FINISH_VERSION}|${READ_BACK_VERSION}|${ENGINE_VERSION}`)
      .digest('hex');
  })();
  return toolIdentity;
}

function cacheKey(job: PdfJob, identity: string): string {
  return createHash('sha256').update(identity).update(JSON.stringify(job)).digest('hex').slice(0, 32);
}

/** Beside each cached PDF: `.json`, these facts (small, read on every build); `.words.json`, its TaggedContent. */
interface CachedFacts {
  pages: number;
  smallestPt: number;
  fallbackCharacters: string[];
  pageWords?: string[][];
  figureAlts?: string[];
}

async function readCached(file: string): Promise<CachedFacts | undefined> {
  try {
    const facts = JSON.parse(await readFile(`${file}.json`, 'utf8')) as CachedFacts;
    await stat(`${file}.pdf`);
    return facts;
  } catch {
    return undefined;
  }
}

/**
 * Keeps a PDF that failed its read-back for the developers to look at, in the cache's rejected folder (never
 * published; make-pdf.ts has taken its PDF/UA claim out). Returns where it is.
 */
async function keepRejected(cacheDir: string, name: string, pdf: Uint8Array): Promise<string> {
  const file = path.join(cacheDir, 'rejected', path.basename(name));
  await mkdir(path.dirname(file), { recursive: true });
  await writeAtomically(file, pdf);
  return file;
}

function problemsOf(sourced: SourcedPdfJob, outcome: PdfOutcome, rejected?: string): Problem[] {
  const { job, source, edition } = sourced;
  if (!outcome.ok) {
    const meanwhile = 'to publish the web page meanwhile, build with --formats and leave out this edition';
    const fix = /could not be displayed with font/.test(outcome.message)
      ? `the print fonts (${PRIMARY_FAMILY}, ${FALLBACK_FAMILY}) have no letter for it: write it another way, or ask the developers for a print font for that script; ${meanwhile}`
      : outcome.line > 0
        ? `look for something unusual in the block that starts on this line (a table, picture or list); ${meanwhile}`
        : `${meanwhile}; if the report looks right, send this message to the developers`;
    return [error(source, outcome.line, `the ${edition} could not be typeset: ${outcome.message}`, fix)];
  }
  const kept = rejected
    ? ` with the file, kept (not published, and not marked PDF/UA) at ${path.relative(process.cwd(), rejected)}`
    : '';
  return outcome.problems.map((problem) =>
    error(
      source,
      0,
      `${job.name}: ${problem}`,
      `the print layout made this, not the report text: send this message to the developers${kept}; to publish the web page meanwhile, build with --formats and leave out this edition`,
    ),
  );
}

/** The first line of the source that holds one of `characters` (0 when none does: the template made them). */
function lineWith(file: string, characters: readonly string[]): number {
  try {
    const index = readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((line) => characters.some((c) => line.includes(c)));
    return index + 1;
  } catch {
    return 0;
  }
}

function fallbackWarning(sourced: Omit<SourcedPdfJob, 'job'>, characters: readonly string[]): Problem[] {
  if (characters.length === 0) return [];
  return [
    warning(
      sourced.source,
      lineWith(sourced.source, characters),
      `${characters.join(' ')} ${characters.length === 1 ? 'is' : 'are'} not in the print font ${PRIMARY_FAMILY}, so the ${sourced.edition} prints ${characters.length === 1 ? 'it' : 'them'} in ${FALLBACK_FAMILY}`,
      'nothing to do if they look right in the PDF; otherwise use a different character',
    ),
  ];
}

export async function runPdfJobs(jobs: readonly SourcedPdfJob[], options: EngineOptions): Promise<EngineRun> {
  await mkdir(options.cacheDir, { recursive: true });
  const identity = await engineIdentity();
  const base = new Map(
    jobs.map((sourced) => [sourced.job, path.join(options.cacheDir, cacheKey(sourced.job, identity))]),
  );
  const facts = new Map<PdfJob, CachedFacts>();
  const toMake: SourcedPdfJob[] = [];
  for (const sourced of jobs) {
    const cached = await readCached(base.get(sourced.job)!);
    if (cached) facts.set(sourced.job, cached);
    else toMake.push(sourced);
  }
  const problems: Problem[] = [];
  if (toMake.length > 0) {
    const bar = progress('Typesetting PDFs', toMake.length, options.log);
    const own = options.pool ? undefined : new PdfPool(Math.min(options.concurrency, toMake.length));
    const pool = options.pool?.get() ?? own!;
    try {
      await Promise.all(
        toMake.map(async (sourced) => {
          const outcome = await pool.make(sourced.job);
          const rejected =
            outcome.ok && outcome.problems.length > 0
              ? await keepRejected(options.cacheDir, sourced.job.name, outcome.pdf)
              : undefined;
          problems.push(...problemsOf(sourced, outcome, rejected));
          if (outcome.ok && outcome.problems.length === 0) {
            const file = base.get(sourced.job)!;
            await writeAtomically(`${file}.pdf`, outcome.pdf);
            const tagged: TaggedContent = { pageWords: outcome.pageWords, figureAlts: outcome.figureAlts };
            await writeAtomically(`${file}.words.json`, JSON.stringify(tagged));
            const known: CachedFacts = {
              pages: outcome.pages,
              smallestPt: outcome.smallestPt,
              fallbackCharacters: outcome.fallbackCharacters,
            };
            await writeAtomically(`${file}.json`, JSON.stringify(known));
            facts.set(sourced.job, { ...known, ...tagged });
          }
          bar.done();
        }),
      );
    } finally {
      await own?.close();
    }
    bar.finish(
      `PDFs: typeset ${toMake.length}, reused ${jobs.length - toMake.length + (options.reusedBeforehand ?? 0)}`,
    );
  } else if (jobs.length + (options.reusedBeforehand ?? 0) > 0) {
    options.log(`PDFs: typeset 0, reused ${jobs.length + (options.reusedBeforehand ?? 0)} (nothing changed)`);
  }
  const results = new Map<PdfJob, PdfResult>();
  for (const sourced of jobs) {
    const known = facts.get(sourced.job);
    if (!known) continue;
    problems.push(...fallbackWarning(sourced, known.fallbackCharacters));
    results.set(sourced.job, await resultOf(base.get(sourced.job)!, known));
  }
  return { results, made: toMake.length, reused: jobs.length - toMake.length, problems };
}

async function resultOf(base: string, known: CachedFacts): Promise<PdfResult> {
  const source = `${base}.pdf`;
  return {
    source,
    bytes: (await stat(source)).size,
    pages: known.pages,
    smallestPt: known.smallestPt,
    tagged: taggedContentOf(source, `${base}.words.json`, known),
  };
}

/**
 * A PDF already in the cache, found by the name runPdfJobs gave it (a result's `source`), with the warnings it had;
 * undefined when it is no longer there. For callers that know a PDF's inputs did not change without making its job.
 */
export async function cachedPdf(
  source: string,
  sourced: Omit<SourcedPdfJob, 'job'>,
): Promise<{ result: PdfResult; problems: Problem[] } | undefined> {
  const base = source.replace(/\.pdf$/, '');
  const known = await readCached(base);
  if (!known) return undefined;
  return { result: await resultOf(base, known), problems: fallbackWarning(sourced, known.fallbackCharacters) };
}
