/**
 * The editor desk over HTTP (app.inject: the same routes and hooks as a browser gets), on a copy of the basic site:
 * the list, saving with the build's checks at their lines, two editors saving on the same version, Word uploads the
 * import refuses, a publish that fails (the public site byte-identical), a publish with a change note, history and
 * restore.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import {
  folderHashes,
  jobDone,
  jobIdIn,
  post,
  postFile,
  signInEditor,
  startEditorDesk,
  type EditorDeskFixture,
} from './editor-fixture.ts';
import { addStaff, signIn } from '../server/staff/desk-fixture.ts';
import { MAX_WORD_BYTES } from '../../src/editor/editor-desk.ts';

let desk: EditorDeskFixture;
let editor: { cookie: string; csrf: string };
const REPORT = '/staff/reports/first-report/';

test.before(async () => {
  desk = await startEditorDesk();
  editor = await signInEditor(desk.app, desk.db);
});
test.after(async () => desk.close());

const get = (url: string, who = editor) => desk.app.inject({ url, headers: { cookie: who.cookie } });
const baseIn = (html: string): string => /name="base" value="([^"]*)"/.exec(html)?.[1] ?? 'missing';
const decode = (html: string): string =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

test('the reports list shows every report with its state, its checks and its last change', async () => {
  const page = await get('/staff/reports/');
  assert.is(page.statusCode, 200);
  assert.match(page.body, /First report/);
  assert.match(page.body, /Draft: not published/);
  assert.match(page.body, /Published/);
  assert.match(page.body, /Nothing stops publishing/);
  assert.match(page.headers['cache-control'] as string, /no-store/);
});

test('a staff member without the editor role is refused the reports', async () => {
  await addStaff(desk.db, 'officer@example.org', ['requests']);
  const officer = await signIn(desk.app, 'officer@example.org');
  const page = await get('/staff/reports/', officer);
  assert.is(page.statusCode, 403);
});

test('a save with a picture missing its description is saved, and the problem is shown at its line with the line', async () => {
  const edit = await get(`${REPORT}edit/`);
  const text = decode(/<textarea id="text"[^>]*>([\s\S]*?)<\/textarea>/.exec(edit.body)![1]!);
  const broken = text.replace('## Next steps', '## Next steps\n\n![](chart.png)');
  const saved = await post(desk.app, `${REPORT}edit/`, editor, {
    file: 'report',
    base: baseIn(edit.body),
    text: broken,
  });
  assert.is(saved.statusCode, 303, saved.body.slice(0, 300));
  const line = broken.split('\n').indexOf('![](chart.png)') + 1;
  const after = await get(saved.headers.location as string);
  assert.match(after.body, /Saved as a new version/);
  assert.match(after.body, new RegExp(`data-line="${line}">Line ${line}</a>`));
  assert.match(after.body, /The line says: <code>!\[\]\(chart.png\)<\/code>/);
  assert.is(await readFile(path.join(desk.contentDir, 'reports/first-report/index.md'), 'utf8'), broken);
  // As you type: the same checks on unsaved text, as JSON.
  const checked = await post(desk.app, `${REPORT}check/`, editor, { file: 'report', text });
  const result = JSON.parse(checked.body) as { errors: number; problems: Array<{ line: number }> };
  assert.is(result.errors, 0);
  const fixed = await post(desk.app, `${REPORT}edit/`, editor, { file: 'report', base: baseIn(after.body), text });
  assert.is(fixed.statusCode, 303);
});

test('a save sent after the session ended is not lost: the text comes back to be copied, with a way to sign in', async () => {
  const body = new URLSearchParams({
    csrf: 'old',
    file: 'report',
    base: '',
    text: 'My long paragraph, typed for an hour.',
  });
  const reply = await desk.app.inject({
    method: 'POST',
    url: `${REPORT}edit/`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: 'staff-session=ended-long-ago' },
    payload: body.toString(),
  });
  assert.is(reply.statusCode, 401);
  assert.match(reply.body, /Not saved: you were signed out/);
  assert.match(reply.body, /<textarea id="text"[^>]*readonly>My long paragraph, typed for an hour\.<\/textarea>/);
  assert.match(reply.body, /sign-in\/\?next=%2Fstaff%2Freports%2Ffirst-report%2Fedit%2F/);
  assert.not.match(
    await readFile(path.join(desk.contentDir, 'reports/first-report/index.md'), 'utf8'),
    /typed for an hour/,
  );
});

test('two editors save on the same version: the second is refused with the other change shown, and nothing is lost', async () => {
  await addStaff(desk.db, 'second@example.org', ['editor']);
  const second = await signIn(desk.app, 'second@example.org');
  const first = await get(`${REPORT}edit/`);
  const other = await get(`${REPORT}edit/`, second);
  const base = baseIn(first.body);
  assert.is(baseIn(other.body), base);
  const text = decode(/<textarea id="text"[^>]*>([\s\S]*?)<\/textarea>/.exec(first.body)![1]!);
  const mine = text.replace('Opening paragraph.', 'Opening paragraph, by the first editor.');
  const theirs = text.replace('Some detail,', 'Some more detail from the second editor,');
  assert.is((await post(desk.app, `${REPORT}edit/`, editor, { file: 'report', base, text: mine })).statusCode, 303);
  const refused = await post(desk.app, `${REPORT}edit/`, second, { file: 'report', base, text: theirs });
  assert.is(refused.statusCode, 409);
  assert.match(refused.body, /someone else changed this text/);
  assert.match(refused.body, /editor@example.org/);
  assert.match(decode(refused.body), /Opening paragraph, by the first editor\./);
  assert.match(decode(refused.body), /Some more detail from the second editor,/);
  assert.is(await readFile(path.join(desk.contentDir, 'reports/first-report/index.md'), 'utf8'), mine);
});

function upload(
  name: string,
  bytes: Buffer,
  csrf = editor.csrf,
  url = '/staff/reports/upload/',
  fields: Record<string, string> = {},
) {
  return postFile(desk.app, { ...editor, csrf }, url, { name, bytes }, fields);
}

test('uploads the import refuses are refused, with what to do: not Word, damaged, too large, a folder in the name, no CSRF', async () => {
  const docx = await readFile('tests/fixtures/word/libreoffice.docx');
  const cases: Array<[string, Buffer, RegExp, number]> = [
    ['notes.txt', Buffer.from('hello'), /is not a Word document/, 400],
    ['damaged.docx', Buffer.from('PK this is not a zip'), /./, 400],
    ['../../etc/evil.docx', docx, /has a folder in it/, 400],
    ['huge.docx', Buffer.alloc(MAX_WORD_BYTES + 1024, 1), /larger than 20 MB/, 413],
  ];
  for (const [name, bytes, message, status] of cases) {
    const reply = await upload(name, bytes);
    assert.is(reply.statusCode, status, `${name}: ${reply.body.slice(0, 200)}`);
    assert.match(decode(reply.body), message, name);
    assert.match(reply.body, /The Word file was not used/);
  }
  const forged = await upload('report.docx', docx, 'not-the-token');
  assert.is(forged.statusCode, 403);
  const reports = await get('/staff/reports/');
  assert.not.match(reports.body, /evil|damaged|huge|notes/);
});

test('a Word file becomes a draft report, its problems shown at their lines', async () => {
  const docx = await readFile('tests/fixtures/word/libreoffice.docx');
  const reply = await upload('Word Report.docx', docx);
  assert.is(reply.statusCode, 303, reply.body.slice(0, 400));
  assert.is(reply.headers.location, '/staff/reports/word-report/edit/?imported=1');
  const page = await get(reply.headers.location as string);
  assert.match(page.body, /The Word file is now a draft report/);
  assert.match(page.body, /problem/);
  const again = await upload('Word Report.docx', docx);
  assert.match(again.body, /There is already a report called/);
});

test("a picture is added beside the report only with a description that passes the build's image checks", async () => {
  const png = await readFile('tests/fixtures/basic-site/reports/first-report/chart.png');
  const url = `${REPORT}pictures/`;
  const cases: Array<[string, Buffer, Record<string, string>, RegExp]> = [
    ['waiting.png', png, { alt: '' }, /Describe the picture/],
    ['waiting.png', png, { alt: 'waiting.png' }, /The alt text of image waiting\.png is a file name/],
    ['notes.txt', Buffer.from('hello'), { alt: 'Notes' }, /is not a picture the site can show/],
    ['../up/waiting.png', png, { alt: 'A chart' }, /has a folder in it/],
    ['chart.png', png, { alt: 'A chart' }, /already has a picture called chart\.png/],
  ];
  for (const [name, bytes, fields, message] of cases) {
    const reply = await upload(name, bytes, editor.csrf, url, fields);
    assert.is(reply.statusCode, 400, `${name}: ${reply.body.slice(0, 200)}`);
    assert.match(decode(reply.body), message, name);
    assert.match(reply.body, /The picture was not added/);
  }
  const folder = path.join(desk.contentDir, 'reports/first-report');
  assert.not.ok(await readFile(path.join(folder, 'waiting.png')).catch(() => undefined));
  const added = await upload('Waiting Times.PNG', png, editor.csrf, url, {
    alt: 'Bar chart: 3 in 10 people waited more than a week',
    caption: 'Figure 2: waiting times',
  });
  assert.is(added.statusCode, 303, added.body.slice(0, 300));
  const page = await get(added.headers.location as string);
  assert.match(
    decode(page.body),
    /<code id="picture-line">!\[Bar chart: 3 in 10 people waited more than a week\]\(waiting-times\.png "Figure 2: waiting times"\)<\/code>/,
  );
  assert.ok(await readFile(path.join(folder, 'waiting-times.png')));
  const history = await get(`${REPORT}history/`);
  assert.match(history.body, /Added the picture waiting-times\.png/);
});

test('a publish that fails leaves the public site byte-identical and shows the problem at its line', async () => {
  const before = await folderHashes(desk.siteDir);
  const edit = await get(`${REPORT}edit/`);
  const text = decode(/<textarea id="text"[^>]*>([\s\S]*?)<\/textarea>/.exec(edit.body)![1]!);
  const broken = text.replace('## Next steps', '## Next steps\n\n![A photo of the team](team-photo.jpg)');
  await post(desk.app, `${REPORT}edit/`, editor, { file: 'report', base: baseIn(edit.body), text: broken });
  // The publish page lists the problem before anything is asked for; publishing anyway is stopped by the build.
  const asked = await post(desk.app, `${REPORT}publish/`, editor, { note: 'Added a photo of the team.' });
  assert.is(asked.statusCode, 303, asked.body.slice(0, 300));
  const job = await jobDone(desk.db, jobIdIn(asked.headers.location));
  assert.is(job.state, 'failed', job.log);
  const page = await get(asked.headers.location as string);
  // The line in the file as it is now (publishing saved the change note into its front matter first).
  const current = await readFile(path.join(desk.contentDir, 'reports/first-report/index.md'), 'utf8');
  const line = current.split('\n').indexOf('![A photo of the team](team-photo.jpg)') + 1;
  assert.not.match(page.body, /publish-[A-Za-z0-9]{6}/);
  assert.match(page.body, new RegExp(`index.md, line ${line}</a>`));
  assert.match(page.body, /team-photo\.jpg/);
  assert.match(page.body, /the public site is as it was/);
  assert.equal(await folderHashes(desk.siteDir), before);
  // Put it right again for the next test.
  const again = await get(`${REPORT}edit/`);
  await post(desk.app, `${REPORT}edit/`, editor, { file: 'report', base: baseIn(again.body), text });
});

test('a published report needs a change note; publishing puts the new version and its note on the public site', async () => {
  const refused = await post(desk.app, `${REPORT}publish/`, editor, { note: '' });
  assert.is(refused.statusCode, 400);
  assert.match(refused.body, /Write a change note/);
  const asked = await post(desk.app, `${REPORT}publish/`, editor, { note: 'Said who wrote the opening paragraph.' });
  const job = await jobDone(desk.db, jobIdIn(asked.headers.location));
  assert.is(job.state, 'done', job.log);
  const page = await readFile(path.join(desk.siteDir, 'reports/first-report/index.html'), 'utf8');
  assert.match(page, /Opening paragraph, by the first editor\./);
  assert.match(page, /Said who wrote the opening paragraph\./);
  // The draft report is still not public, and the other reports are as they were published.
  assert.not.ok(await readFile(path.join(desk.siteDir, 'reports/draft-report/index.html')).catch(() => undefined));
  const list = await get('/staff/reports/');
  assert.match(list.body, /first-report\/">First report<\/a>[\s\S]*?<dd>Published<\/dd>/);
});

test('history lists each version with its author and note, shows what changed, and restores an earlier one', async () => {
  const history = await get(`${REPORT}history/`);
  assert.match(history.body, /Published: Said who wrote the opening paragraph\./);
  assert.match(history.body, /By editor@example\.org/);
  const commits = [...history.body.matchAll(/history\/([0-9a-f]{40})\//g)].map((m) => m[1]!);
  const diff = await get(`${REPORT}history/${commits[0]}/`);
  assert.match(diff.body, /Added line \d+: <\/span><code>\s*- date: /);
  // The version before the first editor's change: restore it, and it is the newest version, the others kept.
  const older = commits[commits.length - 1]!;
  const restored = await post(desk.app, `${REPORT}restore/`, editor, { commit: older });
  assert.is(restored.statusCode, 303);
  const text = await readFile(path.join(desk.contentDir, 'reports/first-report/index.md'), 'utf8');
  assert.match(text, /^Opening paragraph\.$/m);
  const after = await get(`${REPORT}history/`);
  assert.match(after.body, /Restored the version of/);
  assert.ok([...after.body.matchAll(/history\/([0-9a-f]{40})\//g)].length > commits.length);
});

test.run();
