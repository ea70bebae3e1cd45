import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFormats, UsageError } from '../../src/cli/args.ts';
import { OPTIONAL_FORMATS } from '../../src/build/build-context.ts';

const run = promisify(execFile);

test('--formats: known ones kept, all by default, an unknown one refused with the list', () => {
  assert.equal(readFormats('print, audio', OPTIONAL_FORMATS), ['print', 'audio']);
  assert.equal(readFormats(undefined, OPTIONAL_FORMATS), [...OPTIONAL_FORMATS]);
  assert.throws(
    () => readFormats('pdf', OPTIONAL_FORMATS),
    (err: Error) =>
      err instanceof UsageError &&
      err.message === 'Unknown format "pdf" in --formats. Choose from: print, easy-read, audio, braille, epub.',
  );
});

test('npm start with a wrong option prints the options, not a stack trace', async () => {
  const result = await run(process.execPath, ['src/cli/launch.mjs', 'preview', '--bogus']).then(
    () => undefined,
    (err: { code: number; stderr: string }) => err,
  );
  assert.ok(result, 'it exits with an error');
  assert.is(result.code, 1);
  assert.match(result.stderr, 'Unknown option "--bogus". Options:\n  --content');
  assert.match(result.stderr, '--formats <editions besides the website');
  assert.not.match(result.stderr, ' at ');
});

test.run();
