/**
 * Parses one report's Markdown once: front matter → schema, body → markdown-it tokens → ReportDocument.
 * The tokens are kept beside the model for the website renderer; every other format uses the model.
 */
import type { Token } from 'markdown-it';
import { createMarkdown } from '../markdown/factory.ts';
import { readFrontMatter, type FrontMatter } from './front-matter.ts';
import { buildDocument, type MarkdownEnv } from './build-document.ts';
import type { ReportDocument } from './model.ts';
import type { Problem } from './problems.ts';
import type { ParsedEasyRead } from '../formats/easy-read/parse-easy-read.ts';

export interface ParsedReport {
  document: ReportDocument;
  tokens: Token[];
  env: MarkdownEnv;
  /** The file as read, and how many lines the front matter takes: for checks that look at the source itself. */
  source: string;
  bodyLineOffset: number;
  /** The easy-read version (easy-read.md beside index.md), if the report has one. */
  easyRead?: ParsedEasyRead;
}

const parser = createMarkdown();

const STAND_IN_META: FrontMatter = {
  title: '',
  summary: '',
  published: '1970-01-01',
  lang: 'en-GB',
  draft: false,
  changes: [],
};

export function parseReport(
  source: string,
  where: { slug: string; file: string; folder: string },
): { report?: ParsedReport; problems: Problem[] } {
  const front = readFrontMatter(source, where.file);
  // With broken front matter the body is still parsed and checked, so the editor sees every problem in one go;
  // the front-matter errors already stop the build, so the stand-in values are never published.
  const meta = front.data ?? STAND_IN_META;
  // Footnote ids get the slug as a prefix so that two reports shown together never share an id.
  const env: MarkdownEnv = { docId: where.slug };
  const tokens = parser.parse(front.body, env);
  const document = buildDocument({ ...where, meta, tokens, env, lineOffset: front.bodyLineOffset });
  document.changeLines = meta.changes.map((_, index) => front.lineOf?.(['changes', index, 'summary']) ?? 0);
  return { report: { document, tokens, env, source, bodyLineOffset: front.bodyLineOffset }, problems: front.problems };
}
