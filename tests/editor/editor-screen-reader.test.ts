/**
 * The editor desk's pages as a browser without JavaScript gets them, and as GNOME's Orca reads them: the reports list
 * (with a Word upload refused), a report, the editor (a plain text box, the problems listed with their lines), the
 * publish page, a job's page, the history, what changed, and the page shown when two editors saved the same text.
 * Orca's Chromium is a fresh window per page with no cookie, so each page is the HTML the server sent a signed-in
 * editor, saved beside the built site's styles (without the desk's script: the no-JavaScript state) and read from
 * there; the accessibility gate (pa11y's two runners, light and dark, reflow at 320 px, text spacing) runs on the same
 * saved pages. The editor is also read with its script running (CodeMirror), served beside the saved pages.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readSiteAloud, readingPassed, formatReading } from '../../src/checks/screen-reader/screen-reader-check.ts';
import { serveStatic } from '../../src/checks/site/static-server.ts';
import { launchBrowser } from '../../src/checks/site/browser.ts';
import { checkPage, pagePassed } from '../../src/checks/site/accessibility-gate.ts';
import { editorScript } from '../../src/server/staff/editor-script.ts';
import { exampleDocx } from '../import/make-docx.ts';
import { tempDir } from '../helpers.ts';
import { addStaff, saveDeskPages, signIn } from '../server/staff/desk-fixture.ts';
import { jobDone, jobIdIn, post, postFile, signInEditor, startEditorDesk } from './editor-fixture.ts';

const SLUG = 'riverside-waiting-times';

const upload = (
  desk: Awaited<ReturnType<typeof startEditorDesk>>,
  who: { cookie: string; csrf: string },
  name: string,
  bytes: Buffer,
) => postFile(desk.app, who, '/staff/reports/upload/', { name, bytes });

const reader = suite('editor desk without JavaScript, read by Orca');
reader('every editor desk page passes the gate without JavaScript and is read in full by Orca', async () => {
  const desk = await startEditorDesk();
  const tmp = await tempDir();
  try {
    const editor = await signInEditor(desk.app, desk.db);
    const pages: Record<string, string> = {};
    const keep = (name: string, html: string): void => {
      // The desk's script is left out: this is the page a browser without JavaScript shows.
      pages[`/desk/${name}/`] = html.replace(/<script type="module" src="\/staff\/editor\.js"><\/script>/g, '');
    };
    const imported = await upload(desk, editor, 'Riverside waiting times.docx', await exampleDocx());
    assert.is(imported.statusCode, 303, imported.body.slice(0, 300));
    keep('refused-upload', (await upload(desk, editor, 'notes.txt', Buffer.from('hello'))).body);
    const get = async (url: string) => {
      const reply = await desk.app.inject({ url, headers: { cookie: editor.cookie } });
      assert.is(reply.statusCode, 200, url);
      return reply.body;
    };
    keep('reports', await get('/staff/reports/'));
    keep('report', await get(`/staff/reports/${SLUG}/`));
    // The editor as it opens after the Word file came in (the notice, the problems, the text).
    const edit = await get(imported.headers.location as string);
    assert.match(edit, /has no alt text/);
    keep('edit', edit);
    // The same editor with its script: CodeMirror running (its checks as you type reach no server here, so the
    // problems are the ones the page was sent with).
    pages['/desk/edit-with-javascript/'] = edit;
    keep('publish', await get(`/staff/reports/${SLUG}/publish/`));
    const asked = await post(desk.app, `/staff/reports/${SLUG}/preview/`, editor, {});
    await jobDone(desk.db, jobIdIn(asked.headers.location));
    keep('job', await get(asked.headers.location as string));
    // Two editors on one version: the refusal page.
    await addStaff(desk.db, 'second@example.org', ['editor']);
    const second = await signIn(desk.app, 'second@example.org');
    const base = /name="base" value="([^"]*)"/.exec(edit)![1]!;
    await post(desk.app, `/staff/reports/${SLUG}/edit/`, editor, {
      file: 'report',
      base,
      text: '---\ntitle: A\n---\n\nFirst.\n',
    });
    const refused = await post(desk.app, `/staff/reports/${SLUG}/edit/`, second, {
      file: 'report',
      base,
      text: '---\ntitle: B\n---\n\nSecond.\n',
    });
    assert.is(refused.statusCode, 409);
    keep('conflict', refused.body);
    const history = await get(`/staff/reports/${SLUG}/history/`);
    keep('history', history);
    keep('diff', await get(`/staff/reports/${SLUG}/history/${/history\/([0-9a-f]{40})\//.exec(history)![1]}/`));
    keep('help', await get('/staff/help/editing/'));

    const site = await saveDeskPages(desk.siteDir, tmp.dir, pages, { 'staff/editor.js': await editorScript() });

    const server = await serveStatic(site);
    const browser = await launchBrowser();
    const failures: string[] = [];
    try {
      const page = await browser.newPage();
      for (const pathname of Object.keys(pages)) {
        const report = await checkPage(page, server.origin, pathname);
        if (!pagePassed(report)) failures.push(`${pathname}: ${JSON.stringify(report).slice(0, 1500)}`);
      }
    } finally {
      await browser.close();
      await server.close();
    }
    assert.equal(failures, []);

    const lines: string[] = [];
    const readings = await readSiteAloud(site, Object.keys(pages), (line) => lines.push(line));
    console.log(lines.join('\n'));
    assert.is(readings.length, Object.keys(pages).length);
    assert.equal(readings.filter((r) => !readingPassed(r)).map(formatReading), []);
  } finally {
    await desk.close();
    await tmp.remove();
  }
});
reader.run();
