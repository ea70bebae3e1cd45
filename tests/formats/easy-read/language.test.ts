import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  fleschKincaidGrade,
  initialisms,
  numberWords,
  probablyTwoIdeas,
  proportions,
  sentences,
  suggestProportion,
  words,
} from '../../../src/formats/easy-read/language.ts';

const language = suite('easy-read language');
language('splits sentences and counts words as readers do', () => {
  assert.equal(sentences('We met 18 mothers. They told us a lot! Was it enough?'), [
    'We met 18 mothers.',
    'They told us a lot!',
    'Was it enough?',
  ]);
  assert.equal(words("Lambeth's mothers' well-being, in 2019."), ["Lambeth's", 'mothers', 'well-being', 'in', '2019']);
});
language('finds percentages and fractions, and suggests "about 1 in N"', () => {
  assert.equal(proportions('34% said yes, 3/4 said no, half were unsure, 12 per cent left.'), [
    '34%',
    '3/4',
    'half',
    '12 per cent',
  ]);
  assert.is(suggestProportion('34%'), 'say "about 1 in 3" instead');
  assert.is(suggestProportion('75%'), 'say "about 8 in 10" instead');
  assert.is(suggestProportion('1/4'), 'say "about 1 in 4" instead');
});
language('finds numbers written as words, but not "one"', () => {
  assert.equal(numberWords('Three mothers and twelve staff. No one else.'), [
    { word: 'Three', digits: 3 },
    { word: 'twelve', digits: 12 },
  ]);
});
language('finds initialisms', () => {
  assert.equal(initialisms('The NHS and GPs, and the N.H.S. too. A B'), ['NHS', 'GP', 'NHS']);
});
language('flags long sentences that join two clauses', () => {
  assert.ok(probablyTwoIdeas('We talked to mothers in Lambeth, and they told us about the help they got.'));
  assert.not.ok(probablyTwoIdeas('We talked to mothers and staff.'));
});
language('Flesch–Kincaid grade rises with long words', () => {
  assert.ok(fleschKincaidGrade('We met some mums. They were kind.') < 3);
  assert.ok(
    fleschKincaidGrade('Perinatal psychological interventions necessitate multidisciplinary collaboration.') > 12,
  );
});
language.run();
