import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkFootnotes } from '../../src/checks/footnotes.ts';
import { FILE, messages, parse } from '../helpers.ts';

const check = (body: string) => {
  const report = parse(body);
  return messages(checkFootnotes(report.document, report.source, report.bodyLineOffset));
};

const notes = suite('checkFootnotes');
notes('passes a reference with its note', () => {
  assert.equal(check('Text.[^1]\n\n[^1]: The note.'), []);
});
notes('refuses a reference without a note', () => {
  assert.equal(check('Text.[^source]'), [
    `${FILE}:6: footnote [^source] has no note — add a line "[^source]: the note's text" at the end of the report, or check the label's spelling (see docs/editors-guide.md#footnotes)`,
  ]);
});
notes('warns about a note nothing refers to', () => {
  assert.equal(check('Text.\n\n[^old]: An orphan.'), [
    `${FILE}:8: warning: footnote [^old] is never referred to, so it is not shown — put [^old] in the text where the note belongs, or remove the note (see docs/editors-guide.md#footnotes)`,
  ]);
});
notes.run();
