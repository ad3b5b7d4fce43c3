/**
 * The gate: will every Cloud Run workload of an input be admitted by the policy of the project it runs
 * in? Written once, on the reader model (`model.ts`), for the command line's `check`.
 *
 * A workload is a `google_cloud_run_v2_service`, `_job`, `_worker_pool`, `google_cloud_run_service` (v1)
 * or `google_cloudfunctions2_function`. What it deploys is judged: each container image (sidecars
 * included; the provider has no separate list of init containers), and for functions and source-deployed
 * services the repository their build writes to, derived as `allowDeploymentPathsFor` derives it
 * (`deployment-path.ts`). Whether it enforces is `readBinauthz`'s answer, the one the constructs use.
 *
 * Fail closed: a workload that does not enforce, whose project or policy is not known, whose image is
 * known only after apply or cannot be read, is a row that is not admitted, never skipped. An exemption
 * (`RequireBinaryAuthorization.exempt`) admits a workload that does not enforce, as a reviewed decision
 * shown as such; it never hides anything else.
 */
import { BinauthzSetting, CLOUD_RUN_RESOURCE_TYPES, ENFORCEMENT_PATHS, readBinauthz } from './cloud-run';
import {
  DEFAULT_REPOSITORY,
  defaultRepositoryOf,
  dockerRepositoryOf,
  imageUriRepositoryOf,
  SourceBuild,
  sourceBuildOf,
} from './deployment-path';
import { describeValue } from './display';
import { CompiledPolicy, DECISIONS, evaluateCompiled, evaluateRepository, EvaluationResult } from './evaluate';
import { InputModel, isUnknownValue, KNOWN_AFTER_APPLY, ModelError, projectOf, ResourceInstance } from './model';
import { ignoredChangeOf, instancesOf } from './terraform-json';
import { containersPath, hasContainerImages, workloadImages } from './workloads';

/** Every decision of the gate: the evaluator's, and what stands before evaluating. */
export const GATE_DECISIONS = [...DECISIONS, 'NOT_ENFORCED', 'NO_POLICY', 'EXEMPT'] as const;
/** A decision of the gate. */
export type GateDecision = (typeof GATE_DECISIONS)[number];

/** Something a workload deploys that a policy judges. */
export interface Deployable {
  /** A container image, or the repository a build writes to. */
  readonly kind: 'image' | 'repository';
  /** Which: the container's name, or where it is (`template.containers[0]`); `(build)` for a build. */
  readonly container: string;
  /** The image or repository, when it is known. */
  readonly image?: string;
  /** Why it cannot be judged (known only at apply time, or not derivable), when it cannot. */
  readonly unknown?: string;
}

/** A Cloud Run workload of an input. */
export interface Workload {
  /** Its address. */
  readonly address: string;
  /** Its Terraform type. */
  readonly type: string;
  /** The project it runs in; `undefined` when not known. */
  readonly project?: string;
  /** Whether it enforces Binary Authorization. */
  readonly setting: BinauthzSetting;
  /** The reason of its exemption, if it is exempt. */
  readonly exemption?: string;
  /** What it deploys, in order; never empty. */
  readonly deployables: Deployable[];
  /**
   * Its `count` or `for_each` as written, when it has instances known only at apply: each is judged as the
   * configuration reads (a value that differs per instance, `each.value`, is an interpolation, so unknown).
   */
  readonly instances?: string;
}

/**
 * The Cloud Run workloads of an input, in input order.
 *
 * @throws ModelError when a workload's containers have a shape the provider does not write
 */
export function workloadsOf(model: InputModel): Workload[] {
  return model.resources
    .filter((r) => Object.prototype.hasOwnProperty.call(CLOUD_RUN_RESOURCE_TYPES, r.type))
    .map((r) => {
      const paths = workloadPaths(r);
      const setting = readBinauthz(CLOUD_RUN_RESOURCE_TYPES[r.type], r.values, isUnknownValue);
      return {
        address: r.address,
        type: r.type,
        project: projectOf(r),
        setting: withIgnoredChange(setting, ignoredChangeOf(r.values, paths.setting)),
        exemption: r.exemption,
        deployables: deployablesOf(r).map((d) =>
          withIgnoredImage(d, ignoredChangeOf(r.values, d.kind === 'image' ? paths.images : paths.build)),
        ),
        instances: instancesOf(r.address, r.values).metaArgument,
      };
    });
}

/**
 * The attributes of a workload that say what it deploys and whether it enforces: its setting, its
 * containers, its build.
 */
function workloadPaths(resource: ResourceInstance): { setting: string[][]; images: string[][]; build: string[][] } {
  return {
    setting: [[...ENFORCEMENT_PATHS[CLOUD_RUN_RESOURCE_TYPES[resource.type]]]],
    images: [[...(containersPath(resource.type) ?? [])]],
    build: [['build_config']],
  };
}

/**
 * The first entry of a workload's `lifecycle.ignore_changes` that covers its setting, its images or its
 * build: what is live may differ from its configuration.
 */
export function workloadIgnoredChange(resource: ResourceInstance): string | undefined {
  const paths = workloadPaths(resource);
  return ignoredChangeOf(resource.values, [...paths.setting, ...paths.images, ...paths.build]);
}

/** A setting that `lifecycle.ignore_changes` keeps as it is live: whether it enforces is not known. */
function withIgnoredChange(setting: BinauthzSetting, entry: string | undefined): BinauthzSetting {
  if (entry === undefined || setting.problems.some((p) => p.code !== 'breakglass-without-enforcement')) {
    return setting;
  }
  return {
    ...setting,
    enforcement: 'unknown',
    property: `${setting.property}: lifecycle.ignore_changes ${describeValue(entry)} keeps the live value, which may differ from the configuration`,
  };
}

/** An image (or build) that `lifecycle.ignore_changes` keeps as it is live: what is deployed is not known. */
function withIgnoredImage(deployable: Deployable, entry: string | undefined): Deployable {
  if (entry === undefined) {
    return deployable;
  }
  const configured = deployable.image === undefined ? '' : ` (configured: ${deployable.image})`;
  return {
    kind: deployable.kind,
    container: deployable.container,
    unknown: `lifecycle.ignore_changes ${describeValue(entry)} keeps what is deployed as it is live, so it may differ from the configuration${configured}`,
  };
}

function deployablesOf(resource: ResourceInstance): Deployable[] {
  const deployables: Deployable[] = [];
  if (hasContainerImages(resource.type)) {
    const found = workloadImages(resource.type, resource.values, isUnknownValue);
    if (found.problems.length > 0) {
      throw new ModelError(`${resource.address}: the container images cannot be read: ${found.problems[0]}`);
    }
    for (const image of found.images) {
      const container = image.name ?? image.property.replace(/\.image$/, '');
      deployables.push(
        image.unknown
          ? { kind: 'image', container, unknown: unknownText(image.property, image.image) }
          : { kind: 'image', container, image: image.image },
      );
    }
    for (const block of found.unknownBlocks) {
      deployables.push({ kind: 'image', container: block, unknown: `${block} is known only at apply time` });
    }
  }
  const build = sourceBuildOf(resource.type, resource.values);
  if (build !== undefined) {
    deployables.push(buildRepository(resource, build));
  }
  if (deployables.length === 0) {
    deployables.push({
      kind: 'image',
      container: '-',
      unknown: 'no container image in its configuration (a dynamic block?), so nothing can be judged',
    });
  }
  return deployables;
}

/** The repository a build writes to, as `allowDeploymentPathsFor` derives it, or why it cannot be known. */
function buildRepository(resource: ResourceInstance, build: SourceBuild): Deployable {
  const container = '(build)';
  const derive = (what: string, derivation: () => string): Deployable => {
    try {
      return { kind: 'repository', container, image: derivation() };
    } catch (e) {
      return { kind: 'repository', container, unknown: `${what}: ${(e as Error).message}` };
    }
  };
  if (build.value !== undefined) {
    const value = build.value;
    if (typeof value !== 'string') {
      return {
        kind: 'repository',
        container,
        unknown: `${build.property} must be a string, got: ${describeValue(value)}`,
      };
    }
    if (isUnknownValue(value)) {
      return { kind: 'repository', container, unknown: unknownText(build.property, value) };
    }
    return derive(
      `${build.property} ${describeValue(value)}`,
      build.property === 'build_config.docker_repository'
        ? () => dockerRepositoryOf(value)
        : () => imageUriRepositoryOf(value),
    );
  }
  const location = resource.values.location;
  if (typeof location !== 'string') {
    return {
      kind: 'repository',
      container,
      unknown: `location ${describeValue(location)}: the region decides the repository its build writes to; set location`,
    };
  }
  if (isUnknownValue(location)) {
    return { kind: 'repository', container, unknown: unknownText('location', location) };
  }
  const project = projectOf(resource);
  if (project === undefined || isUnknownValue(project)) {
    return {
      kind: 'repository',
      container,
      unknown: `the project decides the repository its build writes to (${DEFAULT_REPOSITORY[build.path]}), and it is not known; set project on the resource or its provider`,
    };
  }
  return derive(`location ${describeValue(location)}, project ${describeValue(project)}`, () =>
    defaultRepositoryOf(location, project, build.path),
  );
}

/** `property is known only after apply`, with the interpolation when there is one. */
function unknownText(property: string, value: string): string {
  return value === KNOWN_AFTER_APPLY
    ? `${property} is known only after apply`
    : `${property} is known only at apply time (${value})`;
}

/** A policy the gate judges with, and how a row names it. */
export interface GatePolicy {
  /** How the rows name it: its address, or the file it came from. */
  readonly where: string;
  /** The policy, compiled. */
  readonly compiled: CompiledPolicy;
  /** Why the configuration does not tell what the policy enforces, when it does not: it then judges nothing. */
  readonly unsettled?: string;
}

/** The policies of each project, as the gate sees them. */
export interface PolicyLookup {
  /** The policies of a project (several when inputs disagree: each is judged). */
  policiesFor(project: string): GatePolicy[];
  /**
   * Why the policy of `project` is reset by a plan's apply (it deletes a policy object of the project:
   * `resetSentence`), if it is: the project is then at Google's allow-all default for at least part of
   * the apply, so no workload of it is admitted.
   */
  deletedPolicyOf(project: string): string | undefined;
}

/** One row of the gate: one deployable of one workload, judged by one policy (or not judged, and why). */
export interface GateRow {
  /** The workload's address. */
  readonly workload: string;
  /** The container (or `(build)`). */
  readonly container: string;
  /** The project it runs in; `undefined` when not known. */
  readonly project?: string;
  /** The policy that judged it. */
  readonly policy?: string;
  /** The image, or `REPOSITORY/**` for a build; `undefined` when not known. */
  readonly image?: string;
  /** The decision. */
  readonly decision: GateDecision;
  /** Whether it is admitted (an exemption admits). */
  readonly admitted: boolean;
  /** Whether it is admitted only by an exemption. */
  readonly exempt: boolean;
  /** Why, in a sentence. */
  readonly reason: string;
  /** The evaluation, when a policy judged it. */
  readonly evaluation?: EvaluationResult;
}

/** The rows of one workload: one per deployable and policy, or one per deployable saying why none judged it. */
export function judgeWorkload(workload: Workload, lookup: PolicyLookup): GateRow[] {
  const rows = judgeInstance(workload, lookup);
  const instances = workload.instances;
  return instances === undefined
    ? rows
    : rows.map((r) => ({ ...r, reason: `${r.reason} [${instances}: each instance judged as configured]` }));
}

function judgeInstance(workload: Workload, lookup: PolicyLookup): GateRow[] {
  const { setting, exemption, project } = workload;
  const rows = (decision: GateDecision, reason: string, admitted = false): GateRow[] =>
    workload.deployables.map((d) => ({
      workload: workload.address,
      container: d.container,
      project,
      image: d.image,
      decision,
      admitted,
      exempt: decision === 'EXEMPT',
      reason,
    }));
  const problem = setting.problems[0];
  if (problem !== undefined && problem.code !== 'breakglass-without-enforcement') {
    return rows(
      'NOT_ENFORCED',
      `the Binary Authorization setting is not one the API accepts: ${problem.property} ${describeValue(problem.value)}: ${problem.message}`,
    );
  }
  if (setting.enforcement !== 'enforced') {
    const why =
      setting.enforcement === 'unknown'
        ? `whether it enforces Binary Authorization is known only at apply time (${setting.property})`
        : `not enforced: deployed without any check (${setting.property} ${setting.enforcement === 'off' ? 'turns it off' : 'is not set'})`;
    if (exemption !== undefined) {
      return rows('EXEMPT', `exempt: ${exemption}; ${why}`, true);
    }
    return rows(setting.enforcement === 'unknown' ? 'UNKNOWN' : 'NOT_ENFORCED', why);
  }
  if (setting.breakglass !== undefined && setting.breakglass !== '') {
    return rows(
      'NOT_ENFORCED',
      `break-glass: the policy is bypassed (${describeValue(setting.breakglass)}); remove the justification once the emergency is over`,
    );
  }
  const named = setting.wiring === 'v2-block' ? (setting.value as Record<string, unknown>).policy : undefined;
  if (typeof named === 'string' && named !== '') {
    return rows(
      'UNKNOWN',
      `binary_authorization.policy names a platform policy (${named}), which this command cannot read; only the project's policy (use_default = true) is judged`,
    );
  }
  if (project === undefined || project === '') {
    return rows(
      'NO_POLICY',
      "the project it runs in is not known (its project and its provider's are not set, or known only after apply); set project on the resource or its provider",
    );
  }
  const reset = lookup.deletedPolicyOf(project);
  if (reset !== undefined) {
    return rows('NO_POLICY', reset);
  }
  const policies = lookup.policiesFor(project);
  if (policies.length === 0) {
    return rows(
      'NO_POLICY',
      `no policy for project ${project} in the input; pass its live policy with --policy FILE (gcloud container binauthz policy export)`,
    );
  }
  return workload.deployables.flatMap((d) => policies.map((p) => judge(workload, d, p)));
}

function judge(workload: Workload, deployable: Deployable, policy: GatePolicy): GateRow {
  const row = (decision: GateDecision, admitted: boolean, reason: string, evaluation?: EvaluationResult): GateRow => ({
    workload: workload.address,
    container: deployable.container,
    project: workload.project,
    policy: policy.where,
    image: evaluation?.image ?? deployable.image,
    decision,
    admitted,
    exempt: false,
    reason,
    evaluation,
  });
  if (policy.unsettled !== undefined) {
    return row('UNKNOWN', false, `the policy cannot be judged: ${policy.unsettled}`);
  }
  if (deployable.image === undefined) {
    return row('UNKNOWN', false, deployable.unknown ?? 'not known');
  }
  let evaluation: EvaluationResult;
  try {
    evaluation =
      deployable.kind === 'repository'
        ? evaluateRepository(policy.compiled, deployable.image)
        : evaluateCompiled(policy.compiled, deployable.image);
  } catch (e) {
    return row('UNKNOWN', false, `cannot be judged: ${(e as Error).message}`);
  }
  const reason =
    deployable.kind === 'repository'
      ? `built from source into ${deployable.image} (as allowDeploymentPathsFor derives it): ${evaluation.reason}`
      : evaluation.reason;
  return row(evaluation.decision, evaluation.admitted, reason, evaluation);
}

/** The row that says a module call of Terraform JSON hides its resources: never a silent pass. */
export function hiddenModuleRow(module: string): GateRow {
  return {
    workload: module,
    container: '-',
    decision: 'UNKNOWN',
    admitted: false,
    exempt: false,
    reason: `${module}: its resources cannot be judged from configuration; check the plan instead (terraform show -json)`,
  };
}
