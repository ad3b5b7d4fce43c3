import fc from 'fast-check';
import {
  CLOUD_RUN_RESOURCE_TYPES,
  checkNamedPolicy,
  CloudRunWiring,
  Enforcement,
  ignoredEnforcement,
  parseRepositoryName,
  readBinauthz,
} from '../../src/core/cloud-run';

/** Terraform JSON marks values known only at apply time with `${…}`. */
const isExpression = (v: unknown) => typeof v === 'string' && v.includes('${');

/** A row of what readBinauthz reads: what it is, the attributes, the enforcement, and the codes of the problems. */
type Row = [what: string, attributes: Record<string, unknown>, enforcement: Enforcement, codes: string[]];

/** The test of a row: what readBinauthz reads from the attributes of a resource of this wiring. */
const readsAs =
  (wiring: CloudRunWiring) =>
  (_: string, attributes: Record<string, unknown>, enforcement: Enforcement, codes: string[]): void => {
    const setting = readBinauthz(wiring, attributes, isExpression);
    expect(setting.enforcement).toBe(enforcement);
    expect(setting.problems.map((p) => p.code)).toStrictEqual(codes);
  };

describe('core/cloud-run', () => {
  test('knows the five resource types Cloud Run deploys', () => {
    expect(CLOUD_RUN_RESOURCE_TYPES).toStrictEqual({
      google_cloud_run_v2_service: 'v2-block',
      google_cloud_run_v2_job: 'v2-block',
      google_cloud_run_v2_worker_pool: 'v2-block',
      google_cloud_run_service: 'v1-annotation',
      google_cloudfunctions2_function: 'function-policy',
    });
  });

  describe('readBinauthz, v2 block', () => {
    const POLICY = 'projects/my-project/platforms/cloudRun/policies/strict';
    test.each<Row>([
      ['no block', {}, 'missing', []],
      ['empty block', { binary_authorization: {} }, 'missing', []],
      ['use_default true', { binary_authorization: { use_default: true } }, 'enforced', []],
      ['a list of one block', { binary_authorization: [{ use_default: true }] }, 'enforced', []],
      ['use_default false', { binary_authorization: { use_default: false } }, 'off', []],
      ['a named policy', { binary_authorization: { policy: POLICY } }, 'enforced', []],
      ['both', { binary_authorization: { use_default: true, policy: POLICY } }, 'enforced', ['oneof']],
      ['false and a policy', { binary_authorization: { use_default: false, policy: POLICY } }, 'enforced', ['oneof']],
      ['use_default and an empty policy', { binary_authorization: { use_default: true, policy: '' } }, 'enforced', []],
      ['only an empty policy', { binary_authorization: { policy: '' } }, 'missing', []],
      ['a malformed policy', { binary_authorization: { policy: 'default' } }, 'enforced', ['policy-format']],
      ['an expression', { binary_authorization: { use_default: '${var.on}' } }, 'unknown', []],
      ['a whole-block expression', { binary_authorization: '${var.block}' }, 'unknown', []],
      [
        'break-glass without enforcement',
        { binary_authorization: { breakglass_justification: 'INC-1' } },
        'missing',
        ['breakglass-without-enforcement'],
      ],
      [
        'break-glass with use_default false',
        { binary_authorization: { use_default: false, breakglass_justification: 'INC-1' } },
        'off',
        ['breakglass-without-enforcement'],
      ],
      [
        'break-glass with enforcement',
        { binary_authorization: { use_default: true, breakglass_justification: 'INC-1' } },
        'enforced',
        [],
      ],
    ])('%s', readsAs('v2-block'));

    // Fail closed: only an interpolation is unknown; a shape that does not enforce is never unknown or enforced.
    test.each<Row>([
      ['an empty list (Terraform JSON for no block)', { binary_authorization: [] }, 'missing', []],
      ['null', { binary_authorization: null }, 'missing', []],
      ['use_default null', { binary_authorization: { use_default: null } }, 'missing', []],
      ['a number', { binary_authorization: 5 }, 'invalid', ['invalid-type']],
      ['a boolean', { binary_authorization: true }, 'invalid', ['invalid-type']],
      ['a string that is not an interpolation', { binary_authorization: 'default' }, 'invalid', ['invalid-type']],
      [
        'a list of two blocks',
        { binary_authorization: [{ use_default: true }, { use_default: false }] },
        'invalid',
        ['invalid-type'],
      ],
      ['a list holding a number', { binary_authorization: [5] }, 'invalid', ['invalid-type']],
      ['a list holding a list', { binary_authorization: [[{ use_default: true }]] }, 'invalid', ['invalid-type']],
      ['use_default "true" (a string)', { binary_authorization: { use_default: 'true' } }, 'invalid', ['invalid-type']],
      ['use_default 1', { binary_authorization: { use_default: 1 } }, 'invalid', ['invalid-type']],
      ['use_default a list', { binary_authorization: { use_default: [true] } }, 'invalid', ['invalid-type']],
      ['policy a number', { binary_authorization: { policy: 5 } }, 'invalid', ['invalid-type']],
      [
        'use_default true and policy an object',
        { binary_authorization: { use_default: true, policy: {} } },
        'invalid',
        ['invalid-type'],
      ],
      [
        'an expression and a wrong type',
        { binary_authorization: { use_default: '${var.on}', policy: 5 } },
        'invalid',
        ['invalid-type'],
      ],
      [
        'a break-glass justification that is not a string',
        { binary_authorization: { use_default: true, breakglass_justification: 42 } },
        'enforced',
        ['invalid-type'],
      ],
    ])('%s', readsAs('v2-block'));
  });

  describe('readBinauthz, v1 annotation', () => {
    const KEY = 'run.googleapis.com/binary-authorization';
    const BREAKGLASS = 'run.googleapis.com/binary-authorization-breakglass';
    test.each<Row>([
      ['no metadata', {}, 'missing', []],
      ['other annotations only', { metadata: { annotations: { a: 'b' } } }, 'missing', []],
      ['default', { metadata: { annotations: { [KEY]: 'default' } } }, 'enforced', []],
      ['empty: off', { metadata: { annotations: { [KEY]: '' } } }, 'off', []],
      ['another value', { metadata: { annotations: { [KEY]: 'on' } } }, 'enforced', ['policy-format']],
      ['an expression', { metadata: { annotations: { [KEY]: '${var.p}' } } }, 'unknown', []],
      ['annotations as an expression', { metadata: { annotations: '${var.a}' } }, 'unknown', []],
      [
        'break-glass alone',
        { metadata: { annotations: { [BREAKGLASS]: 'INC' } } },
        'missing',
        ['breakglass-without-enforcement'],
      ],
      [
        'break-glass with default',
        { metadata: { annotations: { [KEY]: 'default', [BREAKGLASS]: 'INC' } } },
        'enforced',
        [],
      ],
      ['metadata an empty list', { metadata: [] }, 'missing', []],
      ['metadata null', { metadata: null }, 'missing', []],
      ['annotations null', { metadata: { annotations: null } }, 'missing', []],
      ['the annotation null', { metadata: { annotations: { [KEY]: null } } }, 'missing', []],
      ['metadata a number', { metadata: 5 }, 'invalid', ['invalid-type']],
      ['metadata a string', { metadata: 'default' }, 'invalid', ['invalid-type']],
      ['metadata two blocks', { metadata: [{ annotations: { [KEY]: 'default' } }, {}] }, 'invalid', ['invalid-type']],
      ['annotations a list', { metadata: { annotations: [{ [KEY]: 'default' }] } }, 'invalid', ['invalid-type']],
      ['annotations a string', { metadata: { annotations: 'default' } }, 'invalid', ['invalid-type']],
      ['the annotation a number', { metadata: { annotations: { [KEY]: 5 } } }, 'invalid', ['invalid-type']],
      ['the annotation a boolean', { metadata: { annotations: { [KEY]: true } } }, 'invalid', ['invalid-type']],
      ['the annotation a list', { metadata: { annotations: { [KEY]: ['default'] } } }, 'invalid', ['invalid-type']],
      [
        'a break-glass annotation that is not a string',
        { metadata: { annotations: { [KEY]: 'default', [BREAKGLASS]: 1 } } },
        'enforced',
        ['invalid-type'],
      ],
    ])('%s', readsAs('v1-annotation'));
  });

  describe('readBinauthz, function', () => {
    test.each<Row>([
      ['no service_config', {}, 'missing', []],
      ['service_config without the policy', { service_config: { max_instance_count: 1 } }, 'missing', []],
      ['default', { service_config: { binary_authorization_policy: 'default' } }, 'enforced', []],
      ['empty: off', { service_config: { binary_authorization_policy: '' } }, 'off', []],
      [
        'a named policy',
        { service_config: { binary_authorization_policy: 'projects/p/platforms/cloudRun/policies/x' } },
        'enforced',
        ['policy-format'],
      ],
      ['an expression', { service_config: { binary_authorization_policy: '${var.p}' } }, 'unknown', []],
      ['service_config an empty list', { service_config: [] }, 'missing', []],
      ['the policy null', { service_config: { binary_authorization_policy: null } }, 'missing', []],
      ['service_config a number', { service_config: 7 }, 'invalid', ['invalid-type']],
      ['service_config a string', { service_config: 'default' }, 'invalid', ['invalid-type']],
      [
        'service_config two blocks',
        { service_config: [{ binary_authorization_policy: 'default' }, {}] },
        'invalid',
        ['invalid-type'],
      ],
      ['the policy a number', { service_config: { binary_authorization_policy: 5 } }, 'invalid', ['invalid-type']],
      ['the policy an object', { service_config: { binary_authorization_policy: {} } }, 'invalid', ['invalid-type']],
      ['the policy true', { service_config: { binary_authorization_policy: true } }, 'invalid', ['invalid-type']],
    ])('%s', readsAs('function-policy'));
  });

  test.each([
    // The form of the provider's acceptance tests.
    ['projects/my-project/platforms/cloudRun/policies/strict', true],
    ['projects/example.com:my-project/platforms/cloudRun/policies/p_1', true],
    // The form of the Cloud Run v2 REST reference, projects/{project}/platforms/cloudRun/{policy-name}.
    ['projects/my-project/platforms/cloudRun/strict', true],
    ['projects/example.com:my-project/platforms/cloudRun/p-1', true],
    // Near misses.
    ['projects/my-project/platforms/gke/policies/strict', false],
    ['projects/my-project/platforms/gke/strict', false],
    ['projects/my-project/platforms/cloudRun/policies/', false],
    ['projects/my-project/platforms/cloudRun/policies', false],
    ['projects/my-project/platforms/cloudRun/', false],
    ['projects/my-project/platforms/cloudRun/policies/strict/extra', false],
    ['projects/my-project/platforms/cloudRun/strict/extra', false],
    ['projects/my-project/platforms/cloudRun/other/strict', false],
    ['projects/my-project/platforms/cloudrun/policies/strict', false],
    ['/projects/my-project/platforms/cloudRun/policies/strict', false],
    ['projects/my-project/platforms/cloudRun/policies/strict/', false],
    ['projects/my-project/platforms/cloudRun/-strict', false],
    ['projects//platforms/cloudRun/policies/strict', false],
    ['projects/X/platforms/cloudRun/policies/strict', false],
    ['default', false],
  ])('checkNamedPolicy(%s) accepts: %s', (policy, ok) => {
    expect(checkNamedPolicy(policy) === undefined).toBe(ok);
  });

  test('parseRepositoryName takes projects/P/locations/L/repositories/R apart', () => {
    expect(parseRepositoryName('projects/p-123456/locations/europe-west1/repositories/fns')).toStrictEqual({
      project: 'p-123456',
      location: 'europe-west1',
      repository: 'fns',
    });
    expect(() => parseRepositoryName('europe-west1-docker.pkg.dev/p-123456/fns')).toThrow(
      'a repository looks like "projects/PROJECT_ID/locations/REGION/repositories/REPOSITORY" (google_artifact_registry_repository.id)',
    );
  });
});

describe('readBinauthz on any JSON (fail closed)', () => {
  const KEY = 'run.googleapis.com/binary-authorization';
  /** JSON values, biased towards the shapes a setting has: blocks, lists of blocks, booleans, strings. */
  const value: fc.Arbitrary<unknown> = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(true, false, 'default', '', '${var.x}', 'true', 1, null, [], [[]], {}),
  );
  const block = (keys: string[]) =>
    fc.oneof(
      value,
      fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: keys.length }),
      fc.array(fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: keys.length }), { maxLength: 3 }),
    );
  const cases = fc.oneof(
    block(['use_default', 'policy', 'breakglass_justification']).map((v) => ({
      wiring: 'v2-block' as const,
      attributes: { binary_authorization: v },
    })),
    fc
      .oneof(
        value,
        block(['annotations']),
        fc.dictionary(fc.constantFrom(KEY, 'other'), value).map((a) => ({ annotations: a })),
      )
      .map((v) => ({ wiring: 'v1-annotation' as const, attributes: { metadata: v } })),
    block(['binary_authorization_policy', 'max_instance_count']).map((v) => ({
      wiring: 'function-policy' as const,
      attributes: { service_config: v },
    })),
  );
  const nonEmptyString = (v: unknown) => typeof v === 'string' && v !== '';
  const one = (v: unknown) => (Array.isArray(v) && v.length === 1 ? v[0] : v) as Record<string, any>;

  test('unknown only with an interpolation, invalid always with a problem, enforced only when a value says so', () => {
    fc.assert(
      fc.property(cases, ({ wiring, attributes }) => {
        const setting = readBinauthz(wiring, attributes, isExpression);
        if (setting.enforcement === 'unknown') {
          expect(JSON.stringify(attributes)).toContain('${');
        }
        if (setting.enforcement === 'invalid') {
          expect(setting.problems.length).toBeGreaterThan(0);
        }
        if (setting.enforcement === 'enforced') {
          const set = Object.values(attributes)[0];
          const enforcing =
            wiring === 'v2-block'
              ? one(set).use_default === true || nonEmptyString(one(set).policy)
              : wiring === 'v1-annotation'
                ? nonEmptyString(one(set).annotations[KEY])
                : nonEmptyString(one(set).binary_authorization_policy);
          expect(enforcing).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  describe('ignoredEnforcement: the ignore_changes entry that covers the setting', () => {
    const V2 = 'google_cloud_run_v2_service';
    const V1 = 'google_cloud_run_service';
    const FN = 'google_cloudfunctions2_function';
    test.each<[type: string, ignoreChanges: unknown, covering: string | undefined]>([
      [V2, undefined, undefined],
      [V2, null, undefined],
      [V2, [], undefined],
      [V2, 'all', 'all'],
      [V2, ['all'], 'all'],
      [V2, ['binary_authorization'], 'binary_authorization'],
      [V2, ['labels', ' binary_authorization[0] '], ' binary_authorization[0] '],
      [V2, ['binary_authorization.0.use_default'], 'binary_authorization.0.use_default'],
      [V2, ['binary_authorization[0].policy'], 'binary_authorization[0].policy'],
      // A live break-glass justification would stay: a part of the block is covering too (one rule with the readers).
      [V2, ['binary_authorization[0].breakglass_justification'], 'binary_authorization[0].breakglass_justification'],
      [V2, ['binary_authorization.0.use_default'], 'binary_authorization.0.use_default'],
      [V2, ['template[0].containers[0].image', 'labels'], undefined],
      ['google_cloud_run_v2_job', ['binary_authorization'], 'binary_authorization'],
      [V1, ['metadata'], 'metadata'],
      [V1, ['metadata[0].annotations'], 'metadata[0].annotations'],
      [
        V1,
        ['metadata[0].annotations["run.googleapis.com/binary-authorization"]'],
        'metadata[0].annotations["run.googleapis.com/binary-authorization"]',
      ],
      [V1, ['metadata[0].annotations["run.googleapis.com/ingress"]', 'metadata[0].labels'], undefined],
      [V1, ['binary_authorization'], undefined],
      [FN, ['service_config'], 'service_config'],
      [FN, ['service_config[0].binary_authorization_policy'], 'service_config[0].binary_authorization_policy'],
      [FN, ['service_config[0].max_instance_count', 'build_config'], undefined],
      // fail closed: what cannot be read is returned
      [V2, ['${var.ignored}'], '${var.ignored}'],
      [V2, '${var.ignored}', '${var.ignored}'],
      [V2, ['not an address!'], 'not an address!'],
      [V2, [5], '5'],
      [V2, { binary_authorization: true }, '{"binary_authorization":true}'],
      // not a Cloud Run resource
      ['google_storage_bucket', 'all', undefined],
    ])('%s %j: %j', (type, ignoreChanges, covering) => {
      expect(ignoredEnforcement(type, ignoreChanges, isExpression)).toBe(covering);
    });
  });
});
