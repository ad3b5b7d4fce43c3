import fc from 'fast-check';
import { coveredByAny, exampleAdmittedOnlyBy, patternCovers } from '../../src/core/containment';
import { evaluate } from '../../src/core/evaluate';
import { parseAllowlistPattern, patternMatches } from '../../src/core/pattern';
import { policyModel } from '../support';
import { candidatePattern, component, digest, image, validPattern } from '../support/arbitraries';

const D = `sha256:${'c'.repeat(64)}`;

describe('patternCovers', () => {
  test.each([
    // the examples
    ['a.io/b/**', 'a.io/b/c@*'],
    ['a.io/b*', 'a.io/bc@*'],
    ['a.io/b/c@*', `a.io/b/c@${D}`],
    // a pattern covers itself, and narrower ones
    ['gcr.io/p/**', 'gcr.io/p/**'],
    ['gcr.io/p/**', 'gcr.io/p/team/**'],
    ['gcr.io/p/**', 'gcr.io/p/app*'],
    ['gcr.io/p/**', 'gcr.io/p*'.replace('*', '/x*')],
    ['gcr.io/p/*', 'gcr.io/p/app@*'],
    ['gcr.io/p/app*', 'gcr.io/p/app-v2*'],
    ['gcr.io/p/app*', 'gcr.io/p/app@*'],
    ['gcr.io/p/app@*', 'gcr.io/p/app@*'],
    [`gcr.io/p/app@${D}`, `gcr.io/p/app@${D}`],
  ])('%s covers %s', (outer, inner) => expect(patternCovers(outer, inner)).toBe(true));

  test.each([
    ['a.io/b/c@*', 'a.io/b/**'],
    ['a.io/bc@*', 'a.io/b*'],
    [`a.io/b/c@${D}`, 'a.io/b/c@*'],
    // `*` never crosses a `/`
    ['gcr.io/p/*', 'gcr.io/p/**'],
    ['gcr.io/p/*', 'gcr.io/p/team/app@*'],
    ['gcr.io/p/app*', 'gcr.io/p/app/x@*'],
    // siblings and longer prefixes
    ['gcr.io/p/**', 'gcr.io/q/**'],
    ['gcr.io/p/app/**', 'gcr.io/p/**'],
    ['gcr.io/p/app-v2*', 'gcr.io/p/app*'],
    ['gcr.io/p/app@*', 'gcr.io/p/app*'],
    ['gcr.io/p/app@*', 'gcr.io/p/other@*'],
  ])('%s does not cover %s', (outer, inner) => expect(patternCovers(outer, inner)).toBe(false));

  test('coveredByAny', () => {
    expect(coveredByAny(['gcr.io/x/**', 'gcr.io/p/**'], 'gcr.io/p/app@*')).toBe(true);
    expect(coveredByAny(['gcr.io/x/**'], 'gcr.io/p/app@*')).toBe(false);
    expect(coveredByAny([], 'gcr.io/p/app@*')).toBe(false);
  });
});

describe('exampleAdmittedOnlyBy', () => {
  test('makes up an image the new pattern admits and the others do not', () => {
    const example = exampleAdmittedOnlyBy('gcr.io/p/**', ['gcr.io/p/apps/**'])!;
    expect(example).toMatch(/^gcr\.io\/p\/.+@sha256:[0-9a-f]{64}$/);
    expect(evaluate(policyModel({ patterns: ['gcr.io/p/**'] }), example).decision).toBe('ALLOW');
    expect(evaluate(policyModel({ patterns: ['gcr.io/p/apps/**'] }), example).decision).toBe('DENY');
  });

  test('is undefined when the others cover the pattern', () => {
    expect(exampleAdmittedOnlyBy('gcr.io/p/apps/**', ['gcr.io/p/**'])).toBeUndefined();
  });
});

describe('pattern containment: properties', () => {
  const admits = (pattern: string, img: string) =>
    evaluate(policyModel({ patterns: [pattern] }), img).decision === 'ALLOW';

  test('if a covers b, every image b admits is admitted by a, under the evaluator', () => {
    fc.assert(
      fc.property(validPattern, validPattern, fc.array(image, { minLength: 1, maxLength: 20 }), (a, b, images) => {
        if (patternCovers(a, b)) {
          for (const img of images.filter((i) => admits(b, i))) {
            expect(admits(a, img)).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  /** A pattern and one made narrower from it: a longer prefix and a wildcard that admits less. */
  const narrowed = fc
    .tuple(validPattern, component, fc.constantFrom('/**', '/*', '*', '@*', '@digest', ''), digest)
    .map(([a, c, end, d]) => {
      const { prefix, wildcard } = parseAllowlistPattern(a);
      const tail = end === '@digest' ? `@${d}` : end;
      switch (wildcard) {
        case '**':
          return [a, `${prefix}${c}${tail}`];
        case '*':
          return [a, `${prefix}${c}${tail.startsWith('/') ? '*' : tail}`];
        case '@*':
          return [a, `${prefix}@${d}`];
        default:
          return [a, a];
      }
    })
    .filter(([, b]) => parseAllowlistPattern(b).problems.length === 0);

  test('a pattern made narrower from another is covered by it, and what it admits the other admits', () => {
    fc.assert(
      fc.property(narrowed, fc.array(image, { maxLength: 10 }), ([a, b], images) => {
        expect(patternCovers(a, b)).toBe(true);
        const own = exampleAdmittedOnlyBy(b, []);
        for (const img of [...images, ...(own ? [own] : [])].filter((i) => admits(b, i))) {
          expect(admits(a, img)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('if a does not cover b, an image admitted by b and not by a exists and is found', () => {
    fc.assert(
      fc.property(candidatePattern, candidatePattern, (a, b) => {
        if (!patternCovers(a, b)) {
          const example = exampleAdmittedOnlyBy(b, [a]);
          expect(example).toBeDefined();
          expect(patternMatches(parseAllowlistPattern(b), example!)).toBe(true);
          expect(patternMatches(parseAllowlistPattern(a), example!)).toBe(false);
        } else {
          expect(exampleAdmittedOnlyBy(b, [a])).toBeUndefined();
        }
      }),
      { numRuns: 1000 },
    );
  });
});
