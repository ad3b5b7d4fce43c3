/**
 * A plain data model of a Binary Authorization policy, shared by the constructs (which build it from
 * their props) and the CLI (which reads it from Terraform JSON). Values that are unresolved at synth
 * time are kept as they are; callers mark them with `isUnknown`.
 */
/** Every evaluation mode the API knows. */
export const EVALUATION_MODES = ['ALWAYS_ALLOW', 'ALWAYS_DENY', 'REQUIRE_ATTESTATION'] as const;
/** `ALWAYS_ALLOW`, `ALWAYS_DENY` or `REQUIRE_ATTESTATION`. */
export type EvaluationModeValue = (typeof EVALUATION_MODES)[number];

/** Every enforcement mode the API knows. */
export const ENFORCEMENT_MODES = ['ENFORCED_BLOCK_AND_AUDIT_LOG', 'DRYRUN_AUDIT_LOG_ONLY'] as const;
/** `ENFORCED_BLOCK_AND_AUDIT_LOG` or `DRYRUN_AUDIT_LOG_ONLY`. */
export type EnforcementModeValue = (typeof ENFORCEMENT_MODES)[number];

/** Whether `value` is one of `values` (a list declared `as const`), as its type. */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return (values as readonly unknown[]).includes(value);
}

/**
 * Whether a value of a policy is known only at apply time: a Terraform interpolation (it holds `${`), as
 * Terraform JSON, plans and the constructs' unresolved values show it.
 */
export function isInterpolated(value: string): boolean {
  return value.includes('${');
}

/** A reference to a value of one instance of a resource: `each.key`, `each.value`, `count.index`, `self.…`. */
const PER_INSTANCE = /(^|[^A-Za-z0-9_.-])(each|count|self)\./;

/**
 * Whether two interpolations of one Terraform configuration stand for the same value: the same expression
 * (`${var.project}` twice), unless it references a value of one instance (`${each.key}`, `${count.index}`,
 * `self.…`), which differs between two resources even when written alike. The one rule of "same expression"
 * for the command line and the constructs.
 */
export function sameExpression(a: string, b: string): boolean {
  return a === b && !PER_INSTANCE.test(a);
}

/** An admission rule. */
export interface RuleModel {
  readonly evaluationMode: EvaluationModeValue;
  readonly enforcementMode: EnforcementModeValue;
  /** Full attestor resource names, `projects/P/attestors/N`. */
  readonly requireAttestationsBy: string[];
}

/** A project's policy. */
export interface PolicyModel {
  /** The project id (may be an unresolved value). */
  readonly project: string;
  readonly defaultAdmissionRule: RuleModel;
  /** Allowlist patterns in their rendered order. */
  readonly allowlistPatterns: string[];
  /** Rules for GKE clusters, by `LOCATION.CLUSTER_ID`; Cloud Run does not evaluate them. */
  readonly clusterAdmissionRules?: Record<string, RuleModel>;
}

/**
 * What is wrong with a rule, if anything: the attestor list must fit the evaluation mode
 * (`checkAttestorCount`), and no two required attestors may share a short id (`checkRequiredAttestors`).
 *
 * @param isUnknown tells names known only at apply time, whose short id cannot be compared
 */
export function checkRule(rule: RuleModel, isUnknown: (value: string) => boolean = () => false): string | undefined {
  return checkAttestorCount(rule, isUnknown) ?? checkRequiredAttestors(rule.requireAttestationsBy, isUnknown);
}

/**
 * REQUIRE_ATTESTATION needs attestors, and the other modes take none.
 *
 * An entry known only at apply time (`isUnknown`) may stand for no attestor at all: a whole list written as an
 * expression, such as cloud-foundation-fabric's `[for a in coalesce(var.….attestors, []) : …]`, is read as one
 * unknown entry. So under ALWAYS_ALLOW or ALWAYS_DENY only known entries count: those modes decide without
 * attestors whatever the list holds, and the API refuses, at apply, a list that turns out not to be empty (an
 * apply that fails, not a policy that admits more).
 *
 * @param isUnknown tells entries known only at apply time
 */
export function checkAttestorCount(
  rule: RuleModel,
  isUnknown: (value: string) => boolean = () => false,
): string | undefined {
  if (rule.evaluationMode === 'REQUIRE_ATTESTATION' && rule.requireAttestationsBy.length === 0) {
    return 'REQUIRE_ATTESTATION needs at least one attestor';
  }
  if (rule.evaluationMode !== 'REQUIRE_ATTESTATION' && rule.requireAttestationsBy.some((name) => !isUnknown(name))) {
    return `${rule.evaluationMode} takes no attestors`;
  }
  return undefined;
}

/**
 * No two required attestors may share a short id. The provider keeps `require_attestations_by` in a set
 * hashed by the last path segment of each name (`tpgresource.SelfLinkNameHash`), so
 * `projects/a/attestors/prod` and `projects/b/attestors/prod` collide and one of them is silently dropped
 * on apply: the rule would then require fewer attestations than it says.
 *
 * @param isUnknown tells names known only at apply time, whose short id cannot be compared
 */
export function checkRequiredAttestors(
  names: readonly string[],
  isUnknown: (value: string) => boolean = () => false,
): string | undefined {
  const byShortId = new Map<string, string>();
  for (const name of names) {
    const shortId = typeof name === 'string' ? name.slice(name.lastIndexOf('/') + 1) : '';
    if (shortId === '' || isUnknown(shortId)) {
      continue;
    }
    const other = byShortId.get(shortId);
    if (other !== undefined && other !== name) {
      return `${other} and ${name} have the same short id "${shortId}", and the Google provider keeps required attestors in a set keyed by the short id, so one of them would be silently dropped on apply; give one of the attestors another id`;
    }
    byShortId.set(shortId, name);
  }
  return undefined;
}
