/**
 * The staff desk as it is deployed: Debian's nginx with docs/deploy/nginx.conf over TLS in front of the server, and
 * real Chromium. A reader asks for braille on the public form; a staff member signs in with the keyboard alone,
 * filters the inbox, opens the request and marks it done; the reader's email is then on no page, in neither the
 * database file nor its WAL (the server still running), and the activity page shows both actions. Every desk page
 * passes the accessibility gate (pa11y's two runners, light and dark, reflow at 320 px, text spacing).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Db } from '../../../src/server/database.ts';
import { createServer } from '../../../src/server/app.ts';
import { saveFeedback } from '../../../src/server/store.ts';
import { launchBrowser } from '../../../src/checks/site/browser.ts';
import { auditLoadedPage, checkPage, pagePassed } from '../../../src/checks/site/accessibility-gate.ts';
import { startNginx, type Nginx } from '../../../src/bench/nginx.ts';
import { buildBasicSite } from '../forms-fixture.ts';
import { freePort, tempDir } from '../../helpers.ts';
import { PASSWORD, addStaff } from './desk-fixture.ts';

const OFFICER = 'officer@example.org';
const READER_EMAIL = 'braille.reader@example.org';

const context: {
  app?: FastifyInstance;
  db?: Db;
  nginx?: Nginx;
  browser?: Browser;
  origin: string;
  dataDir: string;
  remove: () => Promise<void>;
  ref: string;
} = { origin: '', dataDir: '', remove: async () => {}, ref: '' };

/** Presses Tab until `selector` has focus (as a keyboard user would), failing if it is never reached. */
async function tabTo(page: Page, selector: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} was not reached with the Tab key in ${max} presses`);
}

async function enterAndWait(page: Page): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
}

/** Files in the data folder that hold `text`, read as bytes (what `strings` would find). */
async function dataFilesHolding(text: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of await readdir(context.dataDir)) {
    const bytes = await readFile(path.join(context.dataDir, name)).catch(() => Buffer.alloc(0));
    if (bytes.includes(text)) found.push(name);
  }
  return found;
}

const desk = suite('staff desk in Chromium behind nginx');
desk.before(async () => {
  const tmp = await tempDir();
  context.remove = tmp.remove;
  context.dataDir = path.join(tmp.dir, 'data');
  const chrome = await buildBasicSite(path.join(tmp.dir, 'site'));
  context.db = openDatabase(context.dataDir);
  await addStaff(context.db, OFFICER);
  const appPort = await freePort();
  context.nginx = await startNginx(appPort, tmp.dir);
  context.origin = `https://localhost:${context.nginx.tlsPort}`;
  context.app = await createServer({
    siteDir: path.join(tmp.dir, 'site'),
    db: context.db,
    organisation: chrome.organisation,
    settings: { ...chrome.settings, url: `${context.origin}/` },
    trustProxy: '127.0.0.1',
    port: appPort,
  });
  await context.app.listen({ port: appPort, host: '127.0.0.1' });
  // The certificate is one the test made for nginx; everything else is as a reader's browser would have it.
  context.browser = await launchBrowser(['--ignore-certificate-errors']);
});
desk.after(async () => {
  await context.browser?.close();
  await context.nginx?.stop();
  await context.app?.close();
  context.db?.close();
  await context.remove();
});

desk('a reader asks for braille; staff sign in, filter, open it and mark it done with the keyboard alone', async () => {
  const reader = await context.browser!.newPage();
  await reader.goto(`${context.origin}/reports/first-report/request/?format=Braille%20on%20paper`, {
    waitUntil: 'load',
  });
  await reader.click('#brailleGrade');
  await reader.click('#replyBy');
  await reader.type('#email', READER_EMAIL);
  await reader.type('#name', 'Robin Reader');
  await Promise.all([reader.waitForNavigation(), reader.click('button[type="submit"]')]);
  context.ref = await reader.$eval('.reference', (el) => el.textContent?.trim() ?? '');
  assert.match(context.ref, /^REQ-/);
  await reader.close();
  saveFeedback(context.db!, {
    message: 'The large print was clear.',
    mayContact: 'no',
    name: '',
    email: '',
    phone: '',
  });

  const page = await context.browser!.newPage();
  await page.goto(`${context.origin}/staff/requests/`, { waitUntil: 'load' });
  assert.match(page.url(), '/staff/sign-in/?next=');
  await tabTo(page, '#email');
  await page.keyboard.type(OFFICER);
  await tabTo(page, '#password');
  await page.keyboard.type(PASSWORD);
  await enterAndWait(page);
  assert.is(new URL(page.url()).pathname, '/staff/requests/');

  const [cookie] = await page.cookies();
  assert.ok(cookie, 'a session cookie');
  assert.is(cookie.name, '__Secure-staff-session');
  assert.equal([cookie.secure, cookie.httpOnly, cookie.sameSite, cookie.path], [true, true, 'Strict', '/staff/']);
  assert.ok(cookie.session, 'a session cookie, not stored on disk by the browser');

  // Filter by format: a closed <select> takes typed letters, as it does for a keyboard user.
  await tabTo(page, '#format');
  await page.keyboard.type('Braille');
  await tabTo(page, '.filters button[type="submit"]');
  await enterAndWait(page);
  assert.match(page.url(), 'format=Braille+on+paper');
  await tabTo(page, `a[href="/staff/requests/${context.ref}/"]`);
  await enterAndWait(page);
  assert.match(await page.content(), READER_EMAIL);
  assert.match(await page.content(), 'Braille on paper (contracted, grade 2)');
  await tabTo(page, `a[href="/staff/requests/${context.ref}/done/"]`);
  await enterAndWait(page);
  assert.match(await page.content(), 'This deletes the reader');
  await tabTo(page, 'main form button[type="submit"]');
  await enterAndWait(page);
  const after = await page.evaluate(() => document.querySelector('main')?.innerText ?? '');
  assert.match(after, `${context.ref} is marked as done`);
  assert.not.match(await page.content(), READER_EMAIL);
  assert.not.match(await page.content(), 'Robin Reader');
  // The server is still running: neither the database file nor its WAL holds the email.
  assert.equal(await dataFilesHolding(READER_EMAIL), []);
  assert.equal(await dataFilesHolding('Robin Reader'), []);

  await page.goto(`${context.origin}/staff/activity/`, { waitUntil: 'load' });
  const activity = await page.evaluate(() => document.querySelector('table')?.innerText ?? '');
  assert.match(activity, new RegExp(`Marked a request done[^\\n]*\\n?[^\\n]*${context.ref}`));
  assert.match(activity, new RegExp(`Viewed a request[^\\n]*\\n?[^\\n]*${context.ref}`));
  assert.match(activity, `Signed in`);
  assert.match(activity, OFFICER);
  assert.not.match(activity, READER_EMAIL);
  // Where from: the address nginx passed on in X-Forwarded-For (here the browser's own, on loopback).
  assert.match(activity, '127.0.0.1');
  await page.close();
});

desk('every desk page and state passes the accessibility gate (both runners, light and dark, 320 px)', async () => {
  const page = await context.browser!.newPage();
  // pa11y injects axe and HTML_CodeSniffer as scripts, and the text-spacing check a style, which the server's
  // Content-Security-Policy (rightly) refuses: the page is audited with CSP bypassed, as the static gate's are.
  await page.setBypassCSP(true);
  const pages = [
    '/staff/requests/',
    '/staff/requests/?state=all',
    `/staff/requests/${context.ref}/`,
    '/staff/feedback/',
    '/staff/summary/',
    '/staff/activity/',
    '/staff/account/',
  ];
  const feedbackRef = (
    await (await page.goto(`${context.origin}/staff/feedback/`, { waitUntil: 'load' }))?.text()
  )?.match(/FB-[A-Z0-9]{4}-[A-Z0-9]{4}/)?.[0];
  assert.ok(feedbackRef, 'the feedback is listed');
  pages.push(`/staff/feedback/${feedbackRef}/`, `/staff/feedback/${feedbackRef}/done/`);
  const failures: string[] = [];
  for (const pathname of pages) {
    const report = await checkPage(page, context.origin, pathname);
    if (!pagePassed(report))
      failures.push(
        `${pathname}: ${report.errors.map((e) => `${e.scheme} ${e.runner} ${e.code} ${e.selector}`).join('; ')} overflow ${report.overflowAt320} clipped ${report.clippedWithTextSpacing.join(',')} external ${report.externalRequests.join(',')}`,
      );
  }
  // Signed out: the sign-in page, and with its error.
  await page.goto(`${context.origin}/staff/account/`, { waitUntil: 'load' });
  await Promise.all([page.waitForNavigation(), page.click('.staff-nav button[type="submit"]')]);
  assert.match(page.url(), '/staff/sign-in/?ended=signed-out');
  const signIn = await checkPage(page, context.origin, '/staff/sign-in/?ended=signed-out');
  if (!pagePassed(signIn))
    failures.push(`sign-in: ${signIn.errors.map((e) => `${e.scheme} ${e.runner} ${e.code}`).join('; ')}`);
  await page.setViewport({ width: 1280, height: 1024 });
  for (const scheme of ['light', 'dark']) {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    await page.goto(`${context.origin}/staff/sign-in/`, { waitUntil: 'load' });
    await page.type('#email', OFFICER);
    await page.type('#password', 'not the right password');
    await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
    const errors = (await auditLoadedPage(page)).filter((i) => i.type === 'error');
    if (errors.length)
      failures.push(
        `sign-in with an error (${scheme}): ${errors.map((e) => `${e.runner} ${e.code} ${e.selector} ${e.message}`).join('; ')}`,
      );
  }
  assert.is(await page.evaluate(() => document.activeElement?.className), 'error-summary');
  assert.equal(failures, []);
  await page.close();
});
desk.run();
