import { firstYamlLine, terraformJsonLines } from '../../src/cli/locate';

describe('terraformJsonLines', () => {
  test('the line of each resource and data source key, by address', () => {
    const text = [
      '{',
      '  "data": { "google_kms_crypto_key_version": {',
      '    "v": { "crypto_key": "k" } } },',
      '  "resource": {',
      '    "google_binary_authorization_policy": {',
      '      "p": {',
      '        "resource": { "not": { "a": "resource" } },',
      '        "description": "a \\"quoted\\" \\\\ text, with { and [ and \\"p2\\": {"',
      '      },',
      '      "p2": [ { "x": 1 } ],',
      '      "p3": {}',
      '    },',
      '    "google_cloud_run_v2_service": { "svc": {',
      '      "template": { "containers": [ { "image": "i" } ] } } }',
      '  }',
      '}',
    ].join('\n');
    expect(JSON.parse(text)).toBeDefined();
    expect(Object.fromEntries(terraformJsonLines(text))).toEqual({
      'data.google_kms_crypto_key_version.v': 3,
      'google_binary_authorization_policy.p': 6,
      'google_binary_authorization_policy.p2': 10,
      'google_binary_authorization_policy.p3': 11,
      'google_cloud_run_v2_service.svc': 13,
    });
  });

  test('one line, and documents of other shapes, give what they hold', () => {
    expect([...terraformJsonLines('{"resource":{"t":{"a":{},"b":{}}}}')]).toEqual([
      ['t.a', 1],
      ['t.b', 1],
    ]);
    expect([...terraformJsonLines('[{"resource":{"t":{"a":{}}}}]')]).toEqual([]);
    expect([...terraformJsonLines('{"resource":[{"t":{"a":{}}}]}')]).toEqual([]);
    expect([...terraformJsonLines('{}')]).toEqual([]);
  });
});

describe('firstYamlLine', () => {
  test.each([
    ['name: x\n', 1],
    ['# exported\n\n---\ndefaultAdmissionRule:\n', 4],
    ['%YAML 1.2\n---\nname: x', 3],
    ['\n\n', undefined],
  ])('%j: %p', (text, line) => expect(firstYamlLine(text)).toBe(line));
});
