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
  /** The policy's `description`, if set. */
  readonly description?: string;
  /** The policy's `global_policy_evaluation_mode`, if set. */
  readonly globalPolicyEvaluationMode?: string;
}

/** The project of a policy that names none: the provider's default project, not known from the policy. */
export const PROVIDER_DEFAULT_PROJECT = '(provider default project)';

/**
 * Stands in for allowlist patterns that a `dynamic "admission_whitelist_patterns"` block or an
 * interpolated list produces: known only at apply time (it contains `${`).
 */
export const DYNAMIC_PATTERNS = '${dynamic admission_whitelist_patterns}';

/** Whether a value from Terraform JSON is known only at apply time. */
export function isInterpolated(value: string): boolean {
  return value.includes('${');
}

/** The `google_binary_authorization_policy` resources of a Terraform JSON document. */
export function policiesFromTerraformJson(doc: unknown): FoundPolicy[] {
  return resourcesOfType(doc, 'google_binary_authorization_policy').map(([name, body]) => ({
    address: `google_binary_authorization_policy.${name}`,
    policy: {
      project: typeof body.project === 'string' ? body.project : PROVIDER_DEFAULT_PROJECT,
      defaultAdmissionRule: ruleFromJson(firstBlock(body.default_admission_rule)),
      allowlistPatterns: patternsFromJson(body),
      clusterAdmissionRules: Object.fromEntries(
        blocks(body.cluster_admission_rules).map((rule) => [String(rule.cluster), ruleFromJson(rule)]),
      ),
    },
    preventDestroy: firstBlock(body.lifecycle).prevent_destroy === true,
    description: typeof body.description === 'string' ? body.description : undefined,
    globalPolicyEvaluationMode:
      typeof body.global_policy_evaluation_mode === 'string' ? body.global_policy_evaluation_mode : undefined,
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

/** The allowlist patterns; a pattern that is not a plain string, or a dynamic block, is known only at apply time. */
function patternsFromJson(body: Record<string, any>): string[] {
  const value = body.admission_whitelist_patterns;
  const patterns = blocks(value).map((b) => (typeof b.name_pattern === 'string' ? b.name_pattern : DYNAMIC_PATTERNS));
  const dynamic = typeof value === 'string' || asObject(body.dynamic).admission_whitelist_patterns !== undefined;
  return dynamic ? [...patterns, DYNAMIC_PATTERNS] : patterns;
}

function ruleFromJson(rule: Record<string, any>): RuleModel {
  return {
    evaluationMode: rule.evaluation_mode as EvaluationModeValue,
    enforcementMode: rule.enforcement_mode as EnforcementModeValue,
    // An interpolated list (`"${var.attestors}"`) stays one unknown entry.
    requireAttestationsBy: Array.isArray(rule.require_attestations_by)
      ? rule.require_attestations_by
      : typeof rule.require_attestations_by === 'string'
        ? [rule.require_attestations_by]
        : [],
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
