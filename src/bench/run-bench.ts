/**
 * The benchmark. Site stages: medians of several runs on the same synthetic corpus, each with its ratio to the floor
 * (raw Eleventy turning the same Markdown into HTML, no layout, checks, images or PDFs), measured in the same run.
 * PDF stage: seconds per large-print PDF for our print path (Typst compile, finishing and read-back, in one warm
 * thread), against the reference of Chromium's bare page.pdf of the same report's web page in a warm browser.
 * Audio stage: seconds per 1,000 words of synthesis and of encoding (the floor is synthesis), cold and cached.
 */
import Eleventy from '@11ty/eleventy';
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeCorpus } from './corpus.ts';
import { median, stage, time, type StageResult } from './stages.ts';
import { freshProcessStages, previewStages } from './preview-bench.ts';
import { buildSite } from '../build/build-site.ts';
import { loadSite } from '../report/load-site.ts';
import { prepareSite, forgetPreparedSites } from '../report/prepare-site.ts';
import { checkSite } from '../checks/content-checks.ts';
import { launchBrowser } from '../checks/site/browser.ts';
import { printEditions } from '../formats/print/editions.ts';
import { printLinkTexts, reportPrintHeadings, reportPrintModel } from '../formats/print/print-model.ts';
import { reportPictures } from '../formats/print/print-images.ts';
import { virtualFiles } from '../engines/pdf/print-images.ts';
import { typeset } from '../engines/pdf/typeset.ts';
import { finishDocument, savePdf } from '../engines/pdf/finish-pdf.ts';
import { PDFDocument } from 'pdf-lib';
import { readBackPdf } from '../engines/pdf/read-back.ts';
import { audioDefaults, makeAudio } from '../formats/audio/make-audio.ts';
import { renderAudioInWorker } from '../formats/audio/audio-pool.ts';
import { levelled } from '../formats/audio/level.ts';
import { makeBraille } from '../formats/braille/make-braille.ts';
import { brailleView } from '../checks/parity/edition-views.ts';
import { compareEditions } from '../checks/parity/compare.ts';
import { makeEpub } from '../formats/epub/make-epub.ts';
import { toAudioScript } from '../formats/audio/script.ts';
import { toSentences } from '../formats/audio/sentences.ts';
import { speakSentence } from '../formats/audio/voices/speak.ts';
import { encodeMp3 } from '../formats/audio/encode-mp3.ts';
import { encodeMp3WithLamejs } from './lamejs-reference.ts';

export type { StageResult } from './stages.ts';
import { staffStages } from './staff-bench.ts';
import { editorStages } from './editor-bench.ts';
import { phoneStages } from './phone-bench.ts';
import { pictureCache } from '../build/build-context.ts';

async function siteStages(
  root: string,
  content: string,
  reports: number,
  runs: number,
  log: (line: string) => void,
): Promise<StageResult[]> {
  const emptyConfig = path.join(root, 'raw-eleventy.config.mjs');
  await writeFile(emptyConfig, 'export default function () {}\n');
  const cacheDir = path.join(root, 'cache');
  const raw = () => {
    const eleventy = new Eleventy(path.join(content, 'reports'), path.join(root, 'raw-out'), {
      quietMode: true,
      configPath: emptyConfig,
    });
    eleventy.logger.overrideLogger(false);
    return eleventy.write();
  };
  // Audio of a whole archive takes far longer than everything else (measured per 1,000 words below), so these stages
  // make the website, the PDFs and easy read.
  // The parity check's own time, from the build's summary line ("Parity: … (0.52 s)").
  const paritySeconds: number[] = [];
  const noteParity = (line: string): void => {
    const seconds = /^Parity: .*\((\d+(?:\.\d+)?) s\)$/.exec(line)?.[1];
    if (seconds) paritySeconds.push(Number(seconds));
  };
  const build = () =>
    buildSite({
      contentDir: content,
      outputDir: path.join(root, 'site'),
      cacheDir,
      log: noteParity,
      formats: ['print', 'easy-read'],
    });

  log('First build with empty caches (typesets every PDF)…');
  let printedFirst = 0;
  let peakBytes = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakBytes = Math.max(peakBytes, process.memoryUsage().rss)), 50);
  const cold = await time(async () => (printedFirst = (await build()).site.stats.pdfsPrinted)).finally(() =>
    clearInterval(sampler),
  );
  const parityCold = paritySeconds.splice(0)[0] ?? NaN;
  await raw();
  for (const dir of ['raw-out', path.join('site', 'reports')]) {
    const made = (await readdir(path.join(root, dir))).filter((p) => p.startsWith('report-')).length;
    if (made !== reports)
      throw new Error(`${dir} holds ${made} reports, not ${reports}: the benchmark would measure nothing`);
  }
  const timings = { raw: [] as number[], checks: [] as number[], rebuild: [] as number[] };
  let printedAgain = 0;
  for (let run = 1; run <= runs; run++) {
    timings.raw.push(await time(raw));
    timings.checks.push(await time(async () => checkSite(await loadSite(content), pictureCache())));
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
  const parityWarm = paritySeconds.splice(0);
  const floor = median(timings.raw);
  const fresh = await freshProcessStages(root, content, cacheDir, runs, log);
  const preview = await previewStages(root, content, cacheDir, runs, floor, log);
  return [
    stage('raw Eleventy (floor)', timings.raw, floor),
    stage('content checks alone', timings.checks, floor),
    stage(
      'full build, empty caches',
      [cold],
      floor,
      `${printedFirst} PDFs typeset; peak memory ${(peakBytes / 2 ** 30).toFixed(2)} GB (whole process, workers included)`,
    ),
    stage(
      'parity check, first build',
      [parityCold],
      floor,
      `${((parityCold / reports) * 1000).toFixed(0)} ms a report (web page and its PDFs); ${((parityCold / cold) * 100).toFixed(1)}% of the first build`,
    ),
    stage('rebuild, nothing changed', timings.rebuild, floor, `${printedAgain} PDFs typeset in ${runs} runs`),
    stage(
      'parity check, one edited',
      parityWarm.slice(runs),
      floor,
      `the edited report checked again, the others known to have passed`,
    ),
    stage('rebuild, one report edited', edited, floor, `${printedAfterEdit} PDFs typeset in ${runs} runs`),
    ...fresh,
    ...preview,
  ];
}

async function pdfStages(
  root: string,
  content: string,
  most: number,
  log: (line: string) => void,
): Promise<StageResult[]> {
  forgetPreparedSites();
  const site = await prepareSite(content);
  const sample = Math.max(1, Math.floor(Math.min(2 * most, site.reports.length) / 2));
  const edition = printEditions(site.settings.print.largePrintSizes)[0]!;
  const jobs = [];
  // Twice as many as measured: the first half only warms the browser, the compiler and the read-back. Typst memoises
  // what it has typeset, so the measured reports must be ones it has not seen.
  for (const report of site.reports.slice(0, 2 * sample)) {
    const doc = report.document;
    const images = (await reportPictures(doc, path.join(root, 'cache', 'pdf', 'images'), [edition.fontSizePt]))
      .largePrint;
    const model = reportPrintModel({
      doc,
      organisation: site.organisation,
      edition,
      images,
      otherFormats: [],
      siteUrl: site.settings.url,
    });
    jobs.push({
      page: path.join(root, 'site', 'reports', doc.slug, 'index.html'),
      typeset: { template: 'report.typ', model, images: virtualFiles(images.values()) },
      finish: { modified: doc.meta.published, linkTexts: printLinkTexts(model.body) },
      expect: {
        title: doc.meta.title,
        lang: doc.meta.lang,
        headings: reportPrintHeadings(model),
        minFontPt: edition.fontSizePt,
      },
    });
  }
  log(
    `Typesetting ${sample} large-print PDFs (after ${sample} to warm up), and printing their web pages with Chromium for reference…`,
  );
  const bare: number[] = [];
  const compile: number[] = [];
  const checks: number[] = [];
  const ours: number[] = [];
  const browser = await launchBrowser();
  try {
    for (const [index, job] of jobs.entries()) {
      const reference = await time(async () => {
        const page = await browser.newPage();
        await page.goto(`file://${job.page}`, { waitUntil: 'load' });
        await page.pdf({ format: 'A4', tagged: true, outline: true });
        await page.close();
      });
      let pdf: Uint8Array = new Uint8Array();
      const typesetting = await time(async () => (pdf = await typeset(job.typeset)));
      const checking = await time(async () => {
        const doc = await PDFDocument.load(pdf, { updateMetadata: false });
        const check = await readBackPdf(doc, job.expect, finishDocument(doc, job.finish));
        if (check.problems.length) throw new Error(check.problems.join('\n'));
        await savePdf(doc);
      });
      if (index >= sample) {
        bare.push(reference);
        compile.push(typesetting);
        checks.push(checking);
        ours.push(typesetting + checking);
      }
    }
  } finally {
    await browser.close();
  }
  const floor = median(bare);
  return [
    stage(
      'Chromium bare page.pdf',
      bare,
      floor,
      "per PDF: the reference (the report's web page, warm browser, no checks)",
    ),
    stage('Typst compile', compile, floor, 'per PDF, warm compiler'),
    stage(
      'finish + read-back',
      checks,
      floor,
      'per PDF: one parse; row headers, link texts, dates; every read-back check; save',
    ),
    stage('our PDF, all of it', ours, floor, 'per PDF: compile + finish + read-back (target: at most 0.6×)'),
  ];
}

async function audioStages(
  root: string,
  content: string,
  sample: number,
  log: (line: string) => void,
): Promise<StageResult[]> {
  forgetPreparedSites();
  const site = await prepareSite(content);
  const subset = { ...site, reports: site.reports.slice(0, sample) };
  const options = { ...audioDefaults(path.join(root, 'audio-cache'), renderAudioInWorker), log: () => {} };
  log(`Making audio for ${subset.reports.length} reports, then again with the cache, then after a one-sentence edit…`);
  let cold!: Awaited<ReturnType<typeof makeAudio>>;
  const coldSeconds = await time(async () => (cold = await makeAudio(subset, options)));
  const cachedSeconds = await time(() => makeAudio(subset, options));
  // One sentence of the first report changed, as an editor would: only that sentence is spoken again.
  const edited = subset.reports[0]!.document.file;
  const source = await readFile(edited, 'utf8');
  const end = source.indexOf('---', 3) + 3;
  await writeFile(
    edited,
    source.slice(0, end) + source.slice(end).replace(/(\n[A-Z][^.\n]{20,}?)\.(\s)/, '$1, as we found.$2'),
  );
  forgetPreparedSites();
  const after = await prepareSite(content);
  let edit!: Awaited<ReturnType<typeof makeAudio>>;
  const editSeconds = await time(
    async () => (edit = await makeAudio({ ...after, reports: after.reports.slice(0, sample) }, options)),
  );
  // The corpus repeats its sentences, which the sentence cache rightly speaks once: the example report's are all
  // different, so its cold figure is the one a new report sees.
  forgetPreparedSites();
  const example = await prepareSite(path.resolve('content'));
  let fresh!: Awaited<ReturnType<typeof makeAudio>>;
  const exampleSeconds = await time(
    async () => (fresh = await makeAudio(example, { ...options, cacheDir: path.join(root, 'example-audio-cache') })),
  );
  const thousands = cold.words / 1000;
  const per = (seconds: number): number[] => [seconds / thousands];
  const floor = cold.synthesisSeconds / thousands;
  const minutes = cold.reports.reduce((n, r) => n + r.facts.durationSeconds, 0) / 60;
  return [
    stage(
      'speech synthesis',
      per(cold.synthesisSeconds),
      floor,
      `s per 1,000 words, CPU (Flite rms, WebAssembly; ${cold.words} words, ${minutes.toFixed(0)} min of audio)`,
    ),
    stage('MP3 encoding', per(cold.encodingSeconds), floor, 's per 1,000 words, CPU (LAME in WebAssembly)'),
    stage(
      'audio, cold (wall clock)',
      per(coldSeconds),
      floor,
      `s per 1,000 words, ${options.concurrency} workers (target: at most 3.5); the corpus repeats sentences`,
    ),
    stage(
      'example, cold (wall clock)',
      [exampleSeconds / (fresh.words / 1000)],
      floor,
      `s per 1,000 words, ${options.concurrency} workers: the example report and its easy read, every sentence different (${fresh.words} words; synthesis ${(fresh.synthesisSeconds / (fresh.words / 1000)).toFixed(2)} s CPU, encoding ${(fresh.encodingSeconds / (fresh.words / 1000)).toFixed(2)} s CPU per 1,000 words)`,
    ),
    stage('audio, cached', per(cachedSeconds), floor, 's per 1,000 words: nothing synthesised'),
    stage(
      'one-sentence edit',
      [editSeconds],
      floor,
      `s for the whole run, not per 1,000 words: spoke ${edit.spokenSentences} sentence(s), reused ${edit.reusedSentences} (target: under 2)`,
    ),
  ];
}

/** The two MP3 encoders on the same speech (about two minutes), seconds per minute of audio, medians of `runs`. */
async function encoderStages(runs: number, log: (line: string) => void): Promise<StageResult[]> {
  log('Encoding the same speech with lamejs and with LAME in WebAssembly…');
  const sentence = 'We talked with eighteen mothers in Lambeth about the help they got and what should change. ';
  const speech = await speakSentence(sentence.repeat(16), { engine: 'flite', voice: 'rms' });
  const pcm = { samples: levelled(speech.samples), sampleRate: speech.sampleRate };
  const minutes = pcm.samples.length / pcm.sampleRate / 60;
  const lamejs: number[] = [];
  const wasm: number[] = [];
  for (let run = 0; run < runs; run++) {
    lamejs.push((await time(() => encodeMp3WithLamejs(pcm, 48))) / minutes);
    wasm.push((await time(() => encodeMp3(pcm, 48))) / minutes);
  }
  const floor = median(lamejs);
  return [
    stage('lamejs (before)', lamejs, floor, `s per minute of audio (${minutes.toFixed(1)} min, 48 kbit/s mono)`),
    stage('LAME in WebAssembly (now)', wasm, floor, 's per minute of audio, same speech and settings'),
  ];
}

/** Braille for `sample` reports, both grades: seconds per report (translation, layout, checks, round trip). */
async function brailleStages(content: string, sample: number, log: (line: string) => void): Promise<StageResult[]> {
  forgetPreparedSites();
  const site = await prepareSite(content);
  log(`Brailling ${sample} reports at both grades…`);
  const seconds: number[] = [];
  for (const report of site.reports.slice(0, sample)) {
    seconds.push(
      await time(async () => {
        for (const grade of [1, 2] as const)
          await makeBraille(report.document, site.organisation, { cells: 40, lines: 25 }, grade);
      }),
    );
  }
  // The parity check's read-back of the same files: liblouis backwards over the BRF, then the comparison.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'braille-parity-'));
  const parity: number[] = [];
  try {
    for (const report of site.reports.slice(0, sample)) {
      const files = await Promise.all(
        ([1, 2] as const).map(async (grade) => {
          const file = path.join(dir, `${report.document.slug}-${grade}.brf`);
          await writeFile(
            file,
            (await makeBraille(report.document, site.organisation, { cells: 40, lines: 25 }, grade)).brf,
            'latin1',
          );
          return [file, grade] as const;
        }),
      );
      parity.push(
        await time(async () => {
          const views = await Promise.all(files.map(([file, grade]) => brailleView(file, grade)));
          const missing = compareEditions(report.document, views);
          if (missing.length)
            throw new Error(
              `the braille of ${report.document.slug} failed the parity check: ${missing.map((p) => p.message).join('; ')}`,
            );
        }),
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const made = median(seconds);
  return [
    stage('braille, both grades', seconds, made, 'per report of ~5,000 words: liblouis, layout, checks and round trip'),
    stage(
      'parity read-back, both',
      parity,
      made,
      'per report: liblouis backwards over both BRF files, then compared with the model',
    ),
  ];
}

/**
 * EPUB seconds per report against the standard PDF's (typeset, finished and read back) for the same report: the page
 * list follows the words that PDF's read-back kept, and the overlays follow a recording timed at 150 words a minute (synthesising 5,000
 * words would take minutes and is measured by the audio part).
 */
async function epubStages(
  root: string,
  content: string,
  sample: number,
  log: (line: string) => void,
): Promise<StageResult[]> {
  forgetPreparedSites();
  const site = await prepareSite(content);
  const edition = printEditions([])[0]!;
  log(`Making ${sample} EPUBs, each after typesetting its standard PDF (the reference)…`);
  const pdfSeconds: number[] = [];
  const epubSeconds: number[] = [];
  for (const [index, report] of site.reports.slice(0, sample + 1).entries()) {
    const doc = report.document;
    const pictures = (await reportPictures(doc, path.join(root, 'cache', 'pdf', 'images'), [])).standard;
    const model = reportPrintModel({
      doc,
      organisation: site.organisation,
      edition,
      images: pictures,
      otherFormats: [],
      siteUrl: site.settings.url,
    });
    let pages: string[][] = [];
    const printing = await time(async () => {
      const typeset_ = await typeset({ template: 'report.typ', model, images: virtualFiles(pictures.values()) });
      const pdfDoc = await PDFDocument.load(typeset_, { updateMetadata: false });
      const check = await readBackPdf(
        pdfDoc,
        {
          title: doc.meta.title,
          lang: doc.meta.lang,
          headings: reportPrintHeadings(model),
          minFontPt: edition.fontSizePt,
        },
        finishDocument(pdfDoc, { modified: doc.meta.published, linkTexts: printLinkTexts(model.body) }),
      );
      if (check.problems.length) throw new Error(check.problems.join('\n'));
      await savePdf(pdfDoc);
      pages = check.pageWords;
    });
    const sentences = toSentences(toAudioScript(doc, { organisation: site.organisation, otherFormats: [] }));
    let clock = 0;
    const cues = sentences
      .flatMap((c) => c.paragraphs.flat())
      .map((s) => {
        const start = clock + s.gapBeforeMs / 1000;
        clock = start + (s.written.split(/\s+/).length * 60) / 150;
        return { id: s.id, startSeconds: start, endSeconds: clock };
      });
    const mp3 = new Uint8Array(Math.round((clock * 48_000) / 8));
    // The page list uses the words the PDF's read-back kept, as a build does.
    const making = await time(async () => {
      await makeEpub({
        doc,
        organisation: site.organisation,
        siteUrl: site.settings.url,
        otherFormats: [],
        pictures,
        standardPdf: { pages, address: `${site.settings.url}reports/${doc.slug}/${doc.slug}.pdf` },
        recording: { mp3, sentences, cues, narrator: 'bench' },
      });
    });
    // The first report only warms the compiler and the code paths.
    if (index === 0) continue;
    pdfSeconds.push(printing);
    epubSeconds.push(making);
  }
  return [
    stage(
      'standard PDF (reference)',
      pdfSeconds,
      median(pdfSeconds),
      'per report of ~5,000 words: Typst, finishing and read-back',
    ),
    stage('EPUB', epubSeconds, median(pdfSeconds), 'per report: XHTML twice, page list from the PDF, overlays, ZIP'),
  ];
}

export const BENCH_PARTS = ['site', 'pdf', 'audio', 'encoders', 'braille', 'epub', 'staff', 'editor', 'phone'] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

export async function runBench(
  reports: number,
  runs: number,
  log: (line: string) => void,
  parts: ReadonlySet<BenchPart> = new Set(BENCH_PARTS),
): Promise<Record<BenchPart, StageResult[]>> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'reports-bench-'));
  try {
    const content = path.join(root, 'content');
    log(`Writing ${reports} synthetic reports of ~5,000 words to ${content}…`);
    await writeCorpus(content, reports);
    const site = parts.has('site') ? await siteStages(root, content, reports, runs, log) : [];
    const pdf = parts.has('pdf') ? await pdfStages(root, content, 10, log) : [];
    const audio = parts.has('audio') ? await audioStages(root, content, Math.min(2, reports), log) : [];
    const encoders = parts.has('encoders') ? await encoderStages(Math.max(3, runs), log) : [];
    const braille = parts.has('braille') ? await brailleStages(content, Math.min(10, reports), log) : [];
    const epub = parts.has('epub') ? await epubStages(root, content, Math.min(5, reports - 1), log) : [];
    const staff = parts.has('staff') ? await staffStages(Math.max(5, runs), log) : [];
    const editor = parts.has('editor') ? await editorStages(content, reports, runs, log) : [];
    const phone = parts.has('phone') ? await phoneStages(log) : [];
    return { site, pdf, audio, encoders, braille, epub, staff, editor, phone };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export function formatBench(results: readonly StageResult[], title: string): string {
  const rows = results.map(
    (r) =>
      `${r.name.padEnd(26)} ${r.median.toFixed(2).padStart(7)} ${r.unit ?? 's'}  ${r.ratio.toFixed(2).padStart(6)}×   ${r.note ?? ''}${r.runsSeconds.length > 1 ? `   runs: ${r.runsSeconds.map((s) => s.toFixed(2)).join(', ')}` : ''}`,
  );
  return [title, `${'stage'.padEnd(26)}  median   vs floor`, ...rows].join('\n');
}
