/**
 * Content check: every footnote reference has a note, and every note is referred to. markdown-it leaves a reference
 * without a definition as plain text ("[^3]") and silently drops a definition without a reference.
 */
import { error, warning, type Problem } from '../report/problems.ts';
import type { ReportDocument } from '../report/model.ts';
import { walkInlines } from '../report/build-document.ts';

export function checkFootnotes(doc: ReportDocument, source: string, bodyLineOffset: number): Problem[] {
  const problems: Problem[] = [];
  walkInlines(doc, (node, line) => {
    if (node.type !== 'text') return;
    for (const match of node.text.matchAll(/\[\^([^\]\s]+)\]/g)) {
      problems.push(
        error(
          doc.file,
          line,
          `footnote [^${match[1]}] has no note`,
          `add a line "[^${match[1]}]: the note's text" at the end of the report, or check the label's spelling`,
          'footnotes',
        ),
      );
    }
  });
  const used = new Set(doc.footnotes.map((f) => f.label));
  const lines = source.split('\n');
  lines.forEach((text, index) => {
    const definition = /^\s{0,3}\[\^([^\]\s]+)\]:/.exec(text);
    if (definition && index >= bodyLineOffset && !used.has(definition[1]!)) {
      problems.push(
        warning(
          doc.file,
          index + 1,
          `footnote [^${definition[1]}] is never referred to, so it is not shown`,
          `put [^${definition[1]}] in the text where the note belongs, or remove the note`,
          'footnotes',
        ),
      );
    }
  });
  return problems;
}
