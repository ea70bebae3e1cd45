import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readDataFile, organisationSchema, siteSchema } from '../../src/report/site-data.ts';
import { messages } from '../helpers.ts';

const F = 'content/_data/organisation.yml';
const VALID =
  'name: Org\nphone: 020 7946 0000\nemail: a@example.org\naddress:\n  - 1 Street\nwebsite: https://example.org/\n';

const data = suite('readDataFile');
data('accepts a complete organisation', () => {
  const result = readDataFile(VALID, F, organisationSchema);
  assert.equal(result.problems, []);
  assert.is(result.data?.name, 'Org');
});
data('a missing field names it', () => {
  assert.equal(messages(readDataFile(VALID.replace('email: a@example.org\n', ''), F, organisationSchema).problems), [
    `${F}:1: "email" is missing — add a line "email: …" (see docs/editors-guide.md#data-files)`,
  ]);
});
data('a malformed email names its line', () => {
  assert.match(
    messages(readDataFile(VALID.replace('a@example.org', 'not an email'), F, organisationSchema).problems)[0]!,
    `${F}:3: "email" must be an email address`,
  );
});
data('an unknown field is refused', () => {
  assert.match(
    messages(readDataFile(`${VALID}fax: 1\n`, F, organisationSchema).problems)[0]!,
    `${F}:7: unknown field "fax"`,
  );
});
data('pronunciations: each word needs a way to say it, and the line is named', () => {
  const site =
    'url: https://example.org/\naccessibility:\n  status: fully\n  prepared: 2025-01-01\n  reviewed: 2025-01-01\n  testedBy: Us.\nspeech:\n  pronunciations:\n    Lambeth: Lam beth\n    Streatham: ""\n';
  const result = readDataFile(site, 'content/_data/site.yml', siteSchema);
  assert.equal(messages(result.problems), [
    'content/_data/site.yml:10: "speech.pronunciations.Streatham" must say how to pronounce the word, such as "Lambith" — correct it (see docs/editors-guide.md#data-files)',
  ]);
  const fixed = readDataFile(
    site.replace('Streatham: ""', 'Streatham: Stret um'),
    'content/_data/site.yml',
    siteSchema,
  );
  assert.equal(fixed.data?.speech.pronunciations, { Lambeth: 'Lam beth', Streatham: 'Stret um' });
});
data.run();
