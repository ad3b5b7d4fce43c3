/**
 * Properties of the command line on random input, run in-process through `main()` (every command:
 * summary, check, lint, export, diff and graph):
 * - every command on any JSON exits 0, 1 or 2, prints no stack trace and no internal error, and an
 *   exit 2 is exactly one line on standard error;
 * - lint never reports clean (exit 0) a document with a Cloud Run resource that does not enforce
 *   Binary Authorization (absent, off, or in a shape the provider does not accept).
 */
import fc from 'fast-check';
import { runCli, scratchFolder } from '../support';

const IMAGE = `gcr.io/my-project/app@sha256:${'a'.repeat(64)}`;
const KEY = 'run.googleapis.com/binary-authorization';
const COMMANDS: Array<(input: string) => string[]> = [
  (input) => ['summary', input],
  (input) => ['check', input, '--image', IMAGE],
  (input) => ['lint', input],
  (input) => ['lint', input, '--json'],
  (input) => ['export', input, '--format', 'gcloud-yaml'],
  (input) => ['diff', input, input],
  (input) => ['diff', emptyFile, input, '--markdown'],
  (input) => ['diff', input, emptyFile, '--json'],
  (input) => ['graph', input],
  (input) => ['graph', input, '--format', 'dot'],
  // The CI formats, thresholds and suppressions.
  (input) => ['lint', input, '--format', 'sarif'],
  (input) => ['lint', input, '--format', 'junit', '--fail-on', 'info', '--suppressions', suppressionsFile],
  (input) => ['check', input, '--format', 'sarif', '--suppressions', suppressionsFile],
  (input) => ['check', input, '--format', 'junit', '--fail-on', 'never', '--require-workloads'],
  (input) => ['diff', input, emptyFile, '--format', 'sarif'],
];

const scratch = scratchFolder('cli-property-');
/** Terraform JSON with nothing in it, the other side of a diff. */
let emptyFile: string;
/** Suppressions that match what the documents often hold. */
let suppressionsFile: string;
beforeAll(() => {
  emptyFile = scratch.file('empty.tf.json', '{"resource": {}}');
  suppressionsFile = scratch.file(
    'suppressions.yaml',
    '- rule: not-enforced\n  resource: google_cloud_run_v2_service.*\n  reason: a test\n- rule: dry-run\n  resource: "*"\n  reason: a test\n',
  );
});

/** Writes the document, as JSON whatever it is, as the input of the next commands; returns its path. */
const inputOf = (doc: unknown) => scratch.file('in.tf.json', JSON.stringify(doc));
const run = (argv: string[]) => runCli(...argv);

/**
 * For `numRuns` documents of `documents`, runs each command on the document: exit 0, 1 or 2, no stack trace, no
 * internal error and no control character on either stream; an exit 2 is one line on standard error and
 * nothing on standard output, any other exit nothing on standard error.
 */
function expectOrderlyExits(
  documents: fc.Arbitrary<unknown>,
  commands: Array<(input: string) => string[]>,
  numRuns: number,
): void {
  fc.assert(
    fc.property(documents, (doc) => {
      const file = inputOf(doc);
      for (const argv of commands) {
        const { code, stdout, stderr } = run(argv(file));
        expect([0, 1, 2]).toContain(code);
        for (const line of [...stdout, ...stderr]) {
          expect(line).not.toMatch(/^\s+at |^\w*Error:|internal error/);
          expect(line).not.toMatch(/[\p{Cc}\u2028\u2029\u202e]/u);
        }
        if (code === 2) {
          expect(stderr).toHaveLength(1);
          expect(stderr[0].startsWith('cdktf-gcp-binauthz: ')).toBe(true);
          expect(stdout).toEqual([]);
        } else {
          expect(stderr).toEqual([]);
        }
      }
    }),
    { numRuns },
  );
}

// --- arbitraries: any JSON, and JSON biased to look like Terraform JSON with policies and Cloud Run

/** Values that often sit where they do not belong. */
const odd: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, [], [[]], {}, '', 'x', '${var.x}', 0, -1, true, false, 'true', 'default', 'ALWAYS_DENY'),
);
/** Mostly a value of the right shape, sometimes an odd one: so that documents get past their first value. */
function mostly<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: valid, weight: 30 }, { arbitrary: odd, weight: 1 });
}
const mode = mostly(
  fc.constantFrom('ALWAYS_ALLOW', 'ALWAYS_DENY', 'ALWAYS_DENY', 'REQUIRE_ATTESTATION', 'ALWAYS_DENYX', '${var.mode}'),
);
const enforcement = mostly(
  fc.constantFrom('ENFORCED_BLOCK_AND_AUDIT_LOG', 'ENFORCED_BLOCK_AND_AUDIT_LOG', 'DRYRUN_AUDIT_LOG_ONLY', 'ENFORCED'),
);
/** A rule whose attestors mostly fit its evaluation mode. */
const rule = mostly(
  mode.chain((evaluationMode) =>
    fc.record(
      {
        evaluation_mode: fc.constant(evaluationMode),
        enforcement_mode: enforcement,
        require_attestations_by:
          evaluationMode === 'REQUIRE_ATTESTATION'
            ? mostly(
                fc.array(mostly(fc.constantFrom('projects/p/attestors/a', '${var.a}')), { minLength: 1, maxLength: 2 }),
              )
            : fc.oneof({ arbitrary: fc.constant([]), weight: 6 }, { arbitrary: odd, weight: 1 }),
      },
      { requiredKeys: ['evaluation_mode', 'enforcement_mode'] },
    ),
  ),
);
const clusterRule = mostly(
  fc.record(
    {
      cluster: mostly(fc.constantFrom('us-central1-a.c', 'europe-west1-b.d')),
      evaluation_mode: mode,
      enforcement_mode: enforcement,
    },
    { requiredKeys: ['cluster', 'evaluation_mode', 'enforcement_mode'] },
  ),
);
const pattern = mostly(
  fc.record({
    name_pattern: mostly(fc.constantFrom('gcr.io/my-project/**', 'gcr.io/**', 'gcr.io/p/a@*', 'gcr.io/p/a\n')),
  }),
);
const policyBody = mostly(
  fc.record(
    {
      project: mostly(fc.constantFrom('my-project', '${var.p}')),
      default_admission_rule: fc.oneof(
        { arbitrary: rule, weight: 8 },
        { arbitrary: fc.array(rule, { maxLength: 2 }), weight: 1 },
      ),
      admission_whitelist_patterns: mostly(fc.array(pattern, { maxLength: 3 })),
      cluster_admission_rules: mostly(fc.array(clusterRule, { maxLength: 1 })),
      lifecycle: mostly(fc.constant({ prevent_destroy: true })),
      global_policy_evaluation_mode: mostly(fc.constantFrom('ENABLE', 'DISABLE')),
      description: mostly(fc.string({ maxLength: 5 })),
    },
    { requiredKeys: ['default_admission_rule'] },
  ),
);
const CLOUD_RUN_TYPES = [
  'google_cloud_run_v2_service',
  'google_cloud_run_v2_job',
  'google_cloud_run_v2_worker_pool',
  'google_cloud_run_service',
  'google_cloudfunctions2_function',
] as const;
type CloudRunType = (typeof CLOUD_RUN_TYPES)[number];

/** A block in every shape: an object of (mostly) good values, a list of such, or anything. */
function block(keys: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const object = fc.record(keys, { requiredKeys: [] });
  return fc.oneof({ arbitrary: object, weight: 4 }, fc.array(object, { maxLength: 2 }), odd);
}
const useDefault = mostly(fc.boolean());
const namedPolicy = mostly(
  fc.constantFrom('projects/my-project/platforms/cloudRun/policies/p', 'projects/my-project/platforms/cloudRun/p', ''),
);
const policyValue = mostly(fc.constantFrom('default', ''));

/** The attributes of a Cloud Run resource of `type`, its Binary Authorization setting in any shape. */
function cloudRunBody(type: CloudRunType): fc.Arbitrary<Record<string, unknown>> {
  switch (type) {
    case 'google_cloud_run_service':
      return fc.record(
        { metadata: block({ annotations: mostly(fc.dictionary(fc.constantFrom(KEY, 'other'), policyValue)) }) },
        { requiredKeys: [] },
      );
    case 'google_cloudfunctions2_function':
      return fc.record(
        { service_config: block({ binary_authorization_policy: policyValue, available_memory: odd }) },
        { requiredKeys: [] },
      );
    default:
      return fc.record(
        {
          binary_authorization: block({ use_default: useDefault, policy: namedPolicy, breakglass_justification: odd }),
        },
        { requiredKeys: [] },
      );
  }
}
const cloudRunResource = fc
  .constantFrom(...CLOUD_RUN_TYPES)
  .chain((type) => cloudRunBody(type).map((body) => ({ type, body })));

const name = fc.oneof(
  { arbitrary: fc.constantFrom('p', 'svc', 'a\nb', '\u202e'), weight: 3 },
  fc.string({ maxLength: 5 }),
);
const terraformJson = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record(
      {
        resource: mostly(
          fc.record(
            {
              google_binary_authorization_policy: mostly(fc.dictionary(name, policyBody, { minKeys: 1, maxKeys: 2 })),
              google_binary_authorization_attestor: mostly(
                fc.dictionary(
                  name,
                  fc.record({ project: mostly(fc.constant('sec')), name: mostly(fc.constant('a')) }),
                  {
                    maxKeys: 1,
                  },
                ),
              ),
              google_cloud_run_v2_service: mostly(
                fc.dictionary(name, cloudRunBody('google_cloud_run_v2_service'), { maxKeys: 2 }),
              ),
              google_cloud_run_service: fc.dictionary(name, cloudRunBody('google_cloud_run_service'), { maxKeys: 1 }),
              google_cloudfunctions2_function: fc.dictionary(name, cloudRunBody('google_cloudfunctions2_function'), {
                maxKeys: 1,
              }),
            },
            { requiredKeys: ['google_binary_authorization_policy'] },
          ),
        ),
      },
      { requiredKeys: ['resource'] },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 5 }) },
);

// --- what enforcing means, written independently of the reader under test

const one = (value: unknown): unknown => (Array.isArray(value) && value.length === 1 ? value[0] : value);
const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
const VALID_NAMED_POLICY = /^projects\/my-project\/platforms\/cloudRun\/(policies\/)?p$/;

/** Whether a resource plainly enforces: `use_default = true`, a well-formed named policy, or "default". */
function enforces(type: CloudRunType, body: Record<string, unknown>): boolean {
  switch (type) {
    case 'google_cloud_run_service':
      return field(field(one(body.metadata), 'annotations'), KEY) === 'default';
    case 'google_cloudfunctions2_function':
      return field(one(body.service_config), 'binary_authorization_policy') === 'default';
    default: {
      const ba = one(body.binary_authorization);
      const policy = field(ba, 'policy');
      return field(ba, 'use_default') === true || (typeof policy === 'string' && VALID_NAMED_POLICY.test(policy));
    }
  }
}

const nonEnforcing = cloudRunResource.filter(
  ({ type, body }) => !enforces(type, body) && !JSON.stringify(body).includes('${'),
);

// ---------------------------------------------------------------------------------------------------

describe('every command on random JSON', () => {
  test('exits 0, 1 or 2; no stack trace, no internal error; exit 2 is one line on standard error', () => {
    expectOrderlyExits(terraformJson, COMMANDS, 200);
  });
});

describe('lint on a Cloud Run resource that does not enforce', () => {
  test('never exits 0, whatever else the document holds', () => {
    fc.assert(
      fc.property(
        nonEnforcing,
        fc.array(cloudRunResource, { maxLength: 3 }),
        fc.option(policyBody, { nil: undefined }),
        ({ type, body }, others, policy) => {
          const resource: Record<string, Record<string, unknown>> = {};
          others.forEach((r, i) => ((resource[r.type] ??= {})[`other${i}`] = r.body));
          (resource[type] ??= {}).target = body;
          if (policy !== undefined) {
            resource.google_binary_authorization_policy = { p: policy };
          }
          const { code, stdout } = run(['lint', inputOf({ resource }), '--json']);
          expect([1, 2]).toContain(code);
          if (code === 1) {
            // The resource itself has an error finding.
            const { findings } = JSON.parse(stdout.join('\n'));
            expect(findings).toContainEqual(expect.objectContaining({ severity: 'error', address: `${type}.target` }));
            // And so has the SARIF log, at the resource's line.
            const sarif = run(['lint', inputOf({ resource }), '--format', 'sarif']);
            expect(sarif.code).toBe(1);
            const results = JSON.parse(sarif.stdout.join('\n')).runs[0].results;
            expect(results).toContainEqual(
              expect.objectContaining({
                level: 'error',
                locations: [
                  expect.objectContaining({
                    physicalLocation: expect.objectContaining({ region: { startLine: expect.any(Number) } }),
                    logicalLocations: [{ fullyQualifiedName: `${type}.target`, kind: 'resource' }],
                  }),
                ],
              }),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

// --- plans and state (`terraform show -json`), in any shape

const PLAN_COMMANDS: Array<(input: string) => string[]> = [
  (input) => ['summary', input],
  (input) => ['check', input, '--json'],
  (input) => ['check', input, '--image', IMAGE],
  (input) => ['lint', input, '--json'],
  (input) => ['export', input, '--format', 'gcloud-yaml'],
  (input) => ['diff', input],
  (input) => ['diff', input, '--markdown'],
  (input) => ['graph', input],
];

/** What `after_unknown` may hold for a service: mostly the shape of its values, sometimes anything. */
const afterUnknown = mostly(
  fc.oneof(
    fc.constant({}),
    fc.constant({ id: true }),
    fc.constant({ project: true }),
    fc.constant({ template: true }),
    fc.constant({ template: [{ containers: [{ image: true }] }] }),
    fc.constant({ template: [{ containers: [{}, { image: true }] }] }),
    fc.constant({ binary_authorization: [{ use_default: true }] }),
    fc.constant({ binary_authorization: true }),
  ),
);
const serviceValues = fc.record(
  {
    project: mostly(fc.constantFrom('my-project', 'other-project')),
    binary_authorization: mostly(fc.constantFrom([{ use_default: true }], [], [{ use_default: false }])),
    template: mostly(
      fc.array(
        fc.record({
          containers: mostly(
            fc.array(fc.record({ image: mostly(fc.constantFrom(IMAGE, 'gcr.io/other/app@*', 'nginx')) }), {
              maxLength: 2,
            }),
          ),
        }),
        { minLength: 1, maxLength: 1 },
      ),
    ),
  },
  { requiredKeys: [] },
);
/** A change's actions, and what was there before (the same values, others, or nothing). */
const actions = fc.constantFrom(['create'], ['update'], ['no-op'], ['delete', 'create'], ['create', 'delete']);
const plannedResource = fc.oneof(
  fc.record({
    type: fc.constant('google_cloud_run_v2_service'),
    values: serviceValues,
    unknown: afterUnknown,
    actions,
    before: fc.option(serviceValues, { nil: undefined }),
  }),
  fc.record({
    type: fc.constant('google_binary_authorization_policy'),
    values: mostly(policyBody),
    unknown: afterUnknown,
    actions,
    before: fc.option(mostly(policyBody), { nil: undefined }),
  }),
  fc.record({
    type: fc.constant('google_storage_bucket'),
    values: fc.constant({ name: 'b' }),
    unknown: afterUnknown,
    actions,
    before: fc.constant(undefined),
  }),
);
const moduleTree = fc.record({
  resources: fc.array(plannedResource, { maxLength: 3 }),
  children: fc.array(fc.array(plannedResource, { maxLength: 2 }), { maxLength: 2 }),
});
const planOrState = fc
  .tuple(moduleTree, fc.boolean(), fc.constantFrom('1.0', '1.2', '2.0', 1), fc.boolean())
  .map(([tree, isPlan, version, deletePolicy]) => {
    const changes: unknown[] = [];
    type Planned = { type: string; values: unknown; unknown: unknown; actions: readonly string[]; before: unknown };
    const module = (resources: Planned[], prefix: string) =>
      resources.map((r, i) => {
        const address = `${prefix}${r.type}.r${i}`;
        // Before: nothing for a create; otherwise other values, or the same (mostly the shape Terraform writes).
        const before = r.actions[0] === 'create' && r.actions.length === 1 ? null : (r.before ?? r.values);
        changes.push({
          address,
          mode: 'managed',
          type: r.type,
          name: `r${i}`,
          change: { actions: r.actions, before, after: r.values, after_unknown: r.unknown },
        });
        return { address, mode: 'managed', type: r.type, name: `r${i}`, values: r.values };
      });
    const root = {
      resources: module(tree.resources, ''),
      child_modules: tree.children.map((resources, i) => ({
        address: `module.m${i}`,
        resources: module(resources, `module.m${i}.`),
      })),
    };
    if (deletePolicy) {
      changes.push({
        address: 'google_binary_authorization_policy.gone',
        mode: 'managed',
        type: 'google_binary_authorization_policy',
        name: 'gone',
        change: { actions: ['delete'], before: { project: 'my-project' }, after: null },
      });
    }
    return isPlan
      ? { format_version: version, planned_values: { root_module: root }, resource_changes: changes }
      : { format_version: version, values: { root_module: root } };
  });

describe('every command on random plans and state', () => {
  test('exits 0, 1 or 2; no stack trace, no internal error; exit 2 is one line on standard error', () => {
    expectOrderlyExits(planOrState, PLAN_COMMANDS, 150);
  });

  test('diff never reports as unchanged a service whose enforcement becomes known only after apply', () => {
    fc.assert(
      fc.property(planOrState, (doc: any) => {
        if (doc.planned_values === undefined) {
          return;
        }
        doc.format_version = '1.2';
        const values = {
          project: 'my-project',
          binary_authorization: [{ use_default: true }],
          template: [{ containers: [{ image: IMAGE }] }],
        };
        doc.planned_values.root_module.resources.push({
          address: 'google_cloud_run_v2_service.target',
          mode: 'managed',
          type: 'google_cloud_run_v2_service',
          name: 'target',
          values,
        });
        doc.resource_changes.push({
          address: 'google_cloud_run_v2_service.target',
          mode: 'managed',
          type: 'google_cloud_run_v2_service',
          name: 'target',
          change: { actions: ['update'], before: values, after: values, after_unknown: { binary_authorization: true } },
        });
        const { code, stdout } = run(['diff', inputOf(doc), '--json']);
        expect([1, 2]).toContain(code);
        if (code === 1) {
          const { changes } = JSON.parse(stdout.join('\n'));
          expect(changes).toContainEqual(
            expect.objectContaining({ kind: 'weakening', subject: 'workload google_cloud_run_v2_service.target' }),
          );
        }
      }),
      { numRuns: 150 },
    );
  });

  test('check never admits a plan whose service image is known only after apply', () => {
    fc.assert(
      fc.property(planOrState, fc.constantFrom(true, [{ containers: [{ image: true }] }]), (doc: any, unknown) => {
        if (doc.planned_values === undefined) {
          return;
        }
        doc.format_version = '1.2';
        doc.planned_values.root_module.resources.push({
          address: 'google_cloud_run_v2_service.target',
          mode: 'managed',
          type: 'google_cloud_run_v2_service',
          name: 'target',
          values: {
            project: 'my-project',
            binary_authorization: [{ use_default: true }],
            template: [{ containers: [{ image: IMAGE }] }],
          },
        });
        doc.resource_changes.push({
          address: 'google_cloud_run_v2_service.target',
          mode: 'managed',
          type: 'google_cloud_run_v2_service',
          name: 'target',
          change: { actions: ['update'], after_unknown: { template: unknown } },
        });
        const { code, stdout } = run(['check', inputOf(doc), '--json']);
        expect([1, 2]).toContain(code);
        if (code === 1) {
          const { results } = JSON.parse(stdout.join('\n'));
          // One row per policy of its project (or one saying there is none): none of them admitted.
          const rows = results.filter((r: { workload: string }) => r.workload === 'google_cloud_run_v2_service.target');
          expect(rows.length).toBeGreaterThan(0);
          expect(rows.filter((r: { admitted: boolean }) => r.admitted)).toEqual([]);
        }
      }),
      { numRuns: 150 },
    );
  });
});
