/**
 * The easy-read file's front matter: its own title (in easy words), its dates, and who checked it with readers and
 * when — easy read is written by people and should be checked by people with a learning disability.
 */
import { z } from 'zod';
import {
  changeSchema,
  checkDates,
  readFrontMatterWith,
  FIELD_HINTS,
  type FrontMatterResult,
} from '../../report/front-matter.ts';
import { isoDate, isLanguageTag } from '../../report/validators.ts';
import { error } from '../../report/problems.ts';

export const easyReadSchema = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty'),
  published: isoDate,
  updated: isoDate.optional(),
  lang: z.string().refine(isLanguageTag, 'must be a language tag such as en-GB or cy').default('en-GB'),
  /** Who checked it with readers: a group or a person. */
  checkedBy: z.string().trim().min(1).optional(),
  checkedOn: isoDate.optional(),
  changes: z.array(changeSchema).default([]),
  /** Extra hard words to watch for in this document, besides long words. */
  hardWords: z.array(z.string().trim().min(1)).default([]),
});

export type EasyReadMeta = z.infer<typeof easyReadSchema>;

const HINTS: Record<string, string> = {
  ...FIELD_HINTS,
  checkedBy: 'write who checked it with readers, like: checkedBy: Lambeth People First reading group',
  checkedOn: 'write the date it was checked as YYYY-MM-DD',
  hardWords: 'write a list, like: hardWords: [perinatal, commissioner]',
};

export function readEasyReadFrontMatter(source: string, file: string): FrontMatterResult<EasyReadMeta> {
  return readFrontMatterWith(source, file, easyReadSchema, HINTS, (data, lineOf) => {
    const problems = checkDates(data, file, lineOf);
    if (Boolean(data.checkedBy) !== Boolean(data.checkedOn)) {
      const missing = data.checkedBy ? 'checkedOn' : 'checkedBy';
      problems.push(
        error(
          file,
          lineOf([data.checkedBy ? 'checkedBy' : 'checkedOn']),
          `"${missing}" is missing: say both who checked it and when`,
          HINTS[missing]!,
          'easy-read',
        ),
      );
    }
    return problems;
  });
}
