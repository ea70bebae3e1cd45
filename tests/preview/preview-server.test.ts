/** The live preview: drafts shown, a saved change rebuilt, a content problem shown as a page, the server still up. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startPreview, type Preview } from '../../src/preview/preview-server.ts';
import { tempDir } from '../helpers.ts';

const context: { preview?: Preview; content: string; remove: () => Promise<void> } = { content: '', remove: async () => {} };
const preview = suite('live preview');
preview.before(async () => {
  const tmp = await tempDir();
  context.remove = tmp.remove;
  context.content = path.join(tmp.dir, 'content');
  await cp(path.resolve('tests/fixtures/basic-site'), context.content, { recursive: true });
  context.preview = await startPreview({ contentDir: context.content, outputDir: path.join(tmp.dir, 'site'), port: 0, formats: [], log: () => {} });
});
preview.after(async () => {
  await context.preview?.close();
  await context.remove();
});

const get = async (pathname: string): Promise<string> => (await fetch(new URL(pathname, context.preview!.url))).text();

preview('shows drafts, and injects the reload script', async () => {
  const home = await get('/');
  assert.match(home, 'Draft report');
  assert.match(home, '<script src="/__preview/reload.js" defer></script></head>');
});

preview('rebuilds on save; shows problems with file and line; recovers when fixed', async () => {
  const file = path.join(context.content, 'reports/first-report/index.md');
  const original = await readFile(file, 'utf8');
  let next = context.preview!.nextBuild();
  await writeFile(file, original.replace('title: First report', 'title: First report, revised'));
  await next;
  assert.match(await get('/reports/first-report/'), 'First report, revised');

  next = context.preview!.nextBuild();
  await writeFile(file, `${original}\n## Broken\n\n![](nope.png)\n`);
  await next;
  const problems = await get('/reports/first-report/');
  assert.match(problems, 'The preview cannot be shown yet');
  assert.match(problems, /reports\/first-report\/index\.md:\d+<\/code><br>image nope\.png has no alt text/);

  next = context.preview!.nextBuild();
  await writeFile(file, original);
  await next;
  assert.match(await get('/reports/first-report/'), '<h1 id="report-title" lang="en-GB" dir="ltr">First report</h1>');
});
preview.run();
