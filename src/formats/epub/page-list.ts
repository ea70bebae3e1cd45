/**
 * Where each page of the standard PDF starts, among the words the EPUB writes: so "page 7" in the EPUB's page list
 * is the same text as page 7 of the PDF people hold in a meeting. Pages are found in order by their first words (as
 * the PDF's tag tree reads them); a page whose opening is not in the book (the PDF's contents page) is put where the
 * next page that is found starts.
 */

export interface PageStarts {
  /** Word index → the pages that start just before it. */
  starts: Map<number, number[]>;
  /** Pages placed by their own words, and pages placed at the next page's start. */
  found: number;
  nearest: number;
}

/** Words of a page tried, longest first: long enough not to be found early by chance. */
const WINDOWS = [8, 4];
/** Leading words of a page that may be skipped (the end of a word hyphenated across pages, "(note 1)"). */
const MAX_SKIP = 3;

function findRun(stream: readonly string[], from: number, run: readonly string[]): number {
  outer: for (let i = from; i + run.length <= stream.length; i++) {
    for (let j = 0; j < run.length; j++) if (stream[i + j] !== run[j]) continue outer;
    return i;
  }
  return -1;
}

function findPage(stream: readonly string[], from: number, words: readonly string[]): number {
  for (const window of WINDOWS) {
    for (let skip = 0; skip <= MAX_SKIP && skip < words.length; skip++) {
      const run = words.slice(skip, skip + window);
      if (run.length < Math.min(window, words.length - skip) || run.length === 0) continue;
      const at = findRun(stream, from, run);
      if (at >= 0) return Math.max(from, at - skip);
    }
  }
  return -1;
}

export function locatePageStarts(stream: readonly string[], pages: ReadonlyArray<readonly string[]>): PageStarts {
  const positions: Array<number | undefined> = pages.map(() => undefined);
  let from = 0;
  pages.forEach((words, i) => {
    if (i === 0) {
      positions[0] = 0;
      return;
    }
    const at = findPage(stream, from, words);
    if (at >= 0) {
      positions[i] = at;
      from = at + 1;
    }
  });
  const found = positions.filter((p) => p !== undefined).length;
  // A page not found starts where the next found page does (or at the last word).
  let next = Math.max(0, stream.length - 1);
  for (let i = pages.length - 1; i >= 0; i--) {
    if (positions[i] === undefined) positions[i] = next;
    else next = positions[i]!;
  }
  const starts = new Map<number, number[]>();
  positions.forEach((at, i) => starts.set(at!, [...(starts.get(at!) ?? []), i + 1]));
  return { starts, found, nearest: pages.length - found };
}
