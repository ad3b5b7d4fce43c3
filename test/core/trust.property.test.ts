/**
 * The review of grants, as a property: random grants drawn over the permission table's roles × the resource
 * kinds that grant × the three forms (`_iam_member`, `_iam_binding`, `_iam_policy`), with or without a
 * condition. Adding one is weakening exactly when the role gives a trust-chain permission on what it is
 * granted on (or below); removing it is then strengthening; otherwise the review says nothing.
 */
import fc from 'fast-check';
import { PREDEFINED_ROLE_TRUST_PERMISSIONS, predefinedRolesWithoutTrustPermissions } from '../../src/core/iam-roles';
import { GRANTING_IAM_TYPES, GrantScope } from '../../src/core/model';
import { reviewChange } from '../../src/core/review';
import { terraformJsonModel } from '../../src/core/terraform-json';
import { trustViewOf } from '../../src/core/trust';
import { reaches, TRUST_PERMISSIONS } from '../../src/core/trust-permissions';
import { DENY_RULE } from '../support';

/** What each kind of resource is named by, in its IAM resources; allowlisted where pushing could matter. */
const TARGETS: Record<GrantScope, Record<string, string>> = {
  attestor: { project: 'sec', attestor: 'a' },
  note: { project: 'sec', note: 'n' },
  key: { crypto_key_id: 'projects/sec/locations/global/keyRings/r/cryptoKeys/k' },
  'key-ring': { key_ring_id: 'projects/sec/locations/global/keyRings/r' },
  project: { project: 'app' },
  folder: { folder: 'folders/9' },
  organization: { org_id: '456' },
  'service-account': { service_account_id: 'projects/sec/serviceAccounts/signer@sec.iam.gserviceaccount.com' },
  repository: { project: 'app', location: 'us', repository: 'images' },
  bucket: { bucket: 'artifacts.app.appspot.com' },
};

/** A policy whose allowlist covers the repository and Container Registry's bucket above: pushing there matters. */
const POLICY = {
  p: {
    project: 'app',
    default_admission_rule: DENY_RULE,
    admission_whitelist_patterns: [
      { name_pattern: 'us-docker.pkg.dev/app/images/**' },
      { name_pattern: 'gcr.io/app/**' },
    ],
  },
};

const granting = Object.keys(PREDEFINED_ROLE_TRUST_PERMISSIONS);
const harmless = [...predefinedRolesWithoutTrustPermissions()];
const role = fc.oneof(fc.constantFrom(...granting), fc.constantFrom(...harmless));
const type = fc.constantFrom(...Object.keys(GRANTING_IAM_TYPES));
const condition = fc.option(
  fc.constant({ title: 't', expression: 'request.time < timestamp("2030-01-01T00:00:00Z")' }),
  {
    nil: undefined,
  },
);

/** The IAM resource of `type` granting `role` to one member, in its form. */
function iamResource(t: string, r: string, c: Record<string, string> | undefined): Record<string, unknown> {
  const { scope, form } = GRANTING_IAM_TYPES[t];
  const target = TARGETS[scope];
  const member = 'user:eve@example.com';
  switch (form) {
    case 'member':
      return { ...target, role: r, member, ...(c ? { condition: c } : {}) };
    case 'binding':
      return { ...target, role: r, members: [member], ...(c ? { condition: c } : {}) };
    default:
      return {
        ...target,
        policy_data: JSON.stringify({ bindings: [{ role: r, members: [member], ...(c ? { condition: c } : {}) }] }),
      };
  }
}

function kindsOf(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const view = (resources: Record<string, unknown>) =>
    trustViewOf(terraformJsonModel({ resource: { google_binary_authorization_policy: POLICY, ...resources } }));
  return reviewChange([{ view: view(before) }], [{ view: view(after) }]).changes.map((c) => c.kind);
}

describe('grants over the permission table: properties', () => {
  test('adding a grant weakens exactly when it gives a trust-chain permission on what it reaches; removing it strengthens', () => {
    fc.assert(
      fc.property(type, role, condition, (t, r, c) => {
        const { scope } = GRANTING_IAM_TYPES[t];
        const gives = (PREDEFINED_ROLE_TRUST_PERMISSIONS[r] ?? []).some((p) => reaches(scope, TRUST_PERMISSIONS[p].on));
        const resources = { [t]: { g: iamResource(t, r, c) } };
        const added = kindsOf({}, resources);
        const removed = kindsOf(resources, {});
        if (gives) {
          expect(added).toContain('weakening');
          expect(added.filter((k) => k !== 'neutral')).toEqual(['weakening']);
          expect(removed.filter((k) => k !== 'neutral')).toEqual(['strengthening']);
        } else {
          expect(added.filter((k) => k !== 'neutral')).toEqual([]);
          expect(removed.filter((k) => k !== 'neutral')).toEqual([]);
        }
      }),
      { numRuns: 400 },
    );
  });

  test('every role of the table is in exactly one of its two lists, and every permission it names is a trust-chain one', () => {
    for (const r of granting) {
      expect(predefinedRolesWithoutTrustPermissions().has(r)).toBe(false);
      for (const p of PREDEFINED_ROLE_TRUST_PERMISSIONS[r]) {
        expect(TRUST_PERMISSIONS[p]).toBeDefined();
      }
    }
    expect(harmless.length).toBeGreaterThan(2000);
  });
});
