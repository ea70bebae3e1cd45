/**
 * `npm run check:screen-reader -- [--site _site] [--all]`: GNOME's Orca reads the built site's pages in Chromium
 * and what it says is checked against each page (see src/checks/screen-reader/). Exit codes as the accessibility
 * gate's: 0 every page passed, 1 the check itself could not run, 2 problems found.
 */
import {
  defaultPages,
  defaultPdfs,
  readSiteAloud,
  readingPassed,
} from '../checks/screen-reader/screen-reader-check.ts';
import { pagesToCheck } from '../checks/site/site-pages.ts';
import { readOptions, resolveFromCaller } from './args.ts';

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  // --all is a switch: every page in the sitemap, not only the first report's and the site's own.
  const all = argv.includes('--all');
  const options = readOptions(
    argv.filter((a) => a !== '--all'),
    { site: '<built site folder> (default: _site)', all: '(a switch: every page in the sitemap)' },
  );
  const site = resolveFromCaller(options.site ?? '_site');
  const pages = all ? await pagesToCheck(site) : await defaultPages(site);
  const pdfs = await defaultPdfs(site);
  console.log(`Screen reader: Orca reads ${pages.length} pages and ${pdfs.length} PDFs in Chromium…`);
  const readings = await readSiteAloud(site, pages, (line) => console.log(line), pdfs);
  const passed = readings.filter(readingPassed).length;
  console.log(`screen reader: ${passed} pages passed, ${readings.length - passed} failed`);
  return passed === readings.length ? 0 : 2;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
