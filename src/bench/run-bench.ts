/**
 * The benchmark. Site stages: medians of several runs on the same synthetic corpus, each with its ratio to the floor
 * (raw Eleventy turning the same Markdown into HTML, no layout, checks, images or PDFs), measured in the same run.
 * PDF stage: seconds per PDF for our print path (print + fix-ups + read-back) with a warm and a cold browser, against
 * the floor of a bare page.pdf of the same print HTML in the same browser.
 * Audio stage: seconds per 1,000 words of synthesis and of encoding (the floor is synthesis), cold and cached.
 */
import Eleventy from '@11ty/eleventy';
import { appendFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeCorpus } from './corpus.ts';
import { buildSite } from '../build/build-site.ts';
import { loadSite } from '../report/load-site.ts';
import { prepareSite, forgetPreparedSites } from '../report/prepare-site.ts';
import { checkSite } from '../checks/content-checks.ts';
import { launchBrowser } from '../checks/site/browser.ts';
import { embeddedFontCss } from '../formats/print/fonts.ts';
import { printEditions } from '../formats/print/editions.ts';
import { printHeadings, renderPrintHtml } from '../formats/print/print-html.ts';
import { printPdf } from '../formats/print/print-pdf.ts';
import { fixUpPdf } from '../formats/print/pdf-fixups.ts';
import { readBackPdf } from '../formats/print/read-back.ts';
import { audioDefaults, makeAudio } from '../formats/audio/make-audio.ts';
import { renderAudioInWorker } from '../formats/audio/audio-pool.ts';

export interface StageResult { name: string; runsSeconds: number[]; median: number; ratio: number; note?: string }

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}

function stage(name: string, runsSeconds: number[], floor: number, note?: string): StageResult {
  const m = median(runsSeconds);
  return { name, runsSeconds, median: m, ratio: m / floor, ...(note ? { note } : {}) };
}

async function siteStages(root: string, content: string, reports: number, runs: number, log: (line: string) => void): Promise<StageResult[]> {
  const emptyConfig = path.join(root, 'raw-eleventy.config.mjs');
  await writeFile(emptyConfig, 'export default function () {}\n');
  const cacheDir = path.join(root, 'cache');
  const raw = () => {
    const eleventy = new Eleventy(path.join(content, 'reports'), path.join(root, 'raw-out'), { quietMode: true, configPath: emptyConfig });
    eleventy.logger.overrideLogger(false);
    return eleventy.write();
  };
  // Audio of a whole archive takes far longer than everything else (measured per 1,000 words below), so these stages
  // make the website, the PDFs and easy read.
  const build = () => buildSite({ contentDir: content, outputDir: path.join(root, 'site'), cacheDir, log: () => {}, formats: ['print', 'easy-read'] });

  log('First build with empty caches (prints every PDF)…');
  let printedFirst = 0;
  const cold = await time(async () => (printedFirst = (await build()).site.stats.pdfsPrinted));
  await raw();
  for (const dir of ['raw-out', path.join('site', 'reports')]) {
    const made = (await readdir(path.join(root, dir))).filter((p) => p.startsWith('report-')).length;
    if (made !== reports) throw new Error(`${dir} holds ${made} reports, not ${reports}: the benchmark would measure nothing`);
  }
  const timings = { raw: [] as number[], checks: [] as number[], rebuild: [] as number[] };
  let printedAgain = 0;
  for (let run = 1; run <= runs; run++) {
    timings.raw.push(await time(raw));
    timings.checks.push(await time(async () => checkSite(await loadSite(content))));
    timings.rebuild.push(await time(async () => (printedAgain += (await build()).site.stats.pdfsPrinted)));
    log(`  run ${run}/${runs} done`);
  }
  // An editor's correction: one report changes, the warm rebuild should print only that report's PDFs.
  const edited: number[] = [];
  let printedAfterEdit = 0;
  const file = path.join(content, 'reports', 'report-1', 'index.md');
  for (let run = 1; run <= runs; run++) {
    await appendFile(file, `\nA correction made in benchmark run ${run}.\n`);
    edited.push(await time(async () => (printedAfterEdit += (await build()).site.stats.pdfsPrinted)));
  }
  const floor = median(timings.raw);
  return [
    stage('raw Eleventy (floor)', timings.raw, floor),
    stage('content checks alone', timings.checks, floor),
    stage('full build, empty caches', [cold], floor, `${printedFirst} PDFs printed`),
    stage('rebuild, nothing changed', timings.rebuild, floor, `${printedAgain} PDFs printed in ${runs} runs`),
    stage('rebuild, one report edited', edited, floor, `${printedAfterEdit} PDFs printed in ${runs} runs`),
  ];
}

async function pdfStages(content: string, sample: number, log: (line: string) => void): Promise<StageResult[]> {
  forgetPreparedSites();
  const site = await prepareSite(content);
  const fontCss = await embeddedFontCss();
  const edition = printEditions(site.settings.print.largePrintSizes)[0]!;
  const jobs = site.reports.slice(0, sample).map((report) => {
    const doc = report.document;
    const headings = printHeadings(doc);
    return {
      html: renderPrintHtml({ doc, organisation: site.organisation, edition, images: new Map(), fontCss, otherFormats: [] }),
      fixup: { title: doc.meta.title, lang: doc.meta.lang, publisher: site.organisation.name, published: doc.meta.published, modified: doc.meta.published, headings: headings.map((h) => h.text), linkTexts: new Map() },
      expect: { title: doc.meta.title, lang: doc.meta.lang, headings, minFontPt: edition.fontSizePt },
    };
  });
  log(`Printing ${jobs.length} large-print PDFs three ways…`);
  const bare: number[] = [];
  const warm: number[] = [];
  const cold: number[] = [];
  const ours = async (browser: Awaited<ReturnType<typeof launchBrowser>>, job: (typeof jobs)[number]) => {
    const fixed = await fixUpPdf(await printPdf(browser, job.html, { fontSizePt: edition.fontSizePt, fontCss }), job.fixup);
    const check = await readBackPdf(fixed, job.expect);
    if (check.problems.length) throw new Error(check.problems.join('\n'));
  };
  const browser = await launchBrowser();
  try {
    for (const job of jobs) {
      bare.push(await time(async () => {
        const page = await browser.newPage();
        await page.setContent(job.html, { waitUntil: 'load' });
        await page.pdf({ format: 'A4', tagged: true, outline: true });
        await page.close();
      }));
      warm.push(await time(() => ours(browser, job)));
    }
  } finally {
    await browser.close();
  }
  for (const job of jobs) {
    cold.push(await time(async () => {
      const fresh = await launchBrowser();
      try {
        await ours(fresh, job);
      } finally {
        await fresh.close();
      }
    }));
  }
  const floor = median(bare);
  return [
    stage('bare page.pdf (floor)', bare, floor, 'per PDF'),
    stage('our PDF, warm browser', warm, floor, 'per PDF: print, fix-ups, read-back'),
    stage('our PDF, cold browser', cold, floor, 'per PDF, launching Chromium each time'),
  ];
}

async function audioStages(root: string, content: string, sample: number, log: (line: string) => void): Promise<StageResult[]> {
  forgetPreparedSites();
  const site = await prepareSite(content);
  const subset = { ...site, reports: site.reports.slice(0, sample) };
  const options = { ...audioDefaults(path.join(root, 'audio-cache'), renderAudioInWorker), log: () => {} };
  log(`Making audio for ${subset.reports.length} reports, then again with the cache…`);
  let cold!: Awaited<ReturnType<typeof makeAudio>>;
  const coldSeconds = await time(async () => (cold = await makeAudio(subset, options)));
  const cachedSeconds = await time(() => makeAudio(subset, options));
  const thousands = cold.words / 1000;
  const per = (seconds: number): number[] => [seconds / thousands];
  const floor = cold.synthesisSeconds / thousands;
  const minutes = cold.reports.reduce((n, r) => n + r.facts.durationSeconds, 0) / 60;
  return [
    stage('speech synthesis', per(cold.synthesisSeconds), floor, `s per 1,000 words (eSpeak NG, WebAssembly; ${cold.words} words, ${minutes.toFixed(0)} min of audio)`),
    stage('MP3 encoding', per(cold.encodingSeconds), floor, 's per 1,000 words (lamejs)'),
    stage('audio, cold (wall clock)', per(coldSeconds), floor, `s per 1,000 words, ${options.concurrency} workers`),
    stage('audio, cached', per(cachedSeconds), floor, 's per 1,000 words: nothing synthesised'),
  ];
}

export async function runBench(reports: number, runs: number, log: (line: string) => void): Promise<{ site: StageResult[]; pdf: StageResult[]; audio: StageResult[] }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'reports-bench-'));
  try {
    const content = path.join(root, 'content');
    log(`Writing ${reports} synthetic reports of ~5,000 words to ${content}…`);
    await writeCorpus(content, reports);
    const site = await siteStages(root, content, reports, runs, log);
    const pdf = await pdfStages(content, Math.min(5, reports), log);
    const audio = await audioStages(root, content, Math.min(2, reports), log);
    return { site, pdf, audio };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export function formatBench(results: readonly StageResult[], title: string): string {
  const rows = results.map((r) => `${r.name.padEnd(26)} ${r.median.toFixed(2).padStart(7)} s  ${r.ratio.toFixed(2).padStart(6)}×   ${r.note ?? ''}${r.runsSeconds.length > 1 ? `   runs: ${r.runsSeconds.map((s) => s.toFixed(2)).join(', ')}` : ''}`);
  return [title, `${'stage'.padEnd(26)}  median   vs floor`, ...rows].join('\n');
}
