/**
 * Whether a policy model read from an input can be used as it stands: modes the API knows, attestors
 * that fit the evaluation mode. One implementation for the command line: `check`, `export` and
 * `summary` refuse a policy with a problem, `lint` reports each problem as an error. Values known
 * only at apply time are not judged.
 */
import { describeValue } from './display';
import { checkAttestorCount, checkRule, ENFORCEMENT_MODES, EVALUATION_MODES, PolicyModel, RuleModel } from './policy';

/** The values `global_policy_evaluation_mode` takes. */
export const GLOBAL_POLICY_EVALUATION_MODES: readonly string[] = ['ENABLE', 'DISABLE'];

/** What a policy holds besides the model. */
export interface PolicyCheckExtras {
  /** `ENABLE` or `DISABLE`, if set. */
  readonly globalPolicyEvaluationMode?: string;
  /**
   * The format the policy was read from: a live policy (`policy-yaml`) may require two attestors with one
   * short id, which only the Terraform provider cannot express (`checkRequiredAttestors`): not a problem
   * of the policy, so it is not one here (`import` refuses it).
   */
  readonly format?: string;
}

/**
 * Every problem of a policy, each a sentence naming the rule or value: its default rule, then its
 * cluster rules (`ruleProblems`), then its global evaluation mode (`globalEvaluationModeProblem`).
 *
 * @param isUnknown tells values known only at apply time, which are not judged
 */
export function policyProblems(
  model: PolicyModel,
  isUnknown: (value: string) => boolean,
  extras: PolicyCheckExtras = {},
): string[] {
  const rules: Array<[string, RuleModel]> = [
    ['the default rule', model.defaultAdmissionRule],
    ...Object.entries(model.clusterAdmissionRules ?? {}).map(([cluster, rule]): [string, RuleModel] => [
      `the rule for GKE cluster ${cluster}`,
      rule,
    ]),
  ];
  const global = globalEvaluationModeProblem(extras.globalPolicyEvaluationMode, isUnknown);
  const live = extras.format === 'policy-yaml';
  return [...rules.flatMap(([name, rule]) => ruleProblems(rule, name, isUnknown, live)), ...(global ? [global] : [])];
}

/**
 * What a policy's `globalPolicyEvaluationMode` (`global_policy_evaluation_mode`) is set to, in words, as
 * `summary` and `lint` show it: `ENABLE` has Google's system policy evaluated before the project's.
 */
export function globalEvaluationText(mode: string | undefined): string {
  if (mode === undefined) {
    return 'globalPolicyEvaluationMode: not set (DISABLE)';
  }
  const meaning =
    mode === 'ENABLE'
      ? " (Google's system policy admits Google-maintained system images first, on GKE)"
      : mode === 'DISABLE'
        ? " (Google's system policy is not evaluated)"
        : '';
  return `globalPolicyEvaluationMode: ${mode}${meaning}`;
}

/** A problem with `global_policy_evaluation_mode` (`ENABLE` or `DISABLE`), or `undefined`. */
export function globalEvaluationModeProblem(
  mode: string | undefined,
  isUnknown: (value: string) => boolean,
): string | undefined {
  if (mode === undefined || isUnknown(mode) || GLOBAL_POLICY_EVALUATION_MODES.includes(mode)) {
    return undefined;
  }
  return `the global policy evaluation mode ${describeValue(mode)} is not one of ${GLOBAL_POLICY_EVALUATION_MODES.join(', ')}`;
}

/**
 * The problems of one admission rule, each a sentence starting with `name` (such as "the default
 * rule"): an unknown evaluation or enforcement mode, or attestors that do not fit the evaluation mode.
 */
export function ruleProblems(
  rule: RuleModel,
  name: string,
  isUnknown: (value: string) => boolean,
  live = false,
): string[] {
  const problems: string[] = [];
  const evaluationKnown = !isUnknown(rule.evaluationMode);
  const evaluationValid = EVALUATION_MODES.includes(rule.evaluationMode);
  if (evaluationKnown && !evaluationValid) {
    problems.push(
      `${name}'s evaluation mode ${describeValue(rule.evaluationMode)} is not one of ${EVALUATION_MODES.join(', ')}`,
    );
  }
  if (!isUnknown(rule.enforcementMode) && !ENFORCEMENT_MODES.includes(rule.enforcementMode)) {
    problems.push(
      `${name}'s enforcement mode ${describeValue(rule.enforcementMode)} is not one of ${ENFORCEMENT_MODES.join(', ')}`,
    );
  }
  if (evaluationKnown && evaluationValid) {
    // A live policy is what the API holds: only the Terraform provider's set cannot hold two short ids.
    const problem = live ? checkAttestorCount(rule) : checkRule(rule, isUnknown);
    if (problem !== undefined) {
      problems.push(`${name} is invalid: ${problem}`);
    }
  }
  return problems;
}
