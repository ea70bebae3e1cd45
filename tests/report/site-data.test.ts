import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readDataFile, organisationSchema } from '../../src/report/site-data.ts';
import { messages } from '../helpers.ts';

const F = 'content/_data/organisation.yml';
const VALID = 'name: Org\nphone: 020 7946 0000\nemail: a@example.org\naddress:\n  - 1 Street\nwebsite: https://example.org/\n';

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
  assert.match(messages(readDataFile(VALID.replace('a@example.org', 'not an email'), F, organisationSchema).problems)[0]!, `${F}:3: "email" must be an email address`);
});
data('an unknown field is refused', () => {
  assert.match(messages(readDataFile(`${VALID}fax: 1\n`, F, organisationSchema).problems)[0]!, `${F}:7: unknown field "fax"`);
});
data.run();
