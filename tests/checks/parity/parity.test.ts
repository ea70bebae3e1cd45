/**
 * The parity check on a real build of the second report (web page, both PDFs, EPUB), then on that build's editions
 * each deliberately broken in one place: the message names the report's line, the edition and what is missing.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { buildSite } from '../../../src/build/build-site.ts';
import { compareEditions } from '../../../src/checks/parity/compare.ts';
import { epubView, pdfView, webPageView, type EditionView } from '../../../src/checks/parity/edition-views.ts';
import { expectedItems } from '../../../src/checks/parity/expected.ts';
import { formatProblem } from '../../../src/report/problems.ts';
import type { ReportDocument } from '../../../src/report/model.ts';
import { tempDir } from '../../helpers.ts';

const context: { views: EditionView[]; doc?: ReportDocument; log: string[]; remove: () => Promise<void> } = { views: [], log: [], remove: async () => {} };
const parity = suite('parity of editions');
parity.before(async () => {
  const tmp = await tempDir();
  context.remove = tmp.remove;
  const out = path.join(tmp.dir, 'site');
  const built = await buildSite({ contentDir: path.resolve('tests/fixtures/second-site'), outputDir: out, cacheDir: path.join(tmp.dir, 'cache'), formats: ['print', 'epub'], log: (line) => context.log.push(line) });
  const report = built.site.reports[0]!;
  context.doc = report.document;
  const editions = built.site.editions.get(report.document.slug)!;
  const pdf = (kind: string) => editions.find((e) => e.entry.kind === kind)!;
  context.views = [
    await webPageView(path.join(out, 'reports', report.document.slug, 'index.html')),
    await pdfView('large-print PDF (18 point)', pdf('large-print-pdf').source!, pdf('large-print-pdf').pageWords!),
    await pdfView('standard PDF', pdf('standard-pdf').source!, pdf('standard-pdf').pageWords!),
    await epubView(editions.find((e) => e.entry.kind === 'epub')!.source!),
  ];
});
parity.after(() => context.remove());

const messages = (views: EditionView[]): string[] => compareEditions(context.doc!, views).map(formatProblem).map((m) => m.replace(/ — this is a fault.*/, ''));
const without = (words: string[], drop: string[]): string[] => {
  const text = ` ${words.join(' ')} `.replace(` ${drop.join(' ')} `, ' ');
  return text.trim().split(' ');
};

parity('the build checks every edition and passes; each item the model lists is there', () => {
  assert.ok(context.log.some((line) => /^Parity: 4 editions of 1 report/.test(line)), context.log.join('\n'));
  assert.ok(expectedItems(context.doc!).length >= 20);
  assert.equal(messages(context.views), []);
});

parity('a figure missing from the large-print PDF is named, with its line and the edition', () => {
  const [web, large, standard, epub] = context.views as [EditionView, EditionView, EditionView, EditionView];
  const broken = { ...large, alts: [] };
  assert.equal(messages([web, broken, standard, epub]), [
    'tests/fixtures/second-site/reports/waiting-times/index.md:10: the figure "Residents waiting in a GP surgery waiting room" is in the web page but not in the large-print PDF (18 point)',
  ]);
});

parity('an altered table header in the EPUB and a lost row on the web page are named', () => {
  const [web, large, standard, epub] = context.views as [EditionView, EditionView, EditionView, EditionView];
  // One header cell renamed: "Residents" alone is a word found elsewhere in the text, but not in the header row.
  const alteredHeader = { ...epub, words: ` ${epub.words.join(' ')} `.replace(' how people booked residents share ', ' how people booked resident share ').trim().split(' ') };
  const lostRow = { ...web, tableRows: [3] };
  const found = messages([lostRow, large, standard, alteredHeader]);
  assert.ok(found.includes('tests/fixtures/second-site/reports/waiting-times/index.md:18: the table "How residents booked their last appointment" (4 rows) has 3 rows in the web page'), found.join('\n'));
  assert.ok(found.includes('tests/fixtures/second-site/reports/waiting-times/index.md:18: the table header row "How people booked | Residents | Share" is in the web page but not in the EPUB'), found.join('\n'));
});

parity('a paragraph, a list item, a link or a note missing from the standard PDF is named', () => {
  const [web, large, standard, epub] = context.views as [EditionView, EditionView, EditionView, EditionView];
  const broken = { ...standard, words: without(without(standard.words, ['offer', 'online', 'booking']), ['the', 'survey', 'ran']) };
  const found = messages([web, large, broken, epub]);
  assert.ok(found.some((m) => /:33: the list item "Offer online booking that works with screen readers\." is in the web page but not in the standard PDF$/.test(m)), found.join('\n'));
  assert.ok(found.some((m) => /:48: the note "The survey ran from 1 March to 30" is in the web page but not in the standard PDF$/.test(m)), found.join('\n'));
});
parity.run();
