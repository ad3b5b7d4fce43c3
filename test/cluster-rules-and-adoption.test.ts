import { TerraformVariable } from 'cdktf';
import { AdmissionRule, Attestor, BinaryAuthorizationPolicy, EnforcementMode } from '../src';
import { bodiesOf, newStack, reportedAtSynth, synthValidated } from './support';

const POLICY = 'google_binary_authorization_policy';

describe('BinaryAuthorizationPolicy cluster admission rules', () => {
  test('render as cluster_admission_rules, in cluster order, with full attestor names', () => {
    // GIVEN
    const stack = newStack();
    const prod = Attestor.fromAttestorName(stack, 'Prod', 'projects/security-project/attestors/prod');
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    // WHEN
    policy.addClusterAdmissionRule('us-central1-a.prod-cluster', AdmissionRule.requireAttestations([prod]));
    policy.addClusterAdmissionRule(
      'europe-west1.dev-cluster',
      AdmissionRule.allowAll({ enforcementMode: EnforcementMode.DRYRUN_AUDIT_LOG_ONLY }),
    );
    // THEN
    const json = synthValidated(stack);
    expect(json).toMatchSnapshot();
    const [body] = bodiesOf(json, POLICY);
    expect(body.cluster_admission_rules).toEqual([
      {
        cluster: 'europe-west1.dev-cluster',
        evaluation_mode: 'ALWAYS_ALLOW',
        enforcement_mode: 'DRYRUN_AUDIT_LOG_ONLY',
      },
      {
        cluster: 'us-central1-a.prod-cluster',
        evaluation_mode: 'REQUIRE_ATTESTATION',
        enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
        require_attestations_by: ['projects/security-project/attestors/prod'],
      },
    ]);
    // The default rule is unchanged: Cloud Run evaluates only it and the allowlist.
    expect(body.default_admission_rule).toEqual({
      evaluation_mode: 'ALWAYS_DENY',
      enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
    });
  });

  test('a policy without cluster rules renders none', () => {
    const stack = newStack();
    new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    expect(bodiesOf(synthValidated(stack), POLICY)[0].cluster_admission_rules).toBeUndefined();
  });

  test('a cluster key that is a token is kept as it is', () => {
    const stack = newStack();
    const cluster = new TerraformVariable(stack, 'cluster', { type: 'string' });
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    policy.addClusterAdmissionRule(cluster.stringValue, AdmissionRule.denyAll());
    expect(bodiesOf(synthValidated(stack), POLICY)[0].cluster_admission_rules).toEqual([
      { cluster: '${var.cluster}', evaluation_mode: 'ALWAYS_DENY', enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG' },
    ]);
  });

  test('fails on an invalid cluster key', () => {
    const stack = newStack();
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    expect(
      reportedAtSynth(stack, () => {
        policy.addClusterAdmissionRule('prod-cluster', AdmissionRule.denyAll());
        policy.addClusterAdmissionRule('us-central1-a.Prod', AdmissionRule.denyAll());
      }),
    ).toEqual([
      expect.stringMatching(
        /^\[stack\/Policy\] invalid 'cluster' "prod-cluster": a cluster key is "LOCATION.CLUSTER_ID"/,
      ),
      expect.stringMatching(/^\[stack\/Policy\] invalid 'cluster' "us-central1-a.Prod": a cluster key is/),
    ]);
    expect(policy._toModel().clusterAdmissionRules).toEqual({});
  });

  test('fails on a cluster rule given twice for the same cluster, and keeps the first', () => {
    const stack = newStack();
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    policy.addClusterAdmissionRule('us-central1-a.prod', AdmissionRule.denyAll());
    expect(
      reportedAtSynth(stack, () => policy.addClusterAdmissionRule('us-central1-a.prod', AdmissionRule.allowAll())),
    ).toEqual([
      expect.stringMatching(
        /^\[stack\/Policy\] invalid 'cluster' "us-central1-a.prod": the cluster already has a rule in this policy/,
      ),
    ]);
    expect(policy._toModel().clusterAdmissionRules?.['us-central1-a.prod']?.evaluationMode).toBe('ALWAYS_DENY');
  });

  test('fails on a cluster rule that requires no attestors, like the default rule', () => {
    const policy = new BinaryAuthorizationPolicy(newStack(), 'Policy', { project: 'my-project' });
    expect(() => policy.addClusterAdmissionRule('us-central1-a.prod', AdmissionRule.requireAttestations([]))).toThrow(
      /invalid 'rule for cluster us-central1-a.prod' "REQUIRE_ATTESTATION": REQUIRE_ATTESTATION needs at least one attestor/,
    );
  });
});

describe('BinaryAuthorizationPolicy adoptExisting', () => {
  test('emits an import block for projects/PROJECT_ID', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project', adoptExisting: true });
    // THEN
    const json = synthValidated(stack);
    expect(json).toMatchSnapshot();
    expect(json.import).toEqual([
      { id: 'projects/my-project', to: 'google_binary_authorization_policy.Policy_23B91518' },
    ]);
  });

  test('no import block unless asked', () => {
    const stack = newStack();
    new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    expect(synthValidated(stack).import).toBeUndefined();
  });

  test('fails on adopting with an unresolved project', () => {
    const stack = newStack();
    const project = new TerraformVariable(stack, 'project', { type: 'string' });
    expect(
      () => new BinaryAuthorizationPolicy(stack, 'Policy', { project: project.stringValue, adoptExisting: true }),
    ).toThrow(
      /^\[stack\/Policy\] invalid 'project' \(known only at apply time: "\$\{var.project\}"\): 'adoptExisting' imports the policy by its id, which must be a literal at synth time, not a token/,
    );
  });
});
