import { hasCloudRunGuardrail, lintMissingGuardrail, lintTerraformJson } from '../../src/core/lint';
import { lintPattern } from '../../src/core/policy-findings';
import { DENY_RULE, policyJson } from '../support';
import { NON_ENFORCING_SHAPES } from '../support/cloud-run-shapes';

const D = `sha256:${'a'.repeat(64)}`;

/** Terraform JSON holding one policy `p`: my-project's, denying, kept from destroy, changed by `body`. */
function policyDoc(body: Record<string, unknown>): unknown {
  return policyJson({
    project: 'my-project',
    default_admission_rule: DENY_RULE,
    lifecycle: { prevent_destroy: true },
    ...body,
  });
}

function codes(doc: unknown): string[] {
  return lintTerraformJson(doc).map((f) => `${f.severity} ${f.code} ${f.address}`);
}

describe('lintPattern', () => {
  test.each([
    ['us-docker.pkg.dev/p/repo/**', undefined],
    ['gcr.io/p/app@*', undefined],
    ['gcr.io/p/app*', undefined],
    [`gcr.io/p/app@${D}`, undefined],
    ['gcr.io/**', 'error broad-pattern'],
    ['docker.io/*', 'error broad-pattern'],
    ['us-docker.pkg.dev/example.com/**', 'error broad-pattern'],
    ['gcr.io/p/**', 'warning broad-pattern'],
    ['docker.io/library/**', 'warning broad-pattern'],
    ['us-docker.pkg.dev/example.com/p/**', 'warning broad-pattern'],
    ['k8s.gcr.io/**', 'info registry-wide'],
    ['registry.example.com/**', 'info registry-wide'],
    ['registry.example.com/team/**', undefined],
    ['gcr.io/google_containers/*', undefined],
    ['us-central1-docker.pkg.dev/p/**', 'warning broad-pattern'],
    ['gcr.io/my-project**', 'error broad-pattern'], // refused by the constructs: an error (it admits gcr.io/my-project-exploit/…)
    ['gcr.io/p/app:latest', 'error invalid-pattern'],
    ['gcr.io/p/n*x', 'error invalid-pattern'],
    ['gcr.io**', 'error invalid-pattern'],
    ['', 'error invalid-pattern'],
    ['gcr.io/p/app', 'warning never-matches'],
    ['${var.pattern}', 'info unknown-value'],
  ])('%j: %s', (pattern, expected) => {
    const findings = lintPattern('x', pattern);
    expect(findings.map((f) => `${f.severity} ${f.code}`)).toEqual(expected === undefined ? [] : [expected]);
  });

  test('messages quote the pattern and say the fix', () => {
    expect(lintPattern('x', 'gcr.io/p/**')[0].message).toMatch(
      /"gcr.io\/p\/\*\*" admits every image of a whole project; prefer one repository/,
    );
    expect(lintPattern('x', 'gcr.io/p/app')[0].message).toMatch(/write "gcr.io\/p\/app@\*"/);
  });
});

describe('lintTerraformJson: policies', () => {
  test('a good policy has no findings', () => {
    expect(codes(policyDoc({ admission_whitelist_patterns: [{ name_pattern: 'gcr.io/p/repo/**' }] }))).toEqual([]);
  });

  test('dry run, allow-all and a missing prevent_destroy', () => {
    const doc = policyDoc({
      default_admission_rule: { evaluation_mode: 'ALWAYS_ALLOW', enforcement_mode: 'DRYRUN_AUDIT_LOG_ONLY' },
      lifecycle: undefined,
    });
    expect(codes(doc)).toEqual([
      'error allow-all google_binary_authorization_policy.p',
      'warning dry-run google_binary_authorization_policy.p',
      'warning no-prevent-destroy google_binary_authorization_policy.p',
    ]);
  });

  test('REQUIRE_ATTESTATION without attestors, and invalid modes', () => {
    expect(
      codes(
        policyDoc({
          default_admission_rule: {
            evaluation_mode: 'REQUIRE_ATTESTATION',
            enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
          },
        }),
      ),
    ).toEqual(['error invalid-rule google_binary_authorization_policy.p']);
    expect(
      codes(policyDoc({ default_admission_rule: { evaluation_mode: 'NEVER', enforcement_mode: 'LOUD' } })),
    ).toEqual([
      'error invalid-rule google_binary_authorization_policy.p',
      'error invalid-rule google_binary_authorization_policy.p',
    ]);
  });

  test('an invalid global policy evaluation mode is an error; a valid one is not', () => {
    expect(codes(policyDoc({ global_policy_evaluation_mode: 'ON' }))).toEqual([
      'error invalid-rule google_binary_authorization_policy.p',
    ]);
    expect(codes(policyDoc({ global_policy_evaluation_mode: 'ENABLE' }))).toEqual([
      'info global-evaluation google_binary_authorization_policy.p',
    ]);
  });

  test('interpolated modes and a dynamic pattern block are reported as unknown', () => {
    const doc = policyDoc({
      default_admission_rule: { evaluation_mode: '${var.mode}', enforcement_mode: '${var.enforcement}' },
      dynamic: {
        admission_whitelist_patterns: { for_each: '${var.patterns}', content: { name_pattern: '${each.value}' } },
      },
    });
    expect(codes(doc)).toEqual([
      'info unknown-value google_binary_authorization_policy.p',
      'info unknown-value google_binary_authorization_policy.p',
      'info unknown-value google_binary_authorization_policy.p',
    ]);
  });
});

describe('lintTerraformJson: Cloud Run resources', () => {
  const doc = {
    resource: {
      google_cloud_run_v2_service: {
        enforced: { binary_authorization: { use_default: true } },
        missing: { name: 'x' },
        off: { binary_authorization: { use_default: false } },
        both: {
          binary_authorization: { use_default: true, policy: 'projects/my-project/platforms/cloudRun/policies/x' },
        },
        named: { binary_authorization: { policy: 'projects/my-project/platforms/cloudRun/policies/x' } },
        broken: { binary_authorization: { use_default: true, breakglass_justification: 'incident 42' } },
        later: { binary_authorization: { use_default: '${var.enforce}' } },
      },
      google_cloud_run_v2_job: { job: {} },
      google_cloud_run_v2_worker_pool: { pool: { binary_authorization: [{ use_default: true }] } },
      google_cloud_run_service: {
        v1ok: { metadata: [{ annotations: { 'run.googleapis.com/binary-authorization': 'default' } }] },
        v1missing: { metadata: { annotations: {} } },
        v1glass: {
          metadata: {
            annotations: {
              'run.googleapis.com/binary-authorization': 'default',
              'run.googleapis.com/binary-authorization-breakglass': 'incident',
            },
          },
        },
      },
      google_cloudfunctions2_function: {
        fnok: { service_config: { binary_authorization_policy: 'default' } },
        fnmissing: { service_config: { available_memory: '256M' } },
        fnnamed: { service_config: [{ binary_authorization_policy: 'projects/p/platforms/cloudRun/policies/x' }] },
      },
    },
  };

  test('each resource that does not enforce is an error; break-glass a warning; unknowns and named v2 policies info', () => {
    expect(codes(doc)).toEqual([
      'error not-enforced google_cloud_run_v2_service.missing',
      'error not-enforced google_cloud_run_v2_service.off',
      'error invalid-binary-authorization google_cloud_run_v2_service.both',
      'info named-policy google_cloud_run_v2_service.named',
      'warning breakglass google_cloud_run_v2_service.broken',
      'info unknown-value google_cloud_run_v2_service.later',
      'error not-enforced google_cloud_run_v2_job.job',
      'error not-enforced google_cloud_run_service.v1missing',
      'warning breakglass google_cloud_run_service.v1glass',
      'error not-enforced google_cloudfunctions2_function.fnmissing',
      // Functions accept only "default" (the same rule the deploy-side aspect applies).
      'error invalid-binary-authorization google_cloudfunctions2_function.fnnamed',
    ]);
  });

  test('messages name the field and the fix', () => {
    const messages = lintTerraformJson(doc).map((f) => f.message);
    expect(messages).toContain(
      'binary_authorization is not set: images are not checked; set binary_authorization { use_default = true }',
    );
    expect(messages).toContain(
      'binary_authorization turns Binary Authorization off: images are not checked; set binary_authorization { use_default = true }',
    );
    expect(messages).toContain(
      'metadata.annotations["run.googleapis.com/binary-authorization"] is not set: images are not checked; set the annotation "run.googleapis.com/binary-authorization" to "default"',
    );
    expect(messages).toContain(
      'service_config.binary_authorization_policy is not set: images are not checked; set service_config.binary_authorization_policy = "default"',
    );
    expect(messages).toContain(
      'service_config.binary_authorization_policy "projects/p/platforms/cloudRun/policies/x": the only accepted value is "default" (the project\'s policy)',
    );
  });
});

describe('lintTerraformJson: Cloud Run resources in shapes that do not enforce', () => {
  test.each(NON_ENFORCING_SHAPES)('%s is an error', (_, type, body, code) => {
    const findings = lintTerraformJson({ resource: { [type]: { r: body } } });
    expect(findings.map((f) => `${f.severity} ${f.code} ${f.address}`)).toEqual([`error ${code} ${type}.r`]);
    expect(findings[0].message).not.toContain('known only at apply time');
  });

  test('the message names the attribute, the value and the fix', () => {
    const [finding] = lintTerraformJson({
      resource: { google_cloud_run_v2_service: { r: { binary_authorization: { use_default: 'true' } } } },
    });
    expect(finding.message).toBe(
      'binary_authorization.use_default "true": must be true or false (a boolean), got a string; set use_default = true',
    );
  });
});

describe('the Cloud Run guardrail', () => {
  const NAME = 'folders/1/policies/run.allowedBinaryAuthorizationPolicies';
  const guardrail = (name: string, spec: unknown = { rules: [{ values: { allowed_values: ['default'] } }] }) => ({
    resource: { google_org_policy_policy: { g: { parent: 'folders/1', name, spec } } },
  });

  test('an organization policy that allows only the default policy on run.allowedBinaryAuthorizationPolicies is a guardrail', () => {
    expect(hasCloudRunGuardrail(guardrail(NAME))).toBe(true);
    expect(lintTerraformJson(guardrail(NAME))).toEqual([]);
    expect(hasCloudRunGuardrail(guardrail('folders/1/policies/compute.vmExternalIpAccess'))).toBe(false);
    expect(hasCloudRunGuardrail(policyDoc({}))).toBe(false);
  });

  test.each([
    ['denied values only', { rules: [{ values: { denied_values: ['default'] } }] }],
    ['a condition', { rules: [{ values: { allowed_values: ['default'] }, condition: { expression: 'true' } }] }],
    ['inherited', { inherit_from_parent: true, rules: [{ values: { allowed_values: ['default'] } }] }],
    ['allow all', { rules: [{ allow_all: 'TRUE' }] }],
    ['no rules', {}],
  ])('one that does not guarantee it (%s) is not a guardrail, and a warning says why', (_, spec) => {
    expect(hasCloudRunGuardrail(guardrail(NAME, spec))).toBe(false);
    expect(lintTerraformJson(guardrail(NAME, spec))).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'no-guardrail',
        address: 'google_org_policy_policy.g',
        message: expect.stringMatching(new RegExp(`^the Cloud Run guardrail ${NAME} does not require .*: its spec`)),
      }),
    ]);
  });

  test('one known only at apply time is information that it cannot be judged', () => {
    expect(hasCloudRunGuardrail(guardrail(NAME, '${var.spec}'))).toBe(false);
    expect(lintTerraformJson(guardrail(NAME, '${var.spec}'))).toEqual([
      expect.objectContaining({
        severity: 'info',
        code: 'unknown-value',
        message: expect.stringMatching(/until apply/),
      }),
    ]);
  });

  test('without one, each policy gets an information finding, not an error', () => {
    expect(lintMissingGuardrail(policyDoc({}))).toEqual([
      expect.objectContaining({
        severity: 'info',
        code: 'no-guardrail',
        address: 'google_binary_authorization_policy.p',
      }),
    ]);
    expect(lintMissingGuardrail({ resource: {} })).toEqual([]);
  });
});

describe('cluster admission rules', () => {
  test('are linted like the default rule, named by their cluster', () => {
    const findings = lintTerraformJson(
      policyDoc({
        cluster_admission_rules: [
          { cluster: 'us-central1-a.dev', evaluation_mode: 'ALWAYS_ALLOW', enforcement_mode: 'DRYRUN_AUDIT_LOG_ONLY' },
          {
            cluster: 'us-central1-a.prod',
            evaluation_mode: 'REQUIRE_ATTESTATION',
            enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
          },
        ],
      }),
    );
    expect(findings.map((f) => `${f.severity} ${f.code}: ${f.message.split(':')[0]}`)).toEqual([
      'error allow-all: the rule for GKE cluster us-central1-a.dev is ALWAYS_ALLOW',
      'warning dry-run: the rule for GKE cluster us-central1-a.dev is in dry run (DRYRUN_AUDIT_LOG_ONLY)',
      'error invalid-rule: the rule for GKE cluster us-central1-a.prod is invalid',
    ]);
  });
});
