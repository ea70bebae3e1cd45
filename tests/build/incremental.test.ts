/** After one report changes, only that report's PDFs and audio are made again; the rest come from the caches. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildSite } from '../../src/build/build-site.ts';
import { tempDir } from '../helpers.ts';

const incremental = suite('incremental rebuild');
incremental('editing one report regenerates only its PDFs and audio', async () => {
  const tmp = await tempDir();
  try {
    const content = path.join(tmp.dir, 'content');
    await cp(path.resolve('tests/fixtures/basic-site'), content, { recursive: true });
    const options = {
      contentDir: content,
      outputDir: path.join(tmp.dir, 'site'),
      cacheDir: path.join(tmp.dir, 'cache'),
      log: () => {},
    };
    const first = await buildSite(options);
    assert.equal([first.site.stats.pdfsPrinted, first.site.stats.audioMade], [4, 2]);
    const unchanged = await buildSite(options);
    assert.equal(
      [unchanged.site.stats.pdfsPrinted, unchanged.site.stats.audioMade, unchanged.site.stats.pdfsReused],
      [0, 0, 4],
    );
    const file = path.join(content, 'reports/older-report/index.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('Gofynnon ni i bobl.', 'Gofynnon ni i 40 o bobl.'));
    const edited = await buildSite(options);
    assert.equal([edited.site.stats.pdfsPrinted, edited.site.stats.pdfsReused, edited.site.stats.audioMade], [2, 2, 1]);
  } finally {
    await tmp.remove();
  }
});
incremental.run();
