/**
 * The one table of who can change what is admitted: the IAM permissions over the chain of trust
 * (binauthz-facts §10), what each lets a member do and on which kind of resource it acts, and what a role
 * holds of them (predefined roles: `iam-roles.ts`; custom roles: their `permissions`, read from the input).
 * `diff` (`review.ts`), `graph` and `lint` judge every grant with it, and nothing else in the code base
 * lists roles.
 *
 * A grant is judged by the permissions it gives on the resource it is granted on and on everything below it
 * (a project holds its attestors, notes, key rings, keys, service accounts, repositories and buckets; a
 * folder or an organization every project under it). A role this table does not know, a custom role the
 * input does not define, or one whose permissions are known only at apply time cannot be judged: the
 * review counts it as weakening, with that reason. Conditions never make a grant harmless: they are shown.
 */
import { isUnknownValue } from './model';

/**
 * What a trust-chain permission lets a member do:
 * - `rewrite-attestor`: change what an attestor trusts (its keys, its note), or its note;
 * - `rewrite-policy`: change the project's policy, or a named platform policy;
 * - `rewrite-guardrail`: set or remove the organization policies of a project (or of a folder or an organization,
 *   for every project under it), `run.allowedBinaryAuthorizationPolicies` among them: the guardrail that makes
 *   every Cloud Run service and job use Binary Authorization (`CloudRunBinaryAuthorizationGuardrail`);
 * - `attach`: attach occurrences (attestations) to a note: half of attesting;
 * - `sign`: sign with a Cloud KMS key version: the other half;
 * - `act-as`: act as a service account (a signer's): its tokens, signatures, keys;
 * - `push`: push images into a repository that an allowlist pattern admits (or the bucket behind Container Registry);
 * - `grant`: grant any of these to anyone, itself included (`setIamPolicy`, or rewriting a custom role).
 */
export type TrustClass =
  'rewrite-attestor' | 'rewrite-policy' | 'rewrite-guardrail' | 'attach' | 'sign' | 'act-as' | 'push' | 'grant';

/** Every trust class, in the order messages list them. */
export const TRUST_CLASSES: readonly TrustClass[] = [
  'rewrite-attestor',
  'rewrite-policy',
  'rewrite-guardrail',
  'attach',
  'sign',
  'act-as',
  'push',
  'grant',
];

/** The kinds of resources IAM grants are made on, from the top of the hierarchy down. */
export type ResourceKind =
  | 'organization'
  | 'folder'
  | 'project'
  | 'attestor'
  | 'policy'
  | 'note'
  | 'key-ring'
  | 'key'
  | 'service-account'
  | 'repository'
  | 'bucket';

/** What holds each kind of resource (a key is in a key ring, the rest in a project, a project under folders). */
const PARENT: Record<ResourceKind, ResourceKind | undefined> = {
  organization: undefined,
  folder: 'organization',
  project: 'folder',
  attestor: 'project',
  policy: 'project',
  note: 'project',
  'key-ring': 'project',
  key: 'key-ring',
  'service-account': 'project',
  repository: 'project',
  bucket: 'project',
};

/** Whether a grant on `grantedOn` reaches a resource of kind `kind`: it is that resource, or above it. */
export function reaches(grantedOn: ResourceKind, kind: ResourceKind): boolean {
  for (let k: ResourceKind | undefined = kind; k !== undefined; k = PARENT[k]) {
    if (k === grantedOn) {
      return true;
    }
  }
  return false;
}

/** One trust-chain permission: what it lets a member do, and the kind of resource it acts on. */
export interface TrustPermission {
  readonly class: TrustClass;
  readonly on: ResourceKind;
}

/**
 * The trust-chain permissions (binauthz-facts §10, names as Google's IAM permissions reference spells them).
 * Every other permission does not change what is admitted.
 */
export const TRUST_PERMISSIONS: Readonly<Record<string, TrustPermission>> = {
  'binaryauthorization.attestors.create': { class: 'rewrite-attestor', on: 'attestor' },
  'binaryauthorization.attestors.update': { class: 'rewrite-attestor', on: 'attestor' },
  'binaryauthorization.attestors.delete': { class: 'rewrite-attestor', on: 'attestor' },
  'containeranalysis.notes.update': { class: 'rewrite-attestor', on: 'note' },
  'containeranalysis.notes.delete': { class: 'rewrite-attestor', on: 'note' },
  'binaryauthorization.policy.update': { class: 'rewrite-policy', on: 'policy' },
  'binaryauthorization.platformPolicies.create': { class: 'rewrite-policy', on: 'policy' },
  'binaryauthorization.platformPolicies.replace': { class: 'rewrite-policy', on: 'policy' },
  'binaryauthorization.platformPolicies.delete': { class: 'rewrite-policy', on: 'policy' },
  // The guardrail: the v1 API's one permission (`SetOrgPolicy`), and the v2 API's, which `google_org_policy_policy`
  // uses. Set on a project, a folder or an organization; a grant on any of them reaches the project's.
  'orgpolicy.policy.set': { class: 'rewrite-guardrail', on: 'project' },
  'orgpolicy.policies.create': { class: 'rewrite-guardrail', on: 'project' },
  'orgpolicy.policies.update': { class: 'rewrite-guardrail', on: 'project' },
  'orgpolicy.policies.delete': { class: 'rewrite-guardrail', on: 'project' },
  'containeranalysis.notes.attachOccurrence': { class: 'attach', on: 'note' },
  'cloudkms.cryptoKeyVersions.useToSign': { class: 'sign', on: 'key' },
  'iam.serviceAccounts.actAs': { class: 'act-as', on: 'service-account' },
  'iam.serviceAccounts.getAccessToken': { class: 'act-as', on: 'service-account' },
  'iam.serviceAccounts.getOpenIdToken': { class: 'act-as', on: 'service-account' },
  'iam.serviceAccounts.implicitDelegation': { class: 'act-as', on: 'service-account' },
  'iam.serviceAccounts.signBlob': { class: 'act-as', on: 'service-account' },
  'iam.serviceAccounts.signJwt': { class: 'act-as', on: 'service-account' },
  'iam.serviceAccountKeys.create': { class: 'act-as', on: 'service-account' },
  'artifactregistry.repositories.uploadArtifacts': { class: 'push', on: 'repository' },
  'storage.objects.create': { class: 'push', on: 'bucket' },
  'binaryauthorization.attestors.setIamPolicy': { class: 'grant', on: 'attestor' },
  'binaryauthorization.policy.setIamPolicy': { class: 'grant', on: 'policy' },
  'containeranalysis.notes.setIamPolicy': { class: 'grant', on: 'note' },
  'cloudkms.cryptoKeys.setIamPolicy': { class: 'grant', on: 'key' },
  'cloudkms.keyRings.setIamPolicy': { class: 'grant', on: 'key-ring' },
  'iam.serviceAccounts.setIamPolicy': { class: 'grant', on: 'service-account' },
  'artifactregistry.repositories.setIamPolicy': { class: 'grant', on: 'repository' },
  'storage.buckets.setIamPolicy': { class: 'grant', on: 'bucket' },
  'resourcemanager.projects.setIamPolicy': { class: 'grant', on: 'project' },
  'resourcemanager.folders.setIamPolicy': { class: 'grant', on: 'folder' },
  'resourcemanager.organizations.setIamPolicy': { class: 'grant', on: 'organization' },
  // Rewriting a custom role changes every grant of it (project custom roles; on an organization, its own).
  'iam.roles.update': { class: 'grant', on: 'project' },
};

/** A custom role the input defines: its name and its permissions (`undefined`: known only at apply time). */
export interface CustomRoleDefinition {
  /** `projects/P/roles/ID` or `organizations/O/roles/ID`, or the reference to it as written. */
  readonly name: string;
  readonly permissions?: readonly string[];
}

/** What a role holds of the trust-chain permissions, or why that cannot be told. */
export type RolePermissions =
  | { readonly known: true; readonly permissions: readonly string[] }
  | { readonly known: false; readonly reason: string };

/**
 * The trust-chain permissions `role` holds: a predefined role's from the table, a custom role's from its
 * definition in the input. Anything else cannot be judged: a role known only at apply time, a predefined
 * role the table does not know, a custom role the input does not define or whose permissions are known
 * only at apply time.
 */
export function rolePermissions(role: string, customRoles: ReadonlyMap<string, CustomRoleDefinition>): RolePermissions {
  if (isUnknownValue(role)) {
    const custom = customRoles.get(role);
    if (custom === undefined) {
      return { known: false, reason: `the role is known only at apply time (${role})` };
    }
  }
  const { PREDEFINED_ROLE_TRUST_PERMISSIONS, predefinedRolesWithoutTrustPermissions } = iamRoles();
  if (Object.prototype.hasOwnProperty.call(PREDEFINED_ROLE_TRUST_PERMISSIONS, role)) {
    return { known: true, permissions: PREDEFINED_ROLE_TRUST_PERMISSIONS[role] };
  }
  if (predefinedRolesWithoutTrustPermissions().has(role)) {
    return { known: true, permissions: [] };
  }
  const custom = customRoles.get(role);
  if (custom !== undefined) {
    if (custom.permissions === undefined || custom.permissions.some(isUnknownValue)) {
      return { known: false, reason: `the permissions of the custom role ${role} are known only at apply time` };
    }
    return { known: true, permissions: custom.permissions.filter((p) => TRUST_PERMISSIONS[p] !== undefined) };
  }
  if (role.startsWith('roles/')) {
    return {
      known: false,
      reason: `${role} is not in this command's table of Google's predefined roles, so what it may do cannot be judged`,
    };
  }
  return {
    known: false,
    reason: `${role} is a custom role that the input does not define (google_project_iam_custom_role, google_organization_iam_custom_role), so its permissions cannot be seen`,
  };
}

/** The trust-chain permissions among `permissions` that act on what a grant on `grantedOn` reaches. */
export function permissionsReaching(grantedOn: ResourceKind, permissions: readonly string[]): string[] {
  return permissions.filter((p) => {
    const known = TRUST_PERMISSIONS[p];
    return known !== undefined && reaches(grantedOn, known.on);
  });
}

/** The trust classes of some permissions, in `TRUST_CLASSES` order. */
export function classesOf(permissions: readonly string[]): TrustClass[] {
  const found = new Set(permissions.map((p) => TRUST_PERMISSIONS[p]?.class).filter((c) => c !== undefined));
  return TRUST_CLASSES.filter((c) => found.has(c));
}

/**
 * Google's predefined roles (`iam-roles.ts`, about 200 KB of data), loaded when a role is first judged: a
 * command or an input without grants pays nothing for them.
 */
function iamRoles(): typeof import('./iam-roles') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./iam-roles');
}
