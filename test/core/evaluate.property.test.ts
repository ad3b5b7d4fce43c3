import fc from 'fast-check';
import { evaluate } from '../../src/core/evaluate';
import { parseImageReference } from '../../src/core/image';
import { parseAllowlistPattern } from '../../src/core/pattern';
import { PolicyModel, isInterpolated } from '../../src/core/policy';
import { policyModel } from '../support';
import { candidatePattern, component, digest, image, registry, validPattern } from '../support/arbitraries';

const policy = (patterns: string[], evaluationMode?: string, enforcementMode?: string): PolicyModel =>
  policyModel({ patterns, evaluationMode, enforcementMode });

function nameOf(img: string): string {
  const ref = parseImageReference(img);
  return `${ref.registry}/${ref.repository}`;
}

describe('evaluate: properties', () => {
  test('the generators produce valid images and many valid patterns', () => {
    fc.assert(fc.property(image, (img) => expect(() => parseImageReference(img)).not.toThrow()));
    const sample = fc.sample(candidatePattern, 500);
    expect(sample.filter((p) => parseAllowlistPattern(p).problems.length === 0).length).toBeGreaterThan(150);
  });

  test('a pattern that validation accepts never makes the evaluator throw', () => {
    fc.assert(
      fc.property(fc.array(validPattern, { maxLength: 4 }), image, (patterns, img) => {
        evaluate(policy(patterns), img, isInterpolated);
      }),
      { numRuns: 500 },
    );
  });

  test('no pattern, valid or not, ever makes the evaluator throw', () => {
    fc.assert(
      fc.property(fc.oneof(candidatePattern, fc.string()), image, (pattern, img) => {
        evaluate(policy([pattern]), img, isInterpolated);
      }),
      { numRuns: 500 },
    );
  });

  test('a pattern ending in "/**" never admits an image outside its directory, and admits every image inside', () => {
    const dir = fc.tuple(registry, fc.array(component, { maxLength: 2 })).map(([r, path]) => [r, ...path].join('/'));
    fc.assert(
      fc.property(dir, image, (d, img) => {
        const result = evaluate(policy([`${d}/**`]), img);
        expect(result.decision === 'ALLOW').toBe(nameOf(img).startsWith(`${d}/`));
      }),
      { numRuns: 1000 },
    );
  });

  test('"*" never crosses a "/"', () => {
    const starPattern = validPattern.filter((p) => p.endsWith('*') && !p.endsWith('**'));
    fc.assert(
      fc.property(starPattern, image, (pattern, img) => {
        const result = evaluate(policy([pattern]), img);
        if (result.decision === 'ALLOW') {
          const { prefix } = parseAllowlistPattern(pattern);
          const name = nameOf(img);
          expect(name.startsWith(prefix)).toBe(true);
          expect(name.slice(prefix.length)).not.toContain('/');
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('"*" admits images directly in its directory (the property above is not vacuous)', () => {
    const dir = fc.tuple(registry, fc.array(component, { maxLength: 2 })).map(([r, path]) => [r, ...path].join('/'));
    fc.assert(
      fc.property(dir, component, fc.option(digest), (d, c, dg) => {
        expect(evaluate(policy([`${d}/*`]), `${d}/${c}${dg ? `@${dg}` : ':v1'}`).decision).toBe('ALLOW');
        expect(evaluate(policy([`${d}/*`]), `${d}/${c}/${c}${dg ? `@${dg}` : ':v1'}`).decision).toBe('DENY');
      }),
    );
  });

  test('an image without a digest is admitted only when every digest of it would be', () => {
    fc.assert(
      fc.property(fc.array(candidatePattern, { maxLength: 3 }), image, digest, (patterns, img, d) => {
        const ref = parseImageReference(img);
        const withoutDigest = `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}`;
        if (evaluate(policy(patterns), withoutDigest).decision === 'ALLOW') {
          expect(evaluate(policy(patterns), `${withoutDigest}@${d}`).decision).toBe('ALLOW');
        }
      }),
      { numRuns: 1000 },
    );
  });

  test('the decision does not depend on the order of the patterns', () => {
    const anyPattern = fc.oneof(validPattern, candidatePattern, fc.constant('${var.pattern}'));
    const mode = fc.constantFrom('ALWAYS_ALLOW', 'ALWAYS_DENY', 'REQUIRE_ATTESTATION', '${var.mode}');
    const enforcement = fc.constantFrom('ENFORCED_BLOCK_AND_AUDIT_LOG', 'DRYRUN_AUDIT_LOG_ONLY', '${var.e}');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(anyPattern, fc.integer()), { maxLength: 6 }),
        image,
        mode,
        enforcement,
        (keyed, img, m, e) => {
          const patterns = keyed.map(([p]) => p);
          const shuffled = [...keyed].sort((a, b) => a[1] - b[1]).map(([p]) => p);
          const a = evaluate(policy(patterns, m, e), img, isInterpolated);
          const b = evaluate(policy(shuffled, m, e), img, isInterpolated);
          expect({ decision: b.decision, admitted: b.admitted, attestors: b.requiredAttestors }).toEqual({
            decision: a.decision,
            admitted: a.admitted,
            attestors: a.requiredAttestors,
          });
          expect([...b.unknownValues].sort()).toEqual([...a.unknownValues].sort());
        },
      ),
      { numRuns: 1000 },
    );
  });
});
