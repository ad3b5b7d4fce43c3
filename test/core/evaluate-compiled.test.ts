import fc from 'fast-check';
import { compilePolicy, evaluate, evaluateCompiled } from '../../src/core/evaluate';
import { PolicyModel, isInterpolated } from '../../src/core/policy';
import { policyModel } from '../support';

const DIGEST = `sha256:${'a'.repeat(64)}`;

const policy = (patterns: string[], evaluationMode?: string): PolicyModel => policyModel({ patterns, evaluationMode });

const component = fc.constantFrom('a', 'b', 'ab', 'a-b');
const name = fc
  .tuple(
    fc.constantFrom('gcr.io', 'us-docker.pkg.dev', 'localhost:5000'),
    fc.array(component, { minLength: 1, maxLength: 3 }),
  )
  .map(([registry, path]) => `${registry}/${path.join('/')}`);
const image = fc.tuple(name, fc.constantFrom('', ':v1', `@${DIGEST}`, `:v1@${DIGEST}`)).map(([n, end]) => `${n}${end}`);
const pattern = fc.oneof(
  fc
    .tuple(name, fc.constantFrom('', '/**', '*', '/*', '@*', `@${DIGEST}`, ':v1', '**'))
    .map(([n, end]) => `${n}${end}`),
  fc.constant('${var.pattern}'),
);

describe('compilePolicy and evaluateCompiled', () => {
  test('give what evaluate gives, for every image, policy and default rule', () => {
    fc.assert(
      fc.property(
        fc.array(pattern, { maxLength: 8 }),
        fc.array(image, { minLength: 1, maxLength: 5 }),
        fc.constantFrom('ALWAYS_ALLOW', 'ALWAYS_DENY', 'REQUIRE_ATTESTATION', '${var.mode}'),
        (patterns, images, mode) => {
          const model = policy(patterns, mode);
          const compiled = compilePolicy(model, isInterpolated);
          for (const img of images) {
            expect(evaluateCompiled(compiled, img)).toEqual(evaluate(model, img, isInterpolated));
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('one compiled policy evaluates many images', () => {
    // GIVEN
    const compiled = compilePolicy(policy(['gcr.io/p/app@*', `gcr.io/p/pinned@${DIGEST}`]));
    // WHEN
    const results = [`gcr.io/p/app@${DIGEST}`, 'gcr.io/p/pinned:v1', `gcr.io/q/app@${DIGEST}`].map((img) =>
      evaluateCompiled(compiled, img),
    );
    // THEN
    expect(results.map((r) => [r.decision, r.matchedPattern])).toEqual([
      ['ALLOW', 'gcr.io/p/app@*'],
      ['DENY', undefined],
      ['DENY', undefined],
    ]);
    expect(results[1].reason).toMatch(/pinning a digest or naming a tag cannot be judged against; deploy by digest/);
  });

  test('keeps the unknown patterns apart and the model as given', () => {
    const model = policy(['${var.a}', 'gcr.io/p/**']);
    const compiled = compilePolicy(model, isInterpolated);
    expect(compiled.unknownPatterns).toEqual(['${var.a}']);
    expect(compiled.knownPatterns.patterns).toEqual(['gcr.io/p/**']);
    expect(compiled.model).toBe(model);
  });

  test('fails on an invalid image reference, as evaluate does', () => {
    expect(() => evaluateCompiled(compilePolicy(policy([])), 'not an image')).toThrow();
  });
});
