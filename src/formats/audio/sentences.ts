/**
 * The audio script cut into sentences: the unit that is spoken, cached, timed and highlighted. Each sentence keeps
 * what the engine reads (spoken forms, respellings) and what the reader sees (the transcript's words), and the silence
 * before it, from the script's pauses.
 */
import type { AudioScript } from './script.ts';
import { piecesAsText, shown, type Piece } from './speakable.ts';

/** Silence between sentences of a paragraph, and between paragraphs (unless the script asks for a longer pause). */
export const GAPS = { sentence: 350, paragraph: 700, start: 300 };

export interface Sentence {
  /** "s1", "s2"… in reading order: the WebVTT cue's identifier and the transcript's anchor. */
  id: string;
  /** What the speech engine reads. */
  said: string;
  /** What the reader sees, in the transcript and the WebVTT cue. */
  written: string;
  gapBeforeMs: number;
}

export interface SentenceChapter {
  title: string;
  /** Paragraphs, each a list of sentences. */
  paragraphs: Sentence[][];
  /** The script's anchor for each of those paragraphs (see AudioChapter.anchors). */
  anchors: Array<string | undefined>;
}

/** Words the text ends a sentence with that are not the end of a sentence. */
const NOT_AN_END =
  /(?:^|[\s(])(?:e\.g|i\.e|Dr|Mr|Mrs|Ms|Mx|St|No|no|vs|approx|Prof|Cllr|Rev|p|pp|para|fig|Fig|vol|ch|ref|Tel|tel|[A-Z])\.$/;
const BOUNDARY = /(?<=[.!?]["'”’)\]]*)\s+(?=["'“‘([]?[\p{Lu}\p{N}£$€])/gu;

/**
 * Where a run of text breaks between sentences: each break's end (after the full stop) and where the next sentence
 * starts (after the space). Also used by the EPUB, to mark the same sentences in the report's text.
 */
export function sentenceBreaks(text: string): Array<{ end: number; next: number }> {
  const breaks: Array<{ end: number; next: number }> = [];
  let last = 0;
  for (const match of text.matchAll(BOUNDARY)) {
    if (NOT_AN_END.test(text.slice(last, match.index).trimEnd())) continue;
    breaks.push({ end: match.index, next: match.index + match[0].length });
    last = match.index + match[0].length;
  }
  return breaks;
}

/** What the engine reads for pieces: spoken forms written out, pauses as spaces. */
export function engineText(pieces: readonly Piece[]): string {
  return piecesAsText(pieces, (p) => p.spoken);
}

/** Adjacent text pieces as one, so a sentence end is seen whole. */
function mergeText(pieces: readonly Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const piece of pieces) {
    const last = out.at(-1);
    if (piece.kind === 'text' && last?.kind === 'text')
      out[out.length - 1] = { kind: 'text', text: last.text + piece.text };
    else out.push(piece);
  }
  return out;
}

/** One paragraph's pieces as sentences' pieces. */
export function splitSentences(pieces: readonly Piece[]): Piece[][] {
  const sentences: Piece[][] = [];
  let current: Piece[] = [];
  for (const piece of mergeText(pieces.filter((p) => p.kind !== 'pause'))) {
    if (piece.kind !== 'text') {
      // "…one year old. Perinatal…" where the next sentence opens with a marked word (a respelling, a number).
      const before = current.at(-1);
      if (
        before?.kind === 'text' &&
        /[.!?]["'”’)\]]*\s+$/.test(before.text) &&
        !NOT_AN_END.test(before.text.trimEnd()) &&
        /^[\p{Lu}\p{N}]/u.test('written' in piece ? piece.written : '')
      ) {
        sentences.push(current);
        current = [];
      }
      current.push(piece);
      continue;
    }
    let last = 0;
    for (const { end, next } of sentenceBreaks(piece.text)) {
      current.push({ kind: 'text', text: piece.text.slice(last, end) });
      sentences.push(current);
      current = [];
      last = next;
    }
    current.push({ kind: 'text', text: piece.text.slice(last) });
  }
  sentences.push(current);
  return sentences.filter((s) => engineText(s) !== '');
}

export function toSentences(script: AudioScript): SentenceChapter[] {
  let count = 0;
  let pendingPause = 0;
  let first = true;
  return script.chapters.map((chapter) => {
    const anchors: Array<string | undefined> = [];
    const paragraphs = chapter.paragraphs.flatMap((pieces, index) => {
      const leading = pieces[0]?.kind === 'pause' ? pieces[0].ms : 0;
      const trailing = pieces.length > 1 && pieces.at(-1)?.kind === 'pause' ? (pieces.at(-1) as { ms: number }).ms : 0;
      const parts = splitSentences(pieces);
      if (parts.length === 0) {
        // A paragraph that is only a pause (a thematic break): it lengthens the next gap.
        pendingPause += leading + trailing;
        return [];
      }
      const sentences = parts.map((part, i): Sentence => {
        const gapBeforeMs =
          i > 0 ? GAPS.sentence : first ? GAPS.start : Math.max(GAPS.paragraph, pendingPause + leading);
        first = false;
        count++;
        return { id: `s${count}`, said: engineText(part), written: shown(part), gapBeforeMs };
      });
      pendingPause = trailing;
      anchors.push(chapter.anchors?.[index]);
      return [sentences];
    });
    return { title: chapter.title, paragraphs, anchors };
  });
}

/** Anchor → the ids of its sentences, space-separated ("s4 s5"): what a page element follows. */
export function cuesByAnchor(chapters: readonly SentenceChapter[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const chapter of chapters) {
    chapter.paragraphs.forEach((sentences, i) => {
      const anchor = chapter.anchors[i];
      if (anchor) out[anchor] = sentences.map((s) => s.id).join(' ');
    });
  }
  return out;
}
