/**
 * Content check: tables have a caption (it names the scrolling region on small screens and is read before the table in
 * audio) and a header cell for every column.
 */
import { error, warning, type Problem } from '../report/problems.ts';
import type { ReportDocument } from '../report/model.ts';
import { walkBlocks } from '../report/build-document.ts';

export function checkTables(doc: ReportDocument): Problem[] {
  const problems: Problem[] = [];
  walkBlocks(doc, (block) => {
    if (block.type !== 'table') return;
    if (!block.caption) {
      problems.push(
        warning(
          doc.file,
          block.line,
          'this table has no caption',
          'add a line "Table: what the table shows" just above it',
          'tables',
        ),
      );
    }
    const empty = block.header.findIndex((cell) => cell.content.length === 0);
    if (empty >= 0) {
      problems.push(
        error(
          doc.file,
          block.line,
          `column ${empty + 1} of this table has no heading`,
          'write a heading for every column in the first row',
          'tables',
        ),
      );
    }
  });
  return problems;
}
