import { evaluate, PolicyModelError } from '../../src/core/evaluate';
import { EnforcementModeValue, PolicyModel } from '../../src/core/policy';
import { isInterpolated } from '../../src/core/terraform-json';
import { policyModel } from '../support';

const D1 = `sha256:${'a'.repeat(64)}`;
const D2 = `sha256:${'b'.repeat(64)}`;
const ATTESTOR = 'projects/sec/attestors/built-by-ci';
const ENFORCED: EnforcementModeValue = 'ENFORCED_BLOCK_AND_AUDIT_LOG';
const DRYRUN: EnforcementModeValue = 'DRYRUN_AUDIT_LOG_ONLY';

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

const cases: Case[] = [
  // Google's policy YAML reference examples
  {
    name: '"nginx*" matches the tagged image in its directory (docs example)',
    model: policy(['gcr.io/my-project/nginx*']),
    image: 'gcr.io/my-project/nginx:latest',
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: 'gcr.io/my-project/nginx*',
  },
  {
    name: '"nginx*" does not match a subdirectory (docs example)',
    model: policy(['gcr.io/my-project/nginx*']),
    image: 'gcr.io/my-project/nginx-images/nginx:latest',
    decision: 'DENY',
    admitted: false,
  },
  {
    name: '"nginx**" matches subdirectories (docs example)',
    model: policy(['gcr.io/my-project/nginx**']),
    image: 'gcr.io/my-project/nginx-1.14.2/image:latest',
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: 'gcr.io/my-project/nginx**',
  },
  {
    name: '"my-project**" also admits my-project-exploit (Google\'s caution)',
    model: policy(['gcr.io/my-project**']),
    image: `gcr.io/my-project-exploit/nginx-exploit@${D1}`,
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: 'gcr.io/my-project**',
  },
  {
    name: '"my-project/**" does not admit my-project-exploit',
    model: policy(['gcr.io/my-project/**']),
    image: `gcr.io/my-project-exploit/nginx-exploit@${D1}`,
    decision: 'DENY',
    admitted: false,
  },
  {
    name: '"my-project/**" admits a nested path',
    model: policy(['gcr.io/my-project/**']),
    image: `gcr.io/my-project/a/b/c@${D1}`,
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: 'gcr.io/my-project/**',
  },
  {
    name: '"n*x" (wildcard inside) matches nothing but itself',
    model: policy(['gcr.io/my-project/n*x']),
    image: `gcr.io/my-project/nginx@${D1}`,
    decision: 'DENY',
    admitted: false,
  },
  {
    name: 'the default policy allowlist admits a google_containers image',
    model: policy(['gcr.io/google_containers/*']),
    image: 'gcr.io/google_containers/pause:3.9',
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: 'gcr.io/google_containers/*',
  },
  // Cloud Run: `@*`, digests and tags
  {
    name: '"hello@*" admits a tagged image (Cloud Run docs example)',
    model: policy(['us-docker.pkg.dev/myproject/container/hello@*']),
    image: 'us-docker.pkg.dev/myproject/container/hello:latest',
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: 'us-docker.pkg.dev/myproject/container/hello@*',
  },
  {
    name: '"hello@*" admits any digest of the image',
    model: policy(['us-docker.pkg.dev/myproject/container/hello@*']),
    image: `us-docker.pkg.dev/myproject/container/hello@${D2}`,
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: 'us-docker.pkg.dev/myproject/container/hello@*',
  },
  {
    name: '"hello@*" admits tag and digest together (the tag is dropped)',
    model: policy(['us-docker.pkg.dev/myproject/container/hello@*']),
    image: `us-docker.pkg.dev/myproject/container/hello:v1@${D1}`,
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: 'us-docker.pkg.dev/myproject/container/hello@*',
  },
  {
    name: '"hello@*" admits the image without tag or digest',
    model: policy(['us-docker.pkg.dev/myproject/container/hello@*']),
    image: 'us-docker.pkg.dev/myproject/container/hello',
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: 'us-docker.pkg.dev/myproject/container/hello@*',
  },
  {
    name: '"hello@*" does not admit a longer image name',
    model: policy(['us-docker.pkg.dev/myproject/container/hello@*']),
    image: `us-docker.pkg.dev/myproject/container/hello-world@${D1}`,
    decision: 'DENY',
    admitted: false,
  },
  {
    name: '"hello@*" does not admit an image below it',
    model: policy(['us-docker.pkg.dev/myproject/container/hello@*']),
    image: `us-docker.pkg.dev/myproject/container/hello/sub@${D1}`,
    decision: 'DENY',
    admitted: false,
  },
  {
    name: '"**" for all images of a project (Cloud Run docs example)',
    model: policy(['us-docker.pkg.dev/myproject/**']),
    image: 'us-docker.pkg.dev/myproject/container/hello:v2',
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: 'us-docker.pkg.dev/myproject/**',
  },
  {
    name: 'a pinned digest admits that digest',
    model: policy([`us-docker.pkg.dev/myproject/container/hello@${D1}`]),
    image: `us-docker.pkg.dev/myproject/container/hello@${D1}`,
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: `us-docker.pkg.dev/myproject/container/hello@${D1}`,
  },
  {
    name: 'a pinned digest does not admit another digest',
    model: policy([`us-docker.pkg.dev/myproject/container/hello@${D1}`]),
    image: `us-docker.pkg.dev/myproject/container/hello@${D2}`,
    decision: 'DENY',
    admitted: false,
  },
  {
    name: 'a pinned digest does not admit a tag-only image (its digest is unknown)',
    model: policy([`us-docker.pkg.dev/myproject/container/hello@${D1}`]),
    image: 'us-docker.pkg.dev/myproject/container/hello:latest',
    decision: 'DENY',
    admitted: false,
  },
  {
    name: 'a pinned digest admits tag and digest together',
    model: policy([`us-docker.pkg.dev/myproject/container/hello@${D1}`]),
    image: `us-docker.pkg.dev/myproject/container/hello:v1@${D1}`,
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: `us-docker.pkg.dev/myproject/container/hello@${D1}`,
  },
  {
    name: 'a pattern with a tag never matches on Cloud Run, even the same tag',
    model: policy(['gcr.io/p/app:latest']),
    image: 'gcr.io/p/app:latest',
    decision: 'DENY',
    admitted: false,
  },
  {
    name: 'a pattern with a tag does not match a digest either',
    model: policy(['gcr.io/p/app:latest']),
    image: `gcr.io/p/app@${D1}`,
    decision: 'DENY',
    admitted: false,
  },
  {
    name: 'a bare image path matches nothing on Cloud Run (images are evaluated by digest)',
    model: policy(['gcr.io/p/app']),
    image: `gcr.io/p/app@${D1}`,
    decision: 'DENY',
    admitted: false,
  },
  {
    name: 'a prefix reaching into the digest admits a matching digest',
    model: policy(['gcr.io/p/app@sha256:aaa*']),
    image: `gcr.io/p/app@${D1}`,
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: 'gcr.io/p/app@sha256:aaa*',
  },
  {
    name: 'a prefix reaching into the digest does not admit a tag-only image',
    model: policy(['gcr.io/p/app@sha256:aaa*']),
    image: 'gcr.io/p/app:v1',
    decision: 'DENY',
    admitted: false,
  },
  // `*` within one directory
  {
    name: '"app*" admits a longer name in the same directory',
    model: policy(['gcr.io/p/app*']),
    image: `gcr.io/p/application@${D1}`,
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: 'gcr.io/p/app*',
  },
  {
    name: '"app*" does not cross a "/"',
    model: policy(['gcr.io/p/app*']),
    image: 'gcr.io/p/app/sub:v1',
    decision: 'DENY',
    admitted: false,
  },
  {
    name: '"p/*" admits an image directly in the directory',
    model: policy(['gcr.io/p/*']),
    image: 'gcr.io/p/app:v1',
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: 'gcr.io/p/*',
  },
  {
    name: '"p/*" does not admit a nested image',
    model: policy(['gcr.io/p/*']),
    image: `gcr.io/p/a/b@${D1}`,
    decision: 'DENY',
    admitted: false,
  },
  // registry-only patterns
  {
    name: '"gcr.io/**" admits every gcr.io image',
    model: policy(['gcr.io/**']),
    image: `gcr.io/anyone/anything/x@${D1}`,
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: 'gcr.io/**',
  },
  {
    name: '"gcr.io/**" does not admit another registry',
    model: policy(['gcr.io/**']),
    image: `us.gcr.io/p/x@${D1}`,
    decision: 'DENY',
    admitted: false,
  },
  {
    name: '"gcr.io/*" admits only top-level images',
    model: policy(['gcr.io/*']),
    image: `gcr.io/p/x@${D1}`,
    decision: 'DENY',
    admitted: false,
  },
  {
    name: 'a registry with a port',
    model: policy(['localhost:5000/p/**']),
    image: 'localhost:5000/p/app:1',
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: 'localhost:5000/p/**',
  },
  // regions (Cloud Run functions deployment paths)
  {
    name: 'the gcf-artifacts pattern of one region admits its function image',
    model: policy(['us-central1-docker.pkg.dev/p/gcf-artifacts/**']),
    image: 'us-central1-docker.pkg.dev/p/gcf-artifacts/p__us--central1__fn:version_1',
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: 'us-central1-docker.pkg.dev/p/gcf-artifacts/**',
  },
  {
    name: 'the gcf-artifacts pattern of one region does not admit another region',
    model: policy(['us-central1-docker.pkg.dev/p/gcf-artifacts/**']),
    image: `europe-west1-docker.pkg.dev/p/gcf-artifacts/fn@${D1}`,
    decision: 'DENY',
    admitted: false,
  },
  {
    name: 'the cloud-run-source-deploy pattern admits nested images',
    model: policy(['europe-west1-docker.pkg.dev/p/cloud-run-source-deploy/**']),
    image: `europe-west1-docker.pkg.dev/p/cloud-run-source-deploy/svc/image@${D1}`,
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: 'europe-west1-docker.pkg.dev/p/cloud-run-source-deploy/**',
  },
  {
    name: 'the first matching pattern in policy order is reported',
    model: policy(['gcr.io/p/**', 'gcr.io/p/app@*']),
    image: `gcr.io/p/app@${D1}`,
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: 'gcr.io/p/**',
  },
  // default rule and enforcement
  {
    name: 'no pattern, ALWAYS_DENY, enforced',
    model: policy([]),
    image: `gcr.io/p/app@${D1}`,
    decision: 'DENY',
    admitted: false,
  },
  {
    name: 'no pattern, ALWAYS_ALLOW',
    model: policy([], 'ALWAYS_ALLOW'),
    image: `gcr.io/p/app@${D1}`,
    decision: 'ALLOW',
    admitted: true,
  },
  {
    name: 'ALWAYS_DENY in dry run admits (and logs)',
    model: policy(['gcr.io/other/**'], 'ALWAYS_DENY', DRYRUN),
    image: `gcr.io/p/app@${D1}`,
    decision: 'DENY',
    admitted: true,
  },
  {
    name: 'REQUIRE_ATTESTATION, enforced: not admitted offline',
    model: policy([], 'REQUIRE_ATTESTATION'),
    image: `gcr.io/p/app@${D1}`,
    decision: 'REQUIRE_ATTESTATION',
    admitted: false,
  },
  {
    name: 'REQUIRE_ATTESTATION in dry run admits',
    model: policy([], 'REQUIRE_ATTESTATION', DRYRUN),
    image: `gcr.io/p/app@${D1}`,
    decision: 'REQUIRE_ATTESTATION',
    admitted: true,
  },
  {
    name: 'an allowlisted image needs no attestation',
    model: policy(['gcr.io/p/app@*'], 'REQUIRE_ATTESTATION'),
    image: `gcr.io/p/app@${D1}`,
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: 'gcr.io/p/app@*',
  },
  // unknown values
  {
    name: 'a known matching pattern admits whatever the unknown pattern holds',
    model: policy(['${var.pattern}', 'gcr.io/p/**']),
    image: `gcr.io/p/app@${D1}`,
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: 'gcr.io/p/**',
  },
  {
    name: 'no known match and an unknown pattern: unknown',
    model: policy(['${var.region}-docker.pkg.dev/p/gcf-artifacts/**', 'gcr.io/q/**']),
    image: `gcr.io/p/app@${D1}`,
    decision: 'UNKNOWN',
    admitted: false,
  },
  {
    name: 'an unknown pattern under ALWAYS_ALLOW cannot change the answer',
    model: policy(['${var.pattern}'], 'ALWAYS_ALLOW'),
    image: `gcr.io/p/app@${D1}`,
    decision: 'ALLOW',
    admitted: true,
  },
  {
    name: 'an unknown pattern in dry run: unknown, but admitted',
    model: policy(['${var.pattern}'], 'ALWAYS_DENY', DRYRUN),
    image: `gcr.io/p/app@${D1}`,
    decision: 'UNKNOWN',
    admitted: true,
  },
  {
    name: 'an unknown evaluation mode: unknown',
    model: policy([], '${var.mode}'),
    image: `gcr.io/p/app@${D1}`,
    decision: 'UNKNOWN',
    admitted: false,
  },
  {
    name: 'an unknown evaluation mode does not matter to an allowlisted image',
    model: policy(['gcr.io/p/**'], '${var.mode}'),
    image: `gcr.io/p/app@${D1}`,
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: 'gcr.io/p/**',
  },
  {
    name: 'an unknown enforcement mode: denied, not known to be admitted',
    model: policy([], 'ALWAYS_DENY', '${var.enforcement}'),
    image: `gcr.io/p/app@${D1}`,
    decision: 'DENY',
    admitted: false,
  },
  {
    name: 'an unknown enforcement mode under ALWAYS_ALLOW',
    model: policy([], 'ALWAYS_ALLOW', '${var.enforcement}'),
    image: `gcr.io/p/app@${D1}`,
    decision: 'ALLOW',
    admitted: true,
  },
  {
    name: 'an unknown attestor does not change the decision',
    model: policy([], 'REQUIRE_ATTESTATION', ENFORCED, ['projects/${var.project}/attestors/a']),
    image: `gcr.io/p/app@${D1}`,
    decision: 'REQUIRE_ATTESTATION',
    admitted: false,
  },
  {
    name: 'Docker Hub style path with "@*"',
    model: policy(['docker.io/library/nginx@*']),
    image: 'docker.io/library/nginx:1.25',
    decision: 'ALLOW',
    admitted: true,
    matchedPattern: 'docker.io/library/nginx@*',
  },
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

  test('REQUIRE_ATTESTATION lists the attestors and says they cannot be verified offline', () => {
    const result = evaluate(
      policy([], 'REQUIRE_ATTESTATION', ENFORCED, [ATTESTOR, 'projects/x/attestors/y']),
      `gcr.io/p/a@${D1}`,
    );
    expect(result.requiredAttestors).toEqual([ATTESTOR, 'projects/x/attestors/y']);
    expect(result.evaluationMode).toBe('REQUIRE_ATTESTATION');
    expect(result.enforcementMode).toBe(ENFORCED);
    expect(result.reason).toMatch(/cannot be verified offline/);
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
