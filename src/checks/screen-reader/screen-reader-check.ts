/**
 * The screen-reader check over a built site: GNOME's Orca reads each page in Chromium, and what it said is held
 * against what the page shows (compare-speech.ts). By default the example report's pages and the site's own pages;
 * every sitemap URL with `all`. The report's PDFs are read too, in Chromium's PDF viewer (which reads their text
 * layer, not their tags), against poppler's text of the same file.
 */
import { access, readFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { readStructTree, type StructElement } from '../../engines/pdf/struct-tree.ts';
import path from 'node:path';
import { serveStatic } from '../site/static-server.ts';
import { pagesToCheck } from '../site/site-pages.ts';
import { startDesktop } from './desktop.ts';
import { startListener } from './listen.ts';
import { compareSpeech, speechPassed, type SpeechComparison } from './compare-speech.ts';

export interface PageReading {
  path: string;
  seconds: number;
  comparison: SpeechComparison;
  utterances: string[];
  /** PDFs: what Chromium's viewer exposed to Orca ("heading level 2" × 12, tables, links, images). */
  exposed?: Record<string, number>;
}

const run = promisify(execFile);
const SITE_PAGES = ['/', '/search/', '/feedback/', '/accessibility/', '/404.html'];
const REPORT_PAGES = ['', 'easy-read/', 'audio/', 'request/'];

/** The first report's page in the sitemap ("/reports/<slug>/"), if the site has a report. */
async function firstReport(siteDir: string): Promise<string | undefined> {
  return (await pagesToCheck(siteDir)).find((p) => /^\/reports\/[^/]+\/$/.test(p));
}

/** The first report's pages (report, easy read, audio, request) and the site's own, where the site has them. */
export async function defaultPages(siteDir: string): Promise<string[]> {
  const report = await firstReport(siteDir);
  const wanted = [...(report ? REPORT_PAGES.map((p) => `${report}${p}`) : []), ...SITE_PAGES];
  const exists = async (p: string): Promise<boolean> =>
    access(path.join(siteDir, p.endsWith('/') ? `${p}index.html` : p)).then(
      () => true,
      () => false,
    );
  const found: string[] = [];
  for (const p of wanted) if (await exists(p)) found.push(p);
  return found;
}

/** The PDF editions of the first report (from its formats.json), as site paths. */
export async function defaultPdfs(siteDir: string): Promise<string[]> {
  const report = await firstReport(siteDir);
  if (!report) return [];
  const manifest = JSON.parse(
    await readFile(path.join(siteDir, report, 'formats.json'), 'utf8').catch(() => '{"formats":[]}'),
  ) as { formats: Array<{ href: string; mediaType: string }> };
  return manifest.formats
    .filter((f) => f.mediaType === 'application/pdf')
    .map((f) => (f.href.startsWith('/') ? f.href : `${report}${f.href}`));
}

/** What the viewer exposed, counted from Orca's announcements. */
function exposedBy(utterances: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const u of utterances) {
    const kind = /^heading level \d+$/.test(u)
      ? u
      : /^table with/.test(u)
        ? 'table'
        : u === 'link'
          ? 'link'
          : u === 'image'
            ? 'image'
            : /^List with/.test(u)
              ? 'list'
              : undefined;
    if (kind) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/** The PDF's words as poppler lays them out (an independent reader), and the alt text of its figures. */
async function pdfText(file: string): Promise<{ text: string; names: string[] }> {
  // -raw: in the order the text was drawn, as Chromium's viewer reads it (plain pdftotext reads a table column by column).
  const { stdout } = await run('pdftotext', ['-raw', file, '-']);
  const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const names: string[] = [];
  const visit = (elements: readonly StructElement[]): void => {
    for (const e of elements) {
      if (e.alt) names.push(e.alt);
      visit(e.children);
    }
  };
  visit(readStructTree(doc).roots);
  return { text: stdout, names };
}

export async function readSiteAloud(
  siteDir: string,
  pages: readonly string[],
  log: (line: string) => void = () => {},
  pdfs: readonly string[] = [],
): Promise<PageReading[]> {
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
      for (const pdf of pdfs) {
        const reading = await listener.readPdf(new URL(pdf, server.origin).href);
        const { text, names } = await pdfText(path.join(siteDir, pdf));
        out.push({
          path: pdf,
          seconds: reading.seconds,
          comparison: compareSpeech(reading.utterances, text, names),
          utterances: reading.utterances,
          exposed: exposedBy(reading.utterances),
        });
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

const quote = (list: readonly string[]): string =>
  list
    .slice(0, 3)
    .map((s) => `"${s.length > 70 ? `${s.slice(0, 70)}…` : s}"`)
    .join(', ') + (list.length > 3 ? ` and ${list.length - 3} more` : '');

export function formatReading(r: PageReading): string {
  const c = r.comparison;
  const head = `${speechPassed(c) ? 'ok  ' : 'FAIL'} ${r.path}: ${(c.inOrder * 100).toFixed(1)}% of ${c.visibleWords} words spoken in order, ${c.announcementsPer100.toFixed(1)} announcements per 100 words, ${r.seconds.toFixed(1)} s`;
  const problems = [
    ...(c.spokenWords === 0 ? ['  Orca said nothing of the page (did it load?)'] : []),
    ...(c.missingRuns.length ? [`  not spoken: ${quote(c.missingRuns)}`] : []),
    ...(c.markup.length ? [`  markup or an entity spoken (text escaped twice?): ${quote(c.markup)}`] : []),
    ...(c.notOnPage.length
      ? [
          `  words spoken that are not on the page (run together?): ${c.notOnPage
            .slice(0, 5)
            .map((n) => `"${n.word}" in "${n.utterance.slice(0, 60)}"`)
            .join(', ')}`,
        ]
      : []),
    ...(c.repeated.length ? [`  said twice running (a landmark named by its own heading?): ${quote(c.repeated)}`] : []),
  ];
  const exposed = r.exposed
    ? [
        `  the viewer exposed: ${
          Object.entries(r.exposed)
            .map(([k, n]) => `${k} × ${n}`)
            .join(', ') || 'no structure'
        }`,
      ]
    : [];
  return [head, ...exposed, ...problems].join('\n');
}

export function readingPassed(r: PageReading): boolean {
  return r.comparison.spokenWords > 0 && speechPassed(r.comparison);
}
