/**
 * Requests as a service with a promise: a due date in working days (England and Wales bank holidays), the overdue
 * list, the follow-up question each format needs, and the yearly figures.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { openDatabase } from '../../src/server/database.ts';
import { createServer } from '../../src/server/app.ts';
import { listSubmissions, markDone, saveRequest } from '../../src/server/store.ts';
import { runSubmissions, yearSummary } from '../../src/server/admin.ts';
import { dueDate, londonDate } from '../../src/server/working-days.ts';
import { followUpFor } from '../../src/server/follow-ups.ts';
import { tempDir } from '../helpers.ts';
import { buildBasicSite, listenOnLoopback, tokenIn } from './forms-fixture.ts';

const service = suite('requests as a service');
service('due dates skip weekends and bank holidays, counted from the day in London', () => {
  assert.is(dueDate(new Date('2026-12-23T10:00:00Z'), 5), '2027-01-04'); // Christmas, Boxing Day (substitute), New Year
  assert.is(dueDate(new Date('2026-04-02T10:00:00Z'), 5), '2026-04-13'); // Good Friday and Easter Monday
  assert.is(dueDate(new Date('2026-11-27T10:00:00Z'), 1), '2026-11-30'); // Friday → Monday
  assert.is(londonDate(new Date('2026-06-30T23:30:00Z')), '2026-07-01'); // summer time
  assert.is(dueDate(new Date('2026-06-30T23:30:00Z'), 1), '2026-07-02');
});

service('each format that needs it gets its follow-up question; sign language is not "another language"', () => {
  assert.is(followUpFor('Large print in a different size')?.kind, 'large-print');
  assert.is(followUpFor('Braille on paper')?.kind, 'braille');
  assert.is(followUpFor('Another language')?.kind, 'language');
  assert.is(followUpFor('Audio')?.kind, 'audio');
  assert.is(followUpFor('Audio CD'), undefined);
  assert.is(followUpFor('British Sign Language (BSL) video'), undefined);
  assert.is(followUpFor('Easy read'), undefined);
});

service(
  "the form asks the follow-ups without JavaScript; the chosen format's answer is required and stored with it",
  async () => {
    const tmp = await tempDir();
    const db = openDatabase(path.join(tmp.dir, 'data'));
    const app = await createServer({
      siteDir: path.join(tmp.dir, 'site'),
      db,
      ...(await buildBasicSite(path.join(tmp.dir, 'site'))),
    });
    const origin = await listenOnLoopback(app);
    const form = '/reports/first-report/request/';
    const token = async (): Promise<string> => tokenIn(await (await fetch(origin + form)).text());
    const post = async (fields: Record<string, string>): Promise<Response> =>
      fetch(origin + form, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({
          token: await token(),
          report: 'first-report',
          replyBy: 'email',
          email: 'a@b.org',
          ...fields,
        }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    try {
      const page = await (await fetch(origin + form)).text();
      for (const question of [
        'If you chose large print: what size of print do you need?',
        'If you chose braille: which kind of braille?',
        'If you chose another language: which language?',
        'If you chose audio: on a CD or as a file?',
      ])
        assert.match(page, question);
      assert.not.match(page, '<script');
      const missing = await post({ format: 'Large print in a different size' });
      assert.is(missing.status, 400);
      assert.match(await missing.text(), 'Enter the size of print you need, like 24 point');
      assert.is((await post({ format: 'Large print in a different size', printSize: '24 point' })).status, 303);
      assert.is((await post({ format: 'Another language', language: 'Polish' })).status, 303);
      // An answer to another format's question is not stored.
      assert.is((await post({ format: 'Easy read', language: 'Polish' })).status, 303);
      assert.equal(
        listSubmissions(db, 'requests').map((r) => 'format' in r && r.format),
        ['Large print in a different size (24 point)', 'Another language (Polish)', 'Easy read'],
      );
    } finally {
      await app.close();
      db.close();
      await tmp.remove();
    }
  },
);

service("list --overdue shows open requests past their due date; summary gives the year's figures", async () => {
  const tmp = await tempDir();
  const db = openDatabase(tmp.dir);
  const values = {
    report: 'r',
    format: 'Braille on paper',
    formatOther: '',
    replyBy: 'email',
    email: 'a@b.org',
    phone: '',
    address: '',
    name: '',
    note: '',
    followUps: {},
  };
  try {
    const report = { slug: 'r', title: 'Report' };
    const old = saveRequest(
      db,
      { ...values, storedFormat: 'Braille on paper (contracted, grade 2)' },
      report,
      new Date('2026-03-02T10:00:00Z'),
    );
    const replied = saveRequest(db, { ...values, storedFormat: 'Easy read' }, report, new Date('2026-03-02T10:00:00Z'));
    markDone(db, 'requests', replied, new Date('2026-03-05T10:00:00Z')); // 3 working days
    const late = saveRequest(
      db,
      { ...values, storedFormat: 'Braille on paper (uncontracted, grade 1)' },
      report,
      new Date('2026-03-02T10:00:00Z'),
    );
    markDone(db, 'requests', late, new Date('2026-03-16T10:00:00Z')); // 10 working days: late
    const recent = saveRequest(db, { ...values, storedFormat: 'Easy read' }, report, new Date());
    const lines: string[] = [];
    assert.is(
      runSubmissions('requests', ['list', '--overdue'], tmp.dir, (l) => lines.push(l)),
      0,
    );
    assert.is(lines.filter((l) => l.includes('OVERDUE')).length, 1);
    assert.match(lines.join('\n'), old);
    assert.not.match(lines.join('\n'), recent);
    assert.equal(yearSummary(db, '2026', 5, '2026-11-26').slice(0, 5), [
      `Requests for other formats in 2026: ${new Date().getFullYear() === 2026 ? 4 : 3} (${new Date().getFullYear() === 2026 ? 2 : 1} not yet done)`,
      '  Braille on paper: 2',
      `  Easy read: ${new Date().getFullYear() === 2026 ? 2 : 1}`,
      'Time to reply (working days): median 6.5, longest 10 (2 replied)',
      'Past the promised 5 working days: 2 of ' + (new Date().getFullYear() === 2026 ? 4 : 3),
    ]);
  } finally {
    db.close();
    await tmp.remove();
  }
});
service.run();
