/** Parses an easy-read.md once: front matter → schema, body → the shared markdown-it factory → the easy-read model. */
import { createMarkdown } from '../../markdown/factory.ts';
import { buildDocument, type MarkdownEnv } from '../../report/build-document.ts';
import type { ReportDocument } from '../../report/model.ts';
import type { Problem } from '../../report/problems.ts';
import { readEasyReadFrontMatter, type EasyReadMeta } from './front-matter.ts';
import { toEasyRead, type EasyReadDocument } from './model.ts';

export interface ParsedEasyRead {
  document: EasyReadDocument;
  /** The same text as a report document, for the checks every file gets (raw HTML, links). */
  asReport: ReportDocument;
  source: string;
}

const parser = createMarkdown();
const STAND_IN: EasyReadMeta = { title: '', published: '1970-01-01', lang: 'en-GB', changes: [], hardWords: [] };

export function parseEasyRead(
  source: string,
  where: { slug: string; file: string; folder: string },
): { easyRead: ParsedEasyRead; problems: Problem[] } {
  const front = readEasyReadFrontMatter(source, where.file);
  // With broken front matter the body is still checked, so the editor sees every problem at once.
  const meta = front.data ?? STAND_IN;
  const env: MarkdownEnv = { docId: `${where.slug}-easy-read` };
  const tokens = parser.parse(front.body, env);
  const asReport = buildDocument({
    ...where,
    meta: {
      title: meta.title,
      summary: '',
      published: meta.published,
      updated: meta.updated,
      lang: meta.lang,
      draft: false,
      changes: meta.changes,
    },
    tokens,
    env,
    lineOffset: front.bodyLineOffset,
  });
  return { easyRead: { document: toEasyRead(asReport, meta), asReport, source }, problems: front.problems };
}
