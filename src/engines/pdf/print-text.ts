/**
 * Report text → print inlines, with what paper needs and the web does not (UKAAF G003, RNIB clear print):
 * - phone numbers and postcodes kept on one line;
 * - a link's address printed after its text (a link to the site's own pages in full, as a reader would type it);
 * - emphasis always bold, never italics; footnote references as "(note 1)" at full size;
 * - abbreviations spelt out on first use;
 * - a word too long for any line it can stand on is marked, so the template lets Typst break it (nothing else is
 *   ever broken: large print is not hyphenated).
 */
import type { Inline } from '../../report/model.ts';
import { saidInFullJustBefore } from '../../report/abbreviations.ts';
import { plainText } from '../../report/plain-text.ts';
import { fontMetrics } from './font-metrics.ts';
import { PRINT_FONTS } from './print-fonts.ts';
import type { PrintInline } from './print-types.ts';

/** UK phone numbers and postcodes (UKAAF: never split a number or a postcode across lines). */
const UNBREAKABLE =
  /(\+44\s?(?:\(0\)\s?)?\d{2,4}(?:\s?\d{3,4}){2}|\b0\d{2,4}(?:\s\d{3,6}){1,2}\b|\b0\d{9,10}\b|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b)/g;

/** "https://www.nhs.uk/mental-health/" → "www.nhs.uk/mental-health" (what a reader would type). */
export function printableUrl(href: string): string {
  return href
    .replace(/^https?:\/\//, '')
    .replace(/^mailto:/, '')
    .replace(/\/$/, '');
}

export interface PrintTextOptions {
  sizePt: number;
  /** The narrowest line a word of this text can stand on, in points. */
  lineWidthPt: number;
  /** Bold text is wider: headings and table headers. */
  bold?: boolean;
  /** Abbreviations already spelt out in this document (shared across calls, so only the first use is). */
  abbreviationsSeen?: Set<string>;
  /** Resolves a link's address for print (site-relative links in full); unchanged when absent. */
  resolveHref?: (href: string) => string;
  /** Removes editor-only markers from text (easy read's `{ok: …}`). */
  cleanText?: (text: string) => string;
}

function metricsFor(bold: boolean) {
  return fontMetrics(PRINT_FONTS.find((f) => f.bold === bold)!.file);
}

/**
 * A soft hyphen after every `every` characters: Typst breaks a word only where hyphenation patterns or soft hyphens
 * allow, and a code or file name has no patterns, so without these it would run off the page.
 */
function breakable(word: string, every: number): string {
  const characters = [...word];
  const pieces: string[] = [];
  for (let i = 0; i < characters.length; i += Math.max(1, every))
    pieces.push(characters.slice(i, i + Math.max(1, every)).join(''));
  return pieces.join('\u00ad');
}

const longWordPatterns = new Map<number, RegExp>();

function longerThan(characters: number): RegExp {
  let pattern = longWordPatterns.get(characters);
  if (!pattern) longWordPatterns.set(characters, (pattern = new RegExp(`\\S{${characters + 1},}`)));
  return pattern;
}

/**
 * What decides that a word must be allowed to break: `safeLength`, the most characters that cannot be wider than the
 * line (shorter text needs no measuring), and `tooWide`, a word wider than the line less a margin for kerning.
 */
function lineFit(options: Pick<PrintTextOptions, 'sizePt' | 'lineWidthPt' | 'bold'>): {
  safeLength: number;
  tooWide: (word: string) => boolean;
} {
  const metrics = metricsFor(Boolean(options.bold));
  const usable = options.lineWidthPt * 0.95;
  return {
    safeLength: Math.floor(usable / (metrics.maxAdvanceEm * options.sizePt)),
    tooWide: (word) => metrics.widthPt(word, options.sizePt) > usable,
  };
}

/**
 * A web address printed after its link text, with break points where it is too long for its line (a narrow table
 * cell): Typst breaks an address after its slashes by itself, but a long part between two slashes would run out of
 * the cell. Such a part gets the same soft hyphens a long word gets.
 */
function breakableAddress(url: string, options: Pick<PrintTextOptions, 'sizePt' | 'lineWidthPt'>): string {
  const { safeLength, tooWide } = lineFit(options);
  return url
    .split(/([/?&=#])/)
    .map((part) => (part.length > safeLength && tooWide(part) ? breakable(part, safeLength) : part))
    .join('');
}

/** Text added to the run before it when that is text too, else as a run of its own (none for ""). */
function appendText(runs: PrintInline[], text: string): void {
  const last = runs.at(-1);
  if (typeof last === 'string') runs[runs.length - 1] = last + text;
  else if (text) runs.push(text);
}

/** Splits plain text into runs, phones/postcodes that must not break, and words too long for the line. */
export function printRuns(
  text: string,
  options: Pick<PrintTextOptions, 'sizePt' | 'lineWidthPt' | 'bold'>,
): PrintInline[] {
  const runs: PrintInline[] = [];
  const { safeLength, tooWide } = lineFit(options);
  const longWord = longerThan(safeLength);
  const pushText = (part: string): void => {
    if (!longWord.test(part)) {
      appendText(runs, part);
      return;
    }
    // Words wider than the line (less a margin for kerning) are the only ones Typst may break.
    for (const piece of part.split(/(\S+)/)) {
      if (!piece) continue;
      if (/\S/.test(piece) && tooWide(piece)) runs.push({ k: 'long', t: breakable(piece, safeLength) });
      else appendText(runs, piece);
    }
  };
  let last = 0;
  for (const match of text.matchAll(UNBREAKABLE)) {
    pushText(text.slice(last, match.index));
    runs.push({ k: 'nb', t: match[0] });
    last = match.index + match[0].length;
  }
  pushText(text.slice(last));
  return runs;
}

export function toPrintInlines(nodes: readonly Inline[], options: PrintTextOptions): PrintInline[] {
  const out: PrintInline[] = [];
  const text = (value: string): void => {
    out.push(...printRuns(options.cleanText ? options.cleanText(value) : value, options));
  };
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        text(node.text);
        break;
      case 'strong':
      case 'em':
        out.push({ k: 'b', c: toPrintInlines(node.children, { ...options, bold: true }) });
        break;
      case 'strike':
        out.push({ k: 'del', c: toPrintInlines(node.children, options) });
        break;
      // Code is printed in the same font as the text (large print keeps one legible font), and breaks like it.
      case 'code':
        text(node.text);
        break;
      case 'break':
        out.push({ k: 'br' });
        break;
      case 'html':
        break;
      // Images are printed as figures by the block renderer (see print-model.ts), never dropped from the text.
      case 'image':
        break;
      case 'footnote-ref':
        text(` (note ${node.footnote})`);
        break;
      case 'abbr': {
        const short = plainText(node.children);
        const seen = options.abbreviationsSeen;
        // "British Sign Language (BSL)" already says it in full: spelling it out again would double it.
        const before = out.at(-1);
        const spelledOut = typeof before === 'string' && saidInFullJustBefore(before, node.title);
        if (spelledOut) seen?.add(short);
        if (!seen || seen.has(short)) text(short);
        else {
          seen.add(short);
          text(`${short} (${node.title})`);
        }
        break;
      }
      case 'link': {
        const href = options.resolveHref ? options.resolveHref(node.href) : node.href;
        const shown = printableUrl(href);
        const external = /^(https?:|mailto:)/.test(href);
        const addUrl = external && plainText(node.children).trim() !== shown;
        const url = addUrl ? breakableAddress(shown, options) : undefined;
        out.push({ k: 'a', href, c: toPrintInlines(node.children, options), ...(url ? { url } : {}) });
        break;
      }
    }
  }
  return mergeStrings(out);
}

/**
 * Adjacent runs of plain text as one string (smaller JSON, and Typst shapes the words together), with the double
 * space a picture leaves behind when it moves out of its sentence made single.
 */
function mergeStrings(nodes: readonly PrintInline[]): PrintInline[] {
  const merged: PrintInline[] = [];
  for (const node of nodes) {
    const last = merged.at(-1);
    if (typeof node === 'string' && typeof last === 'string') merged[merged.length - 1] = last + node;
    else merged.push(node);
  }
  return merged.map((node) => (typeof node === 'string' ? node.replace(/ {2,}/g, ' ') : node));
}

/** The text a link's annotation should announce: its words, as the reader sees them. */
export function printInlineText(nodes: readonly PrintInline[]): string {
  return nodes
    .map((n) =>
      typeof n === 'string'
        ? n
        : 'c' in n
          ? printInlineText(n.c)
          : 't' in n
            ? n.t.replace(/\u00ad/g, '')
            : n.k === 'br'
              ? ' '
              : '',
    )
    .join('');
}
