/**
 * The parity check: every item the report model lists (expected.ts) must be in every edition read back
 * (edition-views.ts). A missing item is an error naming the report's line, the edition and the item:
 * "index.md:42: the figure "Bar chart of waiting times" is in the web page but not in the large-print PDF (18 point)".
 *
 * Deliberate differences are declared here, with the reason:
 * - print, EPUB and braille spell an abbreviation out the first time ("NHS (National Health Service)") and the audio
 *   says it in full ("National Health Service, or N H S"): the expansion is taken out before comparing, so "the NHS
 *   said" still reads as written;
 * - the audio is compared in its spoken form: each item is turned into words as the script says it (phone numbers
 *   digit by digit, initialisms letter by letter, symbols as words; speakable.ts, tested on its own and by the speech
 *   recogniser), its pictures are "Image description: …" and its tables are read row by row, so header cells are
 *   looked for one by one and rows are not counted; it says only the newest change note (the older ones are the
 *   web page's and the PDFs' history, not news to a listener);
 * - braille is read back through liblouis, whose contracted (grade 2) back-translation is not always the word that was
 *   written ("enough" at a line's end comes back "en"): an item is found when at most one word in ten differs
 *   (one word in an item of 4 to 19 words; items of 1 to 3 words must come back exactly);
 * - PDFs: a table too wide for the page is printed as a list of rows, and Typst tags both kinds of table with the same
 *   words, so rows are counted on the web page and in the EPUB only;
 * - easy read is a different text, written for its readers: its editions (page, PDF, audio) are compared with the
 *   easy-read model, not the report's, for its own points, pictures and hard words; its audio does not describe the
 *   pictures, because the sentence beside each picture already says what it shows.
 */
import type { ReportDocument } from '../../report/model.ts';
import type { EasyReadDocument } from '../../formats/easy-read/model.ts';
import { wordsOf } from '../../report/words.ts';
import { error, type Problem } from '../../report/problems.ts';
import { CODE_MARK, shown, speakableText, spoken, spokenLetters } from '../../formats/audio/speakable.ts';
import { expectedEasyReadItems, expectedItems, type ParityItem } from './expected.ts';
import type { EditionView } from './edition-views.ts';

const phrase = (words: readonly string[]): string => ` ${words.join(' ')} `;

/** " w1 w2 … " with each abbreviation's first-use expansion taken out, as the view's kind says it. */
function searchable(view: EditionView, abbreviations: ReadonlyMap<string, string>): string {
  let text = phrase(view.words);
  for (const [short, expansion] of abbreviations) {
    const written = wordsOf(short);
    if (view.kind === 'audio' || view.kind === 'captions') {
      const letters = view.kind === 'audio' && /^[A-Z]{2,5}s?$/.test(short) ? wordsOf(spokenLetters(short)) : written;
      text = text.split(phrase([...wordsOf(expansion), 'or', ...letters])).join(phrase(letters));
    } else if (view.kind !== 'web') {
      text = text.split(phrase([...written, ...wordsOf(expansion)])).join(phrase(written));
    }
  }
  return text;
}

/** The words an item is looked for by in this view. */
function wordsIn(view: EditionView, item: ParityItem): string[] {
  if (view.kind === 'audio') return wordsOf(spoken(speakableText(item.text)));
  if (view.kind === 'captions') return wordsOf(shown(speakableText(item.text)));
  return item.words;
}

/** Whether `words` occur in `text` in order, at most `allowed` of them different (braille read back). */
function nearlyIncludes(text: readonly string[], words: readonly string[], allowed: number): boolean {
  for (let start = 0; start + words.length <= text.length; start++) {
    let differ = 0;
    for (let i = 0; i < words.length && differ <= allowed; i++) if (text[start + i] !== words[i]) differ++;
    if (differ <= allowed) return true;
  }
  return false;
}

function quoted(item: ParityItem): string {
  const shown = item.text.replaceAll(CODE_MARK, '');
  const text = shown.length > 60 ? `${shown.slice(0, 60)}…` : shown;
  return `the ${item.kind} "${text}"`;
}

export function compareEditions(doc: ReportDocument, views: readonly EditionView[]): Problem[] {
  return compareItems(doc.file, expectedItems(doc), doc.abbreviations, views);
}

export function compareEasyReadEditions(doc: EasyReadDocument, views: readonly EditionView[]): Problem[] {
  return compareItems(doc.file, expectedEasyReadItems(doc), doc.abbreviations, views);
}

function compareItems(
  file: string,
  items: readonly ParityItem[],
  abbreviations: ReadonlyMap<string, string>,
  views: readonly EditionView[],
): Problem[] {
  const problems: Problem[] = [];
  const reference = views[0];
  for (const view of views) {
    const text = searchable(view, abbreviations);
    const textWords = view.kind === 'braille' ? text.trim().split(' ') : [];
    const alts = view.alts?.map(phrase);
    let table = 0;
    for (const item of items) {
      if (item.tablesOnly && view.tableRows === undefined) continue;
      if ((item.olderChange || item.kind === 'picture') && (view.kind === 'audio' || view.kind === 'captions'))
        continue;
      const found = (() => {
        if (item.kind === 'table') {
          const rows = view.tableRows?.[table++];
          return view.tableRows === undefined || rows === item.rows;
        }
        const words = wordsIn(view, item);
        if (item.alt && alts) return alts.some((alt) => alt.includes(phrase(words)));
        if (view.kind === 'braille')
          return nearlyIncludes(textWords, words, Math.floor(words.length / 10) || (words.length >= 4 ? 1 : 0));
        return text.includes(phrase(words));
      })();
      if (found) continue;
      const where =
        reference && reference !== view
          ? `is in the ${reference.name} but not in the ${view.name}`
          : `is not in the ${view.name}`;
      const what =
        item.kind === 'table'
          ? `the table "${item.text}" (${item.rows} rows) ${view.tableRows?.[table - 1] === undefined ? 'is missing from' : `has ${view.tableRows[table - 1]} rows in`} the ${view.name}`
          : `${quoted(item)} ${where}`;
      problems.push(
        error(
          file,
          item.line,
          what,
          `this is a fault in the publishing tool, not in your text: send this message to the developers; to publish meanwhile, build with --formats and leave out that edition`,
        ),
      );
    }
  }
  return problems;
}
