import { generateKeyPairSync } from 'crypto';
import { describeValue } from '../../src/core/display';
import { escapeControlCharacters } from '../../src/core/text';
import { testReturns } from '../support';

describe('escapeControlCharacters', () => {
  testReturns('escapeControlCharacters', escapeControlCharacters, [
    ['plain text', 'plain text'],
    ['a\nb', 'a\\nb'],
    ['a\r\nb\tc', 'a\\r\\nb\\tc'],
    ['\x1b[31mred\x1b[0m', '\\u001b[31mred\\u001b[0m'],
    ['nul\x00', 'nul\\u0000'],
    ['del\x7f', 'del\\u007f'],
    ['c1\x85\x9b', 'c1\\u0085\\u009b'],
    ['line\u2028para\u2029', 'line\\u2028para\\u2029'],
    ['bidi \u202eevil\u202c', 'bidi \\u202eevil\\u202c'],
    ['isolates \u2066x\u2069', 'isolates \\u2066x\\u2069'],
    ['zero\u200bwidth\ufeff', 'zero\\u200bwidth\\ufeff'],
    ['tag \u{e0041}', 'tag \\udb40\\udc41'],
    ['lone \ud800', 'lone \\ud800'],
    ['accents é ü 日本 stay', 'accents é ü 日本 stay'],
    ['a backslash \\n stays', 'a backslash \\n stays'],
  ]);

  test('escaping twice changes nothing', () => {
    const once = escapeControlCharacters('x\n\u202e\x1by');
    expect(escapeControlCharacters(once)).toBe(once);
  });

  test('an escaped line of JSON is still JSON with the same value', () => {
    const value = { name: 'a\u202eb\x85c\u2028d' };
    expect(JSON.parse(escapeControlCharacters(JSON.stringify(value)))).toStrictEqual(value);
  });
});

describe('describeValue', () => {
  testReturns('describeValue', describeValue, [
    ['text', '"text"'],
    [5, '5'],
    [true, 'true'],
    [null, 'null'],
    [undefined, 'undefined'],
    [[], '[]'],
    [{}, '{}'],
    [[1, 'a'], '[1, "a"]'],
    [{ a: 1 }, '{"a": 1}'],
    [[1, 2, 3, 4, 5], '[1, 2, 3, …]'],
    [[[[1]]], '[[[…]]]'],
    [{ a: { b: { c: 1 } } }, '{"a": {"b": {…}}}'],
    ['new\nline', '"new\\nline"'],
    ['\u202e', '"\\u202e"'],
  ]);

  test('shortens long values', () => {
    const shown = describeValue('x'.repeat(10_000));
    expect(shown.length).toBeLessThanOrEqual(80);
    expect(shown.endsWith('…')).toBe(true);
  });

  test('never shows a string that holds key material, wherever it stands', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const pem = privateKey.export({ type: 'sec1', format: 'pem' }).toString();
    const body = pem.split('\n')[1];
    for (const value of [pem, [pem], { key: pem }, { [pem]: 1 }, body, `x ${body.repeat(2)}`]) {
      const shown = describeValue(value);
      expect(shown).toMatch(/\(not shown: (a PEM block labelled "EC PRIVATE KEY"|text that may be a key body)\)/);
      expect(shown).not.toContain(body.slice(0, 16));
    }
  });

  test('looks no deeper than it shows, however deep the value', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) {
      deep = [deep];
    }
    expect(describeValue(deep)).toBe('[[[…]]]');
  });
});
