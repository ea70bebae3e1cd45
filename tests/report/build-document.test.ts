import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from '../helpers.ts';

const build = suite('buildDocument');
build('groups blocks under their h2 and keeps file lines', () => {
  const doc = parse('Intro.\n\n## One\n\nText.\n\n### Sub\n\n## Two\n').document;
  assert.equal(
    doc.sections.map((s) => s.heading?.text ?? '(intro)'),
    ['(intro)', 'One', 'Two'],
  );
  assert.equal(
    doc.headings.map((h) => [h.level, h.id, h.line]),
    [
      [2, 'one', 8],
      [3, 'sub', 12],
      [2, 'two', 14],
    ],
  );
  assert.is(doc.blocks[0]!.line, 6);
});
build('reads lists, quotes, tables and figures', () => {
  const doc = parse(
    '3. a\n4. b\n\n> quoted\n\nTable: Caption\n\n| H | N |\n| - | -: |\n| x | 1 |\n\n![Alt](a.png "Cap")\n',
  ).document;
  const [list, quote, table, figure] = doc.blocks;
  assert.equal(list, {
    type: 'list',
    ordered: true,
    start: 3,
    line: 6,
    items: [
      [{ type: 'paragraph', content: [{ type: 'text', text: 'a' }], line: 6 }],
      [{ type: 'paragraph', content: [{ type: 'text', text: 'b' }], line: 7 }],
    ],
  });
  assert.is(quote!.type, 'quote');
  assert.ok(
    table?.type === 'table' &&
      table.caption &&
      table.header[1]!.align === 'right' &&
      table.rows[0]![1]!.content[0]!.type === 'text',
  );
  assert.equal(figure, {
    type: 'figure',
    image: { src: 'a.png', alt: 'Alt', decorative: false, caption: 'Cap', line: 17 },
    line: 17,
  });
});
build('reads abbreviations and footnotes', () => {
  const doc = parse('The NHS helps.[^a]\n\n*[NHS]: National Health Service\n\n[^a]: A note.\n').document;
  assert.equal([...doc.abbreviations], [['NHS', 'National Health Service']]);
  assert.equal(doc.footnotes, [
    {
      number: 1,
      label: 'a',
      line: 10,
      blocks: [{ type: 'paragraph', content: [{ type: 'text', text: 'A note.' }], line: 10 }],
    },
  ]);
  const para = doc.blocks[0]!;
  assert.ok(
    para.type === 'paragraph' && para.content.some((n) => n.type === 'abbr' && n.title === 'National Health Service'),
  );
  assert.ok(para.type === 'paragraph' && para.content.some((n) => n.type === 'footnote-ref' && n.footnote === 1));
});
build('reads inline structure: strong, links, code', () => {
  const doc = parse('**Bold** and [a link](https://example.org "T") and `code`.').document;
  const para = doc.blocks[0]!;
  assert.ok(para.type === 'paragraph');
  assert.equal(para.content[0], { type: 'strong', children: [{ type: 'text', text: 'Bold' }] });
  assert.equal(para.content[2], {
    type: 'link',
    href: 'https://example.org',
    title: 'T',
    children: [{ type: 'text', text: 'a link' }],
  });
  assert.equal(para.content[4], { type: 'code', text: 'code' });
});
build.run();
