/**
 * A report's own words on a phone's first screens (issue 30): in Chromium at 320×568 and 375×667, the first paragraph
 * of the example report and of the second test report begins within 2.0 and 1.5 screens; the request link and the
 * phone number come before it; and every edition in formats.json is linked from the page.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Browser } from 'puppeteer';
import { buildSite } from '../../../src/build/build-site.ts';
import { launchBrowser } from '../../../src/checks/site/browser.ts';
import { serveStatic, type RunningServer } from '../../../src/checks/site/static-server.ts';
import { PHONES, screensToFirstParagraph } from '../../../src/checks/site/first-screens.ts';
import { FORMAT_KINDS, type FormatEntry } from '../../../src/formats/manifest.ts';
import { formatGroups } from '../../../src/formats/site/format-groups.ts';
import { tempDir } from '../../helpers.ts';

const REPORTS = [
  { content: 'content', slug: 'perinatal-mental-health' },
  { content: 'tests/fixtures/second-site', slug: 'waiting-times' },
];

const phone = suite('the report first on a phone');
const context: { browser?: Browser; servers: RunningServer[]; remove: Array<() => Promise<void>>; dirs: string[] } = {
  servers: [],
  remove: [],
  dirs: [],
};

phone.before(async () => {
  for (const report of REPORTS) {
    const tmp = await tempDir('first-screens-');
    context.remove.push(tmp.remove);
    // Every edition, as published (the caches from npm run build make this quick).
    await buildSite({ contentDir: path.resolve(report.content), outputDir: tmp.dir, log: () => {} });
    context.dirs.push(tmp.dir);
    context.servers.push(await serveStatic(tmp.dir));
  }
  context.browser = await launchBrowser();
});
phone.after(async () => {
  await context.browser?.close();
  for (const server of context.servers) await server.close();
  for (const remove of context.remove) await remove();
});

phone(
  'the first paragraph is within 2.0 screens at 320×568 and 1.5 at 375×667, after the request link and phone',
  async () => {
    const page = await context.browser!.newPage();
    const found: string[] = [];
    for (const [i, report] of REPORTS.entries()) {
      const url = `${context.servers[i]!.origin}/reports/${report.slug}/`;
      for (const size of PHONES) {
        const screens = await screensToFirstParagraph(page, url, size);
        found.push(`${report.slug} ${size.width}×${size.height}: ${screens.toFixed(2)} screens`);
        assert.ok(
          screens <= size.target,
          `${report.slug} at ${size.width}×${size.height}: ${screens.toFixed(2)} screens, target ${size.target}`,
        );
        const before = await page.evaluate(() => {
          const first = document.querySelector('.report-body p')!.getBoundingClientRect().top;
          const request = document.querySelector('#other-formats a[href="request/"]')?.getBoundingClientRect().top;
          const tel = document.querySelector('#other-formats a[href^="tel:"]')?.getBoundingClientRect().top;
          return { request: request !== undefined && request < first, tel: tel !== undefined && tel < first };
        });
        assert.equal(before, { request: true, tel: true }, `${report.slug} at ${size.width}`);
      }
    }
    console.log(found.join('\n'));
    await page.close();
  },
);

phone('every edition in formats.json is linked from the report page', async () => {
  for (const [i, report] of REPORTS.entries()) {
    const folder = path.join(context.dirs[i]!, 'reports', report.slug);
    const manifest = JSON.parse(await readFile(path.join(folder, 'formats.json'), 'utf8')) as {
      formats: FormatEntry[];
    };
    const html = await readFile(path.join(folder, 'index.html'), 'utf8');
    const hrefs = new Set([...html.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]));
    for (const f of manifest.formats.filter((f) => f.kind !== 'html'))
      assert.ok(hrefs.has(f.page ?? f.href), `${report.slug}: ${f.kind} (${f.page ?? f.href}) is not linked`);
  }
});

phone('every kind of edition belongs to one group of the box', () => {
  const all = FORMAT_KINDS.filter((k) => k !== 'html').map((kind, n): FormatEntry => ({
    kind,
    href: `file-${n}`,
    label: kind,
    mediaType: 'x/y',
  }));
  const grouped = formatGroups(all).flatMap((g) => g.links.map((l) => l.href));
  assert.equal(grouped.sort(), all.map((f) => f.href).sort());
});

phone.run();
