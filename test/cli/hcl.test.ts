/**
 * Terraform HCL as the command line reads it: the real parser (@cdktf/hcl2json) on samples of every shape that
 * matters, normalized to Terraform's JSON syntax; the lines of blocks; syntax errors with file and line.
 */
import fc from 'fast-check';
import { blockLines, normalizeHcl, readHcl, syntaxError } from '../../src/cli/hcl';
import { InputError } from '../../src/cli/input';
import { runCli, scratchFolder } from '../support';

/** What `f` throws. */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('nothing thrown');
}

/** Parses texts (one worker for all: the parser takes about a second to start). */
function parsed(...texts: string[]) {
  return readHcl(texts.map((text, i) => ({ display: `f${i}.tf`, text })));
}

const SAMPLE = `# a comment { with a brace
terraform {
  required_providers {
    google = { source = "hashicorp/google" }
  }
}

provider "google" {
  project = "p" // trailing
}
provider "google" {
  alias   = "other"
  project = var.other
}

variable "image" {
  type    = string
  default = "gcr.io/p/app"
}

locals { a = 1 }
locals { b = "x" }

/* a block comment
resource "google_cloud_run_v2_service" "commented" {}
*/
resource "google_cloud_run_v2_service" "svc" {
  name       = "svc-\${var.image}"
  provider   = google.other
  count      = 2
  depends_on = [google_binary_authorization_policy.p]
  binary_authorization {
    use_default = true
  }
  template {
    containers {
      image = var.image
    }
    containers {
      image = "gcr.io/x/y"
      env {
        name  = "A"
        value = <<-EOT
          resource "not" "a block" {
          }
        EOT
      }
    }
    dynamic "volumes" {
      for_each = var.vols
      content {
        name = volumes.value
      }
    }
  }
  annotations = { "k" = "%{ if var.on }v%{ endif }" }
  lifecycle {
    ignore_changes       = [template[0].containers, client]
    replace_triggered_by = [google_x.y]
    prevent_destroy      = true
  }
}

resource google_binary_authorization_policy p {
  default_admission_rule {
    evaluation_mode  = "ALWAYS_DENY"
    enforcement_mode = "ENFORCED_BLOCK_AND_AUDIT_LOG"
  }
  lifecycle {
    ignore_changes = all
  }
}

data "google_kms_crypto_key_version" "v" {
  crypto_key = "k"
}

module "api" {
  source     = "./api"
  for_each   = toset(["a"])
  providers  = { google = google.other }
  depends_on = [google_binary_authorization_policy.p]
}

output "o" {
  value      = google_cloud_run_v2_service.svc[0].uri
  depends_on = [module.api]
}

moved {
  from = google_cloud_run_v2_service.old
  to   = google_cloud_run_v2_service.svc
}

import {
  to = google_binary_authorization_policy.p
  id = "projects/p"
}

removed {
  from = google_cloud_run_v2_service.gone
  lifecycle {
    destroy = false
  }
}
`;

describe('readHcl: the parser’s output in Terraform’s JSON syntax', () => {
  let doc: Record<string, any>;
  let lineOf: (address: string) => number | undefined;
  let others: ReturnType<typeof parsed>;
  beforeAll(() => {
    [{ doc, lineOf }, ...others] = parsed(SAMPLE, '', '# only a comment\n');
  });

  test('labelled blocks are the block itself, nested blocks lists of objects, dynamic blocks keyed by name', () => {
    const svc = doc.resource.google_cloud_run_v2_service.svc;
    expect(svc.binary_authorization).toStrictEqual([{ use_default: true }]);
    expect(svc.template[0].containers.map((c: any) => c.image)).toStrictEqual(['${var.image}', 'gcr.io/x/y']);
    expect(svc.template[0].dynamic).toStrictEqual({
      volumes: [{ for_each: '${var.vols}', content: [{ name: '${volumes.value}' }] }],
    });
    expect(doc.resource.google_binary_authorization_policy.p.default_admission_rule).toStrictEqual([
      { evaluation_mode: 'ALWAYS_DENY', enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG' },
    ]);
    expect(doc.data.google_kms_crypto_key_version.v).toStrictEqual({ crypto_key: 'k' });
    expect(doc.variable.image).toStrictEqual({ type: 'string', default: 'gcr.io/p/app' });
  });

  test('expressions are interpolations; literals keep their types; a heredoc is its text', () => {
    const svc = doc.resource.google_cloud_run_v2_service.svc;
    expect(svc.name).toBe('svc-${var.image}');
    expect(svc.count).toBe(2);
    expect(svc.template[0].containers[1].env[0].value).toBe('resource "not" "a block" {\n}\n');
    expect(doc.module.api.for_each).toBe('${toset(["a"])}');
  });

  test('meta-arguments take bare references, as Terraform JSON writes them', () => {
    const svc = doc.resource.google_cloud_run_v2_service.svc;
    expect(svc.provider).toBe('google.other');
    expect(svc.depends_on).toStrictEqual(['google_binary_authorization_policy.p']);
    expect(svc.lifecycle).toStrictEqual([
      {
        ignore_changes: ['template[0].containers', 'client'],
        replace_triggered_by: ['google_x.y'],
        prevent_destroy: true,
      },
    ]);
    expect(doc.resource.google_binary_authorization_policy.p.lifecycle).toStrictEqual([{ ignore_changes: 'all' }]);
    expect(doc.module.api).toMatchObject({
      source: './api',
      providers: { google: 'google.other' },
      depends_on: ['google_binary_authorization_policy.p'],
    });
    expect(doc.output.o.depends_on).toStrictEqual(['module.api']);
    expect(doc.moved).toStrictEqual([
      { from: 'google_cloud_run_v2_service.old', to: 'google_cloud_run_v2_service.svc' },
    ]);
    expect(doc.import).toStrictEqual([{ to: 'google_binary_authorization_policy.p', id: 'projects/p' }]);
    expect(doc.removed[0].from).toBe('google_cloud_run_v2_service.gone');
  });

  test('providers stay a list of configurations; locals merge into one object', () => {
    expect(doc.provider).toStrictEqual({ google: [{ project: 'p' }, { alias: 'other', project: '${var.other}' }] });
    expect(doc.locals).toStrictEqual({ a: 1, b: 'x' });
  });

  test('a template directive without interpolation is an expression (unknown), never its text', () => {
    expect(doc.resource.google_cloud_run_v2_service.svc.annotations.k).toBe('${"%{if var.on}v%{endif}"}');
  });

  test('the line of each block, past comments, strings and heredocs that look like blocks', () => {
    expect(lineOf('google_cloud_run_v2_service.svc')).toBe(
      SAMPLE.split('\n').indexOf('resource "google_cloud_run_v2_service" "svc" {') + 1,
    );
    expect(lineOf('google_binary_authorization_policy.p')).toBe(
      SAMPLE.split('\n').indexOf('resource google_binary_authorization_policy p {') + 1,
    );
    expect(lineOf('data.google_kms_crypto_key_version.v')).toBe(
      SAMPLE.split('\n').indexOf('data "google_kms_crypto_key_version" "v" {') + 1,
    );
    expect(lineOf('module.api')).toBe(SAMPLE.split('\n').indexOf('module "api" {') + 1);
    expect(lineOf('google_cloud_run_v2_service.commented')).toBeUndefined();
    expect(lineOf('not.a block')).toBeUndefined();
  });

  test('a file with nothing in it, or only comments, is an empty document', () => {
    expect(others.map((o) => o.doc)).toStrictEqual([{}, {}]);
  });
});

describe('readHcl: what Terraform refuses is an input error naming the file and line', () => {
  test.each([
    [
      'an unclosed block',
      'resource "a" "b" {\n  x = 1\n',
      /^f0\.tf:1: not valid HCL: Unclosed configuration block \(There is no closing brace/,
    ],
    ['a missing value', 'locals {\n  x =\n}\n', /^f0\.tf:2: not valid HCL: Invalid expression/],
    [
      'a string over two lines',
      '\n\nlocals {\n  x = "a\n"\n}\n',
      /^f0\.tf:4: not valid HCL: Invalid multi-line string/,
    ],
    [
      'a resource declared twice',
      'resource "google_cloud_run_v2_service" "s" {\n}\n\nresource "google_cloud_run_v2_service" "s" {\n}\n',
      /^f0\.tf:4: resource "google_cloud_run_v2_service" "s" is declared again \(first on line 1\); Terraform refuses a duplicate/,
    ],
    [
      'a module declared twice',
      'module "m" {\n source = "./m"\n}\nmodule "m" {\n source = "./m"\n}\n',
      /^f0\.tf:4: module "m" is declared again \(first on line 1\)/,
    ],
    ['a local defined twice', 'locals {\n a = 1\n}\nlocals {\n a = 2\n}\n', /^f0\.tf: local\.a is defined twice/],
    [
      'a block Terraform does not know',
      'frobnicate "x" {\n}\n',
      /^f0\.tf: a block "frobnicate", which Terraform does not know/,
    ],
  ])('%s', (_, text, message) => {
    const error = thrown(() => parsed(text));
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
  });

  test('the file named is the one with the error, among several', () => {
    expect(() => parsed('locals {}\n', 'locals {\n  x = \n}\n')).toThrow(/^f1\.tf:2: not valid HCL/);
  });
});

describe('normalizeHcl: a parser output of a shape it does not know is refused, never read', () => {
  test.each<[string, unknown]>([
    ['not an object', []],
    ['resource as a list', { resource: [] }],
    ['a resource type as a list', { resource: { t: [] } }],
    ['a resource as an object', { resource: { t: { n: {} } } }],
    ['a resource as a list of strings', { resource: { t: { n: ['x'] } } }],
    ['no resource in the list', { resource: { t: { n: [] } } }],
    ['locals as an object', { locals: { a: 1 } }],
    ['a provider as an object', { provider: { google: { project: 'p' } } }],
    ['a module as null', { module: { m: null } }],
  ])('%s', (_, value) => {
    expect(() => normalizeHcl(value, 'f.tf')).toThrow(
      /^f\.tf: (the HCL parser gave .* in a shape this command does not know|resource "t" "n" is declared empty)/,
    );
  });
});

describe('blockLines', () => {
  test('counts lines past strings with braces, interpolations, heredocs and comments', () => {
    const text = [
      'locals {', // 1
      '  a = "}${jsonencode({ b = "}" })}{"', // 2
      '  h = <<EOT', // 3
      'resource "x" "in_heredoc" {', // 4
      'EOT', // 5
      '}', // 6
      '/* resource "x" "in_comment" {', // 7
      '} */ resource "x" "after_comment" {', // 8
      '}', // 9
      '# resource "x" "hash" {', // 10
      'resource "x" "a" { n = 1 }', // 11
      'resource "x" "a" {', // 12
      '}', // 13
    ].join('\n');
    expect(Object.fromEntries(blockLines(text))).toStrictEqual({
      locals: [1],
      'x.after_comment': [8],
      'x.a': [11, 12],
    });
  });
});

test.each([
  [
    'parse config: [main.tf:12,3-9: Unsupported block type; Blocks of type "x" are not expected here.]',
    'main.tf:12: not valid HCL: Unsupported block type (Blocks of type "x" are not expected here)',
  ],
  [
    'parse config: [main.tf:1,1-2: Argument or block definition required]',
    'main.tf:1: not valid HCL: Argument or block definition required',
  ],
  ['something else', 'main.tf: not valid HCL: "something else"'],
  ['parse config: [main.tf:3,1-2: Two\nlines; and\r\n more.]', 'main.tf:3: not valid HCL: Two lines (and more)'],
])('syntaxError(%j)', (message, line) => expect(syntaxError('main.tf', message)).toBe(line));

describe('any HCL: an orderly exit, never a crash', () => {
  const scratch = scratchFolder('hcl-property-');
  /** Pieces of configuration, valid and not, that the parser and the readers may meet in any order. */
  const pieces = fc.constantFrom(
    'resource "google_cloud_run_v2_service" "s" {\n',
    'resource "google_binary_authorization_policy" "p" {\n',
    'module "m" {\n  source = "./m"\n',
    'binary_authorization {\n  use_default = true\n}\n',
    'binary_authorization = "x"\n',
    'default_admission_rule {\n  evaluation_mode = "ALWAYS_ALLOW"\n  enforcement_mode = "ENFORCED_BLOCK_AND_AUDIT_LOG"\n}\n',
    'template {\n  containers {\n    image = var.image\n  }\n}\n',
    'dynamic "containers" {\n  for_each = var.c\n  content {\n    image = "x"\n  }\n}\n',
    'count = 2\n',
    'for_each = {}\n',
    'lifecycle {\n  ignore_changes = all\n}\n',
    'provider = google.x\n',
    'x = <<EOT\n}\nEOT\n',
    'a = "%{if true}y%{endif}"\n',
    '# }\n',
    '}\n',
    '{\n',
    '"\n',
    '= 1\n',
    'locals {\n  a = 1\n}\n',
    'provider "google" {\n  project = "p"\n}\n',
  );

  test('lint and check on random configurations: exit 0, 1 or 2; exit 2 is one line', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const file = scratch.file('main.tf', parts.join(''));
        for (const command of ['lint', 'check']) {
          const { code, stdout, stderr } = runCli(command, file);
          expect([0, 1, 2]).toContain(code);
          for (const line of [...stdout, ...stderr]) {
            expect(line).not.toMatch(/^\s+at |^\w*Error:|internal error/);
          }
          if (code === 2) {
            expect(stderr).toHaveLength(1);
            expect(stdout).toEqual([]);
          } else {
            expect(stderr).toEqual([]);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
