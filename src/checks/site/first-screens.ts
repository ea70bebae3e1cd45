/**
 * How far down a report page its own words begin, in screens: the top of the report's first paragraph, measured in
 * Chromium at a phone's size, divided by the screen's height. GOV.UK's HTML publications reach their first paragraph
 * in under two screens on a small phone; a reader who wants the report should not scroll past a list of editions.
 */
import type { Page } from 'puppeteer';

export const PHONES = [
  { name: 'small phone', width: 320, height: 568, target: 2.0 },
  { name: 'phone', width: 375, height: 667, target: 1.5 },
] as const;

export async function screensToFirstParagraph(
  page: Page,
  url: string,
  viewport: { width: number; height: number },
): Promise<number> {
  await page.setViewport({ width: viewport.width, height: viewport.height, deviceScaleFactor: 1, isMobile: true });
  await page.goto(url, { waitUntil: 'load' });
  const top = await page.evaluate(() => {
    const first = document.querySelector('.report-body p');
    return first ? first.getBoundingClientRect().top + window.scrollY : Number.NaN;
  });
  if (Number.isNaN(top)) throw new Error(`${url} has no paragraph in its report body`);
  return top / viewport.height;
}
