/**
 * One report in braille, at one grade: the report model as braille blocks, translated by liblouis in one run, laid
 * out by our formatter after a title page and a contents page, then checked (line and page sizes, BRF characters only,
 * nothing liblouis could not translate) and translated back to measure how much of the report's wording survives.
 */
import type { ReportDocument } from '../../report/model.ts';
import type { Organisation } from '../../report/site-data.ts';
import { error, type Problem } from '../../report/problems.ts';
import { readableDate } from '../site/filters.ts';
import { wordsOf } from '../../report/words.ts';
import { reportBrailleBlocks, type BrailleBlock } from './braille-text.ts';
import { translateLines, untranslatable, type Grade } from './liblouis.ts';
import { layOut, toBrf, braillePageNumber, type BrfBlock, type PageSize } from './layout.ts';
import { changesNewestFirst } from '../../report/front-matter.ts';

export interface BrailleEdition {
  grade: Grade;
  brf: string;
  pages: number;
  /** Share of the report's words found again when the braille is translated back (0–1). */
  roundTrip: number;
  /** The Markdown line of the block that lost the most words, for the message when the round trip falls short. */
  worstLine: number;
  problems: Problem[];
}

/** Only these characters may appear in a BRF file: the 64 braille cells as ASCII (space to underscore). */
const BRF_CHARACTERS = /^[\x20-\x5f]*$/;

/** How many of `source`'s words (counted with repeats) appear in `back`. */
export function recall(source: readonly string[], back: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const w of back) counts.set(w, (counts.get(w) ?? 0) + 1);
  let found = 0;
  for (const w of source) {
    const n = counts.get(w) ?? 0;
    if (n > 0) {
      found++;
      counts.set(w, n - 1);
    }
  }
  return source.length ? found / source.length : 1;
}

export function checkPages(pages: readonly string[][], size: PageSize, file: string): Problem[] {
  const problems: Problem[] = [];
  pages.forEach((lines, p) => {
    if (lines.length > size.lines)
      problems.push(
        error(
          file,
          0,
          `braille page ${p + 1} has ${lines.length} lines, more than ${size.lines}`,
          'this is a fault in the braille formatter: please report it',
          'braille',
        ),
      );
    lines.forEach((line, l) => {
      if (line.length > size.cells)
        problems.push(
          error(
            file,
            0,
            `braille page ${p + 1}, line ${l + 1} has ${line.length} cells, more than ${size.cells}`,
            'this is a fault in the braille formatter: please report it',
            'braille',
          ),
        );
      if (!BRF_CHARACTERS.test(line))
        problems.push(
          error(
            file,
            0,
            `braille page ${p + 1}, line ${l + 1} has a character that is not braille`,
            'this is a fault in the braille formatter: please report it',
            'braille',
          ),
        );
    });
  });
  return problems;
}

/** Email and web addresses: UEB writes them uncontracted, after the grade 1 word indicator. */
// Addresses with "://" are left to liblouis: its back-translation misreads their colon after the indicator.
const ADDRESS = /(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|www\.[^\s]*[^\s.,;:!?)])/g;
const GRADE_1_WORD = ';;';

/**
 * Texts translated at `grade`. In contracted braille, addresses are translated apart, uncontracted, and marked with the
 * grade 1 word indicator, as a transcriber writes them ("info@…" would otherwise read as contractions). One liblouis
 * run per grade, whatever the number of texts.
 */
export async function translateTexts(texts: readonly string[], grade: Grade): Promise<string[]> {
  if (grade === 1) return translateLines(texts, 1);
  type Part = { text: string; address: boolean };
  const split = texts.map((text): Part[] => {
    const parts: Part[] = [];
    let last = 0;
    for (const match of text.matchAll(ADDRESS)) {
      if (match.index > last) parts.push({ text: text.slice(last, match.index), address: false });
      parts.push({ text: match[0], address: true });
      last = match.index + match[0].length;
    }
    if (last < text.length || parts.length === 0) parts.push({ text: text.slice(last), address: false });
    return parts;
  });
  const words = split
    .flat()
    .filter((p) => !p.address)
    .map((p) => p.text.trim());
  const addresses = split
    .flat()
    .filter((p) => p.address)
    .map((p) => p.text);
  const [contracted, uncontracted] = await Promise.all([translateLines(words, 2), translateLines(addresses, 1)]);
  let w = 0;
  let a = 0;
  return split.map((parts) =>
    parts
      .map((part, i) => {
        const brf = part.address ? `${GRADE_1_WORD}${uncontracted[a++]}` : contracted[w++]!;
        const space = i > 0 && (/\s$/.test(parts[i - 1]!.text) || /^\s/.test(part.text)) ? ' ' : '';
        return brf ? `${space}${brf}` : '';
      })
      .join('')
      .trim(),
  );
}

export async function makeBraille(
  doc: ReportDocument,
  organisation: Organisation,
  size: PageSize,
  grade: Grade,
): Promise<BrailleEdition> {
  const blocks = reportBrailleBlocks(doc);
  const problems: Problem[] = [];
  for (const char of await untranslatable(blocks.map((b) => b.text).join(' '))) {
    const block = blocks.find((b) => b.text.includes(char))!;
    problems.push(
      error(
        doc.file,
        block.line,
        `"${char}" (U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) cannot be written in braille`,
        'replace it with words, or with a common character',
        'braille',
      ),
    );
  }
  if (problems.length) return { grade, brf: '', pages: 0, roundTrip: 0, worstLine: 0, problems };

  const contracted = grade === 2 ? 'contracted (grade 2)' : 'uncontracted (grade 1)';
  const contents = blocks.filter(
    (b): b is Extract<BrailleBlock, { kind: 'heading' }> => b.kind === 'heading' && b.level === 2,
  );
  const routes = [
    `phone ${organisation.phone}`,
    ...(organisation.text ? [`text ${organisation.text}`] : []),
    `email ${organisation.email}`,
  ];
  const title = [
    doc.meta.title,
    `By ${organisation.name}`,
    `Published ${readableDate(doc.meta.published)}${doc.meta.updated ? `, updated ${readableDate(doc.meta.updated)}` : ''}`,
    `Unified English Braille, ${contracted}`,
    `This report is also on our website, in large print, easy read and audio. To ask for another format, ${routes.join(', ')}.`,
    'Contents',
  ];
  // What changed, newest first, as the web page and the PDFs say it: a reader of an updated edition learns what is new.
  const changes = changesNewestFirst(doc.meta.changes).map((c) => `Updated ${readableDate(c.date)}: ${c.summary}`);
  const translated = await translateTexts(
    [...blocks.map((b) => b.text), ...title, ...changes, ...contents.map((c) => c.text)],
    grade,
  );
  const body = translated.slice(0, blocks.length);
  const [tTitle, tBy, tDate, tCode, tFormats, tContents] = translated.slice(
    blocks.length,
    blocks.length + title.length,
  );
  const tChanges = translated.slice(blocks.length + title.length, blocks.length + title.length + changes.length);
  const tEntries = translated.slice(blocks.length + title.length + changes.length);

  const bodyBlocks: BrfBlock[] = blocks.map((b, i) =>
    b.kind === 'heading'
      ? { kind: 'heading', level: b.level, brf: body[i]! }
      : b.kind === 'item'
        ? { kind: 'item', brf: body[i]!, depth: b.depth }
        : { kind: 'paragraph', brf: body[i]! },
  );
  const titleBlocks = (pagesLine: string): BrfBlock[] => [
    { kind: 'centred', brf: tTitle! },
    { kind: 'blank' },
    { kind: 'centred', brf: tBy! },
    { kind: 'centred', brf: tDate! },
    { kind: 'blank' },
    ...tChanges.flatMap((brf): BrfBlock[] => [{ kind: 'paragraph', brf }, { kind: 'blank' }]),
    { kind: 'centred', brf: tCode! },
    { kind: 'centred', brf: pagesLine },
    { kind: 'blank' },
    { kind: 'paragraph', brf: tFormats! },
  ];
  const contentsBlocks = (pageOf: (i: number) => string): BrfBlock[] => [
    { kind: 'heading', level: 1, brf: tContents! },
    ...tEntries.map((brf, i): BrfBlock => ({ kind: 'entry', brf, page: pageOf(i) })),
  ];
  // Two passes: the preliminary pages' count decides where the body starts, which the contents and title page show.
  const titlePages = layOut(titleBlocks('#JJJ ,BRAILLE PAGES'), size, 1).pages.length;
  const contentsPages = contents.length
    ? layOut(
        contentsBlocks(() => '#JJJ'),
        size,
        1,
      ).pages.length
    : 0;
  const laid = layOut(bodyBlocks, size, titlePages + contentsPages + 1);
  const total = titlePages + contentsPages + laid.pages.length;
  const [pagesLine] = await translateLines([`${total} braille pages`], grade);
  const headingIndex = contents.map((c) => blocks.indexOf(c));
  const pages = [
    ...layOut(titleBlocks(pagesLine!), size, 1).pages,
    ...(contents.length
      ? layOut(
          contentsBlocks((i) => braillePageNumber(laid.startPage[headingIndex[i]!]!)),
          size,
          titlePages + 1,
        ).pages
      : []),
    ...laid.pages,
  ];
  problems.push(...checkPages(pages, size, doc.file));

  const back = await translateLines(body, grade, 'backward');
  const roundTrip = recall(wordsOf(blocks.map((b) => b.text).join(' ')), wordsOf(back.join(' ')));
  const recalls = blocks.map((b, i) => recall(wordsOf(b.text), wordsOf(back[i]!)));
  const worstLine = blocks[recalls.indexOf(Math.min(...recalls))]?.line ?? 0;
  return { grade, brf: toBrf(pages), pages: pages.length, roundTrip, worstLine, problems };
}
