import { PolicyModel, RuleModel, isInterpolated, sameExpression } from '../../src/core/policy';
import { policyProblems, ruleProblems } from '../../src/core/policy-check';
import { ruleModel } from '../support';

const rule = ruleModel;

describe('ruleProblems', () => {
  test.each<[RuleModel, string[]]>([
    [rule('ALWAYS_DENY'), []],
    [rule('ALWAYS_ALLOW', 'DRYRUN_AUDIT_LOG_ONLY'), []],
    [rule('REQUIRE_ATTESTATION', undefined, ['projects/p/attestors/a']), []],
    [rule('REQUIRE_ATTESTATION', undefined, ['${var.attestors}']), []],
    [rule('${var.mode}', '${var.enforcement}', ['projects/p/attestors/a']), []],
    [
      rule('ALWAYS_DENYX'),
      [
        'the default rule\'s evaluation mode "ALWAYS_DENYX" is not one of ALWAYS_ALLOW, ALWAYS_DENY, REQUIRE_ATTESTATION',
      ],
    ],
    [
      rule('ALWAYS_DENY', 'ENFORCED'),
      [
        'the default rule\'s enforcement mode "ENFORCED" is not one of ENFORCED_BLOCK_AND_AUDIT_LOG, DRYRUN_AUDIT_LOG_ONLY',
      ],
    ],
    [rule('REQUIRE_ATTESTATION'), ['the default rule is invalid: REQUIRE_ATTESTATION needs at least one attestor']],
    [
      rule('ALWAYS_DENY', undefined, ['projects/p/attestors/a']),
      ['the default rule is invalid: ALWAYS_DENY takes no attestors'],
    ],
    // A list known only at apply time may be empty: ALWAYS_DENY and ALWAYS_ALLOW decide without it.
    [rule('ALWAYS_DENY', undefined, ['${[for a in var.attestors : a]}']), []],
    [rule('ALWAYS_ALLOW', undefined, ['${var.attestors}']), []],
    // A known entry beside an unknown one is one attestor at least.
    [
      rule('ALWAYS_DENY', undefined, ['${var.attestor}', 'projects/p/attestors/a']),
      ['the default rule is invalid: ALWAYS_DENY takes no attestors'],
    ],
    [
      rule('always_deny\u202e', 'x\n'),
      [
        'the default rule\'s evaluation mode "always_deny\\u202e" is not one of ALWAYS_ALLOW, ALWAYS_DENY, REQUIRE_ATTESTATION',
        'the default rule\'s enforcement mode "x\\n" is not one of ENFORCED_BLOCK_AND_AUDIT_LOG, DRYRUN_AUDIT_LOG_ONLY',
      ],
    ],
  ])('%j', (r, expected) => {
    expect(ruleProblems(r, 'the default rule', isInterpolated)).toStrictEqual(expected);
  });
});

describe('policyProblems', () => {
  const policy = (defaultAdmissionRule: RuleModel, clusterAdmissionRules = {}): PolicyModel => ({
    project: 'my-project',
    defaultAdmissionRule,
    allowlistPatterns: [],
    clusterAdmissionRules,
  });

  test('a valid policy has none', () => {
    expect(
      policyProblems(policy(rule('ALWAYS_DENY')), isInterpolated, { globalPolicyEvaluationMode: 'ENABLE' }),
    ).toStrictEqual([]);
  });

  test('the default rule, then the cluster rules, then the global evaluation mode', () => {
    expect(
      policyProblems(policy(rule('NEVER'), { 'us-central1-a.prod': rule('REQUIRE_ATTESTATION') }), isInterpolated, {
        globalPolicyEvaluationMode: 'ON',
      }),
    ).toStrictEqual([
      'the default rule\'s evaluation mode "NEVER" is not one of ALWAYS_ALLOW, ALWAYS_DENY, REQUIRE_ATTESTATION',
      'the rule for GKE cluster us-central1-a.prod is invalid: REQUIRE_ATTESTATION needs at least one attestor',
      'the global policy evaluation mode "ON" is not one of ENABLE, DISABLE',
    ]);
  });

  test('values known only at apply time are not judged', () => {
    expect(
      policyProblems(policy(rule('${var.m}', '${var.e}')), isInterpolated, { globalPolicyEvaluationMode: '${var.g}' }),
    ).toStrictEqual([]);
  });
});

describe('sameExpression', () => {
  test.each([
    ['${var.project}', '${var.project}', true],
    ['${var.project}', '${var.other}', false],
    ['${local.count.x}', '${local.count.x}', true],
    ['${var.each_project}', '${var.each_project}', true],
    ['${each.key}', '${each.key}', false],
    ['${each.value.project}', '${each.value.project}', false],
    ['${var.projects[count.index]}', '${var.projects[count.index]}', false],
    ['${self.project}', '${self.project}', false],
    ['p-${each.key}', 'p-${each.key}', false],
  ])('%s and %s: %s', (a, b, same) => {
    expect(sameExpression(a, b)).toBe(same);
  });
});
