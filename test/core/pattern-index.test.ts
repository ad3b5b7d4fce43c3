import fc from 'fast-check';
import { parseAllowlistPattern, PatternIndex, patternMatches, patternMatchesEveryDigest } from '../../src/core/pattern';

const DIGEST = `sha256:${'a'.repeat(64)}`;

/** The first position whose pattern matches, by testing every pattern in turn: what the index must answer. */
function linearFirst(patterns: string[], matches: (pattern: string) => boolean): number | undefined {
  const index = patterns.findIndex(matches);
  return index < 0 ? undefined : index;
}

// Few characters, with every one that means something to a pattern, so that patterns and images collide often.
const text = fc.string({ unit: fc.constantFrom('a', 'b', '/', '*', '@', ':', '.'), maxLength: 8 });
const pathy = fc
  .tuple(
    fc.constantFrom('gcr.io', 'us-docker.pkg.dev', 'localhost:5000', ''),
    fc.array(fc.constantFrom('a', 'b', 'ab', 'a-b', 'a.b'), { maxLength: 3 }),
    fc.constantFrom('', '/', '*', '/*', '**', '/**', '@*', `@${DIGEST}`, ':latest', 'a*'),
  )
  .map(([registry, path, end]) => `${[registry, ...path].join('/')}${end}`);
const anyPattern = fc.oneof(pathy, text);
const anyImage = fc.oneof(
  pathy.map((p) => p.replace(/\*+$/, '')),
  text,
  pathy.map((p) => `${p.replace(/[*@].*$/, '')}@${DIGEST}`),
);

describe('PatternIndex', () => {
  test.each([
    ['firstMatch', 'patternMatches', (index: PatternIndex, image: string) => index.firstMatch(image), patternMatches],
    [
      'firstMatchForEveryDigest',
      'patternMatchesEveryDigest',
      (index: PatternIndex, name: string) => index.firstMatchForEveryDigest(name),
      patternMatchesEveryDigest,
    ],
  ] as const)('%s answers what testing every pattern with %s answers', (_, __, indexed, matches) => {
    fc.assert(
      fc.property(fc.array(anyPattern, { maxLength: 12 }), anyImage, (patterns, image) => {
        expect(indexed(new PatternIndex(patterns), image)).toBe(
          linearFirst(patterns, (p) => matches(parseAllowlistPattern(p), image)),
        );
      }),
      { numRuns: 3000 },
    );
  });

  test.each([
    // [patterns, image, position of the first match]
    [['gcr.io/p/**', 'gcr.io/**'], `gcr.io/p/a/b@${DIGEST}`, 0],
    [['gcr.io/q/**', 'gcr.io/p/a*', 'gcr.io/p/**'], `gcr.io/p/ab@${DIGEST}`, 1],
    [['gcr.io/p/a*'], `gcr.io/p/ab/c@${DIGEST}`, undefined],
    [['gcr.io/p/app@*', 'gcr.io/p/app@*'], `gcr.io/p/app@${DIGEST}`, 0],
    [['gcr.io/p/ap@*'], `gcr.io/p/app@${DIGEST}`, undefined],
    [[`gcr.io/p/app@${DIGEST}`], `gcr.io/p/app@${DIGEST}`, 0],
    [['**'], `gcr.io/p/app@${DIGEST}`, 0],
    [['*'], `gcr.io/p/app@${DIGEST}`, undefined],
    [['gcr.io/my-project**'], `gcr.io/my-project-exploit/app@${DIGEST}`, 0],
    [[], `gcr.io/p/app@${DIGEST}`, undefined],
  ])('%j admits %s at position %s', (patterns, image, expected) => {
    expect(new PatternIndex(patterns).firstMatch(image)).toBe(expected);
  });

  test('a pinned digest does not admit every digest of the image; "@*" does', () => {
    const index = new PatternIndex([`gcr.io/p/app@${DIGEST}`, 'gcr.io/p/app@*']);
    expect(index.firstMatchForEveryDigest('gcr.io/p/app')).toBe(1);
  });

  test('keeps the patterns in the order given', () => {
    expect(new PatternIndex(['b/**', 'a/**', 'b/**']).patterns).toEqual(['b/**', 'a/**', 'b/**']);
  });
});
