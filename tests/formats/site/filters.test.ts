import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readableDate, telHref, fileSize, absoluteUrl, textDirection } from '../../../src/formats/site/filters.ts';

const filters = suite('siteFilters');
filters('readableDate writes dates the GOV.UK way, with no time-zone shift', () => {
  assert.is(readableDate('2019-07-01'), '1 July 2019');
  assert.is(readableDate('2024-12-31'), '31 December 2024');
  assert.throws(() => readableDate('July 2019'), /not a YYYY-MM-DD date/);
});
filters('telHref turns a UK number into an international link', () => {
  assert.is(telHref('020 7274 8522'), 'tel:+442072748522');
  assert.is(telHref('07700 900 274', 'sms'), 'sms:+447700900274');
  assert.is(telHref('+44 (0)20 7946 0000'), 'tel:+442079460000');
});
filters('fileSize rounds to whole units', () => {
  assert.is(fileSize(900), '900 bytes');
  assert.is(fileSize(12_913), '13 KB');
  assert.is(fileSize(3_500_000), '3.3 MB');
});
filters('absoluteUrl joins paths to the site address', () => {
  assert.is(absoluteUrl('/reports/a/', 'https://example.org'), 'https://example.org/reports/a/');
  assert.is(absoluteUrl('/', 'https://example.org/sub/'), 'https://example.org/');
});
filters.run();

const direction = suite('textDirection');
direction('right-to-left scripts are rtl, others ltr', () => {
  assert.is(textDirection('ar'), 'rtl');
  assert.is(textDirection('ur-PK'), 'rtl');
  assert.is(textDirection('cy'), 'ltr');
  assert.is(textDirection('en-GB'), 'ltr');
});
direction.run();
