/**
 * The review of the whole chain of trust (issue 20, items 1, 2, 5 and 6): keys by their material, every grant
 * judged by the one permission table (core/trust-permissions.ts), enforcement attributes one by one, and no
 * false alarm where nothing more can be admitted. Each describe is one class of change.
 */
import { generateKeyPairSync } from 'crypto';
import { Testing } from 'cdktf';
import { AdmissionRule, Attestor, AttestorKey, BinaryAuthorizationPolicy, IamMember } from '../../src';
import { InputModel, KNOWN_AFTER_APPLY, ModelError } from '../../src/core/model';
import { reviewChange } from '../../src/core/review';
import { terraformJsonModel } from '../../src/core/terraform-json';
import { trustViewOf } from '../../src/core/trust';
import { rolePermissions } from '../../src/core/trust-permissions';
import { DENY_RULE, newStack, Resources, withAppPolicy as doc } from '../support';

const KEY = 'projects/sec/locations/global/keyRings/r/cryptoKeys/k';
const IMAGE = `gcr.io/app/a@sha256:${'a'.repeat(64)}`;

const model = (resources: Resources): InputModel => terraformJsonModel({ resource: resources });

/** The review as `kind subject: what: reason` lines. */
function review(before: Resources | Resources[], after: Resources | Resources[]): string[] {
  const side = (r: Resources | Resources[]) =>
    (Array.isArray(r) ? r : [r]).map((d) => ({ view: trustViewOf(model(d)) }));
  return reviewChange(side(before), side(after)).changes.map((c) => `${c.kind} ${c.subject}: ${c.what}: ${c.reason}`);
}

/** Only the kinds of the review's rows. */
const kinds = (lines: string[]) => lines.map((l) => l.split(' ')[0]);

const pem = () =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

/** An attestor `a` of project `sec` with the given public keys. */
function attestor(keys: Array<Record<string, unknown>>): Resources {
  return {
    google_binary_authorization_attestor: {
      a: { project: 'sec', name: 'a', attestation_authority_note: { note_reference: 'n', public_keys: keys } },
    },
  };
}

const pkix = (id: string | undefined, publicKeyPem: string, algorithm = 'ECDSA_P256_SHA256') => ({
  ...(id === undefined ? {} : { id }),
  pkix_public_key: { public_key_pem: publicKeyPem, signature_algorithm: algorithm },
});

describe('key identity: a key is its material and algorithm, not its id', () => {
  const [one, two] = [pem(), pem()];

  test('a PKIX key swapped under the same id weakens (a new trusted key), as one change', () => {
    const lines = review(doc(attestor([pkix('ci', one)])), doc(attestor([pkix('ci', two)])));
    expect(lines).toEqual([
      expect.stringMatching(
        /^weakening attestor projects\/sec\/attestors\/a: key ci: its material or signature algorithm changes under the same id: .*new trusted key/,
      ),
    ]);
  });

  test('the same PEM under the same id with another signature algorithm weakens', () => {
    expect(
      kinds(review(doc(attestor([pkix('ci', one)])), doc(attestor([pkix('ci', one, 'ECDSA_P384_SHA384')])))),
    ).toEqual(['weakening']);
  });

  test('a Cloud KMS key spelling of the same algorithm (EC_SIGN_P256_SHA256) is the same key: no change', () => {
    expect(review(doc(attestor([pkix('ci', one)])), doc(attestor([pkix('ci', one, 'EC_SIGN_P256_SHA256')])))).toEqual(
      [],
    );
  });

  test('an armored PGP key swapped under the same fingerprint weakens; armor headers and line breaks are not the key', () => {
    const armored = (body: string, header = '') =>
      `-----BEGIN PGP PUBLIC KEY BLOCK-----\n${header}\n${body.match(/.{1,20}/g)!.join('\n')}\n=ABCD\n-----END PGP PUBLIC KEY BLOCK-----\n`;
    const [a, b] = ['mQENBF'.padEnd(80, 'A'), 'mQENBF'.padEnd(80, 'B')];
    const key = (text: string) => ({
      id: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01',
      ascii_armored_pgp_public_key: text,
    });
    expect(kinds(review(doc(attestor([key(armored(a))])), doc(attestor([key(armored(b))]))))).toEqual(['weakening']);
    expect(review(doc(attestor([key(armored(a))])), doc(attestor([key(armored(a, 'Version: GnuPG v2'))])))).toEqual([]);
  });

  test('another Cloud KMS key version named under the same key weakens', () => {
    const version = (v: number) => ({ id: `//cloudkms.googleapis.com/v1/${KEY}/cryptoKeyVersions/${v}` });
    expect(review(doc(attestor([version(1)])), doc(attestor([version(2)])))).toEqual([
      expect.stringMatching(/^weakening attestor .*: key .*cryptoKeyVersions\/2: added/),
      expect.stringMatching(/^strengthening attestor .*: key .*cryptoKeyVersions\/1: removed/),
    ]);
  });

  test('the same material under another id is not weakening: neutral, it is the same key', () => {
    expect(review(doc(attestor([pkix('old', one)])), doc(attestor([pkix('new', one)])))).toEqual([
      expect.stringMatching(/^neutral attestor .*: key new: the same key under another id \(was: old\)/),
    ]);
  });

  test('in a plan, a key whose material is known only after apply weakens: cannot judge until apply', () => {
    const plan = (material: string): InputModel => ({
      format: 'plan',
      resources: model(attestor([pkix('ci', material)])).resources,
      deleted: [],
      hiddenModules: [],
    });
    const lines = reviewChange(
      [{ view: trustViewOf(plan(one)) }],
      [{ view: trustViewOf(plan(KNOWN_AFTER_APPLY)) }],
    ).changes;
    expect(lines.map((c) => `${c.kind} ${c.reason}`)).toEqual([
      expect.stringMatching(/^weakening a key whose material is known only at apply time: cannot judge until apply/),
    ]);
  });

  test('a key with an id that is not a Cloud KMS version and no material is an input error, never judged by its id', () => {
    expect(() => trustViewOf(model(doc(attestor([{ id: 'ci' }]))))).toThrow(ModelError);
    expect(() => trustViewOf(model(doc(attestor([{ id: 'ci' }]))))).toThrow(/its id "ci" is a label/);
  });
});

/** One `_iam_member` of `type` on `target`, granting `role` to `member`. */
function grant(
  type: string,
  target: Record<string, unknown>,
  role: string,
  member = 'user:eve@example.com',
): Resources {
  return { [type]: { g: { ...target, role, member } } };
}

const ALLOWLISTED = { admission_whitelist_patterns: [{ name_pattern: 'us-docker.pkg.dev/app/images/**' }] };
const REPOSITORY = { project: 'app', location: 'us', repository: 'images' };
const SIGNER = { service_account_id: 'projects/sec/serviceAccounts/signer@sec.iam.gserviceaccount.com' };

describe('grants the old role list missed: each weakens (issue 20, item 2)', () => {
  test.each([
    [
      'roles/binaryauthorization.attestorsEditor',
      'google_binary_authorization_attestor_iam_member',
      { project: 'sec', attestor: 'a' },
      /may now rewrite this attestor/,
    ],
    [
      'roles/binaryauthorization.attestorsAdmin',
      'google_binary_authorization_attestor_iam_member',
      { project: 'sec', attestor: 'projects/sec/attestors/a' },
      /rewrite this attestor.*; grant anyone \(itself included\) any role on this attestor/,
    ],
    [
      'roles/owner',
      'google_project_iam_member',
      { project: 'sec' },
      /rewrite every attestor in the project.*rewrite the project's policy/,
    ],
    [
      'roles/binaryauthorization.policyEditor',
      'google_project_iam_member',
      { project: 'app' },
      /may now rewrite the project's policy: what it admits/,
    ],
    [
      'roles/binaryauthorization.policyAdmin',
      'google_project_iam_member',
      { project: 'app' },
      /rewrite the project's policy.*grant anyone/,
    ],
    [
      'roles/artifactregistry.writer',
      'google_artifact_registry_repository_iam_member',
      REPOSITORY,
      /may now push images into this repository, which an allowlist pattern admits$/,
    ],
    [
      'roles/iam.serviceAccountTokenCreator',
      'google_service_account_iam_member',
      SIGNER,
      /may now act as this service account/,
    ],
  ])('%s on %s', (role, type, target, reason) => {
    const lines = review(doc({}, ALLOWLISTED), doc(grant(type, target, role), ALLOWLISTED));
    expect(lines).toEqual([expect.stringMatching(/^weakening /)]);
    expect(lines[0]).toMatch(reason);
    // And removing it strengthens.
    expect(kinds(review(doc(grant(type, target, role), ALLOWLISTED), doc({}, ALLOWLISTED)))).toEqual(['strengthening']);
  });
});

describe("the guardrail's own permissions: who may set or remove the organization policy that makes Cloud Run use Binary Authorization", () => {
  test.each([
    [
      'roles/orgpolicy.policyAdmin',
      'google_project_iam_member',
      { project: 'app' },
      /may now set or remove the organization policies of the project, run\.allowedBinaryAuthorizationPolicies among them/,
    ],
    [
      'roles/orgpolicy.policyAdmin',
      'google_organization_iam_member',
      { org_id: '456' },
      /set or remove the organization policies of the organization and every project under it, .*\(a grant on an organization applies/,
    ],
    [
      'roles/assuredworkloads.admin',
      'google_folder_iam_member',
      { folder: 'folders/9' },
      /set or remove the organization policies of the folder and every project under it/,
    ],
    ['roles/assuredworkloads.editor', 'google_project_iam_member', { project: 'app' }, /organization policies/],
  ])('%s on %s weakens; removing it strengthens', (role, type, target, reason) => {
    const lines = review(doc({}), doc(grant(type, target, role)));
    expect(lines).toEqual([expect.stringMatching(/^weakening /)]);
    expect(lines[0]).toMatch(reason);
    expect(kinds(review(doc(grant(type, target, role)), doc({})))).toEqual(['strengthening']);
  });

  test('the viewer, on the organization, changes nothing', () => {
    expect(
      review(doc({}), doc(grant('google_organization_iam_member', { org_id: '456' }, 'roles/orgpolicy.policyViewer'))),
    ).toEqual([]);
  });

  test.each([
    'orgpolicy.policy.set',
    'orgpolicy.policies.create',
    'orgpolicy.policies.update',
    'orgpolicy.policies.delete',
  ])('a custom role holding %s, granted on the project, weakens', (permission) => {
    const role = {
      google_project_iam_custom_role: {
        guard: { project: 'app', role_id: 'guard', title: 'Guard', permissions: [permission] },
      },
    };
    const onProject = grant(
      'google_project_iam_member',
      { project: 'app' },
      '${google_project_iam_custom_role.guard.id}',
    );
    expect(review(doc(role), doc({ ...role, ...onProject }))).toEqual([
      expect.stringMatching(/^weakening .*may now set or remove the organization policies of the project/),
    ]);
  });

  test('on an attestor, a note or a key the permissions reach nothing: no change', () => {
    expect(rolePermissions('roles/orgpolicy.policyAdmin', new Map())).toEqual({
      known: true,
      permissions: [
        'orgpolicy.policies.create',
        'orgpolicy.policies.delete',
        'orgpolicy.policies.update',
        'orgpolicy.policy.set',
      ],
    });
    expect(
      review(
        doc({}),
        doc(grant('google_kms_crypto_key_iam_member', { crypto_key_id: KEY }, 'roles/orgpolicy.policyAdmin')),
      ),
    ).toEqual([]);
  });
});

describe('pushing: only into what an allowlist pattern admits', () => {
  const writer = (target: Record<string, unknown>, type = 'google_artifact_registry_repository_iam_member') =>
    grant(type, target, 'roles/artifactregistry.writer');

  test('a writer on a repository no pattern covers is no change', () => {
    expect(review(doc({}, ALLOWLISTED), doc(writer({ ...REPOSITORY, repository: 'scratch' }), ALLOWLISTED))).toEqual(
      [],
    );
  });

  test("a writer on a repository by full name, covered by a pattern of another project's policy, weakens", () => {
    const other = {
      google_binary_authorization_policy: {
        q: {
          project: 'web',
          default_admission_rule: DENY_RULE,
          admission_whitelist_patterns: [{ name_pattern: 'europe-docker.pkg.dev/shared/base/app@*' }],
        },
      },
    };
    const target = { repository: 'projects/shared/locations/europe/repositories/base' };
    expect(kinds(review(doc(other), doc({ ...other, ...writer(target) })))).toEqual(['weakening']);
  });

  test('a writer on the project that holds an allowlisted repository weakens', () => {
    expect(
      review(doc({}, ALLOWLISTED), doc(writer({ project: 'app' }, 'google_project_iam_member'), ALLOWLISTED)),
    ).toEqual([
      expect.stringMatching(/^weakening project app: .* may now push images into every repository in the project/),
    ]);
  });

  test('without any policy in the input, whether a pattern covers the repository cannot be told: weakening, saying so', () => {
    const bare = (r: Resources) => ({ ...r });
    expect(review(bare({}), bare(writer(REPOSITORY)))).toEqual([
      expect.stringMatching(/^weakening .*push images into this repository.*cannot be told .*so it counts$/),
    ]);
  });

  test('object create on the bucket behind Container Registry weakens when gcr.io/PROJECT is allowlisted; on another bucket, no change', () => {
    const gcr = { admission_whitelist_patterns: [{ name_pattern: 'gcr.io/app/**' }] };
    const objects = (bucket: string) =>
      grant('google_storage_bucket_iam_member', { bucket }, 'roles/storage.objectAdmin');
    expect(kinds(review(doc({}, gcr), doc(objects('artifacts.app.appspot.com'), gcr)))).toEqual(['weakening']);
    expect(kinds(review(doc({}, gcr), doc(objects('eu.artifacts.app.appspot.com'), gcr)))).toEqual([]);
    expect(review(doc({}, gcr), doc(objects('app-logs'), gcr))).toEqual([]);
  });

  test('a bucket given by reference is judged by the name of the google_storage_bucket it references', () => {
    const gcr = { admission_whitelist_patterns: [{ name_pattern: 'gcr.io/app/**' }] };
    const bucket = (name: string) => ({ google_storage_bucket: { b: { name, location: 'US' } } });
    const objects = grant(
      'google_storage_bucket_iam_member',
      { bucket: '${google_storage_bucket.b.name}' },
      'roles/storage.objectAdmin',
    );
    expect(review(doc(bucket('ci-artifacts'), gcr), doc({ ...bucket('ci-artifacts'), ...objects }, gcr))).toEqual([]);
    const behindGcr = bucket('artifacts.app.appspot.com');
    expect(kinds(review(doc(behindGcr, gcr), doc({ ...behindGcr, ...objects }, gcr)))).toEqual(['weakening']);
    // A name known only at apply time cannot be judged: the grant still counts.
    const unknown = bucket('${var.bucket}');
    expect(review(doc(unknown, gcr), doc({ ...unknown, ...objects }, gcr))).toEqual([
      expect.stringMatching(
        /^weakening bucket .*whether an allowlist pattern admits what is pushed there cannot be told/,
      ),
    ]);
  });

  test('a pattern added over a repository with writers: the pattern weakens, and so does the writer who may now push what it admits', () => {
    const scratch = writer({ ...REPOSITORY, repository: 'images' });
    const lines = review(doc(scratch), doc(scratch, ALLOWLISTED));
    expect(lines).toEqual([
      expect.stringMatching(/^weakening policy of project app: allowlist pattern/),
      expect.stringMatching(
        /^weakening repository projects\/app\/locations\/us\/repositories\/images: .* may now push images into this repository, which an allowlist pattern admits/,
      ),
    ]);
  });
});

describe('roles the table cannot judge: weakening, "cannot judge"', () => {
  test('a predefined role the table does not know, on an attestor', () => {
    expect(
      review(
        doc(),
        doc(
          grant(
            'google_binary_authorization_attestor_iam_member',
            { project: 'sec', attestor: 'a' },
            'roles/binaryauthorization.futureRole',
          ),
        ),
      ),
    ).toEqual([
      expect.stringMatching(
        /^weakening attestor projects\/sec\/attestors\/a: .*cannot judge: roles\/binaryauthorization.futureRole is not in this command's table/,
      ),
    ]);
  });

  test('a custom role the input does not define, on a service account', () => {
    expect(
      review(doc(), doc(grant('google_service_account_iam_member', SIGNER, 'projects/sec/roles/impersonate'))),
    ).toEqual([
      expect.stringMatching(
        /^weakening service account signer@sec.iam.gserviceaccount.com: .*cannot judge: .*custom role that the input does not define/,
      ),
    ]);
  });

  test('a role known only at apply time cannot be judged until apply', () => {
    expect(
      review(doc(), doc(grant('google_kms_crypto_key_iam_member', { crypto_key_id: KEY }, '${var.role}'))),
    ).toEqual([
      expect.stringMatching(
        /^weakening key .*cannot judge: the role is known only at apply time.*cannot be judged until apply$/,
      ),
    ]);
  });

  test('an unknown role on a repository no pattern covers cannot change what is admitted: no change', () => {
    expect(
      review(
        doc({}, ALLOWLISTED),
        doc(
          grant(
            'google_artifact_registry_repository_iam_member',
            { ...REPOSITORY, repository: 'scratch' },
            'roles/made.up',
          ),
          ALLOWLISTED,
        ),
      ),
    ).toEqual([]);
  });
});

describe('custom roles are read from the input', () => {
  const role = (permissions: string[]) => ({
    google_project_iam_custom_role: { signer: { project: 'sec', role_id: 'signer', title: 'Signer', permissions } },
  });
  const onKey = grant(
    'google_kms_crypto_key_iam_member',
    { crypto_key_id: KEY },
    '${google_project_iam_custom_role.signer.id}',
  );

  test('a custom role holding useToSign, granted on a key by reference, weakens; one holding only get does not', () => {
    expect(
      review(
        doc(role(['cloudkms.cryptoKeyVersions.useToSign'])),
        doc({ ...role(['cloudkms.cryptoKeyVersions.useToSign']), ...onKey }),
      ),
    ).toEqual([
      expect.stringMatching(
        /^weakening key .*: projects\/sec\/roles\/signer for user:eve@example.com: .* may now sign with this key/,
      ),
    ]);
    expect(
      review(doc(role(['cloudkms.cryptoKeys.get'])), doc({ ...role(['cloudkms.cryptoKeys.get']), ...onKey })),
    ).toEqual([]);
  });

  test('defined in another stack of the same side, it still judges the grant (and the role that gains them weakens too)', () => {
    expect(
      kinds(
        review(
          [doc(), role([])],
          [doc(onKey), role(['containeranalysis.notes.attachOccurrence', 'cloudkms.cryptoKeyVersions.useToSign'])],
        ),
      ),
    ).toEqual(['weakening', 'weakening']);
  });

  test('a custom role that gains useToSign weakens, and so does every grant of it', () => {
    const lines = review(
      doc({ ...role(['cloudkms.cryptoKeys.get']), ...onKey }),
      doc({ ...role(['cloudkms.cryptoKeys.get', 'cloudkms.cryptoKeyVersions.useToSign']), ...onKey }),
    );
    expect(lines).toEqual([
      expect.stringMatching(/^weakening key .* may now sign with this key/),
      expect.stringMatching(
        /^weakening custom role projects\/sec\/roles\/signer: permissions cloudkms.cryptoKeyVersions.useToSign: added/,
      ),
    ]);
  });

  test('a grant that already attached and now also signs (its custom role grew): "may now also", naming the permission', () => {
    const both = ['containeranalysis.notes.attachOccurrence', 'cloudkms.cryptoKeyVersions.useToSign'];
    const onProject = grant(
      'google_project_iam_member',
      { project: 'sec' },
      '${google_project_iam_custom_role.signer.id}',
    );
    const lines = review(
      doc({ ...role(['containeranalysis.notes.attachOccurrence']), ...onProject }),
      doc({ ...role(both), ...onProject }),
    );
    expect(lines[0]).toMatch(
      /^weakening project sec: projects\/sec\/roles\/signer for user:eve@example.com: user:eve@example.com may now also sign with every key in the project.*\(cloudkms.cryptoKeyVersions.useToSign: the role's permissions, or what the allowlist admits, changed\)$/,
    );
    expect(kinds(lines)).toEqual(['weakening', 'weakening']);
  });

  test('permissions that are not a list are an input error naming the role', () => {
    expect(() =>
      trustViewOf(
        model(
          doc({
            google_project_iam_custom_role: {
              r: { project: 'sec', role_id: 'r', permissions: 'cloudkms.cryptoKeyVersions.useToSign' },
            },
          }),
        ),
      ),
    ).toThrow(/google_project_iam_custom_role.r: permissions must be a list/);
  });
});

describe('conditions, authoritative policies and the data source that writes them', () => {
  test('a condition never makes a grant neutral: weakening, with the condition shown', () => {
    const conditional = {
      google_kms_crypto_key_iam_member: {
        g: {
          crypto_key_id: KEY,
          role: 'roles/cloudkms.signer',
          member: 'user:eve@example.com',
          condition: { title: 't', expression: 'request.time < timestamp("2030-01-01T00:00:00Z")' },
        },
      },
    };
    expect(review(doc(), doc(conditional))).toEqual([
      expect.stringMatching(
        /^weakening key .*: roles\/cloudkms.signer for user:eve@example.com \(condition request.time < timestamp\(.*\): a condition limits when the grant holds, never what it gives\)/,
      ),
    ]);
  });

  test('data.google_iam_policy feeding an _iam_policy is read: its attacher binding weakens', () => {
    const withData = {
      google_container_analysis_note_iam_policy: {
        p: { project: 'sec', note: 'n', policy_data: '${data.google_iam_policy.notes.policy_data}' },
      },
    };
    const tf = (bindings: unknown[]) =>
      terraformJsonModel({
        resource: { ...doc(), ...withData },
        data: { google_iam_policy: { notes: { binding: bindings } } },
      });
    const lines = reviewChange(
      [
        {
          view: trustViewOf(
            tf([{ role: 'roles/containeranalysis.notes.occurrences.viewer', members: ['user:v@example.com'] }]),
          ),
        },
      ],
      [
        {
          view: trustViewOf(
            tf([{ role: 'roles/containeranalysis.notes.attacher', members: ['user:eve@example.com'] }]),
          ),
        },
      ],
    ).changes.map((c) => `${c.kind} ${c.subject}: ${c.what}`);
    expect(lines).toEqual([
      'weakening note projects/sec/notes/n: roles/containeranalysis.notes.attacher for user:eve@example.com',
      'neutral note projects/sec/notes/n: google_container_analysis_note_iam_policy.p',
    ]);
  });
});

describe('odd shapes of what grants are an input error, never "no change"', () => {
  test.each([
    ['a binding of data.google_iam_policy that is a string', 'roles/x'],
    ['members of a binding that are a number', [{ role: 'roles/cloudkms.signer', members: 7 }]],
    ['a binding without its role', [{ members: ['user:a@example.com'] }]],
  ])('%s', (_, binding) => {
    const tf = terraformJsonModel({
      resource: {
        ...doc(),
        google_kms_crypto_key_iam_policy: {
          p: { crypto_key_id: KEY, policy_data: '${data.google_iam_policy.d.policy_data}' },
        },
      },
      data: { google_iam_policy: { d: { binding } } },
    });
    expect(() => trustViewOf(tf)).toThrow(ModelError);
  });

  test('a PKIX key block whose PEM is a number is an input error', () => {
    expect(() =>
      trustViewOf(
        model(
          doc(
            attestor([{ id: 'x', pkix_public_key: { public_key_pem: 42, signature_algorithm: 'ECDSA_P256_SHA256' } }]),
          ),
        ),
      ),
    ).toThrow(/pkix_public_key must hold public_key_pem and signature_algorithm as strings/);
  });
});

describe("the library's own grant helpers are judged with the same table", () => {
  const synth = (sign: boolean) => {
    const stack = newStack({ project: 'app-project' });
    const a = new Attestor(stack, 'Attestor', {
      project: 'sec-project',
      attestorId: 'built-by-ci',
      keys: [AttestorKey.newKmsKey({ keyRingId: 'binauthz', cryptoKeyId: 'built-by-ci' })],
    });
    a.grantVerify(IamMember.serviceAccount('deployer@app-project.iam.gserviceaccount.com'));
    a.grantView(IamMember.group('auditors@example.com'));
    if (sign) {
      a.grantSign(IamMember.serviceAccount('ci@ci.iam.gserviceaccount.com'));
    }
    new BinaryAuthorizationPolicy(stack, 'Policy', {
      project: 'app-project',
      defaultAdmissionRule: AdmissionRule.requireAttestations([a]),
    });
    return trustViewOf(terraformJsonModel(JSON.parse(Testing.synth(stack))));
  };

  test('grantVerify and grantView give nothing over the chain of trust; grantSign weakens, on the note and the key', () => {
    const [before, after] = [synth(false), synth(true)];
    expect(reviewChange([{ view: before }], [{ view: before }]).changes).toEqual([]);
    const lines = reviewChange([{ view: before }], [{ view: after }]).changes.map(
      (c) => `${c.kind} ${c.subject}: ${c.what}`,
    );
    expect(lines).toEqual([
      'weakening note projects/sec-project/notes/built-by-ci-note: roles/containeranalysis.notes.attacher for serviceAccount:ci@ci.iam.gserviceaccount.com',
      'weakening key projects/sec-project/locations/global/keyRings/binauthz/cryptoKeys/built-by-ci: roles/cloudkms.signerVerifier for serviceAccount:ci@ci.iam.gserviceaccount.com',
    ]);
  });

  test('every role the helpers write is in the table (none is "cannot judge")', () => {
    const roles = [
      'roles/binaryauthorization.attestorsVerifier',
      'roles/binaryauthorization.attestorsViewer',
      'roles/containeranalysis.notes.attacher',
      'roles/containeranalysis.notes.occurrences.viewer',
      'roles/cloudkms.signerVerifier',
    ];
    for (const role of roles) {
      expect(rolePermissions(role, new Map()).known).toBe(true);
    }
  });
});

describe('no change hides behind another: enforcement attributes one by one (item 5)', () => {
  const service = (binaryAuthorization: Record<string, unknown>) => ({
    google_cloud_run_v2_service: {
      s: { project: 'app', template: { containers: [{ image: IMAGE }] }, binary_authorization: binaryAuthorization },
    },
  });
  const named = 'projects/app-project/platforms/cloudRun/policies/my-policy';

  test('break-glass kept while switching from the project policy to a named platform policy weakens', () => {
    expect(
      review(
        doc(service({ use_default: true, breakglass_justification: 'INC-1' })),
        doc(service({ policy: named, breakglass_justification: 'INC-1' })),
      ),
    ).toEqual([
      expect.stringMatching(
        /^weakening workload google_cloud_run_v2_service.s: Binary Authorization: switches from the project's policy to the named platform policy/,
      ),
    ]);
  });

  test('a named policy kept while break-glass is added weakens', () => {
    expect(
      review(doc(service({ policy: named })), doc(service({ policy: named, breakglass_justification: 'INC-2' }))),
    ).toEqual([expect.stringMatching(/^weakening .*gains a break-glass justification/)]);
  });

  test('break-glass removed while a named policy is added: one strengthens, the other weakens', () => {
    expect(
      kinds(
        review(doc(service({ use_default: true, breakglass_justification: 'INC-1' })), doc(service({ policy: named }))),
      ),
    ).toEqual(['weakening', 'strengthening']);
  });

  test('only the justification text changes: neutral', () => {
    expect(
      kinds(
        review(
          doc(service({ use_default: true, breakglass_justification: 'INC-1' })),
          doc(service({ use_default: true, breakglass_justification: 'INC-1 (extended)' })),
        ),
      ),
    ).toEqual(['neutral']);
  });
});

describe('no false alarm where nothing more can be admitted (item 6)', () => {
  const allowAll = { evaluation_mode: 'ALWAYS_ALLOW', enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG' };

  test("Google's allow all → block almost all (ENABLE + ALWAYS_DENY) does not weaken", () => {
    const lines = review(
      doc({}, { default_admission_rule: allowAll }),
      doc({}, { default_admission_rule: DENY_RULE, global_policy_evaluation_mode: 'ENABLE' }),
    );
    expect(kinds(lines)).not.toContain('weakening');
    expect(lines).toContainEqual(
      expect.stringMatching(/^neutral .*global policy evaluation mode: .*already admitted every image/),
    );
  });

  test('ENABLE added to a policy that denied still weakens (GKE system images are now exempt)', () => {
    expect(kinds(review(doc(), doc({}, { global_policy_evaluation_mode: 'ENABLE' })))).toEqual(['weakening']);
  });

  test('ENABLE added where the default rule allowed all but a GKE cluster rule denied weakens: the policy is project-wide', () => {
    const cluster = { cluster_admission_rules: [{ cluster: 'us-central1.prod', ...DENY_RULE }] };
    expect(
      kinds(
        review(
          doc({}, { default_admission_rule: allowAll, ...cluster }),
          doc({}, { default_admission_rule: allowAll, ...cluster, global_policy_evaluation_mode: 'ENABLE' }),
        ),
      ),
    ).toEqual(['weakening']);
  });
});

describe('pkix material helpers', () => {
  test('the table knows the roles the issue names, as Google defines them', () => {
    const perms = (role: string) => {
      const r = rolePermissions(role, new Map());
      return r.known ? r.permissions : undefined;
    };
    expect(perms('roles/binaryauthorization.attestorsEditor')).toContain('binaryauthorization.attestors.update');
    expect(perms('roles/iam.serviceAccountTokenCreator')).toContain('iam.serviceAccounts.signBlob');
    expect(perms('roles/artifactregistry.writer')).toEqual(['artifactregistry.repositories.uploadArtifacts']);
    expect(perms('roles/viewer')).toEqual([]);
    expect(perms('roles/not.a.role')).toBeUndefined();
  });
});
