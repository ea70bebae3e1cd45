/** Many writers of the same cached file at once (worker threads share a process id): every write lands whole. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomically } from '../../src/build/write-atomically.ts';
import { tempDir } from '../helpers.ts';

const atomic = suite('writeAtomically');
atomic('twenty writers of one file at once: no error, the file whole, no temporary files left', async () => {
  const tmp = await tempDir();
  try {
    const file = path.join(tmp.dir, 'sentence.pcm');
    const bytes = new Uint8Array(200_000).fill(7);
    await Promise.all(Array.from({ length: 20 }, () => writeAtomically(file, bytes)));
    assert.is((await readFile(file)).length, bytes.length);
    assert.equal(await readdir(tmp.dir), ['sentence.pcm']);
  } finally {
    await tmp.remove();
  }
});
atomic.run();
