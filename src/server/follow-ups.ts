/**
 * The question a format needs answered before it can be made: large print in what size, braille contracted or not,
 * which language, audio on CD or as a file. Asked on the request form without JavaScript (each question says which
 * format it is for), required only for the format chosen, and stored with the format ("Braille on paper
 * (uncontracted, grade 1)"): none of them is personal, so they stay when `done` deletes the reader's details.
 */
import type { FieldError, Form } from './validation.ts';

export type FollowUpKind = 'large-print' | 'braille' | 'language' | 'audio';

export interface FollowUp {
  kind: FollowUpKind;
  field: string;
  label: string;
  /** Radios when given; a text input otherwise. */
  options?: Array<{ value: string; label: string }>;
  missing: string;
}

export const FOLLOW_UPS: Record<FollowUpKind, FollowUp> = {
  'large-print': {
    kind: 'large-print',
    field: 'printSize',
    label: 'If you chose large print: what size of print do you need?',
    missing: 'Enter the size of print you need, like 24 point',
  },
  braille: {
    kind: 'braille',
    field: 'brailleGrade',
    label: 'If you chose braille: which kind of braille?',
    missing: 'Select contracted or uncontracted braille',
    options: [
      { value: 'contracted, grade 2', label: 'Contracted (grade 2)' },
      { value: 'uncontracted, grade 1', label: 'Uncontracted (grade 1)' },
      { value: 'not sure which', label: 'I am not sure' },
    ],
  },
  language: {
    kind: 'language',
    field: 'language',
    label: 'If you chose another language: which language?',
    missing: 'Enter the language you need',
  },
  audio: {
    kind: 'audio',
    field: 'audioMedium',
    label: 'If you chose audio: on a CD or as a file?',
    missing: 'Select a CD or a file',
    options: [
      { value: 'on CD', label: 'On a CD by post' },
      { value: 'as a file', label: 'As a file to download or by email' },
    ],
  },
};

/** Which follow-up a format (as the organisation named it) needs, if any. */
export function followUpFor(format: string): FollowUp | undefined {
  if (/large print/i.test(format)) return FOLLOW_UPS['large-print'];
  if (/braille/i.test(format)) return FOLLOW_UPS.braille;
  if (/\blanguage\b/i.test(format) && !/sign language/i.test(format)) return FOLLOW_UPS.language;
  if (/\baudio\b/i.test(format) && !/\b(cd|file|mp3|download)\b/i.test(format)) return FOLLOW_UPS.audio;
  return undefined;
}

/** The follow-ups the form shows: one per kind among the formats offered. */
export function followUpsOffered(formats: readonly string[]): FollowUp[] {
  return [...new Set(formats.map(followUpFor).filter((f) => f !== undefined))];
}

/** The answer for the chosen format, checked; the format as stored includes it. */
export function answerFollowUp(
  format: string,
  form: Form,
  errors: FieldError[],
): { stored: string; answers: Record<string, string> } {
  const followUp = followUpFor(format);
  const answers = Object.fromEntries(
    Object.values(FOLLOW_UPS).map((f) => [f.field, (form[f.field] ?? '').trim().slice(0, 100)]),
  );
  if (!followUp) return { stored: format, answers };
  const answer = answers[followUp.field]!;
  const valid = followUp.options ? followUp.options.some((o) => o.value === answer) : answer !== '';
  if (!valid) {
    errors.push({ field: followUp.field, message: followUp.missing });
    return { stored: format, answers };
  }
  return { stored: `${format} (${answer})`, answers };
}
