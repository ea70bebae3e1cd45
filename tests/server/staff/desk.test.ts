/**
 * The staff desk as an attacker and as a staff member would use it, through the server's real routes (app.inject)
 * over a real SQLite file: no session, no data; each refusal a clear page; the cookie's attributes; session fixation,
 * CSRF, cross-site posts, brute force, references guessed or of the wrong kind, roles; and the work itself — find a
 * request, mark it done, note, feedback, summary, CSV — with the audit trail of it.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { buildBasicSite } from '../forms-fixture.ts';
import { tempDir } from '../../helpers.ts';
import { saveFeedback, saveRequest, findSubmission } from '../../../src/server/store.ts';
import { listAudit } from '../../../src/server/audit.ts';
import { SESSION_LIMITS } from '../../../src/server/auth/sessions.ts';
import { SIGN_IN_LIMITS } from '../../../src/server/auth/sign-in-limit.ts';
import { setSecondStep } from '../../../src/server/auth/accounts.ts';
import { codeAt, newSecondStepSecret } from '../../../src/server/auth/second-step.ts';
import {
  PASSWORD,
  addStaff,
  cookieFrom,
  form,
  postSignIn,
  signIn,
  startDesk,
  type BuiltSite,
  type Desk,
} from './desk-fixture.ts';

const OFFICER = 'officer@example.org';
const site: { built?: BuiltSite; remove?: () => Promise<void> } = {};
let desk: Desk;

const reader = {
  report: 'first-report',
  format: 'braille',
  formatOther: '',
  replyBy: 'email',
  email: 'private.reader@example.org',
  phone: '',
  address: '',
  name: 'Pat Private',
  note: 'Before my appointment please',
  storedFormat: 'Braille on paper (contracted, grade 2)',
  followUps: {},
};
const report = { slug: 'first-report', title: 'First report' };

const STAFF_PAGES = [
  '/staff/',
  '/staff/requests/',
  '/staff/requests/?state=all',
  '/staff/feedback/',
  '/staff/summary/',
  '/staff/activity/',
  '/staff/account/',
  '/staff/export/requests.csv',
  '/staff/export/feedback.csv',
  '/staff/no-such-page/',
  '/staff/sign-in/code/',
];

/** One stored column of a submission (null once deleted). */
const field = (kind: 'requests' | 'feedback', ref: string, column: string): unknown =>
  (findSubmission(desk.db, kind, ref) as unknown as Record<string, unknown> | undefined)?.[column];

const actions = (target?: string): string[] =>
  listAudit(desk.db, { limit: 100, offset: 0, ...(target ? { target } : {}) }).entries.map((e) => e.action);

const desks = suite('staff desk');
desks.before(async () => {
  const tmp = await tempDir();
  site.remove = tmp.remove;
  const dir = path.join(tmp.dir, 'site');
  site.built = { dir, chrome: await buildBasicSite(dir) };
});
desks.before.each(async () => {
  desk = await startDesk({ site: site.built! });
  await addStaff(desk.db, OFFICER);
});
desks.after.each(async () => desk.close());
desks.after(async () => site.remove?.());

desks('without a session every /staff/ address redirects to sign-in and carries no personal data', async () => {
  const ref = saveRequest(desk.db, reader, report);
  for (const url of [...STAFF_PAGES, `/staff/requests/${ref}/`, `/staff/requests/${ref}/done/`]) {
    const reply = await desk.app.inject({ url });
    assert.is(reply.statusCode, 303, url);
    assert.match(String(reply.headers.location), /^\/staff\/sign-in\//, url);
    assert.not.match(reply.body, 'private.reader', url);
    assert.is(reply.headers['cache-control'], 'no-store', url);
  }
  // A post without a session changes nothing.
  const post = await desk.app.inject({ method: 'POST', url: `/staff/requests/${ref}/done/`, ...form({ csrf: 'x' }) });
  assert.is(post.statusCode, 303);
  assert.is(field('requests', ref, 'email'), reader.email);
  // The sign-in page itself is never cached or indexed, and the public site sets no cookie.
  const signInPage = await desk.app.inject({ url: '/staff/sign-in/' });
  assert.is(signInPage.headers['cache-control'], 'no-store');
  assert.match(String(signInPage.headers['x-robots-tag']), 'noindex');
  assert.is((await desk.app.inject({ url: '/feedback/' })).headers['set-cookie'], undefined);
  // Nothing of the desk is in the built site or its sitemap: a folder named staff in the site is never served.
  const sitemap = (await desk.app.inject({ url: '/sitemap.xml' })).body;
  assert.match(sitemap, '<urlset');
  assert.not.match(sitemap, '/staff');
  await mkdir(path.join(site.built!.dir, 'staff', 'secret'), { recursive: true });
  await writeFile(path.join(site.built!.dir, 'staff', 'secret', 'index.html'), 'planted in the site folder');
  const planted = await desk.app.inject({ url: '/staff/secret/' });
  assert.is(planted.statusCode, 303);
  assert.not.match(planted.body, 'planted');
});

desks(
  'sign-in: the cookie is opaque, HttpOnly, SameSite=Strict, Path=/staff/, Secure and __Secure- over TLS',
  async () => {
    const reply = await postSignIn(desk.app, OFFICER, PASSWORD);
    assert.is(reply.statusCode, 303);
    const header = String(reply.headers['set-cookie']);
    assert.match(header, /^staff-session=[A-Za-z0-9_-]{43};/);
    assert.match(header, 'HttpOnly');
    assert.match(header, 'SameSite=Strict');
    assert.match(header, 'Path=/staff/');
    assert.not.match(header, 'Expires');
    // Behind a TLS proxy (X-Forwarded-Proto from a trusted proxy), the cookie is Secure with the __Secure- prefix.
    const tls = await startDesk({ site: site.built! });
    try {
      await addStaff(tls.db, OFFICER);
      const behindProxy = await (
        await import('../../../src/server/app.ts')
      ).createServer({
        siteDir: site.built!.dir,
        db: tls.db,
        ...site.built!.chrome,
        trustProxy: '127.0.0.1',
      });
      const page = await behindProxy.inject({ url: '/staff/sign-in/', headers: { 'x-forwarded-proto': 'https' } });
      const token = /name="token" value="([^"]+)"/.exec(page.body)![1]!;
      const body = form({ token, email: OFFICER, password: PASSWORD });
      const secure = await behindProxy.inject({
        method: 'POST',
        url: '/staff/sign-in/',
        ...body,
        headers: { ...body.headers, 'x-forwarded-proto': 'https' },
      });
      assert.match(String(secure.headers['set-cookie']), /^__Secure-staff-session=[A-Za-z0-9_-]{43};.*Secure/);
      await behindProxy.close();
    } finally {
      await tls.close();
    }
  },
);

desks('a wrong password, an unknown account and a wrong email say the same thing', async () => {
  const wrongPassword = await postSignIn(desk.app, OFFICER, 'not the password at all');
  const unknown = await postSignIn(desk.app, 'nobody@example.org', PASSWORD);
  assert.is(wrongPassword.statusCode, 401);
  assert.is(unknown.statusCode, 401);
  const message = (html: string): string => /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
  assert.match(message(wrongPassword.body), 'The email address or password is not right');
  assert.is(message(wrongPassword.body), message(unknown.body));
  assert.is(wrongPassword.headers['set-cookie'], undefined);
  assert.equal(actions().slice(0, 2), ['sign-in-refused', 'sign-in-refused']);
});

desks('the 6th wrong password is refused with a page saying when to try again, even the right one then', async () => {
  for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++)
    assert.is(
      (await postSignIn(desk.app, OFFICER, `wrong ${i} guess here`, { ip: `10.0.0.${i + 1}` })).statusCode,
      401,
    );
  const sixth = await postSignIn(desk.app, OFFICER, 'wrong again guess', { ip: '10.0.0.99' });
  assert.is(sixth.statusCode, 429);
  assert.match(sixth.body, 'Too many attempts to sign in');
  assert.match(sixth.body, /Try again in 1[0-5] minutes/);
  assert.ok(Number(sixth.headers['retry-after']) > 0);
  const right = await postSignIn(desk.app, OFFICER, PASSWORD, { ip: '10.0.0.100' });
  assert.is(right.statusCode, 429, 'locked for the window, from any address');
  // An address that does not exist is limited in exactly the same way (nothing learnt about which accounts exist).
  for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) await postSignIn(desk.app, 'ghost@example.org', `guess ${i} x`);
  assert.is((await postSignIn(desk.app, 'ghost@example.org', 'guess again x')).statusCode, 429);
  assert.ok(actions().includes('sign-in-limited'));
});

desks('one address guessing many accounts is limited too (per reader behind the proxy)', async () => {
  await addStaff(desk.db, 'second@example.org');
  let status = 0;
  for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++)
    status = (await postSignIn(desk.app, `user${i}@example.org`, 'wrong guess here', { ip: '192.0.2.7' })).statusCode;
  assert.is(status, 401);
  assert.is((await postSignIn(desk.app, 'second@example.org', PASSWORD, { ip: '192.0.2.7' })).statusCode, 429);
  assert.is((await postSignIn(desk.app, 'second@example.org', PASSWORD, { ip: '192.0.2.8' })).statusCode, 303);
});

desks('session fixation: a cookie planted before sign-in is never the signed-in session', async () => {
  const planted = 'staff-session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  const reply = await postSignIn(desk.app, OFFICER, PASSWORD, { cookie: planted });
  const issued = cookieFrom(reply)!;
  assert.is.not(issued, planted);
  assert.is((await desk.app.inject({ url: '/staff/requests/', headers: { cookie: planted } })).statusCode, 303);
  assert.is((await desk.app.inject({ url: '/staff/requests/', headers: { cookie: issued } })).statusCode, 200);
  // Signing in again while signed in ends the old session.
  const again = cookieFrom(await postSignIn(desk.app, OFFICER, PASSWORD, { cookie: issued }))!;
  assert.is((await desk.app.inject({ url: '/staff/requests/', headers: { cookie: issued } })).statusCode, 303);
  assert.is((await desk.app.inject({ url: '/staff/requests/', headers: { cookie: again } })).statusCode, 200);
});

desks(
  "CSRF: a post without the token, with another session's token, or from another site changes nothing",
  async () => {
    const ref = saveRequest(desk.db, reader, report);
    const { cookie, csrf } = await signIn(desk.app, OFFICER);
    await addStaff(desk.db, 'other@example.org');
    const other = await signIn(desk.app, 'other@example.org');
    const url = `/staff/requests/${ref}/done/`;
    const tries: Array<{ fields: Record<string, string>; headers: Record<string, string> }> = [
      { fields: {}, headers: {} },
      { fields: { csrf: other.csrf }, headers: {} },
      { fields: { csrf }, headers: { origin: 'https://evil.example' } },
      { fields: { csrf }, headers: { 'sec-fetch-site': 'cross-site' } },
    ];
    for (const t of tries) {
      const body = form(t.fields);
      const reply = await desk.app.inject({
        method: 'POST',
        url,
        ...body,
        headers: { ...body.headers, cookie, ...t.headers },
      });
      assert.is(reply.statusCode, 403, JSON.stringify(t));
      assert.match(reply.body, /Nothing was changed|sent from another website/);
      assert.is(field('requests', ref, 'email'), reader.email, 'still there');
    }
    assert.ok(actions().includes('refused-csrf'));
    const body = form({ csrf });
    const done = await desk.app.inject({ method: 'POST', url, ...body, headers: { ...body.headers, cookie } });
    assert.is(done.statusCode, 303);
    assert.is(field('requests', ref, 'email'), null);
  },
);

desks('an idle session and one past its absolute time-out end with a page that says why', async () => {
  const { cookie } = await signIn(desk.app, OFFICER);
  const idle = new Date(Date.now() - (SESSION_LIMITS.idleMinutes + 1) * 60_000).toISOString();
  desk.db.prepare('UPDATE staff_sessions SET seen_at = ?').run(idle);
  const reply = await desk.app.inject({ url: '/staff/requests/', headers: { cookie } });
  assert.is(reply.statusCode, 303);
  assert.match(String(reply.headers.location), 'ended=idle');
  const page = await desk.app.inject({ url: String(reply.headers.location) });
  assert.match(page.body, `not used for ${SESSION_LIMITS.idleMinutes} minutes`);
  assert.is((desk.db.prepare('SELECT count(*) AS n FROM staff_sessions').get() as { n: number }).n, 0);

  const fresh = await signIn(desk.app, OFFICER);
  const old = new Date(Date.now() - (SESSION_LIMITS.absoluteHours * 60 + 1) * 60_000).toISOString();
  desk.db.prepare('UPDATE staff_sessions SET created_at = ?').run(old);
  const absolute = await desk.app.inject({ url: '/staff/feedback/', headers: { cookie: fresh.cookie } });
  assert.match(String(absolute.headers.location), 'ended=absolute');
});

desks(
  'sign-out ends the session on the server; sign out everywhere and removing the account end them all',
  async () => {
    const first = await signIn(desk.app, OFFICER);
    const second = await signIn(desk.app, OFFICER);
    const out = form({ csrf: first.csrf });
    const signOut = await desk.app.inject({
      method: 'POST',
      url: '/staff/sign-out/',
      ...out,
      headers: { ...out.headers, cookie: first.cookie },
    });
    assert.is(signOut.statusCode, 303);
    assert.match(String(signOut.headers['set-cookie']), /staff-session=;/);
    assert.is((await desk.app.inject({ url: '/staff/requests/', headers: { cookie: first.cookie } })).statusCode, 303);
    assert.is((await desk.app.inject({ url: '/staff/requests/', headers: { cookie: second.cookie } })).statusCode, 200);
    const everywhere = form({ csrf: second.csrf, everywhere: 'yes' });
    const third = await signIn(desk.app, OFFICER);
    await desk.app.inject({
      method: 'POST',
      url: '/staff/sign-out/',
      ...everywhere,
      headers: { ...everywhere.headers, cookie: second.cookie },
    });
    assert.is((await desk.app.inject({ url: '/staff/requests/', headers: { cookie: third.cookie } })).statusCode, 303);
    const fourth = await signIn(desk.app, OFFICER);
    desk.db.prepare('DELETE FROM staff WHERE email = ?').run(OFFICER);
    assert.is((await desk.app.inject({ url: '/staff/requests/', headers: { cookie: fourth.cookie } })).statusCode, 303);
  },
);

desks(
  'references: guessed, malformed or of the other kind are "not found"; roles are checked on every page',
  async () => {
    const ref = saveRequest(desk.db, reader, report);
    const fb = saveFeedback(desk.db, { message: 'Hello', mayContact: 'no', name: '', email: '', phone: '' });
    const { cookie } = await signIn(desk.app, OFFICER);
    for (const url of [
      '/staff/requests/REQ-AAAA-AAAA/',
      `/staff/requests/${fb}/`,
      `/staff/feedback/${ref}/`,
      '/staff/requests/1/',
      "/staff/requests/REQ-AAAA-AAAA' OR 1=1--/",
      '/staff/requests/..%2F..%2Fetc%2Fpasswd/',
    ]) {
      const reply = await desk.app.inject({ url, headers: { cookie } });
      assert.is(reply.statusCode, 404, url);
      assert.not.match(reply.body, 'private.reader', url);
    }
    assert.is(
      (await desk.app.inject({ url: `/staff/requests/${ref.toLowerCase()}/`, headers: { cookie } })).statusCode,
      200,
    );
    // An account with only the editor role cannot see requests, feedback, the summary or the exports.
    await addStaff(desk.db, 'editor@example.org', ['editor']);
    const editor = await signIn(desk.app, 'editor@example.org');
    for (const url of [
      `/staff/requests/${ref}/`,
      '/staff/requests/',
      '/staff/feedback/',
      '/staff/summary/',
      '/staff/export/requests.csv',
      '/staff/activity/',
    ]) {
      const reply = await desk.app.inject({ url, headers: { cookie: editor.cookie } });
      assert.is(reply.statusCode, 403, url);
      assert.match(reply.body, 'Your account cannot open this page');
      assert.not.match(reply.body, 'private.reader');
    }
    const post = form({ csrf: editor.csrf });
    const done = await desk.app.inject({
      method: 'POST',
      url: `/staff/requests/${ref}/done/`,
      ...post,
      headers: { ...post.headers, cookie: editor.cookie },
    });
    assert.is(done.statusCode, 403);
    assert.is(field('requests', ref, 'email'), reader.email);
  },
);

desks('the inbox lists overdue then newest, with due dates in words; filters by format, report and state', async () => {
  const old = saveRequest(
    desk.db,
    { ...reader, storedFormat: 'Large print (24 point)' },
    report,
    new Date('2026-01-05T10:00:00Z'),
  );
  const newest = saveRequest(desk.db, reader, { slug: 'second-report', title: 'Second report' });
  const { cookie } = await signIn(desk.app, OFFICER);
  const page = (await desk.app.inject({ url: '/staff/requests/', headers: { cookie } })).body;
  assert.ok(page.indexOf(old) < page.indexOf(newest), 'overdue first');
  assert.match(page, /<strong class="overdue">OVERDUE<\/strong> since 12 January 2026/);
  assert.match(page, '2 not yet done');
  assert.not.match(page, 'private.reader', 'no contact details in the list');
  const braille = (await desk.app.inject({ url: '/staff/requests/?format=Braille%20on%20paper', headers: { cookie } }))
    .body;
  assert.ok(braille.includes(newest) && !braille.includes(old));
  const second = (await desk.app.inject({ url: '/staff/requests/?report=second-report', headers: { cookie } })).body;
  assert.ok(second.includes(newest) && !second.includes(old));
  const overdue = (await desk.app.inject({ url: '/staff/requests/?state=overdue', headers: { cookie } })).body;
  assert.ok(overdue.includes(old) && !overdue.includes(newest));
  // A filter value that is not a choice is ignored, not echoed.
  const odd = (await desk.app.inject({ url: '/staff/requests/?format=%3Cscript%3E', headers: { cookie } })).body;
  assert.not.match(odd, '<script>');
});

desks('a request page shows the details; done asks first, then deletes them; the note stays; all audited', async () => {
  const ref = saveRequest(desk.db, reader, report);
  const { cookie, csrf } = await signIn(desk.app, OFFICER);
  const page = (await desk.app.inject({ url: `/staff/requests/${ref}/`, headers: { cookie } })).body;
  assert.match(page, 'private.reader@example.org');
  assert.match(page, 'Braille on paper (contracted, grade 2)');
  const confirm = (await desk.app.inject({ url: `/staff/requests/${ref}/done/`, headers: { cookie } })).body;
  assert.match(confirm, 'This deletes the reader&#39;s contact details');
  assert.is(field('requests', ref, 'email'), reader.email, 'nothing changes on GET');
  const note = form({ csrf, note: 'Sent by Royal Mail, second class.' });
  await desk.app.inject({
    method: 'POST',
    url: `/staff/requests/${ref}/note/`,
    ...note,
    headers: { ...note.headers, cookie },
  });
  const done = form({ csrf });
  await desk.app.inject({
    method: 'POST',
    url: `/staff/requests/${ref}/done/`,
    ...done,
    headers: { ...done.headers, cookie },
  });
  const after = (await desk.app.inject({ url: `/staff/requests/${ref}/?saved=done`, headers: { cookie } })).body;
  assert.match(after, 'is marked as done');
  assert.not.match(after, 'private.reader');
  assert.not.match(after, 'Pat Private');
  assert.match(after, 'Sent by Royal Mail');
  assert.equal(actions(ref), ['viewed-request', 'request-done', 'note-saved', 'viewed-request']);
  const audit = JSON.stringify(desk.db.prepare('SELECT * FROM audit').all());
  assert.not.match(audit, 'private.reader');
  assert.not.match(audit, 'Pat Private');
  assert.throws(() => desk.db.prepare('DELETE FROM audit').run(), /cannot be deleted/);
  assert.throws(() => desk.db.prepare("UPDATE audit SET actor = 'someone else'").run(), /cannot be changed/);
});

desks('feedback: list, page, done and the purge as promised; summary and CSV downloads', async () => {
  const fb = saveFeedback(desk.db, {
    message: '=HYPERLINK("http://evil.example","click")',
    mayContact: 'yes',
    name: 'Sam Sender',
    email: 'sam.sender@example.org',
    phone: '',
  });
  const old = saveFeedback(
    desk.db,
    { message: 'Old one', mayContact: 'yes', name: 'Old Sender', email: 'old.sender@example.org', phone: '' },
    new Date(Date.now() - 400 * 24 * 3600 * 1000),
  );
  saveRequest(desk.db, reader, report);
  const { cookie, csrf } = await signIn(desk.app, OFFICER);
  const list = (await desk.app.inject({ url: '/staff/feedback/', headers: { cookie } })).body;
  assert.match(list, fb);
  assert.not.match(list, 'sam.sender');
  const purge = form({ csrf });
  const purged = await desk.app.inject({
    method: 'POST',
    url: '/staff/feedback/purge/',
    ...purge,
    headers: { ...purge.headers, cookie },
  });
  assert.is(String(purged.headers.location), '/staff/feedback/?purged=1');
  assert.is(field('feedback', old, 'contact_email'), null);
  assert.is(field('feedback', fb, 'contact_email'), 'sam.sender@example.org');
  const summary = (await desk.app.inject({ url: '/staff/summary/', headers: { cookie } })).body;
  assert.match(summary, /<th scope="row">Braille on paper<\/th><td class="numeric">1<\/td>/);
  assert.match(summary, /<li><span class="bar-label">Braille on paper: 1<\/span>/);
  const csv = await desk.app.inject({ url: '/staff/export/feedback.csv', headers: { cookie } });
  assert.match(String(csv.headers['content-type']), 'text/csv');
  assert.match(String(csv.headers['content-disposition']), /attachment; filename="feedback-\d{4}-\d\d-\d\d\.csv"/);
  assert.match(csv.body, `"'=HYPERLINK(""http://evil.example"",""click"")"`);
  assert.ok(actions().includes('exported-feedback') && actions().includes('purged-feedback'));
});

desks('second step: turned on with a code, then asked for at sign-in; a code works once', async () => {
  const secret = newSecondStepSecret();
  const account = desk.db.prepare('SELECT id FROM staff WHERE email = ?').get(OFFICER) as { id: number };
  setSecondStep(desk.db, account.id, secret);
  const reply = await postSignIn(desk.app, OFFICER, PASSWORD);
  assert.is(String(reply.headers.location), '/staff/sign-in/code/');
  const half = cookieFrom(reply)!;
  assert.is(
    String((await desk.app.inject({ url: '/staff/requests/', headers: { cookie: half } })).headers.location),
    '/staff/sign-in/code/',
  );
  const wrong = form({ code: '000000' });
  assert.is(
    (
      await desk.app.inject({
        method: 'POST',
        url: '/staff/sign-in/code/',
        ...wrong,
        headers: { ...wrong.headers, cookie: half },
      })
    ).statusCode,
    401,
  );
  const code = codeAt(secret);
  const right = form({ code });
  const ok = await desk.app.inject({
    method: 'POST',
    url: '/staff/sign-in/code/',
    ...right,
    headers: { ...right.headers, cookie: half },
  });
  assert.is(ok.statusCode, 303);
  const full = cookieFrom(ok)!;
  assert.is.not(full, half, 'a new session id after the second step');
  assert.is((await desk.app.inject({ url: '/staff/requests/', headers: { cookie: full } })).statusCode, 200);
  // The same code again (a replay) is refused.
  const again = cookieFrom(await postSignIn(desk.app, OFFICER, PASSWORD))!;
  assert.is(
    (
      await desk.app.inject({
        method: 'POST',
        url: '/staff/sign-in/code/',
        ...right,
        headers: { ...right.headers, cookie: again },
      })
    ).statusCode,
    401,
  );
});

desks('an organisation that requires the second step gets everyone to set it up at sign-in', async () => {
  await desk.close();
  desk = await startDesk({ site: site.built!, settings: { staff: { requireSecondStep: true } } });
  await addStaff(desk.db, OFFICER);
  const half = cookieFrom(await postSignIn(desk.app, OFFICER, PASSWORD))!;
  const page = (await desk.app.inject({ url: '/staff/sign-in/code/', headers: { cookie: half } })).body;
  const secret = /name="secret" value="([A-Z2-7]{32})"/.exec(page)![1]!;
  const body = form({ secret, code: codeAt(secret) });
  const ok = await desk.app.inject({
    method: 'POST',
    url: '/staff/sign-in/code/',
    ...body,
    headers: { ...body.headers, cookie: half },
  });
  assert.is(ok.statusCode, 303);
  assert.ok(actions().includes('second-step-on'));
  const stored = desk.db.prepare('SELECT totp_secret FROM staff WHERE email = ?').get(OFFICER) as {
    totp_secret: string;
  };
  assert.is(stored.totp_secret, secret);
});

desks('a set-up link sets a password once; a weak password is refused with the reason', async () => {
  const { runStaffCommand } = await import('../../../src/server/auth/staff-commands.ts');
  const lines: string[] = [];
  const code = await runStaffCommand(desk.db, ['add', 'new.person@example.org', '--link'], {
    out: (l) => lines.push(l),
    readSecret: () => Promise.resolve(''),
    siteUrl: 'https://reports.example.org/',
  });
  assert.is(code, 0);
  const link = new URL(lines.at(-1)!);
  assert.match(link.href, /^https:\/\/reports\.example\.org\/staff\/set-up\/[A-Za-z0-9_-]{43}\/$/);
  const page = await desk.app.inject({ url: link.pathname });
  assert.match(page.body, 'new.person@example.org');
  const weak = form({ password: 'password123', confirm: 'password123' });
  const refused = await desk.app.inject({ method: 'POST', url: link.pathname, ...weak });
  assert.is(refused.statusCode, 400);
  assert.match(refused.body, 'most commonly used');
  const good = form({ password: 'tulip harbour seventeen', confirm: 'tulip harbour seventeen' });
  assert.is((await desk.app.inject({ method: 'POST', url: link.pathname, ...good })).statusCode, 303);
  assert.is((await desk.app.inject({ url: link.pathname })).statusCode, 404, 'used once');
  assert.is((await postSignIn(desk.app, 'new.person@example.org', 'tulip harbour seventeen')).statusCode, 303);
});
desks.run();
