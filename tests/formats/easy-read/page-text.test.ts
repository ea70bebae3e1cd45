/** The easy-read page's own words (not the editor's) follow the easy-read rules too: short sentences. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'node-html-parser';
import { buildSite } from '../../../src/build/build-site.ts';
import { EASY_READ_LIMITS } from '../../../src/formats/easy-read/checks.ts';
import { sentences, words } from '../../../src/formats/easy-read/language.ts';
import { tempDir } from '../../helpers.ts';

test("the easy-read page's opening sentences are at most 15 words and do not repeat the full report's title", async () => {
  const tmp = await tempDir('easy-read-page-');
  try {
    await buildSite({ contentDir: path.resolve('content'), outputDir: tmp.dir, log: () => {}, formats: ['easy-read'] });
    const html = parse(
      await readFile(path.join(tmp.dir, 'reports/perinatal-mental-health/easy-read/index.html'), 'utf8'),
    );
    const lead = html.querySelector('.lead')!.text.replace(/\s+/g, ' ').trim();
    for (const sentence of sentences(lead))
      assert.ok(
        words(sentence).length <= EASY_READ_LIMITS.maxWordsPerSentence,
        `"${sentence}" has ${words(sentence).length} words`,
      );
    assert.not.match(lead, 'perinatal mental health services');
    assert.ok(html.querySelector('.lead a[href="../"]'), 'the lead links to the full report');
  } finally {
    await tmp.remove();
  }
});

test.run();
