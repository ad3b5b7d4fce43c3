import { InputError, readTerraformJson, selectStack } from './input';
import { policiesIn, requireValidPolicy } from './policies';
import { table } from './table';
import { compilePolicy, evaluateCompiled, EvaluationResult } from '../core/evaluate';
import { parseImageReference } from '../core/image';
import { isInterpolated } from '../core/terraform-json';

/** One image judged by one policy. */
export interface CheckResult extends EvaluationResult {
  readonly stack: string;
  readonly file: string;
  /** The policy's Terraform address. */
  readonly policy: string;
  readonly project: string;
}

/**
 * Evaluates every image against every policy of the input. A policy that cannot be used as it stands
 * (`requireValidPolicy`) is an input error, not a decision.
 */
export function check(input: string, images: string[], stack: string | undefined): CheckResult[] {
  for (const image of images) {
    try {
      parseImageReference(image);
    } catch (e) {
      throw new InputError(`--image ${JSON.stringify(image)}: ${(e as Error).message}`);
    }
  }
  const policies = policiesIn(selectStack(readTerraformJson(input), input, stack), input);
  policies.forEach(requireValidPolicy);
  return policies.flatMap((p) => {
    const compiled = compilePolicy(p.policy, isInterpolated);
    return images.map((image) => ({
      stack: p.stack,
      file: p.file,
      policy: p.address,
      project: p.policy.project,
      ...evaluateCompiled(compiled, image),
    }));
  });
}
/** The results as a table, with a summary line and what offline checking cannot tell. */
export function checkReport(results: CheckResult[]): string[] {
  const rows = results.map((r) => [
    r.stack,
    r.policy,
    r.image,
    r.decision,
    r.admitted ? (r.decision === 'ALLOW' ? 'yes' : 'yes (dry run)') : 'no',
    r.reason,
  ]);
  const lines = table(['STACK', 'POLICY', 'IMAGE', 'DECISION', 'ADMITTED', 'REASON'], rows);
  const admitted = results.filter((r) => r.admitted).length;
  lines.push('');
  lines.push(
    admitted === results.length
      ? `all ${results.length} admitted`
      : `${results.length - admitted} of ${results.length} not admitted`,
  );
  if (results.some((r) => r.decision === 'REQUIRE_ATTESTATION' && !r.admitted)) {
    lines.push('note: attestations cannot be verified offline, so REQUIRE_ATTESTATION counts as not admitted');
  }
  if (results.some((r) => r.decision === 'UNKNOWN' && !r.admitted)) {
    lines.push('note: UNKNOWN depends on values known only at apply time and counts as not admitted');
  }
  if (results.some((r) => r.admitted && r.decision !== 'ALLOW')) {
    lines.push('note: "yes (dry run)" is admitted only because the rule is in dry run; enforced, it would be blocked');
  }
  return lines;
}
