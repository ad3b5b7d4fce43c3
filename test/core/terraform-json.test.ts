import {
  attestorsFromTerraformJson,
  DYNAMIC_PATTERNS,
  instancesOf,
  policiesFromTerraformJson,
  PROVIDER_DEFAULT_PROJECT,
  resourcesOfType,
  TerraformJsonError,
  terraformJsonModel,
} from '../../src/core/terraform-json';
import { DENY_RULE, policyJson } from '../support';

/** Terraform JSON holding one policy `p` of my-project that denies, with `body` on top. */
function policyDoc(body: Record<string, unknown>): unknown {
  return policyJson({ project: 'my-project', default_admission_rule: DENY_RULE, ...body });
}

function nested(depth: number, bottom: unknown): unknown {
  let value = bottom;
  for (let i = 0; i < depth; i++) {
    value = [value];
  }
  return value;
}

describe('policiesFromTerraformJson: the shapes Terraform JSON allows', () => {
  test('blocks as objects or lists of one, null as not set', () => {
    const [found] = policiesFromTerraformJson(
      policyDoc({
        default_admission_rule: [{ ...DENY_RULE, require_attestations_by: null }],
        admission_whitelist_patterns: [{ name_pattern: 'gcr.io/p/a@*' }, { name_pattern: '${var.p}' }],
        cluster_admission_rules: { cluster: 'us-central1-a.prod', ...DENY_RULE },
        lifecycle: [{ prevent_destroy: true }],
        description: null,
      }),
    );
    expect(found).toStrictEqual({
      address: 'google_binary_authorization_policy.p',
      policy: {
        project: 'my-project',
        defaultAdmissionRule: {
          evaluationMode: 'ALWAYS_DENY',
          enforcementMode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
          requireAttestationsBy: [],
        },
        allowlistPatterns: ['gcr.io/p/a@*', '${var.p}'],
        clusterAdmissionRules: {
          'us-central1-a.prod': {
            evaluationMode: 'ALWAYS_DENY',
            enforcementMode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
            requireAttestationsBy: [],
          },
        },
      },
      preventDestroy: true,
      description: undefined,
      globalPolicyEvaluationMode: undefined,
    });
  });

  test('interpolations are kept as values known only at apply time', () => {
    const [found] = policiesFromTerraformJson(
      policyDoc({
        project: '${var.project}',
        default_admission_rule: {
          ...DENY_RULE,
          evaluation_mode: 'REQUIRE_ATTESTATION',
          require_attestations_by: '${var.a}',
        },
        admission_whitelist_patterns: '${var.patterns}',
      }),
    );
    expect(found.policy.project).toBe('${var.project}');
    expect(found.policy.defaultAdmissionRule.requireAttestationsBy).toStrictEqual(['${var.a}']);
    expect(found.policy.allowlistPatterns).toStrictEqual([DYNAMIC_PATTERNS]);
  });

  test('a dynamic block, as an object or a list, adds patterns known only at apply time', () => {
    for (const dynamic of [
      { admission_whitelist_patterns: { for_each: '${var.p}' } },
      [{ admission_whitelist_patterns: { for_each: '${var.p}' } }],
    ]) {
      expect(policiesFromTerraformJson(policyDoc({ dynamic }))[0].policy.allowlistPatterns).toStrictEqual([
        DYNAMIC_PATTERNS,
      ]);
    }
  });

  test('no project is the provider default project', () => {
    expect(policiesFromTerraformJson(policyDoc({ project: null }))[0].policy.project).toBe(PROVIDER_DEFAULT_PROJECT);
  });

  test('no resource, or no policy, is no policy', () => {
    expect(policiesFromTerraformJson({})).toStrictEqual([]);
    expect(policiesFromTerraformJson({ resource: {} })).toStrictEqual([]);
    expect(policiesFromTerraformJson({ resource: { google_pubsub_topic: 5 } })).toStrictEqual([]);
  });
});

describe('policiesFromTerraformJson: values of the wrong type are errors naming the address and attribute', () => {
  const P = 'google_binary_authorization_policy.p';
  test.each<[string, unknown, string]>([
    [
      'a list as the document',
      [],
      'the document must be a JSON object (Terraform JSON, like {"resource": {…}}), got: []',
    ],
    [
      'a string as the document',
      'x',
      'the document must be a JSON object (Terraform JSON, like {"resource": {…}}), got: "x"',
    ],
    [
      'null as the document',
      null,
      'the document must be a JSON object (Terraform JSON, like {"resource": {…}}), got: null',
    ],
    ['resource null', { resource: null }, 'resource must be an object keyed by resource type, got: null'],
    ['resource a number', { resource: 1 }, 'resource must be an object keyed by resource type, got: 1'],
    [
      'resource a list',
      { resource: [{ google_binary_authorization_policy: {} }] },
      'resource is a list; this command reads resource as one object keyed by resource type (merge the list\'s objects into one), got: [{"google_binary_authorization_policy": {}}]',
    ],
    [
      'the type a list',
      { resource: { google_binary_authorization_policy: [] } },
      'resource.google_binary_authorization_policy must be an object keyed by resource name, got: []',
    ],
    [
      'a body that is a string',
      { resource: { google_binary_authorization_policy: { p: 'x' } } },
      'google_binary_authorization_policy.p must be an object (the resource\'s attributes), got: "x"',
    ],
    [
      'a body that is an empty list',
      { resource: { google_binary_authorization_policy: { p: [] } } },
      "google_binary_authorization_policy.p must be an object (the resource's attributes), got: []",
    ],
    [
      'a body that is a list of lists',
      { resource: { google_binary_authorization_policy: { p: [[DENY_RULE]] } } },
      "google_binary_authorization_policy.p must be an object (the resource's attributes), got: [[{…}]]",
    ],
    [
      'a body declared twice',
      { resource: { google_binary_authorization_policy: { p: [{}, {}] } } },
      'google_binary_authorization_policy.p: declared 2 times (a list of 2 bodies); Terraform refuses a duplicate resource, give each its own name',
    ],
    ['project a number', policyDoc({ project: 7 }), `${P}: project must be a string (a project id), got: 7`],
    [
      'no default rule',
      policyDoc({ default_admission_rule: undefined }),
      `${P}: default_admission_rule is not set; the provider requires it (evaluation_mode and enforcement_mode)`,
    ],
    [
      'an empty list as the default rule',
      policyDoc({ default_admission_rule: [] }),
      `${P}: default_admission_rule is not set; the provider requires it (evaluation_mode and enforcement_mode)`,
    ],
    [
      'two default rules',
      policyDoc({ default_admission_rule: [DENY_RULE, DENY_RULE] }),
      `${P}: default_admission_rule must be a single block, got: [{"evaluation_mode": "ALWAYS_DENY", "enforcement_mode": "ENF`,
    ],
    [
      'a default rule that is a string',
      policyDoc({ default_admission_rule: 'ALWAYS_DENY' }),
      `${P}: default_admission_rule must be a block (an object, or a list of one object), got: "ALWAYS_DENY"`,
    ],
    [
      'evaluation_mode a number',
      policyDoc({ default_admission_rule: { ...DENY_RULE, evaluation_mode: 5 } }),
      `${P}: default_admission_rule.evaluation_mode must be a string (ALWAYS_ALLOW, ALWAYS_DENY or REQUIRE_ATTESTATION), got: 5`,
    ],
    [
      'evaluation_mode nested 20,000 levels deep',
      policyDoc({ default_admission_rule: { ...DENY_RULE, evaluation_mode: nested(20_000, 'ALWAYS_DENY') } }),
      `${P}: default_admission_rule.evaluation_mode must be a string (ALWAYS_ALLOW, ALWAYS_DENY or REQUIRE_ATTESTATION), got: [[[…]]]`,
    ],
    [
      'no evaluation_mode',
      policyDoc({ default_admission_rule: { enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG' } }),
      `${P}: default_admission_rule.evaluation_mode is not set; it must be ALWAYS_ALLOW, ALWAYS_DENY or REQUIRE_ATTESTATION`,
    ],
    [
      'enforcement_mode a boolean',
      policyDoc({ default_admission_rule: { ...DENY_RULE, enforcement_mode: true } }),
      `${P}: default_admission_rule.enforcement_mode must be a string (ENFORCED_BLOCK_AND_AUDIT_LOG or DRYRUN_AUDIT_LOG_ONLY), got: true`,
    ],
    [
      'require_attestations_by [1]',
      policyDoc({ default_admission_rule: { ...DENY_RULE, require_attestations_by: [1] } }),
      `${P}: default_admission_rule.require_attestations_by[0] must be a string (attestor names like "projects/P/attestors/N"), got: 1`,
    ],
    [
      'require_attestations_by a plain string',
      policyDoc({ default_admission_rule: { ...DENY_RULE, require_attestations_by: 'projects/p/attestors/a' } }),
      `${P}: default_admission_rule.require_attestations_by must be a list of strings (attestor names like "projects/P/attestors/N"), got: "projects/p/attestors/a"`,
    ],
    [
      'name_pattern an object',
      policyDoc({ admission_whitelist_patterns: [{ name_pattern: {} }] }),
      `${P}: admission_whitelist_patterns[0].name_pattern must be a string (an image pattern like "gcr.io/my-project/app@*"), got: {}`,
    ],
    [
      'a pattern block without name_pattern',
      policyDoc({ admission_whitelist_patterns: { pattern: 'gcr.io/p/a@*' } }),
      `${P}: admission_whitelist_patterns.name_pattern is not set; it must be an image pattern like "gcr.io/my-project/app@*"`,
    ],
    [
      'patterns as a list of strings',
      policyDoc({ admission_whitelist_patterns: ['gcr.io/p/a@*'] }),
      `${P}: admission_whitelist_patterns[0] must be a block (an object), got: "gcr.io/p/a@*"`,
    ],
    [
      'patterns as a plain string',
      policyDoc({ admission_whitelist_patterns: 'gcr.io/p/a@*' }),
      `${P}: admission_whitelist_patterns must be a block (an object), got: "gcr.io/p/a@*"`,
    ],
    [
      'a cluster rule without cluster',
      policyDoc({ cluster_admission_rules: [DENY_RULE] }),
      `${P}: cluster_admission_rules[0].cluster is not set; it must be a cluster key like "us-central1-a.prod-cluster"`,
    ],
    [
      'two rules for one cluster',
      policyDoc({
        cluster_admission_rules: [
          { ...DENY_RULE, cluster: 'us-central1-a.c' },
          { ...DENY_RULE, cluster: 'us-central1-a.c' },
        ],
      }),
      `${P}: cluster_admission_rules[1].cluster "us-central1-a.c" has two rules; keep one rule per cluster`,
    ],
    [
      'prevent_destroy "true"',
      policyDoc({ lifecycle: { prevent_destroy: 'true' } }),
      `${P}: lifecycle.prevent_destroy must be true or false, got: "true"`,
    ],
    [
      'global_policy_evaluation_mode a list',
      policyDoc({ global_policy_evaluation_mode: ['ENABLE'] }),
      `${P}: global_policy_evaluation_mode must be a string ("ENABLE" or "DISABLE"), got: ["ENABLE"]`,
    ],
    ['description a number', policyDoc({ description: 1 }), `${P}: description must be a string (a string), got: 1`],
    ['dynamic a string', policyDoc({ dynamic: 'x' }), `${P}: dynamic must be a block (an object), got: "x"`],
  ])('%s', (_, doc, message) => {
    expect(() => policiesFromTerraformJson(doc)).toThrow(TerraformJsonError);
    expect(() => policiesFromTerraformJson(doc)).toThrow(message);
  });
});

describe('attestorsFromTerraformJson', () => {
  test('reads the project and name', () => {
    expect(
      attestorsFromTerraformJson({
        resource: { google_binary_authorization_attestor: { a: { project: 'sec', name: 'prod' }, b: { name: 'x' } } },
      }),
    ).toStrictEqual([
      { address: 'google_binary_authorization_attestor.a', project: 'sec', name: 'prod' },
      { address: 'google_binary_authorization_attestor.b', project: PROVIDER_DEFAULT_PROJECT, name: 'x' },
    ]);
  });

  test.each<[unknown, string]>([
    [
      { project: 7, name: 'a' },
      'google_binary_authorization_attestor.a: project must be a string (a project id), got: 7',
    ],
    [{ project: 'p' }, "google_binary_authorization_attestor.a: name is not set; it must be the attestor's name"],
    [
      { name: ['a'] },
      'google_binary_authorization_attestor.a: name must be a string (the attestor\'s name), got: ["a"]',
    ],
  ])('%j', (body, message) => {
    expect(() =>
      attestorsFromTerraformJson({ resource: { google_binary_authorization_attestor: { a: body } } }),
    ).toThrow(message);
  });
});

describe('resourcesOfType', () => {
  test('bodies as objects or lists of one object, in document order', () => {
    expect(resourcesOfType({ resource: { t: { a: { x: 1 }, b: [{ x: 2 }] } } }, 't')).toStrictEqual([
      ['a', { x: 1 }],
      ['b', { x: 2 }],
    ]);
  });
});

describe('terraformJsonModel: data sources', () => {
  test('the KMS key version data source is kept as data.TYPE.NAME, with its provider project', () => {
    const model = terraformJsonModel({
      provider: { google: { project: 'sec' } },
      data: {
        google_kms_crypto_key_version: { v: { crypto_key: '${google_kms_crypto_key.k.id}' } },
        google_pubsub_topic: { b: {} },
      },
    });
    expect(model.resources).toEqual([
      {
        address: 'data.google_kms_crypto_key_version.v',
        type: 'google_kms_crypto_key_version',
        values: { crypto_key: '${google_kms_crypto_key.k.id}' },
        providerProject: 'sec',
      },
    ]);
  });

  test.each<[unknown, string]>([
    [{ data: [] }, 'data is a list'],
    [{ data: { google_kms_crypto_key_version: [] } }, 'data.google_kms_crypto_key_version must be an object'],
    [{ data: { google_kms_crypto_key_version: { v: 'x' } } }, 'data.google_kms_crypto_key_version.v must be an object'],
  ])('a data block of the wrong shape is an error: %j', (doc, message) => {
    expect(() => terraformJsonModel(doc)).toThrow(message);
  });
});

describe('instancesOf: count and for_each', () => {
  const A = 'google_binary_authorization_policy.p';
  test.each([
    [{}, { count: 1 }],
    [{ count: null }, { count: 1 }],
    [{ count: 0 }, { count: 0 }],
    [{ count: '0' }, { count: 0 }],
    [{ count: 1 }, { count: 1 }],
    [{ count: '1' }, { count: 1 }],
    [{ for_each: {} }, { count: 0 }],
    [{ for_each: [] }, { count: 0 }],
    [{ count: 3 }, { metaArgument: 'count = 3' }],
    [{ count: '3' }, { metaArgument: 'count = "3"' }],
    [{ count: '${var.n}' }, { metaArgument: 'count = "${var.n}"' }],
    [{ for_each: { a: 1 } }, { metaArgument: 'for_each = {"a": 1}' }],
    [{ for_each: ['a'] }, { metaArgument: 'for_each = ["a"]' }],
    [{ for_each: '${var.m}' }, { metaArgument: 'for_each = "${var.m}"' }],
  ])('%j: %j', (values, expected) => {
    expect(instancesOf(A, values)).toStrictEqual(expected);
  });

  test.each([
    [{ count: -1 }, `${A}: count must be a whole number (or an expression), got: -1`],
    [{ count: 0.5 }, `${A}: count must be a whole number (or an expression), got: 0.5`],
    [{ count: true }, `${A}: count must be a whole number (or an expression), got: true`],
    [{ count: 'x' }, `${A}: count must be a whole number (or an expression), got: "x"`],
    [{ count: 1, for_each: {} }, `${A}: count and for_each are both set; Terraform refuses that, keep one`],
  ])('%j: an error', (values, message) => {
    expect(() => instancesOf(A, values)).toThrow(new TerraformJsonError(message));
  });

  test('the reader leaves out resources and data sources with no instance', () => {
    const model = terraformJsonModel({
      resource: { google_binary_authorization_attestor: { a: { name: 'a', count: 0 }, b: { name: 'b' } } },
      data: { google_kms_crypto_key_version: { v: { crypto_key: 'k', for_each: {} } } },
    });
    expect(model.resources.map((r) => r.address)).toEqual(['google_binary_authorization_attestor.b']);
  });
});

describe('terraformJsonModel: dynamic blocks of what is judged', () => {
  test('a dynamic allowlist adds an unknown pattern after the static ones, as before', () => {
    const [found] = policiesFromTerraformJson(
      policyDoc({
        admission_whitelist_patterns: [{ name_pattern: 'gcr.io/p/a@*' }],
        dynamic: { admission_whitelist_patterns: { for_each: '${var.p}' } },
      }),
    );
    expect(found.policy.allowlistPatterns).toStrictEqual(['gcr.io/p/a@*', DYNAMIC_PATTERNS]);
  });

  test('the input is not changed', () => {
    const doc = policyDoc({ dynamic: { default_admission_rule: { for_each: ['x'] } } });
    const before = JSON.stringify(doc);
    const [found] = policiesFromTerraformJson(doc);
    expect(found.policy.defaultAdmissionRule.evaluationMode).toBe('${dynamic "default_admission_rule"}');
    expect(JSON.stringify(doc)).toBe(before);
  });

  test('a dynamic of the wrong shape inside a block is an error naming where', () => {
    const doc = {
      resource: {
        google_cloud_run_v2_service: { s: { template: { containers: [{ image: 'i' }], dynamic: 'x' } } },
      },
    };
    expect(() => terraformJsonModel(doc)).toThrow(
      new TerraformJsonError('google_cloud_run_v2_service.s: template.dynamic must be a block (an object), got: "x"'),
    );
  });
});

describe('terraformJsonModel: provider configurations', () => {
  const resource = { google_binary_authorization_attestor: { a: { name: 'a' } } };
  test.each([
    [{ google: [{ project: 'a' }, { project: 'b' }] }, 'provider.google: two configurations without alias'],
    [{ google: [{ project: 'a' }, {}] }, 'provider.google: two configurations without alias (projects "a" and null)'],
    [
      {
        'google-beta': [
          { alias: 'x', project: 'a' },
          { alias: 'x', project: 'b' },
        ],
      },
      'provider.google-beta: two configurations with alias "x"',
    ],
  ])('%j: an error', (provider, message) => {
    expect(() => terraformJsonModel({ provider, resource })).toThrow(message);
  });

  test('duplicates across the files of one module are errors too', () => {
    const doc = { provider: { google: { project: 'a' } }, resource };
    expect(() => terraformJsonModel(doc, [doc, { provider: { google: { project: 'b' } } }])).toThrow(
      'two configurations without alias',
    );
  });
});
