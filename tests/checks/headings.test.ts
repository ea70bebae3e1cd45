import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkHeadings } from '../../src/checks/headings.ts';
import { FILE, messages, parse } from '../helpers.ts';

const check = (body: string) => messages(checkHeadings(parse(body).document));

const headings = suite('checkHeadings');
headings('passes h2 → h3 → h2 → h3 → h4', () => {
  assert.equal(check('## A\n\n### B\n\n## C\n\n### D\n\n#### E\n'), []);
});
headings('refuses an h1 in the body', () => {
  assert.equal(check('# Title again\n'), [
    `${FILE}:6: "Title again" is a top-level heading (#), but the report title is the only one — use ## for main sections and ### inside them (see docs/editors-guide.md#headings)`,
  ]);
});
headings('refuses a skipped level, and says which to use', () => {
  assert.equal(check('## A\n\n#### B\n'), [
    `${FILE}:8: heading "B" skips from level 2 to level 4 — use ### instead of ####, or add the missing heading above it (see docs/editors-guide.md#headings)`,
  ]);
});
headings('refuses a first heading below h2', () => {
  assert.equal(check('### Starts low\n').length, 1);
});
headings('refuses two headings given the same {#id}', () => {
  assert.equal(check('## A {#same}\n\n## B {#same}\n'), [
    `${FILE}:8: heading id "same" is already used by the heading on line 6 — give one of them a different {#id}, or remove the {#id} to let the build choose (see docs/editors-guide.md#headings)`,
  ]);
});
headings('refuses an {#id} the page itself uses', () => {
  assert.equal(check('## Other {#main-content}\n'), [
    `${FILE}:6: heading id "main-content" is used by the page itself — choose another {#id} (see docs/editors-guide.md#headings)`,
  ]);
});
headings('two headings with the same text get different ids and pass', () => {
  assert.equal(check('## Summary\n\n### Notes\n\n## Details\n\n### Notes\n'), []);
});
headings.run();
