/** The Atom feed (parsed as XML) and the site search (in Chromium), on a real build. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Browser } from 'puppeteer';
import { buildSite } from '../../../src/build/build-site.ts';
import { launchBrowser } from '../../../src/checks/site/browser.ts';
import { serveStatic, type RunningServer } from '../../../src/checks/site/static-server.ts';
import { tempDir } from '../../helpers.ts';

const context: { out: string; remove: () => Promise<void>; browser?: Browser; server?: RunningServer } = {
  out: '',
  remove: async () => {},
};
const site = suite('feed and search');
site.before(async () => {
  const tmp = await tempDir();
  context.out = path.join(tmp.dir, 'site');
  context.remove = tmp.remove;
  await buildSite({
    contentDir: path.resolve('tests/fixtures/basic-site'),
    outputDir: context.out,
    log: () => {},
    formats: [],
  });
  context.browser = await launchBrowser();
  context.server = await serveStatic(context.out);
});
site.after(async () => {
  await context.browser?.close();
  await context.server?.close();
  await context.remove();
});

site('the Atom feed is valid XML, newest change first, and an update says what changed', async () => {
  const xml = await readFile(path.join(context.out, 'feed.xml'), 'utf8');
  assert.is(XMLValidator.validate(xml), true);
  const feed = (new XMLParser({ ignoreAttributes: false }).parse(xml) as { feed: unknown }).feed as {
    updated: string;
    entry: Array<{ title: string; updated: string; published: string; content: { '#text': string } }>;
  };
  assert.equal(
    feed.entry.map((e) => e.title),
    ['First report', 'Older report'],
  );
  assert.is(feed.updated, '2024-04-02T00:00:00Z');
  assert.is(feed.entry[0]!.published, '2024-03-01T00:00:00Z');
  assert.is(feed.entry[0]!.updated, '2024-04-02T00:00:00Z');
  assert.match(feed.entry[0]!.content['#text'], 'Updated 2 April 2024. What changed:');
  assert.match(feed.entry[0]!.content['#text'], 'Corrected a figure.');
});

site('search finds a report by a word in its body, and announces the results', async () => {
  const page = await context.browser!.newPage();
  await page.goto(`${context.server!.origin}/search/`, { waitUntil: 'load' });
  await page.type('#search-input', 'detail');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /for “detail”/.test(document.getElementById('search-status')?.textContent ?? ''), {
    timeout: 15000,
  });
  const status = await page.$eval('#search-status', (el) => [
    el.textContent,
    el.getAttribute('role'),
    el.getAttribute('aria-live'),
  ]);
  assert.equal(status, ['1 result for “detail”.', 'status', 'polite']);
  assert.equal(await page.$$eval('#search-results a', (links) => links.map((a) => a.getAttribute('href'))), [
    '/reports/first-report/',
  ]);
  await page.close();
});

site('without JavaScript the search page lists every report', async () => {
  const page = await context.browser!.newPage();
  await page.setJavaScriptEnabled(false);
  await page.goto(`${context.server!.origin}/search/?q=detail`, { waitUntil: 'load' });
  assert.equal(await page.$$eval('#search-fallback a', (links) => links.map((a) => a.getAttribute('href'))), [
    '/reports/first-report/',
    '/reports/older-report/',
  ]);
  assert.ok(await page.$eval('.search-no-script', (el) => !(el as HTMLElement).hidden));
  await page.close();
});
site.run();
