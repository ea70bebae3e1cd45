/**
 * The formats manifest: the one place where formats meet. Each built report gets reports/<slug>/formats.json listing
 * every edition made of it; the "Other formats" box, feeds and tests read it. A renderer never reads another's output.
 */
import type { TaggedLoader } from '../engines/pdf/cached-page-words.ts';
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReportDocument } from '../report/model.ts';
import { withConformance, type ConformanceRecord } from './conformance.ts';

/** Fixed list of kinds, in the order readers see them in the "Other formats" box. */
export const FORMAT_KINDS = [
  'html',
  'large-print-pdf',
  'standard-pdf',
  'braille-brf',
  'epub',
  'easy-read-html',
  'easy-read-pdf',
  'easy-read-mp3',
  'easy-read-vtt',
  'audio-mp3',
  'audio-vtt',
  'audio-script',
  'audio-ssml',
] as const;
export type FormatKind = (typeof FORMAT_KINDS)[number];

export interface FormatEntry {
  kind: FormatKind;
  /** Relative to the report's folder, or starting with "/". */
  href: string;
  /** What readers see in the "Other formats" box. */
  label: string;
  mediaType: string;
  /** Size of the file, filled in once it is written. */
  bytes?: number;
  /** PDFs: number of pages. */
  pages?: number;
  /** Large print: body text size in points. */
  fontSizePt?: number;
  /** Braille: Unified English Braille grade (2 contracted, 1 uncontracted), and braille pages. */
  grade?: 1 | 2;
  braillePages?: number;
  /** Audio: length, and where each chapter starts. */
  durationSeconds?: number;
  chapters?: Array<{ title: string; startSeconds: number }>;
  /** A page of the site that presents this edition (the audio player), linked from the "Other formats" box. */
  page?: string;
  /** Braille: the share of the report's words that come back when the file is translated back to print. */
  roundTrip?: number;
  /** What the edition aims at and what was checked on it (conformance.ts). */
  conformance?: ConformanceRecord;
}

/** An edition a format plugin made for a report: its manifest entry and the file to publish at entry.href. */
export interface PublishedEdition {
  entry: FormatEntry;
  /** Absolute path of the finished file (often in the cache), put into the site; none for pages Eleventy writes. */
  source?: string;
  /** PDFs: each page's words and figure alt texts as the tag tree reads them, from the read-back (the EPUB's page list and the parity check follow them). */
  tagged?: TaggedLoader;
}

export interface FormatsManifest {
  slug: string;
  title: string;
  lang: string;
  published: string;
  updated?: string;
  changes: Array<{ date: string; summary: string }>;
  formats: FormatEntry[];
}

/** The order readers see editions in: by kind (FORMAT_KINDS), then by file. */
export function byKind(a: FormatEntry, b: FormatEntry): number {
  return FORMAT_KINDS.indexOf(a.kind) - FORMAT_KINDS.indexOf(b.kind) || a.href.localeCompare(b.href);
}

/** The formats a report will have (before they are written). Format plugins add their entries through `extra`. */
export function planManifest(doc: ReportDocument, extra: readonly FormatEntry[] = []): FormatsManifest {
  return {
    slug: doc.slug,
    title: doc.meta.title,
    lang: doc.meta.lang,
    published: doc.meta.published,
    ...(doc.meta.updated ? { updated: doc.meta.updated } : {}),
    changes: doc.meta.changes,
    // Format plugins finish in any order: list editions in the fixed order of kinds, so the manifest is stable.
    formats: [
      { kind: 'html' as const, href: './', label: 'Web page', mediaType: 'text/html' },
      ...[...extra].sort(byKind),
    ].map(withConformance),
  };
}

/** The file an href names, inside the built site. */
export function fileForHref(siteDir: string, slug: string, href: string): string {
  const base = href.startsWith('/') ? path.join(siteDir, href) : path.join(siteDir, 'reports', slug, href);
  return href.endsWith('/') ? path.join(base, 'index.html') : base;
}

/** Fills in each format's size from the written files and writes formats.json. A missing file is a build error. */
export async function writeManifest(siteDir: string, manifest: FormatsManifest): Promise<FormatsManifest> {
  const formats = await Promise.all(
    manifest.formats.map(async (format) => {
      const file = fileForHref(siteDir, manifest.slug, format.href);
      const info = await stat(file).catch(() => undefined);
      if (!info)
        throw new Error(`The ${format.kind} edition of "${manifest.slug}" was not written (expected ${file}).`);
      return { ...format, bytes: info.size };
    }),
  );
  const complete = { ...manifest, formats };
  await writeFile(
    path.join(siteDir, 'reports', manifest.slug, 'formats.json'),
    `${JSON.stringify(complete, null, 2)}\n`,
  );
  return complete;
}
