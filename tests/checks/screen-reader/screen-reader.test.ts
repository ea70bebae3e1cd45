/**
 * GNOME's Orca, for real, reading small pages in Chromium: the check fails on a page whose title was escaped twice
 * and on one whose visually hidden label is glued to its number, and passes the same page done right.
 * Needs Debian's orca, xvfb, dbus-x11 and at-spi2-core (npm run setup installs them).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { readSiteAloud, readingPassed } from '../../../src/checks/screen-reader/screen-reader-check.ts';

const FIXTURES = path.resolve('tests/fixtures/screen-reader');

test('Orca reads each page; the check fails the escaped title and the glued label, and passes the clean page', async () => {
  const [escaped, glued, clean] = await readSiteAloud(FIXTURES, [
    '/escaped-title.html',
    '/glued-label.html',
    '/clean.html',
  ]);
  assert.ok(escaped && glued && clean);
  assert.not.ok(readingPassed(escaped));
  assert.match(escaped.comparison.markup.join('\n'), '&#39;');
  assert.not.ok(readingPassed(glued));
  assert.equal(
    glued.comparison.notOnPage.map((n) => n.word),
    ['note1'],
  );
  assert.ok(readingPassed(clean), JSON.stringify({ said: clean.utterances, comparison: clean.comparison }));
  assert.ok(
    clean.utterances.some((u) => u.replace(/\s/g, ' ') === 'Note 1'),
    JSON.stringify(clean.utterances),
  );
});

test.run();
