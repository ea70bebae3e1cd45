/**
 * Word error rate, as speech recognition is scored: (substitutions + deletions + insertions) / words in the reference,
 * by edit distance over words. Numbers are left out of the count on both sides (the recogniser writes "eighteen"
 * where the text has "18"; how numbers are written is not what is being measured).
 */
import { wordsOf } from '../report/words.ts';

const NUMBER_WORDS = new Set([
  'zero',
  'oh',
  'one',
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
  'percent',
]);

const notANumber = (word: string): boolean => !/\d/.test(word) && !NUMBER_WORDS.has(word);

export function wordErrorRate(reference: string, heard: string): { rate: number; errors: number; words: number } {
  const ref = wordsOf(reference).filter(notANumber);
  const hyp = wordsOf(heard).filter(notANumber);
  let previous = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const row = [i];
    for (let j = 1; j <= hyp.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (ref[i - 1] === hyp[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  const errors = previous[hyp.length]!;
  return { rate: ref.length ? errors / ref.length : 0, errors, words: ref.length };
}
