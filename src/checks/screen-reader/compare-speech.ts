/**
 * What Orca said about a page, held against what the page shows. Orca's own announcements (roles, states, counts:
 * "link", "heading level 2", "leaving list.") are told apart from the page's words by their vocabulary; the rest
 * must be the page's words (its visible text and its accessible names: alt text, labels, titles). A page fails when:
 * - a run of its visible words is never spoken (in order);
 * - markup or an entity is spoken ("&#39;", "&amp;", "<em>"): text escaped twice somewhere;
 * - a word is spoken that is not on the page: words run together ("Note1") or text no one can see;
 * - the same words are said twice running (a landmark named by its own heading: "Other formats", "Other formats").
 */
import { wordsOf } from '../../report/words.ts';

/** Words Orca 43 uses for roles, states and its own messages (English). */
const ORCA_WORDS = new Set(
  `
  link links visited unvisited heading headings level leaving entering list lists with item items image images graphic
  navigation banner main content information complementary contentinfo region form search article section footer header
  push toggle button buttons pressed description descriptions value values term terms horizontal vertical slider column
  columns row rows nesting figure caption table tables block quote blockquote landmark landmarks audio video time scrubber
  elapsed remaining volume mute unmute show more media controls opens menu check box radio combo edit text entry password
  spin not checked selected required invalid read only expanded collapsed has popup multi line separator group toolbar
  status alert dialog tab panel progress bar clickable focusable of in page document web frame note current location
  sorted ascending descending details summary mixed partially dimmed unavailable play pause full screen seek statusbar
`
    .trim()
    .split(/\s+/),
);

/** Whole utterances that are Orca's own. */
const ORCA_PHRASES = [
  /^Finished loading\b/,
  /^Loading\.?\s+Please wait\.?$/,
  /^Page has\b/,
  /^Screen reader on\.?$/,
  /^List with \d+ items?$/,
  /^Description list with \d+ terms?$/,
  /^Nesting level \d+$/,
  /^table with \d+ rows? \d+ columns?$/,
];

/**
 * How Orca names a symbol when it reads it aloud (in code, or a line of punctuation such as "---"): those words count as
 * the page's own when the page shows the symbol.
 */
const SYMBOL_NAMES: Record<string, string> = {
  '-': 'dash',
  ':': 'colon',
  '"': 'quote',
  '!': 'exclaim',
  '[': 'left bracket',
  ']': 'right bracket',
  '(': 'left paren',
  ')': 'right paren',
  '{': 'left brace',
  '}': 'right brace',
  '|': 'vertical bar',
  '#': 'number',
  '.': 'dot',
  '*': 'star',
  _: 'underline',
  '/': 'slash',
  '\\': 'backslash',
  '>': 'greater',
  '<': 'less',
  '=': 'equals',
  '@': 'at',
  '%': 'percent',
  $: 'dollar',
  '^': 'caret',
  '~': 'tilde',
  '`': 'grave',
  '+': 'plus',
  '&': 'and',
  "'": 'apostrophe',
  ',': 'comma',
  ';': 'semicolon',
  '?': 'question',
};

/** The spoken names of the symbols `text` holds. */
export function symbolWords(text: string): string[] {
  return Object.entries(SYMBOL_NAMES).flatMap(([symbol, name]) => (text.includes(symbol) ? name.split(' ') : []));
}

export interface SpeechComparison {
  /** Share of the page's visible words Orca spoke, in order (0–1): their longest common subsequence. */
  inOrder: number;
  visibleWords: number;
  spokenWords: number;
  /** Orca's own announcements per 100 visible words. */
  announcementsPer100: number;
  /** Runs of visible words never spoken (at least MISSING_RUN words each). */
  missingRuns: string[];
  /** Utterances with markup or an entity in them. */
  markup: string[];
  /** Spoken words that are not on the page, with the utterance they came in. */
  notOnPage: Array<{ word: string; utterance: string }>;
  /** The page's words said twice running. */
  repeated: string[];
}

/** A run of this many visible words, all unspoken, fails the page (shorter gaps are Orca skipping a marker or a symbol). */
export const MISSING_RUN = 4;
/** Above this many cells the alignment keeps only a band around the diagonal (pages of many thousand words). */
const MAX_CELLS = 30_000_000;

/**
 * Which visible words were spoken in order: a longest common subsequence of the two word lists (so one common word
 * spoken early cannot throw the rest out of step, as a greedy match would).
 */
export function inOrderMatches(visible: readonly string[], spoken: readonly string[]): boolean[] {
  const n = visible.length;
  const m = spoken.length;
  const matched = new Array<boolean>(n).fill(false);
  if (!n || !m) return matched;
  if ((n + 1) * (m + 1) > MAX_CELLS)
    throw new Error(`a page of ${n} visible and ${m} spoken words is too long to compare`);
  // lengths[i][j]: LCS of visible[i..] and spoken[j..], row by row in one array.
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        visible[i] === spoken[j]
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  for (let i = 0, j = 0; i < n && j < m;) {
    if (visible[i] === spoken[j]) {
      matched[i] = true;
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) i++;
    else j++;
  }
  return matched;
}

export function isAnnouncement(utterance: string): boolean {
  if (ORCA_PHRASES.some((p) => p.test(utterance.trim()))) return true;
  // A list marker ("b. ", "5. ") is how Orca says an ordered list's numbering.
  if (/^\s*[a-z0-9]{1,3}\.\s*$/i.test(utterance)) return true;
  // Orca's other words come in lower case; a capital or a bullet means the page's own text ("• Text: ", "Search").
  if (/\p{Lu}|•/u.test(utterance)) return false;
  const words = wordsOf(utterance);
  const number = (w: string): boolean => /^\d+(?::\d+)*$/.test(w);
  return words.some((w) => ORCA_WORDS.has(w)) && words.every((w) => ORCA_WORDS.has(w) || number(w));
}

const MARKUP = /&(?:#\d+|#x[0-9a-f]+|[a-z]+);|<\/?[a-z][a-z0-9-]*(?:\s[^>]*)?>/i;

/**
 * @param visibleText the page's innerText
 * @param names the page's accessible names that are not visible text (alt text, aria-label, title)
 */
export function compareSpeech(
  utterances: readonly string[],
  visibleText: string,
  names: readonly string[] = [],
): SpeechComparison {
  const visible = wordsOf(visibleText);
  const onPage = new Set([
    ...visible,
    ...names.flatMap((n) => wordsOf(n)),
    ...symbolWords([visibleText, ...names].join(' ')),
  ]);
  const markup = utterances.filter((u) => MARKUP.test(u));
  let announcements = 0;
  const spoken: string[] = [];
  const notOnPage: SpeechComparison['notOnPage'] = [];
  const repeated: string[] = [];
  let previous = '';
  for (const utterance of utterances) {
    if (isAnnouncement(utterance)) {
      announcements++;
      continue;
    }
    const said = utterance.trim();
    if (said && said === previous && wordsOf(said).length) repeated.push(said);
    previous = said;
    for (const word of wordsOf(utterance)) {
      spoken.push(word);
      if (!onPage.has(word) && !notOnPage.some((n) => n.word === word)) notOnPage.push({ word, utterance });
    }
  }
  const matched = inOrderMatches(visible, spoken);
  const missingRuns: string[] = [];
  let run: string[] = [];
  const endRun = (): void => {
    if (run.length >= MISSING_RUN) missingRuns.push(run.join(' '));
    run = [];
  };
  visible.forEach((word, i) => {
    if (matched[i]) endRun();
    else run.push(word);
  });
  endRun();
  const count = matched.filter(Boolean).length;
  return {
    inOrder: visible.length ? count / visible.length : 1,
    visibleWords: visible.length,
    spokenWords: spoken.length,
    announcementsPer100: visible.length ? (announcements * 100) / visible.length : 0,
    missingRuns,
    markup,
    notOnPage,
    repeated,
  };
}

export function speechPassed(c: SpeechComparison): boolean {
  return c.missingRuns.length === 0 && c.markup.length === 0 && c.notOnPage.length === 0 && c.repeated.length === 0;
}
