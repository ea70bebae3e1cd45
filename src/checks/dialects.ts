/**
 * Content check: the Markdown people bring from elsewhere. Reports copied from kramdown (Jekyll), Liquid templates,
 * MkDocs or a "Markdown comment" trick built silently before and showed that syntax as text on the page, in the PDFs
 * and in the audio. Each is refused at its line with what to write instead. Two traps of plain Markdown are warned
 * about: a line of only "-" or "=" under a paragraph, which turns the paragraph into a heading (setext), and a section
 * heading with nothing under it. Alerts (`> [!NOTE]`) and checklist items (`- [ ]`) written nearly right are refused
 * with the way to write them.
 */
import type { Token } from 'markdown-it';
import { error, warning, type Problem } from '../report/problems.ts';
import type { ParsedReport } from '../report/parse-report.ts';
import { CALLOUT_LABELS, isCalloutKind } from '../report/callouts.ts';

interface Dialect {
  pattern: RegExp;
  what: string;
  fix: string | ((match: RegExpExecArray) => string);
}

const DIALECTS: Dialect[] = [
  {
    pattern: /\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}/,
    what: 'Liquid template syntax (from Jekyll or another site generator) is not run here and would be shown as text',
    fix: 'write the text itself instead; for a note to other editors use an HTML comment <!-- like this -->',
  },
  {
    pattern: /\{::?[^}]*\}|\{:\/\}/,
    what: 'kramdown syntax (from Jekyll) is not Markdown here and would be shown as text in every edition',
    fix: 'remove it: the contents list is made for you, and styling is the same for every report; for a note to other editors use an HTML comment <!-- like this -->',
  },
  {
    pattern: /^\s{0,3}\[(?:comment|\/\/|_|#)\]:\s*(?:<>|#)/i,
    what: 'this "Markdown comment" trick hides the line from the web page but not from every reader of the file',
    fix: 'write the note as an HTML comment instead: <!-- your note -->',
  },
  {
    pattern: /^\s*(?:!!!|\?\?\?\+?)\s*([A-Za-z]+)/,
    what: 'an MkDocs admonition ("!!! warning") is not Markdown here and would be shown as text',
    fix: (match) => {
      const kind = ALERT_FOR_ADMONITION[match[1]!.toLowerCase()] ?? 'NOTE';
      return `write it as an alert: a line "> [!${kind}]", then its text on lines that start with "> " (any title becomes the first sentence)`;
    },
  },
];

/** The alert closest to each MkDocs admonition type (https://squidfunk.github.io/mkdocs-material/reference/admonitions/). */
const ALERT_FOR_ADMONITION: Record<string, string> = {
  note: 'NOTE',
  abstract: 'NOTE',
  summary: 'NOTE',
  info: 'NOTE',
  todo: 'NOTE',
  question: 'NOTE',
  example: 'NOTE',
  quote: 'NOTE',
  tip: 'TIP',
  hint: 'TIP',
  success: 'TIP',
  check: 'TIP',
  done: 'TIP',
  important: 'IMPORTANT',
  warning: 'WARNING',
  attention: 'WARNING',
  failure: 'WARNING',
  fail: 'WARNING',
  missing: 'WARNING',
  bug: 'WARNING',
  caution: 'CAUTION',
  danger: 'CAUTION',
  error: 'CAUTION',
};

/** Inline code and the contents of code fences are the editor's to show as they are. */
function withoutCode(line: string): string {
  return line.replace(/(`+)[\s\S]*?\1/g, (m) => ' '.repeat(m.length));
}

function sourceProblems(report: ParsedReport): Problem[] {
  const problems: Problem[] = [];
  const file = report.document.file;
  let fence: string | undefined;
  report.source.split('\n').forEach((text, index) => {
    if (index < report.bodyLineOffset) return;
    const fenceMark = /^\s{0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (fenceMark && (!fence || fenceMark.startsWith(fence))) {
      fence = fence ? undefined : fenceMark;
      return;
    }
    if (fence) return;
    const line = withoutCode(text);
    for (const dialect of DIALECTS) {
      const match = dialect.pattern.exec(line);
      if (match) {
        const fix = typeof dialect.fix === 'string' ? dialect.fix : dialect.fix(match);
        problems.push(
          error(file, index + 1, `"${match[0].trim().slice(0, 40)}": ${dialect.what}`, fix, 'markdown-dialects'),
        );
        break;
      }
    }
  });
  return problems;
}

const ALERT_NAMES = Object.keys(CALLOUT_LABELS).map((k) => `[!${k.toUpperCase()}]`);
const ALERT_LIST = `${ALERT_NAMES.slice(0, -1).join(', ')} or ${ALERT_NAMES.at(-1)}`;
/** What is left of an alert marker the alerts rule did not take (a valid one is removed before this check runs). */
const LEFTOVER_ALERT = /^\[!([A-Za-z]+)\]/;
/** A checklist box written almost right: "[]", "[ x]", "[✓]"… (a valid "[ ]" or "[x]" in a list item is removed). */
const LEFTOVER_BOX = /^\[(?: ?|[xX✓✔] ?| +[xX✓✔]? *)\](?![([:])/;

/** Alerts and checklist items written nearly right, which would otherwise show their markers as text. */
function markerProblems(tokens: readonly Token[], file: string, lineOf: (token: Token) => number): Problem[] {
  const problems: Problem[] = [];
  const context: string[] = [];
  tokens.forEach((token, i) => {
    if (token.nesting === 1) context.push(token.type);
    if (token.nesting === -1) context.pop();
    if (token.type !== 'inline' || tokens[i - 1]?.type !== 'paragraph_open') return;
    const parent = context.at(-2);
    // Only the first paragraph of a quote or list item can hold its marker; a paragraph outside both is always checked.
    const firstInParent = tokens[i - 2]?.type === parent;
    if (parent && !firstInParent) return;
    const line = lineOf(token);
    const alert = LEFTOVER_ALERT.exec(token.content);
    if (alert) {
      const known = isCalloutKind(alert[1]!.toLowerCase());
      if (!known)
        problems.push(
          error(
            file,
            line,
            `"${alert[0]}" is not an alert this tool knows, so it would be shown as text`,
            `use one of ${ALERT_LIST}`,
            'alerts',
          ),
        );
      else if (parent !== 'blockquote_open')
        problems.push(
          error(
            file,
            line,
            `the alert "${alert[0]}" must start a block quote, or it is shown as text`,
            `write "> ${alert[0]}" on a line of its own, and start each line of the alert's text with "> "`,
            'alerts',
          ),
        );
      else
        problems.push(
          error(
            file,
            line,
            `the alert "${alert[0]}" must be on a line of its own, or it is shown as a quotation`,
            `put "> ${alert[0]}" on its own line, and its text on the next lines, each starting with "> "`,
            'alerts',
          ),
        );
    }
    const box = LEFTOVER_BOX.exec(token.content);
    if (box) {
      const what =
        parent === 'list_item_open'
          ? 'is not written as a checklist box'
          : 'looks like a checklist box but is not in a list';
      problems.push(
        error(
          file,
          line,
          `"${box[0]}" ${what}, so it would be shown as text`,
          'start the line with "- [ ] " for an item not done or "- [x] " for one that is done: a space or an x between the brackets, and a space after them',
          'checklists',
        ),
      );
    }
  });
  return problems;
}

function tokenProblems(report: ParsedReport): Problem[] {
  const problems: Problem[] = [];
  const { tokens, bodyLineOffset } = report;
  const file = report.document.file;
  const lineOf = (token: Token): number => (token.map ? token.map[0] + 1 + bodyLineOffset : 0);
  problems.push(...markerProblems(tokens, file, lineOf));
  tokens.forEach((token, i) => {
    if (token.type !== 'heading_open') return;
    const text = tokens[i + 1]?.content ?? '';
    const oneLine = text.replace(/\s+/g, ' ');
    const level = Number(token.tag.slice(1));
    // A heading written by underlining: markdown-it gives it the underline character as its markup.
    if ((token.markup === '-' || token.markup === '=') && token.map) {
      const first = token.map[0] + 1 + bodyLineOffset;
      const underline = token.map[1] + bodyLineOffset;
      const lines = underline - 1 > first ? `lines ${first}–${underline - 1}` : `line ${first}`;
      problems.push(
        warning(
          file,
          underline,
          `this line holds only "${token.markup}", so ${lines} above it ("${oneLine.slice(0, 40)}${oneLine.length > 40 ? '…' : ''}") became a level ${level} heading`,
          `if you meant a heading, write it on one line as ${'#'.repeat(level)} followed by its words; otherwise leave a blank line above the "${token.markup}" line, or remove it (a hard-wrapped line that starts with "-" does this)`,
          'markdown-dialects',
        ),
      );
    }
    if (/\{#[^}]*\}\s*$/.test(text)) {
      problems.push(
        error(
          file,
          lineOf(token),
          `the heading's id "${/\{#([^}]*)\}\s*$/.exec(text)![1]}" cannot be used, so the braces would show in the heading`,
          'an id is letters, digits and hyphens, with no spaces: {#like-this-1}',
          'headings',
        ),
      );
    }
    // A section heading followed straight by a heading of the same or a higher level (or the end) has nothing under it.
    let j = i + 3;
    while (j < tokens.length && tokens[j]!.type === 'html_block') j++;
    const next = tokens[j];
    const empty =
      !next ||
      (next.type === 'heading_open' && Number(next.tag.slice(1)) <= level) ||
      next.type === 'footnote_block_open';
    if (empty && level >= 2) {
      problems.push(
        warning(
          file,
          lineOf(token),
          `the section "${text.slice(0, 50)}" has nothing under it`,
          'write its text, or remove the heading',
          'headings',
        ),
      );
    }
  });
  return problems;
}

export function checkDialects(report: ParsedReport): Problem[] {
  return [...sourceProblems(report), ...tokenProblems(report)];
}
