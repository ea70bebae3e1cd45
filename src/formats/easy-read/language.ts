/**
 * Plain-language measures for easy read: sentences, words, syllables, numbers. Pure functions on strings.
 * Guidance: GOV.UK accessible communication formats; Department of Health "Making written information easier to
 * understand" (2010); Inclusion Europe "Information for all"; Mencap.
 */
import { syllable } from 'syllable';

/** Splits text into sentences at . ! ? followed by a space or the end. */
export function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?…])\s+(?=\S)/)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/** Words as a reader counts them: "Lambeth's", "well-being" and "18" are one word each. */
export function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];
}

export function syllables(word: string): number {
  return /^\d/.test(word) ? 1 : syllable(word);
}

/**
 * Flesch–Kincaid grade level. Unreliable on short texts (a single point): report it, never gate on it.
 * 0.39 × words per sentence + 11.8 × syllables per word − 15.59 (Kincaid et al., 1975).
 */
export function fleschKincaidGrade(text: string): number {
  const list = words(text);
  const count = Math.max(1, sentences(text).length);
  if (list.length === 0) return 0;
  const totalSyllables = list.reduce((sum, w) => sum + syllables(w), 0);
  return 0.39 * (list.length / count) + 11.8 * (totalSyllables / list.length) - 15.59;
}

const NUMBER_WORDS = [
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
  'hundred',
  'thousand',
  'million',
];
const NUMBER_VALUES: Record<string, number> = Object.fromEntries(NUMBER_WORDS.slice(0, 19).map((w, i) => [w, i + 2]));

/**
 * Numbers written as words ("three mothers" → 3). "One" is left alone: "no one", "one of us" and "one day" are
 * phrases more often than counts.
 */
export function numberWords(text: string): Array<{ word: string; digits?: number }> {
  const found = text.match(new RegExp(`\\b(${NUMBER_WORDS.join('|')})\\b`, 'gi')) ?? [];
  return found.map((word) => {
    const digits = NUMBER_VALUES[word.toLowerCase()];
    return digits === undefined ? { word } : { word, digits };
  });
}

/** Percentages and fractions, which easy read replaces with "about 1 in 3". */
export function proportions(text: string): string[] {
  return (
    text.match(
      /\b\d+(?:\.\d+)?\s?(?:%|per ?cent\b)|\b\d+\s?\/\s?\d+\b|[½⅓⅔¼¾⅕]|\b(?:a |one |two |three )?(?:half|halves|thirds?|quarters?|fifths?)\b/gi,
    ) ?? []
  );
}

/** "34%" → "about 1 in 3"; "75%" → "about 8 in 10"; "1/4" → "about 1 in 4". */
export function suggestProportion(found: string): string {
  const percent = /(\d+(?:\.\d+)?)\s?(%|per ?cent)/i.exec(found);
  const fraction = /(\d+)\s?\/\s?(\d+)/.exec(found);
  const share = percent ? Number(percent[1]) / 100 : fraction ? Number(fraction[1]) / Number(fraction[2]) : undefined;
  if (share === undefined || !Number.isFinite(share) || share <= 0)
    return 'say "about 1 in 3" or "most people" instead';
  if (share >= 1) return 'say "everyone" or "all of them" instead';
  if (share <= 0.5) return `say "about 1 in ${Math.round(1 / share)}" instead`;
  return `say "about ${Math.round(share * 10)} in 10" instead`;
}

/** Initialisms and acronyms: "NHS", "GPs", "N.H.S.". */
export function initialisms(text: string): string[] {
  return (text.match(/\b(?:[A-Z]\.){2,}|\b[A-Z]{2,}s?\b/g) ?? []).map((w) =>
    w.replace(/\./g, '').replace(/(?<=[A-Z])s$/, ''),
  );
}

/** Words that join two clauses: a sentence with one and many words probably holds two ideas. */
const CLAUSE_JOINERS = /,\s*(and|but|so|or)\s|\s(because|which|although|though|whereas|while|unless)\s|;/i;

export function probablyTwoIdeas(sentence: string): boolean {
  return words(sentence).length > 10 && CLAUSE_JOINERS.test(sentence);
}
