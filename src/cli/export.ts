import { InputError, readTerraformJson, selectStack } from './input';
import { policiesIn } from './policies';
import { policyYaml, unknownPolicyValues } from '../core/policy-yaml';
import { isInterpolated, PROVIDER_DEFAULT_PROJECT } from '../core/terraform-json';

/** The input's one policy as `gcloud container binauthz policy import` YAML. */
export function exportGcloudYaml(input: string, stack: string | undefined): string {
  const policies = policiesIn(selectStack(readTerraformJson(input), input, stack), input);
  if (policies.length > 1) {
    throw new InputError(
      `${input}: ${policies.length} policies (${policies.map((p) => `${p.stack}: ${p.address}`).join(', ')}); export one at a time, choosing its stack with --stack`,
    );
  }
  const [found] = policies;
  const where = `${found.file}: ${found.address}`;
  if (found.policy.project === PROVIDER_DEFAULT_PROJECT) {
    throw new InputError(
      `${where}: the policy names no project (it uses the provider's), so its name is unknown; set project`,
    );
  }
  const extras = { description: found.description, globalPolicyEvaluationMode: found.globalPolicyEvaluationMode };
  const unknown = unknownPolicyValues(found.policy, extras, isInterpolated);
  if (unknown.length > 0) {
    throw new InputError(`${where}: values known only at apply time cannot be exported (${unknown.join('; ')})`);
  }
  return policyYaml(found.policy, extras);
}
