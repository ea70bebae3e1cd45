/**
 * What a PDF page says, read straight from its content stream with pdf-lib's objects: each run of text with its
 * position and size, and the marked-content sequence it belongs to. Enough for the read-back to compare what a
 * screen reader gets from the tag tree (marked content, joined as written) with the words on the page (laid out, with
 * a space where a line ends or a gap opens), and to find text outside any marked content.
 *
 * pdf.js does the same in about 11 ms a page through its generic machinery; this does only what the checks need.
 * Follows ISO 32000-1 §9.4 (text objects and positioning) and §14.6 (marked content, ActualText).
 */
import { PDFArray, type PDFDict, type PDFDocument, PDFName, type PDFNumber, type PDFPage, PDFRawStream } from 'pdf-lib';
import { resolve, dictOf, numberOf } from './pdf-objects.ts';
import { streamBytes } from './stream-bytes.ts';

export interface TextRun {
  text: string;
  /** Size as a reader sees it: the font size scaled by the text and page matrices (as pdf.js reports it). */
  size: number;
  x0: number;
  x1: number;
  y: number;
  /** The marked-content id this text belongs to (innermost with an MCID), if any. */
  mcid?: number;
  /** Whether any marked content (tagged or artifact) encloses it. */
  marked: boolean;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

// ——— Tokens ———

type Token = number | { op: string } | { name: string } | { bytes: Uint8Array } | Token[] | Map<string, Token>;

/** Byte classes: 1 white space, 2 delimiter (ISO 32000-1 §7.2.2). A table, because this runs for every byte. */
const CLASS = new Uint8Array(256);
for (const b of [0, 9, 10, 12, 13, 32]) CLASS[b] = 1;
for (const b of [40, 41, 60, 62, 91, 93, 123, 125, 47, 37]) CLASS[b] = 2;

/** Calls `operator` with its operands for every operator in a content stream. */
function parseContent(data: Uint8Array, operator: (op: string, operands: Token[]) => void): void {
  let i = 0;
  // Operands of the current operator, or the items of the array or dictionary being read.
  const stack: Token[][] = [];
  let current: Token[] = [];
  const open = (): void => {
    stack.push(current);
    current = [];
  };
  const close = (): Token[] => {
    const items = current;
    current = stack.pop() ?? [];
    return items;
  };
  const readName = (): string => {
    let name = '';
    while (i < data.length && CLASS[data[i]!] === 0) name += String.fromCharCode(data[i++]!);
    return name.includes('#')
      ? name.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
      : name;
  };
  while (i < data.length) {
    const c = data[i]!;
    if (CLASS[c] === 1) {
      i++;
      continue;
    }
    if (c === 37) {
      while (i < data.length && data[i] !== 10 && data[i] !== 13) i++;
      continue;
    }
    if (c === 47) {
      i++;
      current.push({ name: readName() });
      continue;
    }
    if (c === 40) {
      const out: number[] = [];
      let depth = 1;
      i++;
      while (i < data.length) {
        let b = data[i++]!;
        if (b === 92) {
          b = data[i++]!;
          const escapes: Record<number, number> = { 110: 10, 114: 13, 116: 9, 98: 8, 102: 12 };
          if (b >= 48 && b <= 55) {
            let octal = b - 48;
            for (let k = 0; k < 2 && data[i]! >= 48 && data[i]! <= 55; k++) octal = octal * 8 + (data[i++]! - 48);
            out.push(octal & 0xff);
          } else if (b === 13 || b === 10) {
            if (b === 13 && data[i] === 10) i++;
          } else out.push(escapes[b] ?? b);
          continue;
        }
        if (b === 40) depth++;
        if (b === 41 && --depth === 0) break;
        out.push(b);
      }
      current.push({ bytes: Uint8Array.from(out) });
      continue;
    }
    if (c === 60 && data[i + 1] === 60) {
      i += 2;
      open();
      continue;
    }
    if (c === 62 && data[i + 1] === 62) {
      i += 2;
      const items = close();
      const dict = new Map<string, Token>();
      for (let k = 0; k + 1 < items.length; k += 2) {
        const key = items[k];
        if (key && typeof key === 'object' && 'name' in key) dict.set(key.name, items[k + 1]!);
      }
      current.push(dict);
      continue;
    }
    if (c === 60) {
      // Hex strings by hand: Typst writes every glyph run as one.
      const end = data.indexOf(62, i);
      const bytes = new Uint8Array((end - i) >> 1);
      let length = 0;
      let high = -1;
      for (let k = i + 1; k < end; k++) {
        const h = data[k]!;
        const nibble = h >= 48 && h <= 57 ? h - 48 : h >= 65 && h <= 70 ? h - 55 : h >= 97 && h <= 102 ? h - 87 : -1;
        if (nibble < 0) continue;
        if (high < 0) high = nibble;
        else {
          bytes[length++] = (high << 4) | nibble;
          high = -1;
        }
      }
      if (high >= 0) bytes[length++] = high << 4;
      current.push({ bytes: bytes.subarray(0, length) });
      i = end + 1;
      continue;
    }
    if (c === 91) {
      i++;
      open();
      continue;
    }
    if (c === 93) {
      i++;
      const items = close();
      current.push(items);
      continue;
    }
    if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) {
      // Numbers by hand: this loop runs for every operand of every operator.
      const negative = c === 45;
      if (c === 43 || c === 45) i++;
      let value = 0;
      let scale = 0;
      for (; i < data.length; i++) {
        const d = data[i]!;
        if (d === 46 && scale === 0) scale = 1;
        else if (d >= 48 && d <= 57) {
          if (scale) value += (d - 48) / (scale *= 10);
          else value = value * 10 + (d - 48);
        } else break;
      }
      current.push(negative ? -value : value);
      continue;
    }
    const op = readName() || String.fromCharCode(data[i++]!);
    if (stack.length === 0) {
      operator(op, current);
      current = [];
    } else current.push({ op });
  }
}

// ——— Fonts ———

interface FontReader {
  /** Two bytes a character code (Identity-H CID fonts), or one. */
  twoByte: boolean;
  /** Text of each code ('' when the font says nothing). */
  unicode: string[];
  /** Advance width of each code, in text space units per 1 of font size. */
  widths: Float64Array;
  /** For codes past the end of the tables. */
  fallbackWidth: number;
}

function utf16(hex: string): string {
  const units = (hex.match(/.{1,4}/g) ?? []).map((u) => parseInt(u.padEnd(4, '0'), 16));
  return String.fromCharCode(...units);
}

/** A ToUnicode CMap: code → text (bfchar and bfrange, both forms). */
export function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, text] of body!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g))
      map.set(parseInt(code!, 16), utf16(text!));
  }
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, rest] of body!.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g,
    )) {
      const [from, to] = [parseInt(lo!, 16), parseInt(hi!, 16)];
      if (rest!.startsWith('[')) {
        [...rest!.matchAll(/<([0-9a-fA-F]+)>/g)].forEach(([, text], k) => map.set(from + k, utf16(text!)));
      } else {
        const start = rest!.slice(1, -1);
        const last = parseInt(start.slice(-4), 16);
        for (let code = from; code <= to; code++)
          map.set(code, utf16(start.slice(0, -4) + (last + code - from).toString(16).padStart(4, '0')));
      }
    }
  }
  return map;
}

function fontReader(doc: PDFDocument, font: PDFDict): FontReader {
  const toUnicodeStream = resolve(doc, font.get(PDFName.of('ToUnicode')));
  const toUnicode =
    toUnicodeStream instanceof PDFRawStream
      ? parseToUnicode(Buffer.from(streamBytes(toUnicodeStream)).toString('latin1'))
      : undefined;
  const widthOf = new Map<number, number>();
  const twoByte = font.get(PDFName.of('Subtype')) === PDFName.of('Type0');
  let fallback = 0;
  let scale = 1;
  if (twoByte) {
    const descendants = resolve(doc, font.get(PDFName.of('DescendantFonts')));
    const cid = dictOf(doc, descendants instanceof PDFArray ? descendants.get(0) : undefined);
    fallback = numberOf(doc, cid?.get(PDFName.of('DW'))) ?? 1000;
    const w = resolve(doc, cid?.get(PDFName.of('W')));
    const items = w instanceof PDFArray ? w.asArray().map((item) => resolve(doc, item)) : [];
    for (let k = 0; k < items.length;) {
      const first = (items[k] as PDFNumber).asNumber();
      const next = items[k + 1];
      if (next instanceof PDFArray) {
        next.asArray().forEach((value, n) => widthOf.set(first + n, numberOf(doc, value) ?? fallback));
        k += 2;
      } else {
        const [last, width] = [(next as PDFNumber).asNumber(), (items[k + 2] as PDFNumber).asNumber()];
        for (let code = first; code <= last; code++) widthOf.set(code, width);
        k += 3;
      }
    }
  } else {
    const firstChar = numberOf(doc, font.get(PDFName.of('FirstChar'))) ?? 0;
    const list = resolve(doc, font.get(PDFName.of('Widths')));
    if (list instanceof PDFArray)
      list.asArray().forEach((value, n) => widthOf.set(firstChar + n, numberOf(doc, value) ?? 0));
    // Type 3 glyph widths are in glyph space; scale by its FontMatrix.
    const matrix = resolve(doc, font.get(PDFName.of('FontMatrix')));
    scale = matrix instanceof PDFArray ? (numberOf(doc, matrix.get(0)) ?? 0.001) * 1000 : 1;
  }
  // Tables indexed by code, as long as the highest code the font describes: looked up once per glyph on every page.
  const size = twoByte ? Math.max(0, ...widthOf.keys(), ...(toUnicode?.keys() ?? [])) + 1 : 0x100;
  const widths = new Float64Array(size);
  const unicode = new Array<string>(size);
  for (let code = 0; code < size; code++) {
    widths[code] = ((widthOf.get(code) ?? fallback) * scale) / 1000;
    unicode[code] = toUnicode?.get(code) ?? (twoByte ? '' : String.fromCharCode(code));
  }
  return { twoByte, unicode, widths, fallbackWidth: (fallback * scale) / 1000 };
}

// ——— Reading a page ———

function numberAt(args: Token[], k: number): number {
  const value = args[k];
  return typeof value === 'number' ? value : 0;
}

interface TextState {
  font?: FontReader;
  size: number;
  charSpacing: number;
  wordSpacing: number;
  scale: number;
  leading: number;
}

function tokenText(token: Token | undefined): string | undefined {
  if (!token || typeof token !== 'object' || !('bytes' in token)) return undefined;
  const bytes = token.bytes;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(Buffer.from(bytes.subarray(2)).toString('hex'));
  return Buffer.from(bytes).toString('latin1');
}

/** The text runs of a page, in content-stream order (what `pdftotext -raw` reads). */
/** Font readers by font dictionary, kept while pdf-lib keeps the document: pages share their fonts. */
const fontReaders = new WeakMap<PDFDict, FontReader>();

export function pageTextRuns(doc: PDFDocument, page: PDFPage): TextRun[] {
  const runs: TextRun[] = [];
  const readerFor = (font: PDFDict): FontReader => {
    let reader = fontReaders.get(font);
    if (!reader) fontReaders.set(font, (reader = fontReader(doc, font)));
    return reader;
  };
  // Marked content: each entry says whether it carries an MCID, and any ActualText still to be spoken.
  const marks: Array<{ mcid?: number; actual?: string }> = [];

  const run = (data: Uint8Array, resources: PDFDict | undefined, startCtm: Matrix): void => {
    let ctm = startCtm;
    let state: TextState = { size: 0, charSpacing: 0, wordSpacing: 0, scale: 1, leading: 0 };
    const saved: Array<{ ctm: Matrix; state: TextState }> = [];
    let tm: Matrix = IDENTITY;
    let tlm: Matrix = IDENTITY;
    const fontDict = dictOf(doc, resources?.get(PDFName.of('Font')));
    const xobjects = dictOf(doc, resources?.get(PDFName.of('XObject')));
    const properties = dictOf(doc, resources?.get(PDFName.of('Properties')));
    const moveTo = (tx: number, ty: number): void => {
      tlm = multiply([1, 0, 0, 1, tx, ty], tlm);
      tm = tlm;
    };
    const show = (items: Token[]): void => {
      const font = state.font;
      if (!font) return;
      const start = multiply(tm, ctm);
      let text = '';
      // Glyph advances run along the text line: add them up, then move the text matrix once.
      let advance = 0;
      for (const item of items) {
        if (typeof item === 'number') {
          advance += (-item / 1000) * state.size * state.scale;
          continue;
        }
        if (!item || typeof item !== 'object' || !('bytes' in item)) continue;
        const bytes = item.bytes;
        const step = font.twoByte ? 2 : 1;
        for (let k = 0; k + step <= bytes.length; k += step) {
          const code = font.twoByte ? (bytes[k]! << 8) | bytes[k + 1]! : bytes[k]!;
          text += font.unicode[code] ?? '';
          const space = !font.twoByte && code === 32 ? state.wordSpacing : 0;
          advance += ((font.widths[code] ?? font.fallbackWidth) * state.size + state.charSpacing + space) * state.scale;
        }
      }
      tm = multiply([1, 0, 0, 1, advance, 0], tm);
      const end = multiply(tm, ctm);
      // Inside an ActualText span, the span's text replaces its glyphs (spoken once, at its first glyph).
      let mcid: number | undefined;
      let actualFound = false;
      for (let k = marks.length - 1; k >= 0; k--) {
        const mark = marks[k]!;
        if (!actualFound && mark.actual !== undefined) {
          text = mark.actual;
          mark.actual = '';
          actualFound = true;
        }
        if (mcid === undefined) mcid = mark.mcid;
      }
      runs.push({
        text,
        size: Math.hypot(start[2], start[3]) * state.size,
        x0: start[4],
        x1: end[4],
        y: start[5],
        ...(mcid !== undefined ? { mcid } : {}),
        marked: marks.length > 0,
      });
    };
    parseContent(data, (op, args) => {
      switch (op) {
        case 'q':
          saved.push({ ctm, state: { ...state } });
          break;
        case 'Q': {
          const s = saved.pop();
          if (s) ({ ctm, state } = s);
          break;
        }
        case 'cm':
          ctm = multiply(
            [
              numberAt(args, 0),
              numberAt(args, 1),
              numberAt(args, 2),
              numberAt(args, 3),
              numberAt(args, 4),
              numberAt(args, 5),
            ],
            ctm,
          );
          break;
        case 'BT':
          tm = tlm = IDENTITY;
          break;
        case 'Tf': {
          const name = args[0] && typeof args[0] === 'object' && 'name' in args[0] ? args[0].name : '';
          const font = dictOf(doc, fontDict?.get(PDFName.of(name)));
          state.font = font ? readerFor(font) : undefined;
          state.size = numberAt(args, 1);
          break;
        }
        case 'Tc':
          state.charSpacing = numberAt(args, 0);
          break;
        case 'Tw':
          state.wordSpacing = numberAt(args, 0);
          break;
        case 'Tz':
          state.scale = numberAt(args, 0) / 100;
          break;
        case 'TL':
          state.leading = numberAt(args, 0);
          break;
        case 'Td':
          moveTo(numberAt(args, 0), numberAt(args, 1));
          break;
        case 'TD':
          state.leading = -numberAt(args, 1);
          moveTo(numberAt(args, 0), numberAt(args, 1));
          break;
        case 'Tm':
          tm = tlm = [
            numberAt(args, 0),
            numberAt(args, 1),
            numberAt(args, 2),
            numberAt(args, 3),
            numberAt(args, 4),
            numberAt(args, 5),
          ];
          break;
        case 'T*':
          moveTo(0, -state.leading);
          break;
        case 'Tj':
          show([args[0]!]);
          break;
        case 'TJ':
          show(Array.isArray(args[0]) ? args[0] : []);
          break;
        case "'":
          moveTo(0, -state.leading);
          show([args[0]!]);
          break;
        case '"':
          state.wordSpacing = numberAt(args, 0);
          state.charSpacing = numberAt(args, 1);
          moveTo(0, -state.leading);
          show([args[2]!]);
          break;
        case 'BMC':
          marks.push({});
          break;
        case 'BDC': {
          const props = args[1];
          let dict: Map<string, Token> | undefined = props instanceof Map ? props : undefined;
          let mcid: number | undefined;
          let actual: string | undefined;
          if (dict) {
            mcid = typeof dict.get('MCID') === 'number' ? (dict.get('MCID') as number) : undefined;
            actual = tokenText(dict.get('ActualText'));
          } else if (props && typeof props === 'object' && 'name' in props) {
            const named = dictOf(doc, properties?.get(PDFName.of(props.name)));
            mcid = numberOf(doc, named?.get(PDFName.of('MCID')));
            dict = undefined;
          }
          marks.push({ ...(mcid !== undefined ? { mcid } : {}), ...(actual !== undefined ? { actual } : {}) });
          break;
        }
        case 'EMC':
          marks.pop();
          break;
        case 'Do': {
          const name = args[0] && typeof args[0] === 'object' && 'name' in args[0] ? args[0].name : '';
          const form = resolve(doc, xobjects?.get(PDFName.of(name)));
          if (form instanceof PDFRawStream && form.dict.get(PDFName.of('Subtype')) === PDFName.of('Form')) {
            const m = resolve(doc, form.dict.get(PDFName.of('Matrix')));
            const matrix = m instanceof PDFArray ? (m.asArray().map((v) => numberOf(doc, v) ?? 0) as Matrix) : IDENTITY;
            run(
              streamBytes(form),
              dictOf(doc, form.dict.get(PDFName.of('Resources'))) ?? resources,
              multiply(matrix, ctm),
            );
          }
          break;
        }
      }
    });
  };

  const contents = resolve(doc, page.node.get(PDFName.of('Contents')));
  const streams = contents instanceof PDFArray ? contents.asArray().map((c) => resolve(doc, c)) : [contents];
  const data = streams
    .filter((s): s is PDFRawStream => s instanceof PDFRawStream)
    .map((s) => Buffer.from(streamBytes(s)));
  run(Buffer.concat(data.flatMap((d) => [d, Buffer.from('\n')])), page.node.Resources(), IDENTITY);
  return runs;
}

/** The page's text as laid out: a space wherever a line ends or a gap opens between runs on the same line. */
export function layoutText(runs: readonly TextRun[]): string {
  let text = '';
  let previous: TextRun | undefined;
  for (const r of runs) {
    if (
      previous &&
      (Math.abs(r.y - previous.y) > previous.size * 0.5 ||
        r.x0 - previous.x1 > previous.size * 0.15 ||
        r.x0 < previous.x0 - 1)
    )
      text += ' ';
    text += r.text;
    previous = r;
  }
  return text;
}

/** Text of each marked-content sequence, joined as written (what the tag tree hands a screen reader). */
export function markedText(runs: readonly TextRun[]): Map<number, string> {
  const marked = new Map<number, string>();
  for (const r of runs) if (r.mcid !== undefined) marked.set(r.mcid, (marked.get(r.mcid) ?? '') + r.text);
  return marked;
}
