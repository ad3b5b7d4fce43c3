import { looksLikeYaml } from '../../src/cli/yaml-text';
import { CLOUD_RUN_RESOURCE_TYPES } from '../../src/core/cloud-run';
import {
  dockerRepositoryOf,
  imageUriRepositoryOf,
  SOURCE_BUILD_RESOURCE_TYPES,
  sourceBuildOf,
} from '../../src/core/deployment-path';
import { compilePolicy, evaluateRepository } from '../../src/core/evaluate';
import { judgeWorkload, PolicyLookup, workloadsOf } from '../../src/core/gate';
import { detectJsonFormat, exemptionOf, KNOWN_AFTER_APPLY, ModelError } from '../../src/core/model';
import { PatternIndex } from '../../src/core/pattern';
import { policyYamlModel } from '../../src/core/policy-yaml';
import { policiesOf, terraformJsonModel } from '../../src/core/terraform-json';
import { planModel, stateModel } from '../../src/core/terraform-plan';
import { DENY_RULE, policyModel } from '../support';

const REPO = 'us-central1-docker.pkg.dev/p/gcf-artifacts';

describe('a repository is admitted only by a pattern that admits every image under it', () => {
  test.each([
    [`${REPO}/**`, true],
    ['us-central1-docker.pkg.dev/p/**', true],
    ['us-central1-docker.pkg.dev/p/gcf-**', true],
    [`${REPO}/*`, false],
    [`${REPO}/fn@*`, false],
    [`${REPO}/fn/**`, false],
    [`${REPO}-other/**`, false],
    [REPO, false],
  ])('%s: %s', (pattern, admitted) => {
    expect(new PatternIndex([pattern]).firstMatchForEveryImageUnder(`${REPO}/`) !== undefined).toBe(admitted);
    const result = evaluateRepository(compilePolicy(policyModel({ patterns: [pattern] })), REPO);
    expect(result.decision).toBe(admitted ? 'ALLOW' : 'DENY');
    expect(result.image).toBe(`${REPO}/**`);
  });

  test('an unknown pattern leaves it unknown; an allow-all rule admits it', () => {
    const unknown = compilePolicy(policyModel({ patterns: ['${var.p}'] }), (v) => v.includes('${'));
    expect(evaluateRepository(unknown, REPO).decision).toBe('UNKNOWN');
    expect(evaluateRepository(compilePolicy(policyModel({ evaluationMode: 'ALWAYS_ALLOW' })), REPO).admitted).toBe(
      true,
    );
  });
});

describe('the repository a build writes to', () => {
  test.each([
    ['google_cloudfunctions2_function', {}, 'CLOUD_FUNCTIONS_V2_API', undefined],
    ['google_cloudfunctions2_function', { build_config: [{ docker_repository: 'x' }] }, 'CLOUD_FUNCTIONS_V2_API', 'x'],
    [
      'google_cloudfunctions2_function',
      { build_config: { docker_repository: '' } },
      'CLOUD_FUNCTIONS_V2_API',
      undefined,
    ],
    ['google_cloud_run_v2_service', { build_config: [{ image_uri: 'y' }] }, 'CLOUD_RUN_ADMIN_API', 'y'],
    ['google_cloud_run_v2_service', { build_config: '${var.b}' }, 'CLOUD_RUN_ADMIN_API', '${var.b}'],
  ])('%s %j', (type, attributes, path, value) => {
    expect(sourceBuildOf(type, attributes)).toMatchObject({ path, value });
  });

  test('a service without build_config, and other types, are not builds', () => {
    expect(sourceBuildOf('google_cloud_run_v2_service', { build_config: [] })).toBeUndefined();
    expect(sourceBuildOf('google_cloud_run_v2_job', { build_config: {} })).toBeUndefined();
  });

  test('SOURCE_BUILD_RESOURCE_TYPES (what discovery reads) are exactly the types that can be builds', () => {
    const types = [...Object.keys(CLOUD_RUN_RESOURCE_TYPES), 'google_pubsub_topic', 'google_cloudfunctions_function'];
    const builds = types.filter((type) => sourceBuildOf(type, { build_config: {} }) !== undefined);
    expect(builds.sort()).toEqual([...SOURCE_BUILD_RESOURCE_TYPES].sort());
  });

  test('docker_repository and image_uri name their repository; anything else says why not', () => {
    expect(dockerRepositoryOf('projects/example.com:my-project/locations/europe-west1/repositories/r')).toBe(
      'europe-west1-docker.pkg.dev/example.com/my-project/r',
    );
    expect(() => dockerRepositoryOf('projects/p-123456/locations/US/repositories/r')).toThrow(
      'an Artifact Registry location is a region like "us-central1" or a multi-region, "us", "europe" or "asia"',
    );
    expect(imageUriRepositoryOf('us-docker.pkg.dev/p/r/app:v1')).toBe('us-docker.pkg.dev/p/r');
  });

  test.each(['us', 'europe', 'asia', 'us-central1', 'europe-west10'])(
    'a repository in %s is one whether named by docker_repository or image_uri',
    (location) => {
      const repository = `${location}-docker.pkg.dev/p-123456/r`;
      expect(dockerRepositoryOf(`projects/p-123456/locations/${location}/repositories/r`)).toBe(repository);
      expect(imageUriRepositoryOf(`${repository}/app`)).toBe(repository);
    },
  );

  test.each(['eu', 'global', 'us-central', 'northamerica'])(
    'a repository in %s is refused whether named by docker_repository or image_uri',
    (location) => {
      expect(() => dockerRepositoryOf(`projects/p-123456/locations/${location}/repositories/r`)).toThrow(
        'an Artifact Registry location is',
      );
      expect(() => imageUriRepositoryOf(`${location}-docker.pkg.dev/p-123456/r/app`)).toThrow(
        'a source deploy pushes the image it builds to Artifact Registry',
      );
    },
  );

  test('docker_repository and image_uri refuse what is not a repository', () => {
    expect(() => imageUriRepositoryOf('docker.io/library/nginx')).toThrow(
      'a source deploy pushes the image it builds to Artifact Registry',
    );
  });
});

describe('format detection', () => {
  test.each([
    [{ resource: {} }, 'terraform-json'],
    [{}, 'terraform-json'],
    [{ '//': {}, module: {} }, 'terraform-json'],
    [{ planned_values: {} }, 'plan'],
    [{ format_version: '1.0', resource_changes: [] }, 'plan'],
    [{ format_version: '1.0' }, 'state'],
    [{ values: {} }, 'state'],
  ])('%j: %s', (doc, format) => expect(detectJsonFormat(doc)).toBe(format));

  test('a JSON object of none of the formats is an error naming its keys', () => {
    expect(() => detectJsonFormat({ apiVersion: 'v1', kind: 'Pod' })).toThrow(
      new ModelError(
        'is none of the formats this command reads: its top-level keys ["apiVersion", "kind"] are not Terraform JSON\'s (resource, provider, module, …), and it has neither planned_values nor values (terraform show -json of a plan or a state)',
      ),
    );
  });

  test.each([
    ['name: projects/p/policy\n', true],
    ['# exported\n\nadmissionWhitelistPatterns:\n', true],
    ['---\na: 1\n', true],
    ['{"resource": {}}', false],
    ['// x\n{}', false],
    ['  name: indented\n', false],
    ['', false],
  ])('looksLikeYaml(%j): %s', (text, yaml) => expect(looksLikeYaml(text)).toBe(yaml));
});

describe('exemption markers', () => {
  test.each([
    [{}, undefined],
    [{ '//': 'a comment' }, undefined],
    [{ '//': { metadata: {} } }, undefined],
    [{ '//': { binauthz: { exempt: 'why' } } }, 'why'],
  ])('%j: %s', (values, reason) => expect(exemptionOf('x.y', values)).toBe(reason));

  test.each([{ exempt: '' }, { exempt: ' ' }, { exempt: 1 }, { exempt: 'a', other: 1 }, ['a'], 'yes', null])(
    '%j is an error',
    (marker) => expect(() => exemptionOf('x.y', { '//': { binauthz: marker } })).toThrow(ModelError),
  );
});

describe('Terraform JSON: the provider project of each resource', () => {
  const model = terraformJsonModel({
    provider: { google: [{ project: 'default-project' }, { alias: 'west', project: 'west-project' }] },
    resource: {
      google_cloud_run_v2_service: {
        a: {},
        b: { provider: 'google.west' },
        c: { provider: '${google.west}' },
        d: { project: 'own' },
      },
      google_binary_authorization_policy: {
        p: {
          default_admission_rule: DENY_RULE,
        },
      },
    },
    module: { m: { source: './m' } },
  });

  test('by the resource, its provider alias, or the default provider', () => {
    expect(workloadsOf(model).map((w) => w.project)).toEqual([
      'default-project',
      'west-project',
      'west-project',
      'own',
    ]);
    expect(policiesOf(model)[0].policy.project).toBe('default-project');
    expect(model.hiddenModules).toEqual(['module.m']);
  });
});

describe('plans', () => {
  const values = {
    project: 'p',
    binary_authorization: [{ use_default: true }],
    template: [{ containers: [{ image: 'gcr.io/p/a@*' }] }],
  };
  const plan = (afterUnknown: unknown, moduleAddress = 'module.a["k"].module.b[0]') => ({
    format_version: '1.2',
    planned_values: {
      root_module: {
        child_modules: [
          {
            address: moduleAddress,
            resources: [
              {
                address: `${moduleAddress}.google_cloud_run_v2_service.s`,
                mode: 'managed',
                type: 'google_cloud_run_v2_service',
                name: 's',
                values: structuredClone(values),
              },
            ],
          },
        ],
      },
    },
    resource_changes: [
      {
        address: `${moduleAddress}.google_cloud_run_v2_service.s`,
        mode: 'managed',
        type: 'google_cloud_run_v2_service',
        name: 's',
        change: { actions: ['update'], after: structuredClone(values), after_unknown: afterUnknown },
      },
    ],
    configuration: {
      provider_config: { google: { name: 'google', expressions: { project: { constant_value: 'provider-project' } } } },
      root_module: {
        module_calls: {
          a: {
            module: {
              module_calls: {
                b: {
                  module: {
                    resources: [
                      {
                        mode: 'managed',
                        type: 'google_cloud_run_v2_service',
                        name: 's',
                        provider_config_key: 'google',
                        expressions: {},
                      },
                    ],
                  },
                },
              },
            },
          },
        },
      },
    },
  });

  /** Adds a managed resource of the root module to `planned_values`, as Terraform lists every one that stays. */
  const addPlanned = (doc: any, type: string, name: string, after: unknown) =>
    (doc.planned_values.root_module.resources ??= []).push({
      address: `${type}.${name}`,
      mode: 'managed',
      type,
      name,
      values: structuredClone(after),
    });

  test('after_unknown marks values unknown, in nested blocks, creating what the plan omits', () => {
    const [r] = planModel(
      plan({ template: [{ containers: [{}, { image: true }] }], binary_authorization: true }),
    ).resources;
    expect(r.values.binary_authorization).toBe(KNOWN_AFTER_APPLY);
    expect((r.values.template as any)[0].containers).toEqual([{ image: 'gcr.io/p/a@*' }, { image: KNOWN_AFTER_APPLY }]);
  });

  test('false and absent leaves stay as they are', () => {
    const [r] = planModel(plan({ project: false, template: [{ containers: [{ image: false }] }] })).resources;
    expect(r.values).toEqual(values);
  });

  test('an unknown project that the configuration leaves to the provider is the provider project', () => {
    const model = planModel(plan({ project: true }));
    expect(workloadsOf(model)[0].project).toBe('provider-project');
  });

  test('a plan of modules with keys finds their configuration', () => {
    expect(planModel(plan({}, 'module.a["x.y]"].module.b')).resources[0].providerProject).toBe('provider-project');
  });

  test('an unknown image is a row that is not admitted', () => {
    const model = planModel(plan({ template: [{ containers: [{ image: true }] }] }));
    const lookup: PolicyLookup = {
      policiesFor: () => [{ where: 'p', compiled: compilePolicy(policyModel({ evaluationMode: 'ALWAYS_ALLOW' })) }],
      deletedPolicyOf: () => undefined,
    };
    expect(judgeWorkload(workloadsOf(model)[0], lookup)).toEqual([
      expect.objectContaining({
        decision: 'UNKNOWN',
        admitted: false,
        reason: 'template.containers[0].image is known only after apply',
      }),
    ]);
  });

  test('a workload the plan deletes is not deployed, so not judged; a deleted policy is listed', () => {
    const doc: any = plan({});
    doc.resource_changes.push(
      {
        address: 'google_cloud_run_v2_service.gone',
        mode: 'managed',
        type: 'google_cloud_run_v2_service',
        name: 'gone',
        change: { actions: ['delete'], before: values, after: null },
      },
      {
        address: 'google_binary_authorization_policy.gone',
        mode: 'managed',
        type: 'google_binary_authorization_policy',
        name: 'gone',
        change: { actions: ['delete'], before: { project: 'p' }, after: null },
      },
      {
        address: 'google_binary_authorization_policy.replaced',
        mode: 'managed',
        type: 'google_binary_authorization_policy',
        name: 'replaced',
        change: { actions: ['delete', 'create'], before: { project: 'q' }, after: { project: 'q' } },
      },
    );
    addPlanned(doc, 'google_binary_authorization_policy', 'replaced', { project: 'q' });
    const model = planModel(doc);
    expect(workloadsOf(model).map((w) => w.address)).toEqual([
      'module.a["k"].module.b[0].google_cloud_run_v2_service.s',
    ]);
    expect(model.deleted.map((r) => r.address)).toEqual([
      'google_cloud_run_v2_service.gone',
      'google_binary_authorization_policy.gone',
    ]);
  });

  test('the prior side: each change before apply, with its actions; a change without before is named', () => {
    const doc: any = plan({});
    doc.resource_changes[0].change.before = { ...values, project: 'old-project' };
    doc.resource_changes.push(
      {
        address: 'google_binary_authorization_policy.replaced',
        mode: 'managed',
        type: 'google_binary_authorization_policy',
        name: 'replaced',
        change: { actions: ['delete', 'create'], before: { project: 'q' }, after: { project: 'q' } },
      },
      {
        address: 'google_binary_authorization_policy.new',
        mode: 'managed',
        type: 'google_binary_authorization_policy',
        name: 'new',
        change: { actions: ['create'], before: null, after: { project: 'r' } },
      },
      {
        address: 'google_kms_crypto_key_iam_member.m',
        mode: 'managed',
        type: 'google_kms_crypto_key_iam_member',
        name: 'm',
        change: { actions: ['delete'] },
      },
      {
        address: 'google_pubsub_topic.b',
        mode: 'managed',
        type: 'google_pubsub_topic',
        name: 'b',
        change: { actions: ['update'], before: { name: 'b' }, after: { name: 'b' } },
      },
    );
    addPlanned(doc, 'google_binary_authorization_policy', 'replaced', { project: 'q' });
    addPlanned(doc, 'google_binary_authorization_policy', 'new', { project: 'r' });
    addPlanned(doc, 'google_pubsub_topic', 'b', { name: 'b' });
    const { prior } = planModel(doc);
    expect(prior!.resources.map((r) => [r.address, r.values.project, r.providerProject])).toEqual([
      ['module.a["k"].module.b[0].google_cloud_run_v2_service.s', 'old-project', 'provider-project'],
      ['google_binary_authorization_policy.replaced', 'q', undefined],
    ]);
    expect(Object.fromEntries(prior!.actions)).toEqual({
      'module.a["k"].module.b[0].google_cloud_run_v2_service.s': ['update'],
      'google_binary_authorization_policy.replaced': ['delete', 'create'],
      'google_binary_authorization_policy.new': ['create'],
      'google_kms_crypto_key_iam_member.m': ['delete'],
    });
    expect(prior!.missing).toEqual(['resource_changes[3].change.before (google_kms_crypto_key_iam_member.m)']);
  });

  test('a state has no unknowns and no configuration', () => {
    const model = stateModel({ format_version: '1.0', values: { root_module: plan({}).planned_values.root_module } });
    expect(model.resources.map((r) => r.address)).toEqual(['module.a["k"].module.b[0].google_cloud_run_v2_service.s']);
    expect(model.resources[0].providerProject).toBeUndefined();
  });
});

describe('a plan whose resource_changes and planned_values disagree is refused', () => {
  const SERVICE = 'google_cloud_run_v2_service';
  const values = { project: 'p', template: [{ containers: [{ image: 'gcr.io/p/a@sha256:1' }] }] };
  type Entry = { address: string; actions: string[]; before?: unknown; after?: unknown; [key: string]: unknown };
  /**
   * A plan of the changes `entries` (managed resources unless `mode` says otherwise; `after` defaults to
   * `values` except for a removal) and of the managed resources at `planned` (an address, or an address
   * and its values), each in the child module its address names.
   */
  const planOf = (entries: Entry[], planned: Array<string | [string, unknown]>): Record<string, unknown> => {
    const modules = new Map<string, unknown[]>();
    for (const item of planned) {
      const [address, resourceValues] = typeof item === 'string' ? [item, values] : item;
      const [, module, type, name] = /^(?:(.*)\.)?([a-z0-9_]+)\.([a-z0-9_]+)(?:\[(?:"[^"]*"|[0-9]+)\])?$/.exec(
        address,
      )!;
      const resource: Record<string, unknown> = { address, mode: 'managed', type, name };
      if (resourceValues !== undefined) {
        resource.values = structuredClone(resourceValues);
      }
      modules.set(module ?? '', [...(modules.get(module ?? '') ?? []), resource]);
    }
    const { '': root = [], ...children } = Object.fromEntries(modules);
    return {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: root,
          child_modules: Object.entries(children).map(([address, resources]) => ({ address, resources })),
        },
      },
      resource_changes: entries.map(({ address, actions, before, after, ...rest }) => ({
        address,
        mode: 'managed',
        type: /([a-z0-9_]+)\.[a-z0-9_]+(?:\[[^\]]*\])?$/.exec(address)![1],
        ...rest,
        change: {
          actions,
          before: before === undefined ? (actions.includes('create') && actions.length === 1 ? null : values) : before,
          after: after === undefined ? (['delete', 'forget'].includes(actions.join()) ? null : values) : after,
          after_unknown: {},
        },
      })),
    };
  };

  test.each<[string, Entry[], Array<string | [string, unknown]>, string]>([
    [
      'a created service that planned_values does not hold',
      [{ address: `${SERVICE}.evil`, actions: ['create'] }],
      [],
      `resource_changes[0] (${SERVICE}.evil): its actions ["create"] leave it in place, but planned_values does not hold it`,
    ],
    [
      'an update, a no-op or a replacement that planned_values does not hold, of any managed type',
      [
        { address: `${SERVICE}.s`, actions: ['no-op'] },
        { address: 'google_pubsub_topic.b', actions: ['delete', 'create'] },
      ],
      [`${SERVICE}.s`],
      'resource_changes[1] (google_pubsub_topic.b): its actions ["delete","create"] leave it in place, but planned_values does not hold it',
    ],
    [
      'a change in a module instance that planned_values holds only at another instance key',
      [
        { address: `module.m["a"].${SERVICE}.s[0]`, actions: ['update'] },
        { address: `module.m["b"].${SERVICE}.s[0]`, actions: ['update'] },
      ],
      [`module.m["b"].${SERVICE}.s[0]`],
      `resource_changes[0] (module.m["a"].${SERVICE}.s[0]): its actions ["update"] leave it in place`,
    ],
    [
      'a resource of any type in planned_values without a change',
      [{ address: `${SERVICE}.s`, actions: ['create'] }],
      [`${SERVICE}.s`, ['google_pubsub_topic.b', { name: 'b' }]],
      'planned_values holds google_pubsub_topic.b, but resource_changes holds no change for it',
    ],
    [
      'a deleted policy that planned_values still holds',
      [{ address: 'google_binary_authorization_policy.p', actions: ['delete'] }],
      ['google_binary_authorization_policy.p'],
      'resource_changes[0] (google_binary_authorization_policy.p): its actions ["delete"] remove it, but planned_values still holds it',
    ],
    [
      'a deleted resource of another type that planned_values still holds',
      [{ address: 'google_pubsub_topic.b', actions: ['delete'] }],
      [['google_pubsub_topic.b', { name: 'b' }]],
      'its actions ["delete"] remove it, but planned_values still holds it',
    ],
    [
      'a deletion with an after',
      [{ address: `${SERVICE}.s`, actions: ['delete'], after: values }],
      [],
      `resource_changes[0] (${SERVICE}.s): its actions ["delete"] remove it, but its change has an "after"`,
    ],
    [
      'a forgotten service that planned_values holds with values',
      [{ address: `${SERVICE}.s`, actions: ['forget'] }],
      [`${SERVICE}.s`],
      'its actions ["forget"] remove it from the state, but planned_values gives it values',
    ],
    [
      'a created service without an after',
      [{ address: `${SERVICE}.s`, actions: ['create'], after: null }],
      [`${SERVICE}.s`],
      `resource_changes[0] (${SERVICE}.s): its actions ["create"] leave it in place, but its change has no "after"`,
    ],
    [
      'an update without an after',
      [{ address: `${SERVICE}.s`, actions: ['update'], after: null }],
      [`${SERVICE}.s`],
      'its actions ["update"] leave it in place, but its change has no "after"',
    ],
    [
      'no actions',
      [{ address: `${SERVICE}.s`, actions: [] }],
      [`${SERVICE}.s`],
      `resource_changes[0].change.actions (${SERVICE}.s) must be one of the lists Terraform writes for a managed resource (["no-op"], ["create"], ["update"], ["delete","create"], ["create","delete"], ["create","forget"], ["delete"], ["forget"]), got: []`,
    ],
    [
      'a read of a managed resource',
      [{ address: `${SERVICE}.s`, actions: ['read'] }],
      [`${SERVICE}.s`],
      'must be one of the lists Terraform writes for a managed resource',
    ],
    [
      'two creates',
      [{ address: `${SERVICE}.s`, actions: ['create', 'create'] }],
      [`${SERVICE}.s`],
      'got: ["create","create"]',
    ],
    [
      'an update and a delete',
      [{ address: `${SERVICE}.s`, actions: ['update', 'delete'] }],
      [],
      'got: ["update","delete"]',
    ],
    [
      'a data source with an action list Terraform does not write',
      [{ address: 'data.google_project.p', actions: ['read', 'read'], mode: 'data' }],
      [],
      'resource_changes[0].change.actions (data.google_project.p) must be one of the lists Terraform writes for a data source (["read"], ["no-op"]',
    ],
    [
      'a change whose mode is neither managed nor data',
      [{ address: `${SERVICE}.s`, actions: ['create'], mode: 'Managed' }],
      [],
      `resource_changes[0].mode (${SERVICE}.s) must be "managed" or "data", got: "Managed"`,
    ],
    [
      'a change without a mode',
      [{ address: `${SERVICE}.s`, actions: ['create'], mode: undefined }],
      [],
      'resource_changes[0].mode must be a string, got: undefined',
    ],
  ])('%s', (_, entries, planned, message) => {
    expect(() => planModel(planOf(entries, planned))).toThrow(message);
    expect(() => planModel(planOf(entries, planned))).toThrow(ModelError);
  });

  test('the shapes Terraform writes are read: modules, count and for_each keys, replacements, deposed objects, data sources', () => {
    const inModule = `module.m["k"].module.n[0].${SERVICE}.s`;
    const deployed = [
      `${SERVICE}.created`,
      `${SERVICE}.same`,
      `${SERVICE}.moved`,
      `${SERVICE}.counted[0]`,
      `${SERVICE}.keyed["a.b"]`,
      `${SERVICE}.kept`,
      inModule,
    ];
    const model = planModel(
      planOf(
        [
          { address: `${SERVICE}.created`, actions: ['create'] },
          { address: `${SERVICE}.same`, actions: ['no-op'], importing: { id: 'x' } },
          { address: `${SERVICE}.moved`, actions: ['update'], previous_address: `${SERVICE}.old` },
          { address: `${SERVICE}.counted[0]`, actions: ['delete', 'create'] },
          { address: `${SERVICE}.counted[1]`, actions: ['delete'] },
          { address: `${SERVICE}.keyed["a.b"]`, actions: ['create', 'delete'] },
          { address: `${SERVICE}.keyed["a.b"]`, actions: ['delete'], deposed: '00000001' },
          { address: `${SERVICE}.kept`, actions: ['create', 'forget'] },
          { address: `${SERVICE}.gone`, actions: ['no-op'], deposed: '00000002', before: null, after: null },
          { address: inModule, actions: ['update'] },
          { address: `module.m["j"].module.n[0].${SERVICE}.s`, actions: ['delete'] },
          { address: 'data.google_project.p', actions: ['read'], mode: 'data' },
          { address: 'data.google_project.q', actions: ['no-op'], mode: 'data' },
        ],
        deployed,
      ),
    );
    expect(model.resources.map((r) => r.address)).toEqual(deployed);
    expect(model.deleted.map((r) => r.address)).toEqual([
      `${SERVICE}.counted[1]`,
      `module.m["j"].module.n[0].${SERVICE}.s`,
    ]);
  });

  test('a forgotten resource: absent from planned_values, or there without values (Terraform 1.7 to 1.15), is not deployed', () => {
    const entries = [
      { address: `${SERVICE}.s`, actions: ['forget'] },
      { address: 'google_binary_authorization_policy.p', actions: ['forget'] },
      { address: 'google_pubsub_topic.b', actions: ['forget'] },
    ];
    expect(planModel(planOf(entries, [])).resources).toEqual([]);
    const listed = planModel(
      planOf(entries, [
        [`${SERVICE}.s`, undefined],
        ['google_binary_authorization_policy.p', {}],
        ['google_pubsub_topic.b', undefined],
      ]),
    );
    expect(listed.resources).toEqual([]);
    expect(listed.deleted).toEqual([]);
    expect(Object.fromEntries(listed.prior!.actions)).toEqual({
      [`${SERVICE}.s`]: ['forget'],
      'google_binary_authorization_policy.p': ['forget'],
    });
  });
});

describe('policy YAML', () => {
  test('reads the policy as gcloud exports it', () => {
    const model = policyYamlModel({
      name: 'projects/p-123456/policy',
      admissionWhitelistPatterns: [{ namePattern: 'gcr.io/p/**' }],
      defaultAdmissionRule: {
        evaluationMode: 'REQUIRE_ATTESTATION',
        enforcementMode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
        requireAttestationsBy: ['projects/s/attestors/a'],
      },
      clusterAdmissionRules: {
        'us-central1-a.c': { evaluationMode: 'ALWAYS_DENY', enforcementMode: 'ENFORCED_BLOCK_AND_AUDIT_LOG' },
      },
      etag: 'x',
      updateTime: '2026-01-01T00:00:00Z',
    });
    expect(policiesOf(model)).toEqual([
      expect.objectContaining({
        address: 'projects/p-123456/policy',
        policy: {
          project: 'p-123456',
          allowlistPatterns: ['gcr.io/p/**'],
          defaultAdmissionRule: {
            evaluationMode: 'REQUIRE_ATTESTATION',
            enforcementMode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
            requireAttestationsBy: ['projects/s/attestors/a'],
          },
          clusterAdmissionRules: {
            'us-central1-a.c': {
              evaluationMode: 'ALWAYS_DENY',
              enforcementMode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
              requireAttestationsBy: [],
            },
          },
        },
      }),
    ]);
  });

  test('etag and updateTime must be strings too', () => {
    expect(() => policyYamlModel({ name: 'projects/p-123456/policy', defaultAdmissionRule: {}, etag: 1 })).toThrow(
      ModelError,
    );
  });
});
