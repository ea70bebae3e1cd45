import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { printableUrl, printRuns } from '../../../src/engines/pdf/print-text.ts';
import { fontMetrics } from '../../../src/engines/pdf/font-metrics.ts';
import { PRINT_FONTS } from '../../../src/engines/pdf/print-fonts.ts';
import { measureSvgText } from '../../../src/engines/pdf/svg-text.ts';

const text = suite('print text');
text('phone numbers and postcodes are kept on one line', () => {
  assert.equal(
    printRuns('Call 020 7274 8522 or 07700 900274, or write to SW9 7AA.', { sizePt: 18, lineWidthPt: 481 }),
    [
      'Call ',
      { k: 'nb', t: '020 7274 8522' },
      ' or ',
      { k: 'nb', t: '07700 900274' },
      ', or write to ',
      { k: 'nb', t: 'SW9 7AA' },
      '.',
    ],
  );
  assert.equal(printRuns('In 2019 we met 18 mothers.', { sizePt: 18, lineWidthPt: 481 }), [
    'In 2019 we met 18 mothers.',
  ]);
});
text('printableUrl', () => {
  assert.is(printableUrl('https://www.nhs.uk/mental-health/'), 'www.nhs.uk/mental-health');
  assert.is(printableUrl('mailto:a@b.org'), 'a@b.org');
});
text.run();

const metrics = suite('font metrics');
metrics('widths come from the font: bold is wider, and Welsh ŵ is not in Atkinson Hyperlegible', () => {
  const [regular, bold] = [fontMetrics(PRINT_FONTS[0]!.file), fontMetrics(PRINT_FONTS[1]!.file)];
  const width = regular.widthPt('RandomForestClassifier', 18);
  assert.ok(width > 180 && width < 200, String(width));
  assert.ok(bold.widthPt('RandomForestClassifier', 18) > width);
  assert.is(regular.covers('ŵ'.codePointAt(0)!), false);
  assert.is(fontMetrics(PRINT_FONTS[2]!.file).covers('ŵ'.codePointAt(0)!), true);
});
metrics.run();

const svg = suite('measureSvgText');
svg('finds the smallest text, inherited and from simple style rules', () => {
  assert.equal(
    measureSvgText(
      '<svg viewBox="0 0 800 400"><g font-size="30"><text>Big</text><text font-size="12">Small</text></g></svg>',
    ),
    { width: 800, smallestFontSize: 12, sample: 'Small' },
  );
  assert.equal(
    measureSvgText(
      '<svg width="600"><style>.label { font-size: 9px }</style><text class="label">Tiny</text><text style="font-size: 2em">Huge</text></svg>',
    ),
    { width: 600, smallestFontSize: 9, sample: 'Tiny' },
  );
  assert.equal(measureSvgText('<svg viewBox="0 0 10 10"><rect width="5" height="5"/></svg>'), { width: 10 });
  assert.equal(measureSvgText('<svg viewBox="0 0 100 10"><text>Default</text></svg>').smallestFontSize, 16);
});
svg.run();
