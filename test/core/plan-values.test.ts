/**
 * A plan is read by value, not only by presence (issue 20, item 4): where `planned_values` and
 * `resource_changes[].change.after` disagree on any value a command reads (enforcement, image, project,
 * policy fields, keys, grants), the plan is an input error (exit 2), never read from one side.
 */
import { planModel } from '../../src/core/terraform-plan';
import { DENY_RULE, runCliText, scratchFolder } from '../support';

/** A plan of one resource created, whose planned value and `after` may differ. */
function plan(type: string, planned: Record<string, unknown>, after: Record<string, unknown>) {
  return {
    format_version: '1.2',
    planned_values: {
      root_module: { resources: [{ address: `${type}.r`, mode: 'managed', type, name: 'r', values: planned }] },
    },
    resource_changes: [
      {
        address: `${type}.r`,
        mode: 'managed',
        type,
        name: 'r',
        change: { actions: ['create'], before: null, after, after_unknown: {} },
      },
    ],
  };
}

const IMAGE = `us-docker.pkg.dev/app/containers/api@sha256:${'a'.repeat(64)}`;
const service = (useDefault: unknown, image = IMAGE, project = 'app') => ({
  name: 'api',
  location: 'us-central1',
  project,
  binary_authorization: [{ use_default: useDefault, breakglass_justification: null }],
  template: [{ containers: [{ name: 'api', image }] }],
});
const policy = (evaluation: string, patterns: string[] = []) => ({
  project: 'app',
  admission_whitelist_patterns: patterns.map((p) => ({ name_pattern: p })),
  default_admission_rule: [{ ...DENY_RULE, evaluation_mode: evaluation }],
});
const attestor = (pem: string) => ({
  project: 'sec',
  name: 'built-by-ci',
  attestation_authority_note: [
    {
      note_reference: 'projects/sec/notes/n',
      public_keys: [{ id: 'k', pkix_public_key: [{ public_key_pem: pem, signature_algorithm: 'ECDSA_P256_SHA256' }] }],
    },
  ],
});
const grant = (role: string) => ({ note: 'projects/sec/notes/n', role, member: 'user:a@example.com', project: 'sec' });

const DISAGREEMENTS: Array<[string, string, Record<string, unknown>, Record<string, unknown>, string]> = [
  [
    'enforcement',
    'google_cloud_run_v2_service',
    service(true),
    service(false),
    'binary_authorization[0].use_default as true',
  ],
  [
    'image',
    'google_cloud_run_v2_service',
    service(true),
    service(true, 'gcr.io/evil/x'),
    'template[0].containers[0].image',
  ],
  ['project', 'google_cloud_run_v2_service', service(true), service(true, IMAGE, 'other'), 'project as "app"'],
  [
    'a policy field',
    'google_binary_authorization_policy',
    policy('ALWAYS_DENY'),
    policy('ALWAYS_ALLOW'),
    'default_admission_rule[0].evaluation_mode',
  ],
  [
    'a list of the policy of another length',
    'google_binary_authorization_policy',
    policy('ALWAYS_DENY'),
    policy('ALWAYS_DENY', ['gcr.io/**']),
    'admission_whitelist_patterns as []',
  ],
  [
    'a key',
    'google_binary_authorization_attestor',
    attestor('PEM-A'),
    attestor('PEM-B'),
    'attestation_authority_note[0].public_keys[0].pkix_public_key[0].public_key_pem',
  ],
  [
    'a grant',
    'google_container_analysis_note_iam_member',
    grant('roles/containeranalysis.notes.viewer'),
    grant('roles/containeranalysis.notes.attacher'),
    'role as "roles/containeranalysis.notes.viewer"',
  ],
  [
    'a value planned_values leaves out',
    'google_cloud_run_v2_service',
    { ...service(true), binary_authorization: undefined },
    service(true),
    'binary_authorization',
  ],
  [
    'a number for a string',
    'google_cloud_run_v2_service',
    service(true),
    service(true, 5 as any),
    'image as "us-docker',
  ],
];

describe('a plan whose planned_values and change.after disagree on a value is an input error', () => {
  test.each(DISAGREEMENTS)('%s', (_, type, planned, after, where) => {
    expect(() => planModel(plan(type, planned, after))).toThrow(where);
    expect(() => planModel(plan(type, planned, after))).toThrow('but its change\'s "after" as');
  });

  const folder = scratchFolder('binauthz-plan-values-');
  test.each(['summary', 'check', 'lint', 'diff', 'export'])('%s: exit 2, one line naming the place', (command) => {
    const file = folder.file(
      `${command}.json`,
      plan('google_binary_authorization_policy', policy('ALWAYS_DENY'), policy('ALWAYS_ALLOW')),
    );
    const { code, stdout, stderr } = runCliText(command, file);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toContain('planned_values gives default_admission_rule[0].evaluation_mode as "ALWAYS_DENY"');
  });
});

describe('what agrees is read', () => {
  test('the same values, an absent key and null alike, and a value unknown on both sides', () => {
    const planned = { ...service(true), description: undefined };
    const after = { ...service(true), description: null };
    expect(planModel(plan('google_cloud_run_v2_service', planned, after)).resources).toHaveLength(1);
  });

  test('a resource of a type no command reads is not compared', () => {
    expect(planModel(plan('google_pubsub_topic', { name: 'a' }, { name: 'b' })).resources).toEqual([]);
    // A bucket matters to configuration only (the name a grant's reference stands for): a plan holds the name.
    expect(planModel(plan('google_storage_bucket', { name: 'a' }, { name: 'b' })).resources).toEqual([]);
  });
});
