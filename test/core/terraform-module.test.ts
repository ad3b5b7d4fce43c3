import { ModelError } from '../../src/core/model';
import {
  asDeclared,
  isLocalModuleSource,
  knownLocals,
  LoadedModule,
  ModuleLoader,
  terraformModuleModel,
  withOwnAddresses,
  withVariables,
} from '../../src/core/terraform-module';

const IMAGE = `gcr.io/app/api@sha256:${'a'.repeat(64)}`;

/** A document with one Cloud Run service `s` whose attributes are `body`. */
function service(body: Record<string, unknown>): Record<string, unknown> {
  return { resource: { google_cloud_run_v2_service: { s: body } } };
}

/** The value a string of the service's `template.image` becomes, with `inputs`. */
function substituted(value: unknown, inputs: Record<string, unknown>): unknown {
  const doc = withVariables(service({ image: value }), new Map(Object.entries(inputs)));
  return (doc.resource as any).google_cloud_run_v2_service.s.image;
}

describe('withVariables: a called module sees the values its call decides, and nothing it cannot evaluate', () => {
  test.each<[string, unknown, Record<string, unknown>, unknown]>([
    ['a whole reference becomes the value', '${var.image}', { image: IMAGE }, IMAGE],
    ['of any type', '${var.on}', { on: true }, true],
    ['an object, copied', '${var.cfg}', { cfg: { a: [1] } }, { a: [1] }],
    ['spaces inside', '${ var.image }', { image: IMAGE }, IMAGE],
    ['an attribute of it', '${var.cfg.image}', { cfg: { image: IMAGE } }, IMAGE],
    ['a key in brackets', '${var.cfg["image"]}', { cfg: { image: IMAGE } }, IMAGE],
    ['an index', '${var.list[1]}', { list: ['a', IMAGE] }, IMAGE],
    ['references among text', 'projects/${var.p}/attestors/${var.n}', { p: 'prj', n: 1 }, 'projects/prj/attestors/1'],
    ['null, where the call passes null', '${var.x}', { x: null }, null],
    // Unknown: left as it is, an interpolation.
    ['a variable the call does not decide', '${var.image}', {}, '${var.image}'],
    ['an attribute the value lacks', '${var.cfg.nope}', { cfg: {} }, '${var.cfg.nope}'],
    ['an index past the end', '${var.list[2]}', { list: [] }, '${var.list[2]}'],
    ['an attribute of a string', '${var.image.x}', { image: IMAGE }, '${var.image.x}'],
    ['an expression', '${var.on ? "a" : "b"}', { on: true }, '${var.on ? "a" : "b"}'],
    ['a function call', '${lower(var.image)}', { image: IMAGE }, '${lower(var.image)}'],
    ['text with another interpolation', '${var.p}/${local.n}', { p: 'prj' }, '${var.p}/${local.n}'],
    ['an object among text', 'x-${var.cfg}', { cfg: {} }, 'x-${var.cfg}'],
    ['null among text', 'x-${var.x}', { x: null }, 'x-${var.x}'],
    ['an escape', '$${var.image}', { image: IMAGE }, '$${var.image}'],
    ['a template directive', '%{if var.on}x%{endif}${var.p}', { on: true, p: 'a' }, '%{if var.on}x%{endif}${var.p}'],
    ['another module scope', '${module.x.image}', { image: IMAGE }, '${module.x.image}'],
  ])('%s', (_, value, inputs, expected) => {
    expect(substituted(value, inputs)).toStrictEqual(expected);
  });

  test('a value put in is not evaluated again: its references are the caller scope’s, unknown here', () => {
    // The caller passed cfg = { image = var.image } (its own, unknown); this module's var.image is another.
    const cfg = { image: '${var.image}' };
    expect(substituted('${var.cfg.image}', { cfg, image: IMAGE })).toBe('${var.image}');
    expect(substituted('${var.cfg}', { cfg, image: IMAGE })).toStrictEqual({ image: '${var.image}' });
  });

  test('keys, other sections and the input are left alone', () => {
    const doc = {
      resource: { t: { n: { '${var.k}': '${var.k}' } } },
      output: { o: { value: '${var.k}' } },
      variable: { k: { default: 'x' } },
    };
    const copy = JSON.parse(JSON.stringify(doc));
    const result = withVariables(doc, new Map([['k', 'v']]));
    expect(result.resource).toStrictEqual({ t: { n: { '${var.k}': 'v' } } });
    expect(result.output).toBe(doc.output);
    expect(doc).toStrictEqual(copy);
  });

  test('any depth of nesting', () => {
    let deep: unknown = '${var.image}';
    for (let i = 0; i < 20_000; i++) deep = [deep];
    let result = substituted(deep, { image: IMAGE });
    for (let i = 0; i < 20_000; i++) result = (result as unknown[])[0];
    expect(result).toBe(IMAGE);
  });
});

test.each([
  ['./modules/api', true],
  ['../shared', true],
  ['modules/api', false],
  ['/abs/path', false],
  ['hashicorp/consul/aws', false],
  ['git::https://example.com/m.git', false],
  ['https://example.com/m.zip', false],
])('isLocalModuleSource(%j) is %j', (source, local) => expect(isLocalModuleSource(source)).toBe(local));

/** Modules in memory: folder name → documents; the loader resolves `./NAME` and `../NAME` to NAME. */
function modules(folders: Record<string, Array<Record<string, unknown>>>): {
  root: LoadedModule;
  load: ModuleLoader;
} {
  const loaded = (name: string): LoadedModule => {
    const docs = folders[name];
    if (docs === undefined) {
      throw new ModelError(`${name} does not exist`);
    }
    return {
      key: name,
      display: name,
      files: docs.map((doc, i) => ({ file: `${name}/f${i}.tf`, display: `${name}/f${i}.tf`, doc })),
    };
  };
  return { root: loaded('root'), load: (source) => loaded(source.replace(/^\.\.?\//, '')) };
}

function read(folders: Record<string, Array<Record<string, unknown>>>) {
  const { root, load } = modules(folders);
  return terraformModuleModel(root, load);
}

const svc = (image: unknown, extra: Record<string, unknown> = {}) =>
  service({ name: 's', location: 'l', template: { containers: [{ image }] }, ...extra });

describe("withOwnAddresses: a called module's references to its own resources, by their addresses in the configuration", () => {
  const DECLARED = ['google_kms_crypto_key.k', 'data.google_kms_crypto_key_version.v', 'module.inner'];
  /** What a string of the service's `image` becomes in the module `module.signing`. */
  const addressed = (value: string, prefix = 'module.signing.') =>
    (withOwnAddresses(service({ image: value }), prefix, DECLARED).resource as any).google_cloud_run_v2_service.s.image;

  test.each([
    ['${google_kms_crypto_key.k.id}', '${module.signing.google_kms_crypto_key.k.id}'],
    [
      '${data.google_kms_crypto_key_version.v.public_key[0].pem}',
      '${module.signing.data.google_kms_crypto_key_version.v.public_key[0].pem}',
    ],
    ['${module.inner.image}', '${module.signing.module.inner.image}'],
    ['x/${google_kms_crypto_key.k.name}/y', 'x/${module.signing.google_kms_crypto_key.k.name}/y'],
    ['${upper(google_kms_crypto_key.k["a"].id)}', '${upper(module.signing.google_kms_crypto_key.k["a"].id)}'],
  ])('%s', (value, expected) => {
    expect(addressed(value)).toBe(expected);
  });

  test.each([
    ['not declared here', '${google_kms_crypto_key.other.id}'],
    ['a longer name', '${google_kms_crypto_key.kk.id}'],
    ['a resource of another type ending alike', '${x_google_kms_crypto_key.k.id}'],
    ['a data source of the resource type', '${data.google_kms_crypto_key.k.id}'],
    ['the address alone, no attribute', '${google_kms_crypto_key.k}'],
    ['no interpolation', 'google_kms_crypto_key.k.id'],
    ['a variable', '${var.google_kms_crypto_key.k.id}'],
  ])('left as it is: %s', (_, value) => {
    expect(addressed(value)).toBe(value);
  });

  test('the root module keeps its addresses', () => {
    expect(addressed('${google_kms_crypto_key.k.id}', '')).toBe('${google_kms_crypto_key.k.id}');
  });
});

describe('knownLocals: the locals whose values are known, as Terraform evaluates them', () => {
  /** The known locals of one file with `locals`, and variables `inputs` (none: the root module). */
  const known = (locals: unknown, inputs?: Record<string, unknown>) =>
    Object.fromEntries(
      knownLocals(
        [{ file: 'main.tf', display: 'main.tf', doc: { locals } }],
        inputs === undefined ? undefined : new Map(Object.entries(inputs)),
      ),
    );

  test('literals, and what refers to known locals (in any order) or known variables', () => {
    expect(
      known(
        {
          image: '${local.registry}/api',
          registry: 'gcr.io/${local.project}',
          project: 'app',
          cfg: { region: 'us-central1', zones: ['a', 'b'] },
          region: '${local.cfg.region}',
          zone: '${local.cfg.zones[1]}',
          from_input: '${var.name}-svc',
        },
        { name: 'web' },
      ),
    ).toStrictEqual({
      project: 'app',
      cfg: { region: 'us-central1', zones: ['a', 'b'] },
      registry: 'gcr.io/app',
      image: 'gcr.io/app/api',
      region: 'us-central1',
      zone: 'b',
      from_input: 'web-svc',
    });
  });

  test.each([
    ['a variable of the root module (tfvars set it)', '${var.name}'],
    ['a function', '${upper(local.project)}'],
    ['a conditional', '${local.project == "a" ? "x" : "y"}'],
    ['an attribute of a resource', '${google_project.p.project_id}'],
    ['a local that is not known', '${local.missing}'],
    ['an escape', 'literal $${x}'],
    ['a template directive', '%{ if true }x%{ endif }'],
    ['a list holding an unknown', ['a', '${var.name}']],
    ['an object with a key that is an expression', { '${var.name}': 'x' }],
  ])('left out: %s', (_, value) => {
    expect(known({ project: 'app', value })).toStrictEqual({ project: 'app' });
  });

  test('locals as a list of blocks (Terraform JSON allows it); a name defined twice is an error', () => {
    expect(known([{ a: 'x' }, { b: '${local.a}' }])).toStrictEqual({ a: 'x', b: 'x' });
    expect(() => known([{ a: 'x' }, { a: 'y' }])).toThrow('main.tf: local.a is defined again');
    expect(() => known('x')).toThrow(ModelError);
  });
});

describe("asDeclared: a variable's value converted to its primitive type, as Terraform converts it", () => {
  test.each<[unknown, unknown, unknown]>([
    [8080, 'string', '8080'],
    [true, 'string', 'true'],
    ['8080', 'number', 8080],
    ['-1.5', 'number', -1.5],
    ['false', 'bool', false],
    ['true', 'bool', true],
    // Left as they are: what does not read as the type, interpolations, other types.
    ['eight', 'number', 'eight'],
    ['yes', 'bool', 'yes'],
    ['${var.x}', 'bool', '${var.x}'],
    [['a'], 'string', ['a']],
    [1, 'list(string)', 1],
    [1, undefined, 1],
  ])('%j as %s: %j', (value, type, expected) => {
    expect(asDeclared(value, type)).toStrictEqual(expected);
  });
});

describe('terraformModuleModel', () => {
  test('a module called twice: each call with its own inputs, its resources addressed in it', () => {
    const model = read({
      root: [
        { module: { a: { source: './svc', image: 'gcr.io/a/x' }, b: { source: './svc' } } },
        { provider: { google: { project: 'p' } } },
      ],
      svc: [svc('${var.image}'), { variable: { image: { default: 'gcr.io/default/x' } } }],
    });
    expect(
      model.resources.map((r) => [
        r.address,
        (r.values.template as any).containers[0].image,
        r.providerProject,
        r.source,
      ]),
    ).toStrictEqual([
      ['module.a.google_cloud_run_v2_service.s', 'gcr.io/a/x', 'p', { file: 'svc/f0.tf' }],
      ['module.b.google_cloud_run_v2_service.s', 'gcr.io/default/x', 'p', { file: 'svc/f0.tf' }],
    ]);
    expect(model.hiddenModules).toStrictEqual([]);
  });

  test('the root module’s variables are not taken from their defaults: tfvars and -var may set them', () => {
    const model = read({ root: [svc('${var.image}'), { variable: { image: { default: 'gcr.io/default/x' } } }] });
    expect((model.resources[0].values.template as any).containers[0].image).toBe('${var.image}');
  });

  test('a variable neither passed nor defaulted stays unknown; null takes the default only where not nullable', () => {
    const model = read({
      root: [{ module: { m: { source: './svc', a: null, b: null } } }],
      svc: [
        service({ x: '${var.a}', y: '${var.b}', z: '${var.c}' }),
        { variable: { a: { default: 'A' }, b: { default: 'B', nullable: false }, c: {} } },
      ],
    });
    expect(model.resources[0].values).toMatchObject({ x: null, y: 'B', z: '${var.c}' });
  });

  test('count or for_each on a call: every input unknown, and the instances of its resources (and of its modules’) known at apply', () => {
    const model = read({
      root: [{ module: { m: { source: './svc', for_each: '${toset(var.names)}', image: 'gcr.io/a/x' } } }],
      svc: [
        svc('${var.image}'),
        { module: { inner: { source: './leaf' } } },
        { variable: { image: { default: 'd' } } },
      ],
      leaf: [service({ count: 1 }), { resource: { google_cloud_run_v2_job: { none: { count: 0 } } } }],
    });
    expect(model.resources.map((r) => [r.address, r.values.for_each, r.values.count])).toStrictEqual([
      ['module.m.google_cloud_run_v2_service.s', '${for_each of module.m}', undefined],
      ['module.m.module.inner.google_cloud_run_v2_service.s', '${for_each of module.m}', undefined],
    ]);
    expect((model.resources[0].values.template as any).containers[0].image).toBe('${var.image}');
  });

  test('count = 0 or an empty for_each: no instance, the folder is not even read; count = 1: one, known', () => {
    const model = read({
      root: [
        {
          module: {
            none: { source: './missing', count: 0 },
            empty: { source: './missing', for_each: {} },
            one: { source: './svc', count: 1, image: 'i' },
          },
        },
      ],
      svc: [svc('${var.image}'), { variable: { image: {} } }],
    });
    expect(model.resources.map((r) => [r.address, (r.values.template as any).containers[0].image])).toStrictEqual([
      ['module.one.google_cloud_run_v2_service.s', 'i'],
    ]);
  });

  test('registry, git and http sources are hidden modules; nested ones are addressed in their module', () => {
    const model = read({
      root: [{ module: { reg: { source: 'terraform-google-modules/cloud-run/google' }, local: { source: './svc' } } }],
      svc: [{ module: { git: { source: 'git::https://example.com/m.git' } } }],
    });
    expect(model.hiddenModules).toStrictEqual(['module.reg', 'module.local.module.git']);
  });

  test('providers: inherited without alias, passed by the call’s providers map, or the module’s own', () => {
    const model = read({
      root: [
        { provider: { google: [{ project: 'default' }, { alias: 'other', project: 'other' }] } },
        {
          module: {
            inherit: { source: './svc' },
            passed: { source: './svc', providers: { google: 'google.other' } },
            aliased: { source: './aliased', providers: { 'google.x': '${google.other}' } },
            own: { source: './own' },
          },
        },
      ],
      svc: [svc('i')],
      aliased: [svc('i', { provider: 'google.x' })],
      own: [svc('i'), { provider: { google: { project: 'own' } } }],
    });
    expect(model.resources.map((r) => [r.address, r.providerProject])).toStrictEqual([
      ['module.inherit.google_cloud_run_v2_service.s', 'default'],
      ['module.passed.google_cloud_run_v2_service.s', 'other'],
      ['module.aliased.google_cloud_run_v2_service.s', 'other'],
      ['module.own.google_cloud_run_v2_service.s', 'own'],
    ]);
  });

  test('a module that calls itself, directly or not, is refused with the chain', () => {
    expect(() =>
      read({
        root: [{ module: { a: { source: './a' } } }],
        a: [{ module: { b: { source: './b' } } }],
        b: [{ module: { a: { source: '../a' } } }],
      }),
    ).toThrow(
      /module\.a\.module\.b\.module\.a \(source "\.\.\/a"\) calls a, which is already on the way to it \(a → b → a\)/,
    );
    expect(() => read({ root: [{ module: { me: { source: './root' } } }] })).toThrow(
      /calls root, which is already on the way to it \(root → root\)/,
    );
  });

  test('the same folder called from two places is no cycle', () => {
    const model = read({
      root: [{ module: { a: { source: './a' }, b: { source: './b' } } }],
      a: [{ module: { s: { source: '../svc' } } }],
      b: [{ module: { s: { source: '../svc' } } }],
      svc: [svc('i')],
    });
    expect(model.resources.map((r) => r.address)).toStrictEqual([
      'module.a.module.s.google_cloud_run_v2_service.s',
      'module.b.module.s.google_cloud_run_v2_service.s',
    ]);
  });

  test.each<[string, Record<string, Array<Record<string, unknown>>>, RegExp]>([
    [
      'a resource in two files',
      { root: [svc('i'), svc('j')] },
      /root\/f1\.tf: google_cloud_run_v2_service\.s is declared again \(first in root\/f0\.tf\)/,
    ],
    [
      'a module call in two files',
      { root: [{ module: { m: { source: 'x' } } }, { module: { m: { source: 'y' } } }] },
      /module\.m is declared again/,
    ],
    [
      'a source that is not a literal',
      { root: [{ module: { m: { source: '${var.s}' } } }] },
      /root\/f0\.tf: module\.m: source must be a literal string/,
    ],
    ['no source', { root: [{ module: { m: {} } }] }, /module\.m: source must be a literal string .*got: undefined/],
    ['a module that is a string', { root: [{ module: { m: 'x' } }] }, /module\.m must be an object/],
    ['module a list', { root: [{ module: [] }] }, /module must be an object keyed by module name/],
    [
      'count and for_each on a call',
      { root: [{ module: { m: { source: './svc', count: 1, for_each: {} } } }], svc: [] },
      /module\.m: count and for_each are both set/,
    ],
    [
      'count that is no number',
      { root: [{ module: { m: { source: './svc', count: 'x' } } }], svc: [] },
      /module\.m: count must be a whole number/,
    ],
    [
      'providers that is a list',
      { root: [{ module: { m: { source: './svc', providers: [] } } }], svc: [svc('i')] },
      /^root\/f0\.tf: module\.m: providers must be an object/,
    ],
    [
      'a provider passed that is no string',
      { root: [{ module: { m: { source: './svc', providers: { google: 1 } } } }], svc: [svc('i')] },
      /providers\.google must be a provider/,
    ],
    [
      'a variable that is a string',
      { root: [{ module: { m: { source: './svc' } } }], svc: [{ variable: { v: 'x' } }] },
      /svc\/f0\.tf: variable\.v must be an object/,
    ],
    [
      'a resource error names the file',
      { root: [{ module: { m: { source: './svc' } } }], svc: [{ resource: [] }] },
      /^svc\/f0\.tf: resource is a list/,
    ],
    ['a folder the loader cannot read', { root: [{ module: { m: { source: './nope' } } }] }, /nope does not exist/],
  ])('%s: refused', (_, folders, message) => {
    expect(() => read(folders)).toThrow(message);
  });
});
