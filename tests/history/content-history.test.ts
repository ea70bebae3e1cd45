import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ContentHistory, parseUnifiedDiff } from '../../src/history/content-history.ts';
import { tempDir } from '../helpers.ts';

const ANN = { name: 'ann', email: 'ann@example.org' };

test('saves are versions with their author; a save on a moved version is refused; old files come back', async () => {
  const tmp = await tempDir();
  try {
    const content = path.join(tmp.dir, 'content');
    await mkdir(path.join(content, 'reports', 'a'), { recursive: true });
    await writeFile(path.join(content, 'reports', 'a', 'index.md'), 'one\n');
    const history = new ContentHistory(content, path.join(tmp.dir, 'history.git'));
    const first = await history.start();
    assert.ok(/^[0-9a-f]{40}$/.test(first));
    const file = 'reports/a/index.md';
    const write = (text: string) => () => writeFile(path.join(content, file), text);
    // A message that looks like an option is only a message (it goes in on stdin).
    const saved = await history.save([{ file, write: write('two\n') }], '--amend -rf', ANN);
    assert.ok('commit' in saved && saved.commit);
    const [latest] = await history.versions([file], 1);
    assert.equal(latest?.author, ANN);
    assert.is(latest?.message, '--amend -rf');
    const refused = await history.save(
      [{ file, write: write('three\n') }],
      'late',
      ANN,
      async () => (await history.unlocked.lastCommitOf(file)) === first,
    );
    assert.equal(refused, { conflict: true });
    assert.is(await readFile(path.join(content, file), 'utf8'), 'two\n');
    assert.is(await history.fileAt(first, file), 'one\n');
    assert.is(await history.fileAt('not-a-commit', file), undefined);
    const diff = await history.diff(first, file, latest!.commit);
    assert.equal(
      diff.filter((d) => d.kind !== 'same').map((d) => `${d.kind} ${d.line} ${d.text}`),
      ['removed 1 one', 'added 1 two'],
    );
    const copy = path.join(tmp.dir, 'copy');
    await mkdir(copy);
    await history.extract(first, ['reports/a'], copy);
    assert.is(await readFile(path.join(copy, file), 'utf8'), 'one\n');
    // Nothing changed: no empty version.
    const again = await history.save([{ file, write: write('two\n') }], 'same', ANN);
    assert.equal(again, { commit: undefined });
  } finally {
    await tmp.remove();
  }
});

test('a unified diff is read into numbered lines, hunks apart', () => {
  const lines = parseUnifiedDiff('diff --git a/x b/x\n@@ -1,2 +1,2 @@\n-a\n+b\n c\n@@ -10 +10 @@\n-x\n+y\n');
  assert.equal(
    lines.map((l) => l.kind),
    ['removed', 'added', 'same', 'gap', 'removed', 'added'],
  );
  assert.is(lines[4]?.line, 10);
});

test.run();
