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

/** A construct found in the source: where it starts and ends (lines of the file), and what to say. */
interface Found {
  text: string;
  first: number;
  last: number;
  what: string;
  fix: string;
}

/** The source as the scanner sees it: code (fenced and inline) blanked out, line breaks kept, so lines stay true. */
interface Body {
  text: string;
  /** The file's line number of the body's first line. */
  firstLine: number;
  lines: string[];
}

const lineAt = (body: Body, index: number): number =>
  body.firstLine + (body.text.slice(0, index).match(/\n/g)?.length ?? 0);

/** "line 23" or "lines 23–25". */
const span = (first: number, last: number): string => (last > first ? `lines ${first}–${last}` : `line ${first}`);

const PICTURE_FILE = /[\w./-]+\.(?:png|jpe?g|gif|svg|webp)\b/i;

/** A template tag or value: named for the generator it comes from, with what to write in its place. */
function templateFix(tag: string, inLinkAddress: boolean): string {
  if (inLinkAddress)
    return 'write the address itself: another report of this site is /reports/report-name/, a heading #its-id, another website https://…';
  const picture = PICTURE_FILE.exec(tag)?.[0];
  if (picture)
    return `write the picture it showed in Markdown, on a line of its own: ![what the picture shows](${picture.replace(/^.*\//, '')})`;
  return 'write the words it stood for instead; for a note to other editors use an HTML comment <!-- like this -->';
}

const HEADING_LINE = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*(?:\{#[\w-]+\})?[ \t]*$/;

/** The heading written on a line next to `line` (the one just above, or just below), if any: for moving an id to it. */
function headingNear(body: Body, line: number): { hashes: string; words: string } | undefined {
  for (const at of [line - 1, line + 1]) {
    const text = body.lines[at - body.firstLine];
    const match = text === undefined ? undefined : HEADING_LINE.exec(text);
    if (match) return { hashes: match[1]!, words: match[2]! };
  }
  return undefined;
}

/** kramdown's and Pandoc's attribute lists ({: .class}, {#id}, {width="650"}) and kramdown's extensions ({::x}). */
function attributeFix(body: Body, list: string, line: number): string {
  const id = /#([\w-]+)/.exec(list)?.[1];
  if (/^\{::|^\{:\/\}/.test(list))
    return 'remove it: kramdown extensions are not run here; for a note to other editors use an HTML comment <!-- like this -->';
  if (id && !/[.=]/.test(list)) {
    const heading = headingNear(body, line);
    return heading
      ? `put the id on the heading instead, so links to #${id} keep working: ${heading.hashes} ${heading.words} {#${id}}`
      : `only headings can have an id: remove it, and put {#${id}} at the end of the heading that links to #${id} should reach`;
  }
  if (/\b(?:width|height)\s*=/.test(list))
    return `remove ${list}: the build sizes each picture for every screen and for print`;
  return `remove ${list}: styling is the same for every report (for a note that stands out, use an alert: > [!NOTE])`;
}

function findConstructs(body: Body): Found[] {
  const found: Found[] = [];
  const taken: Array<[number, number]> = [];
  const free = (start: number, end: number): boolean => taken.every(([a, b]) => end <= a || start >= b);
  const scan = (
    pattern: RegExp,
    describe: (match: RegExpExecArray) => Omit<Found, 'first' | 'last'> | undefined,
  ): void => {
    for (const match of body.text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (!free(start, end)) continue;
      const said = describe(match);
      if (!said) continue;
      taken.push([start, end]);
      found.push({ ...said, first: lineAt(body, start), last: lineAt(body, end - 1) });
    }
  };
  const inLinkAddress = (index: number): boolean => /\]\(\s*<?$/.test(body.text.slice(Math.max(0, index - 3), index));
  // kramdown's contents placeholder: a list item and the {:toc} under it, both lines.
  scan(/^[ \t]*(?:[*+-]|1\.)[ \t]+[^\n]*\n[ \t]*\{:\s*(?:\.no_toc\s*)?toc\s*\}/gim, (m) => ({
    text: m[0],
    what: "kramdown's contents placeholder is not Markdown here: its list item would be published as text",
    fix: 'remove both lines: the contents list is made for you',
  }));
  scan(/\{\{[<%][\s\S]*?[>%]\}\}/g, (m) => ({
    text: m[0],
    what: 'a Hugo shortcode is not run here and would be shown as text',
    fix: templateFix(m[0], inLinkAddress(m.index)),
  }));
  scan(/\{%-?[\s\S]*?-?%\}/g, (m) => ({
    text: m[0],
    what: 'a Liquid (Jekyll) or Nunjucks template tag is not run here and would be shown as text',
    fix: templateFix(m[0], inLinkAddress(m.index)),
  }));
  scan(/\{\{[\s\S]*?\}\}/g, (m) => ({
    text: m[0],
    what: 'a Liquid (Jekyll) or Nunjucks template value is not filled in here and would be shown as text',
    fix: templateFix(m[0], inLinkAddress(m.index)),
  }));
  // Attribute lists, in every form, except an id at the end of a heading (which this tool reads: ## Heading {#id}).
  const value = `(?:"[^"\\n]*"|'[^'\\n]*'|[^\\s}]+)`;
  const attribute = `(?:[#.][\\w-]+|[\\w-]+\\s*=\\s*${value})`;
  scan(new RegExp(`\\{:[^}\\n]*\\}|\\{:\\/\\}|\\{\\s*${attribute}(?:\\s+${attribute})*\\s*\\}`, 'g'), (m) => {
    const line = lineAt(body, m.index);
    const lineText = body.lines[line - body.firstLine] ?? '';
    if (/^\{#[\w-]+\}$/.test(m[0]) && HEADING_LINE.test(lineText) && lineText.trimEnd().endsWith(m[0]))
      return undefined;
    return {
      text: m[0],
      what: 'an attribute list (kramdown or Pandoc) is not Markdown here and would be shown as text in every edition',
      fix: attributeFix(body, m[0], line),
    };
  });
  scan(/^[ \t]{0,3}\[(?:comment|\/\/|_|#)\]:[ \t]*(?:<>|#)[^\n]*/gim, (m) => ({
    text: m[0],
    what: 'this "Markdown comment" trick hides the line from the web page but not from every reader of the file',
    fix: 'write the note as an HTML comment instead: <!-- your note -->',
  }));
  scan(/^[ \t]*(!!!|\?\?\?\+?)[ \t]*([A-Za-z]+)(?:[ \t]+"([^"\n]*)")?[^\n]*/gm, (m) => {
    const kind = ALERT_FOR_ADMONITION[m[2]!.toLowerCase()] ?? 'NOTE';
    const title = m[3]?.trim();
    return {
      text: `${m[1]} ${m[2]}`,
      what: `an MkDocs ${m[1] === '!!!' ? 'admonition' : 'collapsible admonition'} ("${m[1]} ${m[2]}") is not Markdown here and would be shown as text`,
      fix: `write it as an alert: a line "> [!${kind}]", then ${title ? `"> ${title}." and ` : ''}its text on lines that start with "> " (an alert is always open)`,
    };
  });
  return found.sort((a, b) => a.first - b.first);
}

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

/** The body with code blanked out: inline code and fenced blocks are the editor's to show as they are. */
function bodyOf(report: ParsedReport): Body {
  const lines = report.source.split('\n').slice(report.bodyLineOffset);
  let fence: string | undefined;
  const masked = lines.map((text) => {
    const fenceMark = /^\s{0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (fenceMark && (!fence || fenceMark.startsWith(fence))) {
      fence = fence ? undefined : fenceMark;
      return ' '.repeat(text.length);
    }
    if (fence) return ' '.repeat(text.length);
    return text.replace(/(`+)[\s\S]*?\1/g, (m) => ' '.repeat(m.length));
  });
  return { text: masked.join('\n'), firstLine: report.bodyLineOffset + 1, lines: masked };
}

function sourceProblems(report: ParsedReport): Problem[] {
  const file = report.document.file;
  return findConstructs(bodyOf(report)).map((f) => {
    const shown = f.text.replace(/\s+/g, ' ').trim();
    const where = f.last > f.first ? ` (${span(f.first, f.last)})` : '';
    return error(
      file,
      f.first,
      `"${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}"${where}: ${f.what}`,
      f.fix,
      'markdown-dialects',
    );
  });
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
