import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createMarkdown } from '../../src/markdown/factory.ts';
import { slugify } from '../../src/markdown/text.ts';

const md = createMarkdown();
const tokens = (src: string) => md.parse(src, {});

const headingIds = suite('headingIds');
headingIds('gives each heading the slug of its text', () => {
  const ids = tokens('## What we found\n\n### Café “costs” – 2019').filter((t) => t.type === 'heading_open').map((t) => t.attrGet('id'));
  assert.equal(ids, ['what-we-found', 'cafe-costs-2019']);
});
headingIds('numbers repeated headings', () => {
  const ids = tokens('## Summary\n\n## Summary\n\n## Summary').filter((t) => t.type === 'heading_open').map((t) => t.attrGet('id'));
  assert.equal(ids, ['summary', 'summary-2', 'summary-3']);
});
headingIds('keeps an id the editor fixed with {#id} and removes it from the text', () => {
  const all = tokens('## Our findings {#findings}');
  assert.is(all[0]!.attrGet('id'), 'findings');
  assert.is(all[0]!.meta?.explicitId, true);
  assert.is(all[1]!.content, 'Our findings');
});
headingIds.run();

const figures = suite('figures');
figures('a lone image becomes a figure inside a hidden paragraph', () => {
  const all = tokens('![A chart](chart.png "Caption")');
  assert.is(all[0]!.hidden, true);
  const image = all[1]!.children![0]!;
  assert.is(image.meta?.figure, true);
  assert.is(image.meta?.decorative, false);
});
figures('an image inside text stays inline', () => {
  const all = tokens('Text ![A chart](chart.png) more');
  assert.is(all[0]!.hidden, false);
  assert.not.ok(all[1]!.children!.find((c) => c.type === "image")!.meta?.figure);
});
figures('![""](file) marks a decorative image and empties its alt', () => {
  const image = tokens('![""](line.png)')[1]!.children![0]!;
  assert.is(image.meta?.decorative, true);
  assert.equal(image.children, []);
});
figures.run();

const captions = suite('tableCaptions');
captions('"Table: …" before a table becomes its caption', () => {
  const all = tokens('Table: How people booked\n\n| A | B |\n| - | - |\n| 1 | 2 |');
  assert.is(all[0]!.type, 'table_open');
  assert.is((all[0]!.meta as { caption: { content: string } }).caption.content, 'How people booked');
});
captions('a normal paragraph before a table stays a paragraph', () => {
  const all = tokens('Some text\n\n| A | B |\n| - | - |\n| 1 | 2 |');
  assert.is(all[0]!.type, 'paragraph_open');
  assert.is(all[3]!.meta, null);
});
captions.run();

const slug = suite('slugify');
slug('keeps letters of any script and digits', () => {
  assert.is(slugify('Gwasanaethau iechyd meddwl 2024'), 'gwasanaethau-iechyd-meddwl-2024');
  assert.is(slugify('  --Hello, World!--  '), 'hello-world');
  assert.is(slugify('Żółć'), 'zołc'); // ł has no accent to strip: it is a letter of its own
});
slug.run();
