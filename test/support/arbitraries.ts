/**
 * fast-check generators of images and allowlist patterns, shared by the property tests of the
 * evaluator and of pattern containment. A small alphabet, so that generated patterns and images share
 * prefixes often.
 */
import fc from 'fast-check';
import { parseAllowlistPattern } from '../../src/core/pattern';

/** A word of the small alphabet. */
export const word = fc.string({ unit: fc.constantFrom('a', 'b', '1'), minLength: 1, maxLength: 3 });
/** A path component: words joined by separators. */
export const component = fc
  .tuple(word, fc.option(fc.tuple(fc.constantFrom('.', '_', '-', '__'), word), { nil: undefined }))
  .map(([w, more]) => (more ? `${w}${more[0]}${more[1]}` : w));
/** A registry host. */
export const registry = fc.constantFrom('gcr.io', 'us-docker.pkg.dev', 'localhost:5000', 'a.b');
/** Digests as images carry them. */
export const digest = fc.constantFrom(
  `sha256:${'a'.repeat(64)}`,
  `sha256:${'ab'.repeat(32)}`,
  `sha256:${'1'.repeat(64)}`,
);
const tag = fc.constantFrom('latest', 'v1', 'v1.2', 'a');

/** Image references, with or without tag and digest. */
export const image = fc
  .tuple(registry, fc.array(component, { minLength: 1, maxLength: 4 }), fc.option(tag), fc.option(digest))
  .map(([r, path, t, d]) => `${r}/${path.join('/')}${t ? `:${t}` : ''}${d ? `@${d}` : ''}`);

/** Candidate patterns of every shape: most valid, some not. */
export const candidatePattern = fc
  .tuple(
    registry,
    fc.array(component, { minLength: 0, maxLength: 3 }),
    fc.constantFrom('', '/**', '/*', '*', '**', '@*', '@digest', ':latest', '/'),
    digest,
  )
  .map(([r, path, end, d]) => {
    const base = [r, ...path].join('/');
    return end === '@digest' ? `${base}@${d}` : `${base}${end}`;
  });

/** Patterns that validation accepts. */
export const validPattern = candidatePattern.filter((p) => parseAllowlistPattern(p).problems.length === 0);
