import { resolve } from 'path';
import { inFile, readInputs, selectStack } from './input';
import { policiesFound, requireValidPolicy } from './policies';
import { InputFormat, InputModel } from '../core/model';
import { isInterpolated, RuleModel } from '../core/policy';
import { globalEvaluationText } from '../core/policy-check';
import { policyResetsOf, resetSentence } from '../core/policy-reset';
import { attestorsOf, PROVIDER_DEFAULT_PROJECT } from '../core/terraform-json';

/** How the stack line names a format other than Terraform JSON. */
const FORMAT_NAMES: Record<InputFormat, string> = {
  'terraform-json': '',
  plan: ' (terraform plan)',
  state: ' (terraform state)',
  'policy-yaml': ' (policy YAML)',
};

/**
 * Where each stack was read from, and what its policies hold, as lines of text (escaped on output): the
 * policies a plan deletes, and the module calls whose resources cannot be read, too. A policy that cannot
 * be used as it stands (`requireValidPolicy`) is an input error. An input with no policy at all is one line
 * that says so (exit 0, as for every command given a valid input with nothing of its kind).
 */
export function summary(input: string, stackName?: string): string[] {
  const files = selectStack(readInputs(input), input, stackName);
  const policies = policiesFound(files);
  const resets = files.flatMap((f) => policyResetsOf(f.model));
  if (policies.length === 0 && resets.length === 0) {
    return [
      `${input}: no google_binary_authorization_policy in ${files.map((f) => f.file).join(', ')}, so nothing to summarize`,
    ];
  }
  policies.forEach(requireValidPolicy);
  const lines: string[] = [];
  for (const { stack, file, model } of files) {
    lines.push(`stack ${stack}: ${resolve(file)}${FORMAT_NAMES[model.format]}`);
    for (const { address, policy, preventDestroy, globalPolicyEvaluationMode } of policies.filter(
      (p) => p.file === file,
    )) {
      const rule = policy.defaultAdmissionRule;
      lines.push(`  ${address} (${projectText(model, policy.project)})`);
      lines.push(`    default rule: ${rule.evaluationMode}, ${rule.enforcementMode}`);
      lines.push(`    ${globalEvaluationText(globalPolicyEvaluationMode)}`);
      lines.push(`    allowlist: ${policy.allowlistPatterns.length} pattern(s)`);
      policy.allowlistPatterns.forEach((p) => lines.push(`      ${p}`));
      lines.push(`    required attestors: ${rule.requireAttestationsBy.length || 'none'}${unusedAttestors(rule)}`);
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
      // Only Terraform JSON records lifecycle blocks; plans, state and a live policy do not.
      if (model.format === 'terraform-json') {
        lines.push(`    prevent_destroy: ${preventDestroy}`);
      }
    }
    for (const reset of policyResetsOf(model)) {
      const project = reset.project === undefined ? '' : ` (project ${reset.project})`;
      lines.push(
        reset.kind === 'delete'
          ? `  ${reset.address}${project}: deleted by this plan; the project falls back to Google's default policy, which admits every image`
          : `  ${reset.address}${project}: reset by this plan: ${resetSentence(reset)}`,
      );
    }
    const attestors = inFile(file, () => attestorsOf(model));
    if (attestors.length > 0) {
      lines.push(`  attestors defined: ${attestors.length}`);
      attestors.forEach(({ address, project, name }) =>
        lines.push(`    ${address}: projects/${project}/attestors/${name}`),
      );
    }
    for (const module of model.hiddenModules) {
      lines.push(
        `  ${module}: not read (a module's resources are not in the configuration that calls it; summarize the plan)`,
      );
    }
  }
  return lines;
}

/**
 * How the summary names a policy's project: as the input gives it; for a policy YAML without `name`,
 * from `--project` (and so said), or not known (and how to give it).
 */
function projectText(model: InputModel, project: string): string {
  if (model.format === 'policy-yaml' && project === PROVIDER_DEFAULT_PROJECT) {
    return 'project not known: the policy YAML has no name; give it with --project PROJECT_ID';
  }
  if (model.format === 'policy-yaml' && model.resources.some((r) => r.providerProject !== undefined)) {
    return `project ${project}, from --project: the policy YAML has no name`;
  }
  return `project ${project}`;
}

/**
 * What a rule that does not require attestations does with an attestor list: it can hold only entries known at
 * apply time (`requireValidPolicy` refuses known ones), which the mode ignores.
 */
function unusedAttestors(rule: RuleModel): string {
  const unused =
    rule.requireAttestationsBy.length > 0 &&
    rule.evaluationMode !== 'REQUIRE_ATTESTATION' &&
    !isInterpolated(rule.evaluationMode);
  return unused
    ? ` (known only at apply: ${rule.evaluationMode} decides without attestors, and the API refuses a list that is not empty)`
    : '';
}
