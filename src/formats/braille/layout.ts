/**
 * Our braille formatter: translated blocks (BRF) laid out on pages of a fixed number of cells and lines, as UK braille
 * practice sets a document out: main headings centred with a blank line around them, minor headings at cell 5,
 * paragraphs starting at cell 3 and running over to cell 1, list items and table rows at the margin with runover
 * lines indented (a hanging indent), and the braille page number at the right of the last line of every page.
 */

export interface PageSize {
  cells: number;
  lines: number;
}

export type BrfBlock =
  | { kind: 'heading'; level: number; brf: string }
  | { kind: 'paragraph'; brf: string }
  | { kind: 'item'; brf: string; depth: number }
  | { kind: 'centred'; brf: string }
  | { kind: 'blank' }
  /** A contents entry: the heading's words, guide dots, the page number at the right. */
  | { kind: 'entry'; brf: string; page: string };

/** A page number in braille (UEB): the number sign and the digits as letters a–j. 12 → "#AB". */
export function braillePageNumber(n: number): string {
  return `#${String(n).replace(/\d/g, (d) => 'JABCDEFGHI'[Number(d)]!)}`;
}

/** Words wrapped to `width` cells: the first line after `first` spaces, the rest after `runover`. A word too long for a line is split. */
export function wrap(brf: string, width: number, first: number, runover: number): string[] {
  const lines: string[] = [];
  let current = ' '.repeat(first);
  for (let word of brf.split(' ').filter(Boolean)) {
    while (word.length > 0) {
      const room = width - current.length - (current.trim() ? 1 : 0);
      if (word.length <= room) {
        current += `${current.trim() ? ' ' : ''}${word}`;
        word = '';
      } else if (current.trim()) {
        lines.push(current);
        current = ' '.repeat(runover);
      } else {
        // Longer than a whole line: fill this one and carry the rest to the next.
        const take = Math.max(1, width - current.length);
        current += word.slice(0, take);
        word = word.slice(take);
        lines.push(current);
        current = ' '.repeat(runover);
      }
    }
  }
  if (current.trim() || lines.length === 0) lines.push(current);
  return lines.map((l) => l.trimEnd());
}

function centred(brf: string, width: number): string[] {
  return wrap(brf, width, 0, 0).map((line) => `${' '.repeat(Math.floor((width - line.length) / 2))}${line}`);
}

/** Lines of one block, and whether it needs a blank line before and after it. */
function blockLines(
  block: BrfBlock,
  width: number,
): { lines: string[]; before: boolean; after: boolean; keepWithNext: boolean } {
  switch (block.kind) {
    case 'heading':
      return block.level <= 2
        ? { lines: centred(block.brf, width), before: true, after: true, keepWithNext: true }
        : { lines: wrap(block.brf, width, 4, 4), before: true, after: false, keepWithNext: true };
    case 'paragraph':
      return { lines: wrap(block.brf, width, 2, 0), before: false, after: false, keepWithNext: false };
    case 'item': {
      // Deeply nested lists stop indenting at cell 11, so a line always has room for words.
      const indent = Math.min(2 * block.depth, 10);
      return { lines: wrap(block.brf, width, indent, indent + 2), before: false, after: false, keepWithNext: false };
    }
    case 'centred':
      return { lines: centred(block.brf, width), before: false, after: false, keepWithNext: false };
    case 'blank':
      return { lines: [''], before: false, after: false, keepWithNext: false };
    case 'entry': {
      const room = width - block.page.length - 3;
      const text = wrap(block.brf, room, 0, 2);
      const last = text.pop()!;
      const dots = width - last.length - block.page.length - 2;
      return {
        lines: [...text, `${last} ${'"'.repeat(Math.max(1, dots))} ${block.page}`],
        before: false,
        after: false,
        keepWithNext: false,
      };
    }
  }
}

/**
 * Pages of lines; the last line of each page carries its braille page number, numbered from `firstNumber`. Also
 * says on which page each block begins (for the contents).
 */
export function layOut(
  blocks: readonly BrfBlock[],
  size: PageSize,
  firstNumber: number,
): { pages: string[][]; startPage: number[] } {
  const body = size.lines - 1;
  const pages: string[][] = [];
  const startPage: number[] = [];
  let page: string[] = [];
  blocks.forEach((block, i) => {
    const { lines, before, after, keepWithNext } = blockLines(block, size.cells);
    if (before && page.length > 0 && page.length < body && page.at(-1) !== '') page.push('');
    // A heading is never left at the foot of a page: it moves over with at least two lines of what follows. Other
    // blocks start where they are and run on to the next page.
    const need = keepWithNext ? lines.length + (blocks[i + 1] ? 2 : 0) + (after ? 1 : 0) : 1;
    if (page.length + need > body && page.some((l) => l !== '')) {
      pages.push(page);
      page = [];
    }
    startPage.push(firstNumber + pages.length);
    for (const line of lines) {
      if (page.length >= body) {
        pages.push(page);
        page = [];
      }
      page.push(line);
    }
    if (after && page.length < body) page.push('');
  });
  if (page.some((l) => l !== '') || pages.length === 0) pages.push(page);
  return {
    startPage,
    pages: pages.map((lines, i) => {
      const trimmed = [...lines];
      while (trimmed.length && trimmed[0] === '') trimmed.shift();
      const padded = [...trimmed, ...Array<string>(body - trimmed.length).fill('')];
      const number = braillePageNumber(firstNumber + i);
      return [...padded, `${' '.repeat(size.cells - number.length)}${number}`];
    }),
  };
}

/** A BRF file: lines end CR LF, each page ends with a form feed. */
export function toBrf(pages: readonly string[][]): string {
  return pages.map((lines) => `${lines.join('\r\n')}\r\n\f`).join('');
}
