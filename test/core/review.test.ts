/**
 * The review of a change (core/review.ts over core/trust.ts), on Terraform JSON and plans: every class of
 * change, in both directions.
 */
import { InputModel, KNOWN_AFTER_APPLY } from '../../src/core/model';
import { reviewChange } from '../../src/core/review';
import { terraformJsonModel } from '../../src/core/terraform-json';
import { planModel } from '../../src/core/terraform-plan';
import { trustViewOf } from '../../src/core/trust';
import { DENY_RULE, kmsAttestorJson, Resources, withAppPolicy as doc } from '../support';

const IMAGE = `gcr.io/app/a@sha256:${'a'.repeat(64)}`;
const KEY = 'projects/sec/locations/global/keyRings/r/cryptoKeys/k';

function model(resources: Resources): InputModel {
  return terraformJsonModel({ resource: resources });
}

/** The review as `kind subject: what: reason` lines. */
function review(before: Resources, after: Resources): string[] {
  return reviewChange([{ view: trustViewOf(model(before)) }], [{ view: trustViewOf(model(after)) }]).changes.map(
    (c) => `${c.kind} ${c.subject}: ${c.what}: ${c.reason}`,
  );
}

/** Both directions: `there` from `a` to `b`, `back` from `b` to `a`, each matched by start. */
function bothWays(a: Resources, b: Resources, there: string[], back: string[]): void {
  expect(review(a, b).map((l, i) => l.slice(0, there[i]?.length ?? 0))).toEqual(there);
  expect(review(b, a).map((l, i) => l.slice(0, back[i]?.length ?? 0))).toEqual(back);
}

const service = (binaryAuthorization: unknown, extra: Record<string, unknown> = {}) => ({
  project: 'app',
  template: { containers: [{ image: IMAGE }] },
  ...(binaryAuthorization === undefined ? {} : { binary_authorization: binaryAuthorization }),
  ...extra,
});

describe('identical inputs', () => {
  test('no change', () => {
    const d = doc({ google_cloud_run_v2_service: { s: service({ use_default: true }) } });
    expect(review(d, d)).toEqual([]);
  });
});

describe('policies', () => {
  test('a policy added next to another, one of them for a project that is an expression: weakening, it may be the same project', () => {
    const second = (project: string) => ({
      google_binary_authorization_policy: {
        p: { project: 'app', default_admission_rule: DENY_RULE },
        q: { project, default_admission_rule: DENY_RULE },
      },
    });
    const before = { google_binary_authorization_policy: { p: { project: 'app', default_admission_rule: DENY_RULE } } };
    expect(review(before, second('${local.project}'))).toEqual([
      expect.stringMatching(
        /^weakening policy of project \$\{local\.project\}: the policy google_binary_authorization_policy\.q: .*next to the policy of project app.*cannot be judged until apply$/,
      ),
    ]);
    // Two literal projects are two projects: a policy where Google's default admitted everything.
    expect(review(before, second('other'))).toEqual([
      expect.stringMatching(/^strengthening policy of project other: /),
    ]);
  });

  test('a pattern added weakens, with an example image; removed strengthens', () => {
    const a = doc({}, { admission_whitelist_patterns: [{ name_pattern: 'gcr.io/app/a/**' }] });
    const b = doc(
      {},
      { admission_whitelist_patterns: [{ name_pattern: 'gcr.io/app/a/**' }, { name_pattern: 'gcr.io/app/b*' }] },
    );
    bothWays(
      a,
      b,
      [
        'weakening policy of project app: allowlist pattern gcr.io/app/b*: added: it admits images the old allowlist denied, such as gcr.io/app/b-any-image@sha256:',
      ],
      ['strengthening policy of project app: allowlist pattern gcr.io/app/b*: removed'],
    );
  });

  test('a pattern an existing one covers is neutral, both ways', () => {
    const a = doc({}, { admission_whitelist_patterns: [{ name_pattern: 'gcr.io/app/**' }] });
    const b = doc(
      {},
      { admission_whitelist_patterns: [{ name_pattern: 'gcr.io/app/**' }, { name_pattern: 'gcr.io/app/x@*' }] },
    );
    bothWays(
      a,
      b,
      ['neutral policy of project app: allowlist pattern gcr.io/app/x@*'],
      ['neutral policy of project app: allowlist pattern gcr.io/app/x@*'],
    );
  });

  test('ALWAYS_DENY → ALWAYS_ALLOW and enforced → dry run weaken; back strengthens', () => {
    const b = doc(
      {},
      { default_admission_rule: { evaluation_mode: 'ALWAYS_ALLOW', enforcement_mode: 'DRYRUN_AUDIT_LOG_ONLY' } },
    );
    bothWays(
      doc(),
      b,
      [
        'weakening policy of project app: the default rule evaluation mode: ALWAYS_DENY → ALWAYS_ALLOW',
        'weakening policy of project app: the default rule enforcement mode',
      ],
      [
        'strengthening policy of project app: the default rule evaluation mode',
        'strengthening policy of project app: the default rule enforcement mode',
      ],
    );
  });

  test('an attestor removed from the rule weakens, added strengthens', () => {
    const rule = (attestors: string[]) => ({
      default_admission_rule: {
        ...DENY_RULE,
        evaluation_mode: 'REQUIRE_ATTESTATION',
        require_attestations_by: attestors,
      },
    });
    bothWays(
      doc({}, rule(['projects/sec/attestors/a', 'projects/sec/attestors/b'])),
      doc({}, rule(['projects/sec/attestors/a'])),
      ['weakening policy of project app: the default rule attestor projects/sec/attestors/b'],
      ['strengthening policy of project app: the default rule attestor projects/sec/attestors/b'],
    );
  });

  test('a cluster rule that allows all weakens, removed strengthens', () => {
    const cluster = {
      cluster_admission_rules: [
        { cluster: 'us-central1-a.c', evaluation_mode: 'ALWAYS_ALLOW', enforcement_mode: DENY_RULE.enforcement_mode },
      ],
    };
    bothWays(
      doc(),
      doc({}, cluster),
      ['weakening policy of project app: the rule for GKE cluster us-central1-a.c evaluation mode'],
      ['strengthening policy of project app: the rule for GKE cluster us-central1-a.c evaluation mode'],
    );
  });

  test('prevent_destroy removed weakens, added strengthens (Terraform JSON records it)', () => {
    bothWays(
      doc(),
      doc({}, { lifecycle: {} }),
      ['weakening policy of project app: lifecycle.prevent_destroy'],
      ['strengthening policy of project app: lifecycle.prevent_destroy'],
    );
  });

  test('the policy removed weakens (allow-all), added strengthens', () => {
    bothWays(
      doc(),
      {},
      [
        "weakening policy of project app: the policy: the policy is removed: the project falls back to Google's default policy",
      ],
      ['strengthening policy of project app: the policy'],
    );
  });

  test('a value known only at apply time is weakening, never neutral', () => {
    expect(review(doc(), doc({}, { admission_whitelist_patterns: [{ name_pattern: '${var.p}' }] }))).toEqual([
      'weakening policy of project app: allowlist pattern ${var.p}: ${var.p}: a value known only at apply time cannot be judged until apply, so it counts as weakening',
    ]);
  });

  test('two policies for one project that change cannot be judged', () => {
    const two = {
      ...doc(),
      google_binary_authorization_policy: {
        p: { project: 'app', default_admission_rule: DENY_RULE },
        q: { project: 'app', default_admission_rule: DENY_RULE },
      },
    };
    expect(review(doc(), two)[0]).toMatch(/^weakening policy of project app: the policy: 2 policies for the project/);
  });
});

describe('workloads', () => {
  const withService = (s: Record<string, unknown>) => doc({ google_cloud_run_v2_service: { s } });

  test('stops enforcing: weakening; starts: strengthening', () => {
    bothWays(
      withService(service({ use_default: true })),
      withService(service({ use_default: false })),
      [
        'weakening workload google_cloud_run_v2_service.s: Binary Authorization: stops enforcing Binary Authorization: binary_authorization turns Binary Authorization off',
      ],
      ["strengthening workload google_cloud_run_v2_service.s: Binary Authorization: it enforces the project's policy"],
    );
  });

  test('gains break-glass: weakening; loses it: strengthening', () => {
    bothWays(
      withService(service({ use_default: true })),
      withService(service({ use_default: true, breakglass_justification: 'INC-1' })),
      [
        'weakening workload google_cloud_run_v2_service.s: Binary Authorization: gains a break-glass justification (INC-1)',
      ],
      ['strengthening workload google_cloud_run_v2_service.s: Binary Authorization'],
    );
  });

  test('switches to a named policy: weakening; back to the project policy: strengthening; to another named one: weakening', () => {
    const named = (n: string) =>
      withService(service({ policy: `projects/app-project/platforms/cloudRun/policies/${n}` }));
    bothWays(
      withService(service({ use_default: true })),
      named('a'),
      [
        "weakening workload google_cloud_run_v2_service.s: Binary Authorization: switches from the project's policy to the named platform policy",
      ],
      ["strengthening workload google_cloud_run_v2_service.s: Binary Authorization: it enforces the project's policy"],
    );
    expect(review(named('a'), named('b'))[0]).toMatch(/^weakening .*switches from the named policy .*\/a to .*\/b/);
  });

  test('added without enforcing: weakening; added enforcing: neutral; removed without enforcing: strengthening', () => {
    expect(review(doc(), withService(service(undefined)))).toEqual([
      "weakening workload google_cloud_run_v2_service.s: the workload: added without enforcing the project's policy: binary_authorization is not set: deployed without any check",
    ]);
    expect(review(doc(), withService(service({ use_default: true })))).toEqual([
      'neutral workload google_cloud_run_v2_service.s: the workload: added, enforcing the policy of project app',
    ]);
    expect(review(withService(service(undefined)), doc())[0]).toMatch(
      /^strengthening workload .*: removed: it did not enforce/,
    );
  });

  test("a workload added in `${each.key}` is not judged by another resource's `${each.key}` policy", () => {
    const perInstance = (resources: Resources) => doc(resources, { project: '${each.key}', for_each: { app: 1 } });
    const added = service({ use_default: true }, { project: '${each.key}', for_each: { other: 1 } });
    expect(review(perInstance({}), perInstance({ google_cloud_run_v2_service: { s: added } }))).toEqual([
      expect.stringMatching(/^weakening workload google_cloud_run_v2_service\.s: the workload: added/),
    ]);
    // The same variable in both is one value: judged by that policy.
    const byVariable = (resources: Resources) => doc(resources, { project: '${var.project}' });
    const inVariable = service({ use_default: true }, { project: '${var.project}' });
    expect(review(byVariable({}), byVariable({ google_cloud_run_v2_service: { s: inVariable } }))).toEqual([
      expect.stringMatching(/^neutral workload google_cloud_run_v2_service\.s: the workload: added, enforcing/),
    ]);
  });

  test('an exemption added: weakening; removed: strengthening', () => {
    const exempt = service(undefined, { '//': { binauthz: { exempt: 'a vendor image' } } });
    bothWays(
      withService(service(undefined)),
      withService(exempt),
      [
        'weakening workload google_cloud_run_v2_service.s: exemption: exempted from Binary Authorization (a vendor image)',
      ],
      ['strengthening workload google_cloud_run_v2_service.s: exemption: no longer exempt'],
    );
  });

  test('enforcement known only at apply time: weakening', () => {
    expect(
      review(withService(service({ use_default: true })), withService(service({ use_default: '${var.on}' })))[0],
    ).toMatch(/^weakening .*whether it enforces is known only at apply time .*cannot be judged until apply/);
  });

  test("a move to a project whose policy admits more: weakening, with the policy's change; to a stricter one: neutral", () => {
    const two = (project: string, open: boolean) => ({
      google_binary_authorization_policy: {
        p: { project: 'app', default_admission_rule: DENY_RULE },
        q: {
          project: 'open',
          default_admission_rule: open ? { ...DENY_RULE, evaluation_mode: 'ALWAYS_ALLOW' } : DENY_RULE,
        },
      },
      google_cloud_run_v2_service: { s: service({ use_default: true }, { project }) },
    });
    expect(review(two('app', true), two('open', true))).toEqual([
      'weakening workload google_cloud_run_v2_service.s: project: moves from project app to open, whose policy admits more: the default rule evaluation mode: ALWAYS_DENY → ALWAYS_ALLOW: more images are admitted',
    ]);
    expect(review(two('app', false), two('open', false))[0]).toMatch(/^neutral .*admits nothing that app's did not/);
    expect(review(two('app', false), { ...two('nowhere', false) })[0]).toMatch(
      /^weakening .*moves from project app to nowhere: no policy for project nowhere in the input/,
    );
  });
});

describe('attestors, keys and signing grants', () => {
  const attestor = kmsAttestorJson;

  test('a key added weakens (a new key can sign), removed strengthens', () => {
    bothWays(
      doc(attestor([KEY])),
      doc(attestor([KEY, `${KEY}2`])),
      [
        'weakening attestor projects/sec/attestors/a: key //cloudkms.googleapis.com/v1/projects/sec/locations/global/keyRings/r/cryptoKeys/k2/cryptoKeyVersions/1: added',
      ],
      ['strengthening attestor projects/sec/attestors/a: key'],
    );
  });

  test('another note weakens', () => {
    expect(review(doc(attestor([KEY])), doc(attestor([KEY], 'projects/other/notes/n')))[0]).toMatch(
      /^weakening attestor .*: note: its note changes from projects\/sec\/notes\/n to projects\/other\/notes\/n/,
    );
  });

  test('a member granted signing on the key weakens (naming the attestor), removed strengthens', () => {
    const grant = {
      google_kms_crypto_key_iam_member: {
        m: { crypto_key_id: KEY, role: 'roles/cloudkms.signerVerifier', member: 'user:eve@example.com' },
      },
    };
    bothWays(
      doc(attestor([KEY])),
      doc({ ...attestor([KEY]), ...grant }),
      [
        `weakening key ${KEY}: roles/cloudkms.signerVerifier for user:eve@example.com: user:eve@example.com may now sign with this key (the key of projects/sec/attestors/a)`,
      ],
      [
        `strengthening key ${KEY}: roles/cloudkms.signerVerifier for user:eve@example.com: removed: user:eve@example.com may no longer sign with the key`,
      ],
    );
  });

  test('a member granted attach on the note (by short name and project) weakens; a role without signing is not a change', () => {
    const grant = (role: string) => ({
      google_container_analysis_note_iam_member: {
        m: { note: 'n', project: 'sec', role, member: 'group:g@example.com' },
      },
    });
    expect(
      review(doc(attestor([KEY])), doc({ ...attestor([KEY]), ...grant('roles/containeranalysis.notes.attacher') }))[0],
    ).toMatch(
      /^weakening note projects\/sec\/notes\/n: .* may now attach attestations to this note \(the note of projects\/sec\/attestors\/a\)/,
    );
    expect(
      review(
        doc(attestor([KEY])),
        doc({ ...attestor([KEY]), ...grant('roles/containeranalysis.notes.occurrences.viewer') }),
      ),
    ).toEqual([]);
  });

  test('a custom role may sign; an authoritative binding and policy say what they mean', () => {
    const binding = {
      google_kms_crypto_key_iam_binding: {
        b: { crypto_key_id: KEY, role: 'projects/sec/roles/signer', members: ['user:a@example.com'] },
      },
    };
    const lines = review(doc(), doc(binding));
    expect(lines[0]).toMatch(
      /^weakening key .*: projects\/sec\/roles\/signer for user:a@example.com: cannot judge: projects\/sec\/roles\/signer is a custom role that the input does not define/,
    );
    expect(lines[1]).toMatch(
      /^neutral key .*: google_kms_crypto_key_iam_binding.b: an authoritative binding: on apply it makes its members the only holders/,
    );
    const policy = {
      google_kms_crypto_key_iam_policy: {
        p: {
          crypto_key_id: KEY,
          policy_data: JSON.stringify({
            bindings: [{ role: 'roles/cloudkms.signer', members: ['user:b@example.com'] }],
          }),
        },
      },
    };
    const policyLines = review(doc(), doc(policy));
    expect(policyLines[0]).toMatch(/^weakening key .*: roles\/cloudkms.signer for user:b@example.com/);
    expect(policyLines[1]).toMatch(/an authoritative IAM policy: on apply it replaces the key's whole IAM policy/);
    expect(review(doc(policy), doc())[1]).toMatch(/^neutral .*the authoritative IAM policy goes/);
  });

  test('an IAM policy known only at apply time cannot be judged: weakening', () => {
    const policy = {
      google_kms_crypto_key_iam_policy: {
        p: { crypto_key_id: KEY, policy_data: '${data.google_iam_policy.x.policy_data}' },
      },
    };
    expect(review(doc(), doc(policy))[0]).toMatch(
      /^weakening .*known only at apply time.*cannot be judged until apply/,
    );
  });
});

describe('signing grants above the key or the note: key ring, project, folder, organization', () => {
  const attestor = kmsAttestorJson([KEY]);
  const member = (type: string, target: Record<string, string>, role: string) => ({
    [type]: { g: { ...target, role, member: 'user:eve@example.com' } },
  });
  const levels: Array<[string, Resources, RegExp, RegExp]> = [
    [
      'key ring (full name)',
      member(
        'google_kms_key_ring_iam_member',
        { key_ring_id: 'projects/sec/locations/global/keyRings/r' },
        'roles/cloudkms.signer',
      ),
      /^weakening key ring projects\/sec\/locations\/global\/keyRings\/r: roles\/cloudkms.signer for user:eve@example.com: user:eve@example.com may now sign with every key in the key ring \(the key of projects\/sec\/attestors\/a\).*\(a grant on a key ring applies to every key below it\)$/,
      /^strengthening key ring .*: removed: user:eve@example.com may no longer sign with every key in the key ring$/,
    ],
    [
      'key ring (short form)',
      member('google_kms_key_ring_iam_member', { key_ring_id: 'sec/global/r' }, 'roles/cloudkms.signerVerifier'),
      /^weakening key ring projects\/sec\/locations\/global\/keyRings\/r: .*\(the key of projects\/sec\/attestors\/a\)/,
      /^strengthening key ring projects\/sec\/locations\/global\/keyRings\/r: /,
    ],
    [
      'project, signing',
      member('google_project_iam_member', { project: 'sec' }, 'roles/cloudkms.cryptoOperator'),
      /^weakening project sec: .* may now sign with every key in the project \(the key of projects\/sec\/attestors\/a\).*\(a grant on a project applies to every key below it\)$/,
      /^strengthening project sec: .*may no longer sign with every key in the project$/,
    ],
    [
      'project, attaching',
      member('google_project_iam_member', { project: 'projects/sec' }, 'roles/containeranalysis.notes.attacher'),
      /^weakening project sec: .* may now attach attestations to every note in the project \(the note of projects\/sec\/attestors\/a\).*\(a grant on a project applies to every note below it\)$/,
      /^strengthening project sec: .*may no longer attach attestations to every note in the project$/,
    ],
    [
      'folder',
      member('google_folder_iam_member', { folder: 'folders/123' }, 'roles/cloudkms.signer'),
      /^weakening folder 123: .* may now sign with every key in every project under the folder: .*\(a grant on a folder applies to every key below it\)$/,
      /^strengthening folder 123: /,
    ],
    [
      'organization',
      member('google_organization_iam_member', { org_id: '456' }, 'roles/containeranalysis.notes.attacher'),
      /^weakening organization 456: .* may now attach attestations to every note in every project under the organization/,
      /^strengthening organization 456: /,
    ],
  ];

  test.each(levels)('%s: added weakens, removed strengthens', (_, grant, there, back) => {
    expect(review(doc(attestor), doc({ ...attestor, ...grant }))).toEqual([expect.stringMatching(there)]);
    expect(review(doc({ ...attestor, ...grant }), doc(attestor))).toEqual([expect.stringMatching(back)]);
  });

  test("roles/editor attaches and rewrites, but does not sign (Google's role data); roles/owner may do everything; one row each", () => {
    const editor = review(
      doc(attestor),
      doc({ ...attestor, ...member('google_project_iam_member', { project: 'sec' }, 'roles/editor') }),
    );
    expect(editor).toEqual([
      expect.stringMatching(
        /^weakening project sec: roles\/editor .* may now rewrite every attestor in the project and their notes.*; rewrite the project's policy.*; attach attestations to every note in the project.*; act as every service account in the project/,
      ),
    ]);
    expect(editor[0]).not.toMatch(/sign with/);
    const owner = review(doc(), doc(member('google_organization_iam_member', { org_id: '456' }, 'roles/owner')));
    expect(owner).toEqual([
      expect.stringMatching(
        /^weakening organization 456: roles\/owner .* may now .*sign with every key in every project under the organization.*; grant anyone \(itself included\) any role on everything in the organization/,
      ),
    ]);
  });

  test.each([
    ['roles/iam.securityAdmin', 'google_project_iam_member', { project: 'sec' }, 'project sec'],
    ['roles/resourcemanager.projectIamAdmin', 'google_project_iam_member', { project: 'sec' }, 'project sec'],
    ['roles/resourcemanager.folderIamAdmin', 'google_folder_iam_member', { folder: 'folders/9' }, 'folder 9'],
    [
      'roles/resourcemanager.organizationAdmin',
      'google_organization_iam_member',
      { org_id: '456' },
      'organization 456',
    ],
  ])('%s administers IAM policies: it may grant anything below, and weakens', (role, type, target, subject) => {
    expect(review(doc(), doc(member(type, target, role)))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^weakening ${subject}: .* may now grant anyone \\(itself included\\) any role on everything in the`,
        ),
      ),
    ]);
  });

  test('roles/resourcemanager.folderIamAdmin on a project grants nothing there: it administers folders', () => {
    expect(
      review(
        doc(),
        doc(member('google_project_iam_member', { project: 'sec' }, 'roles/resourcemanager.folderIamAdmin')),
      ),
    ).toEqual([]);
  });

  test('a project role without signing is no change; a custom role is one weakening row, not two', () => {
    expect(review(doc(), doc(member('google_project_iam_member', { project: 'sec' }, 'roles/viewer')))).toEqual([]);
    expect(
      review(doc(), doc(member('google_project_iam_member', { project: 'sec' }, 'organizations/1/roles/x'))),
    ).toEqual([
      expect.stringMatching(
        /^weakening project sec: organizations\/1\/roles\/x .*cannot judge: organizations\/1\/roles\/x is a custom role that the input does not define.*on everything in the project, so it counts as weakening$/,
      ),
    ]);
  });

  test('binding and policy forms: the signing members weaken, and the authoritative resource says what it means', () => {
    const binding = {
      google_project_iam_binding: {
        b: { project: 'sec', role: 'roles/cloudkms.signer', members: ['user:a@example.com', 'user:b@example.com'] },
      },
    };
    expect(review(doc(), doc(binding))).toEqual([
      expect.stringMatching(/^weakening project sec: roles\/cloudkms.signer for user:a@example.com/),
      expect.stringMatching(/^weakening project sec: roles\/cloudkms.signer for user:b@example.com/),
      expect.stringMatching(
        /^neutral project sec: google_project_iam_binding.b: an authoritative binding: .* on the project/,
      ),
    ]);
    const policy = {
      google_folder_iam_policy: {
        p: {
          folder: 'folders/9',
          policy_data: JSON.stringify({
            bindings: [
              { role: 'roles/viewer', members: ['user:v@example.com'] },
              { role: 'roles/containeranalysis.notes.attacher', members: ['user:c@example.com'] },
            ],
          }),
        },
      },
    };
    expect(review(doc(), doc(policy))).toEqual([
      expect.stringMatching(/^weakening folder 9: roles\/containeranalysis.notes.attacher for user:c@example.com/),
      expect.stringMatching(
        /^neutral folder 9: google_folder_iam_policy.p: an authoritative IAM policy: on apply it replaces the folder's whole IAM policy/,
      ),
    ]);
    // A binding without its members is an input error naming the place, never "no change".
    expect(() =>
      trustViewOf(model(member('google_kms_key_ring_iam_binding', { key_ring_id: 'x' }, 'roles/cloudkms.admin'))),
    ).toThrow(/^google_kms_key_ring_iam_binding.g: members must be a list of members/);
  });

  test('google_project_iam_member_remove grants nothing: not read', () => {
    expect(
      review(doc(), doc(member('google_project_iam_member_remove', { project: 'sec' }, 'roles/cloudkms.signer'))),
    ).toEqual([]);
  });

  test('the same grant moved from the key to the project is a change: the new one weakens', () => {
    const onKey = member('google_kms_crypto_key_iam_member', { crypto_key_id: KEY }, 'roles/cloudkms.signer');
    const onProject = member('google_project_iam_member', { project: 'sec' }, 'roles/cloudkms.signer');
    expect(review(doc({ ...attestor, ...onKey }), doc({ ...attestor, ...onProject }))).toEqual([
      expect.stringMatching(/^weakening project sec: /),
      expect.stringMatching(/^strengthening key /),
    ]);
  });
});

describe('the Cloud Run guardrail', () => {
  const guardrail = (body: Record<string, unknown>) => ({
    google_org_policy_policy: { g: { name: 'folders/1/policies/run.allowedBinaryAuthorizationPolicies', ...body } },
  });
  const spec = { rules: [{ values: { allowed_values: ['default'] } }] };

  test('removed weakens, added strengthens', () => {
    bothWays(
      doc(guardrail({ spec })),
      doc(),
      [
        'weakening guardrail folders/1/policies/run.allowedBinaryAuthorizationPolicies: constraints/run.allowedBinaryAuthorizationPolicies: removed',
      ],
      ['strengthening guardrail'],
    );
  });

  test('put in dry run weakens, enforced again strengthens', () => {
    bothWays(
      doc(guardrail({ spec })),
      doc(guardrail({ dry_run_spec: spec })),
      [
        'weakening guardrail folders/1/policies/run.allowedBinaryAuthorizationPolicies: constraints/run.allowedBinaryAuthorizationPolicies: put in dry run',
      ],
      ['strengthening guardrail'],
    );
  });

  test('allow all, or another allowed policy, weakens', () => {
    expect(review(doc(guardrail({ spec })), doc(guardrail({ spec: { rules: [{ allow_all: 'TRUE' }] } })))[0]).toMatch(
      /^weakening .*no longer restricts the policies/,
    );
    const more = { rules: [{ values: { allowed_values: ['default', 'projects/app/platforms/cloudRun/policies/p'] } }] };
    expect(review(doc(guardrail({ spec })), doc(guardrail({ spec: more })))[0]).toMatch(
      /^weakening .*allowed value projects\/app\/platforms\/cloudRun\/policies\/p: added/,
    );
  });
});

describe('the Cloud Run guardrail: what it guarantees (one definition, every shape)', () => {
  const guardrail = (spec: Record<string, unknown>) => ({
    google_org_policy_policy: {
      g: { name: 'projects/app/policies/run.allowedBinaryAuthorizationPolicies', spec },
    },
  });
  const guarded = doc(guardrail({ rules: [{ values: { allowed_values: ['default'] } }] }));
  const condition = { expression: "resource.matchTag('123/env', 'prod')" };
  const shapes: Array<[string, Record<string, unknown>, RegExp]> = [
    ['denied values only', { rules: [{ values: { denied_values: ['default'] } }] }, /denies only default/],
    [
      'inherit from the parent',
      { inherit_from_parent: true, rules: [{ values: { allowed_values: ['default'] } }] },
      /inherits from the parent/,
    ],
    [
      'a condition on the only rule',
      { rules: [{ values: { allowed_values: ['default'] }, condition }] },
      /rules\[0\] is conditional \(resource.matchTag/,
    ],
    [
      'a conditional allow-all beside the rule',
      { rules: [{ values: { allowed_values: ['default'] } }, { allow_all: 'TRUE', condition }] },
      /rules\[1\] is conditional/,
    ],
    ['reset', { reset: true, rules: [{ values: { allowed_values: ['default'] } }] }, /resets the constraint/],
    ['allow all', { rules: [{ allow_all: 'TRUE' }] }, /allows all/],
    ['a rule with no values', { rules: [{ values: {} }] }, /sets no allowed values/],
    ['enforce (boolean constraints only)', { rules: [{ enforce: 'FALSE' }] }, /sets enforce/],
  ];

  test.each(shapes)('%s: from guarded weakens, back strengthens', (_, spec, reason) => {
    const after = doc(guardrail(spec));
    const [there] = review(guarded, after);
    expect(there).toMatch(/^weakening guardrail .*: no longer restricts the policies Cloud Run uses: /);
    expect(there).toMatch(reason);
    expect(review(after, guarded)).toEqual([
      expect.stringMatching(/^strengthening guardrail .*must use one of: default \(was: /),
    ]);
  });

  test.each(shapes)('%s: the trust view says off, with the reason', (_, spec, reason) => {
    const [view] = trustViewOf(model(guardrail(spec))).guardrails;
    expect(view).toMatchObject({ state: 'off', allowedValues: [] });
    expect(view.reason).toMatch(reason);
  });

  test('guarded: allowed values (less the denied ones), deny_all, several unconditional rules', () => {
    const state = (spec: Record<string, unknown>) => trustViewOf(model(guardrail(spec))).guardrails[0];
    expect(state({ rules: [{ values: { allowed_values: ['default', 'x'], denied_values: ['x'] } }] })).toMatchObject({
      state: 'enforced',
      allowedValues: ['default'],
    });
    expect(state({ rules: [{ deny_all: 'TRUE' }] })).toMatchObject({ state: 'enforced', allowedValues: [] });
    // As plans and state write it: unset attributes null or "", absent blocks [].
    const written = {
      rules: [
        {
          values: [{ allowed_values: ['default'], denied_values: null }],
          allow_all: '',
          deny_all: null,
          enforce: '',
          condition: [],
        },
      ],
      inherit_from_parent: null,
      reset: null,
    };
    expect(state(written)).toMatchObject({ state: 'enforced', allowedValues: ['default'] });
    expect(
      state({ inherit_from_parent: false, rules: [{ values: { allowed_values: ['default'] } }, { deny_all: 'TRUE' }] }),
    ).toMatchObject({ state: 'enforced', allowedValues: ['default'] });
  });

  test('values known only at apply time are unknown: weakening from guarded', () => {
    for (const spec of [
      { inherit_from_parent: '${var.inherit}', rules: [{ values: { allowed_values: ['default'] } }] },
      { rules: [{ values: { allowed_values: ['default'] }, condition: '${var.condition}' }] },
      { rules: [{ values: { denied_values: '${var.denied}' } }] },
      { rules: [{ values: { allowed_values: ['${var.allowed}'] } }] },
    ]) {
      expect(trustViewOf(model(guardrail(spec))).guardrails[0].state).toBe('unknown');
      expect(review(guarded, doc(guardrail(spec)))).toEqual([
        expect.stringMatching(/^weakening guardrail .*cannot be judged until apply/),
      ]);
    }
  });

  test('from one shape that guarantees nothing to another: neutral, with both reasons', () => {
    expect(
      review(
        doc(guardrail({ rules: [{ allow_all: 'TRUE' }] })),
        doc(guardrail({ rules: [{ values: { denied_values: ['default'] } }] })),
      ),
    ).toEqual([
      expect.stringMatching(/^neutral guardrail .*still restricts nothing: .*denies only default.*\(was: .*allows all/),
    ]);
  });

  test('values of the wrong type are an input error naming the place', () => {
    expect(() => trustViewOf(model(guardrail({ rules: [{ values: { denied_values: 'default' } }] })))).toThrow(
      'google_org_policy_policy.g: spec.rules[0].values.denied_values must be a list of strings, got: "default"',
    );
  });

  test.each([
    [{ reset: 5 }, 'spec.reset must be true or false, got: 5'],
    [{ inherit_from_parent: 'maybe' }, 'spec.inherit_from_parent must be true or false, got: "maybe"'],
    [{ rules: [{ allow_all: 'yes' }] }, 'spec.rules[0].allow_all must be true or false, got: "yes"'],
    [{ rules: [{ deny_all: 1 }] }, 'spec.rules[0].deny_all must be true or false, got: 1'],
  ])('a flag that is neither true nor false, %j, is an input error, never read as false', (spec, message) => {
    expect(() => trustViewOf(model(guardrail(spec)))).toThrow(`google_org_policy_policy.g: ${message}`);
  });
});

describe('a plan: both sides from resource_changes', () => {
  /** A plan with one policy change of the given actions. */
  function plan(actions: string[], before: unknown, after: unknown): InputModel {
    const values = (v: unknown) => v;
    return planModel({
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources:
            after === null
              ? []
              : [
                  {
                    address: 'google_binary_authorization_policy.p',
                    mode: 'managed',
                    type: 'google_binary_authorization_policy',
                    name: 'p',
                    values: values(after),
                  },
                ],
        },
      },
      resource_changes: [
        {
          address: 'google_binary_authorization_policy.p',
          mode: 'managed',
          type: 'google_binary_authorization_policy',
          name: 'p',
          change: { actions, before, after, after_unknown: {} },
        },
      ],
    });
  }
  const policy = { project: 'app', default_admission_rule: [DENY_RULE] };
  const reviewPlan = (m: InputModel) =>
    reviewChange(
      [{ view: trustViewOf({ ...m, resources: m.prior!.resources }) }],
      [{ view: trustViewOf(m) }],
      m.prior!.actions,
      m.policyResets,
    ).changes.map((c) => `${c.kind} ${c.what}: ${c.reason}`);

  test.each([
    [['delete', 'create'], 'between the two apply steps'],
    [
      ['create', 'delete'],
      "deleting a policy restores Google's allow-all default, so after apply the project may be left with it",
    ],
  ])('replaced (%j): weakening', (actions, reason) => {
    expect(reviewPlan(plan(actions, policy, policy))[0]).toContain(reason);
  });

  test('deleted: weakening, for good', () => {
    expect(reviewPlan(plan(['delete'], policy, null))).toEqual([
      "weakening the policy google_binary_authorization_policy.p: the plan deletes it: the project falls back to Google's default policy, which admits every image, for good",
    ]);
  });

  test('an update whose value is known only after apply: weakening', () => {
    const m = plan(['update'], policy, {
      ...policy,
      default_admission_rule: [{ ...DENY_RULE, evaluation_mode: KNOWN_AFTER_APPLY }],
    });
    expect(reviewPlan(m)[0]).toMatch(/^weakening the default rule evaluation mode: .*cannot be judged until apply/);
  });

  test('no-op: no change', () => {
    expect(reviewPlan(plan(['no-op'], policy, policy))).toEqual([]);
  });
});

describe('an attestor whose name is known only after apply', () => {
  test('cannot be judged: weakening', () => {
    const after = model({ google_binary_authorization_attestor: { a: { project: 'sec', name: KNOWN_AFTER_APPLY } } });
    const [change] = reviewChange([{ view: trustViewOf(model({})) }], [{ view: trustViewOf(after) }]).changes;
    expect(`${change.kind} ${change.reason}`).toMatch(/^weakening its name is known only after apply/);
  });
});
