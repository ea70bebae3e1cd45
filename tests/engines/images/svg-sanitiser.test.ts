/**
 * The SVG sanitiser against a corpus of hostile pictures (tests/fixtures/hostile-svg/): what comes out holds none of
 * the attack, says what was taken out, or is refused with the reason; and the example's real chart comes out drawing
 * exactly what it drew (both rasterised by sharp, an independent renderer, and compared pixel by pixel).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { sanitiseSvg } from '../../../src/engines/images/svg-sanitiser.ts';

const HOSTILE = path.resolve('tests/fixtures/hostile-svg');
const load = (name: string): Promise<string> => readFile(path.join(HOSTILE, name), 'utf8');

/** Anything that could run, load from elsewhere or hide markup, in any case. */
const DANGER =
  /<script|\son[a-z]+\s*=|javascript:|vbscript:|data:|<foreignObject|<iframe|<animate|<set[\s>]|@import|https?:\/\/evil|<!DOCTYPE|<!ENTITY|&payload;/i;

const cleaned = suite('sanitiseSvg: hostile pictures');
for (const [file, expected] of [
  ['script.svg', /a <script> element/],
  ['event-handlers.svg', /an onload attribute \(script\) on <svg>.*onclick.*onmouseover.*onfocusin/s],
  ['javascript-links.svg', /a script link \(href\) on <a>.*a script link \(xlink:href\) on <a>/s],
  ['foreign-object.svg', /a <foreignObject> element/],
  ['animate.svg', /a <animate> element.*a <set> element/s],
  [
    'external-references.svg',
    /@import or url\(\) to outside the picture.*reference to outside the picture \(href\) on <image>/s,
  ],
  ['data-uri.svg', /embedded data: address/],
] as const) {
  cleaned(`${file}: cleaned, and says what was taken out`, async () => {
    const result = await sanitiseSvg(await load(file));
    assert.is(result.refused, undefined, result.refused);
    assert.ok(result.svg, 'a picture is left');
    assert.not.match(result.svg, DANGER);
    assert.match(result.removed.join('\n'), expected, result.removed.join('\n'));
    // What it was meant to show is still there.
    assert.match(result.svg, /<rect x="10" y="10" width="80" height="40" fill="#1d4e89"\/>/);
  });
}
cleaned.run();

const refused = suite('sanitiseSvg: refused, with the reason');
for (const [file, reason] of [
  ['entity.svg', /uses XML entities/],
  ['only-script.svg', /nothing would be left to show/],
  ['not-svg.svg', /not an SVG picture/],
] as const) {
  refused(file, async () => {
    const result = await sanitiseSvg(await load(file));
    assert.match(result.refused ?? '', reason);
    assert.is(result.svg, undefined);
  });
}
refused('a file too large to be a picture', async () => {
  const huge = `<svg xmlns="http://www.w3.org/2000/svg">${'<rect width="1" height="1"/>'.repeat(400_000)}</svg>`;
  assert.match((await sanitiseSvg(huge)).refused ?? '', /larger than 10 MB/);
});
refused.run();

const real = suite('sanitiseSvg: a real chart');
real('the example chart is unchanged in what it shows (rasterised before and after, pixel for pixel)', async () => {
  for (const name of ['when-problems-began.svg', 'when-problems-began.large-print.svg']) {
    const original = await readFile(path.resolve('content/reports/perinatal-mental-health', name), 'utf8');
    const result = await sanitiseSvg(original);
    assert.equal(result.removed, [], name);
    const pixels = (svg: string): Promise<Buffer> =>
      sharp(Buffer.from(svg), { density: 144 }).flatten({ background: '#fff' }).raw().toBuffer();
    const [before, after] = await Promise.all([pixels(original), pixels(result.svg!)]);
    assert.is(after.length, before.length, name);
    let differing = 0;
    for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) differing++;
    assert.is(differing, 0, `${name}: ${differing} bytes of pixels differ`);
  }
});
real.run();
