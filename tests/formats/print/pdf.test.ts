/**
 * Real PDFs through the whole engine (Typst, finishing, read-back, cache), checked by our read-back and by tools we
 * did not write: poppler (pdfinfo -struct-text against pdftotext -raw, pdffonts) and pdf.js's annotations.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { prepareSite, forgetPreparedSites } from '../../../src/report/prepare-site.ts';
import { makePrintEditions } from '../../../src/formats/print/make-print-editions.ts';
import { reportPrintHeadings, reportPrintModel } from '../../../src/formats/print/print-model.ts';
import { printEditions } from '../../../src/formats/print/editions.ts';
import { runPdfJobs, type EngineOptions } from '../../../src/engines/pdf/pdf-engine.ts';
import { makePdf } from '../../../src/engines/pdf/make-pdf.ts';
import { formatProblem } from '../../../src/report/problems.ts';
import { tempDir } from '../../helpers.ts';

const SECOND = path.resolve('tests/fixtures/second-site');
const tmp = await tempDir();
const options = (log: string[] = []): EngineOptions => ({
  cacheDir: path.join(tmp.dir, 'cache'),
  concurrency: 2,
  log: (line) => log.push(line),
});

async function editionsOf(contentDir: string, log: string[] = []) {
  forgetPreparedSites();
  return makePrintEditions(await prepareSite(contentDir), options(log));
}

/**
 * Poppler's tools. Their stderr is dropped: poppler 22 warns "Suspects object is wrong type (boolean)" and
 * "Attribute BorderColor value is of wrong type (array)" for values ISO 32000-1 allows (MarkInfo /Suspects false,
 * /BorderColor [0 0 0]), which Typst writes.
 */
function poppler(tool: string, args: string[]): Buffer {
  return execFileSync(tool, args, { maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] });
}

/** Words as the shared/hooks check sees them: poppler's tag text against its page text. */
function popplerGluedWords(file: string): { tagged: number; glued: string[] } {
  const run = (cmd: string, args: string[]): string => poppler(cmd, args).toString('utf8');
  const words = (s: string): string[] =>
    s
      .toLowerCase()
      .replace(/’/g, "'")
      .match(/[a-z0-9']+/g) ?? [];
  const tagged = words([...run('pdfinfo', ['-struct-text', file]).matchAll(/"([^"]*)"/g)].map((m) => m[1]).join(' '));
  const page = new Set(words(run('pdftotext', ['-raw', file, '-'])));
  return { tagged: tagged.length, glued: tagged.filter((w) => !page.has(w)) };
}

const pdf = suite('print editions typeset with Typst');
pdf.after(() => tmp.remove());

pdf(
  'the second report: every edition passes the read-back and poppler finds no glued word, only the print fonts, and row headers',
  async () => {
    const result = await editionsOf(SECOND);
    assert.equal(result.problems.map(formatProblem), []);
    const editions = result.editions.get('waiting-times')!;
    assert.equal(
      editions.map((e) => e.entry.kind),
      ['large-print-pdf', 'standard-pdf'],
    );
    for (const edition of editions) {
      const file = edition.source!;
      const { tagged, glued } = popplerGluedWords(file);
      assert.ok(tagged > 150, `${tagged} words in the tags`);
      assert.equal(glued, [], file);
      const fonts = poppler('pdffonts', [file]).toString().split('\n').slice(2).filter(Boolean);
      assert.ok(
        fonts.length >= 2 &&
          fonts.every((line) => /^[A-Z]{6}\+AtkinsonHyperlegible-(Regular|Bold)\s.*\byes yes yes\b/.test(line)),
        fonts.join('\n'),
      );
      // qpdf checks the file's structure (cross-reference, object streams) after pdf-lib rewrote it.
      assert.match(poppler('qpdf', ['--check', file]).toString(), /No syntax or stream encoding errors found/);
      const structure = poppler('pdfinfo', ['-struct-text', file]).toString('latin1');
      assert.match(structure, /TH:\s+\/Scope \/Row\s+Span \(inline\)\s+"Phoned the surgery at 8am"/);
    }
  },
);

pdf(
  'page numbers are printed at the edition size and are artifacts; links announce their text; dates come from the report',
  async () => {
    const result = await editionsOf(SECOND);
    const file = result.editions.get('waiting-times')![0]!.source!;
    const doc = await getDocument({ data: new Uint8Array(await readFile(file)), verbosity: 0 }).promise;
    const page = await doc.getPage(1);
    const items = (await page.getTextContent()).items.filter((i) => 'str' in i && /^Page 1 of \d+$/.test(i.str));
    assert.is(items.length, 1);
    assert.ok(Math.hypot(...(items[0] as { transform: number[] }).transform.slice(2, 4)) >= 17.9);
    const meta = (await doc.getMetadata()) as unknown as {
      info: Record<string, string>;
      metadata: { get(k: string): string };
    };
    assert.is(meta.metadata.get('pdfuaid:part'), '1');
    assert.is(meta.metadata.get('xmp:createdate'), '2025-06-30T00:00:00Z');
    const links: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      for (const a of (await (await doc.getPage(n)).getAnnotations()) as Array<{
        subtype: string;
        contentsObj?: { str: string };
      }>)
        if (a.subtype === 'Link') links.push(a.contentsObj!.str);
    }
    assert.ok(links.length > 0 && links.every((text) => !/^https?:/.test(text)), links.join(' | '));
    await doc.destroy();
  },
);

pdf('the same input gives the same bytes, in a worker and in this thread', async () => {
  forgetPreparedSites();
  const site = await prepareSite(SECOND);
  const result = await editionsOf(SECOND);
  const cached = await readFile(result.editions.get('waiting-times')![1]!.source!);
  const doc = site.reports[0]!.document;
  const model = reportPrintModel({
    doc,
    organisation: site.organisation,
    edition: printEditions([18])[1]!,
    images: new Map(),
    otherFormats: [],
    siteUrl: site.settings.url,
  });
  const job = {
    name: 'x.pdf',
    template: 'report.typ',
    model: { ...model, body: model.body.filter((b) => b.k !== 'figure') },
    images: [],
    finish: { modified: '2025-06-30', linkTexts: [] },
    expect: { title: doc.meta.title, lang: 'en-GB', headings: [], minFontPt: 12 },
  };
  const [a, b] = [await makePdf(job), await makePdf(job)];
  assert.ok(a.ok && b.ok && Buffer.from(a.pdf).equals(Buffer.from(b.pdf)));
  assert.ok(cached.length > 10_000);
});

pdf('the cache typesets again only what changed', async () => {
  const content = path.join(tmp.dir, 'changing');
  await cp(SECOND, content, { recursive: true });
  const first = await editionsOf(content);
  const second = await editionsOf(content);
  const file = path.join(content, 'reports/waiting-times/index.md');
  await writeFile(
    file,
    (await readFile(file, 'utf8')).replace('Answer calls within 10 minutes.', 'Answer calls within 5 minutes.'),
  );
  const third = await editionsOf(content);
  assert.equal([first.reused + first.made, second.made, second.reused, third.made], [2, 0, 2, 2]);
  assert.match(
    third.editions.get('waiting-times')![0]!.entry.label,
    /^Large print PDF \(18 point, \d+ pages, \d+ KB\)$/,
  );
});

pdf('a 24 point edition, set in site.yml, is checked at 24 point, page numbers included', async () => {
  const content = path.join(tmp.dir, 'sizes');
  await cp(SECOND, content, { recursive: true });
  const settings = path.join(content, '_data/site.yml');
  await writeFile(settings, `${await readFile(settings, 'utf8')}print:\n  largePrintSizes: [18, 24]\n`);
  const result = await editionsOf(content);
  assert.equal(result.problems.map(formatProblem), []);
  const editions = result.editions.get('waiting-times')!;
  assert.equal(
    editions.map((e) => e.entry.label.replace(/\d+ pages, \d+ KB/, 'N pages, N KB')),
    [
      'Large print PDF (18 point, N pages, N KB)',
      'Large print PDF (24 point, N pages, N KB)',
      'Standard PDF (N pages, N KB)',
    ],
  );
  const doc = await getDocument({ data: new Uint8Array(await readFile(editions[1]!.source!)), verbosity: 0 }).promise;
  let smallest = Infinity;
  for (let n = 1; n <= doc.numPages; n++) {
    for (const item of (await (await doc.getPage(n)).getTextContent()).items)
      if ('str' in item && item.str.trim())
        smallest = Math.min(smallest, Math.hypot(Number(item.transform[2]), Number(item.transform[3])));
  }
  assert.ok(smallest >= 23.9, `pdf.js finds text at ${smallest} pt`);
  await doc.destroy();
});

pdf('a three-column table of long words prints at 18 point, read as rows; at 12 point as a table', async () => {
  const content = path.join(tmp.dir, 'models');
  await cp(SECOND, content, { recursive: true });
  const file = path.join(content, 'reports/waiting-times/index.md');
  const table =
    '\n\n### 6.4 Model comparison {#model-comparison}\n\nTable: Models compared\n\n| Model | Score | Notes |\n| --- | --- | --- |\n| RandomForestClassifier | 0.93 | GradientBoostingClassifier was close |\n| LogisticRegression | 0.88 | Baseline |\n';
  await writeFile(file, (await readFile(file, 'utf8')).replace('## What people said', `${table}\n## What people said`));
  const result = await editionsOf(content);
  assert.equal(result.problems.map(formatProblem), []);
  for (const edition of result.editions.get('waiting-times')!) {
    const text = poppler('pdftotext', ['-raw', edition.source!, '-']).toString();
    assert.match(text, 'RandomForestClassifier');
    assert.match(text, 'GradientBoostingClassifier');
  }
  const large = poppler('pdftotext', ['-raw', result.editions.get('waiting-times')![0]!.source!, '-']).toString();
  assert.match(large, 'This table is shown as a list, one row at a time.');
  assert.match(large, 'Model: RandomForestClassifier');
  // The contents lists the heading as written, not numbered a second time.
  const contents = poppler('pdftotext', [
    '-raw',
    '-f',
    '2',
    '-l',
    '3',
    result.editions.get('waiting-times')![0]!.source!,
    '-',
  ]).toString();
  assert.match(contents, /^6\.4 Model comparison[ .]*\u2060?\d+$/m);
});

pdf('a long title and summary leave the large-print cover on one page', async () => {
  const content = path.join(tmp.dir, 'long-cover');
  await cp(SECOND, content, { recursive: true });
  const file = path.join(content, 'reports/waiting-times/index.md');
  const summary =
    'What 412 residents of Riverside told us, in spring 2025, about getting an appointment with their GP surgery: how they booked, how long they waited, what got in the way, and what they would change.';
  await writeFile(
    file,
    (await readFile(file, 'utf8'))
      .replace(
        'title: Waiting times for GP appointments in Riverside',
        'title: Waiting times for GP appointments in Riverside, Northfield and the Eastern Villages in 2024 and 2025',
      )
      .replace(/^summary: .*$/m, `summary: "${summary}"`),
  );
  const result = await editionsOf(content);
  const pdfFile = result.editions.get('waiting-times')![0]!.source!;
  const page = (n: number) => poppler('pdftotext', ['-raw', '-f', String(n), '-l', String(n), pdfFile, '-']).toString();
  assert.match(page(1).replace(/\s+/g, ' '), 'Other formats are listed on the next page. Page 1 of');
  assert.match(page(2), /^Other formats\n/);
});

pdf(
  'a code with no hyphenation points breaks inside the page; unbroken, the read-back catches it running off the page',
  async () => {
    forgetPreparedSites();
    const site = await prepareSite(SECOND);
    const doc = site.reports[0]!.document;
    const code = 'REF-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const model = reportPrintModel({
      doc: {
        ...doc,
        blocks: [{ type: 'paragraph', content: [{ type: 'text', text: `Quote ${code} when you call.` }], line: 9 }],
      },
      organisation: site.organisation,
      edition: printEditions([24])[0]!,
      images: new Map(),
      otherFormats: [],
      siteUrl: site.settings.url,
    });
    const job = (body: typeof model.body) => ({
      name: 'x.pdf',
      template: 'report.typ',
      model: { ...model, body },
      images: [],
      finish: { modified: '2025-06-30', linkTexts: [] },
      expect: {
        title: doc.meta.title,
        lang: 'en-GB',
        headings: reportPrintHeadings({ ...model, body }),
        minFontPt: 24,
      },
    });
    const broken = await makePdf(job(model.body));
    assert.ok(broken.ok);
    if (broken.ok) assert.equal(broken.problems, []);
    const unbreakable = await makePdf(job([{ k: 'p', c: [`Quote ${code} when you call.`], line: 9 }]));
    assert.ok(
      unbreakable.ok &&
        unbreakable.problems.some((p) => /^page \d+: text ".*" runs past the edge of the page$/.test(p)),
      unbreakable.ok ? unbreakable.problems.join('\n') : '',
    );
  },
);

pdf(
  'a PDF that fails the read-back is not published and does not claim PDF/UA; one that passes does (poppler reads the XMP)',
  async () => {
    forgetPreparedSites();
    const site = await prepareSite(SECOND);
    const doc = site.reports[0]!.document;
    const model = reportPrintModel({
      doc,
      organisation: site.organisation,
      edition: printEditions([18])[0]!,
      images: new Map(),
      otherFormats: [],
      siteUrl: site.settings.url,
    });
    const job = (minFontPt: number, name: string) => ({
      name,
      template: 'report.typ',
      model: { ...model, body: model.body.filter((b) => b.k !== 'figure') },
      images: [],
      finish: { modified: '2025-06-30', linkTexts: [] },
      expect: { title: doc.meta.title, lang: 'en-GB', headings: reportPrintHeadings(model), minFontPt },
    });
    // Asking for 30 point text of an 18 point edition makes the read-back fail, as a layout fault would.
    const run = await runPdfJobs(
      [
        { job: job(30, 'reports/waiting-times/failed.pdf'), source: doc.file, edition: 'large-print PDF (18 point)' },
        { job: job(18, 'reports/waiting-times/passed.pdf'), source: doc.file, edition: 'large-print PDF (18 point)' },
      ],
      options(),
    );
    const published = [...run.results.entries()];
    assert.equal(
      published.map(([j]) => j.name),
      ['reports/waiting-times/passed.pdf'],
      'only the passing PDF is a result to publish',
    );
    const passed = published[0]![1];
    const kept = path.join(options().cacheDir, 'rejected', 'failed.pdf');
    assert.ok(
      run.problems.length > 0 &&
        run.problems.every((p) =>
          formatProblem(p).includes(
            `kept (not published, and not marked PDF/UA) at ${path.relative(process.cwd(), kept)}`,
          ),
        ),
      run.problems.map(formatProblem).join('\n'),
    );
    const meta = (file: string): string => poppler('pdfinfo', ['-meta', file]).toString('utf8');
    assert.not.match(meta(kept), /pdfuaid:part/);
    assert.match(meta(kept), /<dc:title>/);
    assert.match(meta(passed.source), /<pdfuaid:part>1<\/pdfuaid:part>|pdfuaid:part="1"/);
  },
);

pdf('a failed typeset names the Markdown line of the block at fault', async () => {
  forgetPreparedSites();
  const site = await prepareSite(SECOND);
  const doc = site.reports[0]!.document;
  const model = reportPrintModel({
    doc,
    organisation: site.organisation,
    edition: printEditions([18])[0]!,
    images: new Map(),
    otherFormats: [],
    siteUrl: site.settings.url,
  });
  // A picture the typesetter cannot find stands in for any block Typst refuses.
  const broken = {
    ...model,
    body: [
      ...model.body.slice(0, 4),
      { k: 'figure' as const, src: 'missing.png', alt: 'A chart', widthPt: 100, line: 17 },
      ...model.body.slice(4),
    ],
  };
  const job = {
    name: 'x.pdf',
    template: 'report.typ',
    model: broken,
    images: [],
    finish: { modified: '2025-06-30', linkTexts: [] },
    expect: { title: doc.meta.title, lang: 'en-GB', headings: [], minFontPt: 18 },
  };
  const run = await runPdfJobs([{ job, source: doc.file, edition: 'large-print PDF (18 point)' }], options());
  assert.is(run.problems.length, 1);
  assert.match(
    formatProblem(run.problems[0]!),
    /reports\/waiting-times\/index\.md:17: the large-print PDF \(18 point\) could not be typeset: .*not found.* — look for something unusual in the block that starts on this line/,
  );
});

pdf(
  'a picture that cannot be decoded stops the build at its line; an SVG with small text warns, and its large-print version is used',
  async () => {
    const content = path.join(tmp.dir, 'pictures');
    await cp(SECOND, content, { recursive: true });
    const folder = path.join(content, 'reports/waiting-times');
    await writeFile(path.join(folder, 'waiting-room.png'), 'this is not a picture');
    const broken = await editionsOf(content);
    assert.equal(
      broken.problems
        .map(formatProblem)
        .map((m) => m.replace(/^.*index\.md:/, 'index.md:').replace(/: Input .* format —/, ': … —')),
      [
        'index.md:10: picture waiting-room.png (or its large-print version) cannot be read for the PDFs: … — open it in an image editor and save it again as PNG, JPEG or SVG (see docs/editors-guide.md#images)',
      ],
    );
    await cp(path.join(SECOND, 'reports/waiting-times/waiting-room.png'), path.join(folder, 'waiting-room.png'));
    const chart = (size: number) =>
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 200"><text x="10" y="100" font-size="${size}">Phoned 56%</text></svg>`;
    await writeFile(path.join(folder, 'chart.svg'), chart(16));
    await writeFile(
      path.join(folder, 'index.md'),
      (await readFile(path.join(folder, 'index.md'), 'utf8')).replace(
        '## What people said',
        '![Bar chart: 56% phoned](chart.svg)\n\n## What people said',
      ),
    );
    const small = await editionsOf(content);
    assert.equal(
      small.problems
        .map(formatProblem)
        .filter((m) => m.includes('chart.svg'))
        .map((m) => m.replace(/^.*index\.md:\d+: /, '')),
      [
        'warning: the text in picture chart.svg ("Phoned 56%") prints at 9.6 pt, below the 18 point large print — add a large-print version beside it named chart.large-print.svg with text of at least font-size 30 at 800 units wide, or give the numbers in a table after the picture (see docs/editors-guide.md#images)',
      ],
    );
    await writeFile(path.join(folder, 'chart.large-print.svg'), chart(30));
    const fixed = await editionsOf(content);
    assert.equal(fixed.problems, []);
  },
);
pdf.run();

const scripts = suite('characters the print fonts have, and do not');
scripts(
  'Cyrillic falls back to Noto Sans and the build says which letters; a character no print font has stops the build at its line',
  async () => {
    const content = path.join(tmp.dir, 'scripts');
    await cp(SECOND, content, { recursive: true });
    const file = path.join(content, 'reports/waiting-times/index.md');
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      text.replace('Most people phoned the GP surgery.', 'Most people phoned the GP surgery. One wrote «Спасибо».'),
    );
    const cyrillic = await editionsOf(content);
    const warnings = cyrillic.problems.map(formatProblem);
    // At the line the letters are on.
    const cyrillicLine = text.split('\n').findIndex((l) => l.includes('Most people phoned the GP surgery.')) + 1;
    assert.ok(
      warnings.length === 2 &&
        warnings.every((w) =>
          new RegExp(
            `index\\.md:${cyrillicLine}: warning: С а б и о п с are not in the print font Atkinson Hyperlegible, so the (large-print PDF \\(18 point\\)|standard PDF) prints them in Noto Sans`,
          ).test(w),
        ),
      warnings.join('\n'),
    );
    const fonts = poppler('pdffonts', [cyrillic.editions.get('waiting-times')![0]!.source!]).toString();
    assert.match(fonts, /NotoSans-Regular/);
    await writeFile(file, text.replace('## What people said', 'Our office sign reads 漢字.\n\n## What people said'));
    const han = await editionsOf(content);
    const messages = han.problems.map(formatProblem);
    assert.ok(messages.length >= 1);
    assert.match(
      messages[0]!,
      /index\.md:\d+: the (large-print PDF \(18 point\)|standard PDF) could not be typeset: the text "漢" could not be displayed with font "Atkinson Hyperlegible".* — the print fonts \(Atkinson Hyperlegible, Noto Sans\) have no letter for it/,
    );
    const line = Number(/index\.md:(\d+):/.exec(messages[0]!)![1]);
    assert.is((await readFile(file, 'utf8')).split('\n')[line - 1], 'Our office sign reads 漢字.');
  },
);
scripts.run();
