/**
 * The screen-reader check over a built site: GNOME's Orca reads each page in Chromium, and what it said is held
 * against what the page shows (compare-speech.ts). By default the example report's pages and the site's own pages;
 * every sitemap URL with `all`.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { serveStatic } from '../site/static-server.ts';
import { pagesToCheck } from '../site/site-pages.ts';
import { startDesktop } from './desktop.ts';
import { startListener } from './listen.ts';
import { compareSpeech, speechPassed, type SpeechComparison } from './compare-speech.ts';

export interface PageReading { path: string; seconds: number; comparison: SpeechComparison; utterances: string[] }

const SITE_PAGES = ['/', '/search/', '/feedback/', '/accessibility/', '/404.html'];
const REPORT_PAGES = ['', 'easy-read/', 'audio/', 'request/'];

/** The first report's pages (report, easy read, audio, request) and the site's own, where the site has them. */
export async function defaultPages(siteDir: string): Promise<string[]> {
  const all = await pagesToCheck(siteDir);
  const report = all.find((p) => /^\/reports\/[^/]+\/$/.test(p));
  const wanted = [...(report ? REPORT_PAGES.map((p) => `${report}${p}`) : []), ...SITE_PAGES];
  const exists = async (p: string): Promise<boolean> => access(path.join(siteDir, p.endsWith('/') ? `${p}index.html` : p)).then(() => true, () => false);
  const found: string[] = [];
  for (const p of wanted) if (await exists(p)) found.push(p);
  return found;
}

export async function readSiteAloud(siteDir: string, pages: readonly string[], log: (line: string) => void = () => {}): Promise<PageReading[]> {
  const server = await serveStatic(siteDir);
  const desktop = await startDesktop();
  try {
    const listener = await startListener(desktop);
    try {
      const out: PageReading[] = [];
      for (const page of pages) {
        const reading = await listener.read(new URL(page, server.origin).href);
        const comparison = compareSpeech(reading.utterances, reading.visibleText, reading.names);
        out.push({ path: page, seconds: reading.seconds, comparison, utterances: reading.utterances });
        log(formatReading(out.at(-1)!));
      }
      return out;
    } finally {
      await listener.close();
    }
  } finally {
    await desktop.stop();
    await server.close();
  }
}

const quote = (list: readonly string[]): string => list.slice(0, 3).map((s) => `"${s.length > 70 ? `${s.slice(0, 70)}…` : s}"`).join(', ') + (list.length > 3 ? ` and ${list.length - 3} more` : '');

export function formatReading(r: PageReading): string {
  const c = r.comparison;
  const head = `${speechPassed(c) ? 'ok  ' : 'FAIL'} ${r.path}: ${(c.inOrder * 100).toFixed(1)}% of ${c.visibleWords} words spoken in order, ${c.announcementsPer100.toFixed(1)} announcements per 100 words, ${r.seconds.toFixed(1)} s`;
  const problems = [
    ...(c.spokenWords === 0 ? ['  Orca said nothing of the page (did it load?)'] : []),
    ...(c.missingRuns.length ? [`  not spoken: ${quote(c.missingRuns)}`] : []),
    ...(c.markup.length ? [`  markup or an entity spoken (text escaped twice?): ${quote(c.markup)}`] : []),
    ...(c.notOnPage.length ? [`  words spoken that are not on the page (run together?): ${c.notOnPage.slice(0, 5).map((n) => `"${n.word}" in "${n.utterance.slice(0, 60)}"`).join(', ')}`] : []),
    ...(c.repeated.length ? [`  said twice running (a landmark named by its own heading?): ${quote(c.repeated)}`] : []),
  ];
  return [head, ...problems].join('\n');
}

export function readingPassed(r: PageReading): boolean {
  return r.comparison.spokenWords > 0 && speechPassed(r.comparison);
}
