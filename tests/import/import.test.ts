/**
 * Word import, end to end: documents from two producers (the `docx` package here, LibreOffice for the committed
 * fixture), imported into a copy of a site; the content checks name exactly what the editor must add; once added,
 * the report builds and passes the accessibility gate. Documents that cannot be imported leave nothing behind.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { importReport } from '../../src/import/import-report.ts';
import { DocxImportError, MAX_DOCX_BYTES } from '../../src/import/docx.ts';
import { buildSite } from '../../src/build/build-site.ts';
import { runAccessibilityGate, pagePassed } from '../../src/checks/site/accessibility-gate.ts';
import { formatProblem } from '../../src/report/problems.ts';
import { tempDir } from '../helpers.ts';
import { exampleDocx, hostileDocx } from './make-docx.ts';

async function site(): Promise<{ content: string; dir: string; remove(): Promise<void> }> {
  const scratch = await tempDir('import-');
  const content = path.join(scratch.dir, 'content');
  await cp(path.resolve('tests/fixtures/second-site'), content, { recursive: true });
  return { content, dir: scratch.dir, remove: scratch.remove };
}

test('a Word document with headings, a table, a note and two pictures imports; the checks ask for exactly the missing summary and alt text; fixed, it builds and passes the gate', async () => {
  const s = await site();
  try {
    const docx = path.join(s.dir, 'Waiting times 2025.docx');
    await writeFile(docx, await exampleDocx());
    const result = await importReport({ docx, contentDir: s.content, today: '2026-11-26' });
    assert.is(result.slug, 'waiting-times-2025');
    assert.is(result.images, 2);
    const md = await readFile(result.file, 'utf8');
    assert.match(md, 'title: "Waiting times in Riverside"');
    assert.match(md, 'draft: true');
    assert.match(md, '## Why we did this\n');
    assert.match(md, '### Booking by phone\n');
    assert.match(
      md,
      'We asked **412 residents** about *booking* a GP appointment.[^1] Read the [survey questions](https://example.org/survey).',
    );
    assert.match(md, '| How people booked | Residents |\n| --- | --- |\n| Phone | 231 |\n| App \\| online | 97 |');
    assert.match(md, '- Most people phoned at 8am.\n- Some used the app.');
    assert.match(md, '1. Answer calls within 10 minutes.\n2. Offer online booking.');
    assert.match(md, '[^1]: The survey ran from March to April 2025.');
    assert.match(md, /!\[Bar chart of how people booked\]\(image-[0-9a-f]{10}\.png\)/);
    const lines = md.split('\n');
    const bare = lines.findIndex((l) => /^!\[\]\(image-/.test(l)) + 1;
    const errors = result.problems.filter((p) => p.severity === 'error').map(formatProblem);
    assert.equal(
      errors.map((e) => e.replace(/ — .*/, '')),
      [
        `${result.file}:4: front-matter field "summary" must not be empty`,
        `${result.file}:${bare}: image ${/image-[0-9a-f]{10}\.png/.exec(lines[bare - 1]!)![0]} has no alt text`,
      ],
    );
    // The editor adds what was asked for (and a caption, which was a warning), and publishes it.
    const fixed = md
      .replace('summary: ""', 'summary: "What 412 residents told us about booking."')
      .replace('![](', '![A waiting room with chairs](')
      .replace('draft: true\n', '')
      .replace('| How people booked |', 'Table: How residents booked\n\n| How people booked |');
    await writeFile(result.file, fixed);
    const out = path.join(s.dir, 'site');
    await buildSite({ contentDir: s.content, outputDir: out, log: () => {}, formats: [] });
    const pages = await runAccessibilityGate(out);
    const report = pages.find((p) => p.path === '/reports/waiting-times-2025/');
    assert.ok(report, pages.map((p) => p.path).join(', '));
    assert.ok(pages.every(pagePassed), JSON.stringify(pages.filter((p) => !pagePassed(p))));
  } finally {
    await s.remove();
  }
});

test('a document saved by LibreOffice imports with its title, headings, list and table', async () => {
  const s = await site();
  try {
    const result = await importReport({
      docx: path.resolve('tests/fixtures/word/libreoffice.docx'),
      contentDir: s.content,
      slug: 'Carers',
      today: '2026-11-26',
    });
    const md = await readFile(result.file, 'utf8');
    assert.match(md, 'title: "Carers\' experience of respite care"');
    assert.match(md, '## What we did\n\nWe spoke with **26 unpaid carers** in *three* towns.');
    assert.match(md, '### Finding a break\n\n- Most carers did not know respite care existed.\n- Some waited months.');
    assert.match(md, '| Town | Carers |\n| --- | --- |\n| Eastford | 10 |\n| Westbury | 16 |');
    assert.match(md, '1. Tell every carer about respite care.\n2. Cut waiting times.');
    assert.not.match(md, "## Carers' experience");
    assert.equal(result.warnings, []);
  } finally {
    await s.remove();
  }
});

test('documents that cannot be imported get a plain reason, and nothing is written', async () => {
  const s = await site();
  try {
    const before = await readdir(path.join(s.content, 'reports'));
    const cases: Array<[string, Buffer, RegExp]> = [
      ['notes.txt', Buffer.from('hello'), /is not a \.docx file/],
      ['renamed.docx', Buffer.from('just some text'), /is not a Word document \(\.docx\)/],
      [
        'locked.docx',
        Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]),
        /password-protected, or an old Word \.doc/,
      ],
      ['broken.docx', Buffer.concat([Buffer.from('PK\x03\x04', 'binary'), Buffer.alloc(200, 7)]), /damaged/],
      ['huge.docx', Buffer.alloc(MAX_DOCX_BYTES + 1), /more than the 50 MB/],
    ];
    for (const [name, bytes, reason] of cases) {
      const file = path.join(s.dir, name);
      await writeFile(file, bytes);
      const err = await importReport({ docx: file, contentDir: s.content }).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(err instanceof DocxImportError, `${name}: ${String(err)}`);
      assert.match(err.message, reason);
    }
    const existing = path.join(s.dir, 'waiting-times.docx');
    await writeFile(existing, await exampleDocx());
    const clash = await importReport({ docx: existing, contentDir: s.content }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.match(String(clash), 'already exists, so nothing was written');
    assert.equal(await readdir(path.join(s.content, 'reports')), before);
  } finally {
    await s.remove();
  }
});

test('a Word file carrying code: its javascript: link is refused (the words kept) and its SVG picture is written cleaned', async () => {
  const s = await site();
  try {
    const docx = path.join(s.dir, 'Contributed charts.docx');
    await writeFile(docx, await hostileDocx());
    const result = await importReport({ docx, contentDir: s.content, today: '2026-12-07' });
    const md = await readFile(result.file, 'utf8');
    assert.match(md, 'See the interactive chart for more.');
    assert.not.match(md, /javascript/i);
    assert.ok(
      result.warnings.some((w) => /"the interactive chart" was a javascript: address/.test(w)),
      result.warnings.join('\n'),
    );
    assert.ok(
      result.warnings.some((w) => /had parts that could run code.*a <script> element/.test(w)),
      result.warnings.join('\n'),
    );
    const svg = (await readdir(result.folder)).find((f) => f.endsWith('.svg'));
    assert.ok(svg, 'the picture is imported');
    const text = await readFile(path.join(result.folder, svg), 'utf8');
    assert.not.match(text, /<script|onload/i);
    assert.match(text, '<rect width="60" height="80" fill="#3366aa"/>');
  } finally {
    await s.remove();
  }
});

test.run();
