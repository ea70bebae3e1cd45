/**
 * The EPUB format as an Eleventy plugin: each report as an EPUB 3 ebook, listed in the "Other formats" box and
 * formats.json. It follows two other editions when this build makes them — the standard PDF (its page breaks become
 * the page list) and the audio (its sentence timings become media overlays) — and waits for them; without them the
 * ebook is made without a page list or without overlays. Cached by the hash of everything that goes in.
 */
import type { UserConfig } from '@11ty/eleventy';
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { prepareSite, type PreparedSite } from '../../report/prepare-site.ts';
import { OPTIONAL_FORMATS, type OptionalFormat } from '../../build/build-context.ts';
import { writeAtomically } from '../../build/write-atomically.ts';
import type { PublishedEdition } from '../manifest.ts';
import { editionsInWords } from '../available.ts';
import { reportPictures } from '../print/print-images.ts';
import { fileSize } from '../site/filters.ts';
import { makeEpub, type EpubInput } from './make-epub.ts';
import { taggedContent } from '../../engines/pdf/cached-page-words.ts';

export interface EpubPluginOptions {
  contentDir: string;
  includeDrafts?: boolean;
  cacheDir: string;
  log?: (line: string) => void;
  formats?: ReadonlySet<OptionalFormat>;
}

/** Bumped when the book changes in a way the inputs do not show. */
const EPUB_VERSION = 2;

interface Facts {
  pages: number;
  pagesFound: number;
  overlayClips: number;
  bytes: number;
}

/**
 * The EPUB's inputs, and the cache key that stands for them. The standard PDF and the MP3 are files in the build's
 * cache named by the hash of what made them, so their names stand for their content: they are read only when the
 * book is made, not on every build to be hashed again.
 */
export async function epubInputFor(
  site: PreparedSite,
  slug: string,
  cacheDir: string,
  formats: ReadonlySet<OptionalFormat>,
): Promise<{ input: () => Promise<EpubInput>; key: string }> {
  const report = site.reports.find((r) => r.document.slug === slug)!;
  const doc = report.document;
  const pdf = (site.editions.get(slug) ?? []).find((e) => e.entry.kind === 'standard-pdf');
  const siteUrl = site.settings.url;
  const recorded = site.recordings.get(slug);
  const pictures = (await reportPictures(doc, path.join(cacheDir, 'pdf', 'images'), [])).standard;
  const otherFormats = editionsInWords(report, formats, 'epub');
  const cacheName = async (file: string | undefined): Promise<string | null> =>
    file ? `${path.basename(file)}:${(await stat(file)).size}` : null;
  const key = createHash('sha256')
    .update(
      JSON.stringify({
        EPUB_VERSION,
        meta: doc.meta,
        sections: doc.sections,
        footnotes: doc.footnotes,
        organisation: site.organisation,
        siteUrl,
        otherFormats,
        pictures: [...pictures].map(([src, p]) => [src, p.name]),
        pdf: await cacheName(pdf?.source),
        mp3: await cacheName(recorded?.mp3),
        sentences: recorded?.sentences ?? null,
        cues: recorded?.cues ?? null,
        narrator: recorded?.narrator ?? null,
      }),
    )
    .digest('hex')
    .slice(0, 32);
  const input = async (): Promise<EpubInput> => ({
    doc,
    organisation: site.organisation,
    siteUrl,
    otherFormats,
    pictures,
    ...(pdf?.source
      ? {
          standardPdf: {
            pages: (await taggedContent(pdf.source, pdf.tagged)).pageWords,
            address: new URL(`reports/${slug}/${pdf.entry.href}`, siteUrl).href,
          },
        }
      : {}),
    ...(recorded
      ? {
          recording: {
            mp3: await readFile(recorded.mp3),
            sentences: recorded.sentences,
            cues: recorded.cues,
            narrator: recorded.narrator,
          },
        }
      : {}),
  });
  return { input, key };
}

export async function makeEpubEditions(
  site: PreparedSite,
  cacheDir: string,
  log: (line: string) => void,
  formats: ReadonlySet<OptionalFormat>,
): Promise<Map<string, PublishedEdition[]>> {
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
      const book = await makeEpub(await input());
      facts = {
        pages: book.pages,
        pagesFound: book.pagesFound,
        overlayClips: book.overlayClips,
        bytes: book.bytes.length,
      };
      await writeAtomically(`${base}.epub`, book.bytes);
      await writeAtomically(`${base}.json`, JSON.stringify(facts));
      made++;
      if (book.pages > book.pagesFound)
        log(
          `  EPUB of ${slug}: ${book.pages - book.pagesFound} of ${book.pages} PDF pages (such as the contents page) are not in the ebook's text; their page-list entries point at the next page`,
        );
    }
    const audio = facts.overlayClips > 0 ? ', with the audio highlighted as it plays' : '';
    editions.set(slug, [
      {
        entry: {
          kind: 'epub',
          href: `${slug}.epub`,
          label: `EPUB ebook${audio} (${fileSize(facts.bytes)})`,
          mediaType: 'application/epub+zip',
          ...(facts.pages ? { pages: facts.pages } : {}),
        },
        source: `${base}.epub`,
      },
    ]);
  }
  if (made + reused) log(`EPUB: made ${made}, reused ${reused}`);
  return editions;
}

export function reportEpub(eleventyConfig: UserConfig, options: EpubPluginOptions): void {
  eleventyConfig.on('eleventy.before', async () => {
    const site = await prepareSite(options.contentDir, { includeDrafts: Boolean(options.includeDrafts) });
    const formats = options.formats ?? new Set(OPTIONAL_FORMATS);
    // The page list follows the standard PDF and the overlays follow the audio: wait for the ones this build makes.
    await Promise.all(
      (['print', 'audio'] as const).filter((f) => formats.has(f)).map((f) => site.milestones.reached(f)),
    );
    const editions = await makeEpubEditions(
      site,
      options.cacheDir,
      options.log ?? ((line) => console.log(line)),
      formats,
    );
    for (const [slug, list] of editions) site.editions.set(slug, [...(site.editions.get(slug) ?? []), ...list]);
  });
}
