/**
 * The EPUB format as an Eleventy plugin: each report as an EPUB 3 ebook, listed in the "Other formats" box and
 * formats.json. It follows two other editions when this build makes them — the standard PDF (its page breaks become
 * the page list) and the audio (its sentence timings become media overlays) — and waits for them; without them the
 * ebook is made without a page list or without overlays. Cached by the hash of everything that goes in.
 */
import type { UserConfig } from '@11ty/eleventy';
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { prepareSite, type PreparedSite } from '../../report/prepare-site.ts';
import type { OptionalFormat } from '../../build/build-context.ts';
import { OPTIONAL_FORMATS } from '../../build/build-context.ts';
import { writeAtomically } from '../../build/write-atomically.ts';
import type { PublishedEdition } from '../manifest.ts';
import { editionsInWords } from '../available.ts';
import { reportPictures } from '../print/print-images.ts';
import { taggedWordsByPage } from '../../engines/pdf/page-words.ts';
import { fileSize } from '../site/filters.ts';
import { makeEpub, type EpubInput } from './make-epub.ts';

export interface EpubPluginOptions {
  contentDir: string;
  includeDrafts?: boolean;
  cacheDir: string;
  log?: (line: string) => void;
  formats?: ReadonlySet<OptionalFormat>;
}

/** Bumped when the book changes in a way the inputs do not show. */
const EPUB_VERSION = 2;

interface Facts { pages: number; pagesFound: number; overlayClips: number; bytes: number }

const hashOf = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export async function epubInputFor(site: PreparedSite, slug: string, cacheDir: string, formats: ReadonlySet<OptionalFormat>): Promise<{ input: EpubInput; key: string }> {
  const report = site.reports.find((r) => r.document.slug === slug)!;
  const doc = report.document;
  const editions = site.editions.get(slug) ?? [];
  const pdf = editions.find((e) => e.entry.kind === 'standard-pdf');
  const pdfBytes = pdf?.source ? await readFile(pdf.source) : undefined;
  const siteUrl = site.settings.url;
  const recorded = site.recordings.get(slug);
  const mp3 = recorded ? await readFile(recorded.mp3) : undefined;
  const pictures = (await reportPictures(doc, path.join(cacheDir, 'pdf', 'images'), [])).standard;
  const input: EpubInput = {
    doc,
    organisation: site.organisation,
    siteUrl,
    otherFormats: editionsInWords(report, formats, 'epub'),
    pictures,
    ...(pdf && pdfBytes ? { standardPdf: { pages: pdf.pageWords ?? (await taggedWordsByPage(pdfBytes)), address: new URL(`reports/${slug}/${pdf.entry.href}`, siteUrl).href } } : {}),
    ...(recorded && mp3 ? { recording: { mp3, sentences: recorded.sentences, cues: recorded.cues, narrator: recorded.narrator } } : {}),
  };
  const key = createHash('sha256').update(JSON.stringify({
    EPUB_VERSION, meta: doc.meta, sections: doc.sections, footnotes: doc.footnotes, organisation: site.organisation, siteUrl,
    otherFormats: input.otherFormats, pictures: [...pictures].map(([src, p]) => [src, p.name]),
    pdf: pdfBytes ? hashOf(pdfBytes) : null, mp3: mp3 ? hashOf(mp3) : null, sentences: recorded?.sentences ?? null, cues: recorded?.cues ?? null, narrator: recorded?.narrator ?? null,
  })).digest('hex').slice(0, 32);
  return { input, key };
}

export async function makeEpubEditions(site: PreparedSite, cacheDir: string, log: (line: string) => void, formats: ReadonlySet<OptionalFormat>): Promise<Map<string, PublishedEdition[]>> {
  const dir = path.join(cacheDir, 'epub');
  await mkdir(dir, { recursive: true });
  const editions = new Map<string, PublishedEdition[]>();
  let made = 0;
  let reused = 0;
  for (const report of site.reports) {
    const slug = report.document.slug;
    const { input, key } = await epubInputFor(site, slug, cacheDir, formats);
    const base = path.join(dir, key);
    let facts: Facts;
    try {
      facts = JSON.parse(await readFile(`${base}.json`, 'utf8')) as Facts;
      await readFile(`${base}.epub`);
      reused++;
    } catch {
      const book = await makeEpub(input);
      facts = { pages: book.pages, pagesFound: book.pagesFound, overlayClips: book.overlayClips, bytes: book.bytes.length };
      await writeAtomically(`${base}.epub`, book.bytes);
      await writeAtomically(`${base}.json`, JSON.stringify(facts));
      made++;
      if (book.pages > book.pagesFound) log(`  EPUB of ${slug}: ${book.pages - book.pagesFound} of ${book.pages} PDF pages (such as the contents page) are not in the ebook's text; their page-list entries point at the next page`);
    }
    const audio = facts.overlayClips > 0 ? ', with the audio highlighted as it plays' : '';
    editions.set(slug, [{
      entry: { kind: 'epub', href: `${slug}.epub`, label: `EPUB ebook${audio} (${fileSize(facts.bytes)})`, mediaType: 'application/epub+zip', ...(facts.pages ? { pages: facts.pages } : {}) },
      source: `${base}.epub`,
    }]);
  }
  if (made + reused) log(`EPUB: made ${made}, reused ${reused}`);
  return editions;
}

export function reportEpub(eleventyConfig: UserConfig, options: EpubPluginOptions): void {
  eleventyConfig.on('eleventy.before', async () => {
    const site = await prepareSite(options.contentDir, { includeDrafts: Boolean(options.includeDrafts) });
    const formats = options.formats ?? new Set(OPTIONAL_FORMATS);
    // The page list follows the standard PDF and the overlays follow the audio: wait for the ones this build makes.
    await Promise.all((['print', 'audio'] as const).filter((f) => formats.has(f)).map((f) => site.milestones.reached(f)));
    const editions = await makeEpubEditions(site, options.cacheDir, options.log ?? ((line) => console.log(line)), formats);
    for (const [slug, list] of editions) site.editions.set(slug, [...(site.editions.get(slug) ?? []), ...list]);
  });
}
