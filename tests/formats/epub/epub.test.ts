/**
 * The EPUBs of the example report and a second one (table, footnote, picture, abbreviations), built as a real build
 * makes them (after the standard PDF and the audio), then held against tools we did not write: the EPUB validator
 * (@likecoin/epubcheck-ts), Ace by DAISY in Debian's Chromium, poppler's pdftotext for the PDF's pages, and our own
 * independent ZIP reader. Uses the project's cache, so after `npm run build` the example's audio is not made again.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { EpubCheck } from '@likecoin/epubcheck-ts';
import { buildSite } from '../../../src/build/build-site.ts';
import { prepareSite } from '../../../src/report/prepare-site.ts';
import { OPTIONAL_FORMATS } from '../../../src/build/build-context.ts';
import { PROJECT_ROOT } from '../../../src/build/project-root.ts';
import { epubInputFor } from '../../../src/formats/epub/plugin.ts';
import { makeEpub } from '../../../src/formats/epub/make-epub.ts';
import { wordsOf } from '../../../src/report/words.ts';
import { tempDir } from '../../helpers.ts';
import { readZip, type ReadEntry } from './read-zip.ts';

const run = promisify(execFile);
const CACHE = path.join(PROJECT_ROOT, '.cache');
const SITES = [
  // Paragraphs of two or more sentences in each, each of whose sentences gets a clip of its own.
  { content: path.join(PROJECT_ROOT, 'content'), slug: 'perinatal-mental-health', sentenceClips: 20 },
  { content: path.join(PROJECT_ROOT, 'tests/fixtures/second-site'), slug: 'waiting-times', sentenceClips: 2 },
];

const built = new Map<string, { bytes: Buffer; entries: ReadEntry[]; pdf: string }>();
let scratch: Awaited<ReturnType<typeof tempDir>>;

test.before(async () => {
  scratch = await tempDir('epub-test-');
  for (const site of SITES) {
    const out = path.join(scratch.dir, site.slug);
    await buildSite({ contentDir: site.content, outputDir: out, cacheDir: CACHE, log: () => {} });
    const folder = path.join(out, 'reports', site.slug);
    const bytes = await readFile(path.join(folder, `${site.slug}.epub`));
    built.set(site.slug, { bytes, entries: readZip(bytes), pdf: path.join(folder, `${site.slug}.pdf`) });
  }
});
test.after(() => scratch.remove());

const text = (entries: readonly ReadEntry[], name: string): string =>
  entries.find((e) => e.name === name)!.data.toString('utf8');

for (const { slug, sentenceClips } of SITES) {
  test(`${slug}: the EPUB validator finds no errors and no warnings`, async () => {
    const result = await EpubCheck.validate(built.get(slug)!.bytes);
    const serious = result.messages.filter((m) =>
      ['FATAL', 'ERROR', 'WARNING'].includes(String(m.severity).toUpperCase()),
    );
    assert.equal(
      serious.map((m) => `${m.severity} ${m.location?.path ?? ''}:${m.location?.line ?? ''} ${m.message}`),
      [],
    );
    assert.ok(result.valid);
  });

  test(`${slug}: Ace by DAISY reports no violations`, async () => {
    const out = path.join(scratch.dir, `ace-${slug}`);
    const file = path.join(scratch.dir, `${slug}.epub`);
    await import('node:fs/promises').then((fs) => fs.writeFile(file, built.get(slug)!.bytes));
    const ace = path.join(PROJECT_ROOT, 'node_modules/@daisy/ace-cli/bin/ace.js');
    await run(process.execPath, [ace, '-s', '-f', '-o', out, file], {
      env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: process.env.PUPPETEER_EXECUTABLE_PATH ?? '/usr/bin/chromium' },
      timeout: 180_000,
    });
    const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as {
      'earl:result': { 'earl:outcome': string };
      assertions: Array<{ assertions?: Array<{ 'earl:test': { 'dct:title': string } }> }>;
      'a11y-metadata': { present: string[] };
    };
    const violations = report.assertions.flatMap((a) => a.assertions ?? []).map((a) => a['earl:test']['dct:title']);
    assert.equal(violations, []);
    assert.is(report['earl:result']['earl:outcome'], 'pass');
    for (const property of [
      'schema:accessMode',
      'schema:accessModeSufficient',
      'schema:accessibilityFeature',
      'schema:accessibilityHazard',
      'schema:accessibilitySummary',
      'dcterms:conformsTo',
      'a11y:certifiedBy',
    ]) {
      assert.ok(report['a11y-metadata'].present.includes(property), property);
    }
  });

  test(`${slug}: media overlays tie sentences of the text to their stretch of the MP3, in order`, () => {
    const { entries } = built.get(slug)!;
    const smils = entries.filter((e) => e.name.endsWith('.smil'));
    assert.ok(smils.length >= 3, `${smils.length} overlay files`);
    const opf = text(entries, 'EPUB/package.opf');
    assert.match(opf, '<meta property="schema:accessibilityFeature">synchronizedAudioText</meta>');
    let sentences = 0;
    for (const smil of smils) {
      const xhtmlName = smil.name.replace(/\.smil$/, '.xhtml');
      const xhtml = text(entries, xhtmlName);
      let previousEnd = 0;
      for (const par of smil.data
        .toString('utf8')
        .matchAll(
          /<text src="[^#]+#([^"]+)"\/><audio src="audio\/report\.mp3" clipBegin="0:(\d\d):([\d.]+)" clipEnd="0:(\d\d):([\d.]+)"\/>/g,
        )) {
        const [, id, m1, s1, m2, s2] = par;
        const begin = Number(m1) * 60 + Number(s1);
        const end = Number(m2) * 60 + Number(s2);
        assert.ok(xhtml.includes(`id="${id}"`), `${xhtmlName} has no element ${id}`);
        assert.ok(
          end > begin && begin >= previousEnd - 0.001,
          `${smil.name}: clip ${id} ${begin}–${end} after ${previousEnd}`,
        );
        previousEnd = end;
        if (/-s\d+$/.test(id!)) sentences++;
      }
    }
    assert.ok(sentences >= sentenceClips, `${sentences} clips are single sentences`);
  });

  test(`${slug}: each page-list entry points at the text that starts that page of the standard PDF (poppler's reading)`, async () => {
    const { entries, pdf } = built.get(slug)!;
    const nav = text(entries, 'EPUB/nav.xhtml');
    const pages = [...nav.matchAll(/<a href="([^"#]+)#page-(\d+)">(\d+)<\/a>/g)].map(([, file, id, label]) => ({
      file: file!,
      page: Number(id),
      label,
    }));
    const { stdout: info } = await run('pdfinfo', [pdf]);
    const count = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    assert.equal(
      pages.map((p) => p.page),
      Array.from({ length: count }, (_, i) => i + 1),
    );
    let matched = 0;
    for (const { file, page } of pages) {
      const { stdout } = await run('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-']);
      const pdfWords = wordsOf(stdout);
      if (pdfWords[0] === 'contents') continue; // the PDF's contents page is the EPUB's navigation document
      const xhtml = text(entries, `EPUB/${file}`);
      const after = xhtml.slice(xhtml.indexOf(`id="page-${page}"`));
      const bookWords = wordsOf(
        after
          .replace(/^[^>]*>/, '')
          .replace(/<[^>]+>/g, ' ')
          .replace(/&apos;/g, "'")
          .replace(/&amp;/g, '&'),
      ).slice(0, 5);
      assert.ok(
        pdfWords.slice(0, 12).join(' ').includes(bookWords.join(' ')),
        `page ${page}: the EPUB's marker is before "${bookWords.join(' ')}", the PDF's page starts "${pdfWords.slice(0, 12).join(' ')}"`,
      );
      matched++;
    }
    assert.ok(matched >= count - 1, `${matched} of ${count} pages matched`);
    assert.match(
      text(entries, 'EPUB/package.opf'),
      new RegExp(`<meta property="pageBreakSource">https://[^<]+/${slug}\\.pdf</meta>`),
    );
  });

  test(`${slug}: the same input gives the same bytes, with mimetype first and stored`, async () => {
    const { entries } = built.get(slug)!;
    assert.is(entries[0]!.name, 'mimetype');
    assert.is(entries[0]!.method, 0);
    assert.is(entries[0]!.data.toString(), 'application/epub+zip');
    const site = await prepareSite(SITES.find((s) => s.slug === slug)!.content);
    const { input } = await epubInputFor(site, slug, CACHE, new Set(OPTIONAL_FORMATS));
    const [a, b] = [await makeEpub(await input()), await makeEpub(await input())];
    assert.ok(a.bytes.equals(b.bytes));
  });
}

test('the second report keeps its table headers, note, picture and abbreviations', () => {
  const { entries } = built.get('waiting-times')!;
  const book = entries
    .filter((e) => e.name.endsWith('.xhtml'))
    .map((e) => e.data.toString('utf8'))
    .join('\n');
  assert.match(book, '<caption>How residents booked their last appointment</caption>');
  assert.match(book, '<th scope="col" class="align-right">Residents</th>');
  assert.match(book, 'alt="Residents waiting in a GP surgery waiting room"');
  assert.match(book, 'role="doc-noteref"');
  assert.match(book, 'role="doc-endnotes"');
  assert.match(book, '<abbr title="National Health Service">NHS</abbr> (National Health Service)');
  assert.ok(entries.some((e) => /^EPUB\/images\/.+\.(png|jpg)$/.test(e.name)));
});

test.run();
