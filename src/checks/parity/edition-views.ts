/**
 * Each built edition read back as a reader's tool would get it, reduced to what the parity check compares: its words
 * in reading order, its figures' alt texts, and (where the edition has real tables) each table's row count.
 * - web page: the report's article in the built HTML (img alt attributes, tbody rows);
 * - PDFs: the words of the tag tree (what a screen reader reads; kept by the read-back), and the Figure elements' /Alt;
 * - EPUB: every XHTML file in the book, its img alt attributes and tbody rows;
 * - audio: the published script (narrator's notes left out) and, separately, the WebVTT read-along text, as words;
 * - braille: the published BRF file translated back to print by liblouis, line by line, page numbers left out.
 */
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { parse, type HTMLElement } from 'node-html-parser';
import { wordsOf } from '../../report/words.ts';
import type { TaggedContent } from '../../engines/pdf/cached-page-words.ts';
import { translateLines, type Grade } from '../../formats/braille/liblouis.ts';

/** What kind of reading an edition gives, for the differences compare.ts declares. */
/** `audio`: what is heard (the script); `captions`: what is shown while it plays (names as written). */
export type ViewKind = 'web' | 'pdf' | 'epub' | 'audio' | 'captions' | 'braille';

export interface EditionView {
  /** As the editor knows it: "web page", "large-print PDF (18 point)", "EPUB". */
  name: string;
  kind: ViewKind;
  words: string[];
  /** Alt texts carried apart from the words (attributes, /Alt); undefined where they are part of the words ("Image: …"). */
  alts?: string[][];
  /** Body rows of each table in order; undefined where the edition has no table structure to count. */
  tableRows?: number[];
}

function fromHtml(name: string, kind: ViewKind, roots: readonly HTMLElement[]): EditionView {
  const words: string[] = [];
  const alts: string[][] = [];
  const tableRows: number[] = [];
  for (const root of roots) {
    words.push(...wordsOf(root.textContent));
    for (const img of root.querySelectorAll('img')) {
      const alt = img.getAttribute('alt');
      if (alt) alts.push(wordsOf(alt));
    }
    for (const table of root.querySelectorAll('table')) tableRows.push(table.querySelectorAll('tbody tr').length);
  }
  return { name, kind, words, alts, tableRows };
}

/**
 * Markup as a reader's tool separates it: a block (paragraph, cell, caption, item…) or a superscript note number is
 * never run into the next word, even where the file has no space between the tags (the EPUB writes none).
 */
function spaced(html: string): string {
  return (
    html
      .replace(
        /<\/(p|li|td|th|caption|h[1-6]|div|tr|figcaption|dt|dd|aside|section|blockquote|pre|figure)>|<br\s*\/?>|<\/?sup[^>]*>/gi,
        '$& ',
      )
      // A list nested in an item starts a block of its own: "Outer item<ul><li>Inner item" is two items, not "itemInner".
      .replace(/<(ul|ol|dl|table|p|div|blockquote|figure|pre)(\s[^>]*)?>/gi, ' $&')
  );
}

/** A page's article (the report's, or the easy-read page's with `article.easy-read`). */
export async function webPageView(file: string, name = 'web page', article = 'article.report'): Promise<EditionView> {
  const page = parse(spaced(await readFile(file, 'utf8')));
  return fromHtml(name, 'web', [page.querySelector(article) ?? page]);
}

export async function epubView(file: string): Promise<EditionView> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const names = Object.keys(zip.files)
    .filter((name) => name.endsWith('.xhtml'))
    .sort();
  const roots = await Promise.all(
    names.map(async (name) => parse(spaced(await zip.file(name)!.async('string'))).querySelector('body') ?? parse('')),
  );
  return fromHtml('EPUB', 'epub', roots);
}

/** A PDF's tagged words and its figures' alt texts, as its read-back kept them (cached-page-words.ts). */
export function pdfView(name: string, content: TaggedContent): EditionView {
  return { name, kind: 'pdf', words: content.pageWords.flat(), alts: content.figureAlts.map(wordsOf) };
}

/** The plain audio script as heard: lines starting with # and [narrator's notes] are not read. */
export async function audioScriptView(file: string): Promise<EditionView> {
  const heard = (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n')
    .replace(/\[[^\]\n]*\]/g, ' ');
  return { name: 'audio script', kind: 'audio', words: wordsOf(heard) };
}

/** The read-along captions: each cue's text, without its identifier and timing lines. */
export async function webVttView(file: string, name = 'audio captions (WebVTT)'): Promise<EditionView> {
  const cues = (await readFile(file, 'utf8')).split(/\r?\n\r?\n/).slice(1);
  const text = cues
    .map((cue) =>
      cue
        .split(/\r?\n/)
        .filter((line) => !line.includes('-->'))
        .slice(1)
        .join(' '),
    )
    .join('\n');
  return {
    name,
    kind: 'captions',
    words: wordsOf(text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')),
  };
}

/**
 * A BRF file as print again: each page's lines (the braille page number at the end of its last line left out)
 * translated back by liblouis. Contracted braille does not always translate back to the same word, so compare.ts
 * allows about a word in ten to differ in this view.
 */
export async function brailleView(file: string, grade: Grade): Promise<EditionView> {
  const lines = (await readFile(file, 'latin1')).split('\f').flatMap((page) => {
    const pageLines = page.split(/\r?\n/);
    let last = pageLines.length - 1;
    while (last >= 0 && !pageLines[last]!.trim()) last--;
    if (last >= 0) pageLines[last] = pageLines[last]!.replace(/\s+#[A-J]+\s*$/, '').replace(/^\s*#[A-J]+\s*$/, '');
    return pageLines.map((line) => line.trim()).filter(Boolean);
  });
  const back = await translateLines(lines, grade, 'backward');
  return { name: `grade ${grade} braille`, kind: 'braille', words: wordsOf(back.join('\n')) };
}
