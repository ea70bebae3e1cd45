/**
 * What a page costs to open before any audio plays: every response Chromium fetched while loading it, text sent
 * gzip-compressed as the documented nginx configuration sends it (HTML, CSS, JavaScript, SVG, JSON), fonts and
 * pictures as they are. Audio is not fetched until asked for (preload="none"), so it is not counted.
 */
import { gzipSync } from 'node:zlib';
import type { HTTPResponse, Page } from 'puppeteer';

export interface PageWeight {
  bytes: number;
  files: Array<{ url: string; bytes: number }>;
}

const COMPRESSED = /^(text\/|application\/(javascript|json|xml|manifest\+json)|image\/svg\+xml)/;

export async function pageWeight(page: Page, url: string): Promise<PageWeight> {
  const files: PageWeight['files'] = [];
  const pending: Array<Promise<void>> = [];
  const onResponse = (response: HTTPResponse): void => {
    pending.push(
      (async () => {
        const body = await response.buffer().catch(() => Buffer.alloc(0));
        const type = response.headers()['content-type'] ?? '';
        files.push({ url: response.url(), bytes: COMPRESSED.test(type) ? gzipSync(body).length : body.length });
      })(),
    );
  };
  page.on('response', onResponse);
  await page.setCacheEnabled(false);
  await page.goto(url, { waitUntil: 'networkidle0' });
  await Promise.all(pending);
  page.off('response', onResponse);
  return { bytes: files.reduce((n, f) => n + f.bytes, 0), files };
}
