/** Staff passwords: the rules a new one meets, argon2id hashes with the chosen cost, and verifying without a hint. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseOptions } from '@node-rs/argon2';
import {
  ARGON2_COST,
  hashPassword,
  needsRehash,
  passwordProblem,
  verifyPassword,
} from '../../../src/server/auth/passwords.ts';

const rules = suite('passwordProblem');
rules('refuses short, very common (also with digits added) and email-based passwords; takes long passphrases', () => {
  assert.match(passwordProblem('') ?? '', 'Enter a password');
  assert.match(passwordProblem('abc1234') ?? '', 'at least 8 characters');
  for (const common of ['password', 'Password123', 'qwertyuiop', '12345678', 'football!', 'iloveyou2'])
    assert.match(passwordProblem(common) ?? '', 'most commonly used', common);
  assert.match(passwordProblem('jsmith-reports-2026', 'jsmith@example.org') ?? '', 'email address');
  assert.is(passwordProblem('kettle orbit lantern meadow'), undefined);
  assert.is(passwordProblem('x'.repeat(64) + ' a long passphrase is fine'), undefined);
  assert.match(passwordProblem('y'.repeat(257)) ?? '', '256 characters or fewer');
  // Counted in characters, not bytes or UTF-16 units: 8 emoji are 8 characters.
  assert.is(passwordProblem('🐢🦊🐙🦉🐝🦋🐞🦀'), undefined);
});
rules.run();

const hashing = suite('hashPassword / verifyPassword');
hashing('argon2id with the chosen cost; the right password verifies, others and unknown accounts do not', async () => {
  const stored = await hashPassword('kettle orbit lantern meadow');
  assert.match(stored, /^\$argon2id\$v=19\$m=65536,t=3,p=1\$/);
  const options = parseOptions(stored);
  assert.is(options.memoryCost, ARGON2_COST.memoryCost);
  assert.ok(await verifyPassword(stored, 'kettle orbit lantern meadow'));
  assert.not.ok(await verifyPassword(stored, 'kettle orbit lantern meadoW'));
  assert.not.ok(await verifyPassword(null, 'kettle orbit lantern meadow'));
  assert.not.ok(await verifyPassword('not a hash', 'anything'));
  assert.not.ok(needsRehash(stored));
  // A hash made with OWASP's minimum cost still verifies, and is marked to be made again.
  const { hash } = await import('@node-rs/argon2');
  const cheap = await hash('kettle orbit lantern meadow', { algorithm: 2, memoryCost: 19456, timeCost: 2 });
  assert.ok(await verifyPassword(cheap, 'kettle orbit lantern meadow'));
  assert.ok(needsRehash(cheap));
});

hashing('an unknown account takes about as long to refuse as a wrong password (no timing hint)', async () => {
  const stored = await hashPassword('kettle orbit lantern meadow');
  await verifyPassword(null, 'warm up');
  const time = async (fn: () => Promise<unknown>): Promise<number> => {
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      await fn();
      runs.push(performance.now() - start);
    }
    return runs.sort((a, b) => a - b)[2]!;
  };
  const wrong = await time(() => verifyPassword(stored, 'wrong password here'));
  const unknown = await time(() => verifyPassword(null, 'wrong password here'));
  assert.ok(
    unknown > wrong * 0.5 && unknown < wrong * 2,
    `wrong ${wrong.toFixed(0)} ms, unknown ${unknown.toFixed(0)} ms`,
  );
});
hashing.run();
