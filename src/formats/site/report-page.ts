/**
 * What a report page shows, as plain data for the layout: made from the parsed report, its processed images and its
 * planned formats manifest.
 */
import type { MarkdownIt } from 'markdown-it';
import type { ParsedReport } from '../../report/parse-report.ts';
import type { Change } from '../../report/front-matter.ts';
import { planManifest, type FormatEntry } from '../manifest.ts';
import { renderReportBody } from './render-html.ts';
import { tableOfContents, type TocEntry } from './toc.ts';
import type { ProcessedImage } from './images.ts';
import { changesNewestFirst } from '../../report/front-matter.ts';

export interface ReportPage {
  slug: string;
  url: string;
  title: string;
  summary: string;
  lang: string;
  published: string;
  updated?: string;
  /** Newest first. */
  changes: Change[];
  toc: TocEntry[];
  body: string;
  /** Every edition of the report, this web page first. */
  formats: FormatEntry[];
  hasEasyRead: boolean;
}

export function reportPage(
  md: MarkdownIt,
  report: ParsedReport,
  images: ReadonlyMap<string, ProcessedImage>,
  editions: readonly FormatEntry[] = [],
): ReportPage {
  const { meta, slug, headings } = report.document;
  return {
    slug,
    url: `/reports/${slug}/`,
    title: meta.title,
    summary: meta.summary,
    lang: meta.lang,
    published: meta.published,
    ...(meta.updated ? { updated: meta.updated } : {}),
    changes: changesNewestFirst(meta.changes),
    toc: tableOfContents(headings),
    body: renderReportBody(md, report, images),
    formats: planManifest(report.document, editions).formats,
    hasEasyRead: editions.some((e) => e.kind === 'easy-read-html'),
  };
}
