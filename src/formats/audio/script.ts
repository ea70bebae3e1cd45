/**
 * The audio script: a renderer of the report model written for the ear (UKAAF MS01 practice; ../shared/FORMATS.md).
 * Chapters are the opening, each h2 section and the closing. Everything only visual is turned into words: headings
 * announced, lists counted, tables read row by row with their headers, images described from their alt text, quotes
 * opened and closed, footnotes read after the paragraph that cites them, abbreviations expanded on first use.
 */
import type { Block, Footnote, Inline, ReportDocument, TableBlock } from '../../report/model.ts';
import type { Organisation } from '../../report/site-data.ts';
import { readableDate } from '../site/filters.ts';
import { saidInFullJustBefore } from '../../report/abbreviations.ts';
import { CALLOUT_LABELS, checklistSummary, withTaskState } from '../../report/callouts.ts';
import { listInWords } from '../available.ts';
import { blockAnchor, noteAnchor, rowAnchor, TITLE_ANCHOR } from '../../report/anchors.ts';
import { speakableText, spoken, spokenCode, spokenLetters, type Piece, applyPronunciations } from './speakable.ts';
import { changesNewestFirst } from '../../report/front-matter.ts';

/** Speaking rate used for estimates (FORMATS.md: about 150 words a minute). */
export const WORDS_PER_MINUTE = 150;

export const PAUSES = { beforeSection: 900, afterSection: 600, aroundSubheading: 400 };

export interface AudioChapter {
  title: string;
  /** Each paragraph is one <p> in SSML and one line in the plain script. */
  paragraphs: Piece[][];
  /**
   * Beside each paragraph, what it reads on a page that shows the text itself (the easy-read page: "p-2-0" for the
   * first point of the third section), so that page can follow the recording.
   */
  anchors?: Array<string | undefined>;
}

export interface AudioScript {
  title: string;
  lang: string;
  chapters: AudioChapter[];
}

export interface ScriptOptions {
  organisation: Organisation;
  /** Other editions, in words: "a web page", "a large print PDF"… */
  otherFormats: readonly string[];
  /** Word → how to say it, from site settings (speech.pronunciations). */
  pronunciations?: Readonly<Record<string, string>>;
}

interface State {
  /** The report's abbreviation list: each is said in full the first time it is heard, anywhere. */
  abbreviations: ReadonlyMap<string, string>;
  abbreviationsSaid: Set<string>;
  footnotes: Map<number, Footnote>;
  pendingNotes: number[];
}

const text = (t: string): Piece => ({ kind: 'text', text: t });
const pause = (ms: number): Piece => ({ kind: 'pause', ms });
const date = (iso: string): Piece => ({ kind: 'date', written: iso, spoken: readableDate(iso) });

function endSentence(pieces: Piece[]): Piece[] {
  const said = spoken(pieces);
  return said && !/[.!?:]$/.test(said) ? [...pieces, text('.')] : pieces;
}

/** Written text as pieces, with the report's abbreviations said in full the first time (in alt text and titles too). */
function say(written: string, state: State): Piece[] {
  return speakableText(written).flatMap((piece): Piece[] => {
    if (piece.kind !== 'characters') return [piece];
    const full = state.abbreviations.get(piece.written);
    if (!full || state.abbreviationsSaid.has(piece.written)) return [piece];
    state.abbreviationsSaid.add(piece.written);
    return [text(`${full}, or `), piece];
  });
}

function inline(nodes: readonly Inline[], state: State): Piece[] {
  return nodes.flatMap((node, index): Piece[] => {
    switch (node.type) {
      case 'text':
        return say(node.text, state);
      case 'strong':
      case 'em':
      case 'strike':
      case 'link':
        return inline(node.children, state);
      case 'code':
        return [text(spokenCode(node.text))];
      case 'break': {
        // A hard line break (a title over two lines, an address) is a pause, not the next word run on.
        const before = nodes[index - 1];
        const ends = before && 'text' in before ? before.text : '';
        return [text(/[,.;:!?]\s*$/.test(ends) ? ' ' : ', ')];
      }
      case 'html':
        return [];
      case 'image':
        return node.image.decorative ? [] : [text(` (image: ${node.image.alt}) `)];
      case 'footnote-ref':
        state.pendingNotes.push(node.footnote);
        return [];
      case 'abbr': {
        const short = node.children.map((c) => ('text' in c ? c.text : '')).join('');
        const letters: Piece = /^[A-Z]{2,5}s?$/.test(short)
          ? { kind: 'characters', written: short, spoken: spokenLetters(short) }
          : text(short);
        // "British Sign Language (BSL)": the text has just said it in full, so the letters are enough.
        const before = nodes[index - 1];
        const saidInFull = before?.type === 'text' && saidInFullJustBefore(before.text, node.title);
        if (state.abbreviationsSaid.has(short) || saidInFull) {
          state.abbreviationsSaid.add(short);
          return [letters];
        }
        state.abbreviationsSaid.add(short);
        return [text(`${node.title}, or `), letters];
      }
    }
  });
}

/** A paragraph of the script and what it reads (see report/anchors.ts). */
interface Said {
  pieces: Piece[];
  anchor?: string;
}

/** Footnotes cited in the paragraph just read, read now ("where they belong"). */
function notesNow(state: State): Said[] {
  return [...new Set(state.pendingNotes.splice(0))].flatMap((n) => {
    const note = state.footnotes.get(n);
    if (!note) return [];
    const body = note.blocks.flatMap((b) => (b.type === 'paragraph' ? inline(b.content, state) : []));
    return [{ pieces: endSentence([text(`Note ${n}: `), ...body]), anchor: noteAnchor(n) }];
  });
}

function table(block: TableBlock, state: State, anchor: string): Said[] {
  const caption = block.caption ? spoken(inline(block.caption, state)) : '';
  const rows = block.rows.length;
  const out: Said[] = [
    { pieces: [text(`Table${caption ? `: ${caption}` : ''}. ${rows} ${rows === 1 ? 'row' : 'rows'}.`)], anchor },
  ];
  const headers = block.header.map((h) => spoken(inline(h.content, state)));
  block.rows.forEach((row, i) => {
    const cells = row.flatMap((cell, c) =>
      endSentence([text(`${headers[c] ?? `Column ${c + 1}`}: `), ...inline(cell.content, state)]).concat(text(' ')),
    );
    out.push({ pieces: [text(`Row ${i + 1}. `), ...cells], anchor: rowAnchor(anchor, i) });
  });
  return out;
}

/** The blocks at `path` (section index, then index at each level) as paragraphs of the script. */
function blocks(list: readonly Block[], state: State, path: readonly number[]): Said[] {
  const out: Said[] = [];
  list.forEach((block, index) => {
    const anchor = blockAnchor([...path, index]);
    switch (block.type) {
      case 'heading':
        out.push({
          pieces: [
            pause(PAUSES.aroundSubheading),
            ...endSentence(inline(block.content, state)),
            pause(PAUSES.aroundSubheading),
          ],
          anchor: block.id,
        });
        break;
      case 'paragraph':
        out.push({ pieces: endSentence(inline(block.content, state)), anchor }, ...notesNow(state));
        break;
      case 'list': {
        const count = block.items.length;
        const intro = block.done
          ? `A checklist of ${count} ${count === 1 ? 'item' : 'items'}, ${checklistSummary(block.done)}.`
          : count === 1
            ? 'There is 1 point in this list.'
            : `There are ${count} points in this list.`;
        out.push({ pieces: [text(intro)], anchor });
        block.items.forEach((item, i) => {
          const [first, ...rest] = blocks(withTaskState(item, block.done?.[i]), state, [...path, index, i]);
          out.push(
            {
              pieces: [text(`${block.start + i}: `), ...(first?.pieces ?? [])],
              anchor: blockAnchor([...path, index, i]),
            },
            ...rest,
          );
        });
        out.push(...notesNow(state));
        break;
      }
      case 'quote':
        out.push({ pieces: [text('Quote:')], anchor }, ...blocks(block.blocks, state, [...path, index]), {
          pieces: [text('End of quote.')],
        });
        break;
      case 'callout': {
        const label = CALLOUT_LABELS[block.kind];
        out.push({ pieces: [text(`${label}:`)], anchor }, ...blocks(block.blocks, state, [...path, index]), {
          pieces: [text(`End of ${label.toLowerCase()}.`)],
        });
        break;
      }
      case 'figure':
        if (!block.image.decorative) {
          out.push({ pieces: endSentence([text('Image description: '), ...say(block.image.alt, state)]), anchor });
          if (block.image.caption)
            out.push({ pieces: endSentence([text('Caption: '), ...say(block.image.caption, state)]), anchor });
        }
        break;
      case 'table':
        out.push(...table(block, state, anchor), ...notesNow(state));
        break;
      case 'code':
        out.push({ pieces: [text(block.text)], anchor });
        break;
      case 'rule':
        out.push({ pieces: [pause(PAUSES.aroundSubheading)] });
        break;
      case 'html':
        break;
    }
  });
  return out;
}

export function wordCount(chapters: readonly AudioChapter[]): number {
  return chapters.reduce(
    (sum, c) => sum + c.paragraphs.reduce((s, p) => s + (spoken(p).match(/\S+/g)?.length ?? 0), 0),
    0,
  );
}

export function estimatedSeconds(chapters: readonly AudioChapter[]): number {
  return Math.round((wordCount(chapters) / WORDS_PER_MINUTE) * 60);
}

/** "8 minutes", "1 minute", "under a minute". */
export function spokenDuration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return minutes < 1 ? 'under a minute' : `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

export function toAudioScript(doc: ReportDocument, options: ScriptOptions): AudioScript {
  const state: State = {
    abbreviations: doc.abbreviations,
    abbreviationsSaid: new Set(),
    footnotes: new Map(doc.footnotes.map((f) => [f.number, f])),
    pendingNotes: [],
  };
  const org = options.organisation;
  // The title is heard first, so its abbreviations are expanded before the body's.
  const titlePieces = endSentence(say(doc.meta.title, state));
  const body: AudioChapter[] = [];
  let preamble: Said[] = [];
  let number = 0;
  doc.sections.forEach((section, s) => {
    const said = blocks(section.blocks, state, [s]);
    if (!section.heading) {
      preamble = said;
      return;
    }
    number++;
    const heading = [
      pause(PAUSES.beforeSection),
      text(`Section ${number}: `),
      ...endSentence(inline(section.heading.content, state)),
      pause(PAUSES.afterSection),
    ];
    body.push({
      title: section.heading.text,
      paragraphs: [heading, ...said.map((p) => p.pieces)],
      anchors: [section.heading.id, ...said.map((p) => p.anchor)],
    });
  });
  const routes = [`phone ${org.phone}`, ...(org.text ? [`text ${org.text}`] : []), `email ${org.email}`];
  const closing: AudioChapter = {
    title: 'Other formats and feedback',
    paragraphs: [
      [pause(PAUSES.beforeSection), text('Other formats and feedback.'), pause(PAUSES.afterSection)],
      ...(options.otherFormats.length
        ? [[text(`This report is also available as ${listInWords(options.otherFormats)}.`)]]
        : []),
      [
        text('To ask for it in another format, such as braille or another language, or to tell us what you think, '),
        ...speakableText(`${listInWords(routes)}.`),
      ],
      [...speakableText(`You can also write to us at ${org.address.join(', ')}.`)],
      [text(`This is the end of the audio version of ${doc.meta.title}.`)],
    ],
  };
  const opening = (seconds: number): AudioChapter => {
    const newest = changesNewestFirst(doc.meta.changes)[0];
    const titles = body.map((c) => c.title);
    // Only the title and the text before the first section are in the report itself: the rest has no anchor.
    const said: Said[] = [
      { pieces: [...titlePieces, pause(PAUSES.afterSection)], anchor: TITLE_ANCHOR },
      {
        pieces: [text(`An audio version of a report by ${org.name}, published `), date(doc.meta.published), text('.')],
      },
      ...(doc.meta.updated
        ? [
            {
              pieces: endSentence([
                text('Updated '),
                date(doc.meta.updated),
                ...(newest ? [text(': '), ...speakableText(newest.summary)] : []),
              ]),
            },
          ]
        : []),
      ...(titles.length
        ? [
            {
              pieces: [
                text(
                  `It has ${titles.length} ${titles.length === 1 ? 'section' : 'sections'}: ${listInWords(titles)}.`,
                ),
              ],
            },
          ]
        : []),
      { pieces: [text(`It lasts about ${spokenDuration(seconds)}.`)] },
      ...preamble,
    ];
    return { title: 'Introduction', paragraphs: said.map((p) => p.pieces), anchors: said.map((p) => p.anchor) };
  };
  // The opening says how long the whole recording lasts, so it is estimated with itself included.
  const rest = [...body, closing];
  const draft = estimatedSeconds([opening(0), ...rest]);
  const chapters = [opening(draft), ...rest];
  const pronunciations = options.pronunciations ?? {};
  return {
    title: doc.meta.title,
    lang: doc.meta.lang,
    // Last, over everything said (title, text, contact details alike), so no word escapes the list.
    chapters: chapters.map((c) => ({
      ...c,
      paragraphs: c.paragraphs.map((p) => applyPronunciations(p, pronunciations)),
    })),
  };
}
