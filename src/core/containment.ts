/**
 * Pattern containment, decided with the one pattern grammar (`pattern.ts`): whether every image one
 * allowlist pattern admits is admitted by another. A change review needs it to tell a new pattern that
 * widens the allowlist from one that an existing pattern already covers.
 *
 * A pattern admits a set of strings (`patternMatches`):
 * - no wildcard: the pattern itself;
 * - `prefix**`: every string that starts with the prefix;
 * - `prefix*`: every string that starts with the prefix and has no `/` after it;
 * - `name@*`: the same as `name@*` read as `prefix*` with the prefix `name@`.
 * Containment is decided on these sets, exactly: `a` covers `b` when `b`'s set is a subset of `a`'s.
 * Since the evaluator admits an image by these same sets (for an image with a digest), or by "admits
 * every digest of the name" (for an image known by its tag), which is monotone in the set, an image
 * that `b` admits is admitted by `a`.
 */
import { AllowlistPattern, parseAllowlistPattern, PatternIndex, patternMatches } from './pattern';

/** A pattern as the set of strings it admits: a prefix and how much may follow it. */
interface PatternSet {
  /** Exactly `prefix` (`none`), anything after it (`any`), or anything without a `/` after it (`segment`). */
  readonly kind: 'exact' | 'any' | 'segment';
  readonly prefix: string;
}

function setOf(pattern: AllowlistPattern): PatternSet {
  switch (pattern.wildcard) {
    case 'none':
      return { kind: 'exact', prefix: pattern.prefix };
    case '**':
      return { kind: 'any', prefix: pattern.prefix };
    case '*':
      return { kind: 'segment', prefix: pattern.prefix };
    case '@*':
      return { kind: 'segment', prefix: `${pattern.prefix}@` };
  }
}

/**
 * Whether `outer` admits every image that `inner` admits. Both are patterns as written (valid or not,
 * as `patternMatches` reads any pattern).
 */
export function patternCovers(outer: string, inner: string): boolean {
  const a = parseAllowlistPattern(outer);
  const b = setOf(parseAllowlistPattern(inner));
  switch (b.kind) {
    case 'exact':
      return patternMatches(a, b.prefix);
    case 'any': {
      // Every continuation of b's prefix, slashes included: only a `**` of a shorter or equal prefix.
      const s = setOf(a);
      return s.kind === 'any' && b.prefix.startsWith(s.prefix);
    }
    case 'segment': {
      // Every continuation without a slash: a `**` of a prefix of b's, or a `*` whose prefix leaves no slash.
      const s = setOf(a);
      if (!b.prefix.startsWith(s.prefix) || s.kind === 'exact') {
        return false;
      }
      return s.kind === 'any' || !b.prefix.slice(s.prefix.length).includes('/');
    }
  }
}

/** Whether any of `patterns` covers `pattern` (see `patternCovers`). */
export function coveredByAny(patterns: readonly string[], pattern: string): boolean {
  return patterns.some((p) => patternCovers(p, pattern));
}

/** A digest for example images: valid, and recognisable as made up. */
const EXAMPLE_DIGEST = `sha256:${'0'.repeat(60)}beef`;

/**
 * An image that `pattern` admits and none of `others` does, for a reviewer to see what a new pattern
 * lets in; `undefined` when `others` cover the pattern (or no such image can be made up from it).
 */
export function exampleAdmittedOnlyBy(pattern: string, others: readonly string[]): string | undefined {
  const index = new PatternIndex(others);
  const self = parseAllowlistPattern(pattern);
  return candidateImages(self).find((image) => patternMatches(self, image) && index.firstMatch(image) === undefined);
}

/** Images a pattern admits, from the most telling (a new image in a new directory) to the plainest. */
function candidateImages(pattern: AllowlistPattern): string[] {
  const at = `@${EXAMPLE_DIGEST}`;
  switch (pattern.wildcard) {
    case 'none':
      return [pattern.prefix];
    case '@*':
      return [`${pattern.prefix}${at}`];
    case '*': {
      const names = ['any-image', 'x', 'z9'];
      return names
        .map((n) => `${pattern.prefix}${pattern.prefix.endsWith('/') ? '' : '-'}${n}${at}`)
        .concat(names.map((n) => `${pattern.prefix}${n}${at}`));
    }
    case '**': {
      const join = pattern.prefix.endsWith('/') || pattern.prefix === '' ? '' : '-';
      return [
        `${pattern.prefix}${join}anyone/any-image${at}`,
        `${pattern.prefix}${join}any-image${at}`,
        `${pattern.prefix}anyone/any-image${at}`,
        `${pattern.prefix}any-image${at}`,
      ];
    }
  }
}
