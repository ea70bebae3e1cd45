import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createMarkdown } from '../../src/markdown/factory.ts';
import { slugify } from '../../src/markdown/text.ts';

const md = createMarkdown();
const tokens = (src: string) => md.parse(src, {});

const headingIds = suite('headingIds');
headingIds('gives each heading the slug of its text', () => {
  const ids = tokens('## What we found\n\n### Café “costs” – 2019')
    .filter((t) => t.type === 'heading_open')
    .map((t) => t.attrGet('id'));
  assert.equal(ids, ['what-we-found', 'cafe-costs-2019']);
});
headingIds('numbers repeated headings', () => {
  const ids = tokens('## Summary\n\n## Summary\n\n## Summary')
    .filter((t) => t.type === 'heading_open')
    .map((t) => t.attrGet('id'));
  assert.equal(ids, ['summary', 'summary-2', 'summary-3']);
});
headingIds('steps around the ids the page itself uses, so no page has one id twice', () => {
  const ids = tokens('## Contents\n\n## Other formats\n\n## All formats\n\n## Page history')
    .filter((t) => t.type === 'heading_open')
    .map((t) => t.attrGet('id'));
  assert.equal(ids, ['contents-2', 'other-formats-2', 'all-formats-2', 'page-history-2']);
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
  assert.not.ok(all[1]!.children!.find((c) => c.type === 'image')!.meta?.figure);
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

const alerts = suite('alerts and checklists');
alerts('a quote whose first line is [!KIND] becomes a callout; its text keeps its own line', () => {
  const all = tokens('> [!Warning]\n> Careful.\n> Very careful.');
  assert.equal([all[0]!.type, all[0]!.tag, all[0]!.meta?.kind], ['callout_open', 'aside', 'warning']);
  assert.is(all[2]!.content, 'Careful.\nVery careful.');
  assert.equal(all[1]!.map, [1, 3]);
  assert.is(all.at(-1)!.type, 'callout_close');
});
alerts('the marker alone in its paragraph is dropped; unknown kinds and nested quotes are left as quotes', () => {
  assert.equal(
    tokens('> [!NOTE]\n>\n> Text.').map((t) => t.type),
    ['callout_open', 'paragraph_open', 'inline', 'paragraph_close', 'callout_close'],
  );
  assert.is(tokens('> [!DANGER]\n> Text.')[0]!.type, 'blockquote_open');
  const nested = tokens('> [!TIP]\n> Try this.\n>\n> > A quote inside.\n').map((t) => t.type);
  assert.equal(
    nested.filter((t) => t.startsWith('blockquote')),
    ['blockquote_open', 'blockquote_close'],
  );
  assert.is(nested.at(-1), 'callout_close');
});
alerts('a list item starting [ ] or [x] is a checklist item; a list of only those is a checklist', () => {
  const all = tokens('- [ ] To do\n- [x] Done\n');
  assert.is(all[0]!.meta?.checklist, true);
  const items = all.filter((t) => t.type === 'list_item_open').map((t) => t.meta?.done);
  assert.equal(items, [false, true]);
  assert.equal(
    all.filter((t) => t.type === 'inline').map((t) => t.content),
    ['To do', 'Done'],
  );
  const mixed = tokens('- [x] Done\n- Plain [ ] text\n');
  assert.not.ok(mixed[0]!.meta?.checklist);
  assert.equal(
    mixed.filter((t) => t.type === 'inline').map((t) => t.content),
    ['Done', 'Plain [ ] text'],
  );
});
alerts.run();

const slug = suite('slugify');
slug('keeps letters of any script and digits', () => {
  assert.is(slugify('Gwasanaethau iechyd meddwl 2024'), 'gwasanaethau-iechyd-meddwl-2024');
  assert.is(slugify('  --Hello, World!--  '), 'hello-world');
  assert.is(slugify('Żółć'), 'zołc'); // ł has no accent to strip: it is a letter of its own
});
slug.run();
