/** pa11y (axe and HTML_CodeSniffer) on every state of both forms: empty, with errors after a POST, and confirmed. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'puppeteer';
import type { FastifyInstance } from 'fastify';
import { buildSite } from '../../src/build/build-site.ts';
import { openDatabase, type Db } from '../../src/server/database.ts';
import { createServer } from '../../src/server/app.ts';
import { launchBrowser } from '../../src/checks/site/browser.ts';
import { auditLoadedPage } from '../../src/checks/site/accessibility-gate.ts';
import { tempDir } from '../helpers.ts';

const context: { app?: FastifyInstance; db?: Db; browser?: Browser; origin: string; remove: () => Promise<void> } = {
  origin: '',
  remove: async () => {},
};

async function errorsOn(page: Page, state: string): Promise<void> {
  const errors = (await auditLoadedPage(page)).filter((i) => i.type === 'error');
  assert.equal(
    errors.map((e) => `${e.runner} ${e.code} ${e.selector}`),
    [],
    state,
  );
}

const forms = suite('forms: accessibility of every state');
forms.before(async () => {
  const tmp = await tempDir();
  context.remove = tmp.remove;
  const built = await buildSite({
    contentDir: path.resolve('tests/fixtures/basic-site'),
    outputDir: path.join(tmp.dir, 'site'),
    log: () => {},
    formats: [],
  });
  context.db = openDatabase(path.join(tmp.dir, 'data'));
  context.app = await createServer({
    siteDir: path.join(tmp.dir, 'site'),
    db: context.db,
    organisation: built.site.organisation,
    settings: built.site.settings,
  });
  await context.app.listen({ port: 0, host: '127.0.0.1' });
  context.origin = `http://127.0.0.1:${(context.app.server.address() as AddressInfo).port}`;
  context.browser = await launchBrowser();
});
forms.after(async () => {
  await context.browser?.close();
  await context.app?.close();
  context.db?.close();
  await context.remove();
});

forms('request form: empty, errors (focus on the summary, links to fields), confirmation', async () => {
  // The form pages carry no script of their own: what is tested here is what a reader without JavaScript gets.
  const page = await context.browser!.newPage();
  await page.goto(`${context.origin}/reports/first-report/request/?format=Braille%20on%20paper`, { waitUntil: 'load' });
  await errorsOn(page, 'empty request form');
  assert.ok(
    await page.$eval('#format', (el) => (el as HTMLInputElement).checked),
    'the format from the link is chosen',
  );

  await page.click('#brailleGrade-2'); // the follow-up braille needs: uncontracted
  await page.click('#replyBy-4'); // post, without an address
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  await errorsOn(page, 'request form with errors');
  assert.is(await page.evaluate(() => document.activeElement?.className), 'error-summary');
  assert.equal(await page.$$eval('.error-summary a', (links) => links.map((a) => a.getAttribute('href'))), [
    '#address',
  ]);
  assert.ok(await page.$('#address[aria-invalid="true"]'));

  await page.type('#address', '1 High Street, London SE1 1AA');
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  await errorsOn(page, 'request confirmation');
  assert.match(await page.$eval('.reference', (el) => el.textContent ?? ''), /^REQ-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await page.close();
});

forms('feedback form: empty, errors, confirmation', async () => {
  const page = await context.browser!.newPage();
  await page.goto(`${context.origin}/feedback/`, { waitUntil: 'load' });
  await errorsOn(page, 'empty feedback form');
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  await errorsOn(page, 'feedback form with errors');
  await page.type('#message', 'The health visitor helped a lot.');
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  await errorsOn(page, 'feedback confirmation');
  assert.match(await page.content(), 'Thank you for your feedback');
  await page.close();
});
forms.run();
