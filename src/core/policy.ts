/**
 * A plain data model of a Binary Authorization policy, shared by the constructs (which build it from
 * their props) and the CLI (which reads it from Terraform JSON). Values that are unresolved at synth
 * time are kept as they are; callers mark them with `isUnknown`.
 */
/** `ALWAYS_ALLOW`, `ALWAYS_DENY` or `REQUIRE_ATTESTATION`. */
export type EvaluationModeValue = 'ALWAYS_ALLOW' | 'ALWAYS_DENY' | 'REQUIRE_ATTESTATION';
/** `ENFORCED_BLOCK_AND_AUDIT_LOG` or `DRYRUN_AUDIT_LOG_ONLY`. */
export type EnforcementModeValue = 'ENFORCED_BLOCK_AND_AUDIT_LOG' | 'DRYRUN_AUDIT_LOG_ONLY';

/** Every evaluation mode the API knows. */
export const EVALUATION_MODES: readonly string[] = ['ALWAYS_ALLOW', 'ALWAYS_DENY', 'REQUIRE_ATTESTATION'];
/** Every enforcement mode the API knows. */
export const ENFORCEMENT_MODES: readonly string[] = ['ENFORCED_BLOCK_AND_AUDIT_LOG', 'DRYRUN_AUDIT_LOG_ONLY'];

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

/** What is wrong with a rule, if anything: the attestor list must fit the evaluation mode. */
export function checkRule(rule: RuleModel): string | undefined {
  if (rule.evaluationMode === 'REQUIRE_ATTESTATION' && rule.requireAttestationsBy.length === 0) {
    return 'REQUIRE_ATTESTATION needs at least one attestor';
  }
  if (rule.evaluationMode !== 'REQUIRE_ATTESTATION' && rule.requireAttestationsBy.length > 0) {
    return `${rule.evaluationMode} takes no attestors`;
  }
  return undefined;
}
