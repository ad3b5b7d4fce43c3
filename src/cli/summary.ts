import { resolve } from 'path';
import { readTerraformJson } from './input';
import { policiesIn } from './policies';
import { resourcesOfType } from '../core/terraform-json';

/** Where each stack was read from, and what its policies hold, as lines of text. */
export function summary(input: string): string[] {
  const files = readTerraformJson(input);
  const policies = policiesIn(files, input);
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
    const attestors = resourcesOfType(doc, 'google_binary_authorization_attestor');
    if (attestors.length > 0) {
      lines.push(`  attestors defined: ${attestors.length}`);
      attestors.forEach(([name, body]) =>
        lines.push(`    google_binary_authorization_attestor.${name}: projects/${body.project}/attestors/${body.name}`),
      );
    }
  }
  return lines;
}
