import {
  CLOUD_RUN_RESOURCE_TYPES,
  checkNamedPolicy,
  Enforcement,
  parseRepositoryName,
  readBinauthz,
} from '../../src/core/cloud-run';

/** Terraform JSON marks values known only at apply time with `${…}`. */
const isExpression = (v: unknown) => typeof v === 'string' && v.includes('${');

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
    test.each<[string, Record<string, unknown>, Enforcement, string[]]>([
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
    ])('%s', (_, attributes, enforcement, codes) => {
      const setting = readBinauthz('v2-block', attributes, isExpression);
      expect(setting.enforcement).toBe(enforcement);
      expect(setting.problems.map((p) => p.code)).toStrictEqual(codes);
    });
  });

  describe('readBinauthz, v1 annotation', () => {
    const KEY = 'run.googleapis.com/binary-authorization';
    const BREAKGLASS = 'run.googleapis.com/binary-authorization-breakglass';
    test.each<[string, Record<string, unknown>, Enforcement, string[]]>([
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
    ])('%s', (_, attributes, enforcement, codes) => {
      const setting = readBinauthz('v1-annotation', attributes, isExpression);
      expect(setting.enforcement).toBe(enforcement);
      expect(setting.problems.map((p) => p.code)).toStrictEqual(codes);
    });
  });

  describe('readBinauthz, function', () => {
    test.each<[string, Record<string, unknown>, Enforcement, string[]]>([
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
    ])('%s', (_, attributes, enforcement, codes) => {
      const setting = readBinauthz('function-policy', attributes, isExpression);
      expect(setting.enforcement).toBe(enforcement);
      expect(setting.problems.map((p) => p.code)).toStrictEqual(codes);
    });
  });

  test.each([
    ['projects/my-project/platforms/cloudRun/policies/strict', true],
    ['projects/example.com:my-project/platforms/cloudRun/policies/p_1', true],
    ['projects/my-project/platforms/gke/policies/strict', false],
    ['projects/my-project/platforms/cloudRun/policies/', false],
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
