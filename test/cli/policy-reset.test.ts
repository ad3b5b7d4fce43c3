/**
 * A policy that apply resets is treated as reset by every command (issue 20, item 3): the provider's
 * Delete writes Google's allow-all default back, so a plain delete, a replacement in either order, a
 * deposed object destroyed, and a delete at one address with a create at another for the same project
 * each leave the project admitting everything for at least part of the apply. `diff` calls each
 * weakening, `lint` reports an error, `check` admits no workload of the project, `summary` says it.
 */
import { planModel } from '../../src/core/terraform-plan';
import { DENY_RULE, runCliText, scratchFolder } from '../support';

const POLICY = 'google_binary_authorization_policy';
const SERVICE = 'google_cloud_run_v2_service';
const IMAGE = `us-docker.pkg.dev/app/containers/api@sha256:${'a'.repeat(64)}`;

/** A policy that admits the service's image (its repository is allowlisted). */
const policyValues = (project = 'app') => ({
  project,
  admission_whitelist_patterns: [{ name_pattern: 'us-docker.pkg.dev/app/containers/**' }],
  default_admission_rule: [DENY_RULE],
  cluster_admission_rules: [],
  global_policy_evaluation_mode: null,
});

/** An enforcing Cloud Run service of project `app`, unchanged by the plan. */
const serviceValues = {
  name: 'api',
  location: 'us-central1',
  project: 'app',
  binary_authorization: [{ use_default: true, policy: null, breakglass_justification: null }],
  template: [{ containers: [{ name: 'api', image: IMAGE }] }],
};

interface Change {
  readonly address: string;
  readonly type: string;
  readonly actions: string[];
  readonly before: unknown;
  readonly after: unknown;
  readonly deposed?: string;
}

/** A plan (`terraform show -json`) of these changes, plus the unchanged service. */
function plan(changes: Change[]): Record<string, unknown> {
  const all: Change[] = [
    ...changes,
    { address: `${SERVICE}.api`, type: SERVICE, actions: ['no-op'], before: serviceValues, after: serviceValues },
  ];
  return {
    format_version: '1.2',
    planned_values: {
      root_module: {
        resources: all
          .filter((c) => c.after !== null && c.deposed === undefined)
          .map((c) => ({
            address: c.address,
            mode: 'managed',
            type: c.type,
            name: c.address.split('.')[1],
            values: c.after,
          })),
      },
    },
    resource_changes: all.map((c) => ({
      address: c.address,
      mode: 'managed',
      type: c.type,
      name: c.address.split('.')[1],
      ...(c.deposed === undefined ? {} : { deposed: c.deposed }),
      change: { actions: c.actions, before: c.before, after: c.after, after_unknown: {} },
    })),
  };
}

const p = policyValues();
/** Each way a plan resets the policy of project `app`, with what `diff` says of it. */
const RESETS: Array<[string, Change[], string]> = [
  [
    'a plain delete',
    [{ address: `${POLICY}.p`, type: POLICY, actions: ['delete'], before: p, after: null }],
    'the plan deletes it',
  ],
  [
    'a replacement, delete then create',
    [{ address: `${POLICY}.p`, type: POLICY, actions: ['delete', 'create'], before: p, after: p }],
    'the plan replaces it (delete, then create)',
  ],
  [
    'a replacement, create then delete',
    [{ address: `${POLICY}.p`, type: POLICY, actions: ['create', 'delete'], before: p, after: p }],
    'the plan replaces it (create, then delete)',
  ],
  [
    'a deposed object destroyed',
    [
      { address: `${POLICY}.p`, type: POLICY, actions: ['no-op'], before: p, after: p },
      { address: `${POLICY}.p`, type: POLICY, actions: ['delete'], before: p, after: null, deposed: '00a1b2c3' },
    ],
    'the plan destroys a deposed object of it (00a1b2c3',
  ],
  [
    'a delete at one address and a create at another for the same project',
    [
      { address: `${POLICY}.old`, type: POLICY, actions: ['delete'], before: p, after: null },
      { address: `${POLICY}.new`, type: POLICY, actions: ['create'], before: null, after: p },
    ],
    `the plan deletes it and creates ${POLICY}.new for the same project`,
  ],
];

const folder = scratchFolder('binauthz-reset-');

describe('a policy that apply resets is reset for every command', () => {
  describe.each(RESETS)('%s', (_, changes, reason) => {
    let file: string;
    beforeAll(() => {
      file = folder.file(`${reason.length}-${changes.length}-${changes[0].actions.join('-')}.json`, plan(changes));
    });

    test('the plan reader records it as a model fact, with the project', () => {
      const resets = planModel(plan(changes)).policyResets ?? [];
      expect(resets).toHaveLength(1);
      expect(resets[0].project).toBe('app');
    });

    test('diff: weakening, with the reason', () => {
      const { code, stdout } = runCliText('diff', file, '--json');
      const review = JSON.parse(stdout);
      const rows = review.changes.filter((c: { kind: string }) => c.kind === 'weakening');
      expect(rows.map((c: { reason: string }) => c.reason).join('\n')).toContain(reason);
      expect(code).toBe(1);
    });

    test('lint: an error', () => {
      const { stdout } = runCliText('lint', file, '--json');
      const findings = JSON.parse(stdout).findings ?? JSON.parse(stdout);
      const found = (Array.isArray(findings) ? findings : []).filter(
        (f: { code: string; severity: string }) => f.code === 'policy-deleted' && f.severity === 'error',
      );
      expect(found).toHaveLength(1);
    });

    test("check: the project's workload is not admitted, and the reason says the project is left at Google's default", () => {
      const { code, stdout } = runCliText('check', file, '--json');
      const [result] = JSON.parse(stdout).results;
      expect(result.workload).toBe(`${SERVICE}.api`);
      expect(result.admitted).toBe(false);
      expect(result.decision).toBe('NO_POLICY');
      expect(result.reason).toMatch(/project app .*Google's default policy, which admits every image/);
      expect(code).toBe(1);
    });

    test('check --image: an image the policy admits is not admitted either, alone and beside the workloads', () => {
      const plain = changes.length === 1 && changes[0].after === null;
      for (const extra of [[], ['--workloads']]) {
        const { code, stdout, stderr } = runCliText('check', file, '--image', IMAGE, ...extra, '--json');
        if (plain) {
          // Nothing of the policy is left in the plan to judge the image by: an input error, with --workloads
          // too (no row for the image would be a silent pass).
          expect(stderr).toContain('no google_binary_authorization_policy');
          expect(stderr).toContain('to judge the --image images by');
          expect(code).toBe(2);
          continue;
        }
        const rows = JSON.parse(stdout).results.filter((r: { workload: string }) => r.workload === '(--image)');
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) {
          expect(row).toMatchObject({ decision: 'NO_POLICY', admitted: false });
          expect(row.reason).toMatch(/project app .*Google's default policy, which admits every image/);
          // What the policy decides once it is in place again.
          expect(row.evaluation).toMatchObject({ decision: 'ALLOW', admitted: true });
        }
        expect(code).toBe(1);
      }
    });

    test('summary says it', () => {
      const { stdout } = runCliText('summary', file);
      expect(stdout).toMatch(
        /google_binary_authorization_policy\.(p|old) \(project app\): (deleted|reset) by this plan/,
      );
    });
  });

  test('a plan that changes a policy in place resets nothing: check admits, no lint error', () => {
    const file = folder.file(
      'update.json',
      plan([{ address: `${POLICY}.p`, type: POLICY, actions: ['update'], before: p, after: p }]),
    );
    expect(
      planModel(plan([{ address: `${POLICY}.p`, type: POLICY, actions: ['update'], before: p, after: p }]))
        .policyResets,
    ).toEqual([]);
    expect(JSON.parse(runCliText('check', file, '--json').stdout).results[0].admitted).toBe(true);
    expect(runCliText('lint', file).stdout).not.toContain('policy-deleted');
  });

  test('a reset whose project is not known is taken for every project: check admits nothing', () => {
    const unknown = { ...p, project: null };
    const changes: Change[] = [
      { address: `${POLICY}.p`, type: POLICY, actions: ['delete', 'create'], before: unknown, after: p },
    ];
    const [reset] = planModel(plan(changes)).policyResets ?? [];
    expect(reset.project).toBeUndefined();
    const file = folder.file('unknown-project.json', plan(changes));
    const [result] = JSON.parse(runCliText('check', file, '--json').stdout).results;
    expect(result.admitted).toBe(false);
    expect(result.reason).toContain('a project not known until apply');
  });

  test('a deposed object of another type is not a reset; a deposed policy with a key that is not a string is an input error', () => {
    expect(
      planModel(
        plan([
          {
            address: `${SERVICE}.x`,
            type: SERVICE,
            actions: ['delete'],
            before: serviceValues,
            after: null,
            deposed: 'k',
          },
        ]),
      ).policyResets,
    ).toEqual([]);
    expect(() =>
      planModel(
        plan([
          { address: `${POLICY}.p`, type: POLICY, actions: ['delete'], before: p, after: null, deposed: 5 as any },
        ]),
      ),
    ).toThrow('resource_changes[0].deposed (google_binary_authorization_policy.p) must be a string, got: 5');
  });
});
