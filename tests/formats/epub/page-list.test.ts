import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { locatePageStarts } from '../../../src/formats/epub/page-list.ts';
import { wordsOf } from '../../../src/report/words.ts';

const stream = wordsOf(
  'Title of the report. Other formats are listed here for you. About the research we talked to eighteen mothers in Lambeth about their care and support. What we found most problems began after the birth of the baby and support helped.',
);

test('each page starts at the word its first words are found at, in order', () => {
  const pages = [
    wordsOf('Title of the report'),
    wordsOf('Other formats are listed here'),
    wordsOf('most problems began after the birth of the baby'),
  ];
  const { starts, found, nearest } = locatePageStarts(stream, pages);
  assert.equal(found, 3);
  assert.equal(nearest, 0);
  assert.equal(starts.get(0), [1]);
  assert.equal(starts.get(stream.indexOf('other')), [2]);
  assert.equal(starts.get(stream.indexOf('most')), [3]);
});

test('a page whose opening is not in the book (a contents page) starts where the next page found does', () => {
  const pages = [
    wordsOf('Title'),
    wordsOf('Contents About the research 4 What we found 5'),
    wordsOf('About the research we talked to eighteen mothers'),
  ];
  const { starts, found, nearest } = locatePageStarts(stream, pages);
  assert.equal(found, 2);
  assert.equal(nearest, 1);
  assert.equal(starts.get(stream.indexOf('about')), [2, 3]);
});

test('a page opening with the end of a word hyphenated across pages starts before that whole word', () => {
  // "re-" ends page 1 and "port" opens page 2: the marker goes before "report", found by the words after it.
  const pages = [wordsOf('Title'), wordsOf('port Other formats are listed here for you')];
  const { starts } = locatePageStarts(stream, pages);
  assert.equal(starts.get(stream.indexOf('report')), [2]);
});

test('a later page is never placed before an earlier one, even when its words appear earlier too', () => {
  const repeated = wordsOf('support helped the mothers. Later text. Support helped the mothers again here today.');
  const pages = [wordsOf('support'), wordsOf('Later text'), wordsOf('Support helped the mothers again')];
  const { starts } = locatePageStarts(repeated, pages);
  assert.equal(starts.get(repeated.indexOf('later')), [2]);
  assert.equal(starts.get(repeated.lastIndexOf('support')), [3]);
});

test.run();
