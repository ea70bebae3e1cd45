/**
 * What publishing does to a report's front matter: the report stops being a draft, and the change note joins its
 * list of changes (newest first) with today's date, which becomes its "updated" date. Comments and the order of the
 * editor's own fields are kept (the YAML is edited as a document, not rewritten).
 */
import { isMap, isSeq, parseDocument, YAMLMap } from 'yaml';
import { splitFrontMatter } from '../report/front-matter.ts';

export class PublishNoteError extends Error {
  constructor(
    message: string,
    /** What the editor does about it. */
    readonly fix: string,
  ) {
    super(message);
  }
}

export function withPublishNote(source: string, note: string | undefined, today: string): string {
  const split = splitFrontMatter(source);
  if (!split)
    throw new PublishNoteError(
      'the report has no front matter (the block between two "---" lines) for the change note',
      'start the file with a line "---", then title:, summary: and published:, then another "---"',
    );
  const doc = parseDocument(split.yaml, { version: '1.2' });
  if (doc.errors.length || !isMap(doc.contents))
    throw new PublishNoteError(
      'the front matter cannot be read, so the change note cannot be added to it',
      'correct the front matter first: the problems listed for it say where',
    );
  doc.delete('draft');
  const summary = note?.trim();
  if (summary) {
    let changes = doc.get('changes');
    if (!isSeq(changes)) {
      doc.set('changes', doc.createNode([]));
      changes = doc.get('changes');
    }
    if (isSeq(changes)) {
      const already = changes.items.some(
        (item) => isMap(item) && item.get('date') === today && item.get('summary') === summary,
      );
      if (!already) {
        const entry = new YAMLMap();
        entry.set('date', today);
        entry.set('summary', summary);
        changes.items.unshift(entry);
      }
    }
    doc.set('updated', today);
  }
  const yaml = doc.toString({ lineWidth: 0 }).replace(/\n$/, '');
  return `---\n${yaml}\n---\n${split.body}`;
}
