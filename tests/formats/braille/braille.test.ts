/**
 * Braille (BRF) through Debian's liblouis: the formatter's layout rules, the checks, and both example reports at both
 * grades, held against liblouis's own back-translation of the finished files.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { prepareSite, forgetPreparedSites } from '../../../src/report/prepare-site.ts';
import { makeBraille, checkPages, recall, translateTexts } from '../../../src/formats/braille/make-braille.ts';
import { wordsOf } from '../../../src/report/words.ts';
import { layOut, wrap, braillePageNumber } from '../../../src/formats/braille/layout.ts';
import { reportBrailleBlocks } from '../../../src/formats/braille/braille-text.ts';
import { translateLines, BrailleToolMissingError } from '../../../src/formats/braille/liblouis.ts';
import { parseReport } from '../../../src/report/parse-report.ts';
import { parse } from '../../helpers.ts';

const SIZE = { cells: 40, lines: 25 };
const braille = suite('braille');

braille('layout: paragraphs start at cell 3, items hang, main headings are centred, page numbers at the foot', () => {
  assert.equal(wrap('AA BB CC DD', 8, 2, 0), ['  AA BB', 'CC DD']);
  assert.equal(wrap('AA BB CC DD', 8, 0, 2), ['AA BB CC', '  DD']);
  assert.equal(wrap('ABCDEFGHIJKL', 5, 0, 0), ['ABCDE', 'FGHIJ', 'KL']);
  assert.equal(
    wrap('AB ABCDEFGHIJKL', 5, 0, 0),
    ['AB', 'ABCDE', 'FGHIJ', 'KL'],
    'a word longer than a line starts its own line',
  );
  assert.ok(
    wrap('WORD '.repeat(50), 20, 18, 18).every((l) => l.length <= 20),
    'a deep indent never overflows',
  );
  assert.is(braillePageNumber(12), '#AB');
  const { pages, startPage } = layOut(
    [
      { kind: 'heading', level: 2, brf: ',TITLE' },
      { kind: 'paragraph', brf: 'WORD '.repeat(300).trim() },
    ],
    { cells: 20, lines: 10 },
    3,
  );
  assert.is(pages[0]![0], '       ,TITLE');
  assert.is(pages[0]![1], '');
  assert.is(pages[0]![2], '  WORD WORD WORD');
  assert.ok(pages.every((p) => p.length === 10 && p.every((l) => l.length <= 20)));
  assert.equal(
    pages.map((p) => p.at(-1)!.trim()),
    pages.map((_, i) => braillePageNumber(3 + i)),
  );
  assert.equal(startPage, [3, 3]);
});

braille('checks: a line too long, a page too long, a character that is not braille', () => {
  const messages = checkPages([[...Array<string>(26).fill('A')], ['x'.repeat(41)]], SIZE, 'r.md').map((p) => p.message);
  assert.equal(messages, [
    'braille page 1 has 26 lines, more than 25',
    'braille page 2, line 1 has 41 cells, more than 40',
    'braille page 2, line 1 has a character that is not braille',
  ]);
});

braille('a character liblouis cannot translate stops the build with its line', async () => {
  const file = '/nowhere/reports/r/index.md';
  const source = '---\ntitle: Snow\nsummary: A test.\npublished: 2024-01-01\n---\n\nIt snowed ☃ all day.\n';
  const { report } = parseReport(source, { slug: 'r', file, folder: path.dirname(file) });
  const site = await prepareSite(path.resolve('tests/fixtures/second-site'));
  const made = await makeBraille(report!.document, site.organisation, SIZE, 2);
  assert.equal(
    made.problems.map((p) => `${p.line}: ${p.message}`),
    ['7: "☃" (U+2603) cannot be written in braille'],
  );
});

for (const [name, dir] of [
  ['the example report', 'content'],
  ['the second report', 'tests/fixtures/second-site'],
] as const) {
  braille(
    `${name}: grade 1 and 2 pass the checks, and liblouis translates the files back to the report's words`,
    async () => {
      forgetPreparedSites();
      const site = await prepareSite(path.resolve(dir));
      const doc = site.reports[0]!.document;
      const words = wordsOf(
        reportBrailleBlocks(doc)
          .map((b) => b.text)
          .join(' '),
      );
      for (const grade of [1, 2] as const) {
        const made = await makeBraille(doc, site.organisation, SIZE, grade);
        assert.equal(made.problems, []);
        assert.ok(made.roundTrip >= (grade === 1 ? 0.995 : 0.99), `grade ${grade}: ${made.roundTrip}`);
        const pages = made.brf
          .split('\f')
          .filter(Boolean)
          .map((p) => p.split('\r\n').filter((_, i, all) => i < all.length - 1));
        assert.is(pages.length, made.pages);
        assert.equal(checkPages(pages, SIZE, doc.file), []);
        assert.ok(/^[\x20-\x5f\r\n\f]*$/.test(made.brf), 'only BRF characters, CR LF and form feeds');
        // Independent of our own block-by-block figure: the finished file's text, lines joined, translated back whole.
        const text = pages
          .flatMap((p) => p.slice(0, -1))
          .map((l) => l.trim())
          .filter(Boolean);
        const back = await translateLines(text, grade, 'backward');
        const found = recall(words, wordsOf(back.join(' ')));
        assert.ok(found >= 0.97, `grade ${grade}: ${(found * 100).toFixed(1)}% of the words back from the file`);
      }
    },
  );
}

braille('a table is laid out as rows of "heading: value", never run-on text', async () => {
  forgetPreparedSites();
  const site = await prepareSite(path.resolve('tests/fixtures/second-site'));
  const made = await makeBraille(site.reports[0]!.document, site.organisation, SIZE, 1);
  const lines = made.brf.split(/\r\n|\f/);
  const [header] = await translateLines(['How people booked:'], 1);
  const rowStarts = lines.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith(header!));
  assert.is(rowStarts.length, 4, 'each of the 4 rows starts its own line at the margin');
  const [firstRow] = await translateLines(
    [
      lines
        .slice(rowStarts[0]![1], rowStarts[1]![1])
        .map((l) => l.trim())
        .join(' '),
    ],
    1,
    'backward',
  );
  assert.is(firstRow, 'How people booked: Phoned the surgery at 8am; Residents: 231; Share: 56%');
});

braille(
  'contracted braille writes email and www addresses uncontracted, after the grade 1 word indicator',
  async () => {
    const [brf] = await translateTexts(
      ['To ask, email info@healthwatchlambeth.org.uk or visit www.example.org.uk/help.'],
      2,
    );
    assert.is(brf, ',TO ASK1 EMAIL ;;INFO@AHEALTHWATCHLAMBETH4ORG4UK OR VISIT ;;WWW4EXAMPLE4ORG4UK_/HELP4');
    const [back] = await translateLines([brf!], 2, 'backward');
    assert.is(back, 'To ask, email info@healthwatchlambeth.org.uk or visit www.example.org.uk/help.');
  },
);

braille('without liblouis, the message names npm run setup and --formats', async () => {
  const saved = process.env.PATH;
  process.env.PATH = '/nonexistent';
  try {
    await translateLines(['x'], 2);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, BrailleToolMissingError);
    assert.match((e as Error).message, 'Run "npm run setup"');
    assert.match((e as Error).message, '--formats');
  } finally {
    process.env.PATH = saved;
  }
});
braille('a callout is opened by its label and closed in words; checklist items say their state', () => {
  const doc = parse('> [!NOTE]\n> Read this.\n\n- [x] Booked\n- [ ] Paid\n').document;
  assert.equal(
    reportBrailleBlocks(doc).map((b) => b.text),
    ['Note:', 'Read this.', 'End of note.', '- Done: Booked', '- Not done: Paid'],
  );
});
braille.run();
