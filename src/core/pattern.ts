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
 * Beyond Google's own rules, this library refuses:
 * - `name**` without a `/` before the `**`: Google warns that `gcr.io/my-project**` also admits
 *   `gcr.io/my-project-exploit/…`. Write `gcr.io/my-project/**`.
 * - a wildcard before the tenant on a registry that many owners share (`gcr.io/**`, `docker.io/*`,
 *   `us-docker.pkg.dev/**`; see `registries.ts`): it admits anyone's images. Write `gcr.io/my-project/**`.
 */
import { DIGEST, PATH_COMPONENT, REGISTRY_HOST } from './image';
import { tenantKindOf, tenantSegments } from './registries';

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
  | 'multi-tenant-registry'
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
    case '@*':
      return withinDirectoryOf(headOf(pattern), image);
  }
}

/**
 * Whether `pattern` admits `name@DIGEST` for every digest: how an image known only by its name (and a
 * tag) can be judged before Cloud Run resolves it to a digest. `name` is `registry/repository`, without
 * tag or digest. A pattern that depends on the digest (an exact digest, or a prefix reaching into it)
 * does not count: it may or may not match the digest the tag resolves to.
 */
export function patternMatchesEveryDigest(pattern: AllowlistPattern, name: string): boolean {
  const resolved = `${name}@`;
  switch (pattern.wildcard) {
    case 'none':
      return false;
    case '**':
      return resolved.startsWith(pattern.prefix);
    case '*':
    case '@*':
      // A digest never holds a `/`, so only the part of `name@` after the head can cross one.
      return withinDirectoryOf(headOf(pattern), resolved);
  }
}

/** What a `*` or `@*` pattern's image must start with: the prefix, and the `@` of `@*`. */
function headOf(pattern: { prefix: string; wildcard: PatternWildcard }): string {
  return pattern.wildcard === '@*' ? `${pattern.prefix}@` : pattern.prefix;
}

/** Whether `image` starts with `head` and has no `/` after it: what `*` matches. */
function withinDirectoryOf(head: string, image: string): boolean {
  return image.startsWith(head) && !image.slice(head.length).includes('/');
}

/**
 * Allowlist patterns indexed for matching many images: the answers of `patternMatches` and
 * `patternMatchesEveryDigest` for the first pattern that admits an image, found with a few map lookups
 * per image instead of one test per pattern. Each pattern is taken apart once, when the index is built.
 *
 * How: an image matches `prefix**` only if it starts with the prefix's directory (up to its last `/`),
 * which is one of the image's own directories; it matches `head*` (and `head@*`, whose head ends with
 * `@`) only if its own directory is the head's, since `*` never crosses a `/`; and it matches a pattern
 * without a wildcard only if it is that pattern. Within a directory, a pattern is found by looking up
 * the image's first N characters, once for each distinct head length N there.
 */
export class PatternIndex {
  /** The patterns, in the order given. */
  public readonly patterns: readonly string[];
  /** Patterns without a wildcard, by their text (the first of equal ones). */
  private readonly exact = new Map<string, number>();
  /** `*` and `@*` patterns, by the directory of their head. */
  private readonly withinDirectory = new Map<string, HeadGroup>();
  /** `**` patterns, by the directory of their prefix. */
  private readonly belowDirectory = new Map<string, HeadGroup>();

  constructor(patterns: readonly string[]) {
    this.patterns = [...patterns];
    this.patterns.forEach((text, index) => {
      // Only the shape matters for matching (see `patternMatches`), not the validation problems.
      const pattern = splitWildcard(text);
      switch (pattern.wildcard) {
        case 'none':
          if (!this.exact.has(pattern.prefix)) {
            this.exact.set(pattern.prefix, index);
          }
          return;
        case '**':
          groupOf(this.belowDirectory, directoryOf(pattern.prefix)).add(pattern.prefix, index);
          return;
        case '*':
        case '@*': {
          const head = headOf(pattern);
          groupOf(this.withinDirectory, directoryOf(head)).add(head, index);
          return;
        }
      }
    });
  }

  /** The position of the first pattern for which `patternMatches(pattern, image)` holds, if any. */
  public firstMatch(image: string): number | undefined {
    const best = this.firstWildcardMatch(image, this.exact.get(image) ?? NONE);
    return best === NONE ? undefined : best;
  }

  /** The position of the first pattern for which `patternMatchesEveryDigest(pattern, name)` holds, if any. */
  public firstMatchForEveryDigest(name: string): number | undefined {
    const best = this.firstWildcardMatch(`${name}@`, NONE);
    return best === NONE ? undefined : best;
  }

  /**
   * The position of the first pattern that admits every image under `directory` (which ends with `/`), at
   * any depth and with any digest: a `**` pattern whose prefix `directory` starts with. How a repository
   * that a build writes to is judged before its images exist.
   */
  public firstMatchForEveryImageUnder(directory: string): number | undefined {
    let best = NONE;
    let end = 0;
    do {
      best = this.belowDirectory.get(directory.slice(0, end))?.first(directory, best) ?? best;
      end = directory.indexOf('/', end) + 1;
    } while (end > 0);
    return best === NONE ? undefined : best;
  }

  private firstWildcardMatch(image: string, best: number): number {
    best = this.withinDirectory.get(directoryOf(image))?.first(image, best) ?? best;
    // The image's directories, from the shortest: "" (for prefixes without a "/"), "gcr.io/", "gcr.io/p/", …
    let end = 0;
    do {
      best = this.belowDirectory.get(image.slice(0, end))?.first(image, best) ?? best;
      end = image.indexOf('/', end) + 1;
    } while (end > 0);
    return best;
  }
}

const NONE = Number.MAX_SAFE_INTEGER;

/** Pattern heads of one directory, found by exact lookups of an image's first N characters. */
class HeadGroup {
  private readonly lengths: number[] = [];
  private readonly positions = new Map<string, number>();

  public add(head: string, index: number): void {
    if (this.positions.has(head)) {
      return; // an equal head earlier in the list matches the same images first
    }
    this.positions.set(head, index);
    if (!this.lengths.includes(head.length)) {
      this.lengths.push(head.length);
    }
  }

  /** The smaller of `best` and the position of the first head that `image` starts with. */
  public first(image: string, best: number): number {
    for (const length of this.lengths) {
      if (length <= image.length) {
        const index = this.positions.get(image.slice(0, length));
        if (index !== undefined && index < best) {
          best = index;
        }
      }
    }
    return best;
  }
}

function groupOf(groups: Map<string, HeadGroup>, directory: string): HeadGroup {
  let group = groups.get(directory);
  if (group === undefined) {
    group = new HeadGroup();
    groups.set(directory, group);
  }
  return group;
}

/** Everything up to and including the last `/`; empty when there is none. */
function directoryOf(value: string): string {
  return value.slice(0, value.lastIndexOf('/') + 1);
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
    if (wildcard === 'none') {
      return [{ code: 'no-registry', message: `a pattern starts with a registry host and a path, ${EXAMPLES}` }];
    }
    // `*`, `**` or `gcr.io*`: suggest what names a repository, never another pattern that is too broad.
    const example = prefix === '' || tenantKindOf(prefix) !== undefined ? undefined : `${prefix}/**`;
    return [
      {
        code: 'wildcard-in-registry',
        message: `a wildcard may stand only after the "registry/" part${
          prefix === '' ? ' (a pattern of wildcards alone would admit every image)' : ''
        }; write one ${example ? `like "${example}"` : EXAMPLES}`,
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
            'after "@" a pattern has either "*" (every digest of the image) or a full digest: "sha256:" and 64 lowercase hex digits',
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
  if (wildcard === '*' || wildcard === '**') {
    return checkTenant(registry, full);
  }
  // Where anyone pushes any name, only a digest names a known image.
  return at < 0 && tenantKindOf(registry) === 'anyone' ? [anyonePushes(registry)] : [];
}

/** The problem of a pattern not pinned to a digest on a registry where anyone pushes any name. */
function anyonePushes(registry: string): PatternProblem {
  return {
    code: 'multi-tenant-registry',
    message: `anyone can push any name to "${registry}", without an account, so a pattern there admits anyone's images unless it is pinned to a digest, like "${registry}/NAME@sha256:…"`,
  };
}

/**
 * On a registry that many owners share, a `*` or `**` must follow the tenant (`directories`: the path
 * components before the wildcard's own).
 */
function checkTenant(registry: string, directories: string[]): PatternProblem[] {
  const kind = tenantKindOf(registry);
  const tenant = tenantSegments(registry, directories.join('/'));
  if (kind === undefined || tenant === undefined || directories.length >= tenant) {
    return [];
  }
  if (kind === 'anyone') {
    return [anyonePushes(registry)];
  }
  const owners =
    kind === 'project'
      ? 'every Google Cloud project has its own images there'
      : 'anyone can create a namespace there and push images';
  const placeholder = kind === 'project' ? 'PROJECT_ID' : 'NAMESPACE';
  return [
    {
      code: 'multi-tenant-registry',
      message: `"${registry}" is shared by many owners (${owners}), and a wildcard before the ${kind} admits anyone's images; name the ${kind} before the wildcard, like "${registry}/${placeholder}/**"`,
    },
  ];
}
