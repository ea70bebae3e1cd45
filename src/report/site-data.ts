/**
 * The content folder's data files, read and validated once:
 * - _data/organisation.yml: who publishes (name, phone, text, email, address, website). Used by every page and format;
 *   nothing about the organisation is written in templates or code.
 * - _data/site.yml: site settings (its public address, the accessibility statement's facts and dates).
 */
import { z } from 'zod';
import { LineCounter, parseDocument } from 'yaml';
import { lineOfPath } from './yaml-lines.ts';
import { error, type Problem } from './problems.ts';
import { isoDate, isLanguageTag, valueAt } from './validators.ts';
import { voiceSchema } from '../formats/audio/voices/voice.ts';

const ukPhone = z
  .string()
  .regex(/^\+?[\d ()-]{7,20}$/, 'must be a phone number written with digits and spaces, like 020 7274 8522');

export const organisationSchema = z.strictObject({
  name: z.string().trim().min(1),
  phone: ukPhone,
  /** Number that takes text messages (SMS). */
  text: ukPhone.optional(),
  email: z.email('must be an email address like info@example.org'),
  address: z.array(z.string().trim().min(1)).min(1, 'must list the lines of the postal address'),
  website: z.url('must be a web address starting with https://'),
  /** Opening hours of the phone line, shown beside it. */
  hours: z.string().optional(),
});

/** The formats a request form offers unless site.yml lists others. */
const DEFAULT_FORMATS = [
  'Braille on paper',
  'Large print in a different size',
  'Easy read',
  'Audio',
  'British Sign Language (BSL) video',
  'Another language',
  'A printed copy by post',
];

export const siteSchema = z.strictObject({
  /** Public address of this site, for sitemap.xml and the feed. */
  url: z.url('must be the web address the site is published at, starting with https://'),
  /** Language of the site's own words (menus, headings like "Contents"); each report says its own language. */
  lang: z.string().refine(isLanguageTag, 'must be a language tag such as en-GB or cy').default('en-GB'),
  /** Print editions: large-print sizes in points (each its own PDF), at least 16 (UKAAF G003). */
  print: z
    .strictObject({
      largePrintSizes: z
        .array(
          z.number().int().min(16, 'must be at least 16 (smaller is not large print)').max(40, 'must be at most 40'),
        )
        .min(1)
        .default([18]),
    })
    .default({ largePrintSizes: [18] }),
  /** Braille (BRF): the page size of the embosser or braille display it is made for (UK A4 braille: 40 × 25). */
  braille: z
    .strictObject({
      cellsPerLine: z
        .number()
        .int()
        .min(20, 'must be at least 20 cells')
        .max(60, 'must be at most 60 cells')
        .default(40),
      linesPerPage: z
        .number()
        .int()
        .min(10, 'must be at least 10 lines')
        .max(40, 'must be at most 40 lines')
        .default(25),
    })
    .default({ cellsPerLine: 40, linesPerPage: 25 }),
  /** Asking for another format (the request form, and the mailto link used on a static host without the server). */
  requests: z
    .strictObject({
      /** Formats readers can choose, besides "Something else". Large print, braille, another language and audio get a follow-up question. */
      formats: z.array(z.string().trim().min(1)).min(1).default(DEFAULT_FORMATS),
      /** Working days (England and Wales) within which readers hear back: each request's due date. */
      replyWorkingDays: z
        .number()
        .int()
        .min(1, 'must be at least 1 working day')
        .max(60, 'must be at most 60 working days')
        .default(5),
      /** How soon readers hear back, in words (default: "within <replyWorkingDays> working days"). */
      replyWithin: z.string().trim().min(1).optional(),
      /** On a static host the request and feedback pages offer an email link with the details filled in. */
      mailto: z.boolean().default(true),
      /**
       * Days a feedback sender's contact details are kept, when they agreed to be contacted; then they are deleted and
       * the feedback stays, anonymous. The feedback form tells readers this number.
       */
      keepFeedbackContactDays: z
        .number()
        .int()
        .min(1, 'must be at least 1 day')
        .max(730, 'must be at most 730 days (2 years)')
        .default(90),
      /** Who is emailed when a request or feedback arrives (the forms server, with SMTP_URL set); default: the organisation's email. */
      notify: z.email('must be an email address').optional(),
    })
    .default({ formats: DEFAULT_FORMATS, replyWorkingDays: 5, mailto: true, keepFeedbackContactDays: 90 })
    .transform((requests) => ({
      ...requests,
      replyWithin: requests.replyWithin ?? `within ${requests.replyWorkingDays} working days`,
    })),
  /** The staff desk (/staff/ on the forms server). */
  staff: z
    .strictObject({
      /**
       * Everyone must use a code from an authenticator app as a second step when signing in (OWASP ASVS 6.3.3). Off by
       * default: anyone may still turn it on for their own account.
       */
      requireSecondStep: z.boolean().default(false),
    })
    .default({ requireSecondStep: false }),
  speech: z
    .strictObject({
      /** Audio: which engine and voice reads each language ("en", "en-GB", "cy"…); see src/formats/audio/voices/voice.ts. */
      voices: z
        .record(z.string().refine(isLanguageTag, 'must be a language tag such as en, en-GB or cy'), voiceSchema)
        .default({}),
      /** Audio: how to say words a speech engine gets wrong (local place names, terms), as respellings. */
      pronunciations: z
        .record(
          z.string().trim().min(1, 'needs a word'),
          z.string().trim().min(1, 'must say how to pronounce the word, such as "Lambith"'),
        )
        .default({}),
    })
    .default({ voices: {}, pronunciations: {} }),
  accessibility: z.strictObject({
    status: z.enum(['fully', 'partially', 'not'], { error: 'must be one of: fully, partially, not' }),
    /** Known problems: what is not accessible, why, and what to do instead. */
    knownIssues: z.array(z.strictObject({ problem: z.string(), why: z.string(), alternative: z.string() })).default([]),
    prepared: isoDate,
    reviewed: isoDate,
    /** How the site was tested by people (the automated checks are described by the statement itself). */
    testedBy: z.string().trim().min(1),
    /** Which UK enforcement body applies. */
    enforcement: z.enum(['great-britain', 'northern-ireland']).default('great-britain'),
  }),
});

export type Organisation = z.infer<typeof organisationSchema>;
export type SiteSettings = z.infer<typeof siteSchema>;

/** Reads a YAML data file against a schema; problems name the file, the line and the field. */
export function readDataFile<T extends z.ZodType>(
  source: string,
  file: string,
  schema: T,
): { data?: z.infer<T>; problems: Problem[] } {
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, version: '1.2', schema: 'core' });
  if (doc.errors.length) {
    return {
      problems: doc.errors.map((e) =>
        error(
          file,
          e.linePos?.[0]?.line ?? 1,
          `this file is not valid YAML (${e.message.split('\n')[0]})`,
          'check for a missing colon, an unclosed quote, or a tab used for indenting',
          'data-files',
        ),
      ),
    };
  }
  const lineOf = (path: readonly PropertyKey[]): number => lineOfPath(doc, counter, path);
  const raw: unknown = doc.toJS() ?? {};
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { data: parsed.data, problems: [] };
  return {
    problems: parsed.error.issues.map((issue) => {
      const field = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys') {
        return error(
          file,
          lineOf([...issue.path, issue.keys[0]!]),
          `unknown field "${issue.keys.join('", "')}"${field ? ` in ${field}` : ''}`,
          'remove it, or check its spelling',
          'data-files',
        );
      }
      // A record's key that fails its own check: zod says only "Invalid key in record"; its own issue says why.
      if (issue.code === 'invalid_key') {
        return error(
          file,
          lineOf(issue.path),
          `"${field}" ${issue.issues[0]?.message ?? 'is not a valid name here'}`,
          'correct it',
          'data-files',
        );
      }
      return issue.code === 'invalid_type' && valueAt(raw, issue.path) === undefined
        ? error(
            file,
            lineOf(issue.path.slice(0, -1)),
            `"${field}" is missing`,
            `add a line "${String(issue.path.at(-1))}: …"`,
            'data-files',
          )
        : error(file, lineOf(issue.path), `"${field}" ${issue.message}`, 'correct it', 'data-files');
    }),
  };
}
