/**
 * How Cloud Run resources turn Binary Authorization on, read from their Terraform JSON (snake_case
 * attributes, as `cdk.tf.json` holds them): written once for the deploy-side aspect, break-glass and
 * the CLI.
 *
 * - `google_cloud_run_v2_service`, `_job`, `_worker_pool`: block `binary_authorization { use_default,
 *   policy, breakglass_justification }`. `use_default` and `policy` are a oneof in the API, which the
 *   provider does not enforce.
 * - `google_cloud_run_service` (v1): annotations `run.googleapis.com/binary-authorization` (value
 *   `default`) and `run.googleapis.com/binary-authorization-breakglass` in `metadata.annotations`.
 * - `google_cloudfunctions2_function`: `service_config.binary_authorization_policy` (value `default`);
 *   there is no break-glass field.
 *
 * Framework-free: values that are known only at apply time are recognized by the `isUnknown`
 * predicate the caller passes (cdktf's `Token.isUnresolved`, or a `${…}` test on Terraform JSON).
 */
import { ignoredChangeCovering } from './lifecycle';
import { checkProjectId } from './names';

/** How a resource type carries its Binary Authorization setting. */
export type CloudRunWiring = 'v2-block' | 'v1-annotation' | 'function-policy';

/** The resource types that Cloud Run deploys, and how each carries the setting. */
export const CLOUD_RUN_RESOURCE_TYPES: Readonly<Record<string, CloudRunWiring>> = {
  google_cloud_run_v2_service: 'v2-block',
  google_cloud_run_v2_job: 'v2-block',
  google_cloud_run_v2_worker_pool: 'v2-block',
  google_cloud_run_service: 'v1-annotation',
  google_cloudfunctions2_function: 'function-policy',
};

/**
 * The organization policy list constraint that restricts which Binary Authorization policies Cloud Run
 * services and jobs may use ("Allowed Binary Authorization Policies (Cloud Run)").
 */
export const ALLOWED_POLICIES_CONSTRAINT = 'run.allowedBinaryAuthorizationPolicies';

/** The v1 annotation that turns enforcement on. */
export const BINAUTHZ_ANNOTATION = 'run.googleapis.com/binary-authorization';
/** The v1 annotation that carries a break-glass justification. */
export const BREAKGLASS_ANNOTATION = 'run.googleapis.com/binary-authorization-breakglass';
/** The only policy value the annotation and functions accept: the project's policy. */
export const DEFAULT_POLICY_VALUE = 'default';

/**
 * How a Cloud Run v2 resource names a policy. The Cloud Run v2 REST reference documents
 * `projects/{project}/platforms/cloudRun/{policy-name}`; the provider's acceptance tests use
 * `projects/{project}/platforms/cloudRun/policies/{policy-name}`. Both are accepted; a name `policies`
 * alone is the second form cut short, not a policy.
 */
const NAMED_POLICY =
  /^projects\/([^/]+)\/platforms\/cloudRun\/(?:policies\/)?(?!policies$)([A-Za-z0-9][A-Za-z0-9_-]*)$/;

/**
 * Whether a resource enforces Binary Authorization:
 * - `enforced`: it is checked against a policy;
 * - `missing`: nothing says so (the API's default is no enforcement);
 * - `off`: it says explicitly that it is not (v2 `use_default = false` without a `policy`; an empty
 *   annotation value or an empty `binary_authorization_policy`);
 * - `unknown`: the setting is known only at apply time;
 * - `invalid`: the setting has a shape or type the provider does not accept (a number, a list of
 *   several blocks, `use_default = "true"`); its `problems` say what is wrong.
 */
export type Enforcement = 'enforced' | 'missing' | 'off' | 'unknown' | 'invalid';

/** Why a setting is inconsistent. */
export type SettingProblemCode = 'oneof' | 'breakglass-without-enforcement' | 'policy-format' | 'invalid-type';

/** One inconsistency, in the shape of an `invalidProp` error. */
export interface SettingProblem {
  /** A stable code. */
  readonly code: SettingProblemCode;
  /** The Terraform attribute at fault, such as `binary_authorization.policy`. */
  readonly property: string;
  /** The value found. */
  readonly value: unknown;
  /** What is wrong and the fix. */
  readonly message: string;
}

/** The Binary Authorization setting of one Cloud Run resource. */
export interface BinauthzSetting {
  /** How the resource type carries the setting. */
  readonly wiring: CloudRunWiring;
  /** Whether it enforces. */
  readonly enforcement: Enforcement;
  /** The attribute that turns enforcement on, for messages. */
  readonly property: string;
  /** Its current value (the whole block for v2), for messages. */
  readonly value: unknown;
  /** The break-glass justification, when there is one. */
  readonly breakglass?: unknown;
  /** Inconsistencies the provider does not catch; at least one when `enforcement` is `invalid`. */
  readonly problems: SettingProblem[];
}

/**
 * Reads the setting from a resource's Terraform attributes. Fail closed: only a value that `isUnknown`
 * recognizes is `unknown`; every other shape that is not an enforcing setting is `missing`, `off` or
 * `invalid`, never `unknown` or `enforced`. In Terraform JSON `null` and an empty list (`[]`) mean that
 * an attribute or block is not set.
 */
export function readBinauthz(
  wiring: CloudRunWiring,
  attributes: Record<string, unknown>,
  isUnknown: (value: unknown) => boolean = () => false,
): BinauthzSetting {
  switch (wiring) {
    case 'v2-block':
      return readV2(attributes, isUnknown);
    case 'v1-annotation':
      return readV1(attributes, isUnknown);
    case 'function-policy':
      return readFunction(attributes, isUnknown);
  }
}

/**
 * How to turn enforcement on for a resource type, as a fix in messages: written once for the aspect,
 * break-glass and the lint.
 */
export function enforcementFix(wiring: CloudRunWiring): string {
  switch (wiring) {
    case 'v2-block':
      return 'set binary_authorization { use_default = true }';
    case 'v1-annotation':
      return `set the annotation "${BINAUTHZ_ANNOTATION}" to "${DEFAULT_POLICY_VALUE}"`;
    case 'function-policy':
      return `set service_config.binary_authorization_policy = "${DEFAULT_POLICY_VALUE}"`;
  }
}

/** A problem with a named Cloud Run policy, or `undefined` when it has the right form. */
export function checkNamedPolicy(policy: string): string | undefined {
  const match = NAMED_POLICY.exec(policy);
  if (!match || checkProjectId(match[1]) !== undefined) {
    // One form named in the message (the provider's); "projects/PROJECT_ID/platforms/cloudRun/NAME" is accepted too.
    return 'a policy looks like "projects/PROJECT_ID/platforms/cloudRun/policies/NAME"; to use the project\'s policy set use_default = true instead';
  }
  return undefined;
}

/** A single nested block: cdktf renders it as an object, Terraform JSON also allows a list of one. */
export function singleBlock(value: unknown): unknown {
  return Array.isArray(value) && value.length === 1 ? value[0] : value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Not set: absent, `null`, or an empty list of blocks. */
function isNotSet(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/** The value of an attribute of a block; `null` is not set. */
function attribute(block: Record<string, unknown>, key: string): unknown {
  const value = Object.prototype.hasOwnProperty.call(block, key) ? block[key] : undefined;
  return value === null ? undefined : value;
}

/**
 * A block that appears at most once, or the problem with its shape: a list of several blocks, a list
 * holding something else, a number, a boolean, a string that is not an interpolation.
 */
function readBlock(
  property: string,
  value: unknown,
  example: string,
): { block: Record<string, unknown> } | { problem: SettingProblem } {
  const block = singleBlock(value);
  if (isPlainObject(block)) {
    return { block };
  }
  return {
    problem: {
      code: 'invalid-type',
      property,
      value,
      message: `must be one block (an object, or a list of one object), like ${example}, got ${kindOf(value)}`,
    },
  };
}

/** A problem when `value` (set, and not unknown) is not of the `expected` type. */
function typeProblem(
  property: string,
  value: unknown,
  expected: 'boolean' | 'string',
  isUnknown: (value: unknown) => boolean,
  fix: string,
): SettingProblem | undefined {
  if (value === undefined || isUnknown(value) || typeof value === expected) {
    return undefined;
  }
  return {
    code: 'invalid-type',
    property,
    value,
    message: `must be ${expected === 'boolean' ? 'true or false (a boolean)' : 'a string'}, got ${kindOf(value)}; ${fix}`,
  };
}

/** What kind of JSON value something is, for messages: `a number`, `a list of 2 entries`. */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) {
    return `a list of ${value.length} ${value.length === 1 ? 'entry' : 'entries'}`;
  }
  if (value === null) {
    return 'null';
  }
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * The block that holds a resource's setting (`binary_authorization`, `metadata`, `service_config`), or
 * the setting it already decides: absent (missing), known only at apply time, or of the wrong shape.
 *
 * @param property the setting's own property, for a missing block
 * @param example the block as it should be written, for the message of one of the wrong shape
 */
function outerBlock(
  wiring: CloudRunWiring,
  name: string,
  property: string,
  raw: unknown,
  example: string,
  isUnknown: (value: unknown) => boolean,
): { block: Record<string, unknown> } | { setting: BinauthzSetting } {
  if (isNotSet(raw)) {
    return { setting: { wiring, property, value: undefined, enforcement: 'missing', problems: [] } };
  }
  if (isUnknown(raw)) {
    return { setting: { wiring, property: name, value: raw, enforcement: 'unknown', problems: [] } };
  }
  const read = readBlock(name, raw, example);
  return 'problem' in read
    ? { setting: { wiring, property: name, value: raw, enforcement: 'invalid', problems: [read.problem] } }
    : read;
}

function readV2(attributes: Record<string, unknown>, isUnknown: (value: unknown) => boolean): BinauthzSetting {
  const property = 'binary_authorization';
  const base = { wiring: 'v2-block' as const, property };
  const outer = outerBlock(
    'v2-block',
    property,
    property,
    attributes.binary_authorization,
    'binary_authorization { use_default = true }',
    isUnknown,
  );
  if ('setting' in outer) {
    return outer.setting;
  }
  const block = outer.block;
  const useDefault = attribute(block, 'use_default');
  const policy = attribute(block, 'policy');
  const breakglass = attribute(block, 'breakglass_justification');
  const fix = 'set use_default = true';
  const typeProblems = [
    typeProblem('binary_authorization.use_default', useDefault, 'boolean', isUnknown, fix),
    typeProblem('binary_authorization.policy', policy, 'string', isUnknown, fix),
  ].filter((p): p is SettingProblem => p !== undefined);
  const breakglassType = typeProblem(
    'binary_authorization.breakglass_justification',
    breakglass,
    'string',
    isUnknown,
    'write the justification as text',
  );
  const problems: SettingProblem[] = [...typeProblems, ...(breakglassType ? [breakglassType] : [])];
  let enforcement: Enforcement;
  if (typeProblems.length > 0) {
    enforcement = 'invalid';
  } else if (isUnknown(useDefault) || isUnknown(policy)) {
    enforcement = 'unknown';
  } else if (useDefault === true || (policy !== undefined && policy !== '')) {
    enforcement = 'enforced';
  } else if (useDefault === false) {
    enforcement = 'off';
  } else {
    enforcement = 'missing';
  }
  if (enforcement !== 'invalid' && useDefault !== undefined && policy !== undefined && policy !== '') {
    problems.push({
      code: 'oneof',
      property: 'binary_authorization.policy',
      value: policy,
      message: `use_default (${JSON.stringify(useDefault)}) and policy are mutually exclusive in the Cloud Run API (the provider does not check it); set only one of them`,
    });
  }
  if (typeof policy === 'string' && policy !== '' && !isUnknown(policy)) {
    const problem = checkNamedPolicy(policy);
    if (problem) {
      problems.push({
        code: 'policy-format',
        property: 'binary_authorization.policy',
        value: policy,
        message: problem,
      });
    }
  }
  if (breakglass !== undefined && (enforcement === 'missing' || enforcement === 'off')) {
    problems.push(breakglassProblem('binary_authorization.breakglass_justification', breakglass, 'use_default = true'));
  }
  return { ...base, value: block, enforcement, breakglass, problems };
}

function readV1(attributes: Record<string, unknown>, isUnknown: (value: unknown) => boolean): BinauthzSetting {
  const property = `metadata.annotations["${BINAUTHZ_ANNOTATION}"]`;
  const base = { wiring: 'v1-annotation' as const };
  const example = `metadata { annotations = { "${BINAUTHZ_ANNOTATION}" = "default" } }`;
  const outer = outerBlock('v1-annotation', 'metadata', property, attributes.metadata, example, isUnknown);
  if ('setting' in outer) {
    return outer.setting;
  }
  const metadata = outer.block;
  const annotations = attribute(metadata, 'annotations');
  if (annotations === undefined) {
    return { ...base, property, value: undefined, enforcement: 'missing', problems: [] };
  }
  if (isUnknown(annotations)) {
    return { ...base, property: 'metadata.annotations', value: annotations, enforcement: 'unknown', problems: [] };
  }
  if (!isPlainObject(annotations)) {
    return {
      ...base,
      property: 'metadata.annotations',
      value: annotations,
      enforcement: 'invalid',
      problems: [
        {
          code: 'invalid-type',
          property: 'metadata.annotations',
          value: annotations,
          message: `must be a map of strings, like { "${BINAUTHZ_ANNOTATION}" = "default" }, got ${kindOf(annotations)}`,
        },
      ],
    };
  }
  const value = attribute(annotations, BINAUTHZ_ANNOTATION);
  const breakglass = attribute(annotations, BREAKGLASS_ANNOTATION);
  const breakglassProperty = `metadata.annotations["${BREAKGLASS_ANNOTATION}"]`;
  const { enforcement, problems } = readPolicyValue(property, value, isUnknown);
  const breakglassType = typeProblem(
    breakglassProperty,
    breakglass,
    'string',
    isUnknown,
    'write the justification as text',
  );
  if (breakglassType) {
    problems.push(breakglassType);
  }
  if (breakglass !== undefined && (enforcement === 'missing' || enforcement === 'off')) {
    problems.push(
      breakglassProblem(breakglassProperty, breakglass, `the annotation "${BINAUTHZ_ANNOTATION}" = "default"`),
    );
  }
  return { ...base, property, value, enforcement, breakglass, problems };
}

function readFunction(attributes: Record<string, unknown>, isUnknown: (value: unknown) => boolean): BinauthzSetting {
  const property = 'service_config.binary_authorization_policy';
  const base = { wiring: 'function-policy' as const };
  const example = 'service_config { binary_authorization_policy = "default" }';
  const outer = outerBlock(
    'function-policy',
    'service_config',
    property,
    attributes.service_config,
    example,
    isUnknown,
  );
  if ('setting' in outer) {
    return outer.setting;
  }
  const serviceConfig = outer.block;
  const value = attribute(serviceConfig, 'binary_authorization_policy');
  const { enforcement, problems } = readPolicyValue(property, value, isUnknown);
  return { ...base, property, value, enforcement, problems };
}

/** `default`, absent, empty (off), a token, a value the API does not accept, or not a string. */
function readPolicyValue(
  property: string,
  value: unknown,
  isUnknown: (value: unknown) => boolean,
): { enforcement: Enforcement; problems: SettingProblem[] } {
  if (value === undefined) {
    return { enforcement: 'missing', problems: [] };
  }
  if (isUnknown(value)) {
    return { enforcement: 'unknown', problems: [] };
  }
  const typeError = typeProblem(property, value, 'string', isUnknown, `set it to "${DEFAULT_POLICY_VALUE}"`);
  if (typeError) {
    return { enforcement: 'invalid', problems: [typeError] };
  }
  if (value === '') {
    return { enforcement: 'off', problems: [] };
  }
  if (value === DEFAULT_POLICY_VALUE) {
    return { enforcement: 'enforced', problems: [] };
  }
  return {
    // It asks for enforcement, with a value the API refuses: enforced as far as intent goes, and an error.
    enforcement: 'enforced',
    problems: [
      {
        code: 'policy-format',
        property,
        value,
        message: `the only accepted value is "${DEFAULT_POLICY_VALUE}" (the project's policy)`,
      },
    ],
  };
}

function breakglassProblem(property: string, value: unknown, fix: string): SettingProblem {
  return {
    code: 'breakglass-without-enforcement',
    property,
    value,
    message: `a break-glass justification requires Binary Authorization to be enforced (the API refuses it otherwise); set ${fix}, or remove the justification`,
  };
}

/** The parts of an Artifact Registry repository name `projects/P/locations/L/repositories/R`. */
export interface RepositoryName {
  /** The project id. */
  readonly project: string;
  /** The region. */
  readonly location: string;
  /** The repository id. */
  readonly repository: string;
}

const REPOSITORY_NAME = /^projects\/([^/]+)\/locations\/([^/]+)\/repositories\/([^/]+)$/;

/** Parses `projects/P/locations/L/repositories/R`; throws with the expected form when it is not one. */
export function parseRepositoryName(name: string): RepositoryName {
  const match = REPOSITORY_NAME.exec(name);
  if (!match) {
    throw new Error(
      'a repository looks like "projects/PROJECT_ID/locations/REGION/repositories/REPOSITORY" (google_artifact_registry_repository.id)',
    );
  }
  return { project: match[1], location: match[2], repository: match[3] };
}

/**
 * The attribute that holds a resource type's enforcement setting, as Terraform addresses it in
 * `lifecycle.ignore_changes` (block indexes left out).
 */
export const ENFORCEMENT_PATHS: Readonly<Record<CloudRunWiring, readonly string[]>> = {
  'v2-block': ['binary_authorization'],
  'v1-annotation': ['metadata', 'annotations', BINAUTHZ_ANNOTATION],
  'function-policy': ['service_config', 'binary_authorization_policy'],
};

/**
 * The `lifecycle.ignore_changes` entry that makes Terraform ignore changes to a Cloud Run resource's
 * enforcement setting, or `undefined` when none does. Terraform then keeps what an existing resource
 * has, so a configuration that turns enforcement on changes nothing on it.
 *
 * Fail closed: what `ignoredChangeCovering` counts as covering (`all`, the setting, a block holding it or a
 * part of it, a shape it cannot read), and an entry known only at apply time (`isUnknown`), are returned.
 *
 * @param resourceType the Terraform type, such as `google_cloud_run_v2_service`
 * @param ignoreChanges the resource's `lifecycle.ignore_changes`: `"all"`, a list of entries, or absent
 * @param isUnknown whether a value is known only at apply time (a token)
 */
export function ignoredEnforcement(
  resourceType: string,
  ignoreChanges: unknown,
  isUnknown: (value: unknown) => boolean = () => false,
): string | undefined {
  const wiring = Object.prototype.hasOwnProperty.call(CLOUD_RUN_RESOURCE_TYPES, resourceType)
    ? CLOUD_RUN_RESOURCE_TYPES[resourceType]
    : undefined;
  if (wiring === undefined || isNotSet(ignoreChanges)) {
    return undefined;
  }
  const unknown = isUnknown(ignoreChanges)
    ? ignoreChanges
    : Array.isArray(ignoreChanges)
      ? ignoreChanges.find((entry) => isUnknown(entry))
      : undefined;
  if (unknown !== undefined) {
    return typeof unknown === 'string' ? unknown : JSON.stringify(unknown);
  }
  return ignoredChangeCovering(ignoreChanges, ENFORCEMENT_PATHS[wiring]);
}
