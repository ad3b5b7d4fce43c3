import { resolve } from 'path';
import { inFile, readTerraformJson } from './input';
import { policiesIn, requireValidPolicy } from './policies';
import { attestorsFromTerraformJson } from '../core/terraform-json';

/**
 * Where each stack was read from, and what its policies hold, as lines of text (escaped on output).
 * A policy that cannot be used as it stands (`requireValidPolicy`) is an input error.
 */
export function summary(input: string): string[] {
  const files = readTerraformJson(input);
  const policies = policiesIn(files, input);
  policies.forEach(requireValidPolicy);
  const lines: string[] = [];
  for (const { stack, file, doc } of files) {
    lines.push(`stack ${stack}: ${resolve(file)}`);
    for (const { address, policy, preventDestroy } of policies.filter((p) => p.file === file)) {
      const rule = policy.defaultAdmissionRule;
      lines.push(`  ${address} (project ${policy.project})`);
      lines.push(`    default rule: ${rule.evaluationMode}, ${rule.enforcementMode}`);
      lines.push(`    allowlist: ${policy.allowlistPatterns.length} pattern(s)`);
      policy.allowlistPatterns.forEach((p) => lines.push(`      ${p}`));
      lines.push(`    required attestors: ${rule.requireAttestationsBy.length || 'none'}`);
      rule.requireAttestationsBy.forEach((a) => lines.push(`      ${a}`));
      const clusters = Object.entries(policy.clusterAdmissionRules ?? {});
      if (clusters.length > 0) {
        lines.push(`    cluster rules (GKE only): ${clusters.length}`);
        clusters.forEach(([cluster, r]) =>
          lines.push(
            `      ${cluster}: ${r.evaluationMode}, ${r.enforcementMode}${r.requireAttestationsBy.map((a) => ` ${a}`).join('')}`,
          ),
        );
      }
      lines.push(`    prevent_destroy: ${preventDestroy}`);
    }
    const attestors = inFile(file, () => attestorsFromTerraformJson(doc));
    if (attestors.length > 0) {
      lines.push(`  attestors defined: ${attestors.length}`);
      attestors.forEach(({ address, project, name }) =>
        lines.push(`    ${address}: projects/${project}/attestors/${name}`),
      );
    }
  }
  return lines;
}
