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

/** "https://www.nhs.uk/mental-health/" → "www dot nhs dot uk slash mental dash health". */
export function spokenWebAddress(url: string): string {
  const bare = url.replace(/^https?:\/\//, '').replace(/\/$/, '');
  return spokenAddressPart(bare);
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

const SYMBOLS: Array<[RegExp, string]> = [
  [/£\s?(\d[\d,]*(?:\.\d+)?)(m|bn)?\b/g, '$1$2 pounds'],
  [/(\d[\d,]*(?:\.\d+)?)\s?%/g, '$1 percent'],
  [/\s&\s/g, ' and '],
  [/\be\.g\.(?=\s|$)/gi, 'for example'],
  [/\bi\.e\.(?=\s|$)/gi, 'that is'],
  [/\betc\.(?=\s|$)/gi, 'and so on'],
  [/\s[–—]\s/g, ', '],
  [/(\d(?:am|pm)?)\s?[–—-]\s?(\d)/gi, '$1 to $2'],
  [/\b(\w+)\/(\w+)\b/g, '$1 or $2'],
  [/\s\+\s/g, ' plus '],
  [/[“”"]/g, ''],
  [/\s*\*\s*/g, ' '],
];

/** Words for symbols a speech engine reads badly or not at all. */
export function speakSymbols(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SYMBOLS) out = out.replace(pattern, replacement);
  return out.replace(/(\d)m pounds/g, '$1 million pounds').replace(/(\d)bn pounds/g, '$1 billion pounds');
}

const INITIALISM = /\b[A-Z]{2,4}(?=s?\b)/;
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b/;
const PHONE = /(\+44\s?(?:\(0\)\s?)?\d{2,4}(?:\s?\d{3,4}){2}|\b0\d{2,4}(?:\s\d{3,6}){1,2}\b|\b0\d{9,10}\b)/;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const WEB = /\bhttps?:\/\/[^\s)]+|\bwww\.[^\s)]+[^\s).,;:!?]/;

/**
 * Splits written text into pieces: phone numbers, email and web addresses, and initialisms (read letter by letter)
 * found and given their spoken forms.
 */
export function speakableText(text: string): Piece[] {
  const pieces: Piece[] = [];
  const pattern = new RegExp(`${PHONE.source}|(${EMAIL.source})|(${WEB.source})|(${POSTCODE.source})|(${INITIALISM.source})`, 'g');
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const index = match.index ?? 0;
    if (index > last) pieces.push({ kind: 'text', text: speakSymbols(text.slice(last, index)) });
    const [found] = match;
    if (match[1]) pieces.push({ kind: 'telephone', written: found, spoken: spokenPhone(found) });
    else if (match[2]) pieces.push({ kind: 'sub', written: found, spoken: spokenEmail(found) });
    else if (match[3]) pieces.push({ kind: 'sub', written: found, spoken: spokenWebAddress(found) });
    else if (match[4]) pieces.push({ kind: 'characters', written: found, spoken: found.split(' ').map(spokenLetters).join(', ') });
    else pieces.push({ kind: 'characters', written: found, spoken: spokenLetters(found) });
    last = index + found.length;
  }
  if (last < text.length) pieces.push({ kind: 'text', text: speakSymbols(text.slice(last)) });
  return pieces;
}

/** What a listener hears from pieces, as plain text. */
export function spoken(pieces: readonly Piece[]): string {
  return pieces
    .map((p) => (p.kind === 'text' ? p.text : p.kind === 'pause' ? ' ' : p.spoken))
    .join('')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
