/**
 * Content check: the Markdown people bring from elsewhere. Reports copied from kramdown (Jekyll), Liquid templates,
 * MkDocs or a "Markdown comment" trick built silently before and showed that syntax as text on the page, in the PDFs
 * and in the audio. Each is refused at its line with what to write instead. Two traps of plain Markdown are warned
 * about: a line of only "-" or "=" under a paragraph, which turns the paragraph into a heading (setext), and a section
 * heading with nothing under it.
 */
import type { Token } from 'markdown-it';
import { error, warning, type Problem } from '../report/problems.ts';
import type { ParsedReport } from '../report/parse-report.ts';

interface Dialect { pattern: RegExp; what: string; fix: string }

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
    pattern: /^\s*(?:!!!|\?\?\?\+?)\s*[A-Za-z]/,
    what: 'an MkDocs admonition ("!!! warning") is not Markdown here and would be shown as text',
    fix: 'write it as a paragraph that starts with its label in bold, for example **Warning:** and then the text',
  },
];

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
        problems.push(error(file, index + 1, `"${match[0].trim().slice(0, 40)}": ${dialect.what}`, dialect.fix, 'markdown-dialects'));
        break;
      }
    }
  });
  return problems;
}

function tokenProblems(report: ParsedReport): Problem[] {
  const problems: Problem[] = [];
  const { tokens, bodyLineOffset } = report;
  const file = report.document.file;
  const lineOf = (token: Token): number => (token.map ? token.map[0] + 1 + bodyLineOffset : 0);
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
      problems.push(warning(file, underline, `this line holds only "${token.markup}", so ${lines} above it ("${oneLine.slice(0, 40)}${oneLine.length > 40 ? '…' : ''}") became a level ${level} heading`, `if you meant a heading, write it on one line as ${'#'.repeat(level)} followed by its words; otherwise leave a blank line above the "${token.markup}" line, or remove it (a hard-wrapped line that starts with "-" does this)`, 'markdown-dialects'));
    }
    if (/\{#[^}]*\}\s*$/.test(text)) {
      problems.push(error(file, lineOf(token), `the heading's id "${/\{#([^}]*)\}\s*$/.exec(text)![1]}" cannot be used, so the braces would show in the heading`, 'an id is letters, digits and hyphens, with no spaces: {#like-this-1}', 'headings'));
    }
    // A section heading followed straight by a heading of the same or a higher level (or the end) has nothing under it.
    let j = i + 3;
    while (j < tokens.length && tokens[j]!.type === 'html_block') j++;
    const next = tokens[j];
    const empty = !next || (next.type === 'heading_open' && Number(next.tag.slice(1)) <= level) || next.type === 'footnote_block_open';
    if (empty && level >= 2) {
      problems.push(warning(file, lineOf(token), `the section "${text.slice(0, 50)}" has nothing under it`, 'write its text, or remove the heading', 'headings'));
    }
  });
  return problems;
}

export function checkDialects(report: ParsedReport): Problem[] {
  return [...sourceProblems(report), ...tokenProblems(report)];
}
