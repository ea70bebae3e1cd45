/**
 * Makes every print edition of every report: print HTML → (cache, or Chromium → fix-ups → read-back) → PDF.
 *
 * The cache key hashes everything that decides the bytes: the print HTML (which embeds fonts and images), the edition,
 * the fix-up input and version, and the Chromium build. A PDF is stored only after it passed the read-back checks, so
 * a reused PDF is a checked one. One browser, launched only if something must be printed, closed in `finally`.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import type { PreparedSite } from '../../report/prepare-site.ts';
import type { ParsedReport } from '../../report/parse-report.ts';
import { error, type Problem } from '../../report/problems.ts';
import { walkInlines } from '../../report/build-document.ts';
import { imagesIn, resolveImage } from '../../checks/images.ts';
import { mapWithConcurrency } from '../../build/concurrency.ts';
import { progress } from '../../build/progress.ts';
import { fileSize } from '../site/filters.ts';
import type { PublishedEdition } from '../manifest.ts';
import { printEditions, type PrintEdition } from './editions.ts';
import { embeddedFontCss } from './fonts.ts';
import { cachedPrintImage } from './print-images.ts';
import { printHeadings, renderPrintHtml, type PrintImage } from './print-html.ts';
import { printPdf } from './print-pdf.ts';
import { fixUpPdf, FIXUP_VERSION, type FixupInput } from './pdf-fixups.ts';
import { readBackPdf, type ReadBackExpectations } from './read-back.ts';

export interface PrintOptions {
  cacheDir: string;
  /** Pages printed at once: Chromium uses about a core per page. */
  concurrency: number;
  /**
   * Gives a browser, called only when something must be printed; `release` is called in `finally`. The default
   * launches one and closes it; a caller that already has a browser lends it and keeps it open.
   */
  openBrowser: () => Promise<{ browser: Browser; release(): Promise<void> }>;
  log: (line: string) => void;
}

export function printDefaults(cacheRoot: string, launch: () => Promise<Browser>): PrintOptions {
  return {
    cacheDir: path.join(cacheRoot, 'pdf'),
    concurrency: os.availableParallelism(),
    openBrowser: async () => {
      const browser = await launch();
      return { browser, release: () => browser.close() };
    },
    log: (line) => console.log(line),
  };
}

interface PrintJob {
  report: ParsedReport;
  edition: PrintEdition;
  fileName: string;
  html: string;
  fixup: FixupInput;
  expect: ReadBackExpectations;
  key: string;
}

interface CachedFacts { pages: number; smallestPt: number }

export interface PrintResult {
  editions: Map<string, PublishedEdition[]>;
  printed: number;
  reused: number;
  problems: Problem[];
}

async function chromiumIdentity(): Promise<string> {
  const executable = puppeteer.executablePath();
  const info = await stat(executable).catch(() => undefined);
  return `${executable}|${info?.size ?? 0}|${info?.mtimeMs ?? 0}`;
}

function linkTexts(report: ParsedReport): Map<string, string> {
  const texts = new Map<string, string>();
  walkInlines(report.document, (node) => {
    if (node.type !== 'link' || texts.has(node.href)) return;
    const text = node.children.map((c) => ('text' in c ? c.text : '')).join('').trim();
    if (text) texts.set(node.href, text);
  });
  return texts;
}

export function editionLabel(edition: PrintEdition, pages: number, bytes: number): string {
  const size = `${pages} ${pages === 1 ? 'page' : 'pages'}, ${fileSize(bytes)}`;
  return edition.kind === 'large-print-pdf' ? `Large print PDF (${edition.fontSizePt} point, ${size})` : `Standard PDF (${size})`;
}

function editionName(edition: PrintEdition): string {
  return edition.kind === 'large-print-pdf' ? `large print PDF (${edition.fontSizePt} point)` : 'standard PDF';
}

async function reportImages(report: ParsedReport, cache: Map<string, Promise<PrintImage>>, cacheDir: string): Promise<Map<string, PrintImage>> {
  const images = new Map<string, PrintImage>();
  for (const image of imagesIn(report.document)) {
    const where = resolveImage(image.src);
    if ('refused' in where) continue;
    const file = path.join(report.document.folder, where.relative);
    let pending = cache.get(file);
    if (!pending) cache.set(file, (pending = cachedPrintImage(file, cacheDir)));
    images.set(image.src, await pending);
  }
  return images;
}

async function planJobs(site: PreparedSite, imageCacheDir: string): Promise<PrintJob[]> {
  const fontCss = await embeddedFontCss();
  const editions = printEditions(site.settings.print.largePrintSizes);
  const chromium = await chromiumIdentity();
  const imageCache = new Map<string, Promise<PrintImage>>();
  const jobs: PrintJob[] = [];
  for (const report of site.reports) {
    const doc = report.document;
    const images = await reportImages(report, imageCache, imageCacheDir);
    const headings = printHeadings(doc);
    for (const edition of editions) {
      const html = renderPrintHtml({
        doc, organisation: site.organisation, edition, images, fontCss,
        otherFormats: ['web page', ...editions.filter((e) => e !== edition).map(editionName)],
      });
      const fixup: FixupInput = {
        title: doc.meta.title, lang: doc.meta.lang, publisher: site.organisation.name, published: doc.meta.published,
        modified: doc.meta.updated ?? doc.meta.published, headings: headings.map((h) => h.text), linkTexts: linkTexts(report),
      };
      const expect: ReadBackExpectations = { title: doc.meta.title, lang: doc.meta.lang, headings, minFontPt: edition.fontSizePt };
      const key = createHash('sha256')
        .update(JSON.stringify({ edition, fixup: { ...fixup, linkTexts: [...fixup.linkTexts] }, FIXUP_VERSION, chromium, expect }))
        .update(html)
        .digest('hex')
        .slice(0, 32);
      jobs.push({ report, edition, fileName: `${doc.slug}${edition.fileSuffix}.pdf`, html, fixup, expect, key });
    }
  }
  return jobs;
}

async function readCached(cacheDir: string, key: string): Promise<CachedFacts | undefined> {
  try {
    const facts = JSON.parse(await readFile(path.join(cacheDir, `${key}.json`), 'utf8')) as CachedFacts;
    await stat(path.join(cacheDir, `${key}.pdf`));
    return facts;
  } catch {
    return undefined;
  }
}

/** Writes beside the target and renames, so an interrupted build never leaves half a PDF in the cache. */
async function writeAtomically(file: string, data: Uint8Array | string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, file);
}

export async function makePrintEditions(site: PreparedSite, options: PrintOptions): Promise<PrintResult> {
  await mkdir(options.cacheDir, { recursive: true });
  const jobs = await planJobs(site, path.join(options.cacheDir, 'images'));
  const facts = new Map<PrintJob, CachedFacts>();
  const toPrint: PrintJob[] = [];
  for (const job of jobs) {
    const cached = await readCached(options.cacheDir, job.key);
    if (cached) facts.set(job, cached);
    else toPrint.push(job);
  }
  const problems: Problem[] = [];
  if (toPrint.length > 0) {
    const bar = progress('Printing PDFs', toPrint.length, options.log);
    const lease = await options.openBrowser();
    try {
      await mapWithConcurrency(toPrint, options.concurrency, async (job) => {
        const printed = await printPdf(lease.browser, job.html, { fontSizePt: job.edition.fontSizePt, fontCss: await embeddedFontCss() });
        const fixed = await fixUpPdf(printed, job.fixup);
        const check = await readBackPdf(fixed, job.expect);
        const shown = `reports/${job.report.document.slug}/${job.fileName}`;
        for (const problem of check.problems) {
          problems.push(error(shown, 0, problem, 'the print layout made this, not the report text: tell the developers, with this message'));
        }
        if (check.problems.length === 0) {
          await writeAtomically(path.join(options.cacheDir, `${job.key}.pdf`), fixed);
          const result = { pages: check.pages, smallestPt: check.smallestPt };
          await writeAtomically(path.join(options.cacheDir, `${job.key}.json`), JSON.stringify(result));
          facts.set(job, result);
        }
        bar.done();
      });
    } finally {
      await lease.release();
    }
    bar.finish(`PDFs: printed ${toPrint.length}, reused ${jobs.length - toPrint.length}`);
  } else if (jobs.length > 0) {
    options.log(`PDFs: printed 0, reused ${jobs.length} (nothing changed)`);
  }

  const editions = new Map<string, PublishedEdition[]>();
  for (const job of jobs) {
    const known = facts.get(job);
    if (!known) continue;
    const source = path.join(options.cacheDir, `${job.key}.pdf`);
    const bytes = (await stat(source)).size;
    const list = editions.get(job.report.document.slug) ?? [];
    list.push({
      entry: {
        kind: job.edition.kind, href: job.fileName, label: editionLabel(job.edition, known.pages, bytes), mediaType: 'application/pdf',
        bytes, pages: known.pages, ...(job.edition.kind === 'large-print-pdf' ? { fontSizePt: job.edition.fontSizePt } : {}),
      },
      source,
    });
    editions.set(job.report.document.slug, list);
  }
  return { editions, printed: toPrint.length, reused: jobs.length - toPrint.length, problems };
}
