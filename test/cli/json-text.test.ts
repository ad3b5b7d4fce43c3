import { JsonTextError, MAX_JSON_DEPTH, parseJsonText } from '../../src/cli/json-text';

function nested(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

describe('parseJsonText', () => {
  test('parses JSON', () => {
    expect(parseJsonText('{"a": [1, {"b": "c"}], "d": null}')).toStrictEqual({ a: [1, { b: 'c' }], d: null });
  });

  test.each([
    ['the same key in different objects', '{"a": {"k": 1}, "b": {"k": 2}}'],
    ['a key and a string value that look alike', '{"k": "k", "j": ["k", "k"]}'],
    ['keys that differ only by an escape', '{"a\\"b": 1, "a\\\\b": 2, "a": 3}'],
    ['a string holding quotes, colons and braces', '{"k": "\\"}: {\\"k\\": 1", "j": "\\\\"}'],
    ['nesting exactly at the limit', nested(MAX_JSON_DEPTH)],
  ])('accepts %s', (_, text) => {
    expect(() => parseJsonText(text)).not.toThrow();
  });

  test.each([
    ['an empty text', '', 'is empty; expected Terraform JSON'],
    ['white space', '\n \t', 'is empty; expected Terraform JSON'],
    ['a byte order mark', '\ufeff{}', 'starts with a byte order mark (U+FEFF)'],
    ['invalid JSON', '{"a": }', 'not valid JSON ('],
    ['a key twice at the top', '{"a": 1, "a": 2}', 'has the key "a" twice in the top-level object (line 1)'],
    [
      'a key twice, written differently',
      '{"ab": 1,\n"a\\u0062": 2}',
      'has the key "ab" twice in the top-level object (line 2)',
    ],
    [
      'a key twice, deep in lists',
      '{"resource": {"t": {"n": [{"x": [1, {}, {"k": 1, "k": 2}]}]}}}',
      'has the key "k" twice in resource.t.n[0].x[2] (line 1)',
    ],
    [
      'nesting one level past the limit',
      nested(MAX_JSON_DEPTH + 1),
      `nests objects and lists deeper than ${MAX_JSON_DEPTH} levels (line 1)`,
    ],
    ['nesting 20,000 levels', `{"a":\n${nested(20_000)}}`, `deeper than ${MAX_JSON_DEPTH} levels (line 2)`],
  ])('refuses %s', (_, text, message) => {
    expect(() => parseJsonText(text)).toThrow(JsonTextError);
    expect(() => parseJsonText(text)).toThrow(message);
  });
});
