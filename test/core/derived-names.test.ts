import { deriveResourceId } from '../../src/core/derived-names';
import { checkKmsId } from '../../src/core/keys';
import { checkResourceId } from '../../src/core/names';

describe('deriveResourceId', () => {
  test('joins the path in lowercase with hyphens', () => {
    expect(deriveResourceId(['Security', 'Build_Attestor'], 63)).toBe('security-build-attestor');
  });

  test('starts with a letter and never ends with a hyphen', () => {
    expect(deriveResourceId(['1st', 'Attestor!'], 63)).toBe('st-attestor');
  });

  test('is deterministic', () => {
    expect(deriveResourceId(['a', 'b'], 63)).toBe(deriveResourceId(['a', 'b'], 63));
  });

  test('shortens long paths with a hash, keeping different paths apart', () => {
    const long = ['Stack', 'x'.repeat(80)];
    const a = deriveResourceId([...long, 'One'], 63);
    const b = deriveResourceId([...long, 'Two'], 63);
    expect(a).toHaveLength(63);
    expect(a).toMatch(/-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
  });

  test('falls back to a fixed id when nothing is left', () => {
    expect(deriveResourceId(['__', '9'], 63)).toBe('binauthz');
  });

  test.each([[['Stack', 'Attestor']], [['S', 'é', 'x'.repeat(200)]], [['9', '-', 'A']]])(
    'is a valid attestor, note and KMS id for %j',
    (parts) => {
      const id = deriveResourceId(parts, 63);
      expect(checkResourceId(id)).toBeUndefined();
      expect(checkKmsId(id)).toBeUndefined();
    },
  );
});
