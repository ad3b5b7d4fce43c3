/**
 * The one reader model of the command line: what an input holds that Binary Authorization cares about,
 * in one form whatever the format (Terraform JSON, a plan or a state as `terraform show -json` prints
 * them, a policy YAML as `gcloud container binauthz policy export` prints it). Each reader
 * (`terraform-json.ts`, `terraform-plan.ts`, `policy-yaml.ts`) turns its format into an `InputModel`;
 * every command works on the model (`policiesOf`, `workloadsOf`, `lintModel`), never on a format.
 *
 * Resources keep their Terraform attributes (snake_case; nested blocks as objects or lists of one), so
 * the rules that read them (`readBinauthz`, `workloadImages`, `sourceBuildOf`, the policy reader) are
 * the ones the constructs use. A value known only at apply time is a string holding `${` (an
 * interpolation in Terraform JSON; `KNOWN_AFTER_APPLY` where a plan's `after_unknown` says so), never a
 * guess.
 */
import { CLOUD_RUN_RESOURCE_TYPES } from './cloud-run';
import { describeValue } from './display';

/** Every input format the command line reads. */
export const INPUT_FORMATS = ['terraform-json', 'plan', 'state', 'policy-yaml'] as const;
/** An input format. */
export type InputFormat = (typeof INPUT_FORMATS)[number];

/**
 * Stands for a value that a plan knows only after apply (`after_unknown`). It holds `${`, so every rule
 * that treats interpolations as unknown treats it so; no two of them are taken for the same value.
 */
export const KNOWN_AFTER_APPLY = '${known after apply}';

/** The Binary Authorization policy's resource type. */
export const POLICY_TYPE = 'google_binary_authorization_policy';
/** The attestor's resource type. */
export const ATTESTOR_TYPE = 'google_binary_authorization_attestor';
/** The organization policy's resource type (the Cloud Run guardrail). */
export const ORG_POLICY_TYPE = 'google_org_policy_policy';

/** The Container Analysis note's resource type (an attestor's attestations are occurrences of its note). */
export const NOTE_TYPE = 'google_container_analysis_note';
/** The Cloud KMS key ring's resource type. */
export const KEY_RING_TYPE = 'google_kms_key_ring';
/** The Cloud KMS key's resource type. */
export const CRYPTO_KEY_TYPE = 'google_kms_crypto_key';
/** The data source of a Cloud KMS key version (whose `id` and public key an attestor's KMS key takes). */
export const KEY_VERSION_DATA_TYPE = 'google_kms_crypto_key_version';

/** A custom role of a project's (`projects/P/roles/ID`), whose `permissions` the trust chain reads. */
export const PROJECT_CUSTOM_ROLE_TYPE = 'google_project_iam_custom_role';
/** A custom role of an organization's (`organizations/O/roles/ID`). */
export const ORGANIZATION_CUSTOM_ROLE_TYPE = 'google_organization_iam_custom_role';
/** An Artifact Registry repository (whose name a repository's IAM resource may reference). */
export const REPOSITORY_TYPE = 'google_artifact_registry_repository';
/**
 * A Cloud Storage bucket (whose name a bucket's IAM resource may reference). Not kept by the readers: the
 * bucket behind Container Registry is Google's, so a bucket IAM resource names it, and a reference to a
 * bucket of the configuration is judged as unknown.
 */
export const BUCKET_TYPE = 'google_storage_bucket';
/** The data source that writes an IAM policy's `policy_data` from `binding` blocks. */
export const IAM_POLICY_DATA_TYPE = 'google_iam_policy';

/** The kinds of resources the granting IAM resource types are on, and the attribute naming each. */
const GRANT_TARGETS = {
  binary_authorization_attestor: { scope: 'attestor', attribute: 'attestor' },
  container_analysis_note: { scope: 'note', attribute: 'note' },
  kms_crypto_key: { scope: 'key', attribute: 'crypto_key_id' },
  kms_key_ring: { scope: 'key-ring', attribute: 'key_ring_id' },
  project: { scope: 'project', attribute: 'project' },
  folder: { scope: 'folder', attribute: 'folder' },
  organization: { scope: 'organization', attribute: 'org_id' },
  service_account: { scope: 'service-account', attribute: 'service_account_id' },
  artifact_registry_repository: { scope: 'repository', attribute: 'repository' },
  storage_bucket: { scope: 'bucket', attribute: 'bucket' },
} as const;

/** What a granting IAM resource type is on, its form and the attribute that names its target. */
export interface GrantingIamType {
  /** The kind of resource it grants on. */
  readonly scope: GrantScope;
  /** `member` adds one member; `binding` is authoritative for one role; `policy` for the whole IAM policy. */
  readonly form: 'member' | 'binding' | 'policy';
  /** The attribute that names what it is on. */
  readonly attribute: string;
}

/** What an IAM resource grants on: an attestor, a note, a key, … or a key ring, project, folder or organization above. */
export type GrantScope = (typeof GRANT_TARGETS)[keyof typeof GRANT_TARGETS]['scope'];

/** How the review and the graph name what a grant is on. */
export const GRANT_SCOPE_NOUNS: Record<GrantScope, string> = {
  attestor: 'attestor',
  note: 'note',
  key: 'key',
  'key-ring': 'key ring',
  project: 'project',
  folder: 'folder',
  organization: 'organization',
  'service-account': 'service account',
  repository: 'repository',
  bucket: 'bucket',
};

/**
 * The IAM resource types that grant on the chain of trust (binauthz-facts §10): `google_X_iam_member`,
 * `_iam_binding` and `_iam_policy` for attestors, notes, Cloud KMS keys and key rings, projects, folders,
 * organizations, service accounts, Artifact Registry repositories and storage buckets. Each grant they make
 * is judged by the permissions it gives (`trust-permissions.ts`): on a key ring, project, folder or
 * organization, on every resource below.
 *
 * Cost: the readers keep every resource of these types, and a configuration may hold many project IAM
 * members of roles that have nothing to do with the chain of trust; the readers cannot filter by role, so
 * those are kept, and the trust view drops them. `google_project_iam_member_remove` removes a grant, so it is
 * not among them.
 */
export const GRANTING_IAM_TYPES: Readonly<Record<string, GrantingIamType>> = Object.fromEntries(
  Object.entries(GRANT_TARGETS).flatMap(([name, target]) =>
    (['member', 'binding', 'policy'] as const).map((form): [string, GrantingIamType] => [
      `google_${name}_iam_${form}`,
      { ...target, form },
    ]),
  ),
);

/**
 * The resource types the readers keep: the policy, attestors and what they trust (notes, keys, their key
 * rings, the IAM on them and above them: `GRANTING_IAM_TYPES`, custom roles, repositories; and, in configuration only, buckets:
 * `CONFIGURATION_ONLY_TYPES`), organization policies and Cloud Run's. A
 * handful of resources in most configurations (project IAM members may be more: see `GRANTING_IAM_TYPES`),
 * so a plan of many thousands of resources still costs little beyond its parsing.
 */
export const MODEL_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  POLICY_TYPE,
  ATTESTOR_TYPE,
  ORG_POLICY_TYPE,
  NOTE_TYPE,
  KEY_RING_TYPE,
  CRYPTO_KEY_TYPE,
  PROJECT_CUSTOM_ROLE_TYPE,
  ORGANIZATION_CUSTOM_ROLE_TYPE,
  REPOSITORY_TYPE,
  ...Object.keys(GRANTING_IAM_TYPES),
  ...Object.keys(CLOUD_RUN_RESOURCE_TYPES),
]);

/**
 * The resource types the Terraform JSON reader keeps besides `MODEL_RESOURCE_TYPES`, only for the references
 * to them that a configuration holds (a grant on `${google_storage_bucket.b.name}`): a plan or a state holds the
 * value the reference resolves to, and keeping every bucket of a large plan would cost its reading for nothing.
 */
export const CONFIGURATION_ONLY_TYPES: ReadonlySet<string> = new Set([BUCKET_TYPE]);

/**
 * The data source types the Terraform JSON reader keeps, under the address `data.TYPE.NAME`: how an
 * attestor's key refers to its Cloud KMS key there. (Plans and state hold the values they resolve to.)
 */
export const MODEL_DATA_TYPES: ReadonlySet<string> = new Set([KEY_VERSION_DATA_TYPE, IAM_POLICY_DATA_TYPE]);

/**
 * Where a resource is written in an input: what a finding points at (the table's row, a SARIF result's
 * location). The reader that knows the text it parsed fills it in.
 */
export interface SourceLocation {
  /** The file, as the command line was given it (or relative to the folder it was given). */
  readonly file: string;
  /** The 1-based line of the resource's block in that file; absent when the format has no lines (a plan). */
  readonly line?: number;
}

/** One resource instance of an input, in the form every reader gives. */
export interface ResourceInstance {
  /** Its address: `TYPE.NAME` in Terraform JSON; the full address (`module.a.TYPE.NAME[0]`) in plans and state. */
  readonly address: string;
  /** Its Terraform type. */
  readonly type: string;
  /** Its attributes, snake_case; values known only at apply time hold `${`. */
  readonly values: Record<string, unknown>;
  /**
   * The `project` of the provider configuration that deploys it, when the input names one (a literal, or an
   * interpolation in Terraform JSON); `undefined` when it is not known (the provider then takes it from its
   * environment).
   */
  readonly providerProject?: string;
  /** The reason of its exemption (`RequireBinaryAuthorization.exempt`), read from its `"//"` comment. */
  readonly exemption?: string;
  /** Where it is written, when the reader knows. */
  readonly source?: SourceLocation;
}

/** What one input holds. */
export interface InputModel {
  /** The format it was read from. */
  readonly format: InputFormat;
  /**
   * The resources of `MODEL_RESOURCE_TYPES` it deploys (in a plan: as they will be after apply), in input
   * order; in Terraform JSON, the data sources of `MODEL_DATA_TYPES` too (addressed `data.TYPE.NAME`).
   */
  readonly resources: ResourceInstance[];
  /** The resources of `MODEL_RESOURCE_TYPES` a plan deletes, with their values before the change. */
  readonly deleted: ResourceInstance[];
  /**
   * The module calls of Terraform JSON (`module.NAME`), whose resources a reader of the calling
   * configuration cannot see: never a silent pass, each is reported.
   */
  readonly hiddenModules: string[];
  /** For a plan: the other side of its changes, as they are before apply (`diff` compares the two). */
  readonly prior?: PriorModel;
  /**
   * For a plan: every policy object its apply deletes (`policyResets` in `terraform-plan.ts`), each of which
   * resets its project to Google's allow-all default for at least part of the apply. Absent (none) for
   * the other formats, which hold no changes.
   */
  readonly policyResets?: readonly PolicyReset[];
}

/**
 * How a plan deletes a policy object. The provider's Delete writes Google's default policy back (an
 * allow-all policy), so each of them leaves the project admitting everything, at least for a while:
 *
 * - `delete`: deleted, and no other policy is created for the project: for good;
 * - `replace-delete-first`: replaced, `["delete", "create"]`: between the two steps;
 * - `replace-create-first`: replaced, `["create", "delete"]` (`create_before_destroy`): the delete runs last,
 *   so the default may be what stays;
 * - `deposed`: a deposed object (left by an earlier `create_before_destroy` replacement) is destroyed: the
 *   default is written over the current object's policy, which the plan does not write again;
 * - `delete-and-create`: deleted at one address while another address creates a policy for the same
 *   project (or one whose project is not known until apply), in an order Terraform does not fix.
 */
export type PolicyResetKind =
  'delete' | 'replace-delete-first' | 'replace-create-first' | 'deposed' | 'delete-and-create';

/** A policy object that a plan deletes: a model fact that every command reads the same way. */
export interface PolicyReset {
  /** The address of the policy (a deposed object's is the address of the resource it was replaced in). */
  readonly address: string;
  /** How the plan deletes it. */
  readonly kind: PolicyResetKind;
  /**
   * The project it is the policy of (its own `project` before the change, else its provider's);
   * `undefined` when not known, which every command takes as "any project".
   */
  readonly project?: string;
  /** For `deposed`: the deposed object's key (`resource_changes[].deposed`). */
  readonly deposedKey?: string;
  /** For `delete-and-create`: the address of the policy created for the project. */
  readonly createdAt?: string;
}

/** What a plan's `resource_changes` say about the state before apply. */
export interface PriorModel {
  /**
   * The resources of `MODEL_RESOURCE_TYPES` as they are before apply: each change's `before`, in plan order
   * (absent for a resource the plan creates).
   */
  readonly resources: ResourceInstance[];
  /**
   * Where the plan changes a resource that exists but gives no `before` (a plan Terraform would not
   * write): its side before apply is not known, so a comparison must refuse it.
   */
  readonly missing: string[];
  /** The actions of each change, by address: `["update"]`, `["delete", "create"]`, `["forget"]`, … */
  readonly actions: ReadonlyMap<string, readonly string[]>;
}

/**
 * An input whose shape is not what its format allows: the message names the place (resource address,
 * attribute, or the path in the document) and the value received.
 */
export class ModelError extends Error {}

/** Whether a value is known only at apply time: a string holding an interpolation (or `KNOWN_AFTER_APPLY`). */
export function isUnknownValue(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

/**
 * The project a resource deploys in: its own `project`, else its provider's; `undefined` when neither is
 * known (not set, or known only after apply).
 */
export function projectOf(resource: ResourceInstance): string | undefined {
  const own = resource.values.project;
  if (own === undefined || own === null) {
    return resource.providerProject;
  }
  if (typeof own !== 'string') {
    throw new ModelError(`${resource.address}: project must be a string (a project id), got: ${describeValue(own)}`);
  }
  return own === KNOWN_AFTER_APPLY ? undefined : own;
}

/**
 * The exemption a Cloud Run resource carries in Terraform JSON, written by `RequireBinaryAuthorization.exempt`
 * as `"//": { "binauthz": { "exempt": "REASON" } }`. A `"//"` that is not an object, or holds no `binauthz`,
 * is an ordinary comment; a `binauthz` of any other shape is an error, never ignored.
 */
export function exemptionOf(address: string, values: Record<string, unknown>): string | undefined {
  const comment = values['//'];
  if (typeof comment !== 'object' || comment === null || Array.isArray(comment)) {
    return undefined;
  }
  const marker = (comment as Record<string, unknown>).binauthz;
  if (marker === undefined) {
    return undefined;
  }
  const reason = typeof marker === 'object' && marker !== null ? (marker as Record<string, unknown>).exempt : undefined;
  if (
    Array.isArray(marker) ||
    typeof reason !== 'string' ||
    reason.trim() === '' ||
    Object.keys(marker as object).length !== 1
  ) {
    throw new ModelError(
      `${address}: "//".binauthz must be {"exempt": "REASON"} with a reason (RequireBinaryAuthorization.exempt writes it), got: ${describeValue(marker)}; write the reason, or remove the marker`,
    );
  }
  return reason;
}

/**
 * Keys that JavaScript gives a meaning of its own (`__proto__` sets an object's prototype when assigned,
 * `constructor` and `prototype` name its machinery): no Terraform JSON, plan, state or policy YAML
 * needs them, and a reader that copies an object may drop or misread them. Every JSON and YAML reader
 * refuses them, never drops them.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The message for a reserved key (`RESERVED_KEYS`) at `where`. */
export function reservedKeyMessage(key: string, where: string): string {
  return `has the key ${JSON.stringify(key)} in ${where}, which this command refuses: JavaScript gives it a meaning of its own (no Terraform JSON, plan, state or policy YAML needs it); rename it`;
}

/**
 * The first reserved key (`RESERVED_KEYS`) anywhere in a parsed value, with where it is, or `undefined`.
 * Walks with a list, not recursion.
 */
export function reservedKeyIn(value: unknown): { key: string; where: string } | undefined {
  const pending: Array<{ value: unknown; where: string }> = [{ value, where: '' }];
  while (pending.length > 0) {
    const { value: at, where } = pending.pop()!;
    if (Array.isArray(at)) {
      at.forEach((v, i) => pending.push({ value: v, where: `${where}[${i}]` }));
    } else if (isPlainObject(at)) {
      for (const key of Object.keys(at)) {
        if (RESERVED_KEYS.has(key)) {
          return { key, where: where === '' ? 'the top-level mapping' : where };
        }
        pending.push({ value: at[key], where: where === '' ? key : `${where}.${key}` });
      }
    }
  }
  return undefined;
}

/** Whether a value is a JSON object (not a list, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `value` as an object, or a `ModelError` naming `where` and what it is instead: the readers' one check
 * of a value that must be an object.
 *
 * @param what how the format calls an object here, such as "an object" or "a mapping (name: rule)"
 */
export function objectAt(value: unknown, where: string, what = 'an object'): Record<string, unknown> {
  if (!isPlainObject(value)) {
    throw new ModelError(`${where} must be ${what}, got: ${describeValue(value)}`);
  }
  return value;
}

/** `value` as a list; absent or `null` is an empty list (Terraform omits empty lists); anything else a `ModelError`. */
export function listAt(value: unknown, where: string): unknown[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value)) {
    throw new ModelError(`${where} must be a list, got: ${describeValue(value)}`);
  }
  return value;
}

/** The keys a Terraform JSON document may have at its top (Terraform's JSON configuration syntax, and cdktf's `//`). */
const TERRAFORM_JSON_KEYS: ReadonlySet<string> = new Set([
  '//',
  'terraform',
  'provider',
  'variable',
  'locals',
  'output',
  'module',
  'resource',
  'data',
  'moved',
  'import',
  'check',
  'removed',
]);

/**
 * The format of a parsed JSON document, from its content: a plan (`planned_values`, `resource_changes`),
 * a state (`values`, or only `format_version`), or Terraform JSON (its top-level keys are Terraform's).
 *
 * @throws ModelError for a document that is none of them, naming its keys
 */
export function detectJsonFormat(doc: unknown): Exclude<InputFormat, 'policy-yaml'> {
  if (!isPlainObject(doc)) {
    // Terraform JSON's reader says what the top of a document must be.
    return 'terraform-json';
  }
  const keys = Object.keys(doc);
  if (keys.includes('planned_values') || keys.includes('resource_changes') || keys.includes('prior_state')) {
    return 'plan';
  }
  if (keys.includes('values') || keys.includes('format_version')) {
    return 'state';
  }
  const foreign = keys.filter((k) => !TERRAFORM_JSON_KEYS.has(k));
  if (foreign.length > 0) {
    throw new ModelError(
      `is none of the formats this command reads: its top-level keys ${describeValue(foreign)} are not Terraform JSON's (resource, provider, module, …), and it has neither planned_values nor values (terraform show -json of a plan or a state)`,
    );
  }
  return 'terraform-json';
}
