import { PolicyModel, isInterpolated } from '../../src/core/policy';
import { policyYaml, unknownPolicyValues } from '../../src/core/policy-yaml';

const model: PolicyModel = {
  project: 'my-project',
  allowlistPatterns: ['gcr.io/google_containers/*', 'us-docker.pkg.dev/my-project/repo/**'],
  defaultAdmissionRule: {
    evaluationMode: 'REQUIRE_ATTESTATION',
    enforcementMode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
    requireAttestationsBy: ['projects/sec/attestors/built-by-ci'],
  },
};

describe('policyYaml', () => {
  test("the shape of Google's policy YAML reference, every value quoted", () => {
    expect(policyYaml(model, { globalPolicyEvaluationMode: 'ENABLE' }).split('\n')).toEqual([
      'admissionWhitelistPatterns:',
      '- namePattern: "gcr.io/google_containers/*"',
      '- namePattern: "us-docker.pkg.dev/my-project/repo/**"',
      'defaultAdmissionRule:',
      '  enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG"',
      '  evaluationMode: "REQUIRE_ATTESTATION"',
      '  requireAttestationsBy:',
      '  - "projects/sec/attestors/built-by-ci"',
      'globalPolicyEvaluationMode: "ENABLE"',
      'name: "projects/my-project/policy"',
      '',
    ]);
  });

  test('cluster rules (GKE) are kept, by cluster in order, so that an import does not drop them', () => {
    const yaml = policyYaml({
      ...model,
      allowlistPatterns: [],
      clusterAdmissionRules: {
        'us-east1-b.z': {
          evaluationMode: 'ALWAYS_DENY',
          enforcementMode: 'DRYRUN_AUDIT_LOG_ONLY',
          requireAttestationsBy: [],
        },
        'europe-west1-b.prod': {
          evaluationMode: 'REQUIRE_ATTESTATION',
          enforcementMode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
          requireAttestationsBy: ['projects/sec/attestors/a'],
        },
      },
    });
    expect(yaml.split('\n').slice(0, 10)).toEqual([
      'clusterAdmissionRules:',
      '  "europe-west1-b.prod":',
      '    enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG"',
      '    evaluationMode: "REQUIRE_ATTESTATION"',
      '    requireAttestationsBy:',
      '    - "projects/sec/attestors/a"',
      '  "us-east1-b.z":',
      '    enforcementMode: "DRYRUN_AUDIT_LOG_ONLY"',
      '    evaluationMode: "ALWAYS_DENY"',
      'defaultAdmissionRule:',
    ]);
  });

  test('no allowlist, no attestors: the keys are left out', () => {
    const yaml = policyYaml({
      project: 'p',
      allowlistPatterns: [],
      defaultAdmissionRule: {
        evaluationMode: 'ALWAYS_DENY',
        enforcementMode: 'DRYRUN_AUDIT_LOG_ONLY',
        requireAttestationsBy: [],
      },
    });
    expect(yaml).not.toMatch(/admissionWhitelistPatterns|requireAttestationsBy|description|globalPolicyEvaluationMode/);
    expect(yaml).toMatch(/^ {2}evaluationMode: "ALWAYS_DENY"$/m);
  });

  test('a description with quotes, a backslash and a new line stays one valid double-quoted scalar', () => {
    const yaml = policyYaml(model, { description: 'say "hi"\\\nbye' });
    expect(yaml).toContain('description: "say \\"hi\\"\\\\\\nbye"\n');
  });
});

describe('unknownPolicyValues', () => {
  test('names each interpolated value', () => {
    const unknown = unknownPolicyValues(
      { ...model, project: '${var.project}', allowlistPatterns: ['gcr.io/p/**', '${var.pattern}'] },
      { description: '${var.d}' },
      isInterpolated,
    );
    expect(unknown).toEqual(['project: ${var.project}', 'description: ${var.d}', 'namePattern: ${var.pattern}']);
  });

  test('names interpolated values of cluster rules', () => {
    const unknown = unknownPolicyValues(
      {
        ...model,
        clusterAdmissionRules: {
          'us-east1-b.z': {
            evaluationMode: 'ALWAYS_DENY',
            enforcementMode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
            requireAttestationsBy: ['${var.a}'],
          },
        },
      },
      {},
      isInterpolated,
    );
    expect(unknown).toEqual(['us-east1-b.z requireAttestationsBy: ${var.a}']);
  });

  test('a literal policy has none', () => {
    expect(unknownPolicyValues(model, { description: 'x' }, isInterpolated)).toEqual([]);
  });
});
