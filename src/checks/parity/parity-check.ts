/**
 * Runs the parity check on a built site: for each report, its web page, PDFs, EPUB, braille and audio script and
 * captions read back and compared with the report model, and its easy-read page, PDF and audio captions with the
 * easy-read model (compare.ts). Called by the build once every edition is written, before the site replaces the old one.
 * A report whose model and editions are exactly those of a check that passed is not checked again: the PDFs and EPUB
 * are named by their content in the cache, and the web page, model and the small text editions are hashed, so a
 * no-change build of 100 reports does not read 200 PDFs' tag trees again.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PreparedSite } from '../../report/prepare-site.ts';
import type { Problem } from '../../report/problems.ts';
import { compareEasyReadEditions, compareEditions } from './compare.ts';
import {
  audioScriptView,
  brailleView,
  epubView,
  pdfView,
  webPageView,
  webVttView,
  type EditionView,
} from './edition-views.ts';
import { taggedContent } from '../../engines/pdf/cached-page-words.ts';
import type { FormatKind } from '../../formats/manifest.ts';
import { exists } from '../../build/exists.ts';

export interface ParityResult {
  problems: Problem[];
  editions: number;
  seconds: number;
}

/** The editions read back besides the web page. Easy read is a different text (see compare.ts); SSML and MP3 say what the script says. */
export const COMPARED = new Set<FormatKind>([
  'large-print-pdf',
  'standard-pdf',
  'epub',
  'braille-brf',
  'audio-script',
  'audio-vtt',
  'easy-read-html',
  'easy-read-pdf',
  'easy-read-vtt',
]);

/** Editions named by their content in the cache (so their path is their identity); others are hashed. */
const NAMED_BY_CONTENT = new Set<FormatKind>(['large-print-pdf', 'standard-pdf', 'epub', 'easy-read-pdf']);

/** Bumped when what the check compares changes, so reports are checked again. */
const CHECK_VERSION = 3;

export async function checkParity(site: PreparedSite, siteDir: string, cacheDir: string): Promise<ParityResult> {
  const started = performance.now();
  const problems: Problem[] = [];
  let editions = 0;
  const passed = path.join(cacheDir, 'parity');
  await mkdir(passed, { recursive: true });
  for (const report of site.reports) {
    const slug = report.document.slug;
    const page = path.join(siteDir, 'reports', slug, 'index.html');
    const easyPage = path.join(siteDir, 'reports', slug, 'easy-read', 'index.html');
    const published = (site.editions.get(slug) ?? []).filter(
      (e) => COMPARED.has(e.entry.kind) && (e.source || e.entry.kind === 'easy-read-html'),
    );
    const hash = createHash('sha256')
      .update(`${CHECK_VERSION}\0${report.source}\0${report.easyRead?.source ?? ''}\0`)
      .update(await readFile(page));
    hash.update(JSON.stringify(published.map((e) => [e.entry.kind, e.source ?? ''])));
    for (const { entry, source } of published) {
      if (entry.kind === 'easy-read-html') hash.update(await readFile(easyPage));
      else if (source && !NAMED_BY_CONTENT.has(entry.kind)) hash.update(await readFile(source));
    }
    const marker = path.join(passed, hash.digest('hex'));
    editions += 1 + published.length;
    if (await exists(marker)) continue;

    // The report's editions are compared with the report; the easy-read ones with the easy-read text.
    const views: EditionView[] = [await webPageView(page)];
    const easyViews: EditionView[] = [];
    for (const { entry, source, tagged } of published) {
      const pdf = async (name: string, file: string): Promise<EditionView> =>
        pdfView(name, await taggedContent(file, tagged));
      if (entry.kind === 'easy-read-html')
        easyViews.unshift(await webPageView(easyPage, 'easy-read page', 'article.easy-read'));
      else if (!source) continue;
      else if (entry.kind === 'large-print-pdf')
        views.push(await pdf(`large-print PDF (${entry.fontSizePt} point)`, source));
      else if (entry.kind === 'standard-pdf') views.push(await pdf('standard PDF', source));
      else if (entry.kind === 'epub') views.push(await epubView(source));
      else if (entry.kind === 'braille-brf') views.push(await brailleView(source, entry.grade ?? 2));
      else if (entry.kind === 'audio-script') views.push(await audioScriptView(source));
      else if (entry.kind === 'audio-vtt') views.push(await webVttView(source));
      else if (entry.kind === 'easy-read-pdf') easyViews.push(await pdf('easy-read PDF', source));
      else if (entry.kind === 'easy-read-vtt')
        easyViews.push(await webVttView(source, 'easy-read audio captions (WebVTT)'));
    }
    const found = compareEditions(report.document, views);
    if (report.easyRead && easyViews.length > 0)
      found.push(...compareEasyReadEditions(report.easyRead.document, easyViews));
    problems.push(...found);
    if (found.length === 0) await writeFile(marker, '');
  }
  return { problems, editions, seconds: (performance.now() - started) / 1000 };
}
