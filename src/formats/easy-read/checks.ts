/**
 * Easy-read checks (../shared/FORMATS.md), each reported as `easy-read.md:LINE: problem — suggestion`.
 *
 * Errors stop the build: a sentence over 15 words; a point without a picture or words, a picture without alt text;
 * more than 3 sentences; italics or capitals for emphasis; an unexplained abbreviation; a percentage or fraction.
 * Warnings are printed: hard or long words the Hard words list does not explain; numbers as words; a sentence that
 * probably holds two ideas; a readability grade above target. An editor accepts one warning for one sentence by ending
 * the sentence with {ok: rule}, for example "We talked to professionals.{ok: long-word}".
 */
import path from 'node:path';
import { error, warning, type Problem } from '../../report/problems.ts';
import type { Inline } from '../../report/model.ts';
import { checkRawHtml } from '../../checks/raw-html.ts';
import { resolveImage } from '../../checks/images.ts';
import { walkInlines } from '../../report/build-document.ts';
import { closestWord } from '../../report/validators.ts';
import type { ParsedEasyRead } from './parse-easy-read.ts';
import type { EasyReadPoint } from './model.ts';
import { plainText } from '../../report/plain-text.ts';
import { findPictogram, isPictogram } from './pictograms.ts';
import {
  fleschKincaidGrade,
  initialisms,
  numberWords,
  probablyTwoIdeas,
  proportions,
  sentences,
  suggestProportion,
  syllables,
  words,
} from './language.ts';

export const EASY_READ_LIMITS = {
  /** Words in a sentence (Inclusion Europe; Mencap; DH 2010). */
  maxWordsPerSentence: 15,
  /** Sentences beside one picture. */
  maxSentencesPerPoint: 3,
  /** A word this long (in syllables) must be explained or avoided. */
  longWordSyllables: 4,
  /** Flesch–Kincaid grade a point should stay at or below (a hint only: unreliable on short text). */
  targetGrade: 5,
  /** The grade is only worth mentioning for points at least this long. */
  gradeMinimumWords: 8,
  /** Pages of the easy-read PDF before it is too long to use. */
  maxPdfPages: 20,
};

/** Warnings an editor may accept for one sentence; errors cannot be accepted. */
export const ACCEPTABLE_RULES = ['long-word', 'hard-word', 'number-word', 'two-ideas', 'readability'] as const;
export type AcceptableRule = (typeof ACCEPTABLE_RULES)[number];

const MARKER = /\{ok:\s*([a-z-]+)\s*\}/g;

export function stripMarkers(text: string): string {
  return text.replace(MARKER, '');
}

/** Words often hard for readers of health reports even when short; a file adds its own in front matter. */
export const COMMON_HARD_WORDS = [
  'perinatal',
  'postnatal',
  'antenatal',
  'qualitative',
  'quantitative',
  'commissioner',
  'commissioners',
  'commissioning',
  'stigma',
  'empathy',
  'symptom',
  'symptoms',
  'diagnosis',
  'statutory',
  'safeguarding',
  'referral',
  'referrals',
  'trust',
  'trusts',
  'voluntary',
];

/** Letters everybody reads as a word. */
const WELL_KNOWN = new Set(['OK', 'TV']);

function hasItalics(nodes: readonly Inline[]): boolean {
  return nodes.some((n) => n.type === 'em' || ('children' in n && hasItalics(n.children)));
}

function explained(word: string, known: ReadonlySet<string>): boolean {
  const lower = word.toLowerCase();
  return (
    known.has(lower) ||
    known.has(lower.replace(/(es|s)$/, '')) ||
    [...known].some((k) => lower.startsWith(k) && lower.length - k.length <= 3)
  );
}

export function checkEasyRead(parsed: ParsedEasyRead, files: ReadonlySet<string>): Problem[] {
  const doc = parsed.document;
  const file = doc.file;
  const problems: Problem[] = [];
  const err = (line: number, message: string, fix: string): number =>
    problems.push(error(file, line, message, fix, 'easy-read'));
  const hardWordList = new Set(doc.hardWords.map((h) => h.word.toLowerCase()));
  const abbreviations = new Set([...doc.abbreviations.keys()]);
  const watchList = new Set([...COMMON_HARD_WORDS, ...doc.meta.hardWords.map((w) => w.toLowerCase())]);

  const warn = (
    line: number,
    rule: AcceptableRule,
    accepted: ReadonlySet<string>,
    message: string,
    fix: string,
  ): void => {
    if (!accepted.has(rule))
      problems.push(
        warning(file, line, message, `${fix}, or end the sentence with {ok: ${rule}} to accept it`, 'easy-read'),
      );
  };

  const checkPicture = (point: EasyReadPoint): void => {
    const picture = point.picture;
    if (!picture) {
      const looksLikePicture = /^\s*!\[[^\]]*\]\([^)]*\s[^)]*\)/.test(plainText(point.content));
      if (looksLikePicture)
        err(
          point.line,
          'the picture at the start of this point could not be read: its name has a space in it',
          'use hyphens between words, like ![a baby](pictogram:woman-feeding-baby)',
        );
      else
        err(
          point.line,
          'this point has no picture',
          'start the paragraph with a picture: ![what it shows](pictogram:name) or ![what it shows](photo.jpg)',
        );
      return;
    }
    if (picture.decorative || !picture.alt.trim())
      err(
        point.line,
        `the picture ${picture.src} has no alt text`,
        'describe it between the square brackets: every easy-read picture needs alt text',
      );
    if (isPictogram(picture.src)) {
      const found = findPictogram(picture.src);
      if ('missing' in found)
        err(
          point.line,
          `there is no pictogram called "${found.missing}"`,
          found.suggestion
            ? `did you mean pictogram:${found.suggestion}? Names are listed at openmoji.org`
            : 'look up a name at openmoji.org (use its name in lower case)',
        );
      return;
    }
    const where = resolveImage(picture.src);
    if ('refused' in where)
      err(
        point.line,
        `the picture ${picture.src} is not a file in the report's folder`,
        'put the picture beside easy-read.md and write just its file name, or use a pictogram',
      );
    else if (!files.has(where.relative)) {
      const guess = closestWord(where.relative, [...files]);
      err(
        point.line,
        `picture file ${where.relative} does not exist`,
        guess ? `did you mean ${guess}?` : `put it in ${path.dirname(file)}/ or correct the name`,
      );
    }
  };

  for (const section of doc.sections) {
    for (const point of section.points) {
      const errorsBefore = problems.filter((p) => p.severity === 'error').length;
      checkPicture(point);
      const text = plainText(point.content);
      const list = sentences(text);
      if (list.length === 0)
        err(
          point.line,
          'this point has a picture but no words',
          'write 1 to 3 short sentences after the picture, on the same line',
        );
      if (list.length > EASY_READ_LIMITS.maxSentencesPerPoint)
        err(
          point.line,
          `this point has ${list.length} sentences`,
          `keep to ${EASY_READ_LIMITS.maxSentencesPerPoint} or fewer: start a new point, with its own picture, for the rest`,
        );
      if (hasItalics(point.content))
        err(point.line, 'this point uses italics', 'italics are hard to read: use **bold** for emphasis');
      for (const raw of list) {
        const accepted = new Set([...raw.matchAll(MARKER)].map((m) => m[1]!));
        // Email and web addresses are read as they are: they are not words to measure.
        const sentence = stripMarkers(raw).replace(/\S+@\S+\.\w+|https?:\/\/\S+|www\.\S+/g, 'address');
        const sentenceWords = words(sentence);
        const quoted = `"${sentence.length > 40 ? `${sentence.slice(0, 40)}…` : sentence}"`;
        if (sentenceWords.length > EASY_READ_LIMITS.maxWordsPerSentence) {
          err(
            point.line,
            `the sentence ${quoted} has ${sentenceWords.length} words`,
            `split it into shorter sentences of ${EASY_READ_LIMITS.maxWordsPerSentence} words or fewer`,
          );
        }
        for (const found of proportions(sentence))
          err(point.line, `"${found}" is a percentage or fraction`, suggestProportion(found));
        for (const short of new Set(initialisms(sentence))) {
          if (WELL_KNOWN.has(short)) continue;
          if (short.length >= 4 && !abbreviations.has(short) && !hardWordList.has(short.toLowerCase()))
            err(
              point.line,
              `"${short}" is in capitals`,
              'capitals are hard to read: write it in lower case and use **bold** for emphasis; if it is an abbreviation, explain it in Hard words',
            );
          else if (!abbreviations.has(short) && !hardWordList.has(short.toLowerCase()))
            err(
              point.line,
              `the abbreviation "${short}" is not explained`,
              `write it in full, or explain it in the next sentence and add **${short}** to the Hard words list`,
            );
        }
        for (const [index, word] of sentenceWords.entries()) {
          const lower = word.toLowerCase();
          const isName = index > 0 && /^\p{Lu}/u.test(word);
          if (explained(word, hardWordList) || isName || /^[A-Z]{2,}s?$/.test(word)) continue;
          if (watchList.has(lower))
            warn(
              point.line,
              'hard-word',
              accepted,
              `"${word}" is a hard word`,
              `use an easier word, or explain it in the next sentence and add **${word}** to the Hard words list`,
            );
          else if (syllables(word) >= EASY_READ_LIMITS.longWordSyllables)
            warn(
              point.line,
              'long-word',
              accepted,
              `"${word}" is a long word (${syllables(word)} syllables)`,
              `use a shorter word, or explain it in the next sentence and add **${word}** to the Hard words list`,
            );
        }
        for (const found of numberWords(sentence))
          warn(
            point.line,
            'number-word',
            accepted,
            `"${found.word}" is a number written as a word`,
            found.digits ? `write ${found.digits}` : 'write it in digits',
          );
        if (probablyTwoIdeas(sentence))
          warn(
            point.line,
            'two-ideas',
            accepted,
            `the sentence ${quoted} may hold two ideas`,
            'split it into two sentences, one idea each',
          );
      }
      const pointText = stripMarkers(text).replace(/\S+@\S+\.\w+|https?:\/\/\S+|www\.\S+/g, 'address');
      const grade = fleschKincaidGrade(pointText);
      const pointAccepted = new Set([...text.matchAll(MARKER)].map((m) => m[1]!));
      // The grade is a hint: not worth adding to a point that already has errors to fix.
      const pointHasErrors = problems.filter((p) => p.severity === 'error').length > errorsBefore;
      if (
        !pointHasErrors &&
        words(pointText).length >= EASY_READ_LIMITS.gradeMinimumWords &&
        grade > EASY_READ_LIMITS.targetGrade
      ) {
        warn(
          point.line,
          'readability',
          pointAccepted,
          `this point reads at Flesch–Kincaid grade ${grade.toFixed(1)} (target ${EASY_READ_LIMITS.targetGrade} or lower; the formula is a rough hint on short text)`,
          'try shorter words and sentences',
        );
      }
    }
  }
  for (const block of parsed.document.strayBlocks) {
    const kind =
      block.type === 'list'
        ? 'a list'
        : block.type === 'table'
          ? 'a table'
          : block.type === 'quote'
            ? 'a quote'
            : block.type === 'heading'
              ? 'a heading below ##'
              : 'this block';
    err(
      block.line,
      `${kind} is not an easy-read point`,
      block.type === 'list'
        ? 'write each list item as its own point, with a picture'
        : 'write it as points: a picture and 1 to 3 short sentences',
    );
  }
  for (const hard of doc.hardWords) {
    if (!plainText(hard.explanation).trim())
      err(
        hard.line,
        `the hard word "${hard.word}" has no explanation`,
        `write it as **${hard.word}**: what it means, in easy words`,
      );
  }
  walkInlines(parsed.asReport, (node, line) => {
    if (node.type === 'link' && !/^(mailto:|tel:|sms:|https?:)/.test(node.href)) return;
    if (node.type === 'link' && plainText(node.children).trim() === '')
      err(line, 'a link has no words', 'write what it leads to between the square brackets');
  });
  return [...problems, ...checkRawHtml(parsed.asReport)];
}
