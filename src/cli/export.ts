import { InputError, readInputs, selectStack } from './input';
import { LocatedPolicy, policiesIn, requireValidPolicy } from './policies';
import { policyYaml, unknownPolicyValues } from '../core/policy-yaml';
import { isInterpolated, PROVIDER_DEFAULT_PROJECT } from '../core/terraform-json';

const POLICY_TYPE = 'google_binary_authorization_policy';

/**
 * The input's one policy as `gcloud container binauthz policy import` YAML. With several policies,
 * `stack` and `address` (its address `google_binary_authorization_policy.NAME`, or NAME; in a plan or
 * state also `module.M.google_binary_authorization_policy.NAME`) choose one.
 * The policy is checked as `check` checks it (`requireValidPolicy`), and must hold no value known
 * only at apply time.
 */
export function exportGcloudYaml(input: string, stack: string | undefined, address?: string): string {
  const found = choosePolicy(policiesIn(selectStack(readInputs(input), input, stack), input), input, address);
  const where = `${found.file}: ${found.address}`;
  if (found.policy.project === PROVIDER_DEFAULT_PROJECT) {
    throw new InputError(
      `${where}: the policy names no project (it uses the provider's), so its name is unknown; set project`,
    );
  }
  requireValidPolicy(found);
  const extras = { description: found.description, globalPolicyEvaluationMode: found.globalPolicyEvaluationMode };
  const unknown = unknownPolicyValues(found.policy, extras, isInterpolated);
  if (unknown.length > 0) {
    throw new InputError(`${where}: values known only at apply time cannot be exported (${unknown.join('; ')})`);
  }
  return policyYaml(found.policy, extras);
}

/** The one policy to export; with several, a message that says which option tells them apart. */
function choosePolicy(found: LocatedPolicy[], input: string, address: string | undefined): LocatedPolicy {
  // The address as written, or a name: of a root resource, or of a resource in a module of a plan or state.
  const named = (p: LocatedPolicy) =>
    p.address === address ||
    p.address === `${POLICY_TYPE}.${address}` ||
    p.address.endsWith(`.${POLICY_TYPE}.${address}`);
  const chosen = address === undefined ? found : found.filter(named);
  if (chosen.length === 0) {
    throw new InputError(
      `--address "${address}": no such policy in ${input} (policies: ${found.map((p) => `${p.stack}: ${p.address}`).join(', ')})`,
    );
  }
  if (chosen.length === 1) {
    return chosen[0];
  }
  // --stack helps when the policies are in different stacks, --policy when one stack holds several.
  const stacks = new Set(chosen.map((p) => p.stack));
  const options = [
    ...(stacks.size > 1 ? ['its stack with --stack'] : []),
    ...(stacks.size < chosen.length ? ['the policy with --address (its address or name)'] : []),
  ];
  throw new InputError(
    `${input}: ${chosen.length} policies (${chosen.map((p) => `${p.stack}: ${p.address}`).join(', ')}); export one at a time, choosing ${options.join(' and ')}`,
  );
}
