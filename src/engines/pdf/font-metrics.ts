/**
 * Advance widths of text in a TrueType font, read from its own tables (cmap, hmtx), so layout decisions made before
 * typesetting — does this table fit at 18 point, is this word wider than its column — use the real font, not a guess.
 * Kerning is ignored (it changes a word's width by a percent or two; callers leave a margin).
 */
import { readFileSync } from 'node:fs';

export interface FontMetrics {
  /** Width of `text` at `sizePt`, in points. */
  widthPt(text: string, sizePt: number): number;
  /** Whether the font has a glyph for this code point. */
  covers(codePoint: number): boolean;
  /** The widest glyph's advance, in ems: a word of n characters is at most n times this wide. */
  maxAdvanceEm: number;
}

function tableOffsets(font: Buffer): Map<string, number> {
  const tables = new Map<string, number>();
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const record = 12 + i * 16;
    tables.set(font.toString('latin1', record, record + 4), font.readUInt32BE(record + 8));
  }
  return tables;
}

/** Code point → glyph id, from the best Unicode subtable (format 12 covers beyond the BMP, format 4 the BMP). */
function readCmap(font: Buffer, cmap: number): Map<number, number> {
  const glyphs = new Map<number, number>();
  const count = font.readUInt16BE(cmap + 2);
  const subtables = Array.from({ length: count }, (_, i) => cmap + font.readUInt32BE(cmap + 4 + i * 8 + 4));
  const format12 = subtables.find((offset) => font.readUInt16BE(offset) === 12);
  if (format12 !== undefined) {
    const groups = font.readUInt32BE(format12 + 12);
    for (let g = 0; g < groups; g++) {
      const at = format12 + 16 + g * 12;
      const [start, end, glyph] = [font.readUInt32BE(at), font.readUInt32BE(at + 4), font.readUInt32BE(at + 8)];
      for (let cp = start; cp <= end; cp++) glyphs.set(cp, glyph + cp - start);
    }
    return glyphs;
  }
  const format4 = subtables.find((offset) => font.readUInt16BE(offset) === 4);
  if (format4 === undefined) throw new Error('the font has no Unicode cmap (format 4 or 12)');
  const segments = font.readUInt16BE(format4 + 6) / 2;
  const ends = format4 + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const ranges = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const [end, start] = [font.readUInt16BE(ends + s * 2), font.readUInt16BE(starts + s * 2)];
    const delta = font.readInt16BE(deltas + s * 2);
    const rangeOffset = font.readUInt16BE(ranges + s * 2);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (cp + delta) & 0xffff;
      else {
        const raw = font.readUInt16BE(ranges + s * 2 + rangeOffset + (cp - start) * 2);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) glyphs.set(cp, glyph);
    }
  }
  return glyphs;
}

export function readFontMetrics(file: string): FontMetrics {
  const font = readFileSync(file);
  const tables = tableOffsets(font);
  const [head, hhea, hmtx, cmap] = ['head', 'hhea', 'hmtx', 'cmap'].map((tag) => tables.get(tag));
  if (head === undefined || hhea === undefined || hmtx === undefined || cmap === undefined)
    throw new Error(`${file} is not a TrueType font with head, hhea, hmtx and cmap tables`);
  const unitsPerEm = font.readUInt16BE(head + 18);
  const advanceWidthMax = font.readUInt16BE(hhea + 10);
  const longMetrics = font.readUInt16BE(hhea + 34);
  const glyphs = readCmap(font, cmap);
  const advance = (glyph: number): number => font.readUInt16BE(hmtx + Math.min(glyph, longMetrics - 1) * 4);
  const fallbackAdvance = advance(0);
  return {
    widthPt(text, sizePt) {
      let units = 0;
      for (const char of text) {
        const glyph = glyphs.get(char.codePointAt(0)!);
        units += glyph === undefined ? fallbackAdvance : advance(glyph);
      }
      return (units / unitsPerEm) * sizePt;
    },
    covers: (codePoint) => glyphs.has(codePoint),
    maxAdvanceEm: advanceWidthMax / unitsPerEm,
  };
}

const loaded = new Map<string, FontMetrics>();

/** Metrics of a font file, read once per process. */
export function fontMetrics(file: string): FontMetrics {
  let metrics = loaded.get(file);
  if (!metrics) {
    metrics = readFontMetrics(file);
    loaded.set(file, metrics);
  }
  return metrics;
}
