import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createSiteRenderer, renderReportBody } from '../../../src/formats/site/render-html.ts';
import type { ProcessedImage } from '../../../src/formats/site/images.ts';
import { parse } from '../../helpers.ts';

const md = createSiteRenderer('100vw');
const render = (body: string, images = new Map<string, ProcessedImage>()) => renderReportBody(md, parse(body), images);
const chart: ProcessedImage = {
  src: '/img/abc-960.png',
  width: 960,
  height: 480,
  sources: [{ type: 'image/webp', srcset: '/img/abc-480.webp 480w, /img/abc-960.webp 960w' }],
  files: [],
};

const html = suite('renderReportBody');
html('a lone image is a figure with a picture, size and caption', () => {
  const out = render('## A\n\n![A bar chart](chart.png "Figure 1")', new Map([['chart.png', chart]]));
  assert.match(
    out,
    '<figure class="figure"><picture><source type="image/webp" srcset="/img/abc-480.webp 480w, /img/abc-960.webp 960w" sizes="100vw"><img src="/img/abc-960.png" alt="A bar chart" width="960" height="480" loading="lazy" decoding="async"></picture><figcaption>Figure 1</figcaption></figure>',
  );
  assert.not.match(out, '<p><figure');
});
html('an image before the first section loads at once', () => {
  assert.match(render('![A bar chart](chart.png)', new Map([['chart.png', chart]])), 'loading="eager"');
});
html('a decorative image has an empty alt', () => {
  assert.match(render('![""](chart.png)', new Map([['chart.png', chart]])), 'alt=""');
});
html('a table scrolls in a labelled, focusable region with its caption and column scopes', () => {
  const out = render('Table: Waits by area\n\n| Area | Weeks |\n| - | -: |\n| North | 4 |');
  assert.match(out, '<div class="table-scroll" role="region" aria-labelledby="table-sample-1" tabindex="0">');
  assert.match(out, '<caption id="table-sample-1">Waits by area</caption>');
  assert.match(out, '<th scope="col" class="align-right">Weeks</th>');
  assert.not.match(out, 'style=');
});
html('a table without a caption still gets a (hidden) label', () => {
  assert.match(
    render('| A | B |\n| - | - |\n| 1 | 2 |'),
    '<caption id="table-sample-1" class="visually-hidden">Table 1</caption>',
  );
});
html('headings get an id and a link to themselves after the heading', () => {
  assert.match(
    render('## What we found'),
    '<div class="heading-with-anchor"><h2 id="what-we-found">What we found</h2><a class="heading-anchor" href="#what-we-found" aria-hidden="true" tabindex="-1" title="Link to the section: What we found">#</a></div>',
  );
});
html('raw HTML is escaped, never passed through; comments vanish', () => {
  const out = render('<script>alert(1)</script>\n\nText <!-- secret --> here.');
  assert.not.match(out, '<script>');
  assert.match(out, '&lt;script&gt;');
  assert.not.match(out, 'secret');
});
html('footnotes: references say "Note", and the notes have a heading', () => {
  const out = render('Text.[^1]\n\n[^1]: A note.');
  assert.match(out, '<a href="#fn-sample-1" id="fnref-sample-1"><span class="visually-hidden">Note&nbsp;</span>1</a>');
  assert.match(out, '<h2 id="footnotes-heading">Notes</h2>');
  assert.match(out, 'Back to where note 1 is mentioned');
});
html('abbreviations get a title', () => {
  assert.match(
    render('The NHS.\n\n*[NHS]: National Health Service'),
    '<abbr title="National Health Service">NHS</abbr>',
  );
});
html('an alert is an aside with its label in words; a checklist has read-only checkboxes named by their state', () => {
  assert.is(
    render('Intro.\n\n> [!TIP]\n> Book early.\n'),
    '<p>Intro.</p>\n<aside class="callout callout-tip">\n<p class="callout-label">Tip</p>\n<p>Book early.</p>\n</aside>\n',
  );
  assert.is(
    render('- [x] Done item\n- [ ] Open item\n'),
    '<ul class="checklist">\n<li class="task-item"><input type="checkbox" class="task-box" disabled checked aria-label="Done"> Done item</li>\n<li class="task-item"><input type="checkbox" class="task-box" disabled aria-label="Not done"> Open item</li>\n</ul>\n',
  );
  // A list with one checklist item among plain ones keeps its bullets.
  assert.match(render('- [x] Done\n- Plain\n'), /^<ul>\n<li class="task-item">/);
});
html.run();
