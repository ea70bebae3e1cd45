import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { withPublishNote, PublishNoteError } from '../../src/editor/publish-note.ts';
import { readFrontMatter } from '../../src/report/front-matter.ts';

const DRAFT = `---
title: "Waiting times"
# One or two sentences.
summary: "What people told us."
published: 2026-01-10
# Delete this line when ready.
draft: true
---

Body text.
`;

test('publishing a draft removes draft, adds the change note first with today as updated, and keeps comments and body', () => {
  const out = withPublishNote(DRAFT, 'First published.', '2026-12-08');
  assert.not.match(out, /draft:/);
  assert.match(out, /# One or two sentences\./);
  assert.match(out, /\n---\n\nBody text\.\n$/);
  const front = readFrontMatter(out, 'index.md');
  assert.equal(front.problems, []);
  assert.equal(front.data?.changes, [{ date: '2026-12-08', summary: 'First published.' }]);
  assert.is(front.data?.updated, '2026-12-08');
});

test('a later note goes first; the same note twice on one day (a publish tried again) is written once', () => {
  const once = withPublishNote(DRAFT, 'First published.', '2026-12-08');
  const twice = withPublishNote(once, 'First published.', '2026-12-08');
  assert.is(twice, once);
  const later = withPublishNote(once, 'Corrected a figure.', '2026-12-20');
  const changes = readFrontMatter(later, 'index.md').data?.changes;
  assert.equal(
    changes?.map((c) => c.summary),
    ['Corrected a figure.', 'First published.'],
  );
});

test('without a note only draft goes; a file without front matter is refused in words', () => {
  const out = withPublishNote(DRAFT, undefined, '2026-12-08');
  assert.not.match(out, /draft:|changes:|updated:/);
  assert.throws(
    () => withPublishNote('Just text.', 'x', '2026-12-08'),
    (err: unknown) => err instanceof PublishNoteError,
  );
});

test.run();
