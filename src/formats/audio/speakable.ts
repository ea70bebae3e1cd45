/**
 * Turning written forms into spoken ones, for the audio script: phone numbers as grouped digits, email and web
 * addresses in words, symbols as words. Each finding keeps both forms, so SSML can mark it up
 * (<say-as interpret-as="telephone">, <sub alias>) while the plain script uses the spoken form.
 */

export type Piece =
  | { kind: 'text'; text: string }
  /** Written form and how to say it. */
  | { kind: 'telephone'; written: string; spoken: string }
  | { kind: 'characters'; written: string; spoken: string }
  | { kind: 'sub'; written: string; spoken: string }
  /** A date written YYYY-MM-DD, said as "1 October 2019". */
  | { kind: 'date'; written: string; spoken: string }
  /** A word said as the site's pronunciation list spells it ("Lambeth" as "Lambith"); transcripts show the word. */
  | { kind: 'pronounce'; written: string; spoken: string }
  | { kind: 'pause'; ms: number };

/** "020 7274 8522" → "0 2 0, 7 2 7 4, 8 5 2 2": each digit, the groups as written (how UK numbers are read out). */
export function spokenPhone(phone: string): string {
  const international = phone.trim().startsWith('+');
  const groups = phone
    .replace(/\(0\)/g, '')
    .replace(/\+/g, '')
    .trim()
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((group) => group.replace(/(\d)(?=\d)/g, '$1 '))
    .join(', ');
  return international ? `plus ${groups}` : groups;
}

/** "info@example.org" → "info at example dot org". */
export function spokenEmail(email: string): string {
  const [user = '', domain = ''] = email.split('@');
  return `${spokenAddressPart(user)} at ${spokenAddressPart(domain)}`;
}

/**
 * "https://www.nhs.uk/" → "www dot nhs dot uk". An address with a path is shortened to its site: "a link to nhs dot uk"
 * — nobody listening can use "slash mental dash health dash services slash …", and the page itself has the link.
 */
export function spokenWebAddress(url: string): string {
  const bare = url.replace(/^https?:\/\//, '').replace(/\/$/, '');
  const [host = '', ...path] = bare.split('/');
  if (path.join('/').replace(/[?#].*$/, '') === '' && !/[?#]/.test(bare)) return spokenAddressPart(bare);
  return `a link to ${spokenAddressPart(host.replace(/^www\./, ''))}`;
}

function spokenAddressPart(text: string): string {
  return text
    .replace(/\./g, ' dot ')
    .replace(/\//g, ' slash ')
    .replace(/-/g, ' dash ')
    .replace(/_/g, ' underscore ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "BSL" → "B S L". */
export function spokenLetters(letters: string): string {
  return letters.split('').join(' ');
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const FRACTION_WORDS: Record<number, [string, string]> = {
  2: ['half', 'halves'],
  3: ['third', 'thirds'],
  4: ['quarter', 'quarters'],
  5: ['fifth', 'fifths'],
  6: ['sixth', 'sixths'],
  7: ['seventh', 'sevenths'],
  8: ['eighth', 'eighths'],
  9: ['ninth', 'ninths'],
  10: ['tenth', 'tenths'],
};
const UNITS: Record<string, string> = { yr: 'year', hr: 'hour', wk: 'week', mo: 'month', min: 'minute' };

/** "22/04/2025" → "22 April 2025" (UK order); undefined when it cannot be a date. */
function spokenDate(day: string, month: string, year?: string): string | undefined {
  const [d, m] = [Number(day), Number(month)];
  if (d < 1 || d > 31 || m < 1 || m > 12) return undefined;
  const fullYear = year === undefined ? '' : ` ${year.length === 2 ? `20${year}` : year}`;
  return `${d} ${MONTHS[m - 1]}${fullYear}`;
}

/** "1/3" → "one third", "14/18" → "14 out of 18", "22/04" → "22 April", "2011/12" → "2011 to 2012". */
function spokenSlashNumbers(a: string, b: string): string {
  const [x, y] = [Number(a), Number(b)];
  if (y >= 2 && y <= 10 && x >= 1 && x < y) return `${NUMBER_WORDS[x]} ${FRACTION_WORDS[y]![x === 1 ? 0 : 1]}`;
  if (a.length === 4 && b.length === 2 && (x + 1) % 100 === y) return `${a} to ${a.slice(0, 2)}${b}`;
  const date = a.length <= 2 && b.length === 2 ? spokenDate(a, b) : undefined;
  if (date) return date;
  return x <= y ? `${a} out of ${b}` : `${a} slash ${b}`;
}

/** "2011-12" → "2011 to 2012", "10-15" → "10 to 15", "9am–5pm" → "9am to 5pm". */
function spokenRange(from: string, to: string): string {
  const expanded = /^(19|20)\d\d$/.test(from) && /^\d\d$/.test(to) ? `${from.slice(0, 2)}${to}` : to;
  return `${from} to ${expanded}`;
}

/**
 * Written forms a listener would mishear, each with what to say instead. Order matters: specific forms (N/A, dates,
 * ranges) come before the general ones (a slash between words, a dash between clauses).
 */
const SYMBOLS: Array<[RegExp, string | ((...groups: string[]) => string)]> = [
  [
    /£\s?(\d[\d,]*(?:\.\d+)?)(?:\s?(m|bn|k)\b)?/gi,
    (_, amount, scale) => `${amount}${scale ? scale.toLowerCase() : ''} pounds`,
  ],
  [/(\d[\d,]*(?:\.\d+)?)\s?%/g, '$1 percent'],
  // A version pattern ("5.X.X", "2.1.0") as words; a decimal ("2.5") stays a number.
  [
    /(?<![\w.])(\d+)((?:\.(?:\d+|[xX*]))+)(?![\w.]*\w)/g,
    (whole, first: string, rest: string) =>
      rest.split('.').length > 2 || /[xX*]/.test(rest)
        ? [first, ...rest.slice(1).split('.')]
            .map((part) => (part === '*' ? 'any' : part.toLowerCase()))
            .join(' point ')
        : whole,
  ],
  [/\s&\s/g, ' and '],
  [/\be\.g\.(?=\s|$)/gi, 'for example'],
  [/\bi\.e\.(?=\s|$)/gi, 'that is'],
  [/\betc\.(?=\s|$)/gi, 'and so on'],
  [/\bN\/A\b/gi, 'not applicable'],
  [/\band\/or\b/gi, 'and or'],
  [/\b24\/7\b/g, '24 hours a day, 7 days a week'],
  [
    /\b(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})\b/g,
    (whole, d, m, y) => spokenDate(d, m, y) ?? whole.replace(/\//g, ' slash '),
  ],
  [/(?<![\w/.])(\d{1,4})\/(\d{1,4})(?![\w/])/g, (_, a, b) => spokenSlashNumbers(a, b)],
  [
    /\/(year|month|week|day|hour|minute|person|patient|head|annum|yr|hr|wk|mo|min)\b/gi,
    (_, unit: string) => ` per ${UNITS[unit.toLowerCase()] ?? unit}`,
  ],
  // A hyphen or dash between two numbers is "to" only when it stands alone: never inside a code like M-24-08.
  [
    /(?<![\w./-])(\d{1,4}(?:\.\d+)?(?:am|pm)?)\s?[–—-]\s?(\d{1,4}(?:\.\d+)?(?:am|pm)?)(?![\w/-])/gi,
    (_, a, b) => spokenRange(a, b),
  ],
  // A dash after a sentence's end introduces who said it ("I went home. — a resident").
  [/([.!?])\s+[–—]\s/g, '$1 '],
  [/\s[–—]\s/g, ', '],
  // A package or path name ("@axe-core/puppeteer", "src/server/app.ts"): its slashes are "slash", not "or".
  [
    /(?<![\w@/.-])(@?\w(?:[\w.-]*\w)?(?:\/\w(?:[\w.-]*\w)?)+)/g,
    (name: string) =>
      name.startsWith('@') || /[.-]/.test(name) || name.split('/').length > 2
        ? name.replace(/^@/, 'at ').replace(/\//g, ' slash ')
        : name,
  ],
  [/\b([A-Za-z]+)\/([A-Za-z]+)\b/g, '$1 or $2'],
  [/\s\+\s/g, ' plus '],
  [/~\s?(?=\d)/g, 'about '],
  [/\s?≤\s?/g, ' up to '],
  [/\s?≥\s?/g, ' at least '],
  [/\s?<\s?(?=\d)/g, ' less than '],
  [/\s?>\s?(?=\d)/g, ' more than '],
  [/[~<>]/g, ' '],
  [/_/g, ' '],
  // The text's own square brackets stay words of the text: the narrator's script keeps [ ] for its directions.
  [/\[/g, '('],
  [/\]/g, ')'],
  // Words that point at the page mean nothing to a listener.
  [/\b(the|this) (table|chart|graph|figure|picture|image|list) below\b/gi, 'the next $2'],
  [/\b(the|this) (table|chart|graph|figure|picture|image|list) above\b/gi, 'the previous $2'],
  [/[“”"]/g, ''],
  [/\s*\*\s*/g, ' '],
];

/** Words for symbols a speech engine reads badly or not at all. */
export function speakSymbols(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SYMBOLS)
    out = out.replace(pattern, replacement as (substring: string, ...args: string[]) => string);
  return out
    .replace(/(\d)m pounds/g, '$1 million pounds')
    .replace(/(\d)bn pounds/g, '$1 billion pounds')
    .replace(/(\d)k pounds/g, '$1 thousand pounds')
    .replace(/ {2,}/g, ' ');
}

const INITIALISM = /\b[A-Z]{2,4}(?=s?\b)/;
/** "GOV.UK", "NHS.UK": capitals joined by dots. */
const DOTTED = /(?<![\w.])[A-Z][A-Z0-9]*(?:\.[A-Z][A-Z0-9]*)+\b(?!\.[a-z])/;
/** "W3C", "A11Y": capitals with digits inside. */
const LETTERS_AND_DIGITS = /\b[A-Z]+\d+[A-Z]+\b/;

/**
 * "GOV.UK" → "gov dot U K", "NHS.UK" → "N H S dot U K": each part said as a word when it can be one (three letters
 * or more with a vowel), otherwise letter by letter — as people say them. The site's pronunciations can override.
 */
export function spokenDotted(written: string): string {
  return written
    .split('.')
    .map((part) => (/^[A-Z]{3,}$/.test(part) && /[AEIOU]/.test(part) ? part.toLowerCase() : spokenLetters(part)))
    .join(' dot ');
}
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b/;
const PHONE = /(\+44\s?(?:\(0\)\s?)?\d{2,4}(?:\s?\d{3,4}){2}|\b0\d{2,4}(?:\s\d{3,6}){1,2}\b|\b0\d{9,10}\b)/;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const WEB = /\bhttps?:\/\/[^\s)]*[^\s).,;:!?]|\bwww\.[^\s)]+[^\s).,;:!?]/;

/**
 * Marks inline code inside plain text, where only plain text can be passed (the parity check's items): code is read
 * as code, its slashes as "slash" ("uvu/assert" is a module, not a choice between two words).
 */
export const CODE_MARK = '\uE000';

/** "@axe-core/puppeteer" as code: "at axe-core slash puppeteer". */
export function spokenCode(code: string): string {
  return code.replace(/^@/, 'at ').replace(/\//g, ' slash ').replace(/_/g, ' ');
}

/**
 * Splits written text into pieces: phone numbers, email and web addresses, and initialisms (read letter by letter)
 * found and given their spoken forms.
 */
export function speakableText(text: string): Piece[] {
  if (text.includes(CODE_MARK))
    return text
      .split(CODE_MARK)
      .flatMap((part, i): Piece[] => (i % 2 ? [{ kind: 'text', text: spokenCode(part) }] : speakableText(part)));
  const pieces: Piece[] = [];
  const pattern = new RegExp(
    `${PHONE.source}|(${EMAIL.source})|(${WEB.source})|(${POSTCODE.source})|(${DOTTED.source})|(${LETTERS_AND_DIGITS.source})|(${INITIALISM.source})`,
    'g',
  );
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > last) pieces.push({ kind: 'text', text: speakSymbols(text.slice(last, index)) });
    const [found] = match;
    if (match[1]) pieces.push({ kind: 'telephone', written: found, spoken: spokenPhone(found) });
    else if (match[2]) pieces.push({ kind: 'sub', written: found, spoken: spokenEmail(found) });
    else if (match[3]) pieces.push({ kind: 'sub', written: found, spoken: spokenWebAddress(found) });
    else if (match[4])
      pieces.push({ kind: 'characters', written: found, spoken: found.split(' ').map(spokenLetters).join(', ') });
    else if (match[5]) pieces.push({ kind: 'sub', written: found, spoken: spokenDotted(found) });
    else if (match[6]) pieces.push({ kind: 'sub', written: found, spoken: spokenLetters(found) });
    else pieces.push({ kind: 'characters', written: found, spoken: spokenLetters(found) });
    last = index + found.length;
  }
  if (last < text.length) pieces.push({ kind: 'text', text: speakSymbols(text.slice(last)) });
  return pieces;
}

/**
 * Pieces as one line of plain text, each marked-up piece in the form `form` picks (how it is said, or how it is
 * written); pauses become spaces, and no space is left before punctuation.
 */
export function piecesAsText(pieces: readonly Piece[], form: (piece: MarkedPiece) => string): string {
  return pieces
    .map((p) => (p.kind === 'text' ? p.text : p.kind === 'pause' ? ' ' : form(p)))
    .join('')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A piece that has a written and a spoken form. */
export type MarkedPiece = Exclude<Piece, { kind: 'text' } | { kind: 'pause' }>;

/** What a listener hears from pieces, as plain text (a word from the pronunciation list as it is written). */
export function spoken(pieces: readonly Piece[]): string {
  return piecesAsText(pieces, (p) => (p.kind === 'pronounce' ? p.written : p.spoken));
}

/**
 * What a reader sees of pieces, as plain text: the captions and the transcript show names and numbers as they are
 * written ("GOV.UK", "NHS", "020 7274 8522"), not as they are spelt out for the speech engine.
 */
export function shown(pieces: readonly Piece[]): string {
  return piecesAsText(pieces, (p) => p.written);
}

/**
 * Words from the site's pronunciation list, found in the text pieces (whole words, any capitals) and marked with how to
 * say them. Other pieces (phone numbers, addresses) are left as they are.
 */
export function applyPronunciations(
  pieces: readonly Piece[],
  pronunciations: Readonly<Record<string, string>>,
): Piece[] {
  const words = Object.keys(pronunciations);
  if (words.length === 0) return [...pieces];
  const lookup = new Map(words.map((word) => [word.toLowerCase(), pronunciations[word]!]));
  const escaped = words.sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return pieces.flatMap((piece): Piece[] => {
    // A written form the site spells out ("GOV.UK": "gov dot U K" by default) can be given its own pronunciation.
    if ((piece.kind === 'sub' || piece.kind === 'characters') && lookup.has(piece.written.toLowerCase()))
      return [{ kind: 'pronounce', written: piece.written, spoken: lookup.get(piece.written.toLowerCase())! }];
    if (piece.kind !== 'text') return [piece];
    const out: Piece[] = [];
    let last = 0;
    for (const match of piece.text.matchAll(pattern)) {
      if (match.index > last) out.push({ kind: 'text', text: piece.text.slice(last, match.index) });
      out.push({ kind: 'pronounce', written: match[0], spoken: lookup.get(match[0].toLowerCase())! });
      last = match.index + match[0].length;
    }
    if (last < piece.text.length) out.push({ kind: 'text', text: piece.text.slice(last) });
    return out;
  });
}
