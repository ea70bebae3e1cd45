/**
 * Content check: raw HTML is refused (never passed through to the page). It can carry scripts, break the page's
 * accessibility, and has no meaning in large print, easy read or audio. HTML comments are allowed: editors use them for
 * notes, and no format shows them.
 */
import { error, type Problem } from '../report/problems.ts';
import type { Inline, ReportDocument } from '../report/model.ts';
import { walkBlocks, walkInlines } from '../report/build-document.ts';
import { parse, type HTMLElement } from 'node-html-parser';
import { VAGUE_LINK_TEXT } from './links.ts';
import { resolveImage } from './images.ts';

export function isHtmlComment(raw: string): boolean {
  return /^\s*<!--[\s\S]*?-->\s*$/.test(raw);
}

/** "## Find {#find}" for <h2 id="find">Find</h2>: the editor's own words and id, as Markdown (the title is the only #). */
function headingAdvice(raw: string): string {
  const match = /^<\s*h([1-6])\b([^>]*)>([\s\S]*?)(?:<\s*\/\s*h\1\s*>|$)/i.exec(raw.trim());
  if (!match) return 'write the heading with ## or ###';
  const level = Math.max(2, Number(match[1]));
  const id = /\bid\s*=\s*["']?([\w-]+)/i.exec(match[2] ?? '')?.[1];
  const words =
    (match[3] ?? '')
      .replace(/<[^>]*>/g, '')
      .replace(/\s+/g, ' ')
      .trim() || 'Heading words';
  return `write it as ${'#'.repeat(level)} ${words}${id ? ` {#${id}}` : ''}${id ? ` (the {#${id}} keeps links to #${id} working)` : ''}`;
}

/** *[NHS]: National Health Service for <abbr title="National Health Service">NHS</abbr>. */
function abbreviationAdvice(raw: string, sourceLine: string | undefined): string {
  const title = /\btitle\s*=\s*"([^"]*)"|\btitle\s*=\s*'([^']*)'/i.exec(raw);
  const expansion = title?.[1] ?? title?.[2] ?? 'what it stands for';
  const short = sourceLine ? /<abbr\b[^>]*>([^<]*)<\/abbr>/i.exec(sourceLine)?.[1]?.trim() : undefined;
  return `write ${short ?? 'the abbreviation'} as plain text, and define it once on a line of its own: *[${short ?? 'ABBR'}]: ${expansion}`;
}

const ADVICE: Array<[RegExp, string | ((raw: string, sourceLine: string | undefined) => string)]> = [
  [
    /^<\s*(script|style|iframe|object|embed|form|input|link|meta)\b/i,
    'remove it: scripts, styles and embedded pages are not allowed in reports',
  ],
  [/\son\w+\s*=/i, 'remove it: event-handler attributes run scripts and are not allowed'],
  [/^<\s*br\b/i, 'for a line break, end the line with a backslash (\\); for a new paragraph, leave a blank line'],
  [/^<\s*\/?\s*(b|strong)\b/i, 'write **bold** instead'],
  [/^<\s*\/?\s*(i|em)\b/i, 'write *emphasis* instead'],
  [/^<\s*img\b/i, 'write ![description](file.jpg) instead'],
  [/^<\s*a\b/i, 'write [link text](address) instead'],
  [/^<\s*\/?\s*(table|tr|td|th)\b/i, 'write the table in Markdown (docs/editors-guide.md#tables)'],
  [/^<\s*h[1-6]\b/i, headingAdvice],
  [/^<\s*abbr\b/i, abbreviationAdvice],
];

function adviceFor(raw: string, sourceLine: string | undefined): string {
  for (const [pattern, fix] of ADVICE)
    if (pattern.test(raw.trim())) return typeof fix === 'string' ? fix : fix(raw, sourceLine);
  return 'write it in Markdown instead (docs/editors-guide.md lists what is available), or use an HTML comment <!-- like this --> for a note';
}

function shorten(raw: string): string {
  const line = raw.trim().split('\n')[0] ?? '';
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}

/**
 * What is inside an HTML block, checked in the same round as the block itself: once the editor rewrites the block in
 * Markdown, its pictures and links must pass the image and link checks, so those problems are named now, at their
 * own lines, rather than in the next build.
 */
function insideHtmlBlock(
  doc: ReportDocument,
  raw: string,
  firstLine: number,
  files: ReadonlySet<string> | undefined,
): Problem[] {
  const problems: Problem[] = [];
  const root = parse(raw);
  const lineOf = (element: HTMLElement): number => {
    const at = raw.indexOf(element.outerHTML.slice(0, 40));
    return firstLine + (at < 0 ? 0 : (raw.slice(0, at).match(/\n/g)?.length ?? 0));
  };
  for (const img of root.querySelectorAll('img')) {
    const src = img.getAttribute('src') ?? '';
    const alt = (img.getAttribute('alt') ?? '').trim();
    const line = lineOf(img);
    // Where the picture is, by the image check's own rule for a Markdown picture's address.
    const where = resolveImage(src);
    if ('refused' in where && where.refused === 'remote')
      problems.push(
        error(
          doc.file,
          line,
          `the picture ${src} inside this HTML is on another website`,
          'when you write it in Markdown, download it (with permission) into the report folder, or leave it out (a badge or counter means nothing in print or audio)',
          'images',
        ),
      );
    else if (files && src && !('relative' in where && files.has(where.relative)))
      problems.push(
        error(
          doc.file,
          line,
          `the picture ${src} inside this HTML is not in the report's folder`,
          `put the file in the report's folder, or leave the picture out when you write it in Markdown`,
          'images',
        ),
      );
    else if (!alt)
      problems.push(
        error(
          doc.file,
          line,
          `the picture ${src || '(no file)'} inside this HTML has no alt text`,
          `when you write it in Markdown, describe it: ![what it shows](${src || 'file.jpg'})`,
          'images',
        ),
      );
  }
  for (const a of root.querySelectorAll('a')) {
    const text = a.text.replace(/\s+/g, ' ').trim();
    if (text && VAGUE_LINK_TEXT.has(text.toLowerCase().replace(/[.!:…]+$/, '')))
      problems.push(
        error(
          doc.file,
          lineOf(a),
          `the link text "${text}" inside this HTML does not say where it goes`,
          'when you write it in Markdown, use words that make sense on their own: [what it leads to](address)',
          'links',
        ),
      );
  }
  return problems;
}

/**
 * `source`: the report file's lines, so advice can quote the editor's own words around a tag; `files`: the report
 * folder's files, so a picture inside an HTML block is looked for too.
 */
export function checkRawHtml(
  doc: ReportDocument,
  source: readonly string[] = [],
  files?: ReadonlySet<string>,
): Problem[] {
  const problems: Problem[] = [];
  const report = (raw: string, line: number): void => {
    if (isHtmlComment(raw)) return;
    problems.push(
      error(doc.file, line, `raw HTML ${shorten(raw)} is not allowed`, adviceFor(raw, source[line - 1]), 'raw-html'),
    );
  };
  walkBlocks(doc, (block) => {
    if (block.type !== 'html' || isHtmlComment(block.raw)) return;
    report(block.raw, block.line);
    problems.push(...insideHtmlBlock(doc, block.raw, block.line, files));
  });
  // An inline comment arrives as one token; a closing tag (</b>) is skipped so each element is reported once.
  walkInlines(doc, (node: Inline, line) => {
    if (node.type === 'html' && !/^<\s*\//.test(node.raw)) report(node.raw, line);
  });
  return problems;
}
