import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  maxTableColumns,
  reportPrintHeadings,
  reportPrintModel,
  printLinkTexts,
  tableColumnWidths,
} from '../../../src/formats/print/print-model.ts';
import { printEditions } from '../../../src/formats/print/editions.ts';
import { TEXT_WIDTH_PT, type PrintBlock } from '../../../src/engines/pdf/print-types.ts';
import type { Organisation } from '../../../src/report/site-data.ts';
import { parse } from '../../helpers.ts';

const organisation: Organisation = {
  name: 'Example Watch',
  phone: '020 7946 0000',
  text: '07700 900 001',
  email: 'hello@example.org',
  address: ['1 Example Street', 'London', 'SE1 1AA'],
  website: 'https://www.example.org/',
};
const [large, standard] = [printEditions([18])[0]!, printEditions([18])[1]!];
const images = new Map([
  ['chart.png', { file: '/x/abc.png', name: 'abc.png', width: 800, height: 400 }],
  ['tall.png', { file: '/x/t.png', name: 't.png', width: 400, height: 2000 }],
]);
const model = (body: string, edition = large) =>
  reportPrintModel({
    doc: parse(body).document,
    organisation,
    edition,
    images,
    otherFormats: ['a web page'],
    siteUrl: 'https://www.example.org/',
  });
const first = (body: string, edition = large): PrintBlock => model(body, edition).body[0]!;

const print = suite('reportPrintModel');
print('the cover and other formats carry the title, publisher, dates, edition and every contact route', () => {
  const m = model('## A\n\nText.');
  assert.equal(
    [m.title, m.publisher, m.cover.edition, m.cover.dates, m.sizePt, m.lang],
    ['Sample', 'Example Watch', 'Large print edition, 18 point', 'Published 1 January 2024.', 18, 'en-GB'],
  );
  assert.equal(m.otherFormats.routes, [
    ['Phone: ', { k: 'nb', t: '020 7946 0000' }],
    ['Text: ', { k: 'nb', t: '07700 900 001' }],
    ['Email: hello@example.org'],
    ['Post: 1 Example Street, London, ', { k: 'nb', t: 'SE1 1AA' }],
    ['Web: www.example.org'],
  ]);
  assert.is(m.otherFormats.also, 'This report is also available as a web page.');
  assert.equal(m.date, [2024, 1, 1]);
});
print(
  'emphasis is bold, never italic; notes are "(note 1)" at full size; abbreviations spelt out the first time only',
  () => {
    assert.equal(first('Some *important* words.[^1]\n\n[^1]: A note.'), {
      k: 'p',
      c: ['Some ', { k: 'b', c: ['important'] }, ' words. (note 1)'],
      line: 6,
    });
    assert.equal(first('The NHS and the NHS.\n\n*[NHS]: National Health Service'), {
      k: 'p',
      c: ['The NHS (National Health Service) and the NHS.'],
      line: 6,
    });
    assert.equal(first('People who use British Sign Language (BSL) and BSL users.\n\n*[BSL]: British Sign Language'), {
      k: 'p',
      c: ['People who use British Sign Language (BSL) and BSL users.'],
      line: 6,
    });
    assert.equal(first('See the chart ![Bar chart](chart.png) for more.'), {
      k: 'p',
      c: ['See the chart for more.'],
      line: 6,
    });
    assert.equal(model('Text.[^1]\n\n[^1]: A note.').notes, [{ n: 1, blocks: [{ k: 'p', c: ['A note.'], line: 8 }] }]);
  },
);
print(
  'web addresses follow their link text, not twice; site links are printed in full; link texts describe annotations',
  () => {
    assert.equal(first('[NHS guidance](https://www.nhs.uk/conditions/)'), {
      k: 'p',
      c: [{ k: 'a', href: 'https://www.nhs.uk/conditions/', c: ['NHS guidance'], url: 'www.nhs.uk/conditions' }],
      line: 6,
    });
    assert.equal(first('[www.nhs.uk](https://www.nhs.uk/)'), {
      k: 'p',
      c: [{ k: 'a', href: 'https://www.nhs.uk/', c: ['www.nhs.uk'] }],
      line: 6,
    });
    const site = first('[Ask for another format](request/)');
    assert.equal(site, {
      k: 'p',
      c: [
        {
          k: 'a',
          href: 'https://www.example.org/reports/sample/request/',
          c: ['Ask for another format'],
          url: 'www.example.org/reports/sample/request',
        },
      ],
      line: 6,
    });
    assert.equal(printLinkTexts([site]), [
      ['https://www.example.org/reports/sample/request/', 'Ask for another format'],
    ]);
  },
);
print('a picture inside a paragraph is printed after it, not dropped; a tall one is sized to fit one page', () => {
  const blocks = model(
    'See the chart ![Bar chart of waits](chart.png) for the figures.\n\n![A tall poster](tall.png)',
  ).body;
  assert.equal(
    blocks.map((b) => b.k),
    ['p', 'figure', 'figure'],
  );
  assert.equal(blocks[1], {
    k: 'figure',
    src: 'abc.png',
    alt: 'Bar chart of waits',
    widthPt: Math.floor(TEXT_WIDTH_PT * 100) / 100,
    line: 6,
  });
  const tall = blocks[2] as Extract<PrintBlock, { k: 'figure' }>;
  assert.ok(tall.widthPt * 5 < 842 - 2 * 56.69, `the tall picture is ${tall.widthPt * 5} pt high`);
});
print('a table that fits gets column widths that hold its longest words; a wide one is read as rows', () => {
  const narrow = first('Table: Waits\n\n| Area | Weeks |\n| - | -: |\n| North | 4 |');
  assert.is(narrow.k, 'table');
  if (narrow.k === 'table') {
    assert.equal(
      [narrow.header, narrow.rows, narrow.numeric, narrow.caption],
      [[['Area'], ['Weeks']], [[['North'], ['4']]], [false, true], ['Waits']],
    );
    assert.ok(Math.abs(narrow.widthsPt.reduce((a, b) => a + b, 0) - TEXT_WIDTH_PT) < 1);
  }
  assert.is(first('| A | B | C | D | E |\n| - | - | - | - | - |\n| 1 | 2 | 3 | 4 | 5 |').k, 'rows');
  assert.is(first('| A | B | C | D | E |\n| - | - | - | - | - |\n| 1 | 2 | 3 | 4 | 5 |', standard).k, 'table');
});
print('three columns of long words: rows at 24 point; at 18 point every column holds its longest word', () => {
  const table =
    '| Model | Score | Notes |\n| - | - | - |\n| RandomForestClassifier | 0.93 | GradientBoostingClassifier |\n| LogisticRegression | 0.88 | Baseline |';
  const at18 = first(table);
  assert.is(at18.k, 'rows', 'two 190 pt words and a third column do not fit 481 pt');
  const doc = parse(table).document;
  const block = doc.blocks[0]!;
  if (block.type !== 'table') throw new Error('not a table');
  const widths = tableColumnWidths(block, 12, TEXT_WIDTH_PT);
  assert.ok(widths && widths[0]! > 130 && widths[2]! > 150, String(widths));
});
print('a word too long for any line is the only text marked breakable', () => {
  const p = first(
    'Run Supercalifragilisticexpialidocious_and_a_very_long_identifier_name_here now.',
    printEditions([40])[0],
  );
  assert.is(p.k, 'p');
  if (p.k !== 'p') return;
  const [before, long, after] = p.c;
  assert.equal([before, after], ['Run ', ' now.']);
  // Soft hyphens let Typst break even a word with no hyphenation points; the words themselves are unchanged.
  assert.ok(
    typeof long === 'object' &&
      long.k === 'long' &&
      long.t.replace(/\u00ad/g, '') === 'Supercalifragilisticexpialidocious_and_a_very_long_identifier_name_here' &&
      long.t.includes('\u00ad'),
  );
});
print('code is printed in the text font and breaks like text: a line too long for the page gets soft hyphens', () => {
  assert.equal(first('Run `npm test` now.'), { k: 'p', c: ['Run npm test now.'], line: 6 });
  const block = first('```\nconst x = 1;\n' + 'a'.repeat(90) + '\n```');
  assert.is(block.k, 'code');
  if (block.k !== 'code') return;
  assert.equal(block.lines[0], ['const x = 1;']);
  const long = block.lines[1]![0]!;
  assert.ok(typeof long === 'object' && long.k === 'long' && long.t.replace(/\u00ad/g, '') === 'a'.repeat(90));
});
print('the print headings are what the bookmarks must list', () => {
  const m = model('## One\n\n### Two\n\nText.[^1]\n\n[^1]: Note.');
  assert.equal(
    reportPrintHeadings(m).map((h) => `${h.level} ${h.text}`),
    ['1 Sample', '2 Other formats', '2 Contents', '2 One', '3 Two', '2 Notes'],
  );
});
print('a callout is a box with its label; checklist items start with their state in bold', () => {
  assert.equal(first('> [!CAUTION]\n> Hot water.'), {
    k: 'callout',
    label: 'Caution',
    blocks: [{ k: 'p', c: ['Hot water.'], line: 7 }],
    line: 6,
  });
  assert.equal(first('- [x] Sent\n- [ ] Filed'), {
    k: 'list',
    ordered: false,
    start: 1,
    line: 6,
    items: [
      [{ k: 'p', c: [{ k: 'b', c: ['Done:'] }, ' Sent'], line: 6 }],
      [{ k: 'p', c: [{ k: 'b', c: ['Not done:'] }, ' Filed'], line: 7 }],
    ],
  });
});
print.run();

const helpers = suite('print helpers');
helpers('maxTableColumns; editions: each large-print size, then the standard PDF', () => {
  assert.equal([maxTableColumns(18), maxTableColumns(24), maxTableColumns(12)], [3, 2, 5]);
  assert.equal(
    printEditions([24, 18, 24]).map((e) => `${e.kind} ${e.fontSizePt} ${e.fileSuffix}`),
    ['large-print-pdf 18 -large-print-18pt', 'large-print-pdf 24 -large-print-24pt', 'standard-pdf 12 '],
  );
});
helpers.run();
