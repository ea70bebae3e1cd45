/**
 * The one markdown-it factory. Every format parses a report with a parser made here, so all formats see the same tokens.
 *
 * Options chosen for editors' content:
 * - html: true so raw HTML arrives as html_block/html_inline tokens that the content checks can refuse by line;
 *   no renderer ever passes it through (the site renderer escapes it, HTML comments are dropped).
 * - typographer: true for curly quotes, and dashes only (rules/dashes.ts: "(c)" stays as written); linkify: false so a bare URL stays visible text, not a vague link.
 * - every link address is accepted by the parser (markdown-it would silently leave `[text](javascript:…)` as raw
 *   text), so the link check can refuse one that runs code at its line (code-urls.ts); no renderer writes one out.
 * Our core rules (only core rules change tokens) add heading ids, turn a lone image into a figure, mark decorative images
 * and attach table captions; GitHub-style alerts become callouts and `- [ ]` items checklist items.
 */
import MarkdownIt, { type MarkdownIt as Md } from 'markdown-it';
import abbreviations from 'markdown-it-abbr';
import footnotes from 'markdown-it-footnote';
import { headingIds } from './rules/heading-ids.ts';
import { figures } from './rules/figures.ts';
import { tableCaptions } from './rules/table-captions.ts';
import { dashesOnly } from './rules/dashes.ts';
import { alerts } from './rules/alerts.ts';
import { taskLists } from './rules/task-lists.ts';

export function createMarkdown(): Md {
  const md = new MarkdownIt({ html: true, linkify: false, typographer: true });
  md.validateLink = () => true;
  md.use(abbreviations);
  md.use(footnotes);
  md.use(headingIds);
  md.use(figures);
  md.use(tableCaptions);
  md.use(dashesOnly);
  md.use(alerts);
  md.use(taskLists);
  return md;
}
