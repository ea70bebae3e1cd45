/** The live preview: drafts shown, a saved change rebuilt, a content problem shown as a page, the server still up. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { singleReportOf, startPreview, type Preview } from '../../src/preview/preview-server.ts';
import { tempDir } from '../helpers.ts';

const context: { preview?: Preview; content: string; remove: () => Promise<void> } = {
  content: '',
  remove: async () => {},
};
const preview = suite('live preview');
preview.before(async () => {
  const tmp = await tempDir();
  context.remove = tmp.remove;
  context.content = path.join(tmp.dir, 'content');
  await cp(path.resolve('tests/fixtures/basic-site'), context.content, { recursive: true });
  context.preview = await startPreview({
    contentDir: context.content,
    outputDir: path.join(tmp.dir, 'site'),
    port: 0,
    formats: [],
    log: () => {},
  });
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

preview(
  'saving a report updates its page first, saying PDF and audio are updating, then the rest of the site',
  async () => {
    const file = path.join(context.content, 'reports/first-report/index.md');
    const original = await readFile(file, 'utf8');
    const next = context.preview!.nextBuild();
    await writeFile(file, original.replace('title: First report', 'title: First report, revised'));
    await next;
    const quick = await get('/reports/first-report/');
    assert.match(quick, '<h1 id="report-title" lang="en-GB" dir="ltr">First report, revised</h1>');
    assert.match(quick, 'PDF and audio updating…');
    // The home page lists the old title until the full build that follows has run.
    await context.preview!.idle();
    assert.match(await get('/'), 'First report, revised');
    assert.not.match(await get('/reports/first-report/'), 'PDF and audio updating');
    await writeFile(file, original);
    await context.preview!.idle();
  },
);

preview('rebuilds on save; shows problems with file and line; recovers when fixed', async () => {
  const file = path.join(context.content, 'reports/first-report/index.md');
  const original = await readFile(file, 'utf8');
  let next = context.preview!.nextBuild();
  await writeFile(file, original.replace('title: First report', 'title: First report, revised'));
  await next;
  assert.match(await get('/reports/first-report/'), 'First report, revised');
  await context.preview!.idle();

  next = context.preview!.nextBuild();
  await writeFile(file, `${original}\n## Broken\n\n![](nope.png)\n`);
  await next;
  const problems = await get('/reports/first-report/');
  assert.match(problems, 'The preview cannot be shown yet');
  assert.match(problems, /reports\/first-report\/index\.md:\d+<\/code><br>image nope\.png has no alt text/);

  next = context.preview!.nextBuild();
  await writeFile(file, original);
  await next;
  await context.preview!.idle();
  const fixed = await get('/reports/first-report/');
  assert.match(fixed, '<h1 id="report-title" lang="en-GB" dir="ltr">First report</h1>', fixed.slice(0, 1500));
});
preview('a change to the site data rebuilds the whole site', async () => {
  const file = path.join(context.content, '_data/organisation.yml');
  const original = await readFile(file, 'utf8');
  await writeFile(file, original.replace(/^name: .*$/m, 'name: Renamed Watch'));
  await context.preview!.nextBuild();
  await context.preview!.idle();
  assert.match(await get('/reports/first-report/'), 'Renamed Watch');
  await writeFile(file, original);
  await context.preview!.idle();
});

preview('the changed files name the report to update quickly, or none', () => {
  const content = '/c';
  assert.is(singleReportOf(content, ['/c/reports/a/index.md', '/c/reports/a/chart.png']), 'a');
  assert.is(singleReportOf(content, ['/c/reports/a/index.md', '/c/reports/b/index.md']), undefined);
  assert.is(singleReportOf(content, ['/c/_data/site.yml']), undefined);
  assert.is(singleReportOf(content, ['/c/reports/stray.md']), undefined);
});
preview.run();
