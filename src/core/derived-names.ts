/**
 * Default resource ids derived from a construct path: deterministic, and valid by the rules in
 * `names.ts` and `keys.ts` (letters, digits and hyphens, starting with a letter, bounded length).
 */
import { createHash } from 'crypto';

/**
 * Joins `parts` into a lowercase id of at most `maxLength` characters: letters, digits and single
 * hyphens, starting with a letter and ending with a letter or digit. When the parts do not fit, they are
 * shortened and end with a hash of the full path, so different paths keep different ids.
 */
export function deriveResourceId(parts: string[], maxLength: number): string {
  const full = parts.join('/');
  let id = parts
    .map((p) => p.toLowerCase().replace(/[^a-z0-9]+/g, '-'))
    .join('-')
    .replace(/-+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
  if (id === '') {
    id = 'binauthz';
  }
  if (id.length <= maxLength) {
    return id;
  }
  const hash = shortHash(full);
  return `${id.slice(0, maxLength - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}

/** The first 8 hex digits of the SHA-256 of `text`: short, stable across runs and platforms. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}
