/**
 * The allowlist pattern grammar (`admissionWhitelistPatterns[].namePattern`), written once: the
 * constructs validate with it, and the evaluator and the CLI match with it.
 *
 * Google's documented semantics (policy YAML reference; API proto; Cloud Run section of
 * "configure a policy"):
 * - a pattern is `registry/path` with at most one wildcard, and only at its end;
 * - `*` matches within one directory: it never crosses a `/`;
 * - `**` also matches subdirectories;
 * - wildcards may stand only after the `registry/` part;
 * - Cloud Run does not accept tags in patterns: `image@*` allows every version of one image,
 *   `image@sha256:…` one digest.
 *
 * Beyond Google's own rules, this library refuses `name**` without a `/` before the `**`: Google warns
 * that `gcr.io/my-project**` also admits `gcr.io/my-project-exploit/…`. Write `gcr.io/my-project/**`.
 */
import { DIGEST, PATH_COMPONENT, REGISTRY_HOST } from './image';

/** What a pattern ends with. */
export type PatternWildcard = 'none' | '*' | '**' | '@*';

/** Why a pattern is refused. */
export type PatternProblemCode =
  | 'empty'
  | 'whitespace'
  | 'no-registry'
  | 'invalid-registry'
  | 'wildcard-in-registry'
  | 'wildcard-not-at-end'
  | 'tag'
  | 'invalid-digest'
  | 'prefix-double-star'
  | 'invalid-path';

/** One reason a pattern is refused. */
export interface PatternProblem {
  /** A stable code. */
  readonly code: PatternProblemCode;
  /** What is wrong and how to fix it, as a sentence fragment without the pattern itself. */
  readonly message: string;
}

/** A pattern taken apart. */
export interface AllowlistPattern {
  /** The pattern as written. */
  readonly pattern: string;
  /** Everything before the trailing wildcard (the whole pattern when there is none). */
  readonly prefix: string;
  /** The trailing wildcard. */
  readonly wildcard: PatternWildcard;
  /** Problems that make the pattern invalid; empty when it is valid. */
  readonly problems: PatternProblem[];
}

const EXAMPLES = 'like "us-docker.pkg.dev/my-project/repo/**", "gcr.io/my-project/app*" or "gcr.io/my-project/app@*"';

/** Parses and validates a pattern. Never throws: problems come back as data. */
export function parseAllowlistPattern(pattern: string): AllowlistPattern {
  const { prefix, wildcard } = splitWildcard(pattern);
  return { pattern, prefix, wildcard, problems: findProblems(pattern, prefix, wildcard) };
}

/**
 * Whether `image` is admitted by `pattern`, by Google's matching semantics, whether or not the
 * pattern is valid by this library's stricter rules (so that policies written elsewhere can be
 * evaluated). A pattern with a wildcard anywhere but its end matches only itself, literally.
 */
export function patternMatches(pattern: AllowlistPattern, image: string): boolean {
  switch (pattern.wildcard) {
    case 'none':
      return image === pattern.prefix;
    case '**':
      return image.startsWith(pattern.prefix);
    case '*':
    case '@*': {
      const head = pattern.wildcard === '@*' ? `${pattern.prefix}@` : pattern.prefix;
      return image.startsWith(head) && !image.slice(head.length).includes('/');
    }
  }
}

function splitWildcard(pattern: string): { prefix: string; wildcard: PatternWildcard } {
  if (pattern.endsWith('@*')) {
    return { prefix: pattern.slice(0, -2), wildcard: '@*' };
  }
  if (pattern.endsWith('**')) {
    return { prefix: pattern.slice(0, -2), wildcard: '**' };
  }
  if (pattern.endsWith('*')) {
    return { prefix: pattern.slice(0, -1), wildcard: '*' };
  }
  return { prefix: pattern, wildcard: 'none' };
}

function findProblems(pattern: string, prefix: string, wildcard: PatternWildcard): PatternProblem[] {
  if (pattern === '') {
    return [{ code: 'empty', message: `a pattern cannot be empty; write one ${EXAMPLES}` }];
  }
  if (/\s/.test(pattern)) {
    return [{ code: 'whitespace', message: 'a pattern cannot contain white space' }];
  }
  if (prefix.includes('*')) {
    return [
      {
        code: 'wildcard-not-at-end',
        message: `a wildcard ("*" or "**") may stand only at the end of a pattern; write one ${EXAMPLES}`,
      },
    ];
  }
  const slash = prefix.indexOf('/');
  if (slash < 0) {
    return wildcard === 'none'
      ? [{ code: 'no-registry', message: `a pattern starts with a registry host and a path, ${EXAMPLES}` }]
      : [
          {
            code: 'wildcard-in-registry',
            message: `a wildcard may stand only after the "registry/" part, like "${prefix}/**"`,
          },
        ];
  }
  const registry = prefix.slice(0, slash);
  if (!REGISTRY_HOST.test(registry)) {
    return [
      {
        code: registry.includes('.') || registry === 'localhost' ? 'invalid-registry' : 'no-registry',
        message: `a pattern starts with a registry host such as "gcr.io" or "us-docker.pkg.dev", and "${registry}" is not one`,
      },
    ];
  }
  return checkPath(registry, prefix.slice(slash + 1), wildcard);
}

/** Checks what follows `registry/`: path components, then the wildcard, a digest, or nothing. */
function checkPath(registry: string, rest: string, wildcard: PatternWildcard): PatternProblem[] {
  const at = rest.indexOf('@');
  const name = at >= 0 ? rest.slice(0, at) : rest;
  if (at >= 0) {
    const digest = rest.slice(at + 1);
    if (wildcard !== 'none' || !DIGEST.test(digest)) {
      return [
        {
          code: 'invalid-digest',
          message:
            'after "@" a pattern has either "*" (every digest of the image) or a full digest like "sha256:" and 64 hex digits',
        },
      ];
    }
  }
  const components = name.split('/');
  const last = components[components.length - 1];
  if (last.includes(':')) {
    return [
      {
        code: 'tag',
        message: `Cloud Run does not accept tags in allowlist patterns; allow every version of the image with "${registry}/${name.slice(0, name.lastIndexOf(':'))}@*", or one version with its digest "…@sha256:…"`,
      },
    ];
  }
  if (wildcard === '**' && last !== '') {
    return [
      {
        code: 'prefix-double-star',
        message: `"${last}**" also matches sibling directories whose names start with "${last}" (for example other projects); end the pattern with "/**" instead`,
      },
    ];
  }
  // A trailing `*` or `**` may follow a `/` (an empty last component) or part of a component.
  const full = wildcard === '*' || wildcard === '**' ? components.slice(0, -1) : components;
  const partial = wildcard === '*' && last !== '' ? [last] : [];
  const bad = full.find((c) => !PATH_COMPONENT.test(c)) ?? partial.find((c) => !/^[a-z0-9]([a-z0-9._-]*)$/.test(c));
  if (bad !== undefined || (wildcard === 'none' && name === '')) {
    return [
      {
        code: 'invalid-path',
        message: `path component "${bad ?? ''}" is not lowercase letters and digits joined by ".", "_" or "-"; write a pattern ${EXAMPLES}`,
      },
    ];
  }
  return [];
}
