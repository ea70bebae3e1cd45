/**
 * Names for the places in a report that more than one edition points at: the EPUB gives its elements these ids, and
 * the audio script marks each paragraph it reads with the id of what it reads, so the EPUB's media overlays can tie
 * the recording to the text. A block is named by where it sits: its section, then its index at each level.
 */

/** The report's title (the EPUB's title page heading). */
export const TITLE_ANCHOR = 'report-title';

/** [2, 0, 3] → "b2-0-3": section 2, block 0, item or inner block 3. */
export function blockAnchor(path: ReadonlyArray<number | string>): string {
  return `b${path.join('-')}`;
}

/** A table's row (0-based) → "b2-4-r1". */
export function rowAnchor(table: string, row: number): string {
  return `${table}-r${row + 1}`;
}

/** A footnote, by the number readers see. */
export function noteAnchor(n: number): string {
  return `note-${n}`;
}

/** The n-th sentence (1-based) of an anchored paragraph: what a reading app highlights while it is read. */
export function sentenceAnchor(anchor: string, n: number): string {
  return `${anchor}-s${n}`;
}
