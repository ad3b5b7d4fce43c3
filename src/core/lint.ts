/**
 * Lint rules over one Terraform JSON document: the Binary Authorization policies it defines and the
 * Cloud Run resources (services, jobs, worker pools, functions) that should enforce a policy.
 * Framework-free: any Terraform JSON works, synthesized by cdktf or written by hand.
 */
import { parseAllowlistPattern } from './pattern';
import { checkRule } from './policy';
import { FoundPolicy, isInterpolated, policiesFromTerraformJson, resourcesOfType } from './terraform-json';

/** How bad a finding is: errors fail the lint (exit 1). */
export type Severity = 'error' | 'warning' | 'info';

/** One finding. */
export interface Finding {
  readonly severity: Severity;
  /** A stable code, such as `dry-run` or `not-enforced`. */
  readonly code: string;
  /** The Terraform address of the resource, `TYPE.NAME`. */
  readonly address: string;
  /** What is wrong and what to do, in a sentence. */
  readonly message: string;
}

/** The Cloud Run resource types that the lint checks, with how each turns Binary Authorization on. */
export const CLOUD_RUN_TYPES = [
  'google_cloud_run_v2_service',
  'google_cloud_run_v2_job',
  'google_cloud_run_v2_worker_pool',
  'google_cloud_run_service',
  'google_cloudfunctions2_function',
] as const;

const V1_ANNOTATION = 'run.googleapis.com/binary-authorization';
const V1_BREAKGLASS = 'run.googleapis.com/binary-authorization-breakglass';

/** Whether the document holds anything this lint looks at (a policy or a Cloud Run resource). */
export function hasLintSubjects(doc: unknown): boolean {
  return (
    policiesFromTerraformJson(doc).length > 0 || CLOUD_RUN_TYPES.some((type) => resourcesOfType(doc, type).length > 0)
  );
}

/** Lints one Terraform JSON document. */
export function lintTerraformJson(doc: unknown): Finding[] {
  return [...policiesFromTerraformJson(doc).flatMap(lintPolicy), ...lintCloudRun(doc)];
}

/** The findings for one policy. */
export function lintPolicy(found: FoundPolicy): Finding[] {
  const { address, policy } = found;
  const findings: Finding[] = [];
  const add = (severity: Severity, code: string, message: string) =>
    findings.push({ severity, code, address, message });
  const rule = policy.defaultAdmissionRule;

  if (isInterpolated(String(rule.evaluationMode))) {
    add(
      'info',
      'unknown-value',
      `the default rule's evaluation mode is known only at apply time: ${rule.evaluationMode}`,
    );
  } else if (rule.evaluationMode === 'ALWAYS_ALLOW') {
    add(
      'error',
      'allow-all',
      'the default rule is ALWAYS_ALLOW: every image is admitted and the allowlist does nothing; use ALWAYS_DENY with an allowlist, or REQUIRE_ATTESTATION',
    );
  } else if (!['ALWAYS_DENY', 'REQUIRE_ATTESTATION'].includes(rule.evaluationMode)) {
    add(
      'error',
      'invalid-rule',
      `the default rule's evaluation mode ${JSON.stringify(rule.evaluationMode)} is not ALWAYS_ALLOW, ALWAYS_DENY or REQUIRE_ATTESTATION`,
    );
  } else {
    const problem = checkRule(rule);
    if (problem !== undefined) {
      add('error', 'invalid-rule', `the default rule is invalid: ${problem}`);
    }
  }

  if (isInterpolated(String(rule.enforcementMode))) {
    add(
      'info',
      'unknown-value',
      `the default rule's enforcement mode is known only at apply time: ${rule.enforcementMode}`,
    );
  } else if (rule.enforcementMode === 'DRYRUN_AUDIT_LOG_ONLY') {
    add(
      'warning',
      'dry-run',
      'the default rule is in dry run (DRYRUN_AUDIT_LOG_ONLY): violations are only logged, every image is admitted; switch to ENFORCED_BLOCK_AND_AUDIT_LOG once the logs are clean',
    );
  } else if (rule.enforcementMode !== 'ENFORCED_BLOCK_AND_AUDIT_LOG') {
    add(
      'error',
      'invalid-rule',
      `the default rule's enforcement mode ${JSON.stringify(rule.enforcementMode)} is not ENFORCED_BLOCK_AND_AUDIT_LOG or DRYRUN_AUDIT_LOG_ONLY`,
    );
  }

  for (const pattern of policy.allowlistPatterns) {
    findings.push(...lintPattern(address, pattern));
  }

  if (!found.preventDestroy) {
    add(
      'warning',
      'no-prevent-destroy',
      "the policy lacks lifecycle.prevent_destroy: destroying it resets the project to Google's default policy, which admits every image",
    );
  }
  return findings;
}

/** The findings for one allowlist pattern. */
export function lintPattern(address: string, pattern: string): Finding[] {
  const finding = (severity: Severity, code: string, message: string): Finding[] => [
    { severity, code, address, message },
  ];
  if (isInterpolated(pattern)) {
    return finding('info', 'unknown-value', `allowlist pattern ${JSON.stringify(pattern)} is known only at apply time`);
  }
  const parsed = parseAllowlistPattern(pattern);
  const problem = parsed.problems[0];
  if (problem?.code === 'prefix-double-star') {
    return finding('warning', 'broad-pattern', `allowlist pattern ${JSON.stringify(pattern)}: ${problem.message}`);
  }
  if (problem !== undefined) {
    return finding(
      'error',
      'invalid-pattern',
      `allowlist pattern ${JSON.stringify(pattern)} is invalid: ${problem.message}`,
    );
  }
  if (parsed.wildcard === '**') {
    // `registry/**` or `registry/PROJECT/**`: every image of a registry, or of a whole project.
    const depth = parsed.prefix.split('/').length - 2;
    if (depth === 0) {
      return finding(
        'error',
        'broad-pattern',
        `allowlist pattern ${JSON.stringify(pattern)} admits every image of the registry, anyone's; allow a repository like "${parsed.prefix}PROJECT/REPOSITORY/**"`,
      );
    }
    if (depth === 1) {
      return finding(
        'warning',
        'broad-pattern',
        `allowlist pattern ${JSON.stringify(pattern)} admits every image of a whole project; prefer one repository, like "${parsed.prefix}REPOSITORY/**"`,
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

/** The findings for the Cloud Run resources of a document. */
export function lintCloudRun(doc: unknown): Finding[] {
  const findings: Finding[] = [];
  for (const type of ['google_cloud_run_v2_service', 'google_cloud_run_v2_job', 'google_cloud_run_v2_worker_pool']) {
    for (const [name, body] of resourcesOfType(doc, type)) {
      findings.push(...lintRunV2(`${type}.${name}`, body));
    }
  }
  for (const [name, body] of resourcesOfType(doc, 'google_cloud_run_service')) {
    const annotations = firstBlock(firstBlock(body.metadata).annotations);
    findings.push(
      ...lintPolicyValue(
        `google_cloud_run_service.${name}`,
        annotations[V1_ANNOTATION],
        `metadata.annotations["${V1_ANNOTATION}"]`,
      ),
    );
    if (annotations[V1_BREAKGLASS] !== undefined) {
      findings.push(breakglass(`google_cloud_run_service.${name}`, `metadata.annotations["${V1_BREAKGLASS}"]`));
    }
  }
  for (const [name, body] of resourcesOfType(doc, 'google_cloudfunctions2_function')) {
    const value = firstBlock(body.service_config).binary_authorization_policy;
    findings.push(
      ...lintPolicyValue(
        `google_cloudfunctions2_function.${name}`,
        value,
        'service_config.binary_authorization_policy',
      ),
    );
  }
  return findings;
}

function lintRunV2(address: string, body: Record<string, any>): Finding[] {
  const block = body.binary_authorization === undefined ? undefined : firstBlock(body.binary_authorization);
  const fix = 'set binary_authorization { use_default = true }';
  if (block === undefined) {
    return [
      {
        severity: 'error',
        code: 'not-enforced',
        address,
        message: `no binary_authorization block: images are not checked; ${fix}`,
      },
    ];
  }
  const findings: Finding[] = [];
  const { use_default: useDefault, policy } = block;
  if (useDefault !== undefined && policy !== undefined) {
    findings.push({
      severity: 'error',
      code: 'invalid-binary-authorization',
      address,
      message: 'binary_authorization sets both use_default and policy; the API takes one of them',
    });
  } else if (typeof useDefault === 'string' && isInterpolated(useDefault)) {
    findings.push({
      severity: 'info',
      code: 'unknown-value',
      address,
      message: `binary_authorization.use_default is known only at apply time: ${useDefault}`,
    });
  } else if (typeof policy === 'string') {
    findings.push({
      severity: 'info',
      code: 'named-policy',
      address,
      message: `binary_authorization.policy names a platform policy (${policy}); only the project policy ("use_default") is documented for Cloud Run, and this lint does not check the named one`,
    });
  } else if (useDefault !== true && useDefault !== 'true') {
    findings.push({
      severity: 'error',
      code: 'not-enforced',
      address,
      message: `binary_authorization.use_default is not true: images are not checked; ${fix}`,
    });
  }
  if (block.breakglass_justification !== undefined && block.breakglass_justification !== '') {
    findings.push(breakglass(address, 'binary_authorization.breakglass_justification'));
  }
  return findings;
}

/** A v1 service annotation or a function's `binary_authorization_policy`: `default` enforces the project policy. */
function lintPolicyValue(address: string, value: unknown, field: string): Finding[] {
  if (value === undefined || value === null || value === '') {
    return [
      {
        severity: 'error',
        code: 'not-enforced',
        address,
        message: `${field} is not set: images are not checked; set it to "default"`,
      },
    ];
  }
  if (typeof value === 'string' && isInterpolated(value)) {
    return [
      { severity: 'info', code: 'unknown-value', address, message: `${field} is known only at apply time: ${value}` },
    ];
  }
  if (value !== 'default') {
    return [
      {
        severity: 'info',
        code: 'named-policy',
        address,
        message: `${field} is ${JSON.stringify(value)}; Cloud Run documents only "default" (the project policy), and this lint does not check another one`,
      },
    ];
  }
  return [];
}

function breakglass(address: string, field: string): Finding {
  return {
    severity: 'warning',
    code: 'breakglass',
    address,
    message: `${field} is set: the policy is bypassed for this resource (break-glass); remove it once the emergency is over`,
  };
}

function firstBlock(value: unknown): Record<string, any> {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'object' && first !== null ? (first as Record<string, any>) : {};
}
