/**
 * Personal data kept only as the forms promise: `done` deletes a reader's details at once, feedback contact details go
 * after the days in the settings (the number the feedback form shows), at start-up, daily and by `purge`; deleted
 * details are not left in the database file.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chmod, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { openDatabase } from '../../src/server/database.ts';
import { createServer } from '../../src/server/app.ts';
import { findSubmission, markDone, purgeExpired, saveFeedback, saveRequest } from '../../src/server/store.ts';
import { runSubmissions } from '../../src/server/admin.ts';
import { tempDir } from '../helpers.ts';
import { buildBasicSite, listenOnLoopback } from './forms-fixture.ts';

const DAY = 24 * 60 * 60 * 1000;
const request = {
  report: 'first-report',
  format: 'Braille on paper',
  formatOther: '',
  replyBy: 'email',
  email: 'unique.reader@example.org',
  phone: '',
  address: '',
  name: 'Ann Reader',
  note: 'By Friday please',
  storedFormat: 'Braille on paper',
  followUps: {},
};
const feedback = {
  message: 'Good service.',
  mayContact: 'yes',
  name: 'Bo Sender',
  email: 'bo.sender@example.org',
  phone: '',
};

const data = suite('personal data');
data("done deletes the reader's details at once and keeps what counts; the file no longer holds them", async () => {
  const tmp = await tempDir();
  const db = openDatabase(tmp.dir);
  try {
    const ref = saveRequest(db, request, { slug: 'first-report', title: 'First report' });
    const lines: string[] = [];
    assert.is(
      runSubmissions('requests', ['done', ref], tmp.dir, (l) => lines.push(l)),
      0,
    );
    const row = findSubmission(db, 'requests', ref) as unknown as Record<string, unknown>;
    assert.equal([row.email, row.name, row.note, row.phone, row.address], [null, null, null, null, null]);
    assert.equal([row.format, row.report_slug, row.reply_by], ['Braille on paper', 'first-report', 'email']);
    assert.ok(row.done_at);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const file = await readFile(path.join(tmp.dir, 'submissions.sqlite'));
    assert.not.ok(file.includes('unique.reader@example.org'), 'the email is overwritten in the file (secure_delete)');
    const shown: string[] = [];
    runSubmissions('requests', ['show', ref], tmp.dir, (l) => shown.push(l));
    assert.not.match(shown.join('\n'), 'unique.reader');
  } finally {
    db.close();
    await tmp.remove();
  }
});

data("feedback contact details go after the settings' days, not before; the feedback stays", async () => {
  const tmp = await tempDir();
  const db = openDatabase(tmp.dir);
  try {
    const sent = new Date('2026-01-01T12:00:00Z');
    const ref = saveFeedback(db, feedback, sent);
    assert.is(purgeExpired(db, 30, new Date(sent.getTime() + 30 * DAY - 1000)), 0);
    assert.is(
      (findSubmission(db, 'feedback', ref) as unknown as Record<string, unknown>).contact_email,
      'bo.sender@example.org',
    );
    assert.is(purgeExpired(db, 30, new Date(sent.getTime() + 30 * DAY + 1000)), 1);
    const row = findSubmission(db, 'feedback', ref) as unknown as Record<string, unknown>;
    assert.equal([row.contact_name, row.contact_email, row.message], [null, null, 'Good service.']);
  } finally {
    db.close();
    await tmp.remove();
  }
});

data(
  'the feedback form states the days from the settings, and the server purges at start with that same number',
  async () => {
    const tmp = await tempDir();
    const db = openDatabase(path.join(tmp.dir, 'data'));
    try {
      const chrome = await buildBasicSite(path.join(tmp.dir, 'site'));
      const days = 21;
      const settings = { ...chrome.settings, requests: { ...chrome.settings.requests, keepFeedbackContactDays: days } };
      const old = saveFeedback(db, feedback, new Date(Date.now() - (days + 1) * DAY));
      const recent = saveFeedback(db, feedback, new Date(Date.now() - (days - 1) * DAY));
      const app = await createServer({
        siteDir: path.join(tmp.dir, 'site'),
        db,
        organisation: chrome.organisation,
        settings,
      });
      const origin = await listenOnLoopback(app);
      try {
        const page = await (await fetch(`${origin}/feedback/`)).text();
        assert.match(page, `we delete them ${days} days after you send the form`);
        assert.is((findSubmission(db, 'feedback', old) as unknown as Record<string, unknown>).contact_email, null);
        assert.is(
          (findSubmission(db, 'feedback', recent) as unknown as Record<string, unknown>).contact_email,
          'bo.sender@example.org',
        );
      } finally {
        await app.close();
      }
      markDone(db, 'feedback', recent);
      assert.is((findSubmission(db, 'feedback', recent) as unknown as Record<string, unknown>).contact_email, null);
    } finally {
      db.close();
      await tmp.remove();
    }
  },
);
/** Every file in a folder, as bytes: what `strings` on the data folder would read. */
async function folderHolds(dir: string, text: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of await readdir(dir)) {
    const bytes = await readFile(path.join(dir, name)).catch(() => Buffer.alloc(0));
    if (bytes.includes(text)) found.push(name);
  }
  return found;
}

data(
  'done empties the WAL while the database stays open (as in a running server): no file holds the email',
  async () => {
    const tmp = await tempDir();
    const db = openDatabase(tmp.dir);
    // A second connection, as the CLI's beside the server's.
    const other = openDatabase(tmp.dir);
    try {
      const ref = saveRequest(db, request, { slug: 'first-report', title: 'First report' });
      assert.equal(
        await folderHolds(tmp.dir, 'unique.reader@example.org'),
        ['submissions.sqlite-wal'],
        'in the WAL at first',
      );
      assert.ok(markDone(other, 'requests', ref));
      assert.equal(await folderHolds(tmp.dir, 'unique.reader@example.org'), []);
      assert.is((await stat(path.join(tmp.dir, 'submissions.sqlite-wal'))).size, 0, 'the WAL is emptied');
      // Feedback purged by the daily job: the same.
      const fb = saveFeedback(db, feedback, new Date(Date.now() - 200 * DAY));
      assert.ok(fb);
      assert.equal(await folderHolds(tmp.dir, 'bo.sender@example.org'), ['submissions.sqlite-wal']);
      assert.is(purgeExpired(db, 90), 1);
      assert.equal(await folderHolds(tmp.dir, 'bo.sender@example.org'), []);
    } finally {
      other.close();
      db.close();
      await tmp.remove();
    }
  },
);

data(
  'the data folder and the database files are owner-only, whoever starts the server, whatever the umask',
  async () => {
    const tmp = await tempDir();
    const dir = path.join(tmp.dir, 'data');
    const umask = process.umask(0o022);
    try {
      const db = openDatabase(dir);
      saveFeedback(db, feedback);
      const mode = async (file: string): Promise<number> => (await stat(file)).mode & 0o777;
      assert.is(await mode(dir), 0o700);
      for (const file of ['submissions.sqlite', 'submissions.sqlite-wal', 'submissions.sqlite-shm'])
        assert.is(await mode(path.join(dir, file)), 0o600, file);
      db.close();
      // A database made world-readable by hand (or by an older version) is made owner-only again.
      await chmod(path.join(dir, 'submissions.sqlite'), 0o644);
      openDatabase(dir).close();
      assert.is(await mode(path.join(dir, 'submissions.sqlite')), 0o600);
    } finally {
      process.umask(umask);
      await tmp.remove();
    }
  },
);
data.run();
