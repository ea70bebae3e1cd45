/**
 * A Word document (.docx) as a new report: mammoth turns it into semantic HTML (headings, lists, tables, notes,
 * pictures with the alt text the author gave in Word), turndown turns that into Markdown with our rules:
 * - the Title style (or the document's title property, or its first Heading 1) becomes the front matter's title;
 *   Heading 1 becomes ##, Heading 2 ###, and so on;
 * - tables keep their first row as the header row, cells on one line;
 * - footnotes and endnotes become [^n] with their text at the end;
 * - pictures are saved beside the report; one without alt text keeps an empty alt, so the checks ask for it.
 * The date comes from the document's properties when it has one. The report starts as a draft.
 */
import mammoth from 'mammoth';
import JSZip from 'jszip';
import { codeScheme } from '../markdown/code-urls.ts';
import TurndownService from 'turndown';
import { createHash } from 'node:crypto';
import { draftFrontMatter } from '../report/scaffold.ts';

/** Larger than any report we have seen with its pictures; a bigger file is most likely not a report. */
export const MAX_DOCX_BYTES = 50 * 1024 * 1024;

export class DocxImportError extends Error {}

export interface ImportedReport {
  markdown: string;
  title: string;
  /** Pictures to save beside index.md, by file name. */
  images: Map<string, Buffer>;
  /** What mammoth could not carry over (unknown styles, unsupported content), in its words. */
  warnings: string[];
}

/** Checks the bytes are a .docx that can be opened, before anything else is done with them. */
function refuseUnreadable(bytes: Buffer): void {
  if (bytes.length > MAX_DOCX_BYTES)
    throw new DocxImportError(
      `the file is ${(bytes.length / 1024 / 1024).toFixed(0)} MB, more than the ${MAX_DOCX_BYTES / 1024 / 1024} MB a report can be: save the pictures in it at a smaller size and try again`,
    );
  // A password-protected Word file, and an old .doc, are OLE compound files, not ZIP.
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])))
    throw new DocxImportError(
      'the file is password-protected, or an old Word .doc: open it in Word, remove the password if it has one, and save it as a Word Document (.docx)',
    );
  if (!bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'binary')))
    throw new DocxImportError(
      'the file is not a Word document (.docx): open it in Word or LibreOffice and save it as a Word Document (.docx)',
    );
}

/** The document's own title and date (docProps/core.xml), where it has them. */
async function properties(zip: JSZip): Promise<{ title?: string; date?: string }> {
  const core = await zip.file('docProps/core.xml')?.async('string');
  if (!core) return {};
  const unescape = (t: string): string =>
    t
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const title = /<dc:title>([^<]*)<\/dc:title>/.exec(core)?.[1]?.trim();
  const date = /<dcterms:(?:created|modified)[^>]*>(\d{4}-\d{2}-\d{2})/.exec(core)?.[1];
  return { ...(title ? { title: unescape(title) } : {}), ...(date ? { date } : {}) };
}

function converter(notes: string[], shift: number, warnings: string[]): TurndownService {
  const td = new TurndownService({
    headingStyle: 'atx',
    bulletListMarker: '-',
    emDelimiter: '*',
    strongDelimiter: '**',
    codeBlockStyle: 'fenced',
  });
  const inline = new TurndownService({ emDelimiter: '*', strongDelimiter: '**' });
  // A link that would run code (javascript:, vbscript:, data:) is refused: its words are kept, the address is not.
  td.addRule('codeLinks', {
    filter: (node) => node.nodeName === 'A' && Boolean(codeScheme(node.getAttribute('href') ?? '')),
    replacement: (content, node) => {
      const scheme = codeScheme(node.getAttribute('href') ?? '');
      warnings.push(
        `The link "${content.trim()}" was a ${scheme}: address, which runs code instead of opening a page: only its words were imported. Link them to a web page in the report if they need a link.`,
      );
      return content;
    },
  });
  // "- item" and "1. item", not turndown's "-   item".
  td.addRule('listItems', {
    filter: 'li',
    replacement: (content, node, options) => {
      const parent = node.parentNode as HTMLElement | null;
      const ordered = parent?.nodeName === 'OL';
      const start = Number(parent?.getAttribute('start') ?? 1);
      const marker = ordered
        ? `${start + Array.prototype.indexOf.call(parent.children, node)}. `
        : `${options.bulletListMarker} `;
      const text = content
        .replace(/^\n+/, '')
        .replace(/\n+$/, '\n')
        .replace(/\n/gm, `\n${' '.repeat(marker.length)}`);
      return marker + text + (node.nextSibling && !/\n$/.test(text) ? '\n' : '');
    },
  });
  // Headings under the title start at ##.
  td.addRule('headings', {
    filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
    replacement: (content, node) => {
      if (node.classList?.contains('title')) return '';
      const level = Math.min(6, Math.max(2, Number(node.nodeName.slice(1)) + shift));
      return `\n\n${'#'.repeat(level)} ${content.replace(/\s+/g, ' ').trim()}\n\n`;
    },
  });
  // mammoth: <sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup>
  td.addRule('noteReferences', {
    filter: (node) =>
      node.nodeName === 'SUP' &&
      /^#(?:footnote|endnote)-\d+$/.test(node.querySelector('a')?.getAttribute('href') ?? ''),
    replacement: (_content, node) => {
      const [, kind, n] = /^#(footnote|endnote)-(\d+)$/.exec(node.querySelector('a')!.getAttribute('href')!)!;
      return `[^${kind === 'endnote' ? 'e' : ''}${n}]`;
    },
  });
  // The notes themselves, at the end: collected as definitions, their "↑" links back dropped.
  td.addRule('notes', {
    filter: (node) =>
      node.nodeName === 'OL' && /^(?:footnote|endnote)-\d+$/.test(node.querySelector('li')?.getAttribute('id') ?? ''),
    replacement: (_content, node) => {
      for (const li of Array.from(node.querySelectorAll('li'))) {
        const [, kind, n] = /^(footnote|endnote)-(\d+)$/.exec(li.getAttribute('id') ?? '') ?? [];
        if (!n) continue;
        const html = li.innerHTML.replace(/\s*<a href="#(?:footnote|endnote)-ref-\d+">↑<\/a>/g, '');
        notes.push(
          `[^${kind === 'endnote' ? 'e' : ''}${n}]: ${inline
            .turndown(html)
            .replace(/\s*\n+\s*/g, ' ')
            .trim()}`,
        );
      }
      return '';
    },
  });
  // A table: its first row is the header row (Markdown needs one); each cell on one line, its pipes escaped.
  td.addRule('tables', {
    filter: 'table',
    replacement: (_content, node) => {
      const rows = Array.from(node.querySelectorAll('tr')).map((tr) =>
        Array.from(tr.children).map((cell) =>
          inline
            .turndown(cell.innerHTML)
            .replace(/\s*\n+\s*/g, ' ')
            .replace(/\|/g, '\\|')
            .trim(),
        ),
      );
      if (!rows.length) return '';
      const width = Math.max(...rows.map((r) => r.length));
      const line = (cells: string[]): string =>
        `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
      return `\n\n${[line(rows[0]!), `|${' --- |'.repeat(width)}`, ...rows.slice(1).map(line)].join('\n')}\n\n`;
    },
  });
  return td;
}

export async function docxToReport(bytes: Buffer, today: string): Promise<ImportedReport> {
  refuseUnreadable(bytes);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new DocxImportError(
      'the file is damaged (it cannot be opened as a .docx): open it in Word or LibreOffice, save it again, and try again',
    );
  }
  if (!zip.file('word/document.xml'))
    throw new DocxImportError(
      'the file is not a Word document (it has no word/document.xml): save it from Word as a Word Document (.docx)',
    );
  const props = await properties(zip);
  const images = new Map<string, Buffer>();
  const extensions: Record<string, string> = {
    'image/png': 'png',
    'image/jpeg': 'jpg',
    'image/gif': 'gif',
    'image/svg+xml': 'svg',
    'image/webp': 'webp',
  };
  let result: { value: string; messages: Array<{ message: string }> };
  try {
    result = await mammoth.convertToHtml(
      { buffer: bytes },
      {
        // LibreOffice's own names for table paragraphs, so they are not reported as unknown styles. (Its "Body Text"
        // is left unmapped: mapping it would hide which paragraphs are list items.)
        styleMap: [
          "p[style-name='Title'] => h1.title:fresh",
          "p[style-name='Subtitle'] => p:fresh",
          "p[style-name='Table Heading'] => p:fresh",
          "p[style-name='Table Contents'] => p:fresh",
        ],
        convertImage: mammoth.images.imgElement(async (image) => {
          const data = await image.readAsBuffer();
          const name = `image-${createHash('sha256').update(data).digest('hex').slice(0, 10)}.${extensions[image.contentType] ?? 'png'}`;
          images.set(name, data);
          return { src: name };
        }),
      },
    );
  } catch (err) {
    throw new DocxImportError(
      `the document could not be read (${(err as Error).message}): open it in Word or LibreOffice, save it again as .docx, and try again`,
    );
  }
  const html = result.value;
  const titleStyle = /<h1 class="title">([\s\S]*?)<\/h1>/
    .exec(html)?.[1]
    ?.replace(/<[^>]+>/g, '')
    .trim();
  let body = html;
  let title = titleStyle;
  if (!title) {
    // No Title style: a first Heading 1 that is the document's title (or the only one, when it has no title
    // property) is the title, and is not repeated as a section.
    const first = /<h1>([\s\S]*?)<\/h1>/.exec(html);
    const text = first?.[1]?.replace(/<[^>]+>/g, '').trim();
    const same = (a: string, b: string): boolean =>
      a.replace(/\W+/g, ' ').trim().toLowerCase() === b.replace(/\W+/g, ' ').trim().toLowerCase();
    if (first && text && (!props.title || same(text, props.title))) {
      title = text;
      body = html.replace(first[0], '');
    } else title = props.title;
  }
  // Word's Heading 1 is the report's first level (##) — unless the document used Heading 1 only for its title, when its
  // Heading 2 is.
  const shift = /<h1>/.test(body) ? 1 : 0;
  const notes: string[] = [];
  const refused: string[] = [];
  const markdown = converter(notes, shift, refused)
    .turndown(body)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const front = draftFrontMatter(title || 'Imported report', '', props.date ?? today);
  return {
    markdown: `${front}\n\n${markdown}\n${notes.length ? `\n${notes.join('\n')}\n` : ''}`,
    title: title || 'Imported report',
    images,
    warnings: [
      ...refused,
      ...result.messages.map((m) => m.message).filter((m) => !/Unrecognised paragraph style: 'Body Text'/.test(m)),
    ],
  };
}
