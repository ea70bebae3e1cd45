/**
 * The parity check on a real build of the second report (web page, both PDFs, EPUB, braille, audio script and
 * captions). Then each edition is made again by its own format code from a deliberately altered model (a figure
 * taken out of the large print, a table header renamed in the EPUB, a paragraph dropped from the braille, the table
 * left out of the audio script) and compared with the report as written: the message names the report's line, the
 * edition and what is missing.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildSite } from '../../../src/build/build-site.ts';
import { Milestones } from '../../../src/build/milestones.ts';
import { compareEasyReadEditions, compareEditions } from '../../../src/checks/parity/compare.ts';
import {
  audioScriptView,
  brailleView,
  epubView,
  pdfView,
  webPageView,
  webVttView,
  type EditionView,
} from '../../../src/checks/parity/edition-views.ts';
import { expectedEasyReadItems, expectedItems } from '../../../src/checks/parity/expected.ts';
import type { EasyReadDocument } from '../../../src/formats/easy-read/model.ts';
import { engineDefaults } from '../../../src/engines/pdf/pdf-engine.ts';
import { toAudioScript } from '../../../src/formats/audio/script.ts';
import { renderScriptText } from '../../../src/formats/audio/render-script.ts';
import { makeBrailleEditions } from '../../../src/formats/braille/plugin.ts';
import { makeEpubEditions } from '../../../src/formats/epub/plugin.ts';
import { makePrintEditions } from '../../../src/formats/print/make-print-editions.ts';
import { formatProblem } from '../../../src/report/problems.ts';
import type { Block, ReportDocument } from '../../../src/report/model.ts';
import type { PreparedSite } from '../../../src/report/prepare-site.ts';
import { tempDir } from '../../helpers.ts';

interface Context {
  views: Map<string, EditionView>;
  site?: PreparedSite;
  doc?: ReportDocument;
  dir: string;
  log: string[];
  remove: () => Promise<void>;
}
const context: Context = { views: new Map(), dir: '', log: [], remove: async () => {} };
const parity = suite('parity of editions');
parity.before(async () => {
  const tmp = await tempDir();
  context.remove = tmp.remove;
  context.dir = tmp.dir;
  const out = path.join(tmp.dir, 'site');
  const built = await buildSite({
    contentDir: path.resolve('tests/fixtures/second-site'),
    outputDir: out,
    cacheDir: path.join(tmp.dir, 'cache'),
    formats: ['print', 'epub', 'braille', 'audio'],
    log: (line) => context.log.push(line),
  });
  const report = built.site.reports[0]!;
  context.site = built.site;
  context.doc = report.document;
  const editions = built.site.editions.get(report.document.slug)!;
  const source = (kind: string, grade?: number): string =>
    editions.find((e) => e.entry.kind === kind && (grade === undefined || e.entry.grade === grade))!.source!;
  const pdf = (kind: string) => editions.find((e) => e.entry.kind === kind)!;
  const views = [
    await webPageView(path.join(out, 'reports', report.document.slug, 'index.html')),
    pdfView('large-print PDF (18 point)', await pdf('large-print-pdf').tagged!()),
    pdfView('standard PDF', await pdf('standard-pdf').tagged!()),
    await epubView(source('epub')),
    await brailleView(source('braille-brf', 2), 2),
    await audioScriptView(source('audio-script')),
    await webVttView(source('audio-vtt')),
  ];
  for (const view of views) context.views.set(view.name, view);
});
parity.after(() => context.remove());

const view = (name: string): EditionView => context.views.get(name)!;
const messages = (views: EditionView[]): string[] =>
  compareEditions(context.doc!, views)
    .map(formatProblem)
    .map((m) => m.replace(/ — this is a fault.*/, ''));
const without = (words: string[], drop: string[]): string[] =>
  ` ${words.join(' ')} `
    .replace(` ${drop.join(' ')} `, ' ')
    .trim()
    .split(' ');
const FILE = 'tests/fixtures/second-site/reports/waiting-times/index.md';

/** The site again with its report's blocks changed (in the flat list and in the sections), as a format's input. */
function alteredSite(change: (blocks: Block[]) => Block[]): PreparedSite {
  const site = context.site!;
  const report = site.reports[0]!;
  const doc = report.document;
  const altered: ReportDocument = {
    ...doc,
    blocks: change(doc.blocks),
    sections: doc.sections.map((s) => ({ ...s, blocks: change(s.blocks) })),
  };
  return {
    ...site,
    reports: [{ ...report, document: altered }],
    editions: new Map(),
    milestones: new Milestones(),
    recordings: new Map(),
  };
}
const alteredCache = (name: string): string => path.join(context.dir, `altered-${name}`);

parity('the build checks every edition and passes; each item the model lists is there', () => {
  const line = context.log.find((l) => /^Parity: /.test(l)) ?? '';
  assert.match(line, /^Parity: 8 editions of 1 report/, context.log.join('\n'));
  assert.ok(expectedItems(context.doc!).length >= 20);
  assert.equal(messages([...context.views.values()]), []);
});

parity("a large-print PDF typeset from a model without the figure is named, with the figure's line", async () => {
  const site = alteredSite((blocks) => blocks.filter((b) => b.type !== 'figure'));
  const made = await makePrintEditions(
    site,
    engineDefaults(alteredCache('print'), () => {}),
    new Set(['print']),
  );
  const large = made.editions.get(context.doc!.slug)!.find((e) => e.entry.kind === 'large-print-pdf')!;
  const broken = pdfView('large-print PDF (18 point)', await large.tagged!());
  assert.equal(messages([view('web page'), broken, view('standard PDF')]), [
    `${FILE}:10: the figure "Residents waiting in a GP surgery waiting room" is in the web page but not in the large-print PDF (18 point)`,
  ]);
});

parity("an EPUB made with one table header renamed is named, with the table's line", async () => {
  const site = alteredSite((blocks) =>
    blocks.map((b) =>
      b.type === 'table'
        ? {
            ...b,
            header: b.header.map((cell, i) =>
              i === 1 ? { ...cell, content: [{ type: 'text' as const, text: 'Resident' }] } : cell,
            ),
          }
        : b,
    ),
  );
  const made = await makeEpubEditions(site, alteredCache('epub'), () => {}, new Set(['epub']));
  const broken = await epubView(made.get(context.doc!.slug)![0]!.source!);
  assert.equal(messages([view('web page'), broken]), [
    `${FILE}:18: the table header row "How people booked | Residents | Share" is in the web page but not in the EPUB`,
  ]);
});

parity('braille made without a paragraph is named, read back through liblouis', async () => {
  const site = alteredSite((blocks) => blocks.filter((b) => !(b.type === 'paragraph' && b.line === 14)));
  const made = await makeBrailleEditions(site, alteredCache('braille'), () => {});
  const grade2 = made.editions.get(context.doc!.slug)!.find((e) => e.entry.grade === 2)!;
  assert.equal(messages([view('web page'), await brailleView(grade2.source!, 2)]), [
    `${FILE}:14: the paragraph "Most people phoned the" is in the web page but not in the grade 2 braille`,
  ]);
});

parity('an audio script written without the table is named: its caption and header', async () => {
  const site = alteredSite((blocks) => blocks.filter((b) => b.type !== 'table'));
  const script = toAudioScript(site.reports[0]!.document, { organisation: site.organisation, otherFormats: [] });
  const file = path.join(context.dir, 'altered-script.txt');
  await writeFile(file, renderScriptText(script, { directions: true }));
  const found = messages([view('web page'), await audioScriptView(file)]);
  assert.ok(
    found.includes(
      `${FILE}:18: the table caption "How residents booked their last appointment" is in the web page but not in the audio script`,
    ),
    found.join('\n'),
  );
  // "How people booked" and "Residents" are said elsewhere in the report; "Share" only in the table.
  assert.ok(
    found.includes(`${FILE}:18: the table header "Share" is in the web page but not in the audio script`),
    found.join('\n'),
  );
});

parity('captions that lost a note, and a web page that lost a table row, are named', () => {
  const captions = view('audio captions (WebVTT)');
  const broken = { ...captions, words: without(captions.words, ['the', 'survey', 'ran']) };
  const lostRow = { ...view('web page'), tableRows: [3] };
  const found = messages([lostRow, broken]);
  assert.ok(
    found.includes(
      `${FILE}:18: the table "How residents booked their last appointment" (4 rows) has 3 rows in the web page`,
    ),
    found.join('\n'),
  );
  assert.ok(
    found.some((m) =>
      /:48: the note "The survey ran from 1 March to 30" is in the web page but not in the audio captions \(WebVTT\)$/.test(
        m,
      ),
    ),
    found.join('\n'),
  );
});

parity('a list item missing from the standard PDF is named', () => {
  const standard = view('standard PDF');
  const broken = { ...standard, words: without(standard.words, ['offer', 'online', 'booking']) };
  const found = messages([view('web page'), broken]);
  assert.ok(
    found.some((m) =>
      /:33: the list item "Offer online booking that works with screen readers\." is in the web page but not in the standard PDF$/.test(
        m,
      ),
    ),
    found.join('\n'),
  );
});
parity.run();

const easy = suite('parity of the easy-read editions');
const easyContext: { views: EditionView[]; doc?: EasyReadDocument; log: string[]; remove: () => Promise<void> } = {
  views: [],
  log: [],
  remove: async () => {},
};
easy.before(async () => {
  const tmp = await tempDir();
  easyContext.remove = tmp.remove;
  const out = path.join(tmp.dir, 'site');
  const built = await buildSite({
    contentDir: path.resolve('content'),
    outputDir: out,
    cacheDir: path.join(tmp.dir, 'cache'),
    formats: ['easy-read'],
    log: (line) => easyContext.log.push(line),
  });
  const report = built.site.reports[0]!;
  easyContext.doc = report.easyRead!.document;
  const pdf = built.site.editions.get(report.document.slug)!.find((e) => e.entry.kind === 'easy-read-pdf')!;
  easyContext.views = [
    await webPageView(
      path.join(out, 'reports', report.document.slug, 'easy-read', 'index.html'),
      'easy-read page',
      'article.easy-read',
    ),
    pdfView('easy-read PDF', await pdf.tagged!()),
  ];
});
easy.after(() => easyContext.remove());

easy('the easy-read page and PDF are compared with the easy-read text, not the report, and pass', () => {
  assert.ok(
    easyContext.log.some((l) => /^Parity: 3 editions of 1 report/.test(l)),
    easyContext.log.join('\n'),
  );
  const items = expectedEasyReadItems(easyContext.doc!);
  assert.ok(
    items.filter((i) => i.kind === 'point').length >= 15 &&
      items.some((i) => i.kind === 'hard word') &&
      items.some((i) => i.kind === 'picture'),
  );
  assert.equal(compareEasyReadEditions(easyContext.doc!, easyContext.views), []);
});

easy("a hard word's explanation and a point missing from the easy-read PDF are named at their lines", () => {
  const [page, pdf] = easyContext.views as [EditionView, EditionView];
  const broken = {
    ...pdf,
    words: without(without(pdf.words, ['the', 'time', 'when', 'you', 'are', 'pregnant', 'and', 'the', 'first']), [
      'groups',
      'where',
      'mothers',
      'meet',
    ]),
  };
  const found = compareEasyReadEditions(easyContext.doc!, [page, broken])
    .map(formatProblem)
    .map((m) => m.replace(/ — this is a fault.*/, ''));
  assert.ok(
    found.some((m) =>
      /easy-read\.md:57: the hard word "the time when you are pregnant, and the" is in the easy-read page but not in the easy-read PDF$/.test(
        m,
      ),
    ),
    found.join('\n'),
  );
  assert.ok(
    found.some((m) =>
      /easy-read\.md:\d+: the point "Groups where mothers meet other mothers helped too." is in the easy-read page but not in the easy-read PDF$/.test(
        m,
      ),
    ),
    found.join('\n'),
  );
});
easy.run();
