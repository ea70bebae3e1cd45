/**
 * Problems found in an editor's content, and how they are told to the editor.
 *
 * Every message names the file and the line, says what is wrong in plain English, and says how to fix it:
 *   content/reports/x/index.md:42: image has no alt text — describe it, or mark it decorative with ![""](photo.jpg)
 * Errors stop the build; warnings are printed and the build goes on.
 */

/** Errors stop the build; warnings and notes are printed and the build goes on. */
export type Severity = 'error' | 'warning' | 'note';

/** Sections of docs/editors-guide.md that messages point to (a test checks each one is a heading there). */
export const HELP_SECTIONS = [
  'reports',
  'front-matter',
  'headings',
  'images',
  'links',
  'tables',
  'footnotes',
  'raw-html',
  'updates',
  'data-files',
  'easy-read',
  'braille',
  'markdown-dialects',
  'alerts',
  'checklists',
] as const;
export type HelpSection = (typeof HELP_SECTIONS)[number];

export interface Problem {
  /** Path of the file, as the editor would type it (relative to the working directory when possible). */
  file: string;
  /** 1-based line in that file; 0 when the problem is about the whole file. */
  line: number;
  severity: Severity;
  /** What is wrong, in plain English. */
  message: string;
  /** How to fix it. */
  fix: string;
  /** Section of docs/editors-guide.md that explains this problem. */
  help?: HelpSection;
}

export function error(file: string, line: number, message: string, fix: string, help?: HelpSection): Problem {
  return { file, line, severity: 'error', message, fix, ...(help ? { help } : {}) };
}

export function warning(file: string, line: number, message: string, fix: string, help?: HelpSection): Problem {
  return { file, line, severity: 'warning', message, fix, ...(help ? { help } : {}) };
}

export function note(file: string, line: number, message: string, fix: string, help?: HelpSection): Problem {
  return { file, line, severity: 'note', message, fix, ...(help ? { help } : {}) };
}

export function formatProblem(problem: Problem): string {
  const where = problem.line > 0 ? `${problem.file}:${problem.line}` : problem.file;
  const label = problem.severity === 'error' ? '' : `${problem.severity}: `;
  const help = problem.help ? ` (see docs/editors-guide.md#${problem.help})` : '';
  return `${where}: ${label}${problem.message} — ${problem.fix}${help}`;
}

export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

export function errorsIn(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'error');
}

/** Thrown when content has errors: carries every problem, so the editor sees them all at once. */
export class ContentProblemsError extends Error {
  readonly problems: Problem[];
  constructor(problems: readonly Problem[]) {
    const errors = errorsIn(problems);
    super(
      `The content has ${errors.length} ${errors.length === 1 ? 'problem' : 'problems'} to fix before it can be published:\n` +
        sortProblems(errors)
          .map((p) => `  ${formatProblem(p)}`)
          .join('\n'),
    );
    this.name = 'ContentProblemsError';
    this.problems = sortProblems(problems);
  }
}

/** Finds a ContentProblemsError inside errors that wrap it (Eleventy wraps errors thrown by data and plugins). */
export function findContentProblems(err: unknown): ContentProblemsError | undefined {
  let current: unknown = err;
  for (let depth = 0; current && depth < 10; depth++) {
    if (current instanceof ContentProblemsError) return current;
    if (typeof current !== 'object') return undefined;
    const next =
      (current as { cause?: unknown; originalError?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
    current = next;
  }
  return undefined;
}
