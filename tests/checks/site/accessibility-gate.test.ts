/** The pa11y gate on a real build, sharing one browser; and proof that it fails a page with real barriers. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { buildSite } from '../../../src/build/build-site.ts';
import { launchBrowser } from '../../../src/checks/site/browser.ts';
import { formatGateReport, pagePassed, runAccessibilityGate } from '../../../src/checks/site/accessibility-gate.ts';
import { tempDir } from '../../helpers.ts';

const context: { browser?: Browser; out: string; remove: () => Promise<void> } = { out: '', remove: async () => {} };
const gate = suite('runAccessibilityGate');
gate.before(async () => {
  const tmp = await tempDir();
  context.out = path.join(tmp.dir, 'site');
  context.remove = tmp.remove;
  await buildSite({ contentDir: path.resolve('tests/fixtures/second-site'), outputDir: context.out, log: () => {} });
  context.browser = await launchBrowser();
});
gate.after(async () => {
  await context.browser?.close();
  await context.remove();
});

gate('every page of a built site passes both runners, reflows at 320px and makes no outside request', async () => {
  const reports = await runAccessibilityGate(context.out, { browser: context.browser! });
  assert.equal(reports.map((r) => r.path).sort(), [
    '/',
    '/404.html',
    '/accessibility/',
    '/feedback/',
    '/reports/waiting-times/',
    '/reports/waiting-times/audio/',
    '/reports/waiting-times/request/',
    '/search/',
  ]);
  assert.ok(reports.every(pagePassed), formatGateReport(reports));
  assert.match(formatGateReport(reports), 'pa11y: 8 pages passed, 0 failed');
});

gate('fails a page with a missing alt, low contrast, sideways scrolling and an outside request', async () => {
  const bad = `<!doctype html><html lang="en-GB"><head><title>Bad page</title></head><body><main><h1>Bad</h1>
<img src="/img/none.png"><p style="color:#bbb;background:#fff">Faint text</p>
<div style="width:900px">Too wide</div><p style="height:1.2em;overflow:hidden;width:200px">A sentence long enough to wrap onto a second line once text spacing is applied.</p><p><a href="/" style="display:inline-block;width:10px;height:10px;overflow:hidden">a</a><a href="/accessibility/" style="display:inline-block;width:10px;height:10px;overflow:hidden">b</a></p><img alt="remote" src="https://example.invalid/x.png"></main></body></html>`;
  await mkdir(path.join(context.out, 'bad'), { recursive: true });
  await writeFile(path.join(context.out, 'bad', 'index.html'), bad);
  const sitemap = await readFile(path.join(context.out, 'sitemap.xml'), 'utf8');
  await writeFile(
    path.join(context.out, 'sitemap.xml'),
    sitemap.replace('</urlset>', '<url><loc>https://x.example/bad/</loc></url></urlset>'),
  );
  const reports = await runAccessibilityGate(context.out, { browser: context.browser! });
  const page = reports.find((r) => r.path === '/bad/')!;
  assert.not.ok(pagePassed(page));
  const codes = page.errors.map((e) => `${e.runner}:${e.code}`);
  assert.ok(codes.includes('axe:image-alt'), codes.join(' '));
  assert.ok(codes.includes('axe:color-contrast'), codes.join(' '));
  assert.ok(codes.includes('axe:target-size'), codes.join(' '));
  assert.ok(
    codes.some((c) => c.startsWith('htmlcs:') && c.includes('H37')),
    codes.join(' '),
  );
  assert.ok(page.overflowAt320 > 500);
  assert.equal(page.externalRequests, ['https://example.invalid/x.png']);
  assert.ok(page.clippedWithTextSpacing.includes('p'), page.clippedWithTextSpacing.join(' '));
  assert.match(formatGateReport(reports), 'pa11y: 8 pages passed, 1 failed');
});
gate.run();
