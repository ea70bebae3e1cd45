import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkRawHtml } from '../../src/checks/raw-html.ts';
import { FILE, messages, parse } from '../helpers.ts';

const check = (body: string) => messages(checkRawHtml(parse(body).document));

const html = suite('checkRawHtml');
html('allows HTML comments, block and inline', () => {
  assert.equal(check('<!-- note to editors -->\n\nText <!-- inline note --> more.'), []);
});
html('refuses a script block', () => {
  assert.equal(check('<script>alert(1)</script>'), [
    `${FILE}:6: raw HTML <script>alert(1)</script> is not allowed — remove it: scripts, styles and embedded pages are not allowed in reports (see docs/editors-guide.md#raw-html)`,
  ]);
});
html('refuses an iframe and an event handler', () => {
  assert.match(check('<iframe src="https://example.org"></iframe>')[0]!, 'embedded pages are not allowed');
  assert.match(check('Text <span onclick="x()">hi</span>.')[0]!, 'event-handler attributes run scripts');
});
html('refuses inline tags once per element, with the Markdown to use', () => {
  assert.equal(check('Some <b>bold</b> text.'), [
    `${FILE}:6: raw HTML <b> is not allowed — write **bold** instead (see docs/editors-guide.md#raw-html)`,
  ]);
});
html('what is inside an HTML block is checked in the same round: pictures elsewhere or missing, vague links', () => {
  const doc = parse(
    '<div align="center">\n  <img src="https://badgen.now.sh/npm/v/uvu" alt="version" />\n  <img src="shots/missing.gif" alt="example" />\n  <a href="/docs/">click here</a>\n</div>\n',
  ).document;
  const found = messages(checkRawHtml(doc, [], new Set(['index.md'])));
  assert.equal(
    found.map((m) => /^[^:]+:(\d+):/.exec(m)?.[1]),
    ['6', '7', '8', '9'],
  );
  assert.match(found[1]!, 'the picture https://badgen.now.sh/npm/v/uvu inside this HTML is on another website');
  assert.match(found[2]!, 'the picture shots/missing.gif inside this HTML is not in the report');
  assert.match(found[3]!, 'the link text "click here" inside this HTML does not say where it goes');
});
html.run();
