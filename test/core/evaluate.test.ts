import { evaluate, PolicyModelError } from '../../src/core/evaluate';
import { EnforcementModeValue, PolicyModel, isInterpolated } from '../../src/core/policy';
import { policyModel } from '../support';

const D1 = `sha256:${'a'.repeat(64)}`;
const D2 = `sha256:${'b'.repeat(64)}`;
const ATTESTOR = 'projects/sec/attestors/built-by-ci';
const ENFORCED: EnforcementModeValue = 'ENFORCED_BLOCK_AND_AUDIT_LOG';
const DRYRUN: EnforcementModeValue = 'DRYRUN_AUDIT_LOG_ONLY';
/** The image the cases of rules, enforcement and unknown values judge. */
const APP = `gcr.io/p/app@${D1}`;

function policy(
  patterns: string[],
  evaluationMode: string = 'ALWAYS_DENY',
  enforcementMode: string = ENFORCED,
  attestors: string[] = evaluationMode === 'REQUIRE_ATTESTATION' ? [ATTESTOR] : [],
): PolicyModel {
  return policyModel({ patterns, evaluationMode, enforcementMode, attestors });
}

interface Case {
  readonly name: string;
  readonly model: PolicyModel;
  readonly image: string;
  readonly decision: string;
  readonly admitted: boolean;
  readonly matchedPattern?: string;
}

/** A case of any policy: what it decides on `image`, whether that is admitted, and the pattern that matched if any. */
function decides(
  name: string,
  model: PolicyModel,
  image: string,
  decision: string,
  admitted: boolean,
  matchedPattern?: string,
): Case {
  return { name, model, image, decision, admitted, matchedPattern };
}

/**
 * A case of a policy of these patterns (ALWAYS_DENY, enforced) whose pattern `matched` (the only pattern, when
 * there is one) admits `image`.
 */
function allows(
  name: string,
  patterns: string[],
  image: string,
  matched = patterns.length === 1 ? patterns[0] : undefined,
): Case {
  return decides(name, policy(patterns), image, 'ALLOW', true, matched);
}

/** A case of a policy of these patterns (ALWAYS_DENY, enforced) that no pattern of which admits `image`. */
function denies(name: string, patterns: string[], image: string): Case {
  return decides(name, policy(patterns), image, 'DENY', false);
}

const cases: Case[] = [
  // Google's policy YAML reference examples
  allows(
    '"nginx*" matches the tagged image in its directory (docs example)',
    ['gcr.io/my-project/nginx*'],
    'gcr.io/my-project/nginx:latest',
  ),
  denies(
    '"nginx*" does not match a subdirectory (docs example)',
    ['gcr.io/my-project/nginx*'],
    'gcr.io/my-project/nginx-images/nginx:latest',
  ),
  allows(
    '"nginx**" matches subdirectories (docs example)',
    ['gcr.io/my-project/nginx**'],
    'gcr.io/my-project/nginx-1.14.2/image:latest',
  ),
  allows(
    '"my-project**" also admits my-project-exploit (Google\'s caution)',
    ['gcr.io/my-project**'],
    `gcr.io/my-project-exploit/nginx-exploit@${D1}`,
  ),
  denies(
    '"my-project/**" does not admit my-project-exploit',
    ['gcr.io/my-project/**'],
    `gcr.io/my-project-exploit/nginx-exploit@${D1}`,
  ),
  allows('"my-project/**" admits a nested path', ['gcr.io/my-project/**'], `gcr.io/my-project/a/b/c@${D1}`),
  denies(
    '"n*x" (wildcard inside) matches nothing but itself',
    ['gcr.io/my-project/n*x'],
    `gcr.io/my-project/nginx@${D1}`,
  ),
  allows(
    'the default policy allowlist admits a google_containers image',
    ['gcr.io/google_containers/*'],
    'gcr.io/google_containers/pause:3.9',
  ),
  // Cloud Run: `@*`, digests and tags
  allows(
    '"hello@*" admits a tagged image (Cloud Run docs example)',
    ['us-docker.pkg.dev/myproject/container/hello@*'],
    'us-docker.pkg.dev/myproject/container/hello:latest',
  ),
  allows(
    '"hello@*" admits any digest of the image',
    ['us-docker.pkg.dev/myproject/container/hello@*'],
    `us-docker.pkg.dev/myproject/container/hello@${D2}`,
  ),
  allows(
    '"hello@*" admits tag and digest together (the tag is dropped)',
    ['us-docker.pkg.dev/myproject/container/hello@*'],
    `us-docker.pkg.dev/myproject/container/hello:v1@${D1}`,
  ),
  allows(
    '"hello@*" admits the image without tag or digest',
    ['us-docker.pkg.dev/myproject/container/hello@*'],
    'us-docker.pkg.dev/myproject/container/hello',
  ),
  denies(
    '"hello@*" does not admit a longer image name',
    ['us-docker.pkg.dev/myproject/container/hello@*'],
    `us-docker.pkg.dev/myproject/container/hello-world@${D1}`,
  ),
  denies(
    '"hello@*" does not admit an image below it',
    ['us-docker.pkg.dev/myproject/container/hello@*'],
    `us-docker.pkg.dev/myproject/container/hello/sub@${D1}`,
  ),
  allows(
    '"**" for all images of a project (Cloud Run docs example)',
    ['us-docker.pkg.dev/myproject/**'],
    'us-docker.pkg.dev/myproject/container/hello:v2',
  ),
  allows(
    'a pinned digest admits that digest',
    [`us-docker.pkg.dev/myproject/container/hello@${D1}`],
    `us-docker.pkg.dev/myproject/container/hello@${D1}`,
  ),
  denies(
    'a pinned digest does not admit another digest',
    [`us-docker.pkg.dev/myproject/container/hello@${D1}`],
    `us-docker.pkg.dev/myproject/container/hello@${D2}`,
  ),
  denies(
    'a pinned digest does not admit a tag-only image (its digest is unknown)',
    [`us-docker.pkg.dev/myproject/container/hello@${D1}`],
    'us-docker.pkg.dev/myproject/container/hello:latest',
  ),
  allows(
    'a pinned digest admits tag and digest together',
    [`us-docker.pkg.dev/myproject/container/hello@${D1}`],
    `us-docker.pkg.dev/myproject/container/hello:v1@${D1}`,
  ),
  denies(
    'a pattern with a tag never matches on Cloud Run, even the same tag',
    ['gcr.io/p/app:latest'],
    'gcr.io/p/app:latest',
  ),
  denies('a pattern with a tag does not match a digest either', ['gcr.io/p/app:latest'], `gcr.io/p/app@${D1}`),
  denies(
    'a bare image path matches nothing on Cloud Run (images are evaluated by digest)',
    ['gcr.io/p/app'],
    `gcr.io/p/app@${D1}`,
  ),
  allows(
    'a prefix reaching into the digest admits a matching digest',
    ['gcr.io/p/app@sha256:aaa*'],
    `gcr.io/p/app@${D1}`,
  ),
  denies(
    'a prefix reaching into the digest does not admit a tag-only image',
    ['gcr.io/p/app@sha256:aaa*'],
    'gcr.io/p/app:v1',
  ),
  // `*` within one directory
  allows('"app*" admits a longer name in the same directory', ['gcr.io/p/app*'], `gcr.io/p/application@${D1}`),
  denies('"app*" does not cross a "/"', ['gcr.io/p/app*'], 'gcr.io/p/app/sub:v1'),
  allows('"p/*" admits an image directly in the directory', ['gcr.io/p/*'], 'gcr.io/p/app:v1'),
  denies('"p/*" does not admit a nested image', ['gcr.io/p/*'], `gcr.io/p/a/b@${D1}`),
  // registry-only patterns
  allows('"gcr.io/**" admits every gcr.io image', ['gcr.io/**'], `gcr.io/anyone/anything/x@${D1}`),
  denies('"gcr.io/**" does not admit another registry', ['gcr.io/**'], `us.gcr.io/p/x@${D1}`),
  denies('"gcr.io/*" admits only top-level images', ['gcr.io/*'], `gcr.io/p/x@${D1}`),
  allows('a registry with a port', ['localhost:5000/p/**'], 'localhost:5000/p/app:1'),
  // regions (Cloud Run functions deployment paths)
  allows(
    'the gcf-artifacts pattern of one region admits its function image',
    ['us-central1-docker.pkg.dev/p/gcf-artifacts/**'],
    'us-central1-docker.pkg.dev/p/gcf-artifacts/p__us--central1__fn:version_1',
  ),
  denies(
    'the gcf-artifacts pattern of one region does not admit another region',
    ['us-central1-docker.pkg.dev/p/gcf-artifacts/**'],
    `europe-west1-docker.pkg.dev/p/gcf-artifacts/fn@${D1}`,
  ),
  allows(
    'the cloud-run-source-deploy pattern admits nested images',
    ['europe-west1-docker.pkg.dev/p/cloud-run-source-deploy/**'],
    `europe-west1-docker.pkg.dev/p/cloud-run-source-deploy/svc/image@${D1}`,
  ),
  allows(
    'the first matching pattern in policy order is reported',
    ['gcr.io/p/**', 'gcr.io/p/app@*'],
    `gcr.io/p/app@${D1}`,
    'gcr.io/p/**',
  ),
  // default rule and enforcement
  denies('no pattern, ALWAYS_DENY, enforced', [], APP),
  decides('no pattern, ALWAYS_ALLOW', policy([], 'ALWAYS_ALLOW'), APP, 'ALLOW', true),
  decides(
    'ALWAYS_DENY in dry run admits (and logs)',
    policy(['gcr.io/other/**'], 'ALWAYS_DENY', DRYRUN),
    APP,
    'DENY',
    true,
  ),
  decides(
    'REQUIRE_ATTESTATION, enforced: not admitted offline',
    policy([], 'REQUIRE_ATTESTATION'),
    APP,
    'REQUIRE_ATTESTATION',
    false,
  ),
  decides(
    'REQUIRE_ATTESTATION in dry run admits',
    policy([], 'REQUIRE_ATTESTATION', DRYRUN),
    APP,
    'REQUIRE_ATTESTATION',
    true,
  ),
  decides(
    'an allowlisted image needs no attestation',
    policy(['gcr.io/p/app@*'], 'REQUIRE_ATTESTATION'),
    APP,
    'ALLOW',
    true,
    'gcr.io/p/app@*',
  ),
  // unknown values
  allows(
    'a known matching pattern admits whatever the unknown pattern holds',
    ['${var.pattern}', 'gcr.io/p/**'],
    APP,
    'gcr.io/p/**',
  ),
  decides(
    'no known match and an unknown pattern: unknown',
    policy(['${var.region}-docker.pkg.dev/p/gcf-artifacts/**', 'gcr.io/q/**']),
    APP,
    'UNKNOWN',
    false,
  ),
  decides(
    'an unknown pattern under ALWAYS_ALLOW cannot change the answer',
    policy(['${var.pattern}'], 'ALWAYS_ALLOW'),
    APP,
    'ALLOW',
    true,
  ),
  decides(
    'an unknown pattern in dry run: unknown, but admitted',
    policy(['${var.pattern}'], 'ALWAYS_DENY', DRYRUN),
    APP,
    'UNKNOWN',
    true,
  ),
  decides('an unknown evaluation mode: unknown', policy([], '${var.mode}'), APP, 'UNKNOWN', false),
  decides(
    'an unknown evaluation mode does not matter to an allowlisted image',
    policy(['gcr.io/p/**'], '${var.mode}'),
    APP,
    'ALLOW',
    true,
    'gcr.io/p/**',
  ),
  decides(
    'an unknown enforcement mode: denied, not known to be admitted',
    policy([], 'ALWAYS_DENY', '${var.enforcement}'),
    APP,
    'DENY',
    false,
  ),
  decides(
    'an unknown enforcement mode under ALWAYS_ALLOW',
    policy([], 'ALWAYS_ALLOW', '${var.enforcement}'),
    APP,
    'ALLOW',
    true,
  ),
  decides(
    'an unknown attestor does not change the decision',
    policy([], 'REQUIRE_ATTESTATION', ENFORCED, ['projects/${var.project}/attestors/a']),
    APP,
    'REQUIRE_ATTESTATION',
    false,
  ),
  allows('Docker Hub style path with "@*"', ['docker.io/library/nginx@*'], 'docker.io/library/nginx:1.25'),
];

describe('evaluate', () => {
  test('the table has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  test.each(cases)('$name', ({ model, image, decision, admitted, matchedPattern }) => {
    const result = evaluate(model, image, isInterpolated);
    expect(result.decision).toBe(decision);
    expect(result.admitted).toBe(admitted);
    expect(result.matchedPattern).toBe(matchedPattern);
    expect(result.image).toBe(image);
  });

  test('REQUIRE_ATTESTATION lists the attestors and says no attestations were given to verify', () => {
    const result = evaluate(
      policy([], 'REQUIRE_ATTESTATION', ENFORCED, [ATTESTOR, 'projects/x/attestors/y']),
      `gcr.io/p/a@${D1}`,
    );
    expect(result.requiredAttestors).toEqual([ATTESTOR, 'projects/x/attestors/y']);
    expect(result.evaluationMode).toBe('REQUIRE_ATTESTATION');
    expect(result.enforcementMode).toBe(ENFORCED);
    expect(result.reason).toMatch(/none were given to verify/);
  });

  test('an allowlisted image reports no rule and no attestors', () => {
    const result = evaluate(policy(['gcr.io/p/**'], 'REQUIRE_ATTESTATION'), `gcr.io/p/a@${D1}`);
    expect(result.requiredAttestors).toEqual([]);
    expect(result.evaluationMode).toBeUndefined();
    expect(result.enforcementMode).toBeUndefined();
    expect(result.reason).toBe('allowlisted by "gcr.io/p/**"');
  });

  test('UNKNOWN names the unknown values, and keeps the attestors that may be required', () => {
    const result = evaluate(policy(['${var.p}'], 'REQUIRE_ATTESTATION'), `gcr.io/p/a@${D1}`, isInterpolated);
    expect(result.unknownValues).toEqual(['allowlist pattern ${var.p}']);
    expect(result.requiredAttestors).toEqual([ATTESTOR]);
    expect(result.reason).toMatch(/^unknown until apply/);
  });

  test('dry run is said in the reason', () => {
    expect(evaluate(policy([], 'ALWAYS_DENY', DRYRUN), `gcr.io/p/a@${D1}`).reason).toMatch(/dry run: admitted/);
  });

  test('a tag-only image that is not admitted is told why', () => {
    expect(evaluate(policy([`gcr.io/p/a@${D1}`]), 'gcr.io/p/a:v1').reason).toMatch(
      /given without a digest.*deploy by digest/,
    );
    expect(evaluate(policy(['gcr.io/p/a:v1']), 'gcr.io/p/a:v1').reason).toMatch(/given without a digest/);
    expect(evaluate(policy(['gcr.io/q/**']), 'gcr.io/p/a:v1').reason).toMatch(/^no allowlist pattern matches;/);
    expect(evaluate(policy([]), 'gcr.io/p/a:v1').evaluatedAs).toBe('gcr.io/p/a@*');
    expect(evaluate(policy([]), `gcr.io/p/a:v1@${D1}`).evaluatedAs).toBe(`gcr.io/p/a@${D1}`);
  });

  test('without isUnknown, nothing is unknown: "${…}" is then an ordinary (non-matching) pattern', () => {
    expect(evaluate(policy(['${var.p}']), `gcr.io/p/a@${D1}`).decision).toBe('DENY');
  });

  test.each(['', 'nginx', 'gcr.io/P/app', 'gcr.io/p/app@sha256:xyz', 'gcr.io/p/app:bad tag', 'not a host/app'])(
    'an invalid image reference %j throws a clear error',
    (image) => {
      expect(() => evaluate(policy([]), image)).toThrow(
        /is not an image reference: .*; expected REGISTRY\/PATH\/IMAGE/,
      );
    },
  );

  test('an invalid evaluation mode throws a PolicyModelError', () => {
    expect(() => evaluate(policy([], 'SOMETIMES'), `gcr.io/p/a@${D1}`)).toThrow(PolicyModelError);
    expect(() => evaluate(policy([], 'SOMETIMES'), `gcr.io/p/a@${D1}`)).toThrow(
      /evaluation mode "SOMETIMES" is not one of ALWAYS_ALLOW, ALWAYS_DENY, REQUIRE_ATTESTATION/,
    );
  });

  test('an invalid enforcement mode throws a PolicyModelError', () => {
    expect(() => evaluate(policy([], 'ALWAYS_DENY', 'LOUDLY'), `gcr.io/p/a@${D1}`)).toThrow(
      /enforcement mode "LOUDLY"/,
    );
  });
});
