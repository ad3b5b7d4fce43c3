/**
 * A policy as the YAML that `gcloud container binauthz policy import` reads (Google's policy YAML
 * reference: `admissionWhitelistPatterns`, `defaultAdmissionRule`, `globalPolicyEvaluationMode`, `name`).
 * Written by hand: every value is a double-quoted scalar (JSON string escapes are valid YAML), keys in
 * the order `gcloud … policy export` prints them.
 */
import { PolicyModel, RuleModel } from './policy';

/** What the YAML holds besides the model. */
export interface PolicyYamlExtras {
  /** The policy description. */
  readonly description?: string;
  /** `ENABLE` or `DISABLE`. */
  readonly globalPolicyEvaluationMode?: string;
}

/** Every value of the policy that `isUnknown` says is known only at apply time, as `field: value`. */
export function unknownPolicyValues(
  model: PolicyModel,
  extras: PolicyYamlExtras,
  isUnknown: (value: string) => boolean,
): string[] {
  const rule = model.defaultAdmissionRule;
  const fields: Array<[string, string | undefined]> = [
    ['project', model.project],
    ['description', extras.description],
    ['globalPolicyEvaluationMode', extras.globalPolicyEvaluationMode],
    ['evaluationMode', rule.evaluationMode],
    ['enforcementMode', rule.enforcementMode],
    ...model.allowlistPatterns.map((p): [string, string] => ['namePattern', p]),
    ...rule.requireAttestationsBy.map((a): [string, string] => ['requireAttestationsBy', a]),
    ...Object.entries(model.clusterAdmissionRules ?? {}).flatMap(([cluster, r]): Array<[string, string]> => [
      ['clusterAdmissionRules key', cluster],
      [`${cluster} evaluationMode`, r.evaluationMode],
      [`${cluster} enforcementMode`, r.enforcementMode],
      ...r.requireAttestationsBy.map((a): [string, string] => [`${cluster} requireAttestationsBy`, a]),
    ]),
  ];
  return fields.filter(([, v]) => v !== undefined && isUnknown(v)).map(([k, v]) => `${k}: ${v}`);
}

/** The policy YAML; the model must hold known values only (see `unknownPolicyValues`). */
export function policyYaml(model: PolicyModel, extras: PolicyYamlExtras = {}): string {
  const q = (value: string) => JSON.stringify(value);
  const rule = model.defaultAdmissionRule;
  const lines: string[] = [];
  if (model.allowlistPatterns.length > 0) {
    lines.push('admissionWhitelistPatterns:');
    model.allowlistPatterns.forEach((p) => lines.push(`- namePattern: ${q(p)}`));
  }
  const clusters = Object.entries(model.clusterAdmissionRules ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (clusters.length > 0) {
    lines.push('clusterAdmissionRules:');
    clusters.forEach(([cluster, r]) => lines.push(`  ${q(cluster)}:`, ...ruleLines(r, '    ')));
  }
  lines.push('defaultAdmissionRule:', ...ruleLines(rule, '  '));
  if (extras.description !== undefined) {
    lines.push(`description: ${q(extras.description)}`);
  }
  if (extras.globalPolicyEvaluationMode !== undefined) {
    lines.push(`globalPolicyEvaluationMode: ${q(extras.globalPolicyEvaluationMode)}`);
  }
  lines.push(`name: ${q(`projects/${model.project}/policy`)}`);
  return `${lines.join('\n')}\n`;
}

function ruleLines(rule: RuleModel, indent: string): string[] {
  const q = (value: string) => JSON.stringify(value);
  const lines = [
    `${indent}enforcementMode: ${q(rule.enforcementMode)}`,
    `${indent}evaluationMode: ${q(rule.evaluationMode)}`,
  ];
  if (rule.requireAttestationsBy.length > 0) {
    lines.push(`${indent}requireAttestationsBy:`);
    rule.requireAttestationsBy.forEach((a) => lines.push(`${indent}- ${q(a)}`));
  }
  return lines;
}
