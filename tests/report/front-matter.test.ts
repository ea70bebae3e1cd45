import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFrontMatter, splitFrontMatter } from '../../src/report/front-matter.ts';
import { messages } from '../helpers.ts';

const F = 'content/reports/x/index.md';
const read = (yaml: string) => readFrontMatter(`---\n${yaml}\n---\nBody\n`, F);

const split = suite('splitFrontMatter');
split('separates YAML and body and counts the lines before the body', () => {
  const parts = splitFrontMatter('---\ntitle: A\n---\n\n## Heading\n')!;
  assert.is(parts.yaml, 'title: A');
  assert.is(parts.bodyLineOffset, 3);
  assert.is(parts.body, '\n## Heading\n');
});
split('returns undefined when there is no front matter', () => {
  assert.is(splitFrontMatter('## Heading\n'), undefined);
});
split.run();

const read_ = suite('readFrontMatter');
read_('accepts valid front matter and fills in defaults', () => {
  const result = read('title: A\nsummary: B.\npublished: 2024-02-29');
  assert.equal(result.problems, []);
  assert.equal(result.data, {
    title: 'A',
    summary: 'B.',
    published: '2024-02-29',
    lang: 'en-GB',
    draft: false,
    changes: [],
  });
});
read_('keeps dates as written (YAML 1.2: no time zone shift)', () => {
  assert.is(read('title: A\nsummary: B.\npublished: 2019-07-01').data?.published, '2019-07-01');
});
read_('a missing field names the field and shows how to add it', () => {
  assert.equal(messages(read('title: A\nsummary: B.').problems), [
    `${F}:2: the front matter has no "published" — write the date as YYYY-MM-DD, for example: published: 2019-07-15 (see docs/editors-guide.md#front-matter)`,
  ]);
});
read_('an unknown field is refused, with a guess at the intended one', () => {
  assert.equal(messages(read('title: A\nsummary: B.\npublished: 2024-01-01\nupdatd: 2024-02-01').problems), [
    `${F}:5: unknown front-matter field "updatd" — did you mean "updated"? Otherwise remove it (see docs/editors-guide.md#front-matter)`,
  ]);
});
read_('a malformed date names its line', () => {
  assert.equal(messages(read('title: A\nsummary: B.\npublished: 1 July 2019').problems), [
    `${F}:4: front-matter field "published" must be a date written YYYY-MM-DD — write the date as YYYY-MM-DD, for example: published: 2019-07-15 (see docs/editors-guide.md#front-matter)`,
  ]);
});
read_('an impossible date is refused', () => {
  assert.match(
    messages(read('title: A\nsummary: B.\npublished: 2019-02-30').problems)[0]!,
    ':4: front-matter field "published" is not a real date',
  );
});
read_('a bad language tag is refused', () => {
  assert.match(
    messages(read('title: A\nsummary: B.\npublished: 2019-02-03\nlang: English').problems)[0]!,
    ':5: front-matter field "lang" must be a language tag such as en-GB or cy',
  );
});
read_('updated before published is refused', () => {
  assert.match(
    messages(read('title: A\nsummary: B.\npublished: 2020-01-01\nupdated: 2019-01-01').problems)[0]!,
    ':5: "updated" (2019-01-01) is before "published" (2020-01-01)',
  );
});
read_('a change without a summary names the list item', () => {
  const result = read(
    'title: A\nsummary: B.\npublished: 2020-01-01\nupdated: 2020-02-01\nchanges:\n  - date: 2020-02-01',
  );
  assert.match(messages(result.problems)[0]!, `${F}:7: the front matter has no "changes.0.summary"`);
});
read_('broken YAML names the line and suggests causes', () => {
  assert.match(messages(read('title: "A\nsummary: B.').problems)[0]!, `${F}:2: the front matter is not valid YAML`);
});
read_("each YAML mistake at its own line, once, with the fix in the editor's own words", () => {
  const found = messages(
    read('title: Waiting times\nsummary: Advice: what to do\npublished: 2024-06-01\n\tlang: en-GB\nauthor: "Riverside')
      .problems,
  );
  assert.equal(found.length, 3, found.join('\n'));
  assert.match(found[0]!, `${F}:3: the front matter is not valid YAML`);
  assert.match(found[0]!, '— put the value in quotes, because it contains ": ": summary: "Advice: what to do"');
  assert.match(
    found[1]!,
    `${F}:5: the front matter is not valid YAML (Tabs are not allowed as indentation, at column 1)`,
  );
  assert.match(found[1]!, '— indent with spaces, not a tab: write the line as "lang: en-GB"');
  assert.match(found[2]!, `${F}:6: the front matter is not valid YAML (Missing closing "quote`);
  assert.match(found[2]!, '— close the quote');
  // A quoted value over several lines is YAML, as Jekyll reads it.
  assert.equal(
    read(
      'title: "Getting support for your mental health\n  during pregnancy and after\n  birth"\nsummary: B.\npublished: 2019-02-03',
    ).problems,
    [],
  );
});
read_('no front matter at all', () => {
  assert.match(messages(readFrontMatter('## Hello', F).problems)[0]!, `${F}:1: the file has no front matter`);
});
read_('a long summary is a warning, not an error', () => {
  const result = read('title: A\nsummary: One. Two. Three.\npublished: 2020-01-01');
  assert.ok(result.data);
  assert.is(result.problems[0]!.severity, 'warning');
});
read_.run();
