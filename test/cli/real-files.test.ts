/**
 * Real files read as their authors meant them (issue 20, item 8): a policy YAML without `name` (read with
 * the project unknown; `--project` names it), the `PROJECT_ID` placeholder, plans and state of format
 * 0.x, flow-style YAML and a policy as JSON, the keys JavaScript gives a meaning of its own, a live policy
 * requiring two attestors with one short id, and `globalPolicyEvaluationMode` shown.
 */
import { planModel, stateModel } from '../../src/core/terraform-plan';
import { DENY_RULE, runCliText, scratchFolder } from '../support';

const folder = scratchFolder('binauthz-real-files-');

const RULE = 'defaultAdmissionRule:\n  evaluationMode: ALWAYS_DENY\n  enforcementMode: ENFORCED_BLOCK_AND_AUDIT_LOG\n';
const PATTERN = 'admissionWhitelistPatterns:\n- namePattern: us-docker.pkg.dev/my-project/containers/**\n';
/** Google's codelab policy: no name (gcloud fills the project from its configuration). */
const NAMELESS = `${PATTERN}${RULE}`;
const IMAGE = `us-docker.pkg.dev/my-project/containers/api@sha256:${'a'.repeat(64)}`;

/** Terraform JSON of one enforcing service of project my-project, whose policy is elsewhere. */
const SERVICE = {
  resource: {
    google_cloud_run_v2_service: {
      api: {
        name: 'api',
        location: 'us-central1',
        project: 'my-project',
        binary_authorization: { use_default: true },
        template: { containers: [{ image: IMAGE }] },
      },
    },
  },
};

describe('a policy YAML without name', () => {
  test('summary reads it with the project unknown, and says how to give it', () => {
    const file = folder.file('nameless-summary.yaml', NAMELESS);
    const { code, stdout } = runCliText('summary', file);
    expect(code).toBe(0);
    expect(stdout).toContain(
      '  policy (no name) (project not known: the policy YAML has no name; give it with --project PROJECT_ID)',
    );
  });

  test('summary with --project: the project, and where it came from', () => {
    const file = folder.file('nameless-summary-project.yaml', NAMELESS);
    const { code, stdout } = runCliText('summary', file, '--project', 'my-project');
    expect(code).toBe(0);
    expect(stdout).toContain(
      '  projects/my-project/policy (project my-project, from --project: the policy YAML has no name)',
    );
  });

  test('lint reads it: no project is needed', () => {
    const file = folder.file('nameless-lint.yaml', NAMELESS);
    const { code, stdout } = runCliText('lint', file);
    expect(code).toBe(0);
    expect(stdout).toBe('no findings');
  });

  test.each([
    ['check', (yaml: string, tf: string) => ['check', tf, '--policy', yaml]],
    ['export', (yaml: string) => ['export', yaml]],
    ['diff', (yaml: string) => ['diff', yaml, yaml]],
  ])('%s needs the project: exit 2, one line saying --project gives it', (command, argv) => {
    const yaml = folder.file(`nameless-${command}.yaml`, NAMELESS);
    const tf = folder.file(`service-${command}.tf.json`, SERVICE);
    const { code, stdout, stderr } = runCliText(...argv(yaml, tf));
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toBe(
      `cdktf-gcp-binauthz: ${yaml}: the policy YAML has no name, so the project it is the policy of is not known (gcloud container binauthz policy import takes it from its configuration); give it with --project PROJECT_ID`,
    );
  });

  test('check with --project: the policy is the project’s, and admits its workload', () => {
    const yaml = folder.file('nameless-check-project.yaml', NAMELESS);
    const tf = folder.file('service-check-project.tf.json', SERVICE);
    const { code, stdout } = runCliText('check', tf, '--policy', yaml, '--project', 'my-project', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).results.map((r: { decision: string }) => r.decision)).toEqual(['ALLOW']);
  });

  test('export with --project writes the name', () => {
    const yaml = folder.file('nameless-export-project.yaml', NAMELESS);
    const { code, stdout } = runCliText('export', yaml, '--project', 'my-project');
    expect(code).toBe(0);
    expect(stdout).toContain('name: "projects/my-project/policy"');
  });

  test('a name and a --project that disagree, and a --project that is not a project id, are input errors', () => {
    const named = folder.file('named.yaml', `${NAMELESS}name: projects/my-project/policy\n`);
    const disagree = runCliText('summary', named, '--project', 'other-project');
    expect(disagree.code).toBe(2);
    expect(disagree.stderr).toContain('name is "projects/my-project/policy", but --project says "other-project"');
    const invalid = runCliText('summary', named, '--project', 'Not A Project');
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/^cdktf-gcp-binauthz: --project "Not A Project": /);
  });
});

describe('the PROJECT_ID placeholder', () => {
  test.each(['PROJECT_ID', 'YOUR_PROJECT_ID'])('name projects/%s/policy: the message says it is a placeholder', (p) => {
    const file = folder.file(`placeholder-${p}.yaml`, `${NAMELESS}name: projects/${p}/policy\n`);
    const { code, stderr } = runCliText('summary', file);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `cdktf-gcp-binauthz: ${file}: name is "projects/${p}/policy": ${p} is a placeholder (as Google's documentation writes it), not a project id; write the project's id (projects/my-project/policy), or remove name and give the project with --project`,
    );
  });
});

describe('plans and state of format 0.x (Terraform 0.12 to 1.0)', () => {
  const policy = { project: 'app', default_admission_rule: [DENY_RULE], admission_whitelist_patterns: [] };
  const resource = {
    address: 'google_binary_authorization_policy.p',
    mode: 'managed',
    type: 'google_binary_authorization_policy',
    name: 'p',
    values: policy,
  };
  test.each(['0.1', '0.2'])('a plan of format %s is read', (version) => {
    const model = planModel({
      format_version: version,
      planned_values: { root_module: { resources: [resource] } },
      resource_changes: [
        { ...resource, values: undefined, change: { actions: ['no-op'], before: policy, after: policy } },
      ],
    });
    expect(model.resources.map((r) => r.address)).toEqual(['google_binary_authorization_policy.p']);
  });

  test.each(['0.1', '0.2'])('a state of format %s is read', (version) => {
    const model = stateModel({ format_version: version, values: { root_module: { resources: [resource] } } });
    expect(model.resources.map((r) => r.values.project)).toEqual(['app']);
  });

  test('a 0.x plan without a field this command needs is refused naming the field, not the version', () => {
    const file = folder.file('old-plan.json', {
      format_version: '0.1',
      resource_changes: [{ ...resource, values: undefined, change: { actions: ['no-op'], before: policy } }],
    });
    const { code, stderr } = runCliText('summary', file);
    expect(code).toBe(2);
    expect(stderr).toContain('planned_values');
    expect(stderr).not.toContain('format_version');
  });

  test("Terraform 0.12's boolean deposed (true for current objects too) is refused naming the field", () => {
    expect(() =>
      planModel({
        format_version: '0.1',
        planned_values: { root_module: { resources: [resource] } },
        resource_changes: [
          {
            ...resource,
            values: undefined,
            deposed: true,
            change: { actions: ['no-op'], before: policy, after: policy },
          },
        ],
      }),
    ).toThrow('resource_changes[0].deposed (google_binary_authorization_policy.p) is true, a boolean');
  });

  test('another major version is still refused', () => {
    expect(() => stateModel({ format_version: '2.0' })).toThrow('format_version must be "1.x" or "0.x"');
  });
});

describe('flow-style YAML, and a policy as JSON', () => {
  test('flow style ({name: …, defaultAdmissionRule: {…}}) is read as the policy it is', () => {
    const file = folder.file(
      'flow.yaml',
      '{name: projects/my-project/policy, defaultAdmissionRule: {evaluationMode: ALWAYS_DENY, enforcementMode: ENFORCED_BLOCK_AND_AUDIT_LOG}, admissionWhitelistPatterns: [{namePattern: "gcr.io/my-project/app@*"}]}\n',
    );
    const { code, stdout } = runCliText('summary', file);
    expect(code).toBe(0);
    expect(stdout).toContain('(policy YAML)');
    expect(stdout).toContain('      gcr.io/my-project/app@*');
  });

  test('a policy as JSON (gcloud --format=json) is read as a policy', () => {
    const file = folder.file('policy.json', {
      name: 'projects/my-project/policy',
      defaultAdmissionRule: { evaluationMode: 'ALWAYS_DENY', enforcementMode: 'ENFORCED_BLOCK_AND_AUDIT_LOG' },
    });
    const { code, stdout } = runCliText('summary', file);
    expect(code).toBe(0);
    expect(stdout).toContain('projects/my-project/policy (project my-project)');
  });

  test('text that starts as JSON and is neither JSON nor a policy is still "not valid JSON"', () => {
    const file = folder.file('broken.json', '{"resource": {,}}');
    const { code, stderr } = runCliText('summary', file);
    expect(code).toBe(2);
    expect(stderr).toContain('not valid JSON');
  });
});

describe('__proto__, constructor and prototype are refused, never dropped', () => {
  const KEYS = ['__proto__', 'constructor', 'prototype'];
  test.each(KEYS)('in JSON: %s', (key) => {
    const file = folder.file(
      `reserved-${key}.json`,
      `{"resource": {"google_binary_authorization_policy": {"p": {"${key}": {"x": 1}, "default_admission_rule": {"evaluation_mode": "ALWAYS_DENY", "enforcement_mode": "ENFORCED_BLOCK_AND_AUDIT_LOG"}}}}}`,
    );
    const { code, stderr } = runCliText('summary', file);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `has the key "${key}" in resource.google_binary_authorization_policy.p, which this command refuses`,
    );
  });

  test.each(KEYS)('in YAML: %s', (key) => {
    const file = folder.file(`reserved-${key}.yaml`, `${RULE}name: projects/my-project/policy\n${key}: {a: 1}\n`);
    const { code, stderr } = runCliText('lint', file);
    expect(code).toBe(2);
    expect(stderr).toContain(`has the key "${key}" in the top-level mapping, which this command refuses`);
  });

  test('nested in flow-style YAML', () => {
    const file = folder.file(
      'reserved-flow.yaml',
      '{name: projects/my-project/policy, defaultAdmissionRule: {__proto__: x, evaluationMode: ALWAYS_DENY, enforcementMode: ENFORCED_BLOCK_AND_AUDIT_LOG}}',
    );
    const { code, stderr } = runCliText('summary', file);
    expect(code).toBe(2);
    expect(stderr).toContain('has the key "__proto__" in defaultAdmissionRule');
  });

  test("in a plan: a key of a resource's values", () => {
    const file = folder.file(
      'reserved-plan.json',
      '{"format_version": "1.2", "planned_values": {"root_module": {"resources": []}}, "resource_changes": [], "prior_state": {"constructor": 1}}',
    );
    const { code, stderr } = runCliText('summary', file);
    expect(code).toBe(2);
    expect(stderr).toContain('has the key "constructor" in prior_state');
  });
});

describe('a live policy requiring two attestors with one short id', () => {
  const yaml = `defaultAdmissionRule:
  evaluationMode: REQUIRE_ATTESTATION
  enforcementMode: ENFORCED_BLOCK_AND_AUDIT_LOG
  requireAttestationsBy:
  - projects/sec-team-a/attestors/prod
  - projects/sec-team-b/attestors/prod
name: projects/my-project/policy
`;
  test('summary reads it', () => {
    const file = folder.file('same-short-id-summary.yaml', yaml);
    const { code, stdout } = runCliText('summary', file);
    expect(code).toBe(0);
    expect(stdout).toContain('      projects/sec-team-b/attestors/prod');
  });

  test('lint reads it: a warning that the provider cannot write it, no error', () => {
    const file = folder.file('same-short-id-lint.yaml', yaml);
    const { code, stdout } = runCliText('lint', file, '--json');
    expect(code).toBe(0);
    const { errors, findings } = JSON.parse(stdout);
    expect(errors).toBe(0);
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'invalid-rule',
        message: expect.stringMatching(/cannot be written with the Terraform provider: .*same short id "prod"/),
      }),
    ]);
  });

  test('check judges a workload by it', () => {
    const file = folder.file('same-short-id-check.yaml', yaml);
    const tf = folder.file('same-short-id-service.tf.json', SERVICE);
    const { code, stdout } = runCliText('check', tf, '--policy', file, '--json');
    expect(code).toBe(1);
    expect(JSON.parse(stdout).results.map((r: { decision: string }) => r.decision)).toEqual(['REQUIRE_ATTESTATION']);
  });

  test('diff compares it', () => {
    const file = folder.file('same-short-id-diff.yaml', yaml);
    const { code, stdout } = runCliText('diff', file, file);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^no change/);
  });

  test("import refuses it, naming the provider's set hashed by the short id", () => {
    const file = folder.file('same-short-id-import.yaml', yaml);
    const { code, stderr } = runCliText('import', file);
    expect(code).toBe(1);
    expect(stderr).toMatch(/the Google provider keeps required attestors in a set keyed by the short id/);
  });

  test('in Terraform JSON it is still an error: the provider would drop one', () => {
    const tf = folder.file('same-short-id.tf.json', {
      resource: {
        google_binary_authorization_policy: {
          p: {
            project: 'my-project',
            default_admission_rule: {
              evaluation_mode: 'REQUIRE_ATTESTATION',
              enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
              require_attestations_by: ['projects/sec-team-a/attestors/prod', 'projects/sec-team-b/attestors/prod'],
            },
          },
        },
      },
    });
    expect(runCliText('summary', tf).code).toBe(2);
  });
});

describe('summary and lint show globalPolicyEvaluationMode', () => {
  test.each([
    [
      'ENABLE',
      "globalPolicyEvaluationMode: ENABLE (Google's system policy admits Google-maintained system images first, on GKE)",
    ],
    ['DISABLE', "globalPolicyEvaluationMode: DISABLE (Google's system policy is not evaluated)"],
  ])('%s', (mode, text) => {
    const file = folder.file(
      `global-${mode}.yaml`,
      `${RULE}globalPolicyEvaluationMode: ${mode}\nname: projects/my-project/policy\n`,
    );
    expect(runCliText('summary', file).stdout).toContain(`    ${text}`);
    const { findings } = JSON.parse(runCliText('lint', file, '--json').stdout);
    expect(findings).toEqual([expect.objectContaining({ severity: 'info', code: 'global-evaluation', message: text })]);
  });

  test('not set: summary says so', () => {
    const file = folder.file('global-unset.yaml', `${RULE}name: projects/my-project/policy\n`);
    expect(runCliText('summary', file).stdout).toContain('    globalPolicyEvaluationMode: not set (DISABLE)');
  });
});
