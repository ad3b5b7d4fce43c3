/**
 * A plain Terraform repository, read as Terraform reads it: the `.tf` and `.tf.json` files of a folder are one
 * module, local modules are followed, and the same configuration is judged the same from HCL as from Terraform
 * JSON. Real configurations: `test/fixtures/hcl` (their origin is in its README).
 */
import { spawnSync } from 'child_process';
import { cpSync, readFileSync } from 'fs';
import { join } from 'path';
import { readInputs } from '../../src/cli/input';
import { inFolder, ROOT, runCli, runCliText, scratchFolder } from '../support';

const FIXTURES = join(ROOT, 'test/fixtures/hcl');
const DIGEST = `@sha256:${'1'.repeat(64)}`;

const scratch = scratchFolder('terraform-folder-', { each: true });

/** Writes files below a fresh folder of the scratch folder; returns the folder. */
function folder(files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) {
    scratch.file(`repo/${name}`, text);
  }
  return join(scratch.path, 'repo');
}

/** `check --json` results, without where they were read from. */
function checkRows(input: string): Array<Record<string, unknown>> {
  const { code, stdout, stderr } = runCli('check', input, '--json');
  expect(stderr).toEqual([]);
  expect([0, 1]).toContain(code);
  // Lines differ between a configuration's HCL and its JSON: each side's are asserted where it is read.
  return JSON.parse(stdout.join('\n')).results.map(
    ({ stack: _, file: __, line: ___, ...row }: Record<string, unknown>) => row,
  );
}

/** `lint --json` findings, as severity, code and address. */
function lintFindings(input: string): string[] {
  const { stdout } = runCli('lint', input, '--json');
  return JSON.parse(stdout.join('\n')).findings.map((f: any) => `${f.severity} ${f.code} ${f.address}`);
}

const POLICY = `resource "google_binary_authorization_policy" "policy" {
  admission_whitelist_patterns {
    name_pattern = "gcr.io/app-project/*"
  }
  default_admission_rule {
    evaluation_mode  = "ALWAYS_DENY"
    enforcement_mode = "ENFORCED_BLOCK_AND_AUDIT_LOG"
  }
  lifecycle {
    prevent_destroy = true
  }
}
`;

/** A module of one Cloud Run service, whose image and enforcement come from its variables. */
const SERVICE_MODULE = `variable "image" {
  type = string
}

variable "enforce" {
  type    = bool
  default = true
}

resource "google_cloud_run_v2_service" "this" {
  name     = "svc"
  location = "us-central1"
  binary_authorization {
    use_default = var.enforce
  }
  template {
    containers {
      image = var.image
    }
  }
}
`;

describe('real configurations: judged the same from HCL as from Terraform JSON', () => {
  test.each(['provider-docs', 'fabric'])('%s', (name) => {
    const [hcl, json] = ['hcl', 'json'].map((side) => join(FIXTURES, name, side));
    expect(checkRows(hcl)).toStrictEqual(checkRows(json));
    expect(lintFindings(hcl)).toStrictEqual(lintFindings(json));
  });

  test('provider documentation: a service without binary_authorization is NOT_ENFORCED, the allow-all policy flagged', () => {
    const input = join(FIXTURES, 'provider-docs/hcl');
    expect(checkRows(input).map((r) => `${r.workload} ${r.project} ${r.decision}`)).toStrictEqual([
      'google_cloud_run_v2_service.default docs-project NOT_ENFORCED',
      'google_cloud_run_v2_service.enforced docs-project ALLOW',
    ]);
    expect(lintFindings(input)).toEqual(
      expect.arrayContaining([
        'error allow-all google_binary_authorization_policy.policy',
        'error not-enforced google_cloud_run_v2_service.default',
      ]),
    );
  });

  test('fabric modules: the inputs the call passes are read; what is dynamic or counted stays unknown', () => {
    const input = join(FIXTURES, 'fabric/hcl');
    expect(checkRows(input).map((r) => `${r.workload} ${r.project} ${r.decision}`)).toStrictEqual([
      'module.hello.google_cloud_run_v2_service.service fabric-project UNKNOWN',
    ]);
    const summary = runCliText('summary', input).stdout;
    expect(summary).toContain('module.binauthz.google_binary_authorization_policy.policy (project fabric-project)');
    expect(summary).toContain('default rule: REQUIRE_ATTESTATION, ENFORCED_BLOCK_AND_AUDIT_LOG');
    expect(summary).toContain('${dynamic admission_whitelist_patterns}');
  });

  test('fabric modules: an ALWAYS_DENY rule without attestors is judged, though the module writes its list as a for expression', () => {
    // The module writes require_attestations_by as `[for a in coalesce(var….attestors, []) : …]`, known only at
    // apply; ALWAYS_DENY decides without it (it was an input error, exit 2). The image is still UNKNOWN, for the
    // allowlist the module writes as a dynamic block.
    const input = join(scratch.path, 'fabric');
    cpSync(join(FIXTURES, 'fabric/hcl'), input, { recursive: true });
    const main = readFileSync(join(input, 'main.tf'), 'utf8');
    const denying = main.replace(
      /default_admission_rule = \{[^}]*\}/,
      'default_admission_rule = {\n    evaluation_mode  = "ALWAYS_DENY"\n    enforcement_mode = "ENFORCED_BLOCK_AND_AUDIT_LOG"\n  }',
    );
    expect(denying).not.toBe(main);
    scratch.file('fabric/main.tf', denying);
    const image = `europe-docker.pkg.dev/other-project/app/web${DIGEST}`;
    const { code, stdout, stderr } = runCli('check', input, '--image', image, '--json');
    expect(stderr).toEqual([]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout.join('\n')).results.map((r: any) => `${r.policy} ${r.decision}`)).toStrictEqual([
      'module.binauthz.google_binary_authorization_policy.policy UNKNOWN',
    ]);
    expect(JSON.parse(stdout.join('\n')).results[0].evaluation.unknownValues).toStrictEqual([
      'allowlist pattern ${dynamic admission_whitelist_patterns}',
    ]);
    expect(runCliText('summary', input).stdout).toContain(
      'required attestors: 1 (known only at apply: ALWAYS_DENY decides without attestors, and the API refuses a list that is not empty)',
    );
    const lint = runCli('lint', input, '--json');
    expect(lint.stderr).toEqual([]);
    expect(JSON.parse(lint.stdout.join('\n')).findings.map((f: any) => f.message)).not.toContainEqual(
      expect.stringContaining('takes no attestors'),
    );
  });
});

describe('a folder is one module', () => {
  test('split across files: the provider in providers.tf gives the project of the service in service.tf', () => {
    const input = folder({
      'providers.tf': 'provider "google" {\n  project = "app-project"\n}\n',
      'policy.tf': POLICY,
      'service.tf': `# the web service\n\nresource "google_cloud_run_v2_service" "web" {\n  name     = "web"\n  location = "us-central1"\n  binary_authorization {\n    use_default = true\n  }\n  template {\n    containers {\n      image = "gcr.io/app-project/web${DIGEST}"\n    }\n  }\n}\n`,
    });
    const { code, stdout } = runCliText('check', input);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^repo +google_cloud_run_v2_service\.web +template\.containers\[0\] +app-project +google_binary_authorization_policy\.policy .* ALLOW +yes/m,
    );
    // One stack, named after the folder; each resource where it is written.
    const [file] = readInputs(input);
    expect(file.stack).toBe('repo');
    expect(file.model.resources.map((r) => [r.address, r.source])).toStrictEqual([
      ['google_binary_authorization_policy.policy', { file: 'policy.tf', line: 1 }],
      ['google_cloud_run_v2_service.web', { file: 'service.tf', line: 3 }],
    ]);
  });

  test('findings point at the file in the folder and its line (table, JSON, SARIF)', () => {
    const input = folder({
      'providers.tf': 'provider "google" {\n  project = "app-project"\n}\n',
      'policy.tf': POLICY,
      'service.tf': `# the web service\n\nresource "google_cloud_run_v2_service" "web" {\n  name     = "web"\n  location = "us-central1"\n  template {\n    containers {\n      image = "gcr.io/app-project/web${DIGEST}"\n    }\n  }\n}\n`,
    });
    const lint = runCliText('lint', input, '--json');
    expect(JSON.parse(lint.stdout).findings).toContainEqual(
      expect.objectContaining({
        code: 'not-enforced',
        address: 'google_cloud_run_v2_service.web',
        file: join(input, 'service.tf'),
        line: 3,
      }),
    );
    const check = runCliText('check', input, '--json');
    expect(JSON.parse(check.stdout).results.map((r: any) => [r.workload, r.file, r.line])).toStrictEqual([
      ['google_cloud_run_v2_service.web', join(input, 'service.tf'), 3],
    ]);
    const sarif = JSON.parse(runCliText('lint', input, '--format', 'sarif').stdout);
    const result = sarif.runs[0].results.find((r: any) => r.ruleId === 'not-enforced');
    expect(result.locations[0].physicalLocation).toStrictEqual({
      artifactLocation: { uri: expect.stringMatching(/\/service\.tf$/), uriBaseId: '%SRCROOT%' },
      region: { startLine: 3 },
    });
  });

  test('.tf and .tf.json files together', () => {
    const input = folder({
      'providers.tf.json': JSON.stringify({ provider: { google: { project: 'app-project' } } }),
      'policy.tf': POLICY,
    });
    const [file] = readInputs(input);
    expect(file.model.resources.map((r) => [r.address, r.providerProject, r.source])).toStrictEqual([
      ['google_binary_authorization_policy.policy', 'app-project', { file: 'policy.tf', line: 1 }],
    ]);
  });

  test('a folder of *.tf.json files is one stack too', () => {
    const input = folder({
      'a.tf.json': JSON.stringify({ provider: { google: { project: 'app-project' } } }),
      'b.tf.json': JSON.stringify(
        {
          resource: {
            google_binary_authorization_policy: {
              p: {
                default_admission_rule: {
                  evaluation_mode: 'ALWAYS_DENY',
                  enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
                },
              },
            },
          },
        },
        undefined,
        2,
      ),
    });
    const files = readInputs(input);
    expect(files.map((f) => [f.stack, f.file])).toStrictEqual([['repo', input]]);
    // Each resource at the line of its name key, as for a Terraform JSON file given alone.
    expect(files[0].model.resources.map((r) => [r.address, r.providerProject, r.source])).toStrictEqual([
      ['google_binary_authorization_policy.p', 'app-project', { file: 'b.tf.json', line: 4 }],
    ]);
  });

  test('a resource declared in two files is refused, naming both', () => {
    const input = folder({ 'a.tf': POLICY, 'b.tf': `\n${POLICY}` });
    const { code, stderr } = runCliText('lint', input);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `cdktf-gcp-binauthz: ${input}/b.tf:2: google_binary_authorization_policy.policy is declared again (first in ${input}/a.tf:1); Terraform refuses a duplicate, give each its own name`,
    );
  });

  test('one .tf file alone; its local modules are read relative to its folder', () => {
    const input = folder({
      'infra/main.tf': `provider "google" {\n  project = "app-project"\n}\n${POLICY}\nmodule "api" {\n  source = "./svc"\n  image  = "gcr.io/app-project/api${DIGEST}"\n}\n`,
      'infra/other.tf': 'this is not read',
      'infra/svc/main.tf': SERVICE_MODULE,
    });
    const [file] = readInputs(join(input, 'infra/main.tf'));
    expect(file.stack).toBe('main');
    expect(file.model.resources.map((r) => [r.address, r.source])).toStrictEqual([
      ['google_binary_authorization_policy.policy', { file: join(input, 'infra/main.tf'), line: 4 }],
      ['module.api.google_cloud_run_v2_service.this', { file: join(input, 'infra/svc/main.tf'), line: 10 }],
    ]);
    expect(runCliText('check', join(input, 'infra/main.tf')).code).toBe(0);
  });

  test('a cdktf.out stack synthesized with --hcl (cdk.tf) is read as HCL', () => {
    const input = folder({ 'stacks/web/cdk.tf': `provider "google" {\n  project = "app-project"\n}\n${POLICY}` });
    const files = readInputs(input);
    expect(files.map((f) => [f.stack, f.model.resources.map((r) => r.address)])).toStrictEqual([
      ['web', ['google_binary_authorization_policy.policy']],
    ]);
  });
});

describe('local modules are followed', () => {
  const callers = `provider "google" {
  project = "app-project"
}

module "api" {
  source = "./modules/svc"
  image  = "gcr.io/app-project/api${DIGEST}"
}

module "other" {
  source  = "./modules/svc"
  image   = "gcr.io/app-project/other${DIGEST}"
  enforce = false
}

module "evil" {
  source = "./modules/svc"
  image  = "gcr.io/evil/api${DIGEST}"
}

module "many" {
  source   = "./modules/svc"
  for_each = toset(["a", "b"])
  image    = "gcr.io/app-project/api${DIGEST}"
}

module "none" {
  source = "./modules/missing"
  count  = 0
}

module "remote" {
  source  = "GoogleCloudPlatform/cloud-run/google"
  version = "~> 0.10"
}
`;

  test('a module called several times, each with its inputs; for_each unknown; a registry module a row of its own', () => {
    const input = folder({ 'policy.tf': POLICY, 'main.tf': callers, 'modules/svc/main.tf': SERVICE_MODULE });
    const { code, stdout } = runCli('check', input, '--json');
    expect(code).toBe(1);
    const rows = JSON.parse(stdout.join('\n')).results.map(
      (r: any) => `${r.workload} ${r.project ?? '-'} ${r.decision}`,
    );
    expect(rows).toStrictEqual([
      'module.remote - UNKNOWN',
      'module.api.google_cloud_run_v2_service.this app-project ALLOW',
      'module.other.google_cloud_run_v2_service.this app-project NOT_ENFORCED',
      'module.evil.google_cloud_run_v2_service.this app-project DENY',
      'module.many.google_cloud_run_v2_service.this app-project UNKNOWN',
    ]);
    const [file] = readInputs(input);
    expect(
      file.model.resources.find((r) => r.address === 'module.api.google_cloud_run_v2_service.this')?.source,
    ).toStrictEqual({
      file: 'modules/svc/main.tf',
      line: 10,
    });
  });

  test('a variable of the root module is unknown, even with a default (tfvars, -var and TF_VAR_ may set it)', () => {
    const input = folder({
      'policy.tf': POLICY,
      'main.tf': SERVICE_MODULE.replace(
        'type = string',
        `type = string\n  default = "gcr.io/app-project/api${DIGEST}"`,
      ),
    });
    expect(checkRows(input).map((r) => `${r.workload} ${r.decision}`)).toStrictEqual([
      'google_cloud_run_v2_service.this UNKNOWN',
    ]);
  });

  test('a module of a module, addressed as Terraform does, with the file relative to the folder given', () => {
    const input = folder({
      'main.tf': 'module "outer" {\n  source = "./outer"\n  image = "gcr.io/x/y"\n}\n',
      'outer/main.tf': 'variable "image" {}\nmodule "inner" {\n  source = "../modules/svc"\n  image  = var.image\n}\n',
      'modules/svc/main.tf': SERVICE_MODULE,
    });
    const [file] = readInputs(input);
    expect(
      file.model.resources.map((r) => [
        r.address,
        ([r.values.template].flat()[0] as any).containers[0].image,
        r.source,
      ]),
    ).toStrictEqual([
      [
        'module.outer.module.inner.google_cloud_run_v2_service.this',
        'gcr.io/x/y',
        { file: 'modules/svc/main.tf', line: 10 },
      ],
    ]);
  });

  test.each<[string, Record<string, string>, string]>([
    [
      'a local module whose folder is missing',
      { 'main.tf': '\nmodule "api" {\n  source = "./modules/api"\n}\n' },
      '@/main.tf:2: module.api has source "./modules/api", and @/modules/api does not exist; fix the source, or check the plan (terraform show -json)',
    ],
    [
      'a local module whose folder holds no Terraform',
      { 'main.tf': 'module "api" {\n  source = "./api"\n}\n', 'api/README.md': '' },
      '@/main.tf:1: module.api: @/api: holds no Terraform (*.tf, *.tf.json), so the module cannot be read',
    ],
    [
      'modules that call each other',
      {
        'main.tf': 'module "a" {\n  source = "./a"\n}\n',
        'a/main.tf': 'module "b" {\n  source = "../b"\n}\n',
        'b/main.tf': 'module "a" {\n  source = "../a"\n}\n',
      },
      '@/b/main.tf:1: module.a.module.b.module.a (source "../a") calls @/a, which is already on the way to it (@/a → @/b → @/a): a module cannot call itself; Terraform refuses the cycle',
    ],
    [
      'a source that is an expression',
      { 'main.tf': 'module "api" {\n  source = var.where\n}\n' },
      '@/main.tf: module.api: source must be a literal string',
    ],
    [
      'HCL that is not valid in a module',
      { 'main.tf': 'module "api" {\n  source = "./api"\n}\n', 'api/main.tf': 'resource "x" "y" {\n  a = \n}\n' },
      '@/api/main.tf:2: not valid HCL: Invalid expression',
    ],
    [
      'an override file',
      { 'main.tf': POLICY, 'main_override.tf': POLICY },
      '@: holds Terraform override files (main_override.tf)',
    ],
  ])('%s: exit 2, one line naming it', (_, files, message) => {
    const input = folder(files);
    const { code, stdout, stderr } = runCli('check', input);
    expect(code).toBe(2);
    expect(stdout).toEqual([]);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toContain(`cdktf-gcp-binauthz: ${message.replace(/@/g, input)}`);
  });
});

describe("a local module's references to its own resources resolve to them", () => {
  /** A module that defines an attestor, its KMS key and note, and grants a signer on both. */
  const SIGNING = `variable "project_id" {
  type = string
}

variable "signer" {
  type = string
}

resource "google_kms_key_ring" "ring" {
  project  = var.project_id
  name     = "attestors"
  location = "global"
}

resource "google_kms_crypto_key" "key" {
  name     = "built"
  key_ring = google_kms_key_ring.ring.id
  purpose  = "ASYMMETRIC_SIGN"
  version_template {
    algorithm = "EC_SIGN_P256_SHA256"
  }
}

data "google_kms_crypto_key_version" "version" {
  crypto_key = google_kms_crypto_key.key.id
}

resource "google_container_analysis_note" "note" {
  project = var.project_id
  name    = "built-note"
  attestation_authority {
    hint {
      human_readable_name = "built"
    }
  }
}

resource "google_binary_authorization_attestor" "built" {
  project = var.project_id
  name    = "built"
  attestation_authority_note {
    note_reference = google_container_analysis_note.note.name
    public_keys {
      id = data.google_kms_crypto_key_version.version.id
      pkix_public_key {
        public_key_pem      = data.google_kms_crypto_key_version.version.public_key[0].pem
        signature_algorithm = data.google_kms_crypto_key_version.version.public_key[0].algorithm
      }
    }
  }
}

resource "google_kms_crypto_key_iam_member" "signer" {
  crypto_key_id = google_kms_crypto_key.key.id
  role          = "roles/cloudkms.signer"
  member        = var.signer
}

resource "google_container_analysis_note_iam_member" "attacher" {
  project = var.project_id
  note    = google_container_analysis_note.note.name
  role    = "roles/containeranalysis.notes.attacher"
  member  = var.signer
}
`;
  const ROOT_MODULE = `provider "google" {
  project = "sec-project"
}

module "signing" {
  source     = "./modules/signing"
  project_id = "sec-project"
  signer     = "serviceAccount:ci@sec-project.iam.gserviceaccount.com"
}

resource "google_binary_authorization_policy" "policy" {
  project = "app-project"
  default_admission_rule {
    evaluation_mode         = "REQUIRE_ATTESTATION"
    enforcement_mode        = "ENFORCED_BLOCK_AND_AUDIT_LOG"
    require_attestations_by = ["projects/sec-project/attestors/built"]
  }
}
`;

  test('graph: the signer signs the key the attestor trusts, one node, named in full', () => {
    const input = folder({ 'main.tf': ROOT_MODULE, 'modules/signing/main.tf': SIGNING });
    const { code, stdout } = runCli('graph', input);
    expect(code).toBe(0);
    const text = stdout.join('\n');
    const key = 'key projects/sec-project/locations/global/keyRings/attestors/cryptoKeys/built';
    expect(text.match(/^ +key\d+\[/gm)).toHaveLength(1);
    expect(text).toContain(`key1["${key}"]`);
    expect(text).toMatch(/signer1 -->\|signs: roles\/cloudkms.signer\| key1/);
    expect(text).toMatch(/key1 -->\|trusted by\| attestor1/);
    expect(text).not.toContain('#36;#123;');
  });

  test('diff: the signer grant is judged on the key of the attestor', () => {
    const before = folder({
      'main.tf': ROOT_MODULE,
      'modules/signing/main.tf': SIGNING.replace(/resource "google_kms_crypto_key_iam_member"[\s\S]*?\n}\n/, ''),
    });
    const after = join(scratch.path, 'after');
    cpSync(before, after, { recursive: true });
    scratch.file('after/modules/signing/main.tf', SIGNING);
    const { code, stdout } = runCli('diff', before, after, '--json');
    expect(code).toBe(1);
    const changes = JSON.parse(stdout.join('\n')).changes;
    expect(changes.map((c: any) => `${c.kind} ${c.subject}`)).toStrictEqual([
      'weakening key projects/sec-project/locations/global/keyRings/attestors/cryptoKeys/built',
    ]);
    expect(changes[0].reason).toContain('may now sign with this key (the key of projects/sec-project/attestors/built)');
  });
});

describe('locals are evaluated where their values are known', () => {
  const files = (image: string) => ({
    'locals.tf': `locals {\n  project  = "app-project"\n  registry = "us-docker.pkg.dev/\${local.project}/apps"\n  tag      = upper("v1")\n}\n`,
    'main.tf': `provider "google" {\n  project = local.project\n}\n\nresource "google_binary_authorization_policy" "policy" {\n  project = local.project\n  admission_whitelist_patterns {\n    name_pattern = "\${local.registry}/**"\n  }\n  default_admission_rule {\n    evaluation_mode  = "ALWAYS_DENY"\n    enforcement_mode = "ENFORCED_BLOCK_AND_AUDIT_LOG"\n  }\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n\nresource "google_cloud_run_v2_service" "web" {\n  name     = "web"\n  location = "us-central1"\n  binary_authorization {\n    use_default = true\n  }\n  template {\n    containers {\n      image = ${image}\n    }\n  }\n}\n`,
  });

  test('a project, a pattern and an image built from literal locals: judged (admitted)', () => {
    const { code, stdout } = runCli('check', folder(files(`"\${local.registry}/web${DIGEST}"`)), '--json');
    const [row] = JSON.parse(stdout.join('\n')).results;
    expect(row).toMatchObject({
      project: 'app-project',
      image: `us-docker.pkg.dev/app-project/apps/web${DIGEST}`,
      decision: 'ALLOW',
    });
    expect(code).toBe(0);
  });

  test('a local that calls a function stays unknown: not admitted', () => {
    const { code, stdout } = runCli('check', folder(files(`"\${local.registry}/web:\${local.tag}"`)), '--json');
    expect(JSON.parse(stdout.join('\n')).results[0]).toMatchObject({ decision: 'UNKNOWN', admitted: false });
    expect(code).toBe(1);
  });
});

describe('--var-file: the values of the root variables', () => {
  const MAIN = `variable "project" {\n  type = string\n}\n\nvariable "registry" {\n  type    = string\n  default = "gcr.io/evil"\n}\n\nprovider "google" {\n  project = var.project\n}\n\nresource "google_binary_authorization_policy" "policy" {\n  project = var.project\n  admission_whitelist_patterns {\n    name_pattern = "\${var.registry}/**"\n  }\n  default_admission_rule {\n    evaluation_mode  = "ALWAYS_DENY"\n    enforcement_mode = "ENFORCED_BLOCK_AND_AUDIT_LOG"\n  }\n}\n\nresource "google_cloud_run_v2_service" "web" {\n  name     = "web"\n  location = "us-central1"\n  binary_authorization {\n    use_default = true\n  }\n  template {\n    containers {\n      image = "us-docker.pkg.dev/app-project/apps/web${DIGEST}"\n    }\n  }\n}\n`;
  /** `check --json` of the folder with these options: exit code, and the one row's project and decision. */
  const checked = (...options: string[]) => {
    const { code, stdout, stderr } = runCli('check', folder({ 'main.tf': MAIN }), '--json', ...options);
    const rows = stdout.length === 0 ? [] : JSON.parse(stdout.join('\n')).results;
    return { code, stderr, rows: rows.map((r: any) => `${r.project} ${r.decision}`) };
  };

  test('without it, root variables are unknown, whatever their default', () => {
    expect(checked()).toMatchObject({ code: 1, rows: ['${var.project} UNKNOWN'] });
  });

  test('a .tfvars file gives them: judged', () => {
    const vars = scratch.file(
      'vars/prod.tfvars',
      'project  = "app-project"\nregistry = "us-docker.pkg.dev/app-project/apps"\n',
    );
    expect(checked('--var-file', vars)).toStrictEqual({ code: 0, stderr: [], rows: ['app-project ALLOW'] });
  });

  test('a .tfvars.json file too; a later file wins; a variable no file sets stays unknown', () => {
    const first = scratch.file('vars/a.tfvars.json', {
      project: 'other-project',
      registry: 'us-docker.pkg.dev/app-project/apps',
    });
    const second = scratch.file('vars/b.tfvars.json', { project: 'app-project' });
    expect(checked('--var-file', first, '--var-file', second)).toMatchObject({ code: 0, rows: ['app-project ALLOW'] });
    // The default of a variable no file sets is not taken (-var or TF_VAR_ may set it): the pattern is unknown.
    expect(checked('--var-file', second)).toMatchObject({ code: 1, rows: ['app-project UNKNOWN'] });
  });

  test.each([
    ['"true" for a bool enforces', { enforce: 'true' }, 'ALLOW', 0],
    ['"false" for a bool does not', { enforce: 'false' }, 'NOT_ENFORCED', 1],
  ])("a value is converted to the variable's type, as Terraform converts it: %s", (_, given, decision, exit) => {
    const main = `variable "enforce" {\n  type = bool\n}\n\n${MAIN.replace('use_default = true', 'use_default = var.enforce')}`;
    const vars = scratch.file('vars/enforce.tfvars.json', {
      project: 'app-project',
      registry: 'us-docker.pkg.dev/app-project/apps',
      ...given,
    });
    const { code, stdout, stderr } = runCli('check', folder({ 'main.tf': main }), '--var-file', vars, '--json');
    expect(stderr).toEqual([]);
    expect(JSON.parse(stdout.join('\n')).results[0]).toMatchObject({ decision });
    expect(code).toBe(exit);
  });

  test('a value that is not a literal stays unknown', () => {
    const vars = scratch.file('vars/expr.tfvars', 'project = upper("app-project")\n');
    expect(checked('--var-file', vars)).toMatchObject({ code: 1, rows: ['${upper("app-project")} UNKNOWN'] });
  });

  test.each([
    ['a variable the root module does not declare', 'unknown.tfvars', 'projekt = "x"\n', 'sets "projekt", which'],
    ['a file that is not HCL', 'broken.tfvars', 'project = = \n', 'not valid HCL'],
    ['a JSON file that is not an object', 'list.tfvars.json', '[1]', 'sets variables by name (an object), got'],
    ['a JSON file that is not JSON', 'broken.tfvars.json', '{', 'not valid JSON'],
  ])('%s: exit 2, naming the file', (_, name, text, message) => {
    const vars = scratch.file(`vars/${name}`, text);
    const { code, stderr } = checked('--var-file', vars);
    expect(code).toBe(2);
    expect(stderr.join('\n')).toContain(`--var-file ${vars}`);
    expect(stderr.join('\n')).toContain(message);
  });

  test('a terraform.tfvars or *.auto.tfvars that Terraform would load is named in a note until it is given', () => {
    const input = folder({ 'main.tf': MAIN });
    const vars = scratch.file(
      'repo/terraform.tfvars',
      'project  = "app-project"\nregistry = "us-docker.pkg.dev/app-project/apps"\n',
    );
    scratch.file('repo/prod.auto.tfvars.json', { project: 'app-project' });
    scratch.file('repo/prod.tfvars', 'project = "x"\n'); // loaded only with -var-file: no note
    const note = (file: string) =>
      `${file}: Terraform loads the root variables it sets by itself, and this command only with --var-file ${file}; without it, those variables are unknown here`;
    const expected = [note(join(input, 'prod.auto.tfvars.json')), note(vars)]; // in the folder's order
    expect(JSON.parse(runCli('check', input, '--json').stdout.join('\n')).notes).toStrictEqual(expected);
    expect(JSON.parse(runCli('lint', input, '--json').stdout.join('\n')).notes).toStrictEqual(expected);
    expect(runCli('check', input).stdout).toEqual(expect.arrayContaining(expected.map((n) => `note: ${n}`)));
    const given = runCli('check', input, '--var-file', vars, '--json');
    expect(JSON.parse(given.stdout.join('\n')).notes).toStrictEqual([]);
    expect(given.code).toBe(0);
  });

  test('a file that is not there: exit 2, naming it', () => {
    const missing = join(scratch.path, 'vars/missing.tfvars');
    const { code, stderr } = checked('--var-file', missing);
    expect(code).toBe(2);
    expect(stderr.join('\n')).toContain(`--var-file ${missing}: no such file`);
  });

  test('given with an input that is not a Terraform configuration: exit 2, never dropped', () => {
    const vars = scratch.file('vars/prod.tfvars.json', { project: 'app-project' });
    const json = scratch.file('cdk.tf.json', { resource: {} });
    const { code, stderr } = runCli('lint', json, '--var-file', vars);
    expect(code).toBe(2);
    expect(stderr.join('\n')).toContain(
      '--var-file sets the root variables of a Terraform configuration (a folder of .tf or .tf.json files, or a .tf file), and no input of this command is one',
    );
  });

  test('beside a Terraform configuration, a --policy file of another kind is read as it is', () => {
    const vars = scratch.file('vars/prod.tfvars', 'project  = "app-project"\nregistry = "gcr.io/nothing"\n');
    const live = scratch.file(
      'live.yaml',
      'admissionWhitelistPatterns:\n- namePattern: us-docker.pkg.dev/app-project/apps/**\ndefaultAdmissionRule:\n  enforcementMode: ENFORCED_BLOCK_AND_AUDIT_LOG\n  evaluationMode: ALWAYS_DENY\nname: projects/app-project/policy\n',
    );
    const { code, stdout } = runCli(
      'check',
      folder({ 'main.tf': MAIN }),
      '--var-file',
      vars,
      '--policy',
      live,
      '--json',
    );
    const rows = JSON.parse(stdout.join('\n')).results.map((r: any) => `${r.policy} ${r.decision}`);
    expect(rows).toStrictEqual(['google_binary_authorization_policy.policy DENY', `${live} ALLOW`]);
    expect(code).toBe(1);
  });
});

describe('the HCL parser is loaded only for HCL', () => {
  /** Runs a script with ts-node in a child process; returns its standard output. */
  function node(script: string, preload: string[] = []): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(
      process.execPath,
      [...preload.flatMap((p) => ['-r', p]), '-r', 'ts-node/register', '-e', script],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'test/tsconfig.json'), TS_NODE_TRANSPILE_ONLY: 'true' },
      },
    );
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }
  const loaded = (input: string) =>
    `require('./src/cli/input').readInputs(${JSON.stringify(input)});` +
    "console.log(JSON.stringify(Object.keys(require.cache).filter((k) => /hcl2json|src\\/cli\\/hcl\\.ts/.test(k)).map((k) => k.replace(/.*\\//, ''))))";

  test('reading Terraform JSON loads neither the parser nor the module that runs it; reading HCL loads it', () => {
    const json = folder({ 'main.tf.json': JSON.stringify({ resource: {} }) });
    const hcl = join(scratch.path, 'hcl.tf');
    scratch.file('hcl.tf', 'locals {}\n');
    const [fromJson, fromHcl] = [json, hcl].map((input) => node(loaded(input)));
    expect(fromJson.stderr).toBe('');
    expect(JSON.parse(fromJson.stdout)).toStrictEqual([]);
    // The parser itself runs in a worker thread: this thread loads only the module that starts it.
    expect(JSON.parse(fromHcl.stdout)).toStrictEqual(['hcl.ts']);
  });

  test('where no parser is installed, HCL is an input error saying how to install one', () => {
    const hide = scratch.file(
      'hide.js',
      "const M = require('module'); const resolve = M._resolveFilename; M._resolveFilename = function (r, ...rest) { if (/hcl2json/.test(r)) { const e = new Error('Cannot find module ' + r); e.code = 'MODULE_NOT_FOUND'; throw e; } return resolve.call(this, r, ...rest); };",
    );
    const input = join(scratch.path, 'main.tf');
    scratch.file('main.tf', 'locals {}\n');
    const { status, stdout, stderr } = node(
      `const { main } = require('./src/cli/main'); process.exitCode = main(['lint', ${JSON.stringify(input)}], console.log, console.error);`,
      [hide],
    );
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `cdktf-gcp-binauthz: ${input}: reading Terraform HCL (.tf) needs @cdktf/hcl2json, which is not installed; install it beside this command (npm install --save-dev @cdktf/hcl2json; cdktf-cli brings it), or give Terraform JSON (a plan: terraform show -json)\n`,
    );
  });
});

describe('the README’s "Gate a plain Terraform repository"', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('\n## Gate a plain Terraform repository\n'),
    readme.indexOf('\n## ', readme.indexOf('\n## Gate a plain Terraform repository\n') + 1),
  );

  test('its commands on the configuration run on a real configuration as infra/', () => {
    const commands = [...section.matchAll(/```sh\n([\s\S]*?)```/g)]
      .flatMap((m) => m[1].split('\n'))
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter((line) => line.startsWith('npx cdktf-gcp-binauthz ') && !line.includes('plan.json'));
    expect(commands).toStrictEqual(['npx cdktf-gcp-binauthz lint infra/', 'npx cdktf-gcp-binauthz check infra/']);
    cpSync(join(FIXTURES, 'provider-docs/hcl'), join(scratch.path, 'infra'), { recursive: true });
    const codes = inFolder(scratch.path, () =>
      commands.map((c) => runCli(...c.replace('npx cdktf-gcp-binauthz ', '').split(' ')).code),
    );
    expect(codes).toStrictEqual([1, 1]); // an allow-all policy, a service that does not enforce
  });

  test('it names what reading configuration cannot see', () => {
    for (const what of ['remote modules', 'values from variables', 'data sources']) {
      expect(section).toContain(`**${what}`);
    }
  });
});

describe('OpenTofu files', () => {
  test('one that holds only terraform settings (versions.tofu) is left alone', () => {
    const input = folder({ 'main.tf': POLICY, 'versions.tofu': 'terraform {\n  required_version = ">= 1.7"\n}\n' });
    expect(runCli('lint', input).code).toBe(0);
  });

  test.each([
    ['versions.tofu', `provider "google" {\n  project = "p"\n}\n${POLICY}`, 'provider, resource'],
    ['main.tofu.json', JSON.stringify({ module: { m: { source: './m' } } }), 'module'],
  ])('%s that declares more is refused: OpenTofu would read it, this command does not', (name, text, declared) => {
    const input = folder({ 'main.tf': POLICY, [name]: text });
    const { code, stderr } = runCli('lint', input);
    expect(code).toBe(2);
    expect(stderr).toStrictEqual([
      `cdktf-gcp-binauthz: ${input}/${name}: an OpenTofu file that declares ${declared}, which OpenTofu reads and Terraform (and this command) does not, so it would go unchecked; check the plan instead (tofu show -json)`,
    ]);
  });
});
