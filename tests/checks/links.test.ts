import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkLinks, classifyLink } from '../../src/checks/links.ts';
import { sitePages } from '../../src/checks/content-checks.ts';
import { FILE, messages, parse } from '../helpers.ts';
import { createSiteRenderer } from '../../src/formats/site/render-html.ts';

const other = parse('## Method\n\nText.');
const pages = new Map([
  ...sitePages([{ ...other, document: { ...other.document, slug: 'other' } }]),
  ['/reports/sample/', new Set(['results'])],
]);
const check = (body: string) => messages(checkLinks(parse(body).document, pages, new Set(['full-report.pdf'])));

const links = suite('checkLinks');
links('passes descriptive links to pages, anchors and files that exist', () => {
  assert.equal(
    check(
      '[the other report](/reports/other/), [its method](../other/#method), [our results](#results), [the full report (PDF)](full-report.pdf), [NHS website](https://www.nhs.uk/) and [email us](mailto:a@b.org)',
    ),
    [],
  );
});
links('refuses vague link text', () => {
  assert.equal(check('[Click here](https://www.nhs.uk/)'), [
    `${FILE}:6: the link text "Click here" does not say where it goes — use words that make sense on their own, like [read the full report (PDF)](address) (see docs/editors-guide.md#links)`,
  ]);
});
links('refuses empty link text', () => {
  assert.equal(check('[](https://www.nhs.uk/)'), [
    `${FILE}:6: the link to https://www.nhs.uk/ has no text — write what the link leads to between the square brackets: [our 2019 survey](address) (see docs/editors-guide.md#links)`,
  ]);
});
links('refuses a bare web address as link text', () => {
  assert.equal(check('<https://www.nhs.uk/mental-health/>'), [
    `${FILE}:6: the link text is a bare web address (https://www.nhs.uk/mental-health/) — use words that say where it goes, like [NHS mental health services](address) (see docs/editors-guide.md#links)`,
  ]);
});
links('refuses a link to a page of the site that does not exist', () => {
  assert.equal(check('[the 2018 report](/reports/missing/)'), [
    `${FILE}:6: the link "the 2018 report" goes to /reports/missing/, which is not a page of this site — check the address; links to other reports look like /reports/report-name/ (see docs/editors-guide.md#links)`,
  ]);
});
links('refuses a link to an anchor that does not exist', () => {
  assert.equal(check('[our findings](#findings)'), [
    `${FILE}:6: the link "our findings" goes to #findings, which is not on /reports/sample/ — use the id of a heading on that page (for example #results) (see docs/editors-guide.md#links)`,
  ]);
});
links('refuses a link to a file missing from the report folder', () => {
  assert.equal(check('[the full report (Word)](full-report.docx)'), [
    `${FILE}:6: the link "the full report (Word)" points to full-report.docx, which is not in the report's folder — put the file in content/reports/sample/ or correct the address (see docs/editors-guide.md#links)`,
  ]);
});
links('refuses links that run code, however they are spelt, at their lines: inline, reference and autolink', () => {
  const body = [
    '[Plain](javascript:alert(1))',
    '',
    '[Mixed case](JaVaScRiPt:alert(1))',
    '',
    '[Entity](java&#115;cript:alert(1))',
    '',
    '[Tab entity](java&#x09;script:alert(1))',
    '',
    '[Colon entity](javascript&colon;alert(1))',
    '',
    '[Leading space](<  javascript:alert(1)>)',
    '',
    '[Visual Basic](vbscript:msgbox(1))',
    '',
    '[A data page](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '',
    '[By reference][evil]',
    '',
    '<javascript:alert(1)>',
    '',
    '[evil]: javascript:alert(2)',
  ].join('\n');
  const found = check(body);
  const lines = found.map((m) => Number(/^[^:]+:(\d+):/.exec(m)?.[1]));
  assert.equal(lines, [6, 8, 10, 12, 14, 16, 18, 20, 22, 24]);
  for (const message of found) assert.match(message, /is a (javascript|vbscript|data): address, which runs code/);
  // The site never writes one out, even if the check were skipped.
  const md = createSiteRenderer('100vw');
  const html = md.render('[x](javascript:alert(1)) [y](JAVA&#83;CRIPT:1)', { images: new Map() });
  assert.not.match(html, /javascript/i);
  assert.equal(check('[file](file:///C:/report.pdf)').length, 1);
  assert.equal(check('[A page about JavaScript](https://en.wikipedia.org/wiki/JavaScript)'), []);
});
links.run();

const classify = suite('classifyLink');
classify('resolves relative links against the report page', () => {
  assert.equal(classifyLink('../other/index.md', 'sample'), { kind: 'page', page: '/reports/other/' });
  assert.equal(classifyLink('/accessibility#x', 'sample'), { kind: 'page', page: '/accessibility/', anchor: 'x' });
  assert.equal(classifyLink('data/table.csv', 'sample'), { kind: 'file', relative: 'data/table.csv' });
  assert.equal(classifyLink('tel:+442079460000', 'sample'), { kind: 'external' });
  // markdown-it itself never makes a javascript: link; this is the second line of defence.
  assert.equal(classifyLink('javascript:alert(1)', 'sample'), {
    kind: 'refused',
    why: "is a javascript: address, which runs code in the reader's browser instead of opening a page",
  });
});
classify.run();
