import { codeSpan, markdownOf, markdownProse } from '../../src/cli/markdown';
import { joinQuoted, q } from '../../src/core/quoted';
import { testReturns } from '../support';

describe('Quoted', () => {
  test('interpolated strings are values; interpolated sentences keep their prose', () => {
    const inner = q`the rule ${'r'}`;
    const text = q`${inner} of ${'p'}: ${3}`;
    expect(text.parts).toEqual(['the rule ', { value: 'r' }, ' of ', { value: 'p' }, ': ', { value: '3' }]);
    expect(String(text)).toBe('the rule r of p: 3');
    expect(JSON.stringify({ text })).toBe('{"text":"the rule r of p: 3"}');
    expect(String(joinQuoted([q`${'a'}`, q`${'b'}`], ', '))).toBe('a, b');
  });
});

describe('Markdown', () => {
  testReturns('codeSpan', codeSpan, [
    ['plain', '` plain `'],
    ['a`b', '`` a`b ``'],
    ['``x```', '```` ``x``` ````'],
    ['`edge`', '`` `edge` ``'],
    ['line\nbreak', '` line\\nbreak `'],
    ['', '`  `'],
  ]);

  test('prose: the characters that open inline Markdown or HTML are escaped', () => {
    expect(markdownProse('a *b* _c_ [d](e) <f> | ~g~ & `h` !i \\')).toBe(
      'a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\> \\| \\~g\\~ \\& \\`h\\` \\!i \\\\',
    );
  });

  test('a sentence: its values in code spans, its prose escaped', () => {
    expect(markdownOf(q`added_by ${'<img src=x>'}`)).toBe('added\\_by ` <img src=x> `');
  });
});
