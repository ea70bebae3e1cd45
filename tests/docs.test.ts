/** Every section of the editors' guide that a message points to exists. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile } from 'node:fs/promises';
import { HELP_SECTIONS } from '../src/report/problems.ts';
import { slugify } from '../src/markdown/text.ts';

const docs = suite('editors guide');
docs('every help section named by a message is a heading of docs/editors-guide.md', async () => {
  const guide = await readFile('docs/editors-guide.md', 'utf8');
  const anchors = new Set([...guide.matchAll(/^## (.+)$/gm)].map((m) => slugify(m[1]!)));
  for (const section of HELP_SECTIONS) assert.ok(anchors.has(section), `#${section} is a section of the guide`);
});
docs.run();
