import { GeneratedProgram, Language, policyProgram } from './codegen';
import { readInputs, selectStack, InputError } from './input';
import { choosePolicy, policiesIn, requireKnownProject, requireValidPolicy, unknownIn } from './policies';
import { unknownPolicyValues } from '../core/policy-yaml';
import { PROVIDER_DEFAULT_PROJECT } from '../core/terraform-json';

/** The languages `import` writes, by the name `--language` takes. */
export const LANGUAGES: readonly Language[] = ['typescript', 'python'];

/**
 * The program that defines the input's one policy with this library (`import`): usually a policy YAML as
 * `gcloud container binauthz policy export` writes it, but any input with one policy will do. The
 * policy is checked as `check` checks it, and must hold no value known only at apply time.
 */
export function importProgram(
  input: string,
  language: Language,
  stack: string | undefined,
  address: string | undefined,
): GeneratedProgram {
  const found = choosePolicy(policiesIn(selectStack(readInputs(input), input, stack), input), input, address, 'import');
  const where = `${found.file}: ${found.address}`;
  requireKnownProject(found);
  if (found.policy.project === PROVIDER_DEFAULT_PROJECT) {
    throw new InputError(`${where}: the policy names no project, so the program cannot name it; set project`);
  }
  requireValidPolicy(found);
  const extras = { description: found.description, globalPolicyEvaluationMode: found.globalPolicyEvaluationMode };
  const unknown = unknownPolicyValues(found.policy, extras, unknownIn(found));
  if (unknown.length > 0) {
    throw new InputError(
      `${where}: values known only at apply time cannot be written into a program (${unknown.join('; ')})`,
    );
  }
  return policyProgram({ model: found.policy, ...extras }, language);
}
