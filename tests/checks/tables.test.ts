import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkTables } from '../../src/checks/tables.ts';
import { FILE, messages, parse } from '../helpers.ts';

const check = (body: string) => messages(checkTables(parse(body).document));

const tables = suite('checkTables');
tables('passes a captioned table with headings', () => {
  assert.equal(check('Table: Waits\n\n| Area | Weeks |\n| - | - |\n| North | 4 |'), []);
});
tables('warns about a table without a caption', () => {
  assert.equal(check('| Area | Weeks |\n| - | - |\n| North | 4 |'), [
    `${FILE}:6: warning: this table has no caption — add a line "Table: what the table shows" just above it (see docs/editors-guide.md#tables)`,
  ]);
});
tables('refuses a column without a heading', () => {
  assert.equal(check('Table: Waits\n\n| Area |  |\n| - | - |\n| North | 4 |'), [
    `${FILE}:8: column 2 of this table has no heading — write a heading for every column in the first row (see docs/editors-guide.md#tables)`,
  ]);
});
tables.run();
