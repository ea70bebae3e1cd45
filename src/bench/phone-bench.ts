/**
 * Report pages as a phone opens them (npm run bench -- … phone): the example report and the second test report, built
 * with every edition, measured in Chromium: how many screens down the report's first paragraph starts at 320×568 and
 * 375×667 (targets 2.0 and 1.5), and what the first load costs over the wire before any audio (target 100 KB).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildSite } from '../build/build-site.ts';
import { PROJECT_ROOT } from '../build/project-root.ts';
import { launchBrowser } from '../checks/site/browser.ts';
import { serveStatic } from '../checks/site/static-server.ts';
import { PHONES, screensToFirstParagraph } from '../checks/site/first-screens.ts';
import { pageWeight } from '../checks/site/page-weight.ts';
import type { StageResult } from './stages.ts';

const REPORTS = [
  { content: 'content', slug: 'perinatal-mental-health' },
  { content: path.join('tests', 'fixtures', 'second-site'), slug: 'waiting-times' },
];
const WEIGHT_TARGET_KB = 100;

export async function phoneStages(log: (line: string) => void): Promise<StageResult[]> {
  const results: StageResult[] = [];
  const browser = await launchBrowser();
  try {
    for (const report of REPORTS) {
      const root = await mkdtemp(path.join(os.tmpdir(), 'reports-bench-phone-'));
      try {
        log(`Phone: building ${report.slug} with every edition…`);
        await buildSite({ contentDir: path.join(PROJECT_ROOT, report.content), outputDir: root, log: () => {} });
        const server = await serveStatic(root);
        const page = await browser.newPage();
        try {
          const url = `${server.origin}/reports/${report.slug}/`;
          for (const size of PHONES) {
            const screens = await screensToFirstParagraph(page, url, size);
            results.push({
              name: `${report.slug.slice(0, 14)} ${size.width}×${size.height}`,
              runsSeconds: [screens],
              median: screens,
              ratio: screens / size.target,
              unit: 'screens',
              note: `first paragraph; target ${size.target}`,
            });
          }
          const weight = await pageWeight(page, url);
          const kb = weight.bytes / 1024;
          results.push({
            name: `${report.slug.slice(0, 14)} first load`,
            runsSeconds: [kb],
            median: kb,
            ratio: kb / WEIGHT_TARGET_KB,
            unit: 'KB',
            note: `${weight.files.length} files, text gzipped; target ${WEIGHT_TARGET_KB} KB`,
          });
        } finally {
          await page.close();
          await server.close();
        }
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
  }
  return results;
}
