/**
 * `npm run staff` as written in the README, run as a real process: the password typed twice (here from a pipe),
 * list, remove and reset; what it refuses and why. The database is a real file; the password is never printed.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { openDatabase } from '../../../src/server/database.ts';
import { credentials } from '../../../src/server/auth/accounts.ts';
import { verifyPassword } from '../../../src/server/auth/passwords.ts';
import { tempDir } from '../../helpers.ts';

function staff(dataDir: string, args: string[], stdin = ''): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'staff', '--', ...args], {
      env: { ...process.env, DATA_DIR: dataDir, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
    child.stdin.end(stdin);
  });
}

const commands = suite('npm run staff');
commands('add with the password typed twice, list, reset, remove; refusals say why and save nothing', async () => {
  const tmp = await tempDir();
  const data = path.join(tmp.dir, 'data');
  try {
    const secret = 'marble window thirty kites';
    const added = await staff(data, ['add', 'Ada.Officer@Example.org'], `${secret}\n${secret}\n`);
    assert.is(added.code, 0, added.out);
    assert.match(added.out, 'Added ada.officer@example.org (requests)');
    assert.not.match(added.out, secret);
    const db = openDatabase(data);
    try {
      assert.ok(await verifyPassword(credentials(db, 'ada.officer@example.org')!.passwordHash, secret));
    } finally {
      db.close();
    }
    for (const name of await readdir(data))
      assert.not.ok((await readFile(path.join(data, name))).includes(secret), `the password is not in ${name}`);

    const mismatch = await staff(data, ['add', 'bo@example.org'], `${secret}\nsomething else entirely\n`);
    assert.is(mismatch.code, 2);
    assert.match(mismatch.out, 'not the same. Nothing was saved.');
    const common = await staff(data, ['add', 'bo@example.org'], 'password1\npassword1\n');
    assert.match(common.out, 'most commonly used');
    const twice = await staff(data, ['add', 'ada.officer@example.org'], `${secret}\n${secret}\n`);
    assert.is(twice.code, 2);
    assert.match(twice.out, 'already has an account');
    const badRole = await staff(data, ['add', 'cy@example.org', '--link', '--role', 'admin']);
    assert.is(badRole.code, 1);

    const link = await staff(data, ['add', 'cy@example.org', '--link', '--role', 'requests,editor']);
    assert.is(link.code, 0, link.out);
    assert.match(link.out, /https:\/\/\S+\/staff\/set-up\/[A-Za-z0-9_-]{43}\//);

    const list = await staff(data, ['list']);
    assert.match(list.out, /ada\.officer@example\.org +requests +last signed in never/);
    assert.match(list.out, /cy@example\.org +requests,editor +\(set-up link not used yet\)/);

    const reset = await staff(data, ['reset', 'ada.officer@example.org']);
    assert.is(reset.code, 0, reset.out);
    assert.match(reset.out, 'signed out everywhere');
    const removed = await staff(data, ['remove', 'cy@example.org']);
    assert.is(removed.code, 0);
    assert.not.match((await staff(data, ['list'])).out, 'cy@example.org');
    assert.is((await staff(data, ['remove', 'nobody@example.org'])).code, 2);
    assert.is((await staff(data, [])).code, 1);
  } finally {
    await tmp.remove();
  }
});
commands.run();
