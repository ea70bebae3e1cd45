/**
 * Front matter: the block between the first two "---" lines of a report. One schema validates it; a missing, unknown or
 * malformed field stops the build with the file, the line and the fix.
 *
 * YAML is read with the 1.2 core schema, so dates stay strings (YAML 1.1 would turn 2019-05-01 into a Date at midnight UTC
 * and an impossible date like 2019-02-30 into a different day).
 */
import { z } from 'zod';
import { LineCounter, parseDocument } from 'yaml';
import { lineOfPath } from './yaml-lines.ts';
import { error, warning, type Problem } from './problems.ts';
import { isoDate, isLanguageTag, closestWord, valueAt } from './validators.ts';

export const changeSchema = z.strictObject({
  date: isoDate,
  summary: z.string().trim().min(1, 'must say what changed'),
});

export const frontMatterSchema = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty'),
  summary: z.string().trim().min(1, 'must not be empty'),
  published: isoDate,
  updated: isoDate.optional(),
  lang: z.string().refine(isLanguageTag, 'must be a language tag such as en-GB or cy').default('en-GB'),
  draft: z.boolean().default(false),
  changes: z.array(changeSchema).default([]),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;
export type Change = z.infer<typeof changeSchema>;

/** What changed, newest first: the order every edition lists it in (the newest is the news). */
/** What to change on the line a YAML error is on, in the editor's own words where the mistake is a common one. */
function yamlFix(code: string, line: string): string {
  const pair = /^(\s*)([\w-]+):[ \t]+(.*?)\s*$/.exec(line);
  if (/\t/.test(line) && (code === 'TAB_AS_INDENT' || /^\s*\t/.test(line)))
    return `indent with spaces, not a tab: write the line as "${line.replace(/^[\t ]+/, '')}" (or with spaces in front if it belongs to the field above)`;
  if (pair && /: /.test(pair[3]!) && !/^["']/.test(pair[3]!))
    return `put the value in quotes, because it contains ": ": ${pair[1]}${pair[2]}: "${pair[3]!.replace(/"/g, '\\"')}"`;
  if (code === 'MISSING_CHAR' || code === 'BAD_DQ_ESCAPE' || /^[^:]*:\s*["'][^"']*$/.test(line))
    return 'close the quote: a value in quotes may go over several lines, but must end with the same quote mark';
  return 'check for a missing colon, an unclosed quote, or a tab used for indenting; put text containing ": " in quotes';
}

export function changesNewestFirst(changes: readonly Change[]): Change[] {
  return [...changes].sort((a, b) => b.date.localeCompare(a.date));
}

export const FIELD_HINTS: Record<string, string> = {
  title: 'add a line like: title: "What mothers told us"',
  summary: 'add one or two sentences, like: summary: "What we heard and what should change."',
  published: 'write the date as YYYY-MM-DD, for example: published: 2019-07-15',
  updated: 'write the date as YYYY-MM-DD, for example: updated: 2020-01-10',
  lang: 'use a language tag such as en-GB (English), cy (Welsh) or pl (Polish), or remove the line for en-GB',
  draft: 'write draft: true or draft: false',
  changes:
    'write a list of changes, each with a date and a summary:\n      changes:\n        - date: 2020-01-10\n          summary: Corrected the number of mothers.',
};

export interface SplitSource {
  yaml: string;
  body: string;
  /** Line in the file where the YAML starts (1-based). */
  yamlStartLine: number;
  /** Number of lines before the body: add to a body line to get a file line. */
  bodyLineOffset: number;
}

/** Splits "---\nyaml\n---\nbody". Returns undefined when the file does not start with front matter. */
export function splitFrontMatter(source: string): SplitSource | undefined {
  const text = source.replace(/^\uFEFF/, '');
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n?^---[ \t]*(?:\r?\n|$)/m.exec(text);
  if (!match || match.index !== 0) return undefined;
  const yaml = match[1] ?? '';
  const head = match[0];
  return {
    yaml,
    body: text.slice(head.length),
    yamlStartLine: 2,
    bodyLineOffset: head.split('\n').length - 1,
  };
}

export interface FrontMatterResult<T = FrontMatter> {
  data?: T;
  problems: Problem[];
  bodyLineOffset: number;
  body: string;
  /** Where a field is, once the front matter parsed. */
  lineOf?: LineOf;
}

/** Finds the line of a field, for checks made after the schema passed. */
export type LineOf = (path: readonly PropertyKey[]) => number;

interface Dated {
  published: string;
  updated?: string | undefined;
  changes: Change[];
}

/** Date rules shared by every dated file: an update after publication, each change dated and within them. */
export function checkDates(data: Dated, file: string, lineOf: LineOf): Problem[] {
  const problems: Problem[] = [];
  if (data.updated && data.updated < data.published) {
    problems.push(
      error(
        file,
        lineOf(['updated']),
        `"updated" (${data.updated}) is before "published" (${data.published})`,
        'check both dates: an update comes after publication',
        'updates',
      ),
    );
  }
  for (const [index, change] of data.changes.entries()) {
    if (change.date < data.published) {
      problems.push(
        error(
          file,
          lineOf(['changes', index]),
          `the change dated ${change.date} is before "published" (${data.published})`,
          'check the date of the change',
          'updates',
        ),
      );
    }
  }
  if (data.changes.length > 0 && !data.updated) {
    problems.push(
      error(
        file,
        lineOf(['changes']),
        'the file lists changes but has no "updated" date',
        'add updated: YYYY-MM-DD with the date of the newest change',
        'updates',
      ),
    );
  }
  return problems;
}

/**
 * Reads and validates front matter against a schema; `extraChecks` adds rules across fields once the schema passed.
 * `file` is only used in messages.
 */
export function readFrontMatterWith<S extends z.ZodObject>(
  source: string,
  file: string,
  schema: S,
  hints: Record<string, string>,
  extraChecks: (data: z.infer<S>, lineOf: LineOf) => Problem[] = () => [],
): FrontMatterResult<z.infer<S>> {
  const split = splitFrontMatter(source);
  if (!split) {
    return {
      problems: [
        error(
          file,
          1,
          'the file has no front matter',
          'start the file with a "---" line, then its title and dates, then another "---" line',
          'front-matter',
        ),
      ],
      bodyLineOffset: 0,
      body: source,
    };
  }
  const counter = new LineCounter();
  const doc = parseDocument(split.yaml, { lineCounter: counter, version: '1.2', schema: 'core', prettyErrors: false });
  const base = { bodyLineOffset: split.bodyLineOffset, body: split.body };
  if (doc.errors.length > 0) {
    return {
      ...base,
      // One message per line: the YAML library can report one mistake several times.
      problems: [
        ...new Map(
          doc.errors.map((e) => {
            // The error's own position (linePos is only filled in with prettyErrors), as a line of the file.
            let at = e.linePos?.[0] ?? counter.linePos(e.pos[0]);
            const yamlLines = split.yaml.split('\n');
            // An unclosed quote is noticed where the front matter ends: the mistake is where the quote opened.
            if (/closing .?quote/i.test(e.message))
              for (let l = Math.min(at.line, yamlLines.length); l >= 1; l--)
                if (/^\s*[\w-]+:\s*["']/.test(yamlLines[l - 1] ?? '')) {
                  at = { line: l, col: (yamlLines[l - 1] ?? '').search(/["']/) + 1 };
                  break;
                }
            const yamlLine = yamlLines[at.line - 1] ?? '';
            const line = at.line + split.yamlStartLine - 1;
            return [
              line,
              error(
                file,
                line,
                `the front matter is not valid YAML (${e.message.split('\n')[0]}, at column ${at.col})`,
                yamlFix(e.code, yamlLine),
                'front-matter',
              ),
            ] as const;
          }),
        ).values(),
      ],
    };
  }
  const lineOf: LineOf = (path) => lineOfPath(doc, counter, path, split.yamlStartLine);
  const raw: unknown = doc.toJS() ?? {};
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems: Problem[] = [];
    for (const issue of parsed.error.issues) {
      const field = issue.path.map(String).join('.') || 'front matter';
      const top = String(issue.path[0] ?? '');
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const where = issue.path.length ? ` in ${field}` : '';
          const guess = closestWord(
            key,
            issue.path.length ? Object.keys(changeSchema.shape) : Object.keys(schema.shape),
          );
          problems.push(
            error(
              file,
              lineOf([...issue.path, key]),
              `unknown front-matter field "${key}"${where}`,
              guess ? `did you mean "${guess}"? Otherwise remove it` : 'remove it, or check its spelling',
              'front-matter',
            ),
          );
        }
      } else if (issue.code === 'invalid_type' && valueAt(raw, issue.path) === undefined) {
        problems.push(
          error(
            file,
            lineOf(issue.path),
            `the front matter has no "${field}"`,
            hints[top] ?? `add "${field}"`,
            'front-matter',
          ),
        );
      } else {
        problems.push(
          error(
            file,
            lineOf(issue.path),
            `front-matter field "${field}" ${issue.message}`,
            hints[top] ?? 'correct it',
            'front-matter',
          ),
        );
      }
    }
    return { ...base, problems };
  }
  const data = parsed.data;
  return { ...base, data, lineOf, problems: extraChecks(data, lineOf) };
}

/** Reads and validates a report's front matter. `file` is only used in messages. */
export function readFrontMatter(source: string, file: string): FrontMatterResult {
  return readFrontMatterWith(source, file, frontMatterSchema, FIELD_HINTS, (data, lineOf) => {
    const problems = checkDates(data, file, lineOf);
    const sentences = data.summary.split(/[.!?](?:\s|$)/).filter((s) => s.trim()).length;
    if (sentences > 2) {
      problems.push(
        warning(
          file,
          lineOf(['summary']),
          `the summary has ${sentences} sentences`,
          'keep it to one or two sentences: it is shown in report lists and search results',
          'front-matter',
        ),
      );
    }
    return problems;
  });
}
