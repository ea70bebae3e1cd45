import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { tableOfContents } from '../../../src/formats/site/toc.ts';
import { parse } from '../../helpers.ts';

const toc = suite('tableOfContents');
toc('nests h3 under h2 and leaves out h4', () => {
  const doc = parse('## One\n\n### One A\n\n#### Deep\n\n## Two\n').document;
  assert.equal(tableOfContents(doc.headings), [
    { id: 'one', text: 'One', children: [{ id: 'one-a', text: 'One A', children: [] }] },
    { id: 'two', text: 'Two', children: [] },
  ]);
});
toc.run();
