/**
 * The editor desk in real Chromium, as an editor uses it, with the keyboard: sign in, bring in a held-out Word report
 * (made with the docx package: one picture has no description), see the missing description at its line, fix it in
 * the editor (CodeMirror) and save, preview every edition and open the large-print PDF, publish with a change note;
 * the public site then has the report in every edition with the change note in each. A second test restores the
 * version before. Every editor desk page passes the accessibility gate (pa11y's two runners, light and dark, reflow
 * at 320 px, text spacing), the editor with JavaScript and without.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { launchBrowser } from '../../src/checks/site/browser.ts';
import { checkPage, pagePassed } from '../../src/checks/site/accessibility-gate.ts';
import { OPTIONAL_FORMATS } from '../../src/build/build-context.ts';
import { addStaff, PASSWORD } from '../server/staff/desk-fixture.ts';
import { exampleDocx } from '../import/make-docx.ts';
import { startEditorDesk, type EditorDeskFixture } from './editor-fixture.ts';
import { tempDir } from '../helpers.ts';

const EDITOR = 'editor@example.org';
const NOTE = 'First published, with a description for the waiting-times chart.';
const SLUG = 'riverside-waiting-times';
const NOTE_IN_ORDER = new RegExp(
  NOTE.toLowerCase()
    .split(/[\s-]+/)
    .map((w) => w.replace(/[.,]/g, ''))
    .join('[\\s\\S]{1,16}'),
);
const context: {
  desk?: EditorDeskFixture;
  browser?: Browser;
  page?: Page;
  scratch?: { dir: string; remove: () => Promise<void> };
} = {};
const timings: Record<string, number> = {};

async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} was not reached with the Tab key in ${max} presses`);
}

async function pressAndWait(page: Page, key: 'Enter' | 'Space' = 'Enter'): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press(key)]);
}

const text = (page: Page, selector: string): Promise<string> =>
  page.$eval(selector, (e) => (e as HTMLElement).innerText);

/** Waits until the job page (updating itself) says the job finished; returns its stage line. */
async function jobFinished(page: Page, timeoutMs = 900_000): Promise<string> {
  await page.waitForFunction(() => !document.querySelector('#job-progress[data-running]'), {
    timeout: timeoutMs,
    polling: 250,
  });
  return text(page, '#job-stage');
}

const e2e = suite('the editor desk in Chromium');

e2e.before(async () => {
  context.scratch = await tempDir('editor-browser-');
  context.desk = await startEditorDesk({ formats: OPTIONAL_FORMATS, listen: true });
  await addStaff(context.desk.db, EDITOR, ['editor']);
  context.browser = await launchBrowser();
  context.page = await context.browser.newPage();
});
e2e.after(async () => {
  await context.browser?.close();
  await context.desk?.close();
  await context.scratch?.remove();
  console.log(`editor desk timings (ms): ${JSON.stringify(timings)}`);
});

e2e(
  'an editor brings in a Word report, fixes it at its line, previews, and publishes it with a change note',
  async () => {
    const { desk, page, scratch } = context as Required<typeof context>;
    const origin = desk.origin;
    await page.goto(`${origin}/staff/reports/`, { waitUntil: 'load' });
    // Sent to sign in, then back to the reports.
    await tabTo(page, '#email');
    await page.keyboard.type(EDITOR);
    await tabTo(page, '#password');
    await page.keyboard.type(PASSWORD);
    await pressAndWait(page);
    assert.is(new URL(page.url()).pathname, '/staff/reports/');

    const docx = path.join(scratch.dir, 'Riverside waiting times.docx');
    await writeFile(docx, await exampleDocx());
    const input = await page.$('input#docx');
    await input!.uploadFile(docx);
    await tabTo(page, 'form[action="/staff/reports/upload/"] button[type=submit]');
    await pressAndWait(page);
    assert.is(new URL(page.url()).pathname, `/staff/reports/${SLUG}/edit/`);
    await page.waitForSelector('.cm-editor .cm-content');
    const problems = await text(page, '#problems-list');
    assert.match(problems, /has no alt text/);
    const source = await page.$eval('#text', (t) => (t as HTMLTextAreaElement).value);
    const lines = source.split('\n');
    const pictureLine = lines.findIndex((l) => /^!\[\]\(/.test(l)) + 1;
    assert.ok(pictureLine > 0, source);
    assert.match(problems, new RegExp(`Line ${pictureLine}: image \\S+ has no alt text`));

    // "Line N" in the list puts the cursor on that line in the editor; the line is typed again with a description.
    await tabTo(page, `#problems-list a[data-line="${pictureLine}"]`);
    await page.keyboard.press('Enter');
    assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('cm-content')));
    await page.keyboard.press('Home');
    await page.keyboard.down('Shift');
    await page.keyboard.press('End');
    await page.keyboard.up('Shift');
    const fixed = lines[pictureLine - 1]!.replace('![](', '![A red block standing for the chart of waiting times](');
    const typed = performance.now();
    await page.keyboard.type(fixed);
    // The summary is empty in a Word file's properties: the front matter line is filled in too.
    const summaryLine = lines.findIndex((l) => l.startsWith('summary:')) + 1;
    if (summaryLine > 0) {
      await page.keyboard.press('F8'); // next problem: the editor moves to it
      await page.evaluate((n) => {
        const link = document.querySelector<HTMLAnchorElement>(`#problems-list a[data-line="${n}"]`);
        link?.click();
      }, summaryLine);
      await page.keyboard.press('Home');
      await page.keyboard.down('Shift');
      await page.keyboard.press('End');
      await page.keyboard.up('Shift');
      await page.keyboard.type('summary: "What 412 Riverside residents told us about booking a GP appointment."');
    }
    await page.waitForFunction(
      () => /^0 problems stop publishing/.test(document.querySelector('#problems-summary')?.textContent ?? ''),
      { timeout: 30_000 },
    );
    timings.typeToProblemsShown = Math.round(performance.now() - typed);
    // Tab leaves the editor (no keyboard trap), and the next stop is Save.
    await tabTo(page, '.edit-form button[type=submit]', 5);
    const saved = performance.now();
    await pressAndWait(page);
    await page.waitForSelector('#problems-summary');
    timings.saveToProblemsShown = Math.round(performance.now() - saved);
    assert.match(await text(page, '.notice'), /Saved as a new version/);
    assert.match(await text(page, '#problems-summary'), /^0 problems stop publishing/);

    // Preview: the web page first, then every edition.
    await page.goto(`${origin}/staff/reports/${SLUG}/publish/`, { waitUntil: 'load' });
    await tabTo(page, 'form[action$="/preview/"] button');
    const previewAsked = performance.now();
    await pressAndWait(page);
    await page.waitForFunction(
      () => document.querySelector('a[href$="/staff/preview/reports/riverside-waiting-times/"]'),
      { timeout: 120_000, polling: 100 },
    );
    timings.saveToWebPreview = Math.round(performance.now() - previewAsked);
    assert.match(await jobFinished(page), /Every edition is ready/);
    const largePrint = await page.$eval('a[href*="large-print"]', (a) => a.href);
    const pdf = await page.evaluate(async (href) => {
      const r = await fetch(href);
      return { type: r.headers.get('content-type'), bytes: Array.from(new Uint8Array(await r.arrayBuffer())) };
    }, largePrint);
    assert.is(pdf.type, 'application/pdf');
    const pdfFile = path.join(scratch.dir, 'preview.pdf');
    await writeFile(pdfFile, Buffer.from(pdf.bytes));
    assert.match(execFileSync('pdftotext', [pdfFile, '-'], { encoding: 'utf8' }), /Waiting times in Riverside/);
    await page.goto(`${origin}/staff/preview/reports/${SLUG}/`, { waitUntil: 'load' });
    assert.match(await text(page, '.preview-banner'), /not published/);
    assert.match(await text(page, 'main'), /412 residents/);

    // Publish with a change note.
    await page.goto(`${origin}/staff/reports/${SLUG}/publish/`, { waitUntil: 'load' });
    await tabTo(page, '#note');
    await page.keyboard.type(NOTE);
    await tabTo(page, 'form[action$="/publish/"] button');
    const publishAsked = performance.now();
    await pressAndWait(page);
    assert.match(await jobFinished(page), /Published/);
    timings.publishToLive = Math.round(performance.now() - publishAsked);

    // The public site: the page and every edition, each with the change note.
    const site = path.join(desk.siteDir, 'reports', SLUG);
    const manifest = JSON.parse(await readFile(path.join(site, 'formats.json'), 'utf8')) as {
      formats: Array<{ kind: string; href: string }>;
    };
    const kinds = manifest.formats.map((f) => f.kind);
    for (const kind of ['html', 'large-print-pdf', 'standard-pdf', 'audio-mp3', 'braille-brf', 'epub'])
      assert.ok(
        kinds.some((k) => k.startsWith(kind)),
        `${kind} in ${kinds.join(', ')}`,
      );
    const noteWords = /First published, with a description for the waiting-times chart\./;
    const publicPage = await (await fetch(`${origin}/reports/${SLUG}/`)).text();
    assert.match(publicPage, noteWords);
    for (const f of manifest.formats) {
      const file = path.join(site, f.href === './' ? 'index.html' : f.href);
      let words: string;
      if (file.endsWith('.pdf'))
        words = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      else if (file.endsWith('.epub'))
        words = execFileSync('unzip', ['-p', file, 'EPUB/changes.xhtml'], { encoding: 'utf8', maxBuffer: 64 << 20 });
      else if (file.endsWith('.brf'))
        words = execFileSync(
          'lou_translate',
          ['--backward', f.href.includes('grade-2') ? 'en-us-brf.dis,en-ueb-g2.ctb' : 'en-us-brf.dis,en-ueb-g1.ctb'],
          { input: (await readFile(file, 'utf8')).replace(/\\/g, '\\\\'), encoding: 'utf8' },
        ).replace(/\s+/g, ' ');
      else if (file.endsWith('.mp3'))
        words = await readFile(path.join(site, `${SLUG}-audio.vtt`), 'utf8').catch(() => '');
      else words = await readFile(file, 'utf8').catch(() => '');
      // Word by word in order: a braille page's number, or a line broken at a hyphen, may fall inside the sentence.
      assert.match(words.replace(/<[^>]+>/g, '').toLowerCase(), NOTE_IN_ORDER, `${f.kind} (${f.href})`);
    }
  },
);

e2e('the history shows the publish, and an earlier version is restored as a new version', async () => {
  const { desk, page } = context as Required<typeof context>;
  await page.goto(`${desk.origin}/staff/reports/${SLUG}/history/`, { waitUntil: 'load' });
  assert.match(await text(page, 'main'), /Published: First published, with a description/);
  const before = await readFile(path.join(desk.contentDir, 'reports', SLUG, 'index.md'), 'utf8');
  const restoreButtons = await page.$$('form[action$="/restore/"] button');
  assert.ok(restoreButtons.length >= 2);
  // The oldest version: the Word file as it came in.
  await tabTo(page, `form[action$="/restore/"]:last-of-type button`, 200).catch(async () =>
    restoreButtons.at(-1)!.focus(),
  );
  await restoreButtons.at(-1)!.focus();
  await pressAndWait(page);
  assert.match(await text(page, '.notice'), /Restored/);
  const after = await readFile(path.join(desk.contentDir, 'reports', SLUG, 'index.md'), 'utf8');
  assert.not.equal(after, before);
  assert.match(after, /^!\[\]\(/m);
  assert.match(await text(page, 'main'), /Restored the version of/);

  // Text typed and not saved (the tab closed by mistake, or the session ended): offered back on the same version.
  await page.goto(`${desk.origin}/staff/reports/${SLUG}/edit/`, { waitUntil: 'load' });
  await page.waitForSelector('.cm-content');
  await page.focus('.cm-content');
  await page.keyboard.press('End');
  await page.keyboard.type(' Typed and never saved.');
  await new Promise((resolve) => setTimeout(resolve, 800));
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('.cm-content');
  assert.not.match(await text(page, '.cm-content'), /Typed and never saved/);
  const offer = await page.waitForSelector('::-p-text(Put my unsaved text back)');
  await offer!.focus();
  await page.keyboard.press('Enter');
  assert.match(await text(page, '.cm-content'), /Typed and never saved\./);
});

e2e('every editor desk page passes the gate, the editor with CodeMirror running', async () => {
  const { desk, page } = context as Required<typeof context>;
  await page.setBypassCSP(true);
  const jobs = [
    ...(await (await page.goto(`${desk.origin}/staff/reports/`, { waitUntil: 'load' }))!.text()).matchAll(
      /\/staff\/jobs\/(\d+)\//g,
    ),
  ].map((m) => m[1]);
  const history = await page.goto(`${desk.origin}/staff/reports/${SLUG}/history/`, { waitUntil: 'load' });
  const commit = /history\/([0-9a-f]{40})\//.exec(await history!.text())![1];
  const pages = [
    '/staff/reports/',
    `/staff/reports/${SLUG}/`,
    `/staff/reports/${SLUG}/edit/`,
    `/staff/reports/${SLUG}/edit/?file=easy-read`,
    `/staff/reports/${SLUG}/publish/`,
    `/staff/reports/${SLUG}/history/`,
    `/staff/reports/${SLUG}/history/${commit}/`,
    `/staff/jobs/${jobs[0]}/`,
    '/staff/help/editing/',
  ];
  const failures: string[] = [];
  for (const pathname of pages) {
    const report = await checkPage(page, desk.origin, pathname);
    if (!pagePassed(report)) failures.push(`${pathname}: ${JSON.stringify(report).slice(0, 1500)}`);
  }
  assert.equal(failures, []);
});

e2e.run();
