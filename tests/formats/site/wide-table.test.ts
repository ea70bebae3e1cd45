/**
 * A wide table at 320 and 360 px (WCAG 1.4.10 reflow): it scrolls inside its own region, the page never scrolls
 * sideways (not even for a note number's visually hidden label in a cell), and the caption wraps to the region's width.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildSite } from '../../../src/build/build-site.ts';
import { launchBrowser } from '../../../src/checks/site/browser.ts';
import { serveStatic } from '../../../src/checks/site/static-server.ts';
import { tempDir } from '../../helpers.ts';

test('a wide table with a note in a cell and a long caption keeps the page at 320 and 360 px', async () => {
  const scratch = await tempDir('wide-table-');
  try {
    const content = path.join(scratch.dir, 'content');
    await cp(path.resolve('tests/fixtures/second-site'), content, { recursive: true });
    const file = path.join(content, 'reports/waiting-times/index.md');
    const source = await readFile(file, 'utf8');
    await writeFile(
      file,
      source
        .replace(
          /Table: [^\n]+\n\n\|[^\n]+\n\|[^\n]+\n/,
          [
            'Table: How residents booked their last appointment in the spring of 2025, across all eleven surgeries in the Riverside primary care network, by method',
            '',
            '| How people booked | Residents | Share | Average wait in working days | Second opinion asked for | What people told us in the interviews |',
            '| --- | ---: | ---: | --- | --- | --- |',
            '',
          ].join('\n'),
        )
        .replace(
          '| Phoned the surgery at 8am | 231 | 56% |',
          '| Phoned the surgery at 8am | 231 | 56% | 4 | 12 | Many gave up after the first hour of trying[^survey] |',
        )
        .replace(/^(\| (?!Phoned|How|---)[^\n]*\|)$/gm, '$1 2 | 1 | Fewer calls |'),
    );
    const out = path.join(scratch.dir, 'site');
    await buildSite({ contentDir: content, outputDir: out, log: () => {}, formats: [] });
    const server = await serveStatic(out);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      for (const width of [320, 360]) {
        await page.setViewport({ width, height: 800 });
        await page.goto(`${server.origin}/reports/waiting-times/`, { waitUntil: 'load' });
        const m = await page.evaluate(() => {
          const caption = document.querySelector('caption')!;
          const region = caption.closest('.table-scroll')!;
          return {
            pageWidth: document.documentElement.scrollWidth,
            tableWidth: region.querySelector('table')!.getBoundingClientRect().width,
            regionRight: region.getBoundingClientRect().right,
            captionRight: caption.getBoundingClientRect().right,
          };
        });
        assert.ok(m.tableWidth > width, `the table is wide (${m.tableWidth} px at ${width})`);
        assert.is(m.pageWidth, width, `the page scrolls sideways at ${width} px`);
        assert.ok(
          m.captionRight <= m.regionRight + 0.5,
          `at ${width} px the caption ends at ${m.captionRight}, past its region (${m.regionRight})`,
        );
      }
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    await scratch.remove();
  }
});

test.run();
