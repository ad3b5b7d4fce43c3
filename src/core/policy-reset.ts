/**
 * What every command says about a policy that a plan's apply deletes (`InputModel.policyResets`, read
 * once by the plan reader): the provider's Delete writes Google's default policy back, which admits every
 * image, so each such delete leaves the project at that default for at least part of the apply. `diff`
 * calls it weakening, `lint` an error, `check` admits no workload of the project, `summary` says it.
 */
import { InputModel, PolicyReset } from './model';
import { q, Quoted } from './quoted';

/** The policy resets of a model: none for the formats that hold no changes. */
export function policyResetsOf(model: InputModel): readonly PolicyReset[] {
  return model.policyResets ?? [];
}

/** The resets that apply to `project`: its own, and those whose project is not known (any project). */
export function resetsOfProject(resets: readonly PolicyReset[], project: string): PolicyReset[] {
  return resets.filter((r) => r.project === undefined || r.project === project);
}

/** What the plan does to the policy, and why the project is left at the default: the reason of a review row. */
export function resetReason(reset: PolicyReset): Quoted {
  switch (reset.kind) {
    case 'delete':
      return q`the plan deletes it: the project falls back to Google's default policy, which admits every image, for good`;
    case 'replace-delete-first':
      return q`the plan replaces it (delete, then create): the project falls back to Google's allow-all default between the two apply steps`;
    case 'replace-create-first':
      return q`the plan replaces it (create, then delete): deleting a policy restores Google's allow-all default, so after apply the project may be left with it; make the change in place, or apply twice`;
    case 'deposed':
      return q`the plan destroys a deposed object of it (${reset.deposedKey ?? '?'}, left by an earlier create_before_destroy replacement): deleting a policy restores Google's allow-all default over the current policy, which the plan does not write again; apply, then apply again, or re-create the policy`;
    case 'delete-and-create':
      return q`the plan deletes it and creates ${reset.createdAt ?? 'another policy'} for the same project, in an order Terraform does not fix: if the delete runs last, the project is left with Google's allow-all default; use a moved block`;
  }
}

/** How a reset names what the plan does, in a sentence about the policy of `reset.project`. */
function whatThePlanDoes(reset: PolicyReset): string {
  switch (reset.kind) {
    case 'delete':
      return 'deletes';
    case 'replace-delete-first':
      return 'replaces (delete, then create)';
    case 'replace-create-first':
      return 'replaces (create, then delete)';
    case 'deposed':
      return `destroys a deposed object (${reset.deposedKey ?? '?'}) of`;
    case 'delete-and-create':
      return `deletes, and creates ${reset.createdAt ?? 'another'} in an order Terraform does not fix,`;
  }
}

/**
 * The sentence `check` gives for a workload of a project whose policy a plan resets (and `lint` and
 * `summary` for the policy): what the plan does and that the project is left at Google's default.
 */
export function resetSentence(reset: PolicyReset): string {
  const project = reset.project === undefined ? 'a project not known until apply' : `project ${reset.project}`;
  const consequence =
    reset.kind === 'delete'
      ? "the project falls back to Google's default policy, which admits every image"
      : "the project is left at Google's default policy, which admits every image, for at least part of the apply";
  return `the plan ${whatThePlanDoes(reset)} the policy of ${project} (${reset.address}): ${consequence}`;
}
