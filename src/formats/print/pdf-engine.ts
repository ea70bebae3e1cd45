/**
 * The PDF engine shared by every printed format (large print, standard, easy read): print HTML → (cache, or Chromium →
 * fix-ups → read-back) → a checked PDF in the cache.
 *
 * The cache key hashes everything that decides the bytes: the print HTML (which embeds fonts and images), the fix-up
 * input and version, the read-back expectations and the Chromium build. A PDF is stored only after it passed the
 * read-back checks, so a reused PDF is a checked one. The browser is asked for only if something must be printed.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { writeAtomically } from '../../build/write-atomically.ts';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { error, type Problem } from '../../report/problems.ts';
import { mapWithConcurrency } from '../../build/concurrency.ts';
import { progress } from '../../build/progress.ts';
import { embeddedFontCss } from './fonts.ts';
import { printPdf } from './print-pdf.ts';
import { fixUpPdf, FIXUP_VERSION, type FixupInput } from './pdf-fixups.ts';
import { readBackPdf, type ReadBackExpectations } from './read-back.ts';

export interface PdfJob {
  /** Where the PDF will be published, for messages: "reports/x/x-large-print-18pt.pdf". */
  name: string;
  html: string;
  fixup: FixupInput;
  /** expect.minFontPt is also the size of the page-number footer. */
  expect: ReadBackExpectations;
}

export interface PdfResult {
  /** The checked PDF, in the cache. */
  source: string;
  bytes: number;
  pages: number;
  smallestPt: number;
}

export interface EngineOptions {
  cacheDir: string;
  /** Pages printed at once: Chromium uses about a core per page. */
  concurrency: number;
  /** Gives the build's browser; called only when something must be printed. Whoever launched it closes it. */
  browser: () => Promise<Browser>;
  log: (line: string) => void;
}

export function engineDefaults(cacheRoot: string, browser: () => Promise<Browser>): EngineOptions {
  return { cacheDir: path.join(cacheRoot, 'pdf'), concurrency: os.availableParallelism(), browser, log: (line) => console.log(line) };
}

export interface EngineRun {
  results: Map<PdfJob, PdfResult>;
  printed: number;
  reused: number;
  problems: Problem[];
}

async function chromiumIdentity(): Promise<string> {
  const executable = puppeteer.executablePath();
  const info = await stat(executable).catch(() => undefined);
  return `${executable}|${info?.size ?? 0}|${info?.mtimeMs ?? 0}`;
}

function cacheKey(job: PdfJob, chromium: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ fixup: { ...job.fixup, linkTexts: [...job.fixup.linkTexts] }, expect: job.expect, FIXUP_VERSION, chromium }))
    .update(job.html)
    .digest('hex')
    .slice(0, 32);
}

interface CachedFacts { pages: number; smallestPt: number }

async function readCached(file: string): Promise<CachedFacts | undefined> {
  try {
    const facts = JSON.parse(await readFile(`${file}.json`, 'utf8')) as CachedFacts;
    await stat(`${file}.pdf`);
    return facts;
  } catch {
    return undefined;
  }
}


export async function runPdfJobs(jobs: readonly PdfJob[], options: EngineOptions): Promise<EngineRun> {
  await mkdir(options.cacheDir, { recursive: true });
  const chromium = await chromiumIdentity();
  const base = new Map(jobs.map((job) => [job, path.join(options.cacheDir, cacheKey(job, chromium))]));
  const facts = new Map<PdfJob, CachedFacts>();
  const toPrint: PdfJob[] = [];
  for (const job of jobs) {
    const cached = await readCached(base.get(job)!);
    if (cached) facts.set(job, cached);
    else toPrint.push(job);
  }
  const problems: Problem[] = [];
  if (toPrint.length > 0) {
    const bar = progress('Printing PDFs', toPrint.length, options.log);
    const browser = await options.browser();
    const fontCss = await embeddedFontCss();
    await mapWithConcurrency(toPrint, options.concurrency, async (job) => {
      const printed = await printPdf(browser, job.html, { fontSizePt: job.expect.minFontPt, fontCss });
      const fixed = await fixUpPdf(printed, job.fixup);
      const check = await readBackPdf(fixed, job.expect);
      for (const problem of check.problems) {
        problems.push(error(job.name, 0, problem, 'the print layout made this, not the report text: tell the developers, with this message'));
      }
      if (check.problems.length === 0) {
        const file = base.get(job)!;
        await writeAtomically(`${file}.pdf`, fixed);
        const result = { pages: check.pages, smallestPt: check.smallestPt };
        await writeAtomically(`${file}.json`, JSON.stringify(result));
        facts.set(job, result);
      }
      bar.done();
    });
    bar.finish(`PDFs: printed ${toPrint.length}, reused ${jobs.length - toPrint.length}`);
  } else if (jobs.length > 0) {
    options.log(`PDFs: printed 0, reused ${jobs.length} (nothing changed)`);
  }
  const results = new Map<PdfJob, PdfResult>();
  for (const job of jobs) {
    const known = facts.get(job);
    if (!known) continue;
    const source = `${base.get(job)!}.pdf`;
    results.set(job, { source, bytes: (await stat(source)).size, ...known });
  }
  return { results, printed: toPrint.length, reused: jobs.length - toPrint.length, problems };
}
