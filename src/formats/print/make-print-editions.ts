/**
 * Plans the print editions of every report (large print at each configured size, and the standard PDF) and hands
 * them to the PDF engine; returns each report's editions for the manifest and the "Other formats" box.
 */
import path from 'node:path';
import type { PreparedSite } from '../../report/prepare-site.ts';
import type { ParsedReport } from '../../report/parse-report.ts';
import { walkInlines } from '../../report/build-document.ts';
import { imagesIn, resolveImage } from '../../checks/images.ts';
import { fileSize } from '../site/filters.ts';
import type { PublishedEdition } from '../manifest.ts';
import { printEditions, type PrintEdition } from './editions.ts';
import { embeddedFontCss } from './fonts.ts';
import { cachedPrintImage } from './print-images.ts';
import { printHeadings, renderPrintHtml, type PrintImage } from './print-html.ts';
import { runPdfJobs, type EngineOptions, type PdfJob } from './pdf-engine.ts';
import { OPTIONAL_FORMATS, type OptionalFormat } from '../../build/build-context.ts';
import { editionsInWords } from '../available.ts';
import type { Problem } from '../../report/problems.ts';

export interface PrintResult {
  editions: Map<string, PublishedEdition[]>;
  printed: number;
  reused: number;
  problems: Problem[];
}

/** Link text by href, so each link annotation in the PDF can describe itself. */
export function linkTexts(report: ParsedReport): Map<string, string> {
  const texts = new Map<string, string>();
  walkInlines(report.document, (node) => {
    if (node.type !== 'link' || texts.has(node.href)) return;
    const text = node.children.map((c) => ('text' in c ? c.text : '')).join('').trim();
    if (text) texts.set(node.href, text);
  });
  return texts;
}

export function editionLabel(edition: PrintEdition, pages: number, bytes: number): string {
  const size = `${pages} ${pages === 1 ? 'page' : 'pages'}, ${fileSize(bytes)}`;
  return edition.kind === 'large-print-pdf' ? `Large print PDF (${edition.fontSizePt} point, ${size})` : `Standard PDF (${size})`;
}

function editionName(edition: PrintEdition): string {
  return edition.kind === 'large-print-pdf' ? `a large print PDF (${edition.fontSizePt} point)` : 'a standard PDF';
}

/** Print-ready images of a report, converted once per file content (see print-images.ts). */
export async function printImagesOf(report: ParsedReport, imageCacheDir: string): Promise<Map<string, PrintImage>> {
  const images = new Map<string, PrintImage>();
  for (const image of imagesIn(report.document)) {
    const where = resolveImage(image.src);
    if ('refused' in where) continue;
    images.set(image.src, await cachedPrintImage(path.join(report.document.folder, where.relative), imageCacheDir));
  }
  return images;
}

export async function makePrintEditions(site: PreparedSite, options: EngineOptions, formats: ReadonlySet<OptionalFormat> = new Set(OPTIONAL_FORMATS)): Promise<PrintResult> {
  const fontCss = await embeddedFontCss();
  const editions = printEditions(site.settings.print.largePrintSizes);
  const planned: Array<{ job: PdfJob; report: ParsedReport; edition: PrintEdition; fileName: string }> = [];
  for (const report of site.reports) {
    const doc = report.document;
    const images = await printImagesOf(report, path.join(options.cacheDir, 'images'));
    const headings = printHeadings(doc);
    for (const edition of editions) {
      const fileName = `${doc.slug}${edition.fileSuffix}.pdf`;
      const html = renderPrintHtml({
        doc, organisation: site.organisation, edition, images, fontCss, siteUrl: site.settings.url,
        otherFormats: [...editions.filter((e) => e !== edition).map(editionName), ...editionsInWords(report, formats, 'print')],
      });
      const job: PdfJob = {
        name: `reports/${doc.slug}/${fileName}`,
        html,
        fixup: {
          title: doc.meta.title, lang: doc.meta.lang, publisher: site.organisation.name, published: doc.meta.published,
          modified: doc.meta.updated ?? doc.meta.published, headings: headings.map((h) => h.text), linkTexts: linkTexts(report),
        },
        expect: { title: doc.meta.title, lang: doc.meta.lang, headings, minFontPt: edition.fontSizePt },
      };
      planned.push({ job, report, edition, fileName });
    }
  }
  const run = await runPdfJobs(planned.map((p) => p.job), options);
  const result: PrintResult = { editions: new Map(), printed: run.printed, reused: run.reused, problems: run.problems };
  for (const { job, report, edition, fileName } of planned) {
    const pdf = run.results.get(job);
    if (!pdf) continue;
    const list = result.editions.get(report.document.slug) ?? [];
    list.push({
      entry: {
        kind: edition.kind, href: fileName, label: editionLabel(edition, pdf.pages, pdf.bytes), mediaType: 'application/pdf',
        bytes: pdf.bytes, pages: pdf.pages, ...(edition.kind === 'large-print-pdf' ? { fontSizePt: edition.fontSizePt } : {}),
      },
      source: pdf.source,
    });
    result.editions.set(report.document.slug, list);
  }
  return result;
}
