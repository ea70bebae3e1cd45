/**
 * The requests and feedback server, over real HTTP on loopback with a real SQLite file in a temporary folder.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Db } from '../../src/server/database.ts';
import { createServer } from '../../src/server/app.ts';
import { listSubmissions } from '../../src/server/store.ts';
import { runSubmissions } from '../../src/server/admin.ts';
import { tempDir } from '../helpers.ts';
import { buildBasicSite, listenOnLoopback, tokenIn } from './forms-fixture.ts';
import type { PageChrome } from '../../src/server/render.ts';

const context: {
  app?: FastifyInstance;
  db?: Db;
  chrome?: PageChrome;
  origin: string;
  dataDir: string;
  siteDir: string;
  remove: () => Promise<void>;
} = { origin: '', dataDir: '', siteDir: '', remove: async () => {} };
const FORM = '/reports/first-report/request/';

async function start(rateLimit = { limit: 1000, windowMs: 60_000 }): Promise<void> {
  await context.app?.close();
  // The site is built once; a restart only makes a new server over it.
  context.chrome ??= await buildBasicSite(context.siteDir);
  context.app = await createServer({ siteDir: context.siteDir, db: context.db!, ...context.chrome, rateLimit });
  context.origin = await listenOnLoopback(context.app);
}

async function token(pathname: string): Promise<string> {
  return tokenIn(await (await fetch(context.origin + pathname)).text());
}

async function post(
  pathname: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(context.origin + pathname, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
}

const count = (kind: 'requests' | 'feedback'): number =>
  listSubmissions(context.db!, kind, { includeDone: true }).length;

const server = suite('requests and feedback server');
server.before(async () => {
  const tmp = await tempDir();
  context.remove = tmp.remove;
  context.dataDir = path.join(tmp.dir, 'data');
  context.siteDir = path.join(tmp.dir, 'site');
  context.db = openDatabase(context.dataDir);
  await start();
});
server.after(async () => {
  await context.app?.close();
  context.db?.close();
  await context.remove();
});

server('a valid request is stored whole, confirmed with a reference, and listed for editors', async () => {
  const response = await post(FORM, {
    token: await token(FORM),
    report: 'first-report',
    format: 'Braille on paper',
    brailleGrade: 'uncontracted, grade 1',
    replyBy: 'email',
    email: 'reader@example.org',
    phone: '020 7946 0000',
    name: 'A Reader',
  });
  assert.is(response.status, 303);
  const location = response.headers.get('location')!;
  const ref = /ref=(REQ-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(location)![1]!;
  const confirmation = await (await fetch(context.origin + location)).text();
  assert.match(confirmation, `<strong class="reference">${ref}</strong>`);
  const [stored] = listSubmissions(context.db!, 'requests') as unknown as Array<Record<string, unknown>>;
  assert.equal(
    { ...stored, created_at: 'x' },
    {
      id: 1,
      ref,
      report_slug: 'first-report',
      report_title: 'First report',
      format: 'Braille on paper (uncontracted, grade 1)',
      reply_by: 'email',
      email: 'reader@example.org',
      phone: null,
      address: null,
      name: 'A Reader',
      note: null,
      created_at: 'x',
      done_at: null,
      staff_note: null,
    },
  );
  const lines: string[] = [];
  assert.is(
    runSubmissions('requests', ['list'], context.dataDir, (l) => lines.push(l)),
    0,
  );
  assert.match(lines.join('\n'), `${ref}`);
  assert.match(lines.join('\n'), 'Braille on paper (uncontracted, grade 1) — First report — reply by email');
});

server('each kind of bad input is refused with its message, the values kept, and nothing stored', async () => {
  const before = count('requests');
  const cases: Array<[Record<string, string>, string]> = [
    [{ replyBy: 'email', email: 'a@b.org' }, 'Select the format you need'],
    [{ format: 'other', replyBy: 'email', email: 'a@b.org' }, 'Enter the format you need'],
    [{ format: 'Smoke signals', replyBy: 'email', email: 'a@b.org' }, 'Select one of the formats in the list'],
    [{ format: 'Braille on paper' }, 'Select how we should reply to you'],
    [
      { format: 'Braille on paper', replyBy: 'email', email: 'not-an-email' },
      'Enter an email address in the correct format, like name@example.com',
    ],
    [
      { format: 'Braille on paper', replyBy: 'text', phone: '12345' },
      'Enter a UK mobile number, like 020 7946 0000 or 07700 900 982',
    ],
    [{ format: 'Braille on paper', replyBy: 'post' }, 'Enter your postal address'],
    [
      { format: 'Braille on paper', replyBy: 'email', email: 'a@b.org', note: 'x'.repeat(2001) },
      'Your note must be 2000 characters or fewer',
    ],
  ];
  for (const [fields, message] of cases) {
    const response = await post(FORM, { token: await token(FORM), report: 'first-report', ...fields });
    const page = await response.text();
    assert.is(response.status, 400, message);
    assert.match(page, '<title>Error: Ask for another format');
    assert.match(page, 'There is a problem');
    assert.match(page, message);
    assert.match(page, 'autofocus');
    if (fields.email) assert.match(page, `value="${fields.email}"`);
  }
  const feedbackCases: Array<[Record<string, string>, string]> = [
    [{ message: '' }, 'Enter your feedback'],
    [{ message: 'Good service', mayContact: 'yes' }, 'Enter an email address or a phone number so we can contact you'],
  ];
  for (const [fields, message] of feedbackCases) {
    const response = await post('/feedback/', { token: await token('/feedback/'), ...fields });
    assert.is(response.status, 400);
    assert.match(await response.text(), message);
  }
  assert.is(count('requests'), before);
  assert.is(count('feedback'), 0);
});

server('posts from another site, without a token or with a forged one, are refused and nothing is stored', async () => {
  const before = count('requests');
  const fields = { report: 'first-report', format: 'Braille on paper', replyBy: 'email', email: 'a@b.org' };
  assert.is((await post(FORM, fields)).status, 400);
  assert.is((await post(FORM, { ...fields, token: '1.forged' })).status, 400);
  assert.is(
    (await post(FORM, { ...fields, token: await token(FORM) }, { origin: 'https://evil.example' })).status,
    403,
  );
  assert.is(
    (await post(FORM, { ...fields, token: await token(FORM) }, { 'sec-fetch-site': 'cross-site' })).status,
    403,
  );
  assert.is(count('requests'), before);
});

server(
  'a filled-in honeypot is answered like a real post (a reference) and nothing is stored; an oversized body is refused',
  async () => {
    const before = count('feedback');
    const trap = await post('/feedback/', {
      token: await token('/feedback/'),
      message: 'Buy now',
      website: 'http://spam.example',
    });
    assert.is(trap.status, 303);
    const location = trap.headers.get('location')!;
    assert.match(location, /^\/feedback\/done\/\?ref=FB-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    assert.match(await (await fetch(context.origin + location)).text(), /<strong class="reference">FB-/);
    const big = await post('/feedback/', { token: await token('/feedback/'), message: 'x'.repeat(200_000) });
    assert.is(big.status, 413);
    assert.match(await big.text(), 'What you sent was too long');
    assert.is(count('feedback'), before);
  },
);

server('feedback is anonymous: no address or browser details stored, contact details only if allowed', async () => {
  const response = await post(
    '/feedback/',
    {
      token: await token('/feedback/'),
      message: 'The midwife listened to me.',
      mayContact: 'no',
      email: 'me@example.org',
    },
    { 'user-agent': 'UniqueBrowser/9.9' },
  );
  assert.is(response.status, 303);
  const [stored] = listSubmissions(context.db!, 'feedback') as unknown as Array<Record<string, unknown>>;
  assert.is(stored!.contact_email, null);
  context.db!.pragma('wal_checkpoint(TRUNCATE)');
  const file = await readFile(path.join(context.dataDir, 'submissions.sqlite'));
  assert.not.ok(file.includes('127.0.0.1'), 'no IP address in the database');
  assert.not.ok(file.includes('UniqueBrowser'), 'no browser details in the database');
  assert.ok(file.includes('The midwife listened to me.'));
  assert.is(response.headers.get('set-cookie'), null);
});

server('security headers on every response', async () => {
  for (const pathname of ['/', FORM, '/feedback/']) {
    const response = await fetch(context.origin + pathname);
    assert.match(response.headers.get('content-security-policy')!, "frame-ancestors 'none'");
    assert.not.match(response.headers.get('content-security-policy')!, 'unsafe-inline');
    assert.is(response.headers.get('x-content-type-options'), 'nosniff');
    assert.is(response.headers.get('referrer-policy'), 'no-referrer');
  }
});

server('the CSV export is safe to open in a spreadsheet', async () => {
  await post(FORM, {
    token: await token(FORM),
    report: 'first-report',
    format: 'Braille on paper',
    brailleGrade: 'contracted, grade 2',
    replyBy: 'email',
    email: 'a@b.org',
    note: '=HYPERLINK("http://evil.example","Click")',
  });
  const lines: string[] = [];
  runSubmissions('requests', ['export', '--csv'], context.dataDir, (l) => lines.push(l));
  assert.match(lines.join('\n'), `"'=HYPERLINK(""http://evil.example"",""Click"")"`);
});

server('the per-address rate limit is enforced, in memory', async () => {
  await start({ limit: 2, windowMs: 60_000 });
  const fields = async () => ({ token: await token('/feedback/'), message: 'Hello' });
  assert.is((await post('/feedback/', await fields())).status, 303);
  assert.is((await post('/feedback/', await fields())).status, 303);
  const third = await post('/feedback/', await fields());
  assert.is(third.status, 429);
  assert.ok(Number(third.headers.get('retry-after')) > 0);
  await start();
});
server.run();
