/** Real builds of small content folders into temporary folders, with assertions on what was written. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cp, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseHtml, type HTMLElement } from 'node-html-parser';
import { buildSite } from '../../src/build/build-site.ts';
import { ContentProblemsError } from '../../src/report/problems.ts';
import type { FormatsManifest } from '../../src/formats/manifest.ts';
import { tempDir } from '../helpers.ts';

const BASIC = path.resolve('tests/fixtures/basic-site');
const SECOND = path.resolve('tests/fixtures/second-site');
const read = (dir: string, file: string) => readFile(path.join(dir, file), 'utf8');
const html = async (dir: string, file: string): Promise<HTMLElement> => parseHtml(await read(dir, file));

const context = { out: '', remove: async () => {} };
const basic = suite('buildSite: basic content folder');
basic.before(async () => {
  const tmp = await tempDir();
  context.out = path.join(tmp.dir, 'site');
  context.remove = tmp.remove;
  await buildSite({ contentDir: BASIC, outputDir: context.out, log: () => {} });
});
basic.after(() => context.remove());

basic('home page lists published reports newest first, and no drafts', async () => {
  const page = await html(context.out, 'index.html');
  assert.equal(
    page.querySelectorAll('.report-card-title a').map((a) => a.getAttribute('href')),
    ['/reports/first-report/', '/reports/older-report/'],
  );
  assert.not.match(await read(context.out, 'index.html'), 'Draft report');
});
basic('every page has lang, landmarks, one h1, a skip link and the statement link', async () => {
  for (const file of ['index.html', 'reports/first-report/index.html', 'accessibility/index.html', '404.html']) {
    const page = await html(context.out, file);
    assert.is(page.querySelector('html')!.getAttribute('lang'), 'en-GB', file);
    for (const landmark of ['header', 'main#main-content', 'footer'])
      assert.ok(page.querySelector(landmark), `${file}: ${landmark}`);
    assert.is(page.querySelectorAll('h1').length, 1, file);
    assert.is(page.querySelector('.skip-link')!.getAttribute('href'), '#main-content');
    assert.ok(page.querySelector('footer a[href="/accessibility/"]'), file);
    assert.is(page.querySelectorAll('script').length, 0, `${file} needs no JavaScript`);
  }
});
basic('report page: contents targets exist, images have alt and size, dates and history show', async () => {
  const page = await html(context.out, 'reports/first-report/index.html');
  const ids = new Set(page.querySelectorAll('[id]').map((e) => e.id));
  const tocTargets = page.querySelectorAll('.toc a').map((a) => a.getAttribute('href')!.slice(1));
  assert.equal(tocTargets, ['findings', 'detail', 'next-steps']);
  for (const id of tocTargets) assert.ok(ids.has(id), `#${id} exists`);
  const images = page.querySelectorAll('img');
  assert.ok(images.length > 0);
  for (const img of images) {
    assert.ok(img.hasAttribute('alt') && img.getAttribute('width') && img.getAttribute('height'), img.toString());
  }
  assert.is(page.querySelector('figcaption')!.text, 'Figure 1: waiting times');
  assert.match(page.querySelector('.dates')!.text, 'Last updated');
  assert.match(page.querySelector('#page-history')!.text, 'Corrected a figure.');
  assert.match(page.querySelector('#other-formats')!.text, '020 7946 0000');
});
basic('a report in another language carries its lang (and direction) on its own words only', async () => {
  const page = await html(context.out, 'reports/older-report/index.html');
  assert.is(page.querySelector('html')!.getAttribute('lang'), 'en-GB');
  assert.is(page.querySelector('h1')!.getAttribute('lang'), 'cy');
  assert.is(page.querySelector('.report-body')!.getAttribute('lang'), 'cy');
  assert.is(page.querySelector('.report-body')!.getAttribute('dir'), 'ltr');
  assert.not.ok(page.querySelector('#other-formats')!.getAttribute('lang'));
});
basic('the static request page lists the formats as the organisation wrote them', async () => {
  const page = await read(context.out, 'reports/first-report/request/index.html');
  assert.match(page, '<li>British Sign Language (BSL) video</li>');
  assert.match(page, '<li>Audio</li>');
  assert.not.match(page, 'british sign language');
});

basic("the accessibility statement lists each report's editions with what was checked and what was not", async () => {
  const page = await read(context.out, 'accessibility/index.html');
  assert.match(page, 'How each edition of each report is checked');
  assert.match(page, '<strong>Web page</strong> aims to meet WCAG 2.2 level AA.');
  assert.match(page, 'Not checked: automated WCAG tests (pa11y with axe and HTML_CodeSniffer)');
});

basic('images are written in a modern format beside the original', async () => {
  const files = await readdir(path.join(context.out, 'img'));
  assert.ok(files.some((f) => f.endsWith('.webp')) && files.some((f) => f.endsWith('.png')), files.join(', '));
});
basic('each report has a formats manifest with the size of its page', async () => {
  const manifest = JSON.parse(await read(context.out, 'reports/first-report/formats.json')) as FormatsManifest;
  const size = (await readFile(path.join(context.out, 'reports/first-report/index.html'))).length;
  const { conformance, ...page } = manifest.formats[0]!;
  assert.equal(page, { kind: 'html', href: './', label: 'Web page', mediaType: 'text/html', bytes: size });
  assert.is(conformance?.standard, 'WCAG 2.2 level AA');
  assert.equal(
    manifest.formats.map((f) => f.kind),
    [
      'html',
      'large-print-pdf',
      'standard-pdf',
      'braille-brf',
      'braille-brf',
      'epub',
      'audio-mp3',
      'audio-vtt',
      'audio-script',
      'audio-ssml',
    ],
  );
  for (const format of manifest.formats.slice(1)) {
    assert.is(
      (await readFile(path.join(context.out, 'reports/first-report', format.href))).length,
      format.bytes,
      format.href,
    );
    if (format.kind.endsWith('-pdf')) assert.ok((format.pages ?? 0) > 0, format.href);
    if (format.kind === 'audio-mp3')
      assert.ok((format.durationSeconds ?? 0) > 0 && (format.chapters?.length ?? 0) > 0, format.href);
  }
  assert.is(manifest.updated, '2024-04-02');
});
basic('sitemap lists every page with absolute URLs and report dates', async () => {
  const sitemap = await read(context.out, 'sitemap.xml');
  const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  assert.equal(locs.sort(), [
    'https://reports.example.org/',
    'https://reports.example.org/accessibility/',
    'https://reports.example.org/feedback/',
    'https://reports.example.org/reports/first-report/',
    'https://reports.example.org/reports/first-report/audio/',
    'https://reports.example.org/reports/first-report/request/',
    'https://reports.example.org/reports/older-report/',
    'https://reports.example.org/reports/older-report/audio/',
    'https://reports.example.org/reports/older-report/request/',
    'https://reports.example.org/search/',
  ]);
  assert.match(sitemap, '<lastmod>2024-04-02</lastmod>');
});
basic('accessibility statement takes its facts and dates from the data file', async () => {
  const text = (await html(context.out, 'accessibility/index.html')).text;
  assert.match(text, 'fully compliant');
  assert.match(text, 'prepared on 10 January 2024');
  assert.match(text, 'last reviewed on 1 June 2024');
  assert.match(text, 'Equality and Human Rights Commission');
  assert.match(text, 'Tested by the team with a keyboard.');
});
basic.run();

const atomic = suite('buildSite: a failed build');
atomic('leaves the previous site untouched and no temporary folder behind', async () => {
  const tmp = await tempDir();
  try {
    const out = path.join(tmp.dir, 'site');
    await buildSite({ contentDir: BASIC, outputDir: out, log: () => {} });
    const before = await read(out, 'index.html');
    const broken = path.join(tmp.dir, 'broken');
    await cp(BASIC, broken, { recursive: true });
    await writeFile(
      path.join(broken, 'reports/older-report/index.md'),
      '---\ntitle: Older\nsummary: S.\npublished: 2023-01-15\n---\n\n![](gone.png)\n',
    );
    try {
      await buildSite({ contentDir: broken, outputDir: out, log: () => {} });
      assert.unreachable('the build must fail');
    } catch (err) {
      assert.instance(err, ContentProblemsError);
      assert.match((err as Error).message, 'reports/older-report/index.md:7: image gone.png has no alt text');
    }
    assert.is(await read(out, 'index.html'), before);
    assert.equal((await readdir(tmp.dir)).sort(), ['broken', 'site']);
  } finally {
    await tmp.remove();
  }
});
atomic('a damaged image file is a problem for the editor, named with its line, not a crash', async () => {
  const tmp = await tempDir();
  try {
    const broken = path.join(tmp.dir, 'broken');
    await cp(BASIC, broken, { recursive: true });
    await writeFile(path.join(broken, 'reports/first-report/chart.png'), 'not an image');
    try {
      await buildSite({ contentDir: broken, outputDir: path.join(tmp.dir, 'site'), log: () => {} });
      assert.unreachable('the build must fail');
    } catch (err) {
      assert.match((err as Error).message, 'reports/first-report/index.md:15: image chart.png could not be read');
    }
    assert.equal(await readdir(tmp.dir), ['broken']);
  } finally {
    await tmp.remove();
  }
});
atomic.run();

const second = suite('buildSite: a second content folder (tables, footnotes, abbreviations, image)');
second('builds with its own organisation, table region, notes and abbreviations', async () => {
  const tmp = await tempDir();
  try {
    const out = path.join(tmp.dir, 'site');
    const result = await buildSite({ contentDir: SECOND, outputDir: out, log: () => {} });
    assert.is(result.site.reports.length, 1);
    const page = await html(out, 'reports/waiting-times/index.html');
    assert.match(page.querySelector('footer')!.text, 'Riverside Community Voice');
    assert.is(page.querySelector('.table-scroll')!.getAttribute('tabindex'), '0');
    assert.is(page.querySelector('caption')!.text, 'How residents booked their last appointment');
    assert.is(page.querySelectorAll('.footnotes li').length, 2);
    assert.is(page.querySelector('abbr[title="British Sign Language"]')!.text, 'BSL');
    assert.ok(
      ((JSON.parse(await read(out, 'reports/waiting-times/formats.json')) as FormatsManifest).formats[0]?.bytes ?? 0) >
        0,
    );
  } finally {
    await tmp.remove();
  }
});
second.run();
