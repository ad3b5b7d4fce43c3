import { resolve } from 'path';
import { inFile, InputError, InputFile, readInputs, selectStack } from './input';
import { placesOf } from './locate';
import { Colour, Line } from './output';
import { LocatedPolicy, policiesFound, requireKnownProject, requireValidPolicy } from './policies';
import { Suppressed } from './suppressions';
import { table } from './table';
import { CompiledPolicy, compilePolicy, evaluateCompiled, EvaluationResult } from '../core/evaluate';
import { GatePolicy, GateRow, hiddenModuleRow, judgeWorkload, PolicyLookup, workloadsOf } from '../core/gate';
import { parseImageReference } from '../core/image';
import { isUnknownValue, KNOWN_AFTER_APPLY } from '../core/model';
import { isInterpolated, sameExpression } from '../core/policy';
import { policyResetsOf, resetSentence, resetsOfProject } from '../core/policy-reset';

/** What `check` judges. */
export interface CheckOptions {
  /** Images named with `--image`. */
  readonly images: string[];
  /** Policy files given with `--policy`: more policies, of projects the input may not hold. */
  readonly policyFiles: string[];
  /** The stack chosen with `--stack`. */
  readonly stack?: string;
  /**
   * Attestation files given with `--attestations` (`gcloud container binauthz attestations list
   * --format=json`): they decide `REQUIRE_ATTESTATION`. Without them nothing changes.
   * @default - none
   */
  readonly attestationFiles?: string[];
  /** Attestor files given with `--attestor` (`gcloud container binauthz attestors describe --format=json`). */
  readonly attestorFiles?: string[];
}

/**
 * Evaluates every image against every policy of the input (and of `--policy` files), as rows of the shape of
 * every other row of `check` (`imageRows`). A policy that cannot be used as it stands (`requireValidPolicy`) is
 * an input error, not a decision; so is a module call of Terraform JSON, which may hide policies. `notes` gets
 * what reading the input left out (`InputFile.notes`).
 */
export function check(input: string, options: CheckOptions, notes: string[] = []): WorkloadResult[] {
  const images = checkedImages(options.images);
  const files = selectStack(readInputs(input), input, options.stack);
  notes.push(...files.flatMap((f) => f.notes ?? []));
  const hidden = files.flatMap((f) => f.model.hiddenModules.map((m) => `${f.file}: ${m}`));
  if (hidden.length > 0) {
    throw new InputError(
      `${hidden[0]}: a module's resources (its policies among them) cannot be read from the configuration that calls it; check the plan instead (terraform show -json), or check the workloads without --image`,
    );
  }
  const policies = policiesForImages(files, input, options);
  policies.forEach(requireValidPolicy);
  const attestations = attestationsOf(files, options);
  const compiled = new Map(policies.map((p) => [p, compilePolicy(p.policy, isInterpolated, attestations)]));
  return imageRows(policies, images, compiled, resetOf(files), (p) => p.address);
}

/**
 * The rows of the `--image` images, each judged by each policy, in the shape of every other row of `check`: the
 * workload `(--image)`, the evaluation whole. A policy that a plan's apply resets admits nothing, as for the
 * workloads of its project: the row is NO_POLICY with the reset, and its evaluation says what the policy decides
 * once it is in place again.
 */
function imageRows(
  policies: readonly LocatedPolicy[],
  images: readonly string[],
  compiled: ReadonlyMap<LocatedPolicy, CompiledPolicy>,
  resetReason: (project: string) => string | undefined,
  nameOf: (policy: LocatedPolicy) => string,
): WorkloadResult[] {
  return policies.flatMap((p) => {
    const reset = resetReason(p.policy.project);
    return images.map((image): WorkloadResult => {
      const evaluation = unsettledEvaluation(p, image) ?? evaluateCompiled(compiled.get(p)!, image);
      return {
        stack: p.stack,
        file: p.place?.file ?? p.file,
        ...(p.place?.line === undefined ? {} : { line: p.place.line }),
        workload: '(--image)',
        container: '-',
        project: p.policy.project,
        policy: nameOf(p),
        image,
        decision: reset === undefined ? evaluation.decision : 'NO_POLICY',
        admitted: reset === undefined && evaluation.admitted,
        exempt: false,
        reason: reset ?? evaluation.reason,
        evaluation,
      };
    });
  });
}

/** For a policy whose configuration does not tell what it enforces (`unsettled`): unknown, and why. */
function unsettledEvaluation(policy: LocatedPolicy, image: string): EvaluationResult | undefined {
  if (policy.unsettled === undefined) {
    return undefined;
  }
  return {
    image,
    evaluatedAs: image,
    decision: 'UNKNOWN',
    admitted: false,
    requiredAttestors: [],
    unknownValues: [policy.unsettled],
    reason: `the policy cannot be judged: ${policy.unsettled}`,
  };
}

/** One row of the gate, with the stack and file of the workload. */
export interface WorkloadResult extends GateRow {
  readonly stack: string;
  readonly file: string;
  /** The line of the workload (of the policy, for an `--image` row) in its file, when the format has lines. */
  readonly line?: number;
  /**
   * Why a row that is not admitted does not fail the run, when it does not (a suppressions file); an exempt
   * row carries its exemption here too, as the reason it is admitted.
   */
  readonly suppression?: Suppressed;
}

/** The Cloud Run resource types `check` judges, as the line that says none was found names them. */
const WORKLOAD_TYPES =
  'google_cloud_run_v2_service, _job, _worker_pool, google_cloud_run_service, google_cloudfunctions2_function';

/**
 * Judges every Cloud Run workload of the input (and the `--image` images, against every policy) by the
 * policy of the project it runs in: the policies of the input, and of the `--policy` files (any input
 * format). Rows that are not admitted, never skipped: a workload that does not enforce, a project
 * without a policy (or whose policy a plan deletes), a value known only after apply, a module call
 * whose resources cannot be seen. A stack with nothing to judge is not an error: `notFound` gets a line
 * saying so, for each such stack (alone or beside others), and what reading the input left out (`InputFile.notes`).
 */
export function checkWorkloads(input: string, options: CheckOptions, notFound: string[] = []): WorkloadResult[] {
  const images = checkedImages(options.images);
  const files = selectStack(readInputs(input), input, options.stack);
  notFound.push(...files.flatMap((f) => f.notes ?? []));
  const policies = images.length > 0 ? policiesForImages(files, input, options) : policiesOf(files, options);
  policies.forEach(requireValidPolicy);
  policies.forEach(requireKnownProject);
  const attestations = attestationsOf(files, options);
  const compiled = new Map(policies.map((p) => [p, compilePolicy(p.policy, isInterpolated, attestations)]));
  const resetReason = resetOf(files);

  const results: WorkloadResult[] = [];
  for (const { stack, file, model } of files) {
    const lookup: PolicyLookup = {
      policiesFor: (project) =>
        policies
          .filter((p) => sameProject(p.stack, p.policy.project, stack, project))
          .map((p): GatePolicy => ({
            where: policyName(p, stack),
            compiled: compiled.get(p)!,
            unsettled: p.unsettled,
          })),
      deletedPolicyOf: resetReason,
    };
    const rows = [
      ...model.hiddenModules.map(hiddenModuleRow),
      ...inFile(file, () => workloadsOf(model)).flatMap((w) => judgeWorkload(w, lookup)),
    ];
    const places = placesOf(file, model);
    const exemptions = new Map(model.resources.map((r) => [r.address, r.exemption]));
    results.push(
      ...rows.map((row): WorkloadResult => {
        const place = places.get(row.workload);
        const exemption = row.exempt ? exemptions.get(row.workload) : undefined;
        return {
          stack,
          file: place?.file ?? file,
          ...(place?.line === undefined ? {} : { line: place.line }),
          ...row,
          ...(exemption === undefined ? {} : { suppression: { kind: 'inSource', reason: exemption } }),
        };
      }),
    );
    if (rows.length === 0) {
      notFound.push(`${stack} (${file}): no Cloud Run workload (${WORKLOAD_TYPES}) in it, so nothing to judge`);
    }
  }
  results.push(...imageRows(policies, images, compiled, resetReason, (p) => policyName(p, p.stack)));
  return results;
}

/** The policies of the input and of the `--policy` files, one of each. */
function policiesOf(files: InputFile[], options: CheckOptions): LocatedPolicy[] {
  return uniquePolicies([...policiesFound(files), ...policiesOfFiles(options.policyFiles)]);
}

/**
 * The policies that judge the `--image` images: at least one, or an input error (an image that no policy judges
 * would be no row at all, a silent pass).
 */
function policiesForImages(files: InputFile[], input: string, options: CheckOptions): LocatedPolicy[] {
  const policies = policiesOf(files, options);
  if (policies.length === 0) {
    throw new InputError(
      `${input}: no google_binary_authorization_policy in ${files.map((f) => f.file).join(', ')} to judge the --image images by; pass the project's live policy with --policy FILE (gcloud container binauthz policy export)`,
    );
  }
  return policies;
}

/** The images of `--image`, each checked to be an image reference. */
function checkedImages(images: string[]): string[] {
  for (const image of images) {
    try {
      parseImageReference(image);
    } catch (e) {
      throw new InputError(`--image ${JSON.stringify(image)}: ${(e as Error).message}`);
    }
  }
  return images;
}

/** One of each policy: a file given twice (as the input and with `--policy`, or twice with it) is read once. */
function uniquePolicies(policies: LocatedPolicy[]): LocatedPolicy[] {
  const seen = new Set<string>();
  return policies.filter((p) => {
    const key = JSON.stringify([resolve(p.file), p.address]);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** The policies of `--policy` files (a policy YAML, or any other input): each file must hold one. */
function policiesOfFiles(paths: string[]): LocatedPolicy[] {
  return paths.flatMap((path) => {
    const found = policiesFound(readInputs(path));
    if (found.length === 0) {
      throw new InputError(`--policy ${path}: no google_binary_authorization_policy in it`);
    }
    return found;
  });
}

/**
 * Why a project's policy is reset by a plan's apply (`policyResets`: a delete, a replacement in either
 * order, a deposed object destroyed, a delete next to a create), if it is, whatever other policy the plan
 * keeps for it: the project is at Google's allow-all default for at least part of the apply. A reset
 * whose project is not known is taken for every project.
 */
function resetOf(files: InputFile[]): (project: string) => string | undefined {
  const resets = files.flatMap(({ model }) => policyResetsOf(model));
  return (project) => {
    const [reset] = resetsOfProject(resets, project);
    return reset === undefined ? undefined : resetSentence(reset);
  };
}

/**
 * Whether a policy (in `policyStack`) is the policy of `project` (of a workload in `stack`): the same
 * literal project; or, in the same stack, the same expression (`sameExpression`: `${var.project}` twice is
 * one value, `${each.key}` twice is not). A value known only after apply is never the same as another.
 */
function sameProject(policyStack: string, policyProject: string, stack: string, project: string): boolean {
  if (!isUnknownValue(project)) {
    return policyProject === project;
  }
  return project !== KNOWN_AFTER_APPLY && policyStack === stack && sameExpression(policyProject, project);
}

/** How a row names a policy: its address, with its stack when that is not the workload's, or its policy file. */
function policyName(policy: LocatedPolicy, stack: string): string {
  if (policy.format === 'policy-yaml') {
    return policy.file;
  }
  return policy.stack === stack ? policy.address : `${policy.stack}: ${policy.address}`;
}

/** The rows of `check --image` as a table, with a summary line and what offline checking cannot tell. */
export function checkReport(results: WorkloadResult[], colour = false): Line[] {
  const rows = results.map((r) => [r.stack, r.policy!, shortDigest(r.image!), r.decision, admittedText(r), r.reason]);
  const lines = table(['STACK', 'POLICY', 'IMAGE', 'DECISION', 'ADMITTED', 'REASON'], rows, {
    colour,
    colourOf: (row, column) => (column === 3 ? DECISION_COLOURS[row[3]] : undefined),
  });
  return [...lines, '', ...summaryLines(results, 'UNKNOWN depends on values known only at apply time')];
}

/** The workload results as a table (one row per workload, container and policy), a summary line and notes. */
export function workloadReport(results: WorkloadResult[], colour = false): Line[] {
  const rows = results.map((r) => [
    r.stack,
    r.workload,
    r.container,
    r.project ?? 'unknown',
    r.policy ?? '-',
    r.image === undefined ? '-' : shortDigest(r.image),
    r.decision,
    r.exempt ? 'exempt' : !r.admitted && r.suppression !== undefined ? 'suppressed' : admittedText(r),
    r.reason,
  ]);
  const header = ['STACK', 'WORKLOAD', 'CONTAINER', 'PROJECT', 'POLICY', 'IMAGE', 'DECISION', 'ADMITTED', 'REASON'];
  const lines: Line[] = [
    ...table(header, rows, {
      colour,
      colourOf: (row, column) => (column === 6 ? DECISION_COLOURS[row[6]] : undefined),
    }),
    '',
    ...summaryLines(
      results,
      'UNKNOWN cannot be decided from the input (a value known only at apply time, a module call, a platform policy)',
    ),
  ];
  if (results.some((r) => r.decision === 'NOT_ENFORCED')) {
    lines.push(
      'note: NOT_ENFORCED is deployed without any check; enforce Binary Authorization (or exempt it, with a reason)',
    );
  }
  if (results.some((r) => r.decision === 'NO_POLICY')) {
    lines.push(
      "note: NO_POLICY has no policy in the input to judge it by; a project without one has Google's default policy, which admits every image",
    );
  }
  return lines;
}

/** How the table colours a decision: admitted green, needs a look yellow, refused red. */
const DECISION_COLOURS: Record<string, Colour> = {
  ALLOW: 'green',
  EXEMPT: 'yellow',
  REQUIRE_ATTESTATION: 'yellow',
  UNKNOWN: 'yellow',
  DENY: 'red',
  NOT_ENFORCED: 'red',
  NO_POLICY: 'red',
};

/**
 * An image with its digest shortened in the middle (`…@sha256:0123456789ab…cdef`), for the table: the
 * full image is in `--json`.
 */
export function shortDigest(image: string): string {
  return image.replace(/@sha256:([0-9a-f]{12})[0-9a-f]{48}([0-9a-f]{4})$/, '@sha256:$1…$2');
}

function admittedText(r: { admitted: boolean; decision: string }): string {
  return r.admitted ? (r.decision === 'ALLOW' ? 'yes' : 'yes (dry run)') : 'no';
}

/** The summary line, and the notes about what offline checking cannot tell. */
function summaryLines(
  results: Array<{ admitted: boolean; decision: string; exempt: boolean; evaluation?: { attestors?: unknown } }>,
  unknown: string,
): string[] {
  // With --attestations, every evaluation of a rule that requires them carries its attestors' verdicts.
  const attested = results.some((r) => r.evaluation?.attestors !== undefined);
  const admitted = results.filter((r) => r.admitted).length;
  const exempt = results.filter((r) => r.exempt).length;
  const exemptNote = exempt === 0 ? '' : ` (${exempt} exempt: deployed without any check, by a reviewed exemption)`;
  const lines = [
    admitted === results.length
      ? `all ${results.length} admitted${exemptNote}`
      : `${results.length - admitted} of ${results.length} not admitted${exemptNote}`,
  ];
  if (results.some((r) => r.decision === 'REQUIRE_ATTESTATION' && !r.admitted)) {
    lines.push(
      attested
        ? 'note: REQUIRE_ATTESTATION is not attested by every required attestor (each reason says why), and counts as not admitted'
        : 'note: no attestations were given (--attestations FILE verifies them offline), so REQUIRE_ATTESTATION counts as not admitted',
    );
  }
  if (attested) {
    lines.push(
      'note: attestations verified offline: whether each occurrence still exists in Container Analysis, and IAM on the notes at deploy time, cannot be known here',
    );
  }
  if (results.some((r) => r.decision === 'UNKNOWN' && !r.admitted)) {
    lines.push(`note: ${unknown} and counts as not admitted`);
  }
  if (results.some((r) => r.admitted && !r.exempt && r.decision !== 'ALLOW')) {
    lines.push('note: "yes (dry run)" is admitted only because the rule is in dry run; enforced, it would be blocked');
  }
  return lines;
}

/**
 * The attestations of `--attestations`, verified with the attestors' keys; `undefined` without them. The readers
 * and the verifier load only then: without `--attestations`, `check` pays nothing for them.
 */
function attestationsOf(files: InputFile[], options: CheckOptions) {
  if (options.attestationFiles === undefined || options.attestationFiles.length === 0) {
    return undefined;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { attestationIndexOf } = require('./attestations') as typeof import('./attestations');
  return attestationIndexOf(files, options.attestationFiles, options.attestorFiles);
}
