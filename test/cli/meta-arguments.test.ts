/**
 * What Terraform JSON's meta-arguments and dynamic blocks do to `check`, `lint` and `diff`: `count` and
 * `for_each`, `dynamic` blocks, `lifecycle.ignore_changes`, duplicate provider configurations, and
 * expressions of one instance (`each.key`, `count.index`). Fail closed: what the configuration does not
 * decide is never admitted, never "no change".
 */
import { runCliText, scratchFolder } from '../support';

const D = `sha256:${'a'.repeat(64)}`;
const IMAGE = `us-docker.pkg.dev/p1/apps/api@${D}`;
const POLICY = 'google_binary_authorization_policy';
const SERVICE = 'google_cloud_run_v2_service';
const GUARDRAIL = 'google_org_policy_policy';

/** The baseline: one policy of p1 allowlisting us-docker.pkg.dev/p1/apps/**, one enforcing service. */
function doc(
  options: { policy?: object; service?: object; guardrail?: object; resources?: object; provider?: unknown } = {},
) {
  return {
    provider: options.provider ?? { google: [{ project: 'p1' }] },
    resource: {
      [POLICY]: {
        pol: {
          project: 'p1',
          default_admission_rule: { evaluation_mode: 'ALWAYS_DENY', enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG' },
          admission_whitelist_patterns: [{ name_pattern: 'us-docker.pkg.dev/p1/apps/**' }],
          lifecycle: { prevent_destroy: true },
          ...options.policy,
        },
      },
      [SERVICE]: {
        svc: {
          name: 'svc',
          location: 'us-central1',
          binary_authorization: { use_default: true },
          template: { containers: [{ image: IMAGE }] },
          ...options.service,
        },
      },
      ...(options.guardrail === undefined
        ? {}
        : {
            [GUARDRAIL]: {
              gr: {
                name: 'projects/p1/policies/run.allowedBinaryAuthorizationPolicies',
                parent: 'projects/p1',
                spec: { rules: [{ values: { allowed_values: ['default'] } }] },
                ...options.guardrail,
              },
            },
          }),
      ...options.resources,
    },
  };
}

const scratch = scratchFolder('meta-arguments-');
let n = 0;
const write = (content: object) => scratch.file(`in${n++}.tf.json`, content);

interface Row {
  workload: string;
  container: string;
  decision: string;
  admitted: boolean;
  reason: string;
}

/** `check --json` of a document: its exit code and rows. */
function check(content: object, ...more: string[]): { code: number; rows: Row[]; stderr: string } {
  const { code, stdout, stderr } = runCliText('check', write(content), '--json', ...more);
  return { code, stderr, rows: code === 2 ? [] : JSON.parse(stdout).results };
}

/** `lint --json` of a document: its exit code and findings as `CODE SEVERITY ADDRESS`. */
function lint(content: object): { code: number; findings: string[]; messages: string[] } {
  const { code, stdout } = runCliText('lint', write(content), '--json');
  const found: Array<{ code: string; severity: string; address: string; message: string }> =
    JSON.parse(stdout).findings;
  return {
    code,
    findings: found.filter((f) => f.code !== 'no-guardrail').map((f) => `${f.code} ${f.severity} ${f.address}`),
    messages: found.map((f) => f.message),
  };
}

/** `diff --json` of two documents: its exit code and changes as `KIND SUBJECT: WHAT: REASON`. */
function diff(before: object, after: object): { code: number; changes: string[] } {
  const { code, stdout } = runCliText('diff', write(before), write(after), '--json');
  const changes: Array<{ kind: string; subject: string; what: string; reason: string }> = JSON.parse(stdout).changes;
  return { code, changes: changes.map((c) => `${c.kind} ${c.subject}: ${c.what}: ${c.reason}`) };
}

/** The baseline with its service replaced by one workload `w` of `type` in p1, with `body` on top. */
function workload(type: string, body: object): object {
  return doc({
    resources: { [SERVICE]: {}, [type]: { w: { name: 'w', location: 'us-central1', project: 'p1', ...body } } },
  });
}

/** `check` of a document fails with one row, not admitted, of `decision` and `reason`. */
function expectOneRowNotAdmitted(content: object, decision: string, reason: unknown): void {
  const { code, rows } = check(content);
  expect(code).toBe(1);
  expect(rows).toEqual([expect.objectContaining({ decision, admitted: false, reason })]);
}

describe('the baseline', () => {
  test('admitted, no lint error, no change', () => {
    expect(check(doc())).toMatchObject({ code: 0, rows: [{ decision: 'ALLOW', admitted: true }] });
    expect(lint(doc()).code).toBe(0);
    expect(diff(doc(), doc())).toEqual({ code: 0, changes: [] });
  });
});

describe('count and for_each on a policy', () => {
  test.each([
    ['count 0', { count: 0 }],
    ['count "0"', { count: '0' }],
    ['an empty for_each map', { for_each: {} }],
    ['an empty for_each list', { for_each: [] }],
  ])('%s: no policy is created; check says so, diff says it is removed', (_, meta) => {
    const after = doc({ policy: meta });
    expectOneRowNotAdmitted(after, 'NO_POLICY', expect.stringMatching(/^no policy for project p1/));
    expect(diff(doc(), after)).toEqual({
      code: 1,
      changes: [expect.stringMatching(/^weakening policy of project p1: the policy: the policy is removed/)],
    });
  });

  test.each([
    ['count 1', { count: 1 }],
    ['count "1"', { count: '1' }],
  ])('%s: as without', (_, meta) => {
    expect(check(doc({ policy: meta }))).toMatchObject({ code: 0, rows: [{ decision: 'ALLOW' }] });
    expect(lint(doc({ policy: meta })).code).toBe(0);
    expect(diff(doc(), doc({ policy: meta }))).toEqual({ code: 0, changes: [] });
  });

  test.each([
    ['count 2', { count: 2 }, 'count = 2'],
    ['count "2"', { count: '2' }, 'count = "2"'],
    ['a count expression', { count: '${var.enabled ? 1 : 0}' }, 'count = "${var.enabled ? 1 : 0}"'],
    ['a for_each map', { for_each: { a: 'x' } }, 'for_each = {"a": "x"}'],
    ['a for_each set', { for_each: ['a'] }, 'for_each = ["a"]'],
    ['a for_each expression', { for_each: '${var.projects}' }, 'for_each = "${var.projects}"'],
  ])('%s: whether it exists is known only at apply; not admitted, a lint error, weakening', (_, meta, written) => {
    const after = doc({ policy: meta });
    expectOneRowNotAdmitted(
      after,
      'UNKNOWN',
      `the policy cannot be judged: ${written}: whether (and how often) it exists is known only at apply`,
    );
    const images = check(after, '--image', IMAGE);
    expect(images.code).toBe(1);
    expect(images.rows).toEqual([expect.objectContaining({ decision: 'UNKNOWN', admitted: false })]);
    const linted = lint(after);
    expect(linted.code).toBe(1);
    expect(linted.findings).toContain(`unknown-instances error ${POLICY}.pol`);
    const reviewed = diff(doc(), after);
    expect(reviewed.code).toBe(1);
    expect(reviewed.changes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^weakening policy of project p1: the default rule evaluation mode: ALWAYS_DENY → \$\{.*: whether \(and how often\) it exists is known only at apply\}: .*cannot be judged until apply/,
        ),
      ]),
    );
    expect(reviewed.changes.every((c) => c.startsWith('weakening'))).toBe(true);
  });

  test.each([
    ['a boolean', true],
    ['a negative number', -1],
    ['a fraction', 1.5],
    ['a word', 'two'],
  ])('a count that is %s is an input error', (_, count) => {
    const { code, stderr } = runCliText('check', write(doc({ policy: { count } })));
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /google_binary_authorization_policy\.pol: count must be a whole number \(or an expression\), got: /,
    );
    expect(stderr.split('\n')).toHaveLength(1);
  });

  test('count and for_each together are an input error', () => {
    const { code, stderr } = runCliText('lint', write(doc({ policy: { count: 1, for_each: { a: 'x' } } })));
    expect(code).toBe(2);
    expect(stderr).toMatch(/pol: count and for_each are both set/);
  });
});

describe('count and for_each on a workload', () => {
  const noEnforcement = { binary_authorization: undefined };

  test('count 0: not deployed, so nothing is judged; diff from count 0 to none is an added workload', () => {
    const zero = doc({ service: { ...noEnforcement, count: 0 } });
    const { code, stdout } = runCliText('check', write(zero));
    expect(code).toBe(0); // nothing to judge: one line says so
    expect(stdout).toMatch(/^note: \S+ \(\S+\): no Cloud Run workload \(.*\) in it, so nothing to judge$/);
    expect(diff(zero, doc({ service: noEnforcement }))).toEqual({
      code: 1,
      changes: [
        expect.stringMatching(
          /^weakening workload google_cloud_run_v2_service\.svc: the workload: added without enforcing/,
        ),
      ],
    });
  });

  test.each([
    ['count 2', { count: 2 }, 'count = 2'],
    ['a count expression', { count: '${var.n}' }, 'count = "${var.n}"'],
    ['a for_each map', { for_each: { a: 'x' } }, 'for_each = {"a": "x"}'],
    ['a for_each expression', { for_each: '${var.regions}' }, 'for_each = "${var.regions}"'],
  ])('%s: judged as configured, and the row says it has instances; lint warns', (_, meta, written) => {
    const { code, rows } = check(doc({ service: meta }));
    expect(code).toBe(0);
    expect(rows[0].reason).toBe(
      `allowlisted by "us-docker.pkg.dev/p1/apps/**" [${written}: each instance judged as configured]`,
    );
    expect(lint(doc({ service: meta })).findings).toEqual([`unknown-instances warning ${SERVICE}.svc`]);
    const notEnforcing = check(doc({ service: { ...meta, ...noEnforcement } }));
    expect(notEnforcing).toMatchObject({ code: 1, rows: [{ decision: 'NOT_ENFORCED', admitted: false }] });
  });

  test('repositories and buckets with instances are read only for the references of grants: no lint finding', () => {
    const resources = {
      google_storage_bucket: { b: { count: 2, name: 'b-${count.index}', location: 'US' } },
      google_artifact_registry_repository: {
        r: { for_each: '${var.regions}', location: '${each.key}', repository_id: 'apps', format: 'DOCKER' },
      },
    };
    expect(lint(doc({ resources })).findings).toEqual([]);
  });

  test('an image of each instance is unknown', () => {
    const { code, rows } = check(
      doc({ service: { for_each: { a: 'x' }, template: { containers: [{ image: '${each.value}' }] } } }),
    );
    expect(code).toBe(1);
    expect(rows[0]).toMatchObject({ decision: 'UNKNOWN', admitted: false });
  });
});

describe('count and for_each on the guardrail', () => {
  test('count 0: removed, weakening', () => {
    expect(diff(doc({ guardrail: {} }), doc({ guardrail: { count: 0 } }))).toEqual({
      code: 1,
      changes: [expect.stringMatching(/^weakening guardrail .*: removed/)],
    });
  });

  test.each([
    ['a count expression', { count: '${var.on ? 1 : 0}' }],
    ['a for_each map', { for_each: { a: 'x' } }],
  ])('%s: its spec is unknown (weakening), a lint error', (_, meta) => {
    const reviewed = diff(doc({ guardrail: {} }), doc({ guardrail: meta }));
    expect(reviewed.code).toBe(1);
    expect(reviewed.changes).toEqual([expect.stringMatching(/^weakening guardrail /)]);
    const linted = lint(doc({ guardrail: meta }));
    expect(linted.code).toBe(1);
    expect(linted.findings).toContain(`unknown-instances error ${GUARDRAIL}.gr`);
  });
});

describe('expressions of one instance are never the same value across resources', () => {
  test.each([
    ['each.key', { for_each: { p1: 'x' }, project: '${each.key}' }, { for_each: { p2: 'y' }, project: '${each.key}' }],
    [
      'count.index',
      { project: '${var.projects[count.index]}', count: 1 },
      { project: '${var.projects[count.index]}', count: 2 },
    ],
    ['self', { project: '${self.labels.p}' }, { project: '${self.labels.p}' }],
  ])('%s: the policy does not judge the service', (_, policy, service) => {
    const { code, rows } = check(doc({ policy, service }));
    expect(code).toBe(1);
    expect(rows[0]).toMatchObject({ decision: 'NO_POLICY', admitted: false });
  });

  test('the same variable twice is still one value', () => {
    const { code, rows } = check(
      doc({ policy: { project: '${var.project}' }, service: { project: '${var.project}' } }),
    );
    expect(code).toBe(0);
    expect(rows[0]).toMatchObject({ decision: 'ALLOW', policy: `${POLICY}.pol` });
  });
});

describe('dynamic blocks that the judgement reads', () => {
  const dynamicContainers = { for_each: ['x'], content: { image: 'docker.io/evil/x:latest' } };

  test.each([
    [
      'v2 containers',
      SERVICE,
      { template: { containers: [{ image: IMAGE }], dynamic: { containers: dynamicContainers } } },
      'template.containers[1]',
    ],
    [
      'v2 containers, dynamic as a list',
      SERVICE,
      { template: { containers: [{ image: IMAGE }], dynamic: [{ containers: dynamicContainers }] } },
      'template.containers[1]',
    ],
    [
      'v2 containers alone',
      SERVICE,
      { template: { dynamic: { containers: dynamicContainers } } },
      'template.containers[0]',
    ],
    [
      'v2 template',
      SERVICE,
      { template: undefined, dynamic: { template: { for_each: ['x'], content: {} } } },
      'template',
    ],
    [
      'v2 job containers',
      'google_cloud_run_v2_job',
      { template: { template: { containers: [{ image: IMAGE }], dynamic: { containers: dynamicContainers } } } },
      'template.template.containers[1]',
    ],
    [
      'v1 containers',
      'google_cloud_run_service',
      {
        metadata: { annotations: { 'run.googleapis.com/binary-authorization': 'default' } },
        template: { spec: { containers: [{ image: IMAGE }], dynamic: { containers: dynamicContainers } } },
      },
      'template.spec.containers[1]',
    ],
    [
      'v1 spec',
      'google_cloud_run_service',
      {
        metadata: { annotations: { 'run.googleapis.com/binary-authorization': 'default' } },
        template: { dynamic: { spec: { for_each: ['x'], content: { containers: [{ image: 'docker.io/evil/x' }] } } } },
      },
      'template.spec',
    ],
  ])('%s: an unknown image, not admitted', (_, type, body, container) => {
    const content = doc({
      resources: {
        [SERVICE]: {},
        [type]: {
          w: {
            name: 'w',
            location: 'us-central1',
            project: 'p1',
            binary_authorization: { use_default: true },
            ...body,
          },
        },
      },
    });
    const { code, rows } = check(content);
    expect(code).toBe(1);
    expect(rows).toContainEqual(expect.objectContaining({ container, decision: 'UNKNOWN', admitted: false }));
  });

  test.each([
    [
      'binary_authorization',
      SERVICE,
      {
        binary_authorization: undefined,
        dynamic: { binary_authorization: { for_each: ['x'], content: { use_default: false } } },
      },
    ],
    [
      'v1 metadata',
      'google_cloud_run_service',
      {
        template: { spec: { containers: [{ image: IMAGE }] } },
        dynamic: { metadata: { for_each: ['x'], content: { annotations: {} } } },
      },
    ],
    [
      'function service_config',
      'google_cloudfunctions2_function',
      {
        build_config: {
          runtime: 'nodejs20',
          entry_point: 'h',
          docker_repository: 'projects/p1/locations/us-central1/repositories/apps',
        },
        dynamic: { service_config: { for_each: ['x'], content: { binary_authorization_policy: '' } } },
      },
    ],
  ])('a dynamic %s: whether it enforces is unknown, not admitted', (_, type, body) => {
    const content = workload(type, body);
    const { code, rows } = check(content);
    expect(code).toBe(1);
    expect(rows.every((r) => r.decision === 'UNKNOWN' && !r.admitted)).toBe(true);
  });

  test('a function with a dynamic build_config: the repository its build writes to is unknown', () => {
    const content = workload('google_cloudfunctions2_function', {
      build_config: { runtime: 'nodejs20', entry_point: 'h' },
      dynamic: {
        build_config: {
          for_each: ['x'],
          content: { docker_repository: 'projects/evil/locations/us-central1/repositories/r' },
        },
      },
      service_config: { binary_authorization_policy: 'default' },
    });
    const { code, rows } = check(content);
    expect(code).toBe(1);
    expect(rows).toEqual([
      expect.objectContaining({
        container: '(build)',
        decision: 'UNKNOWN',
        admitted: false,
        reason: expect.stringContaining('dynamic "build_config"'),
      }),
    ]);
  });

  test('a dynamic default rule: the policy is unknown, and diff says so', () => {
    const after = doc({
      policy: {
        default_admission_rule: undefined,
        dynamic: { default_admission_rule: { for_each: ['x'], content: { evaluation_mode: 'ALWAYS_ALLOW' } } },
      },
    });
    const { code, rows } = check(after, '--image', 'docker.io/evil/x@' + D);
    expect(code).toBe(1);
    expect(rows[0]).toMatchObject({ decision: 'UNKNOWN', admitted: false });
    expect(diff(doc(), after).changes[0]).toMatch(
      /^weakening policy of project p1: the default rule evaluation mode: ALWAYS_DENY → \$\{dynamic "default_admission_rule"\}/,
    );
  });

  test('a dynamic key of an attestor: an added key known only at apply, weakening', () => {
    const attestor = (note: object) => ({
      google_binary_authorization_attestor: {
        a: { name: 'a', project: 'p1', attestation_authority_note: { note_reference: 'n', ...note } },
      },
    });
    const key = { id: 'k1', pkix_public_key: { public_key_pem: 'PEM', signature_algorithm: 'ECDSA_P256_SHA256' } };
    const before = doc({ resources: attestor({ public_keys: [key] }) });
    const after = doc({
      resources: attestor({ public_keys: [key], dynamic: { public_keys: { for_each: '${var.keys}', content: {} } } }),
    });
    const reviewed = diff(before, after);
    expect(reviewed.code).toBe(1);
    expect(reviewed.changes).toEqual([expect.stringMatching(/^weakening attestor .*dynamic "public_keys"/)]);
  });

  test.each([
    ['spec', { spec: undefined, dynamic: { spec: { for_each: ['x'], content: {} } } }],
    [
      'rules, next to a static one',
      {
        spec: {
          rules: [{ values: { allowed_values: ['default'] } }],
          dynamic: { rules: { for_each: ['x'], content: { allow_all: 'TRUE' } } },
        },
      },
    ],
  ])('a dynamic guardrail %s: unknown, weakening', (_, guardrail) => {
    expect(diff(doc({ guardrail: {} }), doc({ guardrail })).changes).toEqual([
      expect.stringMatching(/^weakening guardrail .*known only at apply/),
    ]);
  });
});

describe('lifecycle.ignore_changes', () => {
  test.each([
    [SERVICE, ['binary_authorization']],
    [SERVICE, ['binary_authorization[0].use_default']],
    [SERVICE, '${binary_authorization}'.split(',')],
    [SERVICE, 'all'],
    [SERVICE, ['all']],
  ])('%s ignoring %j: whether it enforces cannot be verified; lint error; diff weakening', (_, ignore) => {
    const after = doc({ service: { lifecycle: { ignore_changes: ignore } } });
    const { code, rows } = check(after);
    expect(code).toBe(1);
    expect(rows[0]).toMatchObject({
      decision: 'UNKNOWN',
      admitted: false,
      reason: expect.stringContaining('lifecycle.ignore_changes'),
    });
    expect(lint(after)).toMatchObject({ code: 1, findings: [`ignore-changes error ${SERVICE}.svc`] });
    expect(diff(doc(), after).changes).toEqual([
      expect.stringMatching(/^weakening workload .*svc: Binary Authorization: /),
    ]);
  });

  test.each([['template'], ['template[0].containers'], ['template[0].containers[0].image']])(
    'ignoring %s: the images cannot be verified',
    (entry) => {
      const { code, rows } = check(doc({ service: { lifecycle: { ignore_changes: [entry] } } }));
      expect(code).toBe(1);
      expect(rows[0]).toMatchObject({
        decision: 'UNKNOWN',
        admitted: false,
        reason: `lifecycle.ignore_changes "${entry}" keeps what is deployed as it is live, so it may differ from the configuration (configured: ${IMAGE})`,
      });
    },
  );

  test('v1: ignoring the annotation or metadata; functions: ignoring service_config or build_config', () => {
    const v1 = (ignore: string[]) =>
      workload('google_cloud_run_service', {
        metadata: { annotations: { 'run.googleapis.com/binary-authorization': 'default' } },
        template: { spec: { containers: [{ image: IMAGE }] } },
        lifecycle: { ignore_changes: ignore },
      });
    for (const entry of [
      'metadata',
      'metadata[0].annotations',
      'metadata[0].annotations["run.googleapis.com/binary-authorization"]',
    ]) {
      expect(check(v1([entry])).rows[0]).toMatchObject({ decision: 'UNKNOWN', admitted: false });
    }
    expect(check(v1(['metadata[0].labels']))).toMatchObject({ code: 0, rows: [{ decision: 'ALLOW' }] });
    const fn = (ignore: string[]) =>
      workload('google_cloudfunctions2_function', {
        build_config: { docker_repository: 'projects/p1/locations/us-central1/repositories/apps' },
        service_config: { binary_authorization_policy: 'default' },
        lifecycle: { ignore_changes: ignore },
      });
    expect(check(fn([])).code).toBe(1); // the repository is not allowlisted, but judged
    for (const entry of ['service_config', 'build_config', 'build_config[0].docker_repository']) {
      expect(check(fn([entry])).rows[0]).toMatchObject({
        decision: 'UNKNOWN',
        admitted: false,
        reason: expect.stringContaining(`"${entry}"`),
      });
    }
  });

  test('an entry on something else: judged as before', () => {
    expect(check(doc({ service: { lifecycle: { ignore_changes: ['labels', 'client'] } } }))).toMatchObject({
      code: 0,
      rows: [{ decision: 'ALLOW' }],
    });
    expect(lint(doc({ service: { lifecycle: { ignore_changes: ['labels'] } } })).code).toBe(0);
  });

  test.each([
    ['all'],
    [['all']],
    [['default_admission_rule']],
    [['admission_whitelist_patterns']],
    [['default_admission_rule[0].evaluation_mode']],
  ])('a policy ignoring %j: it judges nothing; lint error', (ignore) => {
    const after = doc({ policy: { lifecycle: { prevent_destroy: true, ignore_changes: ignore } } });
    const { code, rows } = check(after);
    expect(code).toBe(1);
    expect(rows[0]).toMatchObject({
      decision: 'UNKNOWN',
      admitted: false,
      reason: expect.stringMatching(
        /^the policy cannot be judged: lifecycle\.ignore_changes .* keeps the live value, which may differ from the configuration$/,
      ),
    });
    expect(lint(after)).toMatchObject({
      code: 1,
      findings: expect.arrayContaining([`ignore-changes error ${POLICY}.pol`]),
    });
  });

  test.each([['spec'], ['all']])('a guardrail ignoring %s: unknown, weakening', (entry) => {
    const after = doc({ guardrail: { lifecycle: { ignore_changes: [entry] } } });
    expect(diff(doc({ guardrail: {} }), after).changes).toEqual([
      expect.stringMatching(/^weakening guardrail .*its spec is known only at apply time/),
    ]);
    expect(lint(after)).toMatchObject({ code: 1, findings: [`ignore-changes error ${GUARDRAIL}.gr`] });
  });

  test('a policy ignoring its project: it judges nothing', () => {
    const after = doc({ policy: { lifecycle: { prevent_destroy: true, ignore_changes: ['project'] } } });
    expectOneRowNotAdmitted(after, 'UNKNOWN', expect.stringContaining('lifecycle.ignore_changes "project"'));
  });

  test('a policy ignoring its description: judged as before', () => {
    expect(check(doc({ policy: { lifecycle: { prevent_destroy: true, ignore_changes: ['description'] } } })).code).toBe(
      0,
    );
  });
});

describe('provider configurations', () => {
  test.each([
    ['two without alias', [{ project: 'p1' }, { project: 'p2' }], 'two configurations without alias'],
    [
      'two with one alias',
      [{ project: 'p1' }, { alias: 'a', project: 'p2' }, { alias: 'a', project: 'p3' }],
      'two configurations with alias "a"',
    ],
  ])('%s: an input error, one line', (_, google, message) => {
    const { code, stdout, stderr } = runCliText('check', write(doc({ provider: { google } })));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`provider.google: ${message}`);
    expect(stderr.split('\n')).toHaveLength(1);
  });

  test('google and google-beta without alias, and distinct aliases, are fine', () => {
    const provider = { google: [{ project: 'p1' }, { alias: 'a', project: 'p2' }], 'google-beta': { project: 'p3' } };
    expect(check(doc({ provider })).code).toBe(0);
  });

  test('across the files of one folder', () => {
    const a = scratch.file('dup/a.tf.json', doc());
    scratch.file('dup/b.tf.json', { provider: { google: { project: 'p2' } } });
    const { code, stderr } = runCliText('check', a.replace(/a\.tf\.json$/, ''));
    expect(code).toBe(2);
    expect(stderr).toContain('provider.google: two configurations without alias');
  });
});
