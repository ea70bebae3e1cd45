/**
 * Content check: headings make an outline screen-reader users can navigate by. The page title is the only h1, body
 * headings start at h2 (##) and never skip a level; ids an editor fixed with {#id} are unique.
 */
import { error, type Problem } from '../report/problems.ts';
import type { ReportDocument } from '../report/model.ts';
import { PAGE_IDS } from '../markdown/page-ids.ts';

/** Ids used by the page around the report body: a heading may not take one. */
export const RESERVED_IDS = PAGE_IDS;

export function checkHeadings(doc: ReportDocument): Problem[] {
  const problems: Problem[] = [];
  let previous = 1;
  const seen = new Map<string, number>();
  for (const heading of doc.headings) {
    const hashes = '#'.repeat(heading.level);
    if (heading.level === 1) {
      problems.push(
        error(
          doc.file,
          heading.line,
          `"${heading.text}" is a top-level heading (#), but the report title is the only one`,
          'use ## for main sections and ### inside them',
          'headings',
        ),
      );
    } else if (heading.level > previous + 1) {
      problems.push(
        error(
          doc.file,
          heading.line,
          `heading "${heading.text}" skips from level ${previous} to level ${heading.level}`,
          `use ${'#'.repeat(previous + 1)} instead of ${hashes}, or add the missing heading above it`,
          'headings',
        ),
      );
    }
    if (heading.text === '') {
      problems.push(
        error(
          doc.file,
          heading.line,
          'a heading has no text',
          `write the heading after "${hashes} ", or remove the line`,
          'headings',
        ),
      );
    }
    const clash = seen.get(heading.id);
    if (clash !== undefined) {
      problems.push(
        error(
          doc.file,
          heading.line,
          `heading id "${heading.id}" is already used by the heading on line ${clash}`,
          'give one of them a different {#id}, or remove the {#id} to let the build choose',
          'headings',
        ),
      );
    } else if (heading.explicitId && RESERVED_IDS.has(heading.id)) {
      problems.push(
        error(
          doc.file,
          heading.line,
          `heading id "${heading.id}" is used by the page itself`,
          'choose another {#id}',
          'headings',
        ),
      );
    }
    seen.set(heading.id, heading.line);
    previous = heading.level;
  }
  return problems;
}
