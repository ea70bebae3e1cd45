import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, messages } from '../helpers.ts';
import { checkDialects } from '../../src/checks/dialects.ts';
import { createMarkdown } from '../../src/markdown/factory.ts';

// The body starts on line 6 of the file (VALID_FRONT takes 5).
const check = (body: string): string[] => messages(checkDialects(parse(body)));

test('kramdown syntax is refused at its line, with what to write instead', () => {
  assert.equal(check('## Section\n\nText here.\n{: .note}\n\n* TOC\n{:toc}\n'), [
    'content/reports/sample/index.md:9: "{: .note}": an attribute list (kramdown or Pandoc) is not Markdown here and would be shown as text in every edition — remove {: .note}: styling is the same for every report (for a note that stands out, use an alert: > [!NOTE]) (see docs/editors-guide.md#markdown-dialects)',
    'content/reports/sample/index.md:11: "* TOC {:toc}" (lines 11–12): kramdown\'s contents placeholder is not Markdown here: its list item would be published as text — remove both lines: the contents list is made for you (see docs/editors-guide.md#markdown-dialects)',
  ]);
  assert.equal(check('## Section\n\n{::nomarkdown}\n<b>x</b>\n{:/}\n').length, 2);
});

test('Liquid, the "[comment]: <>" trick and MkDocs admonitions are refused; the same text in code is left alone', () => {
  const found = check(
    '## Section\n\n{% include note.html %}\n\nHello {{ page.title }}.\n\n[comment]: <> (hidden note)\n\n!!! warning "Careful"\n    Text.\n',
  );
  assert.is(found.length, 4);
  assert.match(found[0]!, 'index.md:8: "{% include note.html %}": a Liquid (Jekyll) or Nunjucks template tag');
  assert.match(found[1]!, 'index.md:10: "{{ page.title }}": a Liquid (Jekyll) or Nunjucks template value');
  assert.match(found[2]!, 'index.md:12: "[comment]: <> (hidden note)": this "Markdown comment" trick');
  assert.match(found[3]!, 'index.md:14: "!!! warning": an MkDocs admonition ("!!! warning")');
  assert.match(found[3]!, '— write it as an alert: a line "> [!WARNING]", then "> Careful." and its text');
  assert.equal(
    check(
      '## Section\n\nWrite `{% raw %}` or `{: .x}` inline.\n\n```\n{% include x %}\n{:toc}\n!!! note\n```\n\n<!-- a note for editors -->\n',
    ),
    [],
  );
});

test("syntax from other site generators, wherever it is: each at its first line, named, with the editor's own words in the fix", () => {
  const found = check(
    [
      '## Pictures', // 6
      '',
      '![A chart of waiting times](chart.png){width="650"}', // 8
      '',
      'A lead paragraph.', // 10
      '{.lead}', // 11
      '',
      '{% include "figure.html",', // 13
      '   image: charts/waits.png', // 14
      '%}', // 15
      '',
      'Read [the guide]({{< ref "guide.md" >}}).', // 17
      '',
      '{{% notice %}}Careful{{% /notice %}}', // 19
      '',
      '## Needs', // 21
      '{:#needs}', // 22
      '',
      'Text.', // 24
      '',
      '??? success "Well done"', // 26
      '    You did it.',
      '',
      '## Ids {#kept-id}', // 29
      '',
      'Text with {#an-id} in it.', // 31
    ].join('\n'),
  );
  const at = (line: number): string =>
    found.find((m) => m.includes(`index.md:${line}:`)) ?? `(nothing at line ${line})`;
  assert.match(at(8), '"{width="650"}": an attribute list');
  assert.match(at(8), 'remove {width="650"}: the build sizes each picture');
  assert.match(at(11), 'remove {.lead}: styling is the same for every report');
  assert.match(at(13), '(lines 13–15): a Liquid (Jekyll) or Nunjucks template tag');
  assert.match(
    at(13),
    'write the picture it showed in Markdown, on a line of its own: ![what the picture shows](waits.png)',
  );
  assert.match(at(17), '"{{< ref "guide.md" >}}": a Hugo shortcode');
  assert.match(at(17), 'write the address itself');
  assert.match(at(19), '"{{% notice %}}": a Hugo shortcode');
  assert.match(at(22), 'put the id on the heading instead, so links to #needs keep working: ## Needs {#needs}');
  assert.match(at(26), 'an MkDocs collapsible admonition ("??? success")');
  assert.match(at(26), 'a line "> [!TIP]", then "> Well done." and its text');
  assert.match(at(31), 'only headings can have an id');
  assert.not.ok(
    found.some((m) => m.includes('index.md:29:')),
    "an id at the end of a heading is this tool's own syntax",
  );
  assert.is(found.length, 9, found.join('\n'));
});

test('a line of only "-" under a paragraph warns, naming the paragraph\'s lines and the underline', () => {
  assert.equal(
    check(
      '## Section\n\nIntro.\n\nWe asked about waiting times and\nthe number of calls people made\n-\nbefore they got through.\n',
    ),
    [
      'content/reports/sample/index.md:12: warning: this line holds only "-", so lines 10–11 above it ("We asked about waiting times and the num…") became a level 2 heading — if you meant a heading, write it on one line as ## followed by its words; otherwise leave a blank line above the "-" line, or remove it (a hard-wrapped line that starts with "-" does this) (see docs/editors-guide.md#markdown-dialects)',
    ],
  );
  assert.equal(check('## Section\n\nText.\n\n---\n\nMore text.\n'), []);
});

test('a section heading with nothing under it warns; one with only subsections does not', () => {
  assert.equal(check('## Empty\n\n## Full\n\nText.\n\n### Sub\n\nMore.\n'), [
    'content/reports/sample/index.md:6: warning: the section "Empty" has nothing under it — write its text, or remove the heading (see docs/editors-guide.md#headings)',
  ]);
  assert.equal(check('## Parent\n\n### Child\n\nText.\n'), []);
});

test('a heading id may start with a digit; one that cannot be used is refused, not left in the heading', () => {
  const doc = parse('## 6.4 Model comparison {#64-model-comparison}\n\nText.\n').document;
  assert.is(doc.headings[0]!.id, '64-model-comparison');
  assert.is(doc.headings[0]!.text, '6.4 Model comparison');
  assert.equal(check('## Model comparison {#model comparison}\n\nText.\n'), [
    'content/reports/sample/index.md:6: the heading\'s id "model comparison" cannot be used, so the braces would show in the heading — an id is letters, digits and hyphens, with no spaces: {#like-this-1} (see docs/editors-guide.md#headings)',
  ]);
});

test('typographic replacements are quotes and dashes only: (c), (tm) and +- stay as written', () => {
  const html = createMarkdown().render('Conformant (C), Brand (TM), +-5, "quoted", 2019--2020, a -- b, c --- d...');
  assert.match(html, 'Conformant (C), Brand (TM), +-5, “quoted”, 2019–2020, a – b, c — d...');
});

test.run();

const ALERT_FIX =
  'use one of [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION] (see docs/editors-guide.md#alerts)';
const BOX_FIX =
  'start the line with "- [ ] " for an item not done or "- [x] " for one that is done: a space or an x between the brackets, and a space after them (see docs/editors-guide.md#checklists)';

test('alerts: the five kinds pass; an unknown kind, a label with text after it, or one outside a quote is refused at its line', () => {
  assert.equal(
    check(
      'Intro.\n\n> [!NOTE]\n> Text.\n\n> [!caution]\n>\n> Text.\n\n> [!Tip]\n> Text.\n\n> A quote that mentions [!NOTE] later.\n',
    ),
    [],
  );
  assert.equal(check('Intro.\n\n> [!DANGER]\n> Text.\n\n> [!NOTE] A title\n> Text.\n\n[!TIP] Outside.\n'), [
    `content/reports/sample/index.md:8: "[!DANGER]" is not an alert this tool knows, so it would be shown as text — ${ALERT_FIX}`,
    'content/reports/sample/index.md:11: the alert "[!NOTE]" must be on a line of its own, or it is shown as a quotation — put "> [!NOTE]" on its own line, and its text on the next lines, each starting with "> " (see docs/editors-guide.md#alerts)',
    'content/reports/sample/index.md:14: the alert "[!TIP]" must start a block quote, or it is shown as text — write "> [!TIP]" on a line of its own, and start each line of the alert\'s text with "> " (see docs/editors-guide.md#alerts)',
  ]);
});

test('checklists: "[ ]" and "[x]" items pass; a box written nearly right, or outside a list, is refused at its line', () => {
  assert.equal(
    check(
      'Intro.\n\n- [ ] To do\n- [x] Done\n- [X] Done too\n- A [link](https://example.org) and [x] in text\n\n[x](https://example.org) is a link.\n',
    ),
    [],
  );
  assert.equal(check('Intro.\n\n- [] Empty\n- [ x] Odd\n- [x]No space\n\n[ ] Outside a list.\n'), [
    `content/reports/sample/index.md:8: "[]" is not written as a checklist box, so it would be shown as text — ${BOX_FIX}`,
    `content/reports/sample/index.md:9: "[ x]" is not written as a checklist box, so it would be shown as text — ${BOX_FIX}`,
    `content/reports/sample/index.md:10: "[x]" is not written as a checklist box, so it would be shown as text — ${BOX_FIX}`,
    `content/reports/sample/index.md:12: "[ ]" looks like a checklist box but is not in a list, so it would be shown as text — ${BOX_FIX}`,
  ]);
});

test('an MkDocs admonition is refused with the alert that matches it', () => {
  const [danger] = check('Intro.\n\n!!! danger "Stop"\n    Text.\n');
  assert.match(danger!, 'index.md:8: "!!! danger": an MkDocs admonition');
  assert.match(
    danger!,
    '— write it as an alert: a line "> [!CAUTION]", then "> Stop." and its text on lines that start with "> "',
  );
});
