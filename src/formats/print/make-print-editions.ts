/**
 * Plans the print editions of every report (large print at each configured size, and the standard PDF) and hands
 * them to the PDF engine; returns each report's editions for the manifest and the "Other formats" box.
 */
import path from 'node:path';
import type { PreparedSite } from '../../report/prepare-site.ts';
import type { ParsedReport } from '../../report/parse-report.ts';
import { fileSize } from '../site/filters.ts';
import type { PublishedEdition } from '../manifest.ts';
import { printEditions, type PrintEdition } from './editions.ts';
import { printLinkTexts, reportPrintHeadings, reportPrintModel } from './print-model.ts';
import { reportPictures } from './print-images.ts';
import { virtualFiles } from '../../engines/pdf/print-images.ts';
import {
  cachedPdf,
  runPdfJobs,
  type EngineOptions,
  type PdfResult,
  type SourcedPdfJob,
} from '../../engines/pdf/pdf-engine.ts';
import { planKey, PrintPlans } from './print-plans.ts';
import { OPTIONAL_FORMATS, type OptionalFormat } from '../../build/build-context.ts';
import { editionsInWords } from '../available.ts';
import type { Problem } from '../../report/problems.ts';

interface Planned {
  sourced: SourcedPdfJob;
  report: ParsedReport;
  edition: PrintEdition;
  fileName: string;
  /** Its plan key (print-plans.ts). */
  key: string;
}

export interface PrintResult {
  editions: Map<string, PublishedEdition[]>;
  made: number;
  reused: number;
  problems: Problem[];
}

export function editionLabel(edition: PrintEdition, pages: number, bytes: number): string {
  const size = `${pages} ${pages === 1 ? 'page' : 'pages'}, ${fileSize(bytes)}`;
  return edition.kind === 'large-print-pdf'
    ? `Large print PDF (${edition.fontSizePt} point, ${size})`
    : `Standard PDF (${size})`;
}

function editionName(edition: PrintEdition): string {
  return edition.kind === 'large-print-pdf' ? `a large print PDF (${edition.fontSizePt} point)` : 'a standard PDF';
}

export async function makePrintEditions(
  site: PreparedSite,
  options: EngineOptions,
  formats: ReadonlySet<OptionalFormat> = new Set(OPTIONAL_FORMATS),
): Promise<PrintResult> {
  const editions = printEditions(site.settings.print.largePrintSizes);
  const largePrintSizes = editions.filter((e) => e.kind === 'large-print-pdf').map((e) => e.fontSizePt);
  const plans = new PrintPlans(path.join(options.cacheDir, 'plans'));
  const planned: Planned[] = [];
  const reusedByPlan: Array<Omit<Planned, 'sourced'> & { pdf: PdfResult }> = [];
  const problems: Problem[] = [];
  for (const report of site.reports) {
    const doc = report.document;
    const pictures = await reportPictures(doc, path.join(options.cacheDir, 'images'), largePrintSizes);
    problems.push(...pictures.problems);
    for (const edition of editions) {
      const fileName = `${doc.slug}${edition.fileSuffix}.pdf`;
      const images = edition.kind === 'large-print-pdf' ? pictures.largePrint : pictures.standard;
      const otherFormats = [
        ...editions.filter((e) => e !== edition).map(editionName),
        ...editionsInWords(report, formats, 'print'),
      ];
      const sourceEdition =
        edition.kind === 'large-print-pdf' ? `large-print PDF (${edition.fontSizePt} point)` : 'standard PDF';
      const key = await planKey([
        report.source,
        doc.file,
        site.organisation,
        site.settings.url,
        edition,
        otherFormats,
        [...images],
      ]);
      const known = await plans.find(key);
      const hit = known ? await cachedPdf(known, { source: doc.file, edition: sourceEdition }) : undefined;
      if (hit) {
        problems.push(...hit.problems);
        reusedByPlan.push({ report, edition, fileName, key, pdf: hit.result });
        continue;
      }
      const model = reportPrintModel({
        doc,
        organisation: site.organisation,
        edition,
        images,
        siteUrl: site.settings.url,
        otherFormats,
      });
      const sourced: SourcedPdfJob = {
        source: doc.file,
        edition: sourceEdition,
        job: {
          name: `reports/${doc.slug}/${fileName}`,
          template: 'report.typ',
          model,
          images: virtualFiles(images.values()),
          finish: {
            modified: doc.meta.updated ?? doc.meta.published,
            linkTexts: printLinkTexts([...model.body, ...model.notes.flatMap((n) => n.blocks)]),
          },
          expect: {
            title: doc.meta.title,
            lang: doc.meta.lang,
            headings: reportPrintHeadings(model),
            minFontPt: edition.fontSizePt,
          },
        },
      };
      planned.push({ sourced, report, edition, fileName, key });
    }
  }
  if (problems.some((p) => p.severity === 'error')) return { editions: new Map(), made: 0, reused: 0, problems };
  const run = await runPdfJobs(
    planned.map((p) => p.sourced),
    { ...options, reusedBeforehand: reusedByPlan.length },
  );
  const result: PrintResult = {
    editions: new Map(),
    made: run.made,
    reused: run.reused + reusedByPlan.length,
    problems: [...problems, ...run.problems],
  };
  const made = planned.flatMap((p) => {
    const pdf = run.results.get(p.sourced.job);
    return pdf ? [{ ...p, pdf }] : [];
  });
  await Promise.all(made.map((p) => plans.remember(p.key, p.pdf.source)));
  // Editions in the order planned: per report, large print first.
  const order = (r: ParsedReport, e: PrintEdition): number =>
    site.reports.indexOf(r) * editions.length + editions.indexOf(e);
  for (const { report, edition, fileName, pdf } of [...made, ...reusedByPlan].sort(
    (a, b) => order(a.report, a.edition) - order(b.report, b.edition),
  )) {
    const list = result.editions.get(report.document.slug) ?? [];
    list.push({
      entry: {
        kind: edition.kind,
        href: fileName,
        label: editionLabel(edition, pdf.pages, pdf.bytes),
        mediaType: 'application/pdf',
        bytes: pdf.bytes,
        pages: pdf.pages,
        ...(edition.kind === 'large-print-pdf' ? { fontSizePt: edition.fontSizePt } : {}),
      },
      source: pdf.source,
      tagged: pdf.tagged,
    });
    result.editions.set(report.document.slug, list);
  }
  return result;
}
