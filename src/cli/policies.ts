import { inFile, InputError, InputFile } from './input';
import { Place, placesOf } from './locate';
import { InputFormat } from '../core/model';
import { isInterpolated } from '../core/policy';
import { policyProblems } from '../core/policy-check';
import { namelessPolicyMessage } from '../core/policy-yaml';
import { FoundPolicy, policiesOf, PROVIDER_DEFAULT_PROJECT } from '../core/terraform-json';

/** A policy found in an input, with the stack and file it came from. */
export interface LocatedPolicy extends FoundPolicy {
  readonly stack: string;
  readonly file: string;
  /** The format of the file. */
  readonly format: InputFormat;
  /** Where the policy is written (the file inside a Terraform folder, and the line), when the reader knows. */
  readonly place?: Place;
}

/** Every policy in the files, each with its values' types checked (an input error when a value has the wrong type). */
export function policiesFound(files: InputFile[]): LocatedPolicy[] {
  return files.flatMap(({ stack, file, model }) => {
    const found = inFile(file, () => policiesOf(model));
    const places = found.length === 0 ? undefined : placesOf(file, model);
    return found.map((policy) => {
      const place = places?.get(policy.address);
      return { ...policy, stack, file, format: model.format, ...(place === undefined ? {} : { place }) };
    });
  });
}

/**
 * Every policy in the files, each with its values' types checked; an input error when there is none,
 * or when a value has the wrong type.
 */
export function policiesIn(files: InputFile[], input: string): LocatedPolicy[] {
  const policies = policiesFound(files);
  if (policies.length === 0) {
    throw new InputError(`${input}: no google_binary_authorization_policy in ${files.map((f) => f.file).join(', ')}`);
  }
  return policies;
}

/**
 * Whether a value of the policy is known only at apply time: a Terraform interpolation, except in a
 * policy YAML, which has no interpolation (its reader refuses `${` where a mode, name or pattern
 * belongs, and keeps it as text in the description).
 */
export function unknownIn(found: LocatedPolicy): (value: string) => boolean {
  return found.format === 'policy-yaml' ? () => false : isInterpolated;
}

/**
 * Refuses a policy that cannot be used as it stands (`policyProblems`: a mode the API does not know,
 * attestors that do not fit the evaluation mode): an input error naming the file, the policy and the
 * first problem.
 */
export function requireValidPolicy(found: LocatedPolicy): void {
  const problems = policyProblems(found.policy, unknownIn(found), found);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more; lint lists them all)` : '';
    throw new InputError(`${found.file}: ${found.address}: ${problems[0]}${more}`);
  }
}

/**
 * Refuses, where a command needs the project of a policy, a policy YAML without `name` whose project no
 * `--project` names: an input error that says to give it with `--project`.
 */
export function requireKnownProject(found: LocatedPolicy): void {
  if (found.format === 'policy-yaml' && found.policy.project === PROVIDER_DEFAULT_PROJECT) {
    throw new InputError(namelessPolicyMessage(found.file));
  }
}

/** The policy resource type, in addresses. */
const POLICY_TYPE = 'google_binary_authorization_policy';

/**
 * The one policy a command works on (`export`, `import`): with several, the one `address` names (its
 * address `google_binary_authorization_policy.NAME`, or NAME; in a plan or state also
 * `module.M.google_binary_authorization_policy.NAME`), or a message that says which option tells them
 * apart.
 */
export function choosePolicy(
  found: LocatedPolicy[],
  input: string,
  address: string | undefined,
  command: string,
): LocatedPolicy {
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
    `${input}: ${chosen.length} policies (${chosen.map((p) => `${p.stack}: ${p.address}`).join(', ')}); ${command} one at a time, choosing ${options.join(' and ')}`,
  );
}
