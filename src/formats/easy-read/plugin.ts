/**
 * The easy-read format as an Eleventy plugin: for each report with an easy-read.md, a web page
 * (/reports/<slug>/easy-read/) and a PDF, both listed in the report's "Other formats" box and formats.json.
 * Pictures are the editor's own images (through eleventy-img on the web) or OpenMoji pictograms.
 */
import type { UserConfig } from '@11ty/eleventy';
import path from 'node:path';
import { prepareSite, type PreparedSite } from '../../report/prepare-site.ts';
import { ContentProblemsError, error, errorsIn, formatProblem, warning, type Problem } from '../../report/problems.ts';
import type { ParsedReport } from '../../report/parse-report.ts';
import { resolveImage } from '../../checks/images.ts';
import { publishFile } from '../../build/publish-file.ts';
import { fileSize, readableDate } from '../site/filters.ts';
import { copyImages, imageDefaults, processImage, type ProcessedImage } from '../site/images.ts';
import {
  cachedPrintImage,
  UnreadableImageError,
  virtualFiles,
  type PrintImage,
} from '../../engines/pdf/print-images.ts';
import { engineDefaults, runPdfJobs, type SourcedPdfJob } from '../../engines/pdf/pdf-engine.ts';
import type { EasyReadDocument } from './model.ts';
import { findPictogram, isPictogram, PICTOGRAM_CREDIT } from './pictograms.ts';
import { publishablePicture } from '../../engines/images/safe-pictures.ts';
import { easyReadHeadings, easyReadPrintModel, EASY_READ_PRINT } from './print-model.ts';
import { escapeHtml, inlineHtml } from './render-html.ts';
import { EASY_READ_LIMITS } from './checks.ts';
import { byKind } from '../manifest.ts';
import { changesNewestFirst } from '../../report/front-matter.ts';

export interface EasyReadPluginOptions {
  contentDir: string;
  includeDrafts?: boolean;
  cacheDir: string;
  log?: (line: string) => void;
}

/** A picture as the web page shows it. */
interface WebPicture {
  src: string;
  width: number;
  height: number;
  alt: string;
}

export interface EasyReadPage {
  slug: string;
  url: string;
  reportTitle: string;
  title: string;
  lang: string;
  published: string;
  updated?: string;
  checked?: string;
  /** Newest first. */
  changes: Array<{ date: string; summary: string }>;
  sections: Array<{ heading?: { text: string; id: string }; points: Array<{ picture?: WebPicture; html: string }> }>;
  hardWords: Array<{ word: string; html: string }>;
  pdf?: { href: string; label: string };
  credit?: string;
  /** The report's other editions, with links from this page (filled in once every format has made its own). */
  otherFormats?: Array<{ href: string; label: string; mediaType: string }>;
}

/** Every picture file a document uses, by its src: pictograms from OpenMoji, the rest from the report folder. */
function pictureFiles(doc: EasyReadDocument): Map<string, { file: string; pictogram?: string }> {
  const files = new Map<string, { file: string; pictogram?: string }>();
  for (const point of doc.sections.flatMap((s) => s.points)) {
    const src = point.picture?.src;
    if (!src || files.has(src)) continue;
    if (isPictogram(src)) {
      const found = findPictogram(src);
      if ('file' in found) files.set(src, { file: found.file, pictogram: found.hexcode });
    } else {
      const where = resolveImage(src);
      if (!('refused' in where)) files.set(src, { file: path.join(doc.folder, where.relative) });
    }
  }
  return files;
}

interface Prepared {
  pages: EasyReadPage[];
  /** OpenMoji hexcode → its SVG file. */
  pictograms: Map<string, string>;
  /** The editors' own pictures, processed for the web. */
  ownImages: ProcessedImage[];
}

async function prepare(site: PreparedSite, options: EasyReadPluginOptions): Promise<Prepared> {
  const log = options.log ?? ((line: string) => console.log(line));
  const images = imageDefaults(options.cacheDir);
  const pictograms = new Map<string, string>();
  const ownImages: ProcessedImage[] = [];
  const jobs: Array<{ sourced: SourcedPdfJob; report: ParsedReport; page: EasyReadPage }> = [];
  const problems: Problem[] = [];
  const pages: EasyReadPage[] = [];
  for (const report of site.reports) {
    const easy = report.easyRead?.document;
    if (!easy) continue;
    const slug = report.document.slug;
    const files = pictureFiles(easy);
    const web = new Map<string, Omit<WebPicture, 'alt'>>();
    const print = new Map<string, PrintImage>();
    for (const [src, { file, pictogram }] of files) {
      if (pictogram) {
        pictograms.set(pictogram, file);
        web.set(src, { src: `/pictograms/${pictogram}.svg`, width: 72, height: 72 });
      } else {
        const processed = await processImage(file, images);
        web.set(src, { src: processed.src, width: processed.width, height: processed.height });
        ownImages.push(processed);
      }
      try {
        print.set(src, await cachedPrintImage(file, path.join(options.cacheDir, 'pdf', 'images')));
      } catch (err) {
        if (!(err instanceof UnreadableImageError)) throw err;
        const line = easy.sections.flatMap((s) => s.points).find((p) => p.picture?.src === src)?.line ?? 0;
        problems.push(
          error(
            easy.file,
            line,
            `picture ${src} cannot be read for the PDF: ${err.message}`,
            'open it in an image editor and save it again as PNG, JPEG or SVG',
            'easy-read',
          ),
        );
      }
    }
    const usesPictograms = [...files.values()].some((f) => f.pictogram);
    const page: EasyReadPage = {
      slug,
      url: `/reports/${slug}/easy-read/`,
      reportTitle: report.document.meta.title,
      title: easy.meta.title,
      lang: easy.meta.lang,
      published: easy.meta.published,
      ...(easy.meta.updated ? { updated: easy.meta.updated } : {}),
      changes: changesNewestFirst(easy.meta.changes),
      ...(easy.meta.checkedBy && easy.meta.checkedOn
        ? { checked: `${easy.meta.checkedBy} checked this with readers on ${readableDate(easy.meta.checkedOn)}.` }
        : {}),
      sections: easy.sections.map((s) => ({
        ...(s.heading ? { heading: { text: s.heading.text, id: s.heading.id } } : {}),
        // The same picture may be described differently in two points: each point keeps its own alt text.
        points: s.points.map((p) => ({
          ...(p.picture ? { picture: { ...web.get(p.picture.src)!, alt: p.picture.alt } } : {}),
          html: inlineHtml(p.content),
        })),
      })),
      hardWords: easy.hardWords.map((h) => ({ word: h.word, html: inlineHtml(h.explanation) })),
      ...(usesPictograms ? { credit: PICTOGRAM_CREDIT } : {}),
    };
    pages.push(page);
    const model = easyReadPrintModel({ doc: easy, organisation: site.organisation, pictures: print, usesPictograms });
    jobs.push({
      report,
      page,
      sourced: {
        source: easy.file,
        edition: 'easy-read PDF',
        job: {
          name: `reports/${slug}/${slug}-easy-read.pdf`,
          template: 'easy-read.typ',
          model,
          images: virtualFiles(print.values()),
          finish: { modified: easy.meta.updated ?? easy.meta.published, linkTexts: [] },
          expect: {
            title: easy.meta.title,
            lang: easy.meta.lang,
            headings: easyReadHeadings(easy),
            minFontPt: EASY_READ_PRINT.minimumPt,
          },
        },
      },
    });
  }
  if (errorsIn(problems).length > 0) throw new ContentProblemsError(problems);
  const run = await runPdfJobs(
    jobs.map((j) => j.sourced),
    engineDefaults(options.cacheDir, log, site.pdfWorkers),
  );
  if (errorsIn(run.problems).length) throw new ContentProblemsError(run.problems);
  for (const problem of run.problems) log(`  ${formatProblem(problem)}`);
  site.stats.pdfsPrinted += run.made;
  site.stats.pdfsReused += run.reused;
  for (const { sourced, report, page } of jobs) {
    const pdf = run.results.get(sourced.job)!;
    const slug = report.document.slug;
    const href = `${slug}-easy-read.pdf`;
    const label = `Easy read PDF (${pdf.pages} ${pdf.pages === 1 ? 'page' : 'pages'}, ${fileSize(pdf.bytes)})`;
    page.pdf = { href: `../${href}`, label };
    if (pdf.pages > EASY_READ_LIMITS.maxPdfPages) {
      log(
        `  ${formatProblem(warning(report.easyRead!.document.file, 0, `the easy-read PDF has ${pdf.pages} pages`, `easy read should be ${EASY_READ_LIMITS.maxPdfPages} pages or fewer: keep only the main points`, 'easy-read'))}`,
      );
    }
    const editions = site.editions.get(slug) ?? [];
    editions.push(
      { entry: { kind: 'easy-read-html', href: 'easy-read/', label: 'Easy read (web page)', mediaType: 'text/html' } },
      {
        entry: { kind: 'easy-read-pdf', href, label, mediaType: 'application/pdf', bytes: pdf.bytes, pages: pdf.pages },
        source: pdf.source,
        tagged: pdf.tagged,
      },
    );
    site.editions.set(slug, editions);
  }
  return { pages, pictograms, ownImages };
}

export function reportEasyRead(eleventyConfig: UserConfig, options: EasyReadPluginOptions): void {
  let state: Prepared | undefined;
  eleventyConfig.on('eleventy.before', async () => {
    state = await prepare(
      await prepareSite(options.contentDir, { includeDrafts: Boolean(options.includeDrafts) }),
      options,
    );
  });
  eleventyConfig.addGlobalData('easyReads', async () => {
    const site = await prepareSite(options.contentDir, { includeDrafts: Boolean(options.includeDrafts) });
    return (state?.pages ?? []).map((page) => ({
      ...page,
      otherFormats: [
        { href: '../', label: 'The full report (web page)', mediaType: 'text/html' },
        ...(site.editions.get(page.slug) ?? [])
          .filter((e) => e.entry.kind !== 'easy-read-html' && e.entry.kind !== 'easy-read-pdf')
          .sort((a, b) => byKind(a.entry, b.entry))
          .map((e) => ({
            href: e.entry.href.startsWith('/') ? e.entry.href : `../${e.entry.href}`,
            label: e.entry.label,
            mediaType: e.entry.mediaType,
          })),
      ],
    }));
  });
  eleventyConfig.addFilter('escapeHtml', escapeHtml);
  eleventyConfig.on('eleventy.after', async ({ directories }) => {
    if (!state) return;
    await Promise.all(
      // OpenMoji's files come from npm, not from an editor, but every published SVG is the cleaned one all the same.
      [...state.pictograms].map(async ([hex, file]) =>
        publishFile(
          await publishablePicture(file, path.join(options.cacheDir, 'safe-svg')),
          path.join(directories.output, 'pictograms', `${hex}.svg`),
        ),
      ),
    );
    await copyImages(state.ownImages, imageDefaults(options.cacheDir), directories.output);
  });
}
