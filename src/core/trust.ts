/**
 * The trust chain of an input, read from the reader model: who may sign (members granted a signing role
 * on a note or a Cloud KMS key, or on the key ring, project, folder or organization above it), the keys,
 * the attestors that trust them, the policies that require the attestors, the Cloud Run workloads that
 * enforce the policies, and the organization policy that makes Cloud Run use them. Written once, for
 * `diff` (what a change adds to it) and `graph` (a picture of it).
 *
 * Resources refer to each other by name, or in Terraform JSON by reference (`${google_kms_crypto_key.K.id}`,
 * `${data.google_kms_crypto_key_version.V.id}`): each reference is resolved to the name it stands for when
 * the input holds what it needs; otherwise the value stays as it is, and a value known only after apply is
 * never the same as another (`sameKey`). Fail closed: a value of the wrong type is a `ModelError` naming
 * the resource and the attribute.
 */
import { ALLOWED_POLICIES_CONSTRAINT } from './cloud-run';
import { describeValue } from './display';
import { Workload, workloadsOf } from './gate';
import { SIGNATURE_ALGORITHM_ALIASES } from './keys';
import {
  ATTESTOR_TYPE,
  BUCKET_TYPE,
  CRYPTO_KEY_TYPE,
  GrantScope,
  GRANTING_IAM_TYPES,
  IAM_POLICY_DATA_TYPE,
  InputFormat,
  InputModel,
  isPlainObject,
  isUnknownValue,
  KEY_RING_TYPE,
  KEY_VERSION_DATA_TYPE,
  KNOWN_AFTER_APPLY,
  ModelError,
  NOTE_TYPE,
  ORG_POLICY_TYPE,
  ORGANIZATION_CUSTOM_ROLE_TYPE,
  PROJECT_CUSTOM_ROLE_TYPE,
  REPOSITORY_TYPE,
  reservedKeyIn,
  reservedKeyMessage,
  ResourceInstance,
} from './model';
import { projectImagePath } from './names';
import { parseAllowlistPattern } from './pattern';
import { sameExpression } from './policy';
import { isArtifactRegistryHost } from './registries';
import { FoundPolicy, policiesOf, PROVIDER_DEFAULT_PROJECT } from './terraform-json';
import {
  classesOf,
  CustomRoleDefinition,
  permissionsReaching,
  rolePermissions,
  TRUST_PERMISSIONS,
  TrustClass,
} from './trust-permissions';

/**
 * One member granted one role by an IAM resource on the chain of trust (`GRANTING_IAM_TYPES`): on an
 * attestor, a note, a key, a service account, a repository, a bucket, or a key ring, project, folder or
 * organization above them. What it lets the member do is judged by `judgeGrant`, with the one permission
 * table (`trust-permissions.ts`).
 */
export interface TrustGrant {
  /** The IAM resource's address. */
  readonly address: string;
  /** Its type. */
  readonly type: string;
  /** What the IAM resource is on. */
  readonly scope: GrantScope;
  /**
   * The attestor or note (`projects/P/attestors/N`, `projects/P/notes/N`), key
   * (`projects/P/locations/L/keyRings/R/cryptoKeys/K`), key ring, repository
   * (`projects/P/locations/L/repositories/R`), service account (its email), bucket, project id, folder id or
   * organization id; or the value as written.
   */
  readonly target: string;
  /** The role. */
  readonly role: string;
  /** The member (`serviceAccount:…`), or the value as written. */
  readonly member: string;
  /** The IAM condition's expression, if any: shown, never a reason to pass the grant. */
  readonly condition?: string;
  /**
   * Whether the resource is authoritative: `_iam_binding` (every member of the role on the resource) or
   * `_iam_policy` (the resource's whole IAM policy); `_iam_member` adds one member.
   */
  readonly authoritative: boolean;
}

/** A custom role the input defines (`google_project_iam_custom_role`, `google_organization_iam_custom_role`). */
export interface CustomRoleView extends CustomRoleDefinition {
  readonly address: string;
}

/** One public key of an attestor. */
export interface AttestorKey {
  /**
   * What it is: its material (the PEM's or armored PGP key's body) with its signature algorithm, and the
   * Cloud KMS version it names; never its `id` otherwise, which is a label the attestor stores and an
   * attestation quotes (a new key under an old id is a new trusted key). Unknown values as written.
   */
  readonly identity: string;
  /** How a person names it: its id, or its kind. */
  readonly label: string;
  /** The Cloud KMS key it is a version of (`projects/P/locations/L/keyRings/R/cryptoKeys/K`), when it is one. */
  readonly kmsKey?: string;
  /** Its `id`, when it has one. */
  readonly id?: string;
}

/** An attestor, with what it trusts. */
export interface AttestorView {
  readonly address: string;
  /** `projects/P/attestors/N`. */
  readonly name: string;
  /** The project. */
  readonly project: string;
  /** Its note, `projects/P/notes/N`, or the value as written. */
  readonly note: string;
  /** Its public keys; an empty list means no attestation verifies. */
  readonly keys: AttestorKey[];
}

/**
 * How strongly an organization policy on `constraints/run.allowedBinaryAuthorizationPolicies` holds (see
 * `readSpec`, the one definition): `enforced` is guarded (Cloud Run must use an allowed policy, wherever
 * the organization policy applies); `dry-run` and `off` guarantee nothing (`off`: it allows all, is
 * reset, inherits, is conditional, …); `unknown` is known only after apply.
 */
export type GuardrailState = 'enforced' | 'dry-run' | 'off' | 'unknown';

/** The Cloud Run guardrail: an organization policy on `constraints/run.allowedBinaryAuthorizationPolicies`. */
export interface GuardrailView {
  readonly address: string;
  /** Its name, `PARENT/policies/run.allowedBinaryAuthorizationPolicies`. */
  readonly name: string;
  /** Whether it is guarded (`enforced`), only in dry run, guarantees nothing (`off`), or is known only after apply. */
  readonly state: GuardrailState;
  /** The Binary Authorization policies it allows (`default` is the project's own). */
  readonly allowedValues: string[];
  /** Why it is in that state. */
  readonly reason: string;
}

/** The trust chain of one input. */
export interface TrustView {
  readonly format: InputFormat;
  readonly policies: FoundPolicy[];
  readonly workloads: Workload[];
  readonly attestors: AttestorView[];
  readonly grants: TrustGrant[];
  /** The custom roles it defines, whose permissions judge the grants of them. */
  readonly customRoles: CustomRoleView[];
  readonly guardrails: GuardrailView[];
}

/**
 * The trust chain of an input.
 *
 * @throws ModelError when a resource has a value of the wrong type
 */
export function trustViewOf(model: InputModel): TrustView {
  const resolver = new Resolver(model);
  return {
    format: model.format,
    policies: policiesOf(model),
    workloads: workloadsOf(model),
    attestors: model.resources.filter((r) => r.type === ATTESTOR_TYPE).map((r) => attestorOf(r, resolver)),
    ...grantsWith(model, resolver),
    guardrails: guardrailsOf(model),
  };
}

/**
 * The grants on the chain of trust of an input (those a predefined role without trust-chain permissions
 * makes are left out), and the custom roles it defines: what `judgeGrant` judges.
 *
 * @throws ModelError when an IAM resource or a custom role has a value of the wrong type
 */
export function grantsIn(model: InputModel): Pick<TrustView, 'grants' | 'customRoles'> {
  return grantsWith(model, new Resolver(model));
}

function grantsWith(model: InputModel, resolver: Resolver): Pick<TrustView, 'grants' | 'customRoles'> {
  return {
    grants: model.resources
      .filter((r) => Object.prototype.hasOwnProperty.call(GRANTING_IAM_TYPES, r.type))
      .flatMap((r) => grantsOf(r, resolver))
      .filter(mayMatter),
    customRoles: model.resources
      .filter((r) => r.type === PROJECT_CUSTOM_ROLE_TYPE || r.type === ORGANIZATION_CUSTOM_ROLE_TYPE)
      .map((r) => customRoleOf(r, resolver)),
  };
}

/**
 * The Cloud Run guardrails of an input, each with what it guarantees (`readSpec`, the one definition):
 * every reader of the guardrail's state takes it from here.
 *
 * @throws ModelError when a guardrail has a value of the wrong type
 */
export function guardrailsOf(model: InputModel): GuardrailView[] {
  return model.resources.filter(isGuardrail).map(guardrailOf);
}

/**
 * Whether two values read from inputs stand for the same thing: the same text, unless it holds a value
 * known only after apply (two unknowns are never the same value). The same interpolation of Terraform JSON
 * (`${var.project}`) is the same expression, and counts as the same. For one resource's value before and
 * after a change; between two resources, `sameAcross`.
 */
export function sameKey(a: string, b: string): boolean {
  return a === b && !a.includes(KNOWN_AFTER_APPLY);
}

/**
 * `sameKey` for values of two resources: a value of one instance (`${each.key}`, `${count.index}`) is not
 * the same as in another resource (`sameExpression`).
 */
export function sameAcross(a: string, b: string): boolean {
  return sameKey(a, b) && sameExpression(a, b);
}

/** `//cloudkms.googleapis.com/v1/KEY/cryptoKeyVersions/N`, as the KMS key version data source's `id` reads. */
const KEY_VERSION_ID =
  /^\/\/cloudkms\.googleapis\.com\/v1\/(projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+)\/cryptoKeyVersions\/[^/]+$/;
/** `projects/P/locations/L/keyRings/R/cryptoKeys/K`. */
const CRYPTO_KEY_NAME = /^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/;
/** The provider's short form of a key id, `P/L/R/K`. */
const CRYPTO_KEY_SHORT = /^([^/$]+)\/([^/$]+)\/([^/$]+)\/([^/$]+)$/;
/**
 * A whole-value reference of Terraform JSON: `${TYPE.NAME.ATTRIBUTE}` or `${data.TYPE.NAME.ATTRIBUTE}`, in a
 * followed local module with the module's address before it (`${module.M.TYPE.NAME.ATTRIBUTE}`: `withOwnAddresses`
 * in terraform-module.ts).
 */
const REFERENCE = /^\$\{((?:module\.[A-Za-z0-9_-]+\.)*(?:data\.)?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\.([a-z_]+)\}$/;

/** Resolves references between the resources of one input to the names they stand for (the trust view's, and the attestation keys'). */
export class Resolver {
  private readonly byAddress = new Map<string, ResourceInstance>();

  constructor(model: InputModel) {
    for (const r of model.resources) {
      this.byAddress.set(r.address, r);
    }
  }

  /**
   * What a value stands for: a reference `${ADDRESS.ATTRIBUTE}` to a resource of the input whose value is
   * known (its id or name as the provider builds it, an email, an IAM policy's `policy_data`, or a literal
   * attribute); anything else is itself.
   */
  public resolve(value: string, depth = 0): string {
    const match = REFERENCE.exec(value);
    const resource = match ? this.byAddress.get(match[1]) : undefined;
    if (!match || resource === undefined || depth > 4) {
      return value;
    }
    const resolved = this.attributeOf(resource, match[2], depth);
    return typeof resolved === 'string' && !isUnknownValue(resolved) ? resolved : value;
  }

  private attributeOf(resource: ResourceInstance, attribute: string, depth: number): unknown {
    switch (attribute) {
      case 'id':
        return this.idOf(resource, depth);
      case 'name':
        return [
          REPOSITORY_TYPE,
          PROJECT_CUSTOM_ROLE_TYPE,
          ORGANIZATION_CUSTOM_ROLE_TYPE,
          'google_service_account',
        ].includes(resource.type)
          ? this.idOf(resource, depth)
          : resource.values.name;
      case 'policy_data':
        return resource.type === IAM_POLICY_DATA_TYPE ? policyDataFromBindings(resource) : resource.values.policy_data;
      default:
        return resource.values[attribute];
    }
  }

  /** The id of a resource, built from its name and parents as the provider builds it, else its `id`. */
  private idOf(resource: ResourceInstance, depth: number): string | undefined {
    const at = (key: string) => {
      const value = resource.values[key];
      return typeof value === 'string' && !isUnknownValue(value) ? value : undefined;
    };
    const project = at('project') ?? resource.providerProject;
    const known = (...parts: Array<string | undefined>) => parts.every((p) => p !== undefined && !isUnknownValue(p));
    const name = at('name');
    // A parent, given by name or by reference.
    const parent = (key: string) => {
      const value = resource.values[key];
      return typeof value === 'string' ? this.resolve(value, depth + 1) : undefined;
    };
    switch (resource.type) {
      case KEY_RING_TYPE: {
        const location = at('location');
        return known(project, location, name) ? `projects/${project}/locations/${location}/keyRings/${name}` : at('id');
      }
      case CRYPTO_KEY_TYPE: {
        const ring = parent('key_ring');
        return known(ring, name) ? `${ring}/cryptoKeys/${name}` : at('id');
      }
      case NOTE_TYPE:
        return known(project, name) ? `projects/${project}/notes/${name}` : at('id');
      case ATTESTOR_TYPE:
        return known(project, name) ? `projects/${project}/attestors/${name}` : at('id');
      case KEY_VERSION_DATA_TYPE: {
        const key = parent('crypto_key');
        const version = resource.values.version ?? 1;
        return known(key) && (typeof version === 'number' || typeof version === 'string')
          ? `//cloudkms.googleapis.com/v1/${key}/cryptoKeyVersions/${version}`
          : at('id');
      }
      case REPOSITORY_TYPE: {
        const [location, id] = [at('location'), at('repository_id')];
        return known(project, location, id) ? `projects/${project}/locations/${location}/repositories/${id}` : at('id');
      }
      case PROJECT_CUSTOM_ROLE_TYPE: {
        const id = at('role_id');
        return known(project, id) ? `projects/${project}/roles/${id}` : at('id');
      }
      case ORGANIZATION_CUSTOM_ROLE_TYPE: {
        const [org, id] = [at('org_id'), at('role_id')];
        return known(org, id) ? `organizations/${org}/roles/${id}` : at('id');
      }
      case BUCKET_TYPE:
        return name ?? at('id');
      default:
        return at('id');
    }
  }
}

/**
 * The `policy_data` that the data source `google_iam_policy` writes from its `binding` blocks (`role`,
 * `members`, `condition`): `{"bindings": [...]}`. In a plan or a state, the data source's own `policy_data`.
 */
function policyDataFromBindings(resource: ResourceInstance): string | undefined {
  const own = resource.values.policy_data;
  if (typeof own === 'string' && own !== '') {
    return own;
  }
  const value = resource.values.binding;
  if (value === undefined || value === null) {
    return JSON.stringify({ bindings: [] });
  }
  if (isUnknownValue(value)) {
    return undefined;
  }
  const list = Array.isArray(value) ? value : [value];
  const bindings = list.map((binding, i) => {
    if (!isPlainObject(binding)) {
      throw new ModelError(`${resource.address}: binding[${i}] must be a block, got: ${describeValue(binding)}`);
    }
    const condition = singleBlockOf(resource, binding, 'condition', `binding[${i}].condition`);
    return { role: binding.role, members: binding.members, ...(condition === undefined ? {} : { condition }) };
  });
  return JSON.stringify({ bindings });
}

/** The attributes of one resource, each read with its type checked. */
class Values {
  constructor(private readonly resource: ResourceInstance) {}

  public optionalString(key: string, expected: string): string | undefined {
    const value = this.resource.values[key];
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value !== 'string') {
      throw new ModelError(
        `${this.resource.address}: ${key} must be a string (${expected}), got: ${describeValue(value)}`,
      );
    }
    return value;
  }

  public requiredString(key: string, expected: string): string {
    const value = this.optionalString(key, expected);
    if (value === undefined) {
      throw new ModelError(`${this.resource.address}: ${key} is not set; it must be ${expected}`);
    }
    return value;
  }
}

/** A nested block that appears at most once (an object, or a list of one object), or `undefined`. */
function singleBlockOf(resource: ResourceInstance, values: Record<string, unknown>, key: string, path = key) {
  const value = values[key];
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  if (typeof value === 'string' && isUnknownValue(value)) {
    return value;
  }
  if (list.length > 1 || (list.length === 1 && !isPlainObject(list[0]))) {
    throw new ModelError(`${resource.address}: ${path} must be a single block, got: ${describeValue(value)}`);
  }
  return list[0] as Record<string, unknown> | undefined;
}

function attestorOf(resource: ResourceInstance, resolver: Resolver): AttestorView {
  const at = new Values(resource);
  const project = at.optionalString('project', 'a project id') ?? resource.providerProject ?? PROVIDER_DEFAULT_PROJECT;
  const shortName = at.requiredString('name', "the attestor's name");
  const note = singleBlockOf(resource, resource.values, 'attestation_authority_note');
  if (typeof note === 'string') {
    return {
      address: resource.address,
      name: `projects/${project}/attestors/${shortName}`,
      project,
      note,
      keys: [keyOf(note)],
    };
  }
  const reference = note?.note_reference;
  if (reference !== undefined && reference !== null && typeof reference !== 'string') {
    throw new ModelError(
      `${resource.address}: attestation_authority_note.note_reference must be a string (a note like "projects/P/notes/N"), got: ${describeValue(reference)}`,
    );
  }
  const noteName =
    reference === undefined || reference === null ? '(no note)' : noteNameOf(resolver.resolve(reference), project);
  return {
    address: resource.address,
    name: `projects/${project}/attestors/${shortName}`,
    project,
    note: noteName,
    keys: publicKeysOf(resource, note?.public_keys, resolver),
  };
}

/** A note's full name: `projects/P/notes/N` as it is, a short name in `project`. */
function noteNameOf(value: string, project: string | undefined): string {
  if (value.includes('/') || isUnknownValue(value) || project === undefined) {
    return value;
  }
  return `projects/${project}/notes/${value}`;
}

function publicKeysOf(resource: ResourceInstance, value: unknown, resolver: Resolver): AttestorKey[] {
  const where = 'attestation_authority_note.public_keys';
  if (value === undefined || value === null) {
    return [];
  }
  if (typeof value === 'string' && isUnknownValue(value)) {
    return [keyOf(value)];
  }
  const list = Array.isArray(value) ? value : [value];
  return list.map((entry, i) => {
    if (typeof entry === 'string' && isUnknownValue(entry)) {
      return keyOf(entry);
    }
    if (!isPlainObject(entry)) {
      throw new ModelError(`${resource.address}: ${where}[${i}] must be a block, got: ${describeValue(entry)}`);
    }
    const id = entry.id;
    if (id !== undefined && id !== null && typeof id !== 'string') {
      throw new ModelError(`${resource.address}: ${where}[${i}].id must be a string, got: ${describeValue(id)}`);
    }
    const resolvedId = typeof id === 'string' && id !== '' ? resolver.resolve(id) : undefined;
    const kmsKey = resolvedId === undefined ? undefined : KEY_VERSION_ID.exec(resolvedId)?.[1];
    // The Cloud KMS version a key names is part of what it is; any other id is a label.
    const version = kmsKey !== undefined ? [`kms ${resolvedId}`] : [];
    const label = (kind: string) => resolvedId ?? kind;
    const pgp = entry.ascii_armored_pgp_public_key;
    if (pgp !== undefined && pgp !== null && typeof pgp !== 'string') {
      throw new ModelError(
        `${resource.address}: ${where}[${i}].ascii_armored_pgp_public_key must be a string, got: ${describeValue(pgp)}`,
      );
    }
    const pkix = singleBlockOf(resource, entry, 'pkix_public_key', `${where}[${i}].pkix_public_key`);
    const identity = (...parts: string[]): AttestorKey => ({
      identity: [...version, ...parts].join('\n'),
      label: label(parts[0] === 'pgp' ? 'a PGP key' : 'a PKIX key'),
      kmsKey,
      id: resolvedId,
    });
    if (typeof pgp === 'string' && pgp !== '') {
      return identity('pgp', materialOf(pgp));
    }
    if (typeof pkix === 'string') {
      return identity('pkix', pkix);
    }
    const pem = pkix?.public_key_pem;
    const algorithm = pkix?.signature_algorithm;
    if (
      (pem !== undefined && pem !== null && typeof pem !== 'string') ||
      (algorithm !== undefined && algorithm !== null && typeof algorithm !== 'string')
    ) {
      throw new ModelError(
        `${resource.address}: ${where}[${i}].pkix_public_key must hold public_key_pem and signature_algorithm as strings, got: ${describeValue(pkix)}`,
      );
    }
    if (typeof pem === 'string' && pem !== '') {
      const alg = typeof algorithm === 'string' ? (SIGNATURE_ALGORITHM_ALIASES[algorithm] ?? algorithm) : '';
      return identity('pkix', alg, materialOf(pem));
    }
    if (kmsKey !== undefined) {
      // A Cloud KMS version named without its public key: the version is the key.
      return identity('kms');
    }
    throw new ModelError(
      resolvedId === undefined
        ? `${resource.address}: ${where}[${i}] has no id, no ascii_armored_pgp_public_key and no pkix_public_key.public_key_pem, so which key it is cannot be told`
        : `${resource.address}: ${where}[${i}] has no ascii_armored_pgp_public_key and no pkix_public_key.public_key_pem, so which key it is cannot be told (its id ${JSON.stringify(resolvedId)} is a label the attestor stores, not the key)`,
    );
  });
}

/**
 * The material of a PEM or an armored PGP key, as compared: its base64 body, without armor lines, armor
 * headers (`Version: …`), the PGP checksum line or whitespace; a value known only at apply time as it is.
 */
export function materialOf(text: string): string {
  if (isUnknownValue(text)) {
    return text;
  }
  return text
    .replace(/\\n/g, '\n')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(
      (line) =>
        !/^-----.*-----$/.test(line) && !/^[A-Za-z][A-Za-z-]*: /.test(line) && !/^=[A-Za-z0-9+/]{4}$/.test(line),
    )
    .join('');
}

/** A key known only at apply time. */
function keyOf(value: string): AttestorKey {
  return { identity: value, label: value };
}

/** What the attribute naming an IAM resource's target must be, by scope. */
const TARGET_EXPECTED: Record<GrantScope, string> = {
  attestor: 'the attestor, "projects/P/attestors/N" or its name',
  note: 'the note, "projects/P/notes/N" or its name',
  key: 'the key, "projects/P/locations/L/keyRings/R/cryptoKeys/K"',
  'key-ring': 'the key ring, "projects/P/locations/L/keyRings/R"',
  project: 'a project id',
  folder: 'a folder, "folders/N"',
  organization: 'an organization id',
  'service-account': 'a service account, "projects/P/serviceAccounts/EMAIL"',
  repository: 'a repository, "projects/P/locations/L/repositories/R" or its name',
  bucket: 'a bucket name',
};

function grantsOf(resource: ResourceInstance, resolver: Resolver): TrustGrant[] {
  const { form, scope, attribute } = GRANTING_IAM_TYPES[resource.type];
  const at = new Values(resource);
  const resolved = resolver.resolve(at.requiredString(attribute, TARGET_EXPECTED[scope]));
  const project = at.optionalString('project', 'a project id') ?? resource.providerProject;
  const location = scope === 'repository' ? at.optionalString('location', 'a location') : undefined;
  const target = targetNameOf(scope, resolved, project, location && resolver.resolve(location));
  const base = { address: resource.address, type: resource.type, scope, target, authoritative: form !== 'member' };
  const grant = (role: string, member: string, condition?: string): TrustGrant[] => [
    { ...base, role: resolver.resolve(role), member, condition },
  ];
  const conditionOf = (holder: Record<string, unknown>, where: string): string | undefined => {
    const condition = singleBlockOf(resource, holder, 'condition', where);
    if (typeof condition === 'string' || condition === undefined) {
      return condition;
    }
    const expression = condition.expression;
    if (typeof expression !== 'string') {
      throw new ModelError(
        `${resource.address}: ${where}.expression must be a string, got: ${describeValue(expression)}`,
      );
    }
    return expression;
  };
  const grants: TrustGrant[] = [];
  switch (form) {
    case 'member':
      grants.push(
        ...grant(
          at.requiredString('role', 'a role like "roles/cloudkms.signerVerifier"'),
          at.requiredString('member', 'a member like "serviceAccount:…"'),
          conditionOf(resource.values, 'condition'),
        ),
      );
      break;
    case 'binding': {
      const role = at.requiredString('role', 'a role like "roles/cloudkms.signerVerifier"');
      const condition = conditionOf(resource.values, 'condition');
      for (const member of membersOf(resource, resource.values.members, 'members')) {
        grants.push(...grant(role, member, condition));
      }
      break;
    }
    case 'policy':
      grants.push(
        ...policyDataOf(
          resource,
          resolver.resolve(at.requiredString('policy_data', 'the policy as JSON')),
          conditionOf,
          grant,
        ),
      );
      break;
  }
  return grants;
}

/** The members of a binding: a list of strings, or one value known only at apply time. */
function membersOf(resource: ResourceInstance, value: unknown, where: string): string[] {
  if (typeof value === 'string' && isUnknownValue(value)) {
    return [value];
  }
  if (!Array.isArray(value) || value.some((m) => typeof m !== 'string')) {
    throw new ModelError(
      `${resource.address}: ${where} must be a list of members like "serviceAccount:…", got: ${describeValue(value)}`,
    );
  }
  return value as string[];
}

/** The grants of an `_iam_policy`'s `policy_data` (`{"bindings": [{"role", "members", "condition"}]}`). */
function policyDataOf(
  resource: ResourceInstance,
  data: string,
  conditionOf: (holder: Record<string, unknown>, where: string) => string | undefined,
  grant: (role: string, member: string, condition?: string) => TrustGrant[],
): TrustGrant[] {
  if (isUnknownValue(data)) {
    // Which roles and members: known only at apply time.
    return grant(data, data);
  }
  let policy: unknown;
  try {
    policy = JSON.parse(data);
  } catch (e) {
    throw new ModelError(`${resource.address}: policy_data must be an IAM policy as JSON: ${(e as Error).message}`);
  }
  const reserved = reservedKeyIn(policy);
  if (reserved !== undefined) {
    throw new ModelError(`${resource.address}: policy_data ${reservedKeyMessage(reserved.key, reserved.where)}`);
  }
  const bindings = isPlainObject(policy) ? (policy.bindings ?? []) : undefined;
  if (!Array.isArray(bindings)) {
    throw new ModelError(
      `${resource.address}: policy_data must be an IAM policy as JSON ({"bindings": [{"role", "members"}]}), got: ${describeValue(policy)}`,
    );
  }
  return bindings.flatMap((binding, i) => {
    const where = `policy_data.bindings[${i}]`;
    if (!isPlainObject(binding) || typeof binding.role !== 'string') {
      throw new ModelError(`${resource.address}: ${where} must be {"role", "members"}, got: ${describeValue(binding)}`);
    }
    const role = binding.role;
    const condition = conditionOf(binding, `${where}.condition`);
    return membersOf(resource, binding.members, `${where}.members`).flatMap((m) => grant(role, m, condition));
  });
}

/** A custom role the input defines, with its permissions (`undefined` when known only at apply time). */
function customRoleOf(resource: ResourceInstance, resolver: Resolver): CustomRoleView {
  const reference = `\${${resource.address}.id}`;
  const name = resolver.resolve(reference);
  const value = resource.values.permissions;
  if (value !== undefined && value !== null && !isUnknownValue(value)) {
    if (!Array.isArray(value) || value.some((p) => typeof p !== 'string')) {
      throw new ModelError(
        `${resource.address}: permissions must be a list of permissions like "cloudkms.cryptoKeyVersions.useToSign", got: ${describeValue(value)}`,
      );
    }
  }
  const permissions = Array.isArray(value)
    ? (value as string[])
    : value === undefined || value === null
      ? []
      : undefined;
  return { address: resource.address, name, permissions };
}

/**
 * Whether a grant may matter to the chain of trust before the side's custom roles and allowlists are
 * known: a predefined role the table knows to hold no trust-chain permission reaching its resource does not.
 */
function mayMatter(g: TrustGrant): boolean {
  if (!g.role.startsWith('roles/') || isUnknownValue(g.role)) {
    return true;
  }
  const held = rolePermissions(g.role, new Map());
  return !held.known || permissionsReaching(g.scope, held.permissions).length > 0;
}

/** `projects/P/locations/L/keyRings/R`. */
const KEY_RING_NAME = /^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+$/;
/** The provider's short form of a key ring id, `P/L/R`. */
const KEY_RING_SHORT = /^([^/$]+)\/([^/$]+)\/([^/$]+)$/;
/** `projects/P/locations/L/repositories/R`. */
const REPOSITORY_NAME = /^projects\/([^/]+)\/locations\/([^/]+)\/repositories\/([^/]+)$/;

/**
 * The name of what an IAM resource is on: an attestor's, note's, key's, key ring's or repository's full
 * name, a service account's email, a bucket's name, a project, folder or organization id.
 */
function targetNameOf(
  scope: GrantScope,
  value: string,
  project: string | undefined,
  location: string | undefined,
): string {
  const known = (v: string | undefined): v is string => v !== undefined && !isUnknownValue(v);
  switch (scope) {
    case 'attestor':
      return value.includes('/') || !known(project) || isUnknownValue(value)
        ? value
        : `projects/${project}/attestors/${value}`;
    case 'note':
      return noteNameOf(value, project);
    case 'key':
      return keyNameOf(value);
    case 'key-ring': {
      const short = KEY_RING_NAME.test(value) ? undefined : KEY_RING_SHORT.exec(value);
      return short ? `projects/${short[1]}/locations/${short[2]}/keyRings/${short[3]}` : value;
    }
    case 'project':
      return value.replace(/^projects\//, '');
    case 'folder':
      return value.replace(/^folders\//, '');
    case 'organization':
      return value.replace(/^organizations\//, '');
    case 'service-account':
      return value.replace(/^projects\/[^/]+\/serviceAccounts\//, '');
    case 'repository':
      return REPOSITORY_NAME.test(value) ||
        value.includes('/') ||
        isUnknownValue(value) ||
        !known(project) ||
        !known(location)
        ? value
        : `projects/${project}/locations/${location}/repositories/${value}`;
    case 'bucket':
      return value.replace(/^b\//, '');
  }
}

/**
 * Whether a grant covers an attestor, note or key (its full name): it is on it, or on the key ring or
 * project that holds it. A folder or an organization may hold any project: `undefined`, not known.
 */
export function grantCovers(g: TrustGrant, name: string): boolean | undefined {
  switch (g.scope) {
    case 'note':
    case 'key':
    case 'attestor':
      return sameAcross(g.target, name);
    case 'key-ring':
      return !isUnknownValue(g.target) && name.startsWith(`${g.target}/cryptoKeys/`);
    case 'project':
      return !isUnknownValue(g.target) && name.startsWith(`projects/${g.target}/`);
    case 'folder':
    case 'organization':
      return undefined;
    default:
      return false;
  }
}

/** A key's full name: `projects/P/locations/L/keyRings/R/cryptoKeys/K`, from itself or the short form `P/L/R/K`. */
function keyNameOf(value: string): string {
  if (CRYPTO_KEY_NAME.test(value)) {
    return value;
  }
  const short = CRYPTO_KEY_SHORT.exec(value);
  return short ? `projects/${short[1]}/locations/${short[2]}/keyRings/${short[3]}/cryptoKeys/${short[4]}` : value;
}

// --- judging grants ------------------------------------------------------------------------------

/** What one side of a review holds that judges its grants: its custom roles, and its allowlists. */
export interface TrustContext {
  /** The custom roles of the side, by name (and by the reference to them, when their name is not known). */
  readonly customRoles: ReadonlyMap<string, CustomRoleDefinition>;
  /** Every allowlist pattern of the side's policies; `undefined` when the side holds no policy. */
  readonly patterns?: readonly string[];
}

/** The context that judges the grants of one side (all its inputs together). */
export function trustContextOf(views: ReadonlyArray<Pick<TrustView, 'customRoles' | 'policies'>>): TrustContext {
  const customRoles = new Map<string, CustomRoleDefinition>();
  for (const role of views.flatMap((v) => v.customRoles)) {
    customRoles.set(role.name, role);
    customRoles.set(`\${${role.address}.id}`, role);
    customRoles.set(`\${${role.address}.name}`, role);
  }
  const policies = views.flatMap((v) => v.policies);
  return {
    customRoles,
    patterns: policies.length === 0 ? undefined : policies.flatMap((p) => p.policy.allowlistPatterns),
  };
}

/** What a grant lets its member do to the chain of trust. */
export interface GrantJudgement {
  /** The trust-chain permissions it gives that reach something that matters, sorted. */
  readonly permissions: string[];
  /** Their classes. */
  readonly classes: TrustClass[];
  /** Why what it gives cannot be judged (a role the table does not know, …); then it counts as weakening. */
  readonly unjudged?: string;
  /** For push permissions: whether a pattern is known to cover where it pushes (`false`: it may, not known). */
  readonly pushCovered?: boolean;
}

/**
 * What a grant lets its member do to the chain of trust, by the one permission table: the trust-chain
 * permissions its role holds that act on what it is granted on or below. Pushing (and granting on a
 * repository or a bucket) matters only where an allowlist pattern of the side admits images (a repository
 * it covers, or the project holding one; the bucket behind Container Registry); when that cannot be told
 * (the side holds no policy, a pattern or the repository is known only at apply time, a folder or an
 * organization), it counts.
 */
export function judgeGrant(g: TrustGrant, context: TrustContext): GrantJudgement {
  const held = rolePermissions(g.role, context.customRoles);
  const coverage = new Map<'repository' | 'bucket', Coverage>();
  const coveredFor = (kind: 'repository' | 'bucket') => {
    if (!coverage.has(kind)) {
      coverage.set(kind, pushCoverage(g, kind, context.patterns));
    }
    return coverage.get(kind)!;
  };
  const matters = (permission: string) => {
    const on = TRUST_PERMISSIONS[permission].on;
    return on === 'repository' || on === 'bucket' ? coveredFor(on) !== 'no' : true;
  };
  if (!held.known) {
    const couldMatter =
      !reachesOnly(g.scope, ['repository', 'bucket']) ||
      coveredFor(g.scope === 'bucket' ? 'bucket' : 'repository') !== 'no';
    return couldMatter ? { permissions: [], classes: [], unjudged: held.reason } : { permissions: [], classes: [] };
  }
  const permissions = permissionsReaching(g.scope, held.permissions).filter(matters).sort();
  const pushes = permissions.filter((p) => TRUST_PERMISSIONS[p].class === 'push');
  return {
    permissions,
    classes: classesOf(permissions),
    ...(pushes.length === 0
      ? {}
      : { pushCovered: pushes.every((p) => coveredFor(TRUST_PERMISSIONS[p].on as 'repository' | 'bucket') === 'yes') }),
  };
}

/** Whether a grant on `scope` reaches only resources of the given kinds (a repository, a bucket). */
function reachesOnly(scope: GrantScope, kinds: readonly string[]): boolean {
  return kinds.includes(scope);
}

/** Whether an allowlist pattern admits images from where a grant pushes: `yes`, `no`, or `unknown`. */
type Coverage = 'yes' | 'no' | 'unknown';

/** Container Registry's hosts, in Artifact Registry the repositories of the same names. */
const GCR_HOSTS: readonly string[] = ['gcr.io', 'us.gcr.io', 'eu.gcr.io', 'asia.gcr.io'];
/** The bucket behind Container Registry, `artifacts.PROJECT.appspot.com` (with `us.`, `eu.`, `asia.` for regional hosts). */
const GCR_BUCKET = /^(?:(us|eu|asia)\.)?artifacts\.([^/]+)\.appspot\.com$/;

/**
 * Whether the side's allowlist patterns may admit an image that the grant lets its member push: into the
 * repository (`kind: 'repository'`: Artifact Registry, including its `gcr.io` repositories) or the bucket
 * behind Container Registry (`kind: 'bucket'`) the grant is on, or any of them in the project it is on.
 */
function pushCoverage(g: TrustGrant, kind: 'repository' | 'bucket', patterns: readonly string[] | undefined): Coverage {
  if (patterns === undefined || isUnknownValue(g.target)) {
    return 'unknown';
  }
  let directories: (host: string) => string[];
  switch (g.scope) {
    case 'repository': {
      const match = REPOSITORY_NAME.exec(g.target);
      if (!match) {
        return 'unknown';
      }
      const [, project, location, id] = match;
      const dir = GCR_HOSTS.includes(id)
        ? `${id}/${projectImagePath(project)}/`
        : `${location}-docker.pkg.dev/${projectImagePath(project)}/${id}/`;
      directories = () => [dir];
      break;
    }
    case 'bucket': {
      const match = GCR_BUCKET.exec(g.target);
      if (!match) {
        return 'no';
      }
      const dir = `${match[1] === undefined ? '' : `${match[1]}.`}gcr.io/${projectImagePath(match[2])}/`;
      directories = () => [dir];
      break;
    }
    case 'project':
      directories = (host) =>
        (kind === 'bucket' ? GCR_HOSTS.includes(host) : GCR_HOSTS.includes(host) || isArtifactRegistryHost(host))
          ? [`${host}/${projectImagePath(g.target)}/`]
          : [];
      break;
    default:
      // A folder or an organization: any project under it, so any project's repository.
      directories = (host) =>
        (kind === 'bucket' ? GCR_HOSTS.includes(host) : GCR_HOSTS.includes(host) || isArtifactRegistryHost(host))
          ? [`${host}/`]
          : [];
  }
  let unknown = false;
  for (const pattern of patterns) {
    if (isUnknownValue(pattern)) {
      unknown = true;
      continue;
    }
    const host = pattern.split('/')[0];
    if (directories(host).some((dir) => mayAdmitUnder(pattern, dir))) {
      return 'yes';
    }
  }
  return unknown ? 'unknown' : 'no';
}

/** Whether a pattern may admit an image whose name starts with `dir` (a directory, ending in `/`). */
function mayAdmitUnder(pattern: string, dir: string): boolean {
  const parsed = parseAllowlistPattern(pattern);
  switch (parsed.wildcard) {
    case '**':
      return parsed.prefix.startsWith(dir) || dir.startsWith(parsed.prefix);
    case 'none':
      return pattern.startsWith(dir);
    default:
      return parsed.prefix.startsWith(dir);
  }
}

/** Whether a resource is an organization policy on `constraints/run.allowedBinaryAuthorizationPolicies`. */
export function isGuardrail(resource: ResourceInstance): boolean {
  const name = resource.values.name;
  return (
    resource.type === ORG_POLICY_TYPE &&
    typeof name === 'string' &&
    name.endsWith(`/policies/${ALLOWED_POLICIES_CONSTRAINT}`)
  );
}

/**
 * How strongly the guardrail holds: its `spec` as `readSpec` reads it; when the spec does not guarantee it,
 * a `dry_run_spec` that would is a dry run; a value known only after apply is unknown.
 */
function guardrailOf(resource: ResourceInstance): GuardrailView {
  const name = resource.values.name as string;
  const view = (state: GuardrailState, reason: string, allowedValues: string[] = []): GuardrailView => ({
    address: resource.address,
    name,
    state,
    allowedValues,
    reason,
  });
  const spec = singleBlockOf(resource, resource.values, 'spec');
  const dryRun = singleBlockOf(resource, resource.values, 'dry_run_spec');
  if (typeof spec === 'string' || (spec === undefined && typeof dryRun === 'string')) {
    return view('unknown', 'its spec is known only at apply time');
  }
  const read = spec === undefined ? undefined : readSpec(resource, spec, 'spec');
  if (read !== undefined && read.state !== 'off') {
    return view(read.state, read.reason, read.allowedValues);
  }
  const dry =
    dryRun === undefined || typeof dryRun === 'string' ? undefined : readSpec(resource, dryRun, 'dry_run_spec');
  if (dry !== undefined && dry.state === 'enforced') {
    return view(
      'dry-run',
      'only its dry_run_spec restricts the policies: violations are logged, not refused',
      dry.allowedValues,
    );
  }
  return view('off', read?.reason ?? 'it has no spec: Cloud Run may use any policy, or none');
}

/** What a spec (or one of its rules) guarantees. */
interface SpecReading {
  readonly state: GuardrailState;
  readonly reason: string;
  readonly allowedValues: string[];
}

/**
 * What the guardrail guarantees, decided here and only here (`diff`, `graph` and every other reader take
 * it from `trustViewOf`). A spec of the list constraint `constraints/run.allowedBinaryAuthorizationPolicies`
 * is `enforced` (guarded: Cloud Run must use one of `allowedValues`, wherever the policy applies) when
 * it is not reset, does not inherit from its parent, and has rules, every one of them unconditional and
 * restricting to a list: `values.allowed_values` (less its `denied_values`), or `deny_all`.
 *
 * Anything else guarantees nothing, `off` with the reason: `reset` (Google's default: any policy, or none);
 * no rules; `allow_all`; `denied_values` without `allowed_values` (every policy but those); a rule that sets
 * no values; a `condition` (which rule applies then depends on tags, which are not in the input); `inherit_from_parent` (the parent's values are merged in, and the parent is not in the input: it
 * may allow more); `enforce` (boolean constraints only). A value known only at apply time is `unknown`.
 */
function readSpec(resource: ResourceInstance, spec: Record<string, unknown>, where: string): SpecReading {
  const notGuarded = (reason: string): SpecReading => ({ state: 'off', reason, allowedValues: [] });
  const unknown = (what: string): SpecReading => ({
    state: 'unknown',
    reason: `its ${what} known only at apply time`,
    allowedValues: [],
  });
  if ([spec.reset, spec.rules, spec.inherit_from_parent].some(isUnknownValue)) {
    return unknown(`${where} is`);
  }
  if (flagAt(resource, spec.reset, `${where}.reset`)) {
    return notGuarded(`its ${where} resets the constraint to Google's default: Cloud Run may use any policy, or none`);
  }
  if (flagAt(resource, spec.inherit_from_parent, `${where}.inherit_from_parent`)) {
    return notGuarded(
      `its ${where} inherits from the parent (inherit_from_parent), whose allowed values are merged in and are not in the input: Cloud Run may use whatever the parent allows`,
    );
  }
  const rules =
    spec.rules === undefined || spec.rules === null ? [] : Array.isArray(spec.rules) ? spec.rules : [spec.rules];
  if (rules.length === 0) {
    return notGuarded(`its ${where} has no rules: Cloud Run may use any policy, or none`);
  }
  const allowed: string[] = [];
  for (const [i, rule] of rules.entries()) {
    if (!isPlainObject(rule)) {
      throw new ModelError(`${resource.address}: ${where}.rules[${i}] must be a block, got: ${describeValue(rule)}`);
    }
    const read = readRule(resource, rule, `${where}.rules[${i}]`);
    if (read.state !== 'enforced') {
      return read;
    }
    allowed.push(...read.allowedValues);
  }
  return {
    state: 'enforced',
    reason: `Cloud Run must use one of: ${allowed.join(', ') || '(none)'}`,
    allowedValues: allowed,
  };
}

/** One rule of a spec, by `readSpec`'s definition: `enforced` with the values it allows, or why not. */
/**
 * A true-or-false attribute of an organization policy, as the provider takes it (`true`, `"TRUE"`,
 * `"true"`) or leaves it unset (`null`, `""` in plans and state); anything else is an input error, never
 * read as false.
 */
function flagAt(resource: ResourceInstance, value: unknown, where: string): boolean {
  if (value === true || value === 'TRUE' || value === 'true') {
    return true;
  }
  if (
    value === undefined ||
    value === null ||
    value === '' ||
    value === false ||
    value === 'FALSE' ||
    value === 'false'
  ) {
    return false;
  }
  throw new ModelError(`${resource.address}: ${where} must be true or false, got: ${describeValue(value)}`);
}

function readRule(resource: ResourceInstance, rule: Record<string, unknown>, where: string): SpecReading {
  const notGuarded = (reason: string): SpecReading => ({
    state: 'off',
    reason: `its ${where} ${reason}`,
    allowedValues: [],
  });
  // Plans and state write an unset attribute as null or "", an absent block as [].
  const set = (value: unknown) => value !== undefined && value !== null && value !== '';
  if ([rule.allow_all, rule.deny_all, rule.enforce, rule.condition].some(isUnknownValue)) {
    return { state: 'unknown', reason: `its ${where} is known only at apply time`, allowedValues: [] };
  }
  const condition = singleBlockOf(resource, rule, 'condition', `${where}.condition`);
  if (condition !== undefined) {
    const expression = typeof condition === 'object' ? condition.expression : condition;
    return notGuarded(
      `is conditional (${typeof expression === 'string' ? expression : describeValue(expression)}): which rule applies depends on tags the input does not hold, so that Cloud Run must use an allowed policy everywhere cannot be told`,
    );
  }
  if (set(rule.enforce)) {
    return notGuarded(
      `sets enforce (${describeValue(rule.enforce)}), which only boolean constraints take: what it does to this list constraint cannot be told`,
    );
  }
  if (flagAt(resource, rule.allow_all, `${where}.allow_all`)) {
    return notGuarded('allows all: Cloud Run may use any policy, or none');
  }
  const values = singleBlockOf(resource, rule, 'values', `${where}.values`);
  if (typeof values === 'string') {
    return { state: 'unknown', reason: `its ${where}.values are known only at apply time`, allowedValues: [] };
  }
  const listOf = (key: string): string[] | undefined => {
    const list = values?.[key];
    if (list === undefined || list === null) {
      return [];
    }
    if (!Array.isArray(list) || list.some((v) => typeof v !== 'string')) {
      if (isUnknownValue(list)) {
        return undefined;
      }
      throw new ModelError(
        `${resource.address}: ${where}.values.${key} must be a list of strings, got: ${describeValue(list)}`,
      );
    }
    return list.some(isUnknownValue) ? undefined : (list as string[]);
  };
  const [allowedValues, deniedValues] = [listOf('allowed_values'), listOf('denied_values')];
  if (allowedValues === undefined || deniedValues === undefined) {
    return { state: 'unknown', reason: `its ${where}.values are known only at apply time`, allowedValues: [] };
  }
  if (allowedValues.length > 0) {
    return {
      state: 'enforced',
      reason: '',
      allowedValues: allowedValues.filter((v) => !deniedValues.includes(v)),
    };
  }
  if (deniedValues.length > 0) {
    return notGuarded(`denies only ${deniedValues.join(', ')}: Cloud Run may use any other policy, or none`);
  }
  if (flagAt(resource, rule.deny_all, `${where}.deny_all`)) {
    return { state: 'enforced', reason: '', allowedValues: [] };
  }
  return notGuarded('sets no allowed values (nor deny_all): it restricts nothing that can be told');
}
