import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, messages } from '../helpers.ts';
import { checkReport } from '../../src/checks/content-checks.ts';

// The body starts on line 6 of the file.
test('problems inside a paragraph wrapped over several lines are reported at their own line', () => {
  const report = parse(
    [
      '## Section', // 6
      '', // 7
      'We asked residents about their experience', // 8
      'of booking appointments, and about the', // 9
      'support they got.', // 10
      '![](chart.png) shows the answers.', // 11
      'For the full survey, click [here](survey/).', // 12
      'It ran for two months.<b>bold</b>', // 13
      '',
    ].join('\n'),
  );
  const found = messages(
    checkReport(
      report,
      new Map([['/reports/sample/', new Set(['section'])]]),
      new Set(['chart.png', 'survey/index.md']),
    ),
  );
  const lineOf = (fragment: string): number | undefined =>
    Number(/index\.md:(\d+):/.exec(found.find((m) => m.includes(fragment)) ?? '')?.[1]) || undefined;
  assert.is(lineOf('chart.png'), 11, found.join('\n'));
  assert.is(lineOf('"here"'), 12, found.join('\n'));
  assert.is(lineOf('<b>'), 13, found.join('\n'));
});

test.run();
