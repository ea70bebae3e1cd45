/**
 * The print renderer: a report's model → one self-contained HTML document for Chromium to print (fonts and images are
 * embedded as data URIs, so the HTML is everything that decides the PDF and its hash is the cache key).
 *
 * Written for large print (UKAAF G003, RNIB clear print) and used at 12 pt for the standard PDF:
 * - bold, never italics, for emphasis; no superscript (footnote references are "(note 1)" at full size)
 * - abbreviations spelt out on first use; web addresses printed after their link text
 * - phone numbers and postcodes never split across lines
 * - tables too wide for the page reflowed into "heading: value" lists
 */
import type { Block, Inline, ReportDocument, TableBlock, HeadingBlock } from '../../report/model.ts';
import type { Organisation } from '../../report/site-data.ts';
import type { PrintEdition } from './editions.ts';
import { printCss } from './print-css.ts';
import { readableDate } from '../site/filters.ts';
import { listInWords } from '../available.ts';
import { escapeHtml } from '../../build/escape.ts';

export interface PrintImage {
  dataUri: string;
  width: number;
  height: number;
}

export interface PrintInput {
  doc: ReportDocument;
  organisation: Organisation;
  edition: PrintEdition;
  /** Images by their src in the Markdown. */
  images: ReadonlyMap<string, PrintImage>;
  /** @font-face rules with embedded fonts. */
  fontCss: string;
  /** Other editions, for the cover ("also available as…"). */
  otherFormats: readonly string[];
  /** The site's public address: links to its pages are printed in full, as a reader would type them. */
  siteUrl?: string;
}

export const escape = escapeHtml;

/** The frame of every print document: its language and title (which become the PDF's /Lang and /Title) and CSS. */
export function printDocument(frame: { lang: string; title: string; css: string; body: string }): string {
  return `<!doctype html>
<html lang="${escape(frame.lang)}">
<head>
<meta charset="utf-8">
<title>${escape(frame.title)}</title>
<style>
${frame.css}
</style>
</head>
<body>
${frame.body}
</body>
</html>
`;
}

/** UK phone numbers and postcodes: kept on one line (UKAAF: never split a number or postcode). */
const UNBREAKABLE = /(\+44\s?(?:\(0\)\s?)?\d{2,4}(?:\s?\d{3,4}){2}|\b0\d{2,4}(?:\s\d{3,6}){1,2}\b|\b0\d{9,10}\b|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b)/g;

export function keepTogether(escapedText: string): string {
  return escapedText.replace(UNBREAKABLE, '<span class="nowrap">$1</span>');
}

/** "https://www.nhs.uk/mental-health/" → "www.nhs.uk/mental-health" (what a reader would type). */
export function printableUrl(href: string): string {
  return href.replace(/^https?:\/\//, '').replace(/^mailto:/, '').replace(/\/$/, '');
}

/** Columns that fit across an A4 page at this size before a table is reflowed (about 8 ems a column). */
export function maxTableColumns(fontSizePt: number): number {
  const textWidthPt = 595 - 2 * 57; // A4 less 20 mm margins
  return Math.max(2, Math.floor(textWidthPt / (fontSizePt * 8)));
}

interface RenderState {
  abbreviationsSeen: Set<string>;
  input: PrintInput;
}

function plainText(nodes: readonly Inline[]): string {
  return nodes.map((n) => (n.type === 'text' || n.type === 'code' ? n.text : 'children' in n ? plainText(n.children) : '')).join('');
}

function inline(nodes: readonly Inline[], state: RenderState): string {
  return nodes
    .map((node): string => {
      switch (node.type) {
        case 'text': return keepTogether(escape(node.text));
        case 'strong':
        case 'em': return `<strong>${inline(node.children, state)}</strong>`;
        case 'strike': return `<del>${inline(node.children, state)}</del>`;
        case 'code': return `<code>${escape(node.text)}</code>`;
        case 'break': return '<br>';
        case 'html': return '';
        case 'footnote-ref': return ` <a class="note-ref" href="#note-${node.footnote}" id="note-ref-${node.footnote}">(note ${node.footnote})</a>`;
        case 'image': return node.image.decorative ? '' : `<span>${escape(node.image.alt)}</span>`;
        case 'abbr': {
          const short = plainText(node.children);
          if (state.abbreviationsSeen.has(short)) return `<abbr>${escape(short)}</abbr>`;
          state.abbreviationsSeen.add(short);
          return `<abbr>${escape(short)}</abbr> (${escape(node.title)})`;
        }
        case 'link': {
          const text = inline(node.children, state);
          // A link to the site itself ("request/", "/feedback/") means nothing on paper: print its full address.
          const href = !/^([a-z][a-z0-9+.-]*:|#)/i.test(node.href) && state.input.siteUrl ? new URL(node.href, new URL(`reports/${state.input.doc.slug}/`, state.input.siteUrl)).href : node.href;
          const external = /^(https?:|mailto:)/.test(href);
          const shown = printableUrl(href);
          const addUrl = external && plainText(node.children).trim() !== shown;
          return `<a href="${escape(href)}">${text}</a>${addUrl ? ` <span class="url">(${escape(shown)})</span>` : ''}`;
        }
      }
    })
    .join('');
}

function table(block: TableBlock, state: RenderState): string {
  const caption = block.caption ? inline(block.caption, state) : '';
  const tooWide = block.header.length > maxTableColumns(state.input.edition.fontSizePt);
  if (!tooWide) {
    const head = block.header.map((c) => `<th scope="col"${c.align === 'right' ? ' class="num"' : ''}>${inline(c.content, state)}</th>`).join('');
    const rows = block.rows.map((row) => `<tr>${row.map((c, i) => (i === 0 ? `<th scope="row">${inline(c.content, state)}</th>` : `<td${c.align === 'right' ? ' class="num"' : ''}>${inline(c.content, state)}</td>`)).join('')}</tr>`).join('\n');
    // A short table is kept on one page, so its headings are never left alone at the foot of a page.
    const keep = block.rows.length <= 10 ? ' class="keep-together"' : '';
    return `<table${keep}>${caption ? `<caption>${caption}</caption>` : ''}<thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
  }
  // Reflowed: each row becomes a list of "heading: value" pairs, read in the same order as the table.
  const rows = block.rows
    .map((row) => `<li class="table-row"><ul>${row.map((c, i) => `<li><strong>${inline(block.header[i]?.content ?? [], state)}:</strong> ${inline(c.content, state)}</li>`).join('')}</ul></li>`)
    .join('\n');
  return `<div class="table-reflowed">${caption ? `<p class="caption"><strong>${caption}</strong></p>` : ''}<p class="table-note">This table is shown as a list, one row at a time.</p><ol class="table-rows">\n${rows}\n</ol></div>`;
}

function blocks(list: readonly Block[], state: RenderState): string {
  return list
    .map((block): string => {
      switch (block.type) {
        case 'heading': return `<h${block.level} id="${escape(block.id)}">${inline(block.content, state)}</h${block.level}>`;
        case 'paragraph': return `<p>${inline(block.content, state)}</p>`;
        case 'list': {
          const tag = block.ordered ? 'ol' : 'ul';
          const start = block.ordered && block.start !== 1 ? ` start="${block.start}"` : '';
          return `<${tag}${start}>${block.items.map((item) => `<li>${blocks(item, state)}</li>`).join('')}</${tag}>`;
        }
        case 'quote': return `<blockquote>${blocks(block.blocks, state)}</blockquote>`;
        case 'figure': {
          const image = state.input.images.get(block.image.src);
          if (!image) return '';
          const alt = block.image.decorative ? '' : block.image.alt;
          const caption = block.image.caption ? `<figcaption>${keepTogether(escape(block.image.caption))}</figcaption>` : '';
          return `<figure><img src="${image.dataUri}" alt="${escape(alt)}" width="${image.width}" height="${image.height}">${caption}</figure>`;
        }
        case 'table': return table(block, state);
        case 'code': return `<pre>${escape(block.text)}</pre>`;
        case 'rule': return '<hr>';
        case 'html': return '';
      }
    })
    .join('\n');
}

/** The headings of the print document in order: what the PDF's bookmarks must equal. */
export function printHeadings(doc: ReportDocument): Array<Pick<HeadingBlock, 'level' | 'text'>> {
  return [
    { level: 1, text: doc.meta.title },
    { level: 2, text: 'Other formats' },
    ...(doc.sections.some((s) => s.heading) ? [{ level: 2, text: 'Contents' }] : []),
    ...doc.headings.map((h) => ({ level: h.level, text: h.text })),
    ...(doc.footnotes.length ? [{ level: 2, text: 'Notes' }] : []),
    ...(doc.meta.changes.length ? [{ level: 2, text: 'Changes to this report' }] : []),
  ];
}

function cover(input: PrintInput): string {
  const { doc, organisation: org, edition } = input;
  const dates = [`Published ${readableDate(doc.meta.published)}`, ...(doc.meta.updated ? [`updated ${readableDate(doc.meta.updated)}`] : [])].join(', ');
  return `<section class="cover">
<p class="publisher">${escape(org.name)}</p>
<h1>${escape(doc.meta.title)}</h1>
<p class="edition">${escape(edition.name)}</p>
<p>${escape(dates)}.</p>
<p class="summary">${keepTogether(escape(doc.meta.summary))}</p>
<p>For this report in another format, phone ${keepTogether(escape(org.phone))} or email ${escape(org.email)}. Other formats are listed on the next page.</p>
</section>`;
}


/** How to get the report in another format: the print version of the website's "Other formats" box. */
function otherFormats(input: PrintInput): string {
  const { organisation: org } = input;
  const routes = [
    `<li>Phone: ${keepTogether(escape(org.phone))}${org.hours ? ` (${escape(org.hours)})` : ''}</li>`,
    ...(org.text ? [`<li>Text: ${keepTogether(escape(org.text))}</li>`] : []),
    `<li>Email: ${escape(org.email)}</li>`,
    `<li>Post: ${keepTogether(escape(org.address.join(', ')))}</li>`,
    `<li>Web: ${escape(printableUrl(org.website))}</li>`,
  ];
  const also = input.otherFormats.length ? `<p>This report is also available as ${escape(listInWords(input.otherFormats))}.</p>` : '';
  return `<section class="other-formats"><h2>Other formats</h2>${also}<p>To ask for it in another format, such as braille, audio, easy read or another language, contact ${escape(org.name)}:</p><ul>${routes.join('')}</ul></section>`;
}

export function renderPrintHtml(input: PrintInput): string {
  const { doc } = input;
  const state: RenderState = { abbreviationsSeen: new Set(), input };
  const toc = doc.sections.flatMap((s) => (s.heading ? [`<li>${escape(s.heading.text)}</li>`] : []));
  const notes = doc.footnotes.map((note) => `<li id="note-${note.number}">${blocks(note.blocks, state)} <a href="#note-ref-${note.number}">Back to the text of note ${note.number}</a></li>`);
  const changes = [...doc.meta.changes].sort((a, b) => b.date.localeCompare(a.date)).map((c) => `<li><strong>${escape(readableDate(c.date))}:</strong> ${escape(c.summary)}</li>`);
  return printDocument({
    lang: doc.meta.lang,
    title: doc.meta.title,
    css: `${input.fontCss}\n${printCss(input.edition.fontSizePt)}`,
    body: `${cover(input)}
${otherFormats(input)}
${toc.length ? `<section class="contents"><h2>Contents</h2><ol>${toc.join('')}</ol></section>` : ''}
<main>
${blocks(doc.blocks, state)}
</main>
${notes.length ? `<section class="notes"><h2>Notes</h2><ol>${notes.join('\n')}</ol></section>` : ''}
${changes.length ? `<section class="changes"><h2>Changes to this report</h2><ul>${changes.join('')}</ul></section>` : ''}`,
  });
}
