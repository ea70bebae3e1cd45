/**
 * Builds the typed ReportDocument from markdown-it tokens. Pure: tokens and env in, model out; nothing is mutated.
 * Lines are converted from body lines to file lines with `lineOffset` (the front matter's length).
 */
import type { Token } from 'markdown-it';
import type { FrontMatter } from './front-matter.ts';
import type { Block, Footnote, HeadingBlock, ImageRef, Inline, ReportDocument, Section, TableCell } from './model.ts';
import { inlineText } from '../markdown/text.ts';
import type { CalloutKind } from './callouts.ts';

interface BuildInput {
  slug: string;
  file: string;
  folder: string;
  meta: FrontMatter;
  tokens: readonly Token[];
  env: MarkdownEnv;
  lineOffset: number;
}

/** What markdown-it and its plugins leave in env. */
export interface MarkdownEnv {
  abbreviations?: Record<string, string>;
  footnotes?: { list?: Array<{ label?: string }> };
  [key: string | symbol]: unknown;
}

/** A token attribute as a string (markdown-it types allow numbers). */
function attr(token: Token, name: string): string | undefined {
  const value = token.attrGet(name);
  return value === null ? undefined : String(value);
}

/** markdown-it-footnote's label ("survey" for [^survey]); an inline note has none and is known by its number. */
function footnoteLabel(token: Token, id: number): string {
  const label: unknown = (token.meta as { label?: unknown } | null)?.label;
  return typeof label === 'string' ? label : String(id + 1);
}

export function buildDocument(input: BuildInput): ReportDocument {
  const { tokens, lineOffset } = input;
  const lineOf = (token: Token | undefined, fallback = 0): number =>
    token?.map ? token.map[0] + 1 + lineOffset : fallback;

  function image(token: Token, line: number): ImageRef {
    const caption = attr(token, 'title');
    return {
      src: attr(token, 'src') ?? '',
      alt: inlineText(token.children),
      decorative: Boolean(token.meta?.decorative),
      ...(caption ? { caption } : {}),
      line,
    };
  }

  function inlines(children: readonly Token[] | null, line: number): Inline[] {
    const root: Inline[] = [];
    const stack: Inline[][] = [root];
    // The line the next node starts on: a paragraph's soft and hard breaks are its source's line ends.
    let current = line;
    const at = (): { line?: number } => (current !== line ? { line: current } : {});
    const push = (node: Inline): void => void stack.at(-1)!.push(node);
    const open = (node: Inline & { children: Inline[] }): void => {
      push(node);
      stack.push(node.children);
    };
    for (const child of children ?? []) {
      switch (child.type) {
        case 'text':
          if (child.content) push({ type: 'text', text: child.content, ...at() });
          break;
        case 'softbreak':
          push({ type: 'text', text: ' ' });
          current++;
          break;
        case 'hardbreak':
          push({ type: 'break' });
          current++;
          break;
        case 'code_inline':
          push({ type: 'code', text: child.content });
          break;
        case 'html_inline':
          push({ type: 'html', raw: child.content, ...at() });
          break;
        case 'image':
          push({ type: 'image', image: image(child, current) });
          break;
        case 'footnote_ref': {
          const id = Number(child.meta?.id ?? 0);
          push({ type: 'footnote-ref', footnote: id + 1, label: footnoteLabel(child, id), ...at() });
          break;
        }
        case 'strong_open':
          open({ type: 'strong', children: [] });
          break;
        case 'em_open':
          open({ type: 'em', children: [] });
          break;
        case 's_open':
          open({ type: 'strike', children: [] });
          break;
        case 'abbr_open':
          open({ type: 'abbr', title: attr(child, 'title') ?? '', children: [] });
          break;
        case 'link_open': {
          const title = attr(child, 'title');
          open({ type: 'link', href: attr(child, 'href') ?? '', ...(title ? { title } : {}), children: [], ...at() });
          break;
        }
        case 'strong_close':
        case 'em_close':
        case 's_close':
        case 'abbr_close':
        case 'link_close':
          if (stack.length > 1) stack.pop();
          break;
        default:
          if (child.content) push({ type: 'text', text: child.content, ...at() });
      }
    }
    return root;
  }

  /** Reads blocks from tokens[start] up to the closing token of the given type; returns the blocks and the next index. */
  function blocks(start: number, until?: string): [Block[], number] {
    const out: Block[] = [];
    let i = start;
    while (i < tokens.length) {
      const token = tokens[i]!;
      if (until && token.type === until) return [out, i + 1];
      const line = lineOf(token);
      switch (token.type) {
        case 'heading_open': {
          const inline = tokens[i + 1];
          const heading: HeadingBlock = {
            type: 'heading',
            level: Number(token.tag.slice(1)),
            id: attr(token, 'id') ?? '',
            explicitId: Boolean(token.meta?.explicitId),
            text: inlineText(inline?.children),
            content: inlines(inline?.children ?? null, line),
            line,
          };
          out.push(heading);
          i += 3;
          break;
        }
        case 'paragraph_open': {
          const inline = tokens[i + 1];
          const only = inline?.children?.find((c) => c.type === 'image');
          if (token.hidden && only?.meta?.figure) out.push({ type: 'figure', image: image(only, line), line });
          else out.push({ type: 'paragraph', content: inlines(inline?.children ?? null, line), line });
          i += 3;
          break;
        }
        case 'bullet_list_open':
        case 'ordered_list_open': {
          const ordered = token.type === 'ordered_list_open';
          const closer = ordered ? 'ordered_list_close' : 'bullet_list_close';
          const items: Block[][] = [];
          const done: Array<boolean | null> = [];
          i++;
          while (i < tokens.length && tokens[i]!.type !== closer) {
            if (tokens[i]!.type === 'list_item_open') {
              const state = tokens[i]!.meta?.done as boolean | undefined;
              done.push(state ?? null);
              const [itemBlocks, next] = blocks(i + 1, 'list_item_close');
              items.push(itemBlocks);
              i = next;
            } else i++;
          }
          const checklist = done.some((d) => d !== null) ? { done } : {};
          out.push({ type: 'list', ordered, start: Number(attr(token, 'start') ?? 1), items, ...checklist, line });
          i++;
          break;
        }
        case 'blockquote_open': {
          const [inner, next] = blocks(i + 1, 'blockquote_close');
          out.push({ type: 'quote', blocks: inner, line });
          i = next;
          break;
        }
        case 'callout_open': {
          const [inner, next] = blocks(i + 1, 'callout_close');
          out.push({ type: 'callout', kind: token.meta?.kind as CalloutKind, blocks: inner, line });
          i = next;
          break;
        }
        case 'table_open': {
          const captionToken = token.meta?.caption as Token | undefined;
          const header: TableCell[] = [];
          const rows: TableCell[][] = [];
          let row: TableCell[] = [];
          let inHead = false;
          i++;
          for (; i < tokens.length && tokens[i]!.type !== 'table_close'; i++) {
            const t = tokens[i]!;
            if (t.type === 'thead_open') inHead = true;
            else if (t.type === 'thead_close') inHead = false;
            else if (t.type === 'tr_open') row = [];
            else if (t.type === 'tr_close') {
              if (inHead) header.push(...row);
              else rows.push(row);
            } else if (t.type === 'th_open' || t.type === 'td_open') {
              const style = attr(t, 'style') ?? '';
              const align = /text-align:(left|center|right)/.exec(style)?.[1] as TableCell['align'] | undefined;
              row.push({ content: inlines(tokens[i + 1]?.children ?? null, lineOf(t, line)), align: align ?? null });
            }
          }
          out.push({
            type: 'table',
            ...(captionToken ? { caption: inlines(captionToken.children, line) } : {}),
            header,
            rows,
            line,
          });
          i++;
          break;
        }
        case 'fence':
        case 'code_block':
          out.push({ type: 'code', text: token.content, line });
          i++;
          break;
        case 'hr':
          out.push({ type: 'rule', line });
          i++;
          break;
        case 'html_block':
          out.push({ type: 'html', raw: token.content, line });
          i++;
          break;
        case 'footnote_block_open':
          // Footnotes are read separately (see footnotes()); they are not part of the body.
          while (i < tokens.length && tokens[i]!.type !== 'footnote_block_close') i++;
          i++;
          break;
        default:
          i++;
      }
    }
    return [out, i];
  }

  function footnotes(): Footnote[] {
    const list: Footnote[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.type !== 'footnote_open') continue;
      const id = Number(token.meta?.id ?? 0);
      const [inner] = blocks(i + 1, 'footnote_close');
      const firstLine = inner[0]?.line ?? 0;
      list.push({ number: id + 1, label: footnoteLabel(token, id), blocks: inner, line: firstLine });
    }
    return list;
  }

  const [body] = blocks(0);
  const headings = collectHeadings(body);
  const sections: Section[] = [];
  for (const block of body) {
    if (block.type === 'heading' && block.level === 2) sections.push({ heading: block, blocks: [] });
    else {
      if (sections.length === 0) sections.push({ blocks: [] });
      sections.at(-1)!.blocks.push(block);
    }
  }
  const abbreviations = new Map<string, string>();
  for (const [key, value] of Object.entries(input.env.abbreviations ?? {}))
    abbreviations.set(key.replace(/^:/, ''), value);

  return {
    slug: input.slug,
    file: input.file,
    folder: input.folder,
    meta: input.meta,
    blocks: body,
    sections,
    headings,
    abbreviations,
    footnotes: footnotes(),
  };
}

function collectHeadings(blocks: readonly Block[]): HeadingBlock[] {
  const out: HeadingBlock[] = [];
  const visit = (list: readonly Block[]): void => {
    for (const block of list) {
      if (block.type === 'heading') out.push(block);
      else if (block.type === 'quote' || block.type === 'callout') visit(block.blocks);
      else if (block.type === 'list') block.items.forEach(visit);
    }
  };
  visit(blocks);
  return out;
}

/** Visits every block, including those inside lists, quotes and footnotes. */
export function walkBlocks(doc: ReportDocument, visit: (block: Block) => void): void {
  const walk = (list: readonly Block[]): void => {
    for (const block of list) {
      visit(block);
      if (block.type === 'quote' || block.type === 'callout') walk(block.blocks);
      else if (block.type === 'list') block.items.forEach(walk);
    }
  };
  walk(doc.blocks);
  for (const note of doc.footnotes) walk(note.blocks);
}

/** Visits every inline node with the line of the block holding it. */
export function walkInlines(doc: ReportDocument, visit: (node: Inline, line: number) => void): void {
  const walk = (nodes: readonly Inline[], line: number): void => {
    for (const node of nodes) {
      const own = ('line' in node && node.line) || (node.type === 'image' ? node.image.line : line);
      visit(node, own);
      if ('children' in node) walk(node.children, own);
    }
  };
  walkBlocks(doc, (block) => {
    if (block.type === 'heading' || block.type === 'paragraph') walk(block.content, block.line);
    else if (block.type === 'table') {
      if (block.caption) walk(block.caption, block.line);
      for (const cell of block.header) walk(cell.content, block.line);
      block.rows.forEach((row, r) => row.forEach((cell) => walk(cell.content, block.line + 2 + r)));
    }
  });
}
