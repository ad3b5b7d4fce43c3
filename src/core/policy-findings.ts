/**
 * The findings of a policy's own parts, its rules and its allowlist patterns, apart from any input format:
 * the lint reports them at a resource's address, and the constructs warn with them (errors are refused
 * before). Framework-free, and free of the readers, so that the constructs load only this.
 */
import { FindingCode } from './findings';
import { AllowlistPattern, parseAllowlistPattern } from './pattern';
import { checkRequiredAttestors, isInterpolated, RuleModel } from './policy';
import { ruleProblems } from './policy-check';
import { tenantKindOf, tenantSegments } from './registries';

/** How bad a finding is: errors fail the lint (exit 1). */
export type Severity = 'error' | 'warning' | 'info';

/** One finding. */
export interface Finding {
  readonly severity: Severity;
  /** A stable code, such as `dry-run` or `not-enforced` (`FINDING_CODES`). */
  readonly code: FindingCode;
  /** The Terraform address of the resource, `TYPE.NAME`. */
  readonly address: string;
  /** What is wrong and what to do, in a sentence. */
  readonly message: string;
}

/**
 * What a policy without `lifecycle.prevent_destroy` risks, for the lint and the constructs' warning
 * (`no-prevent-destroy`).
 */
export const NO_PREVENT_DESTROY =
  "the policy lacks lifecycle.prevent_destroy: destroying it resets the project to Google's default policy, which admits every image";

/** A finding about a rule or a pattern, before it is placed at a resource. */
export type RuleFinding = Omit<Finding, 'address'>;

/**
 * The findings for one admission rule (the default rule, or a cluster's): its problems
 * (`ruleProblems`, errors), values known only at apply time, allow-all and dry run. The constructs warn
 * with the same findings.
 *
 * @param name how messages name the rule, such as "the default rule"
 */
export function ruleFindings(rule: RuleModel, name: string, live = false): RuleFinding[] {
  const findings: RuleFinding[] = ruleProblems(rule, name, isInterpolated, live).map((message) => ({
    severity: 'error',
    code: 'invalid-rule',
    message,
  }));
  const sameShortId = live ? checkRequiredAttestors(rule.requireAttestationsBy) : undefined;
  if (sameShortId !== undefined) {
    // Google holds it; only the Terraform provider cannot (facts: its set is hashed by the short id).
    findings.push({
      severity: 'warning',
      code: 'invalid-rule',
      message: `${name} cannot be written with the Terraform provider: ${sameShortId}; import refuses it until then`,
    });
  }
  for (const [what, mode] of [
    ['evaluation', rule.evaluationMode],
    ['enforcement', rule.enforcementMode],
  ] as const) {
    if (isInterpolated(mode)) {
      const message = `${name}'s ${what} mode is known only at apply time: ${mode}`;
      findings.push({ severity: 'info', code: 'unknown-value', message });
    }
  }
  if (rule.evaluationMode === 'ALWAYS_ALLOW') {
    findings.push({
      severity: 'error',
      code: 'allow-all',
      message: `${name} is ALWAYS_ALLOW: every image is admitted and the allowlist does nothing; use ALWAYS_DENY with an allowlist, or REQUIRE_ATTESTATION`,
    });
  }
  if (rule.enforcementMode === 'DRYRUN_AUDIT_LOG_ONLY') {
    findings.push({
      severity: 'warning',
      code: 'dry-run',
      message: `${name} is in dry run (DRYRUN_AUDIT_LOG_ONLY): violations are only logged, every image is admitted; switch to ENFORCED_BLOCK_AND_AUDIT_LOG once the logs are clean`,
    });
  }
  return findings;
}

/** The findings for one allowlist pattern. */
export function lintPattern(address: string, pattern: string): Finding[] {
  if (isInterpolated(pattern)) {
    const message = `allowlist pattern ${JSON.stringify(pattern)} is known only at apply time`;
    return [{ severity: 'info', code: 'unknown-value', address, message }];
  }
  return lintParsedPattern(address, parseAllowlistPattern(pattern));
}

/** The findings for one allowlist pattern already taken apart (`parseAllowlistPattern`). */
export function lintParsedPattern(address: string, parsed: AllowlistPattern): Finding[] {
  const finding = (severity: Severity, code: FindingCode, message: string): Finding[] => [
    { severity, code, address, message },
  ];
  const pattern = parsed.pattern;
  const problem = parsed.problems[0];
  // Every pattern the constructs refuse (`parseAllowlistPattern`'s problems, the one judgement) is an error.
  if (problem?.code === 'prefix-double-star' || problem?.code === 'multi-tenant-registry') {
    return finding('error', 'broad-pattern', `allowlist pattern ${JSON.stringify(pattern)}: ${problem.message}`);
  }
  if (problem !== undefined) {
    return finding(
      'error',
      'invalid-pattern',
      `allowlist pattern ${JSON.stringify(pattern)} is invalid: ${problem.message}`,
    );
  }
  if (parsed.wildcard === '**') {
    const [registry, ...directories] = parsed.prefix.slice(0, -1).split('/');
    const tenant = tenantSegments(registry, directories.join('/'));
    const kind = tenantKindOf(registry);
    if (tenant === undefined && parsed.prefix === `${registry}/`) {
      return finding(
        'info',
        'registry-wide',
        `allowlist pattern ${JSON.stringify(pattern)} admits every image of the registry ${registry}: right only if you own it and trust everything pushed there`,
      );
    }
    if (tenant !== undefined && directories.length === tenant) {
      return finding(
        'warning',
        'broad-pattern',
        `allowlist pattern ${JSON.stringify(pattern)} admits every image of a whole ${kind}; prefer one repository, like "${parsed.prefix}REPOSITORY/**"`,
      );
    }
  }
  if (parsed.wildcard === 'none' && !pattern.includes('@')) {
    return finding(
      'warning',
      'never-matches',
      `allowlist pattern ${JSON.stringify(pattern)} has no wildcard and no digest, and Cloud Run evaluates images by digest, so it matches nothing; write "${pattern}@*" for every version of the image`,
    );
  }
  return [];
}
