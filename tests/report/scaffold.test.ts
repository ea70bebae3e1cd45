import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { reportSlug, scaffoldReport } from '../../src/report/scaffold.ts';
import { buildSite } from '../../src/build/build-site.ts';
import { tempDir } from '../helpers.ts';
import { cp } from 'node:fs/promises';

const scaffold = suite('scaffoldReport');
scaffold('the slug is the title in web-address form', () => {
  assert.is(reportSlug('Waiting times: GP appointments (2025)'), 'waiting-times-gp-appointments-2025');
  assert.is(reportSlug('!!!'), 'new-report');
});
scaffold(
  'a new report passes every check as it stands: shown as a draft in the preview, skipped by a build',
  async () => {
    const tmp = await tempDir();
    try {
      const content = path.join(tmp.dir, 'content');
      await cp(path.resolve('tests/fixtures/basic-site'), content, { recursive: true });
      await mkdir(path.join(content, 'reports', 'new-one'), { recursive: true });
      await writeFile(
        path.join(content, 'reports', 'new-one', 'index.md'),
        scaffoldReport('New "quoted" report', '2025-01-31'),
      );
      const build = await buildSite({
        contentDir: content,
        outputDir: path.join(tmp.dir, 'site'),
        log: () => {},
        formats: [],
      });
      assert.is(build.site.draftsSkipped, 2);
      const preview = await buildSite({
        contentDir: content,
        outputDir: path.join(tmp.dir, 'preview'),
        log: () => {},
        formats: [],
        includeDrafts: true,
      });
      const scaffolded = preview.site.reports.find((r) => r.document.slug === 'new-one')!;
      assert.is(scaffolded.document.meta.title, 'New "quoted" report');
      assert.is(scaffolded.document.meta.published, '2025-01-31');
      assert.equal(
        preview.site.warnings.filter((p) => p.severity !== 'note'),
        [],
      );
    } finally {
      await tmp.remove();
    }
  },
);
scaffold.run();
