/** The example report's PDFs, as published: every edition listed in formats.json exists and passes the read-back. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildSite } from '../../../src/build/build-site.ts';
import { reportPrintHeadings, reportPrintModel } from '../../../src/formats/print/print-model.ts';
import { printEditions } from '../../../src/formats/print/editions.ts';
import { readBackPdf } from '../../../src/engines/pdf/read-back.ts';
import { easyReadHeadings } from '../../../src/formats/easy-read/print-model.ts';
import { checkEasyRead } from '../../../src/formats/easy-read/checks.ts';
import { listReportFiles } from '../../../src/checks/content-checks.ts';
import type { FormatsManifest } from '../../../src/formats/manifest.ts';
import { tempDir } from '../../helpers.ts';

const example = suite('example report: print and easy-read editions');
example('the built site has an 18 pt large-print PDF and a standard PDF, both passing read-back', async () => {
  const tmp = await tempDir();
  try {
    const out = path.join(tmp.dir, 'site');
    const { site } = await buildSite({ contentDir: path.resolve('content'), outputDir: out, log: () => {} });
    for (const report of site.reports) {
      const doc = report.document;
      const manifest = JSON.parse(
        await readFile(path.join(out, 'reports', doc.slug, 'formats.json'), 'utf8'),
      ) as FormatsManifest;
      const pdfs = manifest.formats.filter((f) => f.kind.endsWith('-pdf'));
      assert.equal(
        pdfs.map((f) => `${f.kind} ${f.fontSizePt ?? ''}`),
        ['large-print-pdf 18', 'standard-pdf ', 'easy-read-pdf '],
      );
      assert.ok(
        manifest.formats.some((f) => f.kind === 'easy-read-html' && f.href === 'easy-read/' && (f.bytes ?? 0) > 0),
      );
      const easy = report.easyRead!.document;
      for (const format of pdfs) {
        const bytes = new Uint8Array(await readFile(path.join(out, 'reports', doc.slug, format.href)));
        assert.is(bytes.length, format.bytes);
        const expect =
          format.kind === 'easy-read-pdf'
            ? { title: easy.meta.title, lang: easy.meta.lang, headings: easyReadHeadings(easy), minFontPt: 16 }
            : {
                title: doc.meta.title,
                lang: doc.meta.lang,
                headings: reportPrintHeadings(
                  reportPrintModel({
                    doc,
                    organisation: site.organisation,
                    edition: printEditions([18]).find((e) => e.fontSizePt === (format.fontSizePt ?? 12))!,
                    images: new Map(),
                    otherFormats: [],
                  }),
                ),
                minFontPt: format.fontSizePt ?? 12,
              };
        const result = await readBackPdf(bytes, expect);
        assert.equal(result.problems, [], format.href);
        assert.is(result.pages, format.pages);
      }
      const page = await readFile(path.join(out, 'reports', doc.slug, 'index.html'), 'utf8');
      // Near the top by its short name, and in "All formats" with its size and point size.
      assert.match(
        page,
        /<a href="perinatal-mental-health-large-print-18pt\.pdf" type="application\/pdf">Large print PDF<\/a>/,
      );
      assert.match(
        page,
        /<a href="perinatal-mental-health-large-print-18pt\.pdf" type="application\/pdf">Large print PDF \(18 point\), \d+ KB<\/a>/,
      );
    }
  } finally {
    await tmp.remove();
  }
});
example('the example easy-read version passes every check with no warning left', async () => {
  const tmp = await tempDir();
  try {
    const { site } = await buildSite({
      contentDir: path.resolve('content'),
      outputDir: path.join(tmp.dir, 'site'),
      log: () => {},
    });
    const report = site.reports[0]!;
    assert.equal(checkEasyRead(report.easyRead!, await listReportFiles(report.document.folder)), []);
  } finally {
    await tmp.remove();
  }
});
example.run();

const noBrowser = suite('the build needs no browser');
noBrowser('with Chromium unreachable, the example builds every PDF', async () => {
  const tmp = await tempDir();
  try {
    const out = path.join(tmp.dir, 'site');
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const run = await promisify(execFile)(
      process.execPath,
      ['src/cli/launch.mjs', 'build', '--output', out, '--formats', 'print,easy-read'],
      {
        env: { ...process.env, PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' },
      },
    );
    assert.match(run.stdout, /Built 1 report/);
    const manifest = JSON.parse(
      await readFile(path.join(out, 'reports/perinatal-mental-health/formats.json'), 'utf8'),
    ) as FormatsManifest;
    const pdfs = manifest.formats.filter((f) => f.kind.endsWith('-pdf'));
    assert.is(pdfs.length, 3);
    for (const pdf of pdfs)
      assert.ok((await readFile(path.join(out, 'reports/perinatal-mental-health', pdf.href))).length === pdf.bytes);
  } finally {
    await tmp.remove();
  }
});
noBrowser.run();
