/**
 * Parses one report's Markdown once: front matter → schema, body → markdown-it tokens → ReportDocument.
 * The tokens are kept beside the model for the website renderer; every other format uses the model.
 */
import type { Token } from 'markdown-it';
import { createMarkdown } from '../markdown/factory.ts';
import { readFrontMatter } from './front-matter.ts';
import { buildDocument, type MarkdownEnv } from './build-document.ts';
import type { ReportDocument } from './model.ts';
import type { Problem } from './problems.ts';

export interface ParsedReport {
  document: ReportDocument;
  tokens: Token[];
  env: MarkdownEnv;
  /** The file as read, and how many lines the front matter takes: for checks that look at the source itself. */
  source: string;
  bodyLineOffset: number;
}

const parser = createMarkdown();

export function parseReport(source: string, where: { slug: string; file: string; folder: string }): { report?: ParsedReport; problems: Problem[] } {
  const front = readFrontMatter(source, where.file);
  if (!front.data) return { problems: front.problems };
  // Footnote ids get the slug as a prefix so that two reports shown together never share an id.
  const env: MarkdownEnv = { docId: where.slug };
  const tokens = parser.parse(front.body, env);
  const document = buildDocument({ ...where, meta: front.data, tokens, env, lineOffset: front.bodyLineOffset });
  return { report: { document, tokens, env, source, bodyLineOffset: front.bodyLineOffset }, problems: front.problems };
}
