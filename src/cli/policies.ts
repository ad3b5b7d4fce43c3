import { inFile, InputError, InputFile } from './input';
import { InputFormat } from '../core/model';
import { policyProblems } from '../core/policy-check';
import { FoundPolicy, isInterpolated, policiesOf } from '../core/terraform-json';

/** A policy found in an input, with the stack and file it came from. */
export interface LocatedPolicy extends FoundPolicy {
  readonly stack: string;
  readonly file: string;
  /** The format of the file. */
  readonly format: InputFormat;
}

/** Every policy in the files, each with its values' types checked (an input error when a value has the wrong type). */
export function policiesFound(files: InputFile[]): LocatedPolicy[] {
  return files.flatMap(({ stack, file, model }) =>
    inFile(file, () => policiesOf(model)).map((found) => ({ ...found, stack, file, format: model.format })),
  );
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
 * Refuses a policy that cannot be used as it stands (`policyProblems`: a mode the API does not know,
 * attestors that do not fit the evaluation mode): an input error naming the file, the policy and the
 * first problem.
 */
export function requireValidPolicy(found: LocatedPolicy): void {
  const problems = policyProblems(found.policy, isInterpolated, found);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more; lint lists them all)` : '';
    throw new InputError(`${found.file}: ${found.address}: ${problems[0]}${more}`);
  }
}
