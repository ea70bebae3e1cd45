/**
 * A report as an EPUB 3 publication, accessible by the book (EPUB Accessibility 1.1; ../shared/FORMATS.md): one XHTML
 * file per section, a navigation document with contents, landmarks and a page list taken from the standard PDF's page
 * breaks, accessibility metadata, the site's font with a stylesheet a reading app can override, and — when the report
 * has a recording — media overlays that play it with each sentence highlighted. The same input gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Block, ReportDocument, Section } from '../../report/model.ts';
import type { Organisation } from '../../report/site-data.ts';
import { noteAnchor, sentenceAnchor, TITLE_ANCHOR } from '../../report/anchors.ts';
import { escapeXml } from '../../build/escape.ts';
import { readableDate } from '../site/filters.ts';
import { listInWords } from '../available.ts';
import type { SentenceChapter } from '../audio/sentences.ts';
import type { Cue } from '../audio/render-audio.ts';
import { XhtmlWriter, type BookImage } from './xhtml.ts';
import { locatePageStarts } from './page-list.ts';
import { zip, type ZipEntry } from './zip.ts';
import { changesNewestFirst } from '../../report/front-matter.ts';

const require = createRequire(import.meta.url);

export interface EpubPicture {
  file: string;
  name: string;
  width: number;
  height: number;
}

export interface EpubRecording {
  mp3: Uint8Array;
  sentences: readonly SentenceChapter[];
  cues: readonly Cue[];
  /** Who reads it: "Flite rms (a synthetic voice)". */
  narrator: string;
}

export interface EpubInput {
  doc: ReportDocument;
  organisation: Organisation;
  siteUrl?: string;
  /** Other editions, in words. */
  otherFormats: readonly string[];
  /** Pictures by their src in the Markdown (the print-ready conversions). */
  pictures: ReadonlyMap<string, EpubPicture>;
  /** The standard PDF, whose pages the page list follows, and where it is published. */
  standardPdf?: { pages: ReadonlyArray<readonly string[]>; address: string };
  recording?: EpubRecording;
}

export interface EpubBook {
  bytes: Buffer;
  /** Entries of the page list, and how many were placed by their own first words. */
  pages: number;
  pagesFound: number;
  /** Sentences and other pieces of the recording tied to the text. */
  overlayClips: number;
  sections: number;
}

interface Part {
  file: string;
  title: string;
  /** epub:type and role of the part's section element. */
  type: string;
  role?: string;
  landmark?: { type: string; label: string };
  /** The report section the part holds (the title page, notes and changes hold none). */
  section?: Section;
  body: (w: XhtmlWriter) => string;
}

const FONT_FILES = ['latin-400-normal', 'latin-700-normal', 'latin-ext-400-normal', 'latin-ext-700-normal'].map(
  (f) => `atkinson-hyperlegible-${f}.woff2`,
);
const ACTIVE_CLASS = 'being-read';

/** A stylesheet of relative sizes and few colours, so a reading app's own text size, fonts and themes win. */
function stylesheet(): string {
  const faces = FONT_FILES.map((file) => {
    const weight = file.includes('700') ? 700 : 400;
    return `@font-face { font-family: "Atkinson Hyperlegible"; font-style: normal; font-weight: ${weight}; src: url("fonts/${file}") format("woff2"); }`;
  });
  return `${faces.join('\n')}
body { font-family: "Atkinson Hyperlegible", sans-serif; line-height: 1.5; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; }
img { max-width: 100%; height: auto; }
figure { margin: 1em 0; }
figcaption { font-weight: bold; }
table { border-collapse: collapse; margin: 1em 0; }
caption { font-weight: bold; text-align: left; padding-bottom: 0.25em; }
th, td { border: 1px solid; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
.align-right { text-align: right; }
.align-center { text-align: center; }
blockquote { margin: 1em 0 1em 1.5em; }
.callout { border: 2px solid; padding: 0 0.8em; margin: 1em 0; }
.${ACTIVE_CLASS} { background-color: #fff3a8; color: #000; }
`;
}

function xhtmlDocument(lang: string, title: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${lang}" xml:lang="${lang}">
<head>
<meta charset="UTF-8"/>
<title>${escapeXml(title)}</title>
<link rel="stylesheet" type="text/css" href="book.css"/>
</head>
<body>
${body}
</body>
</html>
`;
}

/** 83.4567 → "0:01:23.457" (SMIL clock value). */
export function clockValue(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h}:${String(m).padStart(2, '0')}:${s.toFixed(3).padStart(6, '0')}`;
}

/** A stable identifier for the publication: the same report at the same address keeps it across builds. */
function identifier(doc: ReportDocument, siteUrl: string | undefined): string {
  const hex = createHash('sha1')
    .update(`${siteUrl ?? ''}|${doc.slug}`)
    .digest('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

function headingsIn(blocks: readonly Block[]): Array<{ level: number; id: string; text: string }> {
  return blocks.flatMap((b) => (b.type === 'heading' ? [{ level: b.level, id: b.id, text: b.text }] : []));
}

function parts(input: EpubInput): Part[] {
  const { doc, organisation: org } = input;
  const dates = [
    `Published ${readableDate(doc.meta.published)}`,
    ...(doc.meta.updated ? [`updated ${readableDate(doc.meta.updated)}`] : []),
  ].join(', ');
  // Each way to reach the organisation, as a link where a reading app can follow one.
  const routes = (w: XhtmlWriter): string[] => [
    w.text(`Phone: ${org.phone}${org.hours ? ` (${org.hours})` : ''}`),
    ...(org.text ? [w.text(`Text: ${org.text}`)] : []),
    `${w.text('Email: ')}<a href="mailto:${escapeXml(org.email)}">${w.text(org.email)}</a>`,
    w.text(`Post: ${org.address.join(', ')}`),
    `${w.text('Web: ')}<a href="${escapeXml(org.website)}">${w.text(org.website.replace(/^https?:\/\//, '').replace(/\/$/, ''))}</a>`,
  ];
  const list: Part[] = [
    {
      file: 'title.xhtml',
      title: doc.meta.title,
      type: 'titlepage',
      landmark: { type: 'titlepage', label: 'Title page' },
      body: (w) =>
        [
          w.heading(1, TITLE_ANCHOR, [{ type: 'text', text: doc.meta.title }]),
          `<p>${w.text(org.name)}</p>`,
          `<p>${w.text(`${dates}.`)}</p>`,
          `<p>${w.text(doc.meta.summary)}</p>`,
          '<section aria-labelledby="other-formats">',
          `<h2 id="other-formats">${w.text('Other formats')}</h2>`,
          ...(input.otherFormats.length
            ? [`<p>${w.text(`This report is also available as ${listInWords(input.otherFormats)}.`)}</p>`]
            : []),
          `<p>${w.text(`To ask for it in another format, such as braille, audio, easy read or another language, contact ${org.name}:`)}</p>`,
          `<ul>${routes(w)
            .map((r) => `<li>${r}</li>`)
            .join('')}</ul>`,
          '</section>',
        ].join('\n'),
    },
  ];
  let number = 0;
  doc.sections.forEach((section, s) => {
    if (!section.heading) {
      if (!section.blocks.length) return;
      list.push({
        file: 'introduction.xhtml',
        title: 'Introduction',
        type: 'introduction',
        role: 'doc-introduction',
        section,
        body: (w) => `<h2 id="introduction">${w.text('Introduction')}</h2>\n${w.blocks(section.blocks, [s])}`,
      });
      return;
    }
    number++;
    const heading = section.heading;
    list.push({
      file: `section-${number}.xhtml`,
      title: heading.text,
      type: 'chapter',
      role: 'doc-chapter',
      ...(number === 1 ? { landmark: { type: 'bodymatter', label: 'Start of the report' } } : {}),
      section,
      body: (w) => `${w.heading(2, heading.id, heading.content)}\n${w.blocks(section.blocks, [s])}`,
    });
  });
  if (doc.footnotes.length) {
    list.push({
      file: 'notes.xhtml',
      title: 'Notes',
      type: 'endnotes',
      role: 'doc-endnotes',
      landmark: { type: 'endnotes', label: 'Notes' },
      body: (w) => {
        const items = doc.footnotes.map((note) => {
          const back = w.noteReferences.get(note.number);
          const backLink = back
            ? `<p><a role="doc-backlink" href="${back.file}#${back.id}">${w.text('Back to the text')}</a></p>`
            : '';
          return `<li${w.anchor(noteAnchor(note.number))}>${w.blocks(note.blocks, [`n${note.number}`])}${backLink}</li>`;
        });
        return `<h2 id="notes">${w.text('Notes')}</h2>\n<ol>${items.join('\n')}</ol>`;
      },
    });
  }
  if (doc.meta.changes.length) {
    const changes = changesNewestFirst(doc.meta.changes);
    list.push({
      file: 'changes.xhtml',
      title: 'Changes to this report',
      type: 'appendix',
      role: 'doc-appendix',
      body: (w) =>
        `<h2 id="changes">${w.text('Changes to this report')}</h2>\n<ul>${changes.map((c) => `<li>${w.text(`${readableDate(c.date)}: ${c.summary}`)}</li>`).join('')}</ul>`,
    });
  }
  return list;
}

function render(list: readonly Part[], writer: XhtmlWriter): string[] {
  return list.map((part) => {
    writer.file = part.file;
    return part.body(writer);
  });
}

interface Overlay {
  file: string;
  smil: string;
  id: string;
  seconds: number;
  clips: number;
}

/** SMIL files tying each sentence (or, where sentences differ, each paragraph) to its stretch of the recording. */
function overlays(recording: EpubRecording, writer: XhtmlWriter, lang: string): Overlay[] {
  const timing = new Map(recording.cues.map((c) => [c.id, c]));
  const pars = new Map<string, Array<{ target: string; begin: number; end: number }>>();
  for (const chapter of recording.sentences) {
    chapter.paragraphs.forEach((sentences, i) => {
      const anchor = chapter.anchors[i];
      const file = anchor ? writer.fileOfAnchor.get(anchor) : undefined;
      if (!anchor || !file) return;
      const clips = sentences.map((s) => timing.get(s.id)).filter((c): c is Cue => c !== undefined);
      if (clips.length !== sentences.length || !clips.length) return;
      const list = pars.get(file) ?? [];
      if (writer.sentenceSpans.get(anchor) === sentences.length) {
        clips.forEach((c, n) =>
          list.push({ target: sentenceAnchor(anchor, n + 1), begin: c.startSeconds, end: c.endSeconds }),
        );
      } else {
        list.push({ target: anchor, begin: clips[0]!.startSeconds, end: clips.at(-1)!.endSeconds });
      }
      pars.set(file, list);
    });
  }
  return [...pars].map(([file, list]) => {
    const id = `mo-${file.replace(/\.xhtml$/, '')}`;
    const body = list.map(
      (p, n) =>
        `<par id="par${n + 1}"><text src="${file}#${escapeXml(p.target)}"/><audio src="audio/report.mp3" clipBegin="${clockValue(p.begin)}" clipEnd="${clockValue(p.end)}"/></par>`,
    );
    const smil = `<?xml version="1.0" encoding="UTF-8"?>
<smil xmlns="http://www.w3.org/ns/SMIL" xmlns:epub="http://www.idpf.org/2007/ops" version="3.0" xml:lang="${lang}">
<body>
<seq id="seq1" epub:textref="${file}">
${body.join('\n')}
</seq>
</body>
</smil>
`;
    // Each clip's length as written (milliseconds), so the durations in the package add up exactly.
    const seconds = list.reduce((sum, p) => sum + (Math.round(p.end * 1000) - Math.round(p.begin * 1000)), 0) / 1000;
    return { file: file.replace(/\.xhtml$/, '.smil'), smil, id, seconds, clips: list.length };
  });
}

function navigation(input: EpubInput, list: readonly Part[], pages: ReadonlyMap<number, string>): string {
  const { doc } = input;
  const a = (href: string, text: string, type?: string): string =>
    `<a${type ? ` epub:type="${type}"` : ''} href="${escapeXml(href)}">${escapeXml(text)}</a>`;
  const toc = list.map((part) => {
    const inner = part.section?.heading ? headingsIn(part.section.blocks).filter((h) => h.level === 3) : [];
    const nested = inner.length
      ? `<ol>${inner.map((h) => `<li>${a(`${part.file}#${h.id}`, h.text)}</li>`).join('')}</ol>`
      : '';
    return `<li>${a(part.file, part.title)}${nested}</li>`;
  });
  const landmarks = [
    `<li>${a('nav.xhtml#toc', 'Contents', 'toc')}</li>`,
    ...list.filter((p) => p.landmark).map((p) => `<li>${a(p.file, p.landmark!.label, p.landmark!.type)}</li>`),
  ];
  const pageList = [...pages]
    .sort(([x], [y]) => x - y)
    .map(([page, file]) => `<li>${a(`${file}#page-${page}`, String(page))}</li>`);
  const body = [
    `<nav epub:type="toc" id="toc" role="doc-toc" aria-labelledby="toc-heading"><h1 id="toc-heading">Contents</h1><ol>${toc.join('\n')}</ol></nav>`,
    `<nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-heading" hidden=""><h2 id="landmarks-heading">Landmarks</h2><ol>${landmarks.join('')}</ol></nav>`,
    ...(pageList.length
      ? [
          `<nav epub:type="page-list" id="page-list" role="doc-pagelist" aria-labelledby="pages-heading" hidden=""><h2 id="pages-heading">Pages</h2><ol>${pageList.join('')}</ol></nav>`,
        ]
      : []),
  ];
  return xhtmlDocument(doc.meta.lang, `Contents – ${doc.meta.title}`, body.join('\n'));
}

interface ManifestItem {
  id: string;
  href: string;
  type: string;
  properties?: string;
  overlay?: string;
}

function packageDocument(
  input: EpubInput,
  items: readonly ManifestItem[],
  spine: readonly string[],
  features: readonly string[],
  media: { overlays: readonly Overlay[]; narrator?: string },
): string {
  const { doc, organisation: org } = input;
  const m = (property: string, value: string, extra = ''): string =>
    `<meta property="${property}"${extra}>${escapeXml(value)}</meta>`;
  const visual = input.pictures.size > 0;
  const summary = [
    'Structured with headings, a table of contents, landmarks',
    input.standardPdf ? ' and a page list matching the standard PDF edition' : '',
    '. ',
    visual ? 'Every picture has a text description. ' : '',
    'Tables have header cells. ',
    media.overlays.length
      ? `The report can be listened to with its text highlighted sentence by sentence, read by ${media.narrator ?? 'a synthetic voice'}. `
      : '',
    'No flashing, motion or sound hazards.',
  ].join('');
  const total = media.overlays.reduce((sum, o) => sum + Math.round(o.seconds * 1000), 0) / 1000;
  const metadata = [
    `<dc:identifier id="uid">${identifier(doc, input.siteUrl)}</dc:identifier>`,
    `<dc:title>${escapeXml(doc.meta.title)}</dc:title>`,
    `<dc:language>${escapeXml(doc.meta.lang)}</dc:language>`,
    `<dc:creator>${escapeXml(org.name)}</dc:creator>`,
    `<dc:publisher>${escapeXml(org.name)}</dc:publisher>`,
    `<dc:date>${doc.meta.published}</dc:date>`,
    `<dc:description>${escapeXml(doc.meta.summary)}</dc:description>`,
    m('dcterms:modified', `${doc.meta.updated ?? doc.meta.published}T00:00:00Z`),
    ...(input.standardPdf
      ? [
          `<dc:source>${escapeXml(input.standardPdf.address)}</dc:source>`,
          m('pageBreakSource', input.standardPdf.address),
        ]
      : []),
    m('schema:accessMode', 'textual'),
    ...(visual ? [m('schema:accessMode', 'visual')] : []),
    ...(media.overlays.length ? [m('schema:accessMode', 'auditory')] : []),
    m('schema:accessModeSufficient', 'textual'),
    ...features.map((f) => m('schema:accessibilityFeature', f)),
    m('schema:accessibilityHazard', 'none'),
    m('schema:accessibilitySummary', summary),
    m('dcterms:conformsTo', 'EPUB Accessibility 1.1 - WCAG 2.2 Level AA', ' id="conformance"'),
    m('a11y:certifiedBy', org.name, ' refines="#conformance"'),
    ...(media.overlays.length
      ? [
          m('media:duration', clockValue(total)),
          ...media.overlays.map((o) => m('media:duration', clockValue(o.seconds), ` refines="#${o.id}"`)),
          m('media:active-class', ACTIVE_CLASS),
          ...(media.narrator ? [m('media:narrator', media.narrator)] : []),
        ]
      : []),
  ];
  const manifest = items.map(
    (i) =>
      `<item id="${i.id}" href="${escapeXml(i.href)}" media-type="${i.type}"${i.properties ? ` properties="${i.properties}"` : ''}${i.overlay ? ` media-overlay="${i.overlay}"` : ''}/>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="${escapeXml(doc.meta.lang)}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
${metadata.join('\n')}
</metadata>
<manifest>
${manifest.join('\n')}
</manifest>
<spine>
${spine.map((id) => `<itemref idref="${id}"/>`).join('\n')}
</spine>
</package>
`;
}

const CONTAINER = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
`;

export async function makeEpub(input: EpubInput): Promise<EpubBook> {
  const { doc } = input;
  const list = parts(input);
  const fileOfHeading = new Map(
    list.flatMap((part) =>
      (part.section
        ? [...(part.section.heading ? [part.section.heading] : []), ...headingsIn(part.section.blocks)]
        : []
      ).map((h) => [h.id, part.file] as const),
    ),
  );
  const images = new Map<string, BookImage>();
  for (const [src, picture] of input.pictures)
    images.set(src, { href: `images/${picture.name}`, width: picture.width, height: picture.height });
  const options = { doc, siteUrl: input.siteUrl, fileOfHeading, notesFile: 'notes.xhtml', images };

  // Two passes: the first counts the words, so the second can put each page's marker before the word it starts at.
  const counting = new XhtmlWriter(options);
  render(list, counting);
  const located = input.standardPdf ? locatePageStarts(counting.words, input.standardPdf.pages) : undefined;
  const writer = new XhtmlWriter({ ...options, ...(located ? { pageStarts: located.starts } : {}) });
  const bodies = render(list, writer);

  const mo = input.recording ? overlays(input.recording, writer, doc.meta.lang) : [];
  const overlayOf = new Map(mo.map((o) => [`${o.file.replace(/\.smil$/, '.xhtml')}`, o]));
  const files: ZipEntry[] = [];
  const items: ManifestItem[] = [
    { id: 'nav', href: 'nav.xhtml', type: 'application/xhtml+xml', properties: 'nav' },
    { id: 'css', href: 'book.css', type: 'text/css' },
  ];
  list.forEach((part, i) => {
    const role = part.role ? ` role="${part.role}"` : '';
    const body = `<section epub:type="${part.type}"${role}>\n${bodies[i]}\n</section>`;
    files.push({
      name: `EPUB/${part.file}`,
      data: Buffer.from(
        xhtmlDocument(
          doc.meta.lang,
          part.file === 'title.xhtml' ? doc.meta.title : `${part.title} – ${doc.meta.title}`,
          body,
        ),
      ),
    });
    const overlay = overlayOf.get(part.file);
    items.push({
      id: part.file.replace(/\.xhtml$/, ''),
      href: part.file,
      type: 'application/xhtml+xml',
      ...(overlay ? { overlay: overlay.id } : {}),
    });
  });
  for (const o of mo) {
    files.push({ name: `EPUB/${o.file}`, data: Buffer.from(o.smil) });
    items.push({ id: o.id, href: o.file, type: 'application/smil+xml' });
  }
  for (const picture of new Map([...input.pictures.values()].map((p) => [p.name, p])).values()) {
    files.push({ name: `EPUB/images/${picture.name}`, data: await readFile(picture.file), store: true });
    items.push({
      id: `img-${picture.name.replace(/\.\w+$/, '')}`,
      href: `images/${picture.name}`,
      type: picture.name.endsWith('.png') ? 'image/png' : 'image/jpeg',
    });
  }
  const fontDir = path.join(path.dirname(require.resolve('@fontsource/atkinson-hyperlegible/package.json')), 'files');
  for (const [i, font] of FONT_FILES.entries()) {
    files.push({ name: `EPUB/fonts/${font}`, data: await readFile(path.join(fontDir, font)), store: true });
    items.push({ id: `font-${i + 1}`, href: `fonts/${font}`, type: 'font/woff2' });
  }
  if (mo.length && input.recording) {
    files.push({ name: 'EPUB/audio/report.mp3', data: input.recording.mp3, store: true });
    items.push({ id: 'audio', href: 'audio/report.mp3', type: 'audio/mpeg' });
  }
  const pages = writer.pagesPlaced;
  files.push({ name: 'EPUB/nav.xhtml', data: Buffer.from(navigation(input, list, pages)) });
  files.push({ name: 'EPUB/book.css', data: Buffer.from(stylesheet()) });
  const features = [
    'tableOfContents',
    'structuralNavigation',
    'readingOrder',
    'displayTransformability',
    ...(input.pictures.size ? ['alternativeText'] : []),
    ...(pages.size ? ['pageNavigation', 'printPageNumbers'] : []),
    ...(mo.length ? ['synchronizedAudioText'] : []),
  ];
  // The contents page is read in order too, after the title page (as in print), so every link in it is to the spine.
  const spine = list.map((p) => p.file.replace(/\.xhtml$/, ''));
  spine.splice(1, 0, 'nav');
  files.push({
    name: 'EPUB/package.opf',
    data: Buffer.from(
      packageDocument(input, items, spine, features, {
        overlays: mo,
        ...(input.recording ? { narrator: input.recording.narrator } : {}),
      }),
    ),
  });
  const bytes = zip([
    { name: 'mimetype', data: Buffer.from('application/epub+zip'), store: true },
    { name: 'META-INF/container.xml', data: Buffer.from(CONTAINER) },
    ...files,
  ]);
  return {
    bytes,
    pages: pages.size,
    pagesFound: located?.found ?? 0,
    overlayClips: mo.reduce((n, o) => n + o.clips, 0),
    sections: list.length,
  };
}
