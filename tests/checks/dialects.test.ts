import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, messages } from '../helpers.ts';
import { checkDialects } from '../../src/checks/dialects.ts';
import { createMarkdown } from '../../src/markdown/factory.ts';

// The body starts on line 6 of the file (VALID_FRONT takes 5).
const check = (body: string): string[] => messages(checkDialects(parse(body)));

test('kramdown syntax is refused at its line, with what to write instead', () => {
  assert.equal(check('## Section\n\nText here.\n{: .note}\n\n* TOC\n{:toc}\n'), [
    'content/reports/sample/index.md:9: "{: .note}": kramdown syntax (from Jekyll) is not Markdown here and would be shown as text in every edition — remove it: the contents list is made for you, and styling is the same for every report; for a note to other editors use an HTML comment <!-- like this --> (see docs/editors-guide.md#markdown-dialects)',
    'content/reports/sample/index.md:12: "{:toc}": kramdown syntax (from Jekyll) is not Markdown here and would be shown as text in every edition — remove it: the contents list is made for you, and styling is the same for every report; for a note to other editors use an HTML comment <!-- like this --> (see docs/editors-guide.md#markdown-dialects)',
  ]);
  assert.equal(check('## Section\n\n{::nomarkdown}\n<b>x</b>\n{:/}\n').length, 2);
});

test('Liquid, the "[comment]: <>" trick and MkDocs admonitions are refused; the same text in code is left alone', () => {
  const found = check(
    '## Section\n\n{% include note.html %}\n\nHello {{ page.title }}.\n\n[comment]: <> (hidden note)\n\n!!! warning "Careful"\n    Text.\n',
  );
  assert.is(found.length, 4);
  assert.match(found[0]!, 'index.md:8: "{% include note.html %}": Liquid template syntax');
  assert.match(found[1]!, 'index.md:10: "{{ page.title }}": Liquid');
  assert.match(found[2]!, 'index.md:12: "[comment]: <>": this "Markdown comment" trick');
  assert.match(found[3]!, 'index.md:14: "!!! warning": an MkDocs admonition');
  assert.match(found[3]!, '— write it as an alert: a line "> [!WARNING]"');
  assert.equal(
    check(
      '## Section\n\nWrite `{% raw %}` or `{: .x}` inline.\n\n```\n{% include x %}\n{:toc}\n!!! note\n```\n\n<!-- a note for editors -->\n',
    ),
    [],
  );
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
  assert.match(danger!, '— write it as an alert: a line "> [!CAUTION]", then its text on lines that start with "> "');
});
