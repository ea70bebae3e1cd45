/**
 * The parity check: every item the report model lists (expected.ts) must be in every edition read back
 * (edition-views.ts). A missing item is an error naming the report's line, the edition and the item:
 * "index.md:42: the figure "Bar chart of waiting times" is in the web page but not in the large-print PDF (18 point)".
 *
 * Deliberate differences are declared here, with the reason:
 * - print and EPUB spell an abbreviation out the first time ("NHS (National Health Service)"): the expansion is taken
 *   out of their words before comparing, so "the NHS said" still reads as written;
 * - PDFs: a table too wide for the page is printed as a list of rows, and Typst tags both kinds of table with the same
 *   words, so rows are counted on the web page and in the EPUB only;
 * - audio, braille and easy read are not compared here: the audio reads tables, pictures and notes in its own words
 *   (its script is checked against the model in its own tests), braille has its own round trip through liblouis
 *   (99 % of words back), and easy read is a different text, checked by its own rules.
 */
import type { ReportDocument } from '../../report/model.ts';
import { wordsOf } from '../../report/words.ts';
import { error, type Problem } from '../../report/problems.ts';
import { expectedItems, type ParityItem } from './expected.ts';
import type { EditionView } from './edition-views.ts';

/** Editions whose words spell abbreviations out on first use. */
const SPELLS_OUT = /PDF|EPUB/;

/** " w1 w2 … " with each "short (expansion)" reduced to "short". */
function searchable(view: EditionView, abbreviations: ReadonlyMap<string, string>): string {
  let text = ` ${view.words.join(' ')} `;
  if (SPELLS_OUT.test(view.name)) {
    for (const [short, expansion] of abbreviations) {
      const said = ` ${wordsOf(short).join(' ')} ${wordsOf(expansion).join(' ')} `;
      text = text.split(said).join(` ${wordsOf(short).join(' ')} `);
    }
  }
  return text;
}

function quoted(item: ParityItem): string {
  const text = item.text.length > 60 ? `${item.text.slice(0, 60)}…` : item.text;
  return `the ${item.kind} "${text}"`;
}

export function compareEditions(doc: ReportDocument, views: readonly EditionView[]): Problem[] {
  const items = expectedItems(doc);
  const problems: Problem[] = [];
  const reference = views[0];
  for (const view of views) {
    const text = searchable(view, doc.abbreviations);
    const alts = view.alts.map((alt) => ` ${alt.join(' ')} `);
    let table = 0;
    for (const item of items) {
      if (item.tablesOnly && view.tableRows === undefined) continue;
      const found = (() => {
        if (item.kind === 'table') {
          const rows = view.tableRows?.[table++];
          return view.tableRows === undefined || rows === item.rows;
        }
        const phrase = ` ${item.words.join(' ')} `;
        return item.alt ? alts.some((alt) => alt.includes(phrase)) : text.includes(phrase);
      })();
      if (found) continue;
      const where = reference && reference !== view ? `is in the ${reference.name} but not in the ${view.name}` : `is not in the ${view.name}`;
      const what = item.kind === 'table' ? `the table "${item.text}" (${item.rows} rows) ${view.tableRows?.[table - 1] === undefined ? 'is missing from' : `has ${view.tableRows[table - 1]} rows in`} the ${view.name}` : `${quoted(item)} ${where}`;
      problems.push(error(doc.file, item.line, what, `this is a fault in the publishing tool, not in your text: send this message to the developers; to publish meanwhile, build with --formats and leave out that edition`));
    }
  }
  return problems;
}
