import { InputError, TerraformJsonFile } from './input';
import { FoundPolicy, policiesFromTerraformJson } from '../core/terraform-json';

/** A policy found in an input, with the stack and file it came from. */
export interface LocatedPolicy extends FoundPolicy {
  readonly stack: string;
  readonly file: string;
}

/** Every policy in the files; an input error when there is none. */
export function policiesIn(files: TerraformJsonFile[], input: string): LocatedPolicy[] {
  const policies = files.flatMap(({ stack, file, doc }) =>
    policiesFromTerraformJson(doc).map((found) => ({ ...found, stack, file })),
  );
  if (policies.length === 0) {
    throw new InputError(`${input}: no google_binary_authorization_policy in ${files.map((f) => f.file).join(', ')}`);
  }
  return policies;
}
