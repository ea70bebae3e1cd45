/** The checks' static server answers byte ranges as a static host does (a browser seeks in audio that way). */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { byteRange, serveStatic } from '../../../src/checks/site/static-server.ts';
import { tempDir } from '../../helpers.ts';

const ranges = suite('static server: byte ranges');
ranges('ranges are read as HTTP says', () => {
  assert.equal(byteRange('bytes=0-9', 100), { start: 0, end: 9 });
  assert.equal(byteRange('bytes=90-', 100), { start: 90, end: 99 });
  assert.equal(byteRange('bytes=-10', 100), { start: 90, end: 99 });
  assert.equal(byteRange('bytes=50-500', 100), { start: 50, end: 99 });
  assert.is(byteRange('bytes=200-', 100), 'invalid');
  assert.is(byteRange('pages=1-2', 100), 'invalid');
  assert.is(byteRange(undefined, 100), undefined);
});
ranges('a ranged request gets 206 and just those bytes', async () => {
  const tmp = await tempDir();
  const server = await serveStatic(tmp.dir);
  try {
    await writeFile(path.join(tmp.dir, 'a.mp3'), Buffer.from('0123456789'));
    const part = await fetch(`${server.origin}/a.mp3`, { headers: { range: 'bytes=2-4' } });
    assert.is(part.status, 206);
    assert.is(part.headers.get('content-range'), 'bytes 2-4/10');
    assert.is(await part.text(), '234');
    const whole = await fetch(`${server.origin}/a.mp3`);
    assert.equal([whole.status, whole.headers.get('accept-ranges'), await whole.text()], [200, 'bytes', '0123456789']);
    assert.is((await fetch(`${server.origin}/a.mp3`, { headers: { range: 'bytes=20-' } })).status, 416);
  } finally {
    await server.close();
    await tmp.remove();
  }
});
ranges.run();
