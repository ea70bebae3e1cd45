/**
 * Renders an audio script three ways from the same structure:
 * - the narrator's script (plain UTF-8 text, with an estimate per section and [pause] directions),
 * - SSML for speech engines (say-as, sub and break mark the spoken forms).
 * What our own speech engines read, sentence by sentence, is sentences.ts's engineText.
 */
import type { AudioScript } from './script.ts';
import { estimatedSeconds, WORDS_PER_MINUTE } from './script.ts';
import { spoken, type Piece } from './speakable.ts';
import { escapeXml } from '../../build/escape.ts';

function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return `${m}:${String(s).padStart(2, '0')}`;
}

const xml = escapeXml;

function line(pieces: readonly Piece[], directions: boolean): string {
  const said = spoken(pieces);
  const before = directions && pieces[0]?.kind === 'pause' && pieces[0].ms >= 500 ? '[pause] ' : '';
  const last = pieces.at(-1);
  const after = directions && last?.kind === 'pause' && last.ms >= 500 ? ' [pause]' : '';
  return `${before}${said}${after}`.trim();
}

/**
 * The script as text. With directions (the downloadable script): a header of lines starting "#" with the estimated
 * length of the whole and of each section, and [pause] marks; without (the transcript): only what is said.
 */
export function renderScriptText(script: AudioScript, options: { directions: boolean }): string {
  const out: string[] = [];
  if (options.directions) {
    const total = estimatedSeconds(script.chapters);
    out.push(`# Audio script: ${script.title}`);
    out.push(`# Estimated length: ${clock(total)} at ${WORDS_PER_MINUTE} words a minute.`);
    let start = 0;
    script.chapters.forEach((chapter, i) => {
      const length = estimatedSeconds([chapter]);
      out.push(`# ${i + 1}. ${chapter.title}: starts ${clock(start)}, lasts ${clock(length)}`);
      start += length;
    });
    out.push(
      '# Lines starting with # and words in [square brackets] are notes for the narrator: do not read them.',
      '',
    );
  }
  for (const chapter of script.chapters) {
    for (const paragraph of chapter.paragraphs) {
      const said = line(paragraph, options.directions);
      if (said) out.push(said);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function ssmlPieces(pieces: readonly Piece[]): string {
  return pieces
    .map((p) => {
      switch (p.kind) {
        case 'text':
          return xml(p.text);
        case 'pause':
          return `<break time="${p.ms}ms"/>`;
        case 'telephone':
          return `<say-as interpret-as="telephone">${xml(p.written)}</say-as>`;
        case 'characters':
          return `<say-as interpret-as="characters">${xml(p.written)}</say-as>`;
        case 'date':
          return `<say-as interpret-as="date" format="ymd">${xml(p.written)}</say-as>`;
        case 'sub':
        case 'pronounce':
          return `<sub alias="${xml(p.spoken)}">${xml(p.written)}</sub>`;
      }
    })
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** SSML 1.1 of the whole script: one <p> per paragraph, breaks kept, spoken forms marked up. */
export function renderSsml(script: AudioScript): string {
  const chapters = script.chapters.map((chapter) => {
    const paragraphs = chapter.paragraphs.map((p) => {
      const leading = p[0]?.kind === 'pause' ? ssmlPieces([p[0]]) : '';
      const trailing = p.length > 1 && p.at(-1)?.kind === 'pause' ? ssmlPieces([p.at(-1)!]) : '';
      const inner = ssmlPieces(p.filter((piece, i) => !(piece.kind === 'pause' && (i === 0 || i === p.length - 1))));
      return `${leading}${inner ? `<p><s>${inner}</s></p>` : ''}${trailing}`;
    });
    return `  <!-- ${xml(chapter.title).replace(/--/g, '–')} -->\n  ${paragraphs.filter(Boolean).join('\n  ')}`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<speak version="1.1" xmlns="http://www.w3.org/2001/10/synthesis" xml:lang="${xml(script.lang)}">
${chapters.join('\n')}
</speak>
`;
}
