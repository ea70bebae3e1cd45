/**
 * The browser layer of the print format, sharing one Chromium: real PDFs, fixed up and read back with pdf.js;
 * a 10 pt rule sneaking into the CSS is caught; output is byte-for-byte repeatable; the cache prints only what changed.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { launchBrowser } from '../../../src/checks/site/browser.ts';
import { prepareSite, forgetPreparedSites } from '../../../src/report/prepare-site.ts';
import { embeddedFontCss } from '../../../src/formats/print/fonts.ts';
import { printEditions } from '../../../src/formats/print/editions.ts';
import { printHeadings, renderPrintHtml } from '../../../src/formats/print/print-html.ts';
import { printPdf } from '../../../src/formats/print/print-pdf.ts';
import { printImage } from '../../../src/formats/print/print-images.ts';
import type { PrintImage } from '../../../src/formats/print/print-html.ts';
import { fixUpPdf } from '../../../src/formats/print/pdf-fixups.ts';
import { readBackPdf } from '../../../src/formats/print/read-back.ts';
import { makePrintEditions } from '../../../src/formats/print/make-print-editions.ts';
import { tempDir } from '../../helpers.ts';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const SECOND = path.resolve('tests/fixtures/second-site');
const context: { browser?: Browser } = {};
const pdf = suite('print editions in Chromium');
pdf.before(async () => {
  context.browser = await launchBrowser();
});
pdf.after(async () => {
  await context.browser?.close();
});

async function printSecondSite(largePrintSize = 18, contentDir = SECOND) {
  forgetPreparedSites();
  const site = await prepareSite(contentDir);
  const doc = site.reports[0]!.document;
  const edition = printEditions([largePrintSize])[0]!;
  const fontCss = await embeddedFontCss();
  const images = new Map<string, PrintImage>();
  for (const block of doc.blocks) if (block.type === 'figure') images.set(block.image.src, await printImage(path.join(doc.folder, block.image.src)));
  const html = renderPrintHtml({ doc, organisation: site.organisation, edition, images, fontCss, otherFormats: [] });
  const headings = printHeadings(doc);
  const fixup = { title: doc.meta.title, lang: doc.meta.lang, publisher: site.organisation.name, published: doc.meta.published, modified: doc.meta.published, headings: headings.map((h) => h.text), linkTexts: new Map() };
  return { doc, html, fontCss, headings, fixup, edition };
}

pdf('a large-print PDF passes every read-back check, page numbers included', async () => {
  const { doc, html, fontCss, headings, fixup } = await printSecondSite();
  const fixed = await fixUpPdf(await printPdf(context.browser!, html, { fontSizePt: 18, fontCss }), fixup);
  const result = await readBackPdf(fixed, { title: doc.meta.title, lang: doc.meta.lang, headings, minFontPt: 18 });
  assert.equal(result.problems, []);
  assert.ok(result.smallestPt >= 17.9, `smallest text ${result.smallestPt} pt`);
  const read = await getDocument({ data: fixed.slice(), verbosity: 0 }).promise;
  const text = (await (await read.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
  assert.match(text, `Page 1 of ${result.pages}`);
  const meta = (await read.getMetadata()) as unknown as { metadata: { get(k: string): string } };
  assert.is(meta.metadata.get('dc:title'), doc.meta.title);
  await read.destroy();
});

pdf('the 24 point edition is checked at 24 point', async () => {
  const { doc, html, fontCss, headings, fixup } = await printSecondSite(24);
  const fixed = await fixUpPdf(await printPdf(context.browser!, html, { fontSizePt: 24, fontCss }), fixup);
  const result = await readBackPdf(fixed, { title: doc.meta.title, lang: doc.meta.lang, headings, minFontPt: 24 });
  assert.equal(result.problems, []);
});

pdf('CSS that sneaks in 10 pt text fails the size check, naming the page and the text', async () => {
  const { doc, html, fontCss, headings, fixup } = await printSecondSite();
  const sneaky = html.replace('</style>', '.lead-in, main p:first-of-type { font-size: 10pt; }</style>');
  const fixed = await fixUpPdf(await printPdf(context.browser!, sneaky, { fontSizePt: 18, fontCss }), fixup);
  const result = await readBackPdf(fixed, { title: doc.meta.title, lang: doc.meta.lang, headings, minFontPt: 18 });
  assert.ok(result.problems.some((p) => /^page \d+: text "We surveyed 412 residents in spring 2025\.?.*" is 10\.0 pt, below 18 pt$/.test(p)), result.problems.join('\n'));
});

pdf('Chromium alone fails the checks the fix-ups exist for; after them, the example report passes', async () => {
  const { doc, html, fontCss, headings, fixup } = await printSecondSite(18, path.resolve('content'));
  const raw = await printPdf(context.browser!, html, { fontSizePt: 18, fontCss });
  const before = (await readBackPdf(raw, { title: doc.meta.title, lang: doc.meta.lang, headings, minFontPt: 18 })).problems.join('\n');
  assert.match(before, 'the XMP metadata has no dc:title matching the title');
  assert.match(before, /bookmark 1 is "Mothers' experience ofperinatal/);
  assert.match(before, /page \d+: 1 figure has no alt text in the tags/);
  assert.match(before, /page \d+: \d+ links? ha(s|ve) no \/Contents description/);
  assert.match(before, /page \d+: \d+ list items? ha(s|ve) no LBody in the tags/);
  const after = await readBackPdf(await fixUpPdf(raw, fixup), { title: doc.meta.title, lang: doc.meta.lang, headings, minFontPt: 18 });
  assert.equal(after.problems, []);
});

pdf('the same input gives the same bytes, across two browser launches a clock second apart', async () => {
  const { html, fontCss, fixup } = await printSecondSite();
  const first = await fixUpPdf(await printPdf(context.browser!, html, { fontSizePt: 18, fontCss }), fixup);
  // Chromium stamps the print time to the second: make sure the second print carries a different stamp.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const other = await launchBrowser();
  try {
    const second = await fixUpPdf(await printPdf(other, html, { fontSizePt: 18, fontCss }), fixup);
    assert.ok(Buffer.from(first).equals(Buffer.from(second)), 'identical bytes');
  } finally {
    await other.close();
  }
});

pdf('the cache prints again only the editions whose inputs changed, and never launches a browser for nothing', async () => {
  const tmp = await tempDir();
  try {
    const content = path.join(tmp.dir, 'content');
    await cp(SECOND, content, { recursive: true });
    let launches = 0;
    const keepOpen = {
      cacheDir: path.join(tmp.dir, 'cache'), concurrency: 2, log: () => {},
      browser: async () => { launches++; return context.browser!; },
    };
    forgetPreparedSites();
    const first = await makePrintEditions(await prepareSite(content), keepOpen);
    assert.equal([first.printed, first.reused, launches], [2, 0, 1]);
    forgetPreparedSites();
    const second = await makePrintEditions(await prepareSite(content), keepOpen);
    assert.equal([second.printed, second.reused, launches], [0, 2, 1]);
    const file = path.join(content, 'reports/waiting-times/index.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('Answer calls within 10 minutes.', 'Answer calls within 5 minutes.'));
    forgetPreparedSites();
    const third = await makePrintEditions(await prepareSite(content), keepOpen);
    assert.equal([third.printed, third.reused, launches], [2, 0, 2]);
    const entry = third.editions.get('waiting-times')![0]!.entry;
    assert.is(entry.kind, 'large-print-pdf');
    assert.is(entry.fontSizePt, 18);
    assert.match(entry.label, /^Large print PDF \(18 point, \d+ pages, \d+ KB\)$/);
  } finally {
    await tmp.remove();
  }
});
pdf.run();
