/**
 * The report model as XHTML for the EPUB: semantic elements only (headings, lists, tables with header cells, figures
 * with alt text, notes as DPUB-ARIA note references), every block named as the audio script names it
 * (report/anchors.ts) so the media overlays can point at it, and sentences of plain paragraphs wrapped so a reading
 * app can highlight each while it is read. Abbreviations are spelt out on first use, as in print.
 *
 * The writer also counts the words it writes, in order: the page-list step finds where each page of the standard PDF
 * starts among them, and a second rendering puts a page-break marker before that word.
 */
import type { Block, ImageRef, Inline, ReportDocument } from '../../report/model.ts';
import { blockAnchor, noteAnchor, rowAnchor, sentenceAnchor } from '../../report/anchors.ts';
import { saidInFullJustBefore } from '../../report/abbreviations.ts';
import { plainText } from '../../report/plain-text.ts';
import { wordsOf } from '../../report/words.ts';
import { escapeXml } from '../../build/escape.ts';
import { sentenceBreaks } from '../audio/sentences.ts';
import { CALLOUT_LABELS, withTaskState } from '../../report/callouts.ts';

/** A picture as the book holds it. */
export interface BookImage {
  href: string;
  width: number;
  height: number;
}

export interface XhtmlOptions {
  doc: ReportDocument;
  /** The site's address: links to its own pages (relative in the Markdown) are written in full. */
  siteUrl?: string;
  /** The file each heading is in, for links within the report ("#who-we-talked-to"). */
  fileOfHeading: ReadonlyMap<string, string>;
  notesFile: string;
  /** Pictures by their src in the Markdown. */
  images: ReadonlyMap<string, BookImage>;
  /** Page-break markers to place: the index of the word each page starts at → the page's number. */
  pageStarts?: ReadonlyMap<number, readonly number[]>;
}

/** The sentences of a run of inline content, split only inside its top-level text (never inside a link or emphasis). */
export function inlineSentences(nodes: readonly Inline[]): Inline[][] {
  const groups: Inline[][] = [[]];
  nodes.forEach((node, index) => {
    if (node.type !== 'text') {
      groups.at(-1)!.push(node);
      return;
    }
    // "…here. [A link]": a sentence ends at the end of this text when what follows starts a new one.
    const following = plainText(nodes.slice(index + 1, index + 2))
      .trimStart()
      .charAt(0);
    let last = 0;
    for (const { end, next } of sentenceBreaks(node.text + following).filter((b) => b.next <= node.text.length)) {
      groups.at(-1)!.push({ type: 'text', text: node.text.slice(last, end) });
      groups.push([]);
      last = next;
    }
    groups.at(-1)!.push({ type: 'text', text: node.text.slice(last) });
  });
  return groups.filter((g) => plainText(g).trim() !== '' || g.some((n) => n.type !== 'text'));
}

export class XhtmlWriter {
  /** Every word written, in reading order, as wordsOf gives them. */
  readonly words: string[] = [];
  /** Page-break markers placed: page number → the file it is in. */
  readonly pagesPlaced = new Map<number, string>();
  /** Anchor → how many sentence spans it holds (only paragraphs of two or more sentences get them). */
  readonly sentenceSpans = new Map<string, number>();
  /** Anchor → the file it is in. */
  readonly fileOfAnchor = new Map<string, string>();
  /** Note number → the file and id of its first reference, for the note's link back. */
  readonly noteReferences = new Map<number, { file: string; id: string }>();
  private readonly abbreviationsSeen = new Set<string>();
  private references = 0;
  file = '';

  constructor(private readonly options: XhtmlOptions) {}

  /** Text, escaped, with a page-break marker before the word a page starts at. */
  text(text: string): string {
    let out = '';
    for (const token of text.split(/(\s+)/)) {
      if (!token) continue;
      const words = /^\s+$/.test(token) ? [] : wordsOf(token);
      for (let i = 0; i < words.length; i++) {
        for (const page of this.options.pageStarts?.get(this.words.length + i) ?? []) {
          if (this.pagesPlaced.has(page)) continue;
          out += `<span epub:type="pagebreak" role="doc-pagebreak" id="page-${page}" aria-label="Page ${page}"></span>`;
          this.pagesPlaced.set(page, this.file);
        }
      }
      this.words.push(...words);
      out += escapeXml(token);
    }
    return out;
  }

  /** ` id="…"` for an element, noting which file it is in (for links and overlays). */
  anchor(id: string): string {
    this.fileOfAnchor.set(id, this.file);
    return ` id="${escapeXml(id)}"`;
  }

  private href(href: string): string | undefined {
    if (href.startsWith('#')) {
      const file = this.options.fileOfHeading.get(href.slice(1));
      return file ? `${file}${href}` : undefined;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
    const { siteUrl, doc } = this.options;
    return siteUrl ? new URL(href, new URL(`reports/${doc.slug}/`, siteUrl)).href : undefined;
  }

  private image(image: ImageRef): string {
    const found = this.options.images.get(image.src);
    if (!found) return '';
    const alt = image.decorative ? ' alt="" role="presentation"' : ` alt="${escapeXml(image.alt)}"`;
    return `<img src="${found.href}"${alt} width="${found.width}" height="${found.height}"/>`;
  }

  inline(nodes: readonly Inline[]): string {
    return nodes
      .map((node, index): string => {
        switch (node.type) {
          case 'text':
            return this.text(node.text);
          case 'strong':
            return `<strong>${this.inline(node.children)}</strong>`;
          case 'em':
            return `<em>${this.inline(node.children)}</em>`;
          case 'strike':
            return `<s>${this.inline(node.children)}</s>`;
          case 'code':
            return `<code>${this.text(node.text)}</code>`;
          case 'break':
            return '<br/>';
          case 'html':
            return '';
          case 'image':
            return this.image(node.image);
          case 'link': {
            const href = this.href(node.href);
            const inner = this.inline(node.children);
            return href ? `<a href="${escapeXml(href)}">${inner}</a>` : inner;
          }
          case 'abbr': {
            const short = plainText(node.children);
            const before = nodes[index - 1];
            if (before?.type === 'text' && saidInFullJustBefore(before.text, node.title))
              this.abbreviationsSeen.add(short);
            const shown = `<abbr title="${escapeXml(node.title)}">${this.text(short)}</abbr>`;
            if (this.abbreviationsSeen.has(short)) return shown;
            this.abbreviationsSeen.add(short);
            return `${shown}${this.text(` (${node.title})`)}`;
          }
          case 'footnote-ref': {
            const id = `noteref-${++this.references}`;
            if (!this.noteReferences.has(node.footnote))
              this.noteReferences.set(node.footnote, { file: this.file, id });
            return `<sup><a epub:type="noteref" role="doc-noteref" id="${id}" href="${this.options.notesFile}#${noteAnchor(node.footnote)}">${this.text(String(node.footnote))}</a></sup>`;
          }
        }
      })
      .join('');
  }

  /** A heading the audio announces (a section's), named by its id. */
  heading(level: number, id: string, content: readonly Inline[]): string {
    return `<h${level}${this.anchor(id)}>${this.inline(content)}</h${level}>`;
  }

  /** A paragraph's content, each sentence in its own span when there are two or more. */
  private sentences(nodes: readonly Inline[], anchor: string): string {
    const groups = inlineSentences(nodes);
    if (groups.length < 2) return this.inline(nodes);
    this.sentenceSpans.set(anchor, groups.length);
    return groups
      .map((group, i) => `<span id="${sentenceAnchor(anchor, i + 1)}">${this.inline(group)}</span>`)
      .join(' ');
  }

  private figure(image: ImageRef, anchor: string): string {
    const img = this.image(image);
    if (!img) return '';
    const caption = image.caption ? `<figcaption>${this.text(image.caption)}</figcaption>` : '';
    return `<figure${this.anchor(anchor)}>${img}${caption}</figure>`;
  }

  /** Blocks at `path` (section index, then index at each level, counted from `firstIndex`), named as the audio script names them. */
  blocks(list: readonly Block[], path: ReadonlyArray<number | string>, firstIndex = 0): string {
    return list
      .map((block, at) => {
        const index = firstIndex + at;
        const anchor = blockAnchor([...path, index]);
        switch (block.type) {
          case 'heading': {
            return this.heading(Math.min(6, Math.max(2, block.level)), block.id, block.content);
          }
          case 'paragraph': {
            // A paragraph that is only a picture is a figure.
            const only = block.content.filter((n) => !(n.type === 'text' && !n.text.trim()));
            if (only.length === 1 && only[0]!.type === 'image') return this.figure(only[0].image, anchor);
            return `<p${this.anchor(anchor)}>${this.sentences(block.content, anchor)}</p>`;
          }
          case 'list': {
            const tag = block.ordered ? 'ol' : 'ul';
            const start = block.ordered && block.start !== 1 ? ` start="${block.start}"` : '';
            const items = block.items.map((item, i) => {
              const itemAnchor = blockAnchor([...path, index, i]);
              // A checklist item's state is written as text, as the audio reads it: reading apps style form controls
              // unpredictably, and a disabled checkbox is easy to miss at a reader's own text size.
              const [first, ...rest] = withTaskState(item, block.done?.[i]);
              // The item's first paragraph is the item itself, as the audio reads it ("1: …").
              const opening =
                first?.type === 'paragraph'
                  ? this.sentences(first.content, itemAnchor)
                  : this.blocks(first ? [first] : [], [...path, index, i]);
              return `<li${this.anchor(itemAnchor)}>${opening}${rest.length ? this.blocks(rest, [...path, index, i], 1) : ''}</li>`;
            });
            return `<${tag}${this.anchor(anchor)}${start}>${items.join('')}</${tag}>`;
          }
          case 'quote':
            return `<blockquote${this.anchor(anchor)}>${this.blocks(block.blocks, [...path, index])}</blockquote>`;
          case 'callout': {
            // Not an epub:type: "note" would make some reading apps hide it as a footnote.
            const label = `<p class="callout-label"><strong>${CALLOUT_LABELS[block.kind]}:</strong></p>`;
            return `<aside class="callout callout-${block.kind}" role="note"${this.anchor(anchor)}>${label}${this.blocks(block.blocks, [...path, index])}</aside>`;
          }
          case 'figure':
            return this.figure(block.image, anchor);
          case 'table': {
            const caption = block.caption ? `<caption>${this.inline(block.caption)}</caption>` : '';
            const align = (a: string | null): string => (a ? ` class="align-${a}"` : '');
            const head = `<thead><tr>${block.header.map((c) => `<th scope="col"${align(c.align)}>${this.inline(c.content)}</th>`).join('')}</tr></thead>`;
            const rows = block.rows.map(
              (row, r) =>
                `<tr${this.anchor(rowAnchor(anchor, r))}>${row.map((c) => `<td${align(c.align)}>${this.inline(c.content)}</td>`).join('')}</tr>`,
            );
            return `<table${this.anchor(anchor)}>${caption}${head}<tbody>${rows.join('')}</tbody></table>`;
          }
          case 'code':
            return `<pre${this.anchor(anchor)}><code>${this.text(block.text.replace(/\n$/, ''))}</code></pre>`;
          case 'rule':
            return '<hr/>';
          case 'html':
            return '';
        }
      })
      .join('\n');
  }
}
