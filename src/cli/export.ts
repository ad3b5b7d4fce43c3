import { InputError, readInputs, selectStack } from './input';
import { choosePolicy, policiesIn, requireKnownProject, requireValidPolicy, unknownIn } from './policies';
import { policyYaml, unknownPolicyValues } from '../core/policy-yaml';
import { PROVIDER_DEFAULT_PROJECT } from '../core/terraform-json';

/**
 * The input's one policy as `gcloud container binauthz policy import` YAML. With several policies,
 * `stack` and `address` (its address `google_binary_authorization_policy.NAME`, or NAME; in a plan or
 * state also `module.M.google_binary_authorization_policy.NAME`) choose one.
 * The policy is checked as `check` checks it (`requireValidPolicy`), and must hold no value known
 * only at apply time.
 */
export function exportGcloudYaml(input: string, stack: string | undefined, address?: string): string {
  const found = choosePolicy(policiesIn(selectStack(readInputs(input), input, stack), input), input, address, 'export');
  const where = `${found.file}: ${found.address}`;
  requireKnownProject(found);
  if (found.policy.project === PROVIDER_DEFAULT_PROJECT) {
    throw new InputError(
      `${where}: the policy names no project (it uses the provider's), so its name is unknown; set project`,
    );
  }
  requireValidPolicy(found);
  const extras = { description: found.description, globalPolicyEvaluationMode: found.globalPolicyEvaluationMode };
  const unknown = unknownPolicyValues(found.policy, extras, unknownIn(found));
  if (unknown.length > 0) {
    throw new InputError(`${where}: values known only at apply time cannot be exported (${unknown.join('; ')})`);
  }
  return policyYaml(found.policy, extras);
}
