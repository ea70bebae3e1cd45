import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { keepTogether, maxTableColumns, printHeadings, printableUrl, renderPrintHtml } from '../../../src/formats/print/print-html.ts';
import { printCss } from '../../../src/formats/print/print-css.ts';
import { printEditions } from '../../../src/formats/print/editions.ts';
import type { Organisation } from '../../../src/report/site-data.ts';
import { parse } from '../../helpers.ts';

const organisation: Organisation = { name: 'Example Watch', phone: '020 7946 0000', text: '07700 900 001', email: 'hello@example.org', address: ['1 Example Street', 'London', 'SE1 1AA'], website: 'https://www.example.org/' };
const [large, standard] = [printEditions([18])[0]!, printEditions([18])[1]!];
const render = (body: string, edition = large) => renderPrintHtml({ doc: parse(body).document, organisation, edition, images: new Map(), fontCss: '', otherFormats: ['a web page'] });

const html = suite('renderPrintHtml');
html('the cover has the title, publisher, date and edition; other formats follow with every contact route', () => {
  const out = render('## A\n\nText.');
  assert.match(out, '<p class="publisher">Example Watch</p>\n<h1>Sample</h1>\n<p class="edition">Large print edition, 18 point</p>\n<p>Published 1 January 2024.</p>');
  assert.match(out, '<li>Phone: <span class="nowrap">020 7946 0000</span></li><li>Text: <span class="nowrap">07700 900 001</span></li><li>Email: hello@example.org</li><li>Post: 1 Example Street, London, <span class="nowrap">SE1 1AA</span></li>');
  assert.match(out, 'This report is also available as a web page.');
});
html('emphasis is bold, never italic; no superscript for notes', () => {
  const out = render('Some *important* words.[^1]\n\n[^1]: A note.');
  assert.match(out, 'Some <strong>important</strong> words. <a class="note-ref" href="#note-1" id="note-ref-1">(note 1)</a>');
  assert.not.match(out, '<em>');
  assert.not.match(out, '<sup');
  assert.match(out, '<section class="notes"><h2>Notes</h2><ol><li id="note-1"><p>A note.</p> <a href="#note-ref-1">Back to the text of note 1</a></li></ol></section>');
});
html('abbreviations are spelt out the first time only', () => {
  const out = render('The NHS and the NHS.\n\n*[NHS]: National Health Service');
  assert.match(out, 'The <abbr>NHS</abbr> (National Health Service) and the <abbr>NHS</abbr>.');
});
html('web addresses are printed after their link text, but not twice', () => {
  assert.match(render('[NHS guidance](https://www.nhs.uk/conditions/)'), '<a href="https://www.nhs.uk/conditions/">NHS guidance</a> <span class="url">(www.nhs.uk/conditions)</span>');
  assert.not.match(render('[www.nhs.uk](https://www.nhs.uk/)'), 'class="url"');
});
html('a table that fits keeps its headers; a wide one is reflowed into heading: value lists', () => {
  const narrow = render('Table: Waits\n\n| Area | Weeks |\n| - | -: |\n| North | 4 |');
  assert.match(narrow, '<table class="keep-together"><caption>Waits</caption><thead><tr><th scope="col">Area</th><th scope="col" class="num">Weeks</th></tr></thead>');
  assert.match(narrow, '<tr><th scope="row">North</th><td class="num">4</td></tr>');
  const wide = render('Table: Many\n\n| A | B | C | D | E |\n| - | - | - | - | - |\n| 1 | 2 | 3 | 4 | 5 |');
  assert.match(wide, '<li class="table-row"><ul><li><strong>A:</strong> 1</li><li><strong>B:</strong> 2</li>');
  assert.match(render('| A | B | C | D | E |\n| - | - | - | - | - |\n| 1 | 2 | 3 | 4 | 5 |', standard), '<table');
});
html('the lang of the report is the lang of the document', () => {
  assert.match(render('Text.', large).slice(0, 40), '<html lang="en-GB">');
});
html.run();

const helpers = suite('print helpers');
helpers('phone numbers and postcodes are kept on one line', () => {
  assert.is(keepTogether('Call 020 7274 8522 or 07700 900274, or write to SW9 7AA.'), 'Call <span class="nowrap">020 7274 8522</span> or <span class="nowrap">07700 900274</span>, or write to <span class="nowrap">SW9 7AA</span>.');
  assert.is(keepTogether('In 2019 we met 18 mothers.'), 'In 2019 we met 18 mothers.');
});
helpers('printableUrl, maxTableColumns', () => {
  assert.is(printableUrl('https://www.nhs.uk/mental-health/'), 'www.nhs.uk/mental-health');
  assert.is(printableUrl('mailto:a@b.org'), 'a@b.org');
  assert.is(maxTableColumns(18), 3);
  assert.is(maxTableColumns(24), 2);
  assert.is(maxTableColumns(12), 5);
});
helpers('the print headings are what the bookmarks must list', () => {
  const doc = parse('## One\n\n### Two\n\nText.[^1]\n\n[^1]: Note.').document;
  assert.equal(printHeadings(doc).map((h) => `${h.level} ${h.text}`), ['1 Sample', '2 Other formats', '2 Contents', '2 One', '3 Two', '2 Notes']);
});
helpers('no size in the print CSS is below the edition size, and nothing is justified or hyphenated', () => {
  for (const size of [12, 18, 24]) {
    const css = printCss(size);
    const sizes = [...css.matchAll(/font-size: ([\d.]+)pt/g)].map((m) => Number(m[1]));
    assert.ok(sizes.length > 3 && sizes.every((s) => s >= size), `${size}: ${sizes.join(', ')}`);
    assert.not.match(css, 'justify');
    assert.match(css, 'hyphens: none');
    assert.match(css, 'line-height: 1.5');
  }
});
helpers('editions: each large-print size, then the standard PDF', () => {
  assert.equal(printEditions([24, 18, 24]).map((e) => `${e.kind} ${e.fontSizePt} ${e.fileSuffix}`), ['large-print-pdf 18 -large-print-18pt', 'large-print-pdf 24 -large-print-24pt', 'standard-pdf 12 ']);
});
helpers.run();
