/**
 * Reads Binary Authorization policies out of any Terraform JSON (`cdk.tf.json` or hand-written
 * `*.tf.json`) into the core policy model. Interpolations (`${…}`) are values known only at apply time.
 */
import { EnforcementModeValue, EvaluationModeValue, PolicyModel, RuleModel } from './policy';

/** A policy found in Terraform JSON, with where it was found. */
export interface FoundPolicy {
  /** The Terraform address, `google_binary_authorization_policy.NAME`. */
  readonly address: string;
  /** The policy. */
  readonly policy: PolicyModel;
  /** Whether the resource carries `lifecycle.prevent_destroy = true`. */
  readonly preventDestroy: boolean;
}

/** Whether a value from Terraform JSON is known only at apply time. */
export function isInterpolated(value: string): boolean {
  return value.includes('${');
}

/** The `google_binary_authorization_policy` resources of a Terraform JSON document. */
export function policiesFromTerraformJson(doc: unknown): FoundPolicy[] {
  return resourcesOfType(doc, 'google_binary_authorization_policy').map(([name, body]) => ({
    address: `google_binary_authorization_policy.${name}`,
    policy: {
      project: typeof body.project === 'string' ? body.project : '(provider default project)',
      defaultAdmissionRule: ruleFromJson(firstBlock(body.default_admission_rule)),
      allowlistPatterns: blocks(body.admission_whitelist_patterns)
        .map((b) => b.name_pattern)
        .filter((p): p is string => typeof p === 'string'),
      clusterAdmissionRules: Object.fromEntries(
        blocks(body.cluster_admission_rules).map((rule) => [String(rule.cluster), ruleFromJson(rule)]),
      ),
    },
    preventDestroy: firstBlock(body.lifecycle).prevent_destroy === true,
  }));
}

/** The resources of one type, as `[name, body]` pairs in document order. */
export function resourcesOfType(doc: unknown, type: string): Array<[string, Record<string, any>]> {
  const byType = (asObject(doc).resource ?? {}) as Record<string, unknown>;
  const byName = asObject(byType[type]);
  return Object.entries(byName).flatMap(([name, body]) =>
    blocks(body).map((b): [string, Record<string, any>] => [name, b]),
  );
}

function ruleFromJson(rule: Record<string, any>): RuleModel {
  return {
    evaluationMode: rule.evaluation_mode as EvaluationModeValue,
    enforcementMode: rule.enforcement_mode as EnforcementModeValue,
    requireAttestationsBy: Array.isArray(rule.require_attestations_by) ? rule.require_attestations_by : [],
  };
}

/** A nested block in Terraform JSON is an object or a list of objects. */
function blocks(value: unknown): Array<Record<string, any>> {
  if (Array.isArray(value)) {
    return value.filter((v) => typeof v === 'object' && v !== null);
  }
  return typeof value === 'object' && value !== null ? [value as Record<string, any>] : [];
}

function firstBlock(value: unknown): Record<string, any> {
  return blocks(value)[0] ?? {};
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
