import { isInterpolated } from '../../src/core/policy';
import { diffPolicies, PolicyChange, PolicyVersion } from '../../src/core/policy-diff';
import { ModelOptions, policyModel, ruleModel } from '../support';

const A = 'projects/sec-project/attestors/a';
const B = 'projects/sec-project/attestors/b';

function version(options: ModelOptions = {}, extras: Partial<PolicyVersion> = {}): PolicyVersion {
  return { model: policyModel(options), preventDestroy: true, ...extras };
}

/** The changes as `kind what`, for compact expectations. */
function changes(before: PolicyVersion | undefined, after: PolicyVersion | undefined): string[] {
  return diffPolicies(before, after, isInterpolated).map((c: PolicyChange) => `${c.kind} ${c.what}`);
}

describe('diffPolicies', () => {
  test('identical policies: no change', () => {
    const v = version({ patterns: ['gcr.io/p/**'], evaluationMode: 'REQUIRE_ATTESTATION', attestors: [A] });
    expect(changes(v, v)).toEqual([]);
  });

  describe('patterns', () => {
    test('a new pattern weakens, with an image it lets in; one the old allowlist covers is neutral', () => {
      const before = version({ patterns: ['gcr.io/p/apps/**'] });
      const after = version({ patterns: ['gcr.io/p/apps/**', 'gcr.io/p/apps/api@*', 'gcr.io/q/**'] });
      const diff = diffPolicies(before, after, isInterpolated);
      expect(diff.map((c) => `${c.kind} ${c.what}`)).toEqual([
        'neutral allowlist pattern gcr.io/p/apps/api@*',
        'weakening allowlist pattern gcr.io/q/**',
      ]);
      expect(diff[1].example).toMatch(/^gcr\.io\/q\/.*@sha256:/);
      expect(String(diff[1].reason)).toContain(`such as ${diff[1].example}`);
      // The example is a quoted value, never prose.
      expect(diff[1].reason.parts).toContainEqual({ value: diff[1].example });
    });

    test('a removed pattern strengthens, unless a remaining one still covers it (both directions)', () => {
      const before = version({ patterns: ['gcr.io/p/**', 'gcr.io/p/api@*', 'gcr.io/q/**'] });
      const after = version({ patterns: ['gcr.io/p/**'] });
      expect(changes(before, after)).toEqual([
        'neutral allowlist pattern gcr.io/p/api@*',
        'strengthening allowlist pattern gcr.io/q/**',
      ]);
      expect(changes(after, before)).toEqual([
        'neutral allowlist pattern gcr.io/p/api@*',
        'weakening allowlist pattern gcr.io/q/**',
      ]);
    });

    test('a pattern known only at apply time cannot be judged: weakening', () => {
      expect(changes(version(), version({ patterns: ['${var.pattern}'] }))).toEqual([
        'weakening allowlist pattern ${var.pattern}',
      ]);
    });
  });

  describe('rules', () => {
    test.each([
      ['ALWAYS_DENY', 'REQUIRE_ATTESTATION'],
      ['REQUIRE_ATTESTATION', 'ALWAYS_ALLOW'],
      ['ALWAYS_DENY', 'ALWAYS_ALLOW'],
    ])('%s → %s weakens, and back strengthens', (weaker, stronger) => {
      const v = (mode: string) =>
        version({ evaluationMode: mode, attestors: mode === 'REQUIRE_ATTESTATION' ? [A] : [] });
      expect(changes(v(weaker), v(stronger))).toEqual(['weakening the default rule evaluation mode']);
      expect(changes(v(stronger), v(weaker))).toEqual(['strengthening the default rule evaluation mode']);
    });

    test('enforced → dry run weakens, and back strengthens', () => {
      const dry = version({ enforcementMode: 'DRYRUN_AUDIT_LOG_ONLY' });
      expect(changes(version(), dry)).toEqual(['weakening the default rule enforcement mode']);
      expect(changes(dry, version())).toEqual(['strengthening the default rule enforcement mode']);
    });

    test('an attestor removed weakens, one added strengthens', () => {
      const one = version({ evaluationMode: 'REQUIRE_ATTESTATION', attestors: [A] });
      const two = version({ evaluationMode: 'REQUIRE_ATTESTATION', attestors: [A, B] });
      expect(changes(two, one)).toEqual([`weakening the default rule attestor ${B}`]);
      expect(changes(one, two)).toEqual([`strengthening the default rule attestor ${B}`]);
    });

    test('a mode known only at apply time cannot be judged: weakening', () => {
      const [change, ...more] = diffPolicies(version(), version({ evaluationMode: '${var.mode}' }), isInterpolated);
      expect(more).toEqual([]);
      expect(`${change.kind} ${change.what}: ${change.reason}`).toBe(
        'weakening the default rule evaluation mode: ALWAYS_DENY → ${var.mode}: a value known only at apply time cannot be judged until apply, so it counts as weakening',
      );
    });

    test('cluster rules are compared with the rule they replace', () => {
      const withRule = (mode: string) =>
        version({
          clusterRules: { 'us-central1-a.prod': ruleModel(mode, undefined, mode === 'REQUIRE_ATTESTATION' ? [A] : []) },
        });
      // a cluster that gets its own allow-all rule instead of the default deny
      expect(changes(version(), withRule('ALWAYS_ALLOW'))).toEqual([
        'weakening the rule for GKE cluster us-central1-a.prod evaluation mode',
      ]);
      // removing it gives the cluster the default deny back
      expect(changes(withRule('ALWAYS_ALLOW'), version())).toEqual([
        'strengthening the rule for GKE cluster us-central1-a.prod evaluation mode',
      ]);
      expect(changes(withRule('ALWAYS_DENY'), withRule('ALWAYS_DENY'))).toEqual([]);
    });
  });

  describe('the policy itself', () => {
    test('removed: weakening, the project falls back to allow-all; added: strengthening', () => {
      const [removed, ...more] = diffPolicies(version(), undefined, isInterpolated);
      expect(more).toEqual([]);
      expect(removed.kind).toBe('weakening');
      expect(String(removed.reason)).toMatch(/falls back to Google's default policy/);
      expect(changes(undefined, version())).toEqual(['strengthening the policy']);
      expect(changes(undefined, undefined)).toEqual([]);
    });

    test('prevent_destroy removed weakens, added strengthens', () => {
      const loose = version({}, { preventDestroy: false });
      expect(changes(version(), loose)).toEqual(['weakening lifecycle.prevent_destroy']);
      expect(changes(loose, version())).toEqual(['strengthening lifecycle.prevent_destroy']);
    });

    test('prevent_destroy not recorded on either side (a plan, a state, a live policy) is not compared', () => {
      const unrecorded = version({}, { preventDestroy: undefined });
      expect(changes(version(), unrecorded)).toEqual([]);
      expect(changes(unrecorded, version({}, { preventDestroy: false }))).toEqual([]);
    });

    test('global policy evaluation turned on weakens (GKE only), off strengthens', () => {
      const on = version({}, { globalPolicyEvaluationMode: 'ENABLE' });
      expect(changes(version(), on)).toEqual(['weakening global policy evaluation mode']);
      expect(changes(on, version({}, { globalPolicyEvaluationMode: 'DISABLE' }))).toEqual([
        'strengthening global policy evaluation mode',
      ]);
    });
  });
});
