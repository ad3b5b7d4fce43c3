/**
 * `cdktf synth --hcl`: every block the library writes is a block in HCL as in Terraform JSON, and the HCL
 * says what the JSON says. The examples go through the path the cdktf 0.21 CLI takes (the app synthesizes
 * with `SYNTH_HCL_OUTPUT=true`, then the CLI formats each stack's `cdk.tf` with `@cdktf/hcl-tools`'s
 * `format`); the HCL is read back with `@cdktf/hcl2json`, which writes a block as a list of objects and an
 * argument as its value.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { format } from '@cdktf/hcl-tools';
import { parse } from '@cdktf/hcl2json';
import { Aspects, TerraformResource, TerraformStack, Testing } from 'cdktf';
import {
  AdmissionRule,
  Attestor,
  AttestorKey,
  BinaryAuthorization,
  BinaryAuthorizationPolicy,
  RequireBinaryAuthorization,
  RequirementMode,
  SignatureAlgorithm,
} from '../src';
import { EC_PUBLIC_KEY_PEM, PGP_PUBLIC_KEY } from './fixtures/keys';
import { EXAMPLES, newStack, synthesizeExample } from './support';
import { gcfFunction, IMAGE, v1Service, v2Job, v2Service, v2WorkerPool } from './support/workloads';
import { checkWorkloads } from '../src/cli/check';
import { lint } from '../src/cli/lint';
import { summary } from '../src/cli/summary';

/** The attributes of each resource type that are blocks (nested block types of the provider's schema). */
const BLOCKS: Record<string, string[]> = {
  google_binary_authorization_policy: [
    'default_admission_rule',
    'admission_whitelist_patterns',
    'cluster_admission_rules',
    'lifecycle',
  ],
  google_cloud_run_v2_service: ['binary_authorization', 'template'],
  google_cloud_run_v2_job: ['binary_authorization', 'template'],
  google_cloud_run_v2_worker_pool: ['binary_authorization', 'template'],
  google_cloud_run_service: ['metadata', 'template'],
  google_cloudfunctions2_function: ['service_config', 'build_config'],
  google_binary_authorization_attestor: ['attestation_authority_note'],
  google_org_policy_policy: ['spec'],
};

/** What cdktf's HCL renderer writes when it renders a block's type information instead of the block. */
const TYPE_INFORMATION = /isBlock|storageClassType|is_block|storage_class_type|\[object Object\]/;

/** `cdk.tf` as the cdktf CLI leaves it (formatted), read back. */
async function readHcl(text: string): Promise<any> {
  expect(text).not.toMatch(TYPE_INFORMATION);
  return parse('cdk.tf', await format(text));
}

/**
 * A configuration with the differences between the two syntaxes taken out: a block of one (an object in
 * Terraform JSON, a list of one object in hcl2json's reading) is the object, a bare reference
 * (`to = google_x.y`, which hcl2json reads as `${google_x.y}`) is the reference, and cdktf's `//` metadata
 * (written to `metadata.json` beside HCL) is left out.
 */
function normalized(value: unknown): unknown {
  if (Array.isArray(value)) {
    const single = value.length === 1 && typeof value[0] === 'object' && value[0] !== null && !Array.isArray(value[0]);
    return single ? normalized(value[0]) : value.map(normalized);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== '//')
        .map(([key, v]) => [key, normalized(v)]),
    );
  }
  return typeof value === 'string' ? value.replace(/^\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)\}$/, '$1') : value;
}

/**
 * Expects the HCL to hold what the Terraform JSON holds (resources, data sources, imports), with every block
 * of `BLOCKS` a block.
 */
function expectSameConfiguration(hcl: any, json: any): void {
  for (const section of ['resource', 'data', 'import'] as const) {
    expect(normalized(hcl[section])).toStrictEqual(normalized(json[section]));
  }
  for (const [type, byName] of Object.entries<Record<string, any>>(json.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      const [read] = hcl.resource[type][name];
      for (const block of BLOCKS[type] ?? []) {
        if (body[block] !== undefined) {
          expect({ [`${type}.${name}.${block}`]: Array.isArray(read[block]) }).toStrictEqual({
            [`${type}.${name}.${block}`]: true,
          });
        }
      }
    }
  }
}

/** A stack built twice, by `build`: synthesized as Terraform JSON and as HCL (validations run for both). */
async function bothWays(build: (stack: TerraformStack) => void): Promise<{ json: any; hcl: any; text: string }> {
  const forJson = newStack({ project: 'my-project' });
  build(forJson);
  const json = JSON.parse(Testing.synth(forJson, true));
  const forHcl = newStack({ project: 'my-project' });
  build(forHcl);
  const text = Testing.synthHcl(forHcl, true);
  const hcl = await readHcl(text);
  expectSameConfiguration(hcl, json);
  return { json, hcl, text };
}

describe('the examples through cdktf synth --hcl', () => {
  const names = readdirSync(EXAMPLES).filter((name) => existsSync(join(EXAMPLES, name, 'main.ts')));

  /** `synthesizeExample`, with `SYNTH_HCL_OUTPUT=true` (what `cdktf synth --hcl` sets) and the CLI's formatting. */
  async function synthesizeHcl(name: string): Promise<string> {
    const previous = process.env.SYNTH_HCL_OUTPUT;
    process.env.SYNTH_HCL_OUTPUT = 'true';
    let outdir: string;
    try {
      outdir = synthesizeExample(name);
    } finally {
      if (previous === undefined) delete process.env.SYNTH_HCL_OUTPUT;
      else process.env.SYNTH_HCL_OUTPUT = previous;
    }
    // cli-core's SynthStack.formatHclFiles: each stack's synthesizedStackPath, formatted in place.
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    for (const stack of Object.values<any>(manifest.stacks)) {
      const file = join(outdir, stack.synthesizedStackPath);
      expect(file.endsWith('.tf')).toBe(true);
      writeFileSync(file, await format(readFileSync(file, 'utf8')));
    }
    return outdir;
  }

  test.each(names)('%s: valid HCL that says what its Terraform JSON says', async (name) => {
    const hclOut = await synthesizeHcl(name);
    const jsonOut = synthesizeExample(name);
    try {
      const stacks = readdirSync(join(jsonOut, 'stacks'));
      expect(stacks.length).toBeGreaterThan(0);
      for (const stack of stacks) {
        const json = JSON.parse(readFileSync(join(jsonOut, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
        const hcl = await readHcl(readFileSync(join(hclOut, 'stacks', stack, 'cdk.tf'), 'utf8'));
        expect(Object.keys(hcl.resource.google_binary_authorization_policy ?? {}).length).toBeGreaterThan(0);
        expectSameConfiguration(hcl, json);
      }
    } finally {
      rmSync(hclOut, { recursive: true, force: true });
      rmSync(jsonOut, { recursive: true, force: true });
    }
  });

  /** What the command line makes of a cdktf.out: each stack's rows and findings, without where they are written. */
  function verdicts(outdir: string) {
    const unplaced = ({ file: _, line: __, ...rest }: { file: string; line?: number }) => rest;
    const notFound: string[] = [];
    const anonymous = (line: string) =>
      line
        .split(outdir)
        .join('OUT')
        .replace(/cdk\.tf(\.json)?/g, 'cdk.tf*');
    // In input order, which differs: HCL's blocks come in the renderer's order.
    const sorted = <T>(items: T[]) =>
      items.map((item) => [JSON.stringify(item), item] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      check: sorted(checkWorkloads(outdir, { images: [], policyFiles: [] }, notFound).map(unplaced)),
      lint: sorted(lint(outdir, undefined).map(unplaced)),
      summary: summary(outdir).map(anonymous),
      notFound: notFound.map(anonymous),
    };
  }

  test.each(names)('%s: the command line judges its HCL as it judges its Terraform JSON', async (name) => {
    const hclOut = await synthesizeHcl(name);
    const jsonOut = synthesizeExample(name);
    try {
      // The HCL output is read as HCL (cdk.tf), not as a Terraform JSON left beside it.
      for (const stack of readdirSync(join(hclOut, 'stacks'))) {
        expect(existsSync(join(hclOut, 'stacks', stack, 'cdk.tf.json'))).toBe(false);
      }
      const fromHcl = verdicts(hclOut);
      const fromJson = verdicts(jsonOut);
      expect(fromJson.summary.length).toBeGreaterThan(0);
      expect(fromHcl).toStrictEqual(fromJson);
      // Findings and rows on HCL point at the line of their block in cdk.tf.
      const lines = checkWorkloads(hclOut, { images: [], policyFiles: [] }).map((r) => r.line);
      expect(lines.every((line) => typeof line === 'number' && line > 0)).toBe(true);
    } finally {
      rmSync(hclOut, { recursive: true, force: true });
      rmSync(jsonOut, { recursive: true, force: true });
    }
  });

  test('the examples cover a policy without cluster rules and one without patterns, and APPLY on a service and a function', async () => {
    const seen = { noClusterRules: false, noPatterns: false, service: false, fn: false };
    for (const name of names) {
      const outdir = synthesizeExample(name);
      try {
        for (const stack of readdirSync(join(outdir, 'stacks'))) {
          const json = JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
          for (const policy of Object.values<any>(json.resource.google_binary_authorization_policy ?? {})) {
            seen.noClusterRules ||= policy.cluster_admission_rules === undefined;
            seen.noPatterns ||= policy.admission_whitelist_patterns === undefined;
          }
          for (const service of Object.values<any>(json.resource.google_cloud_run_v2_service ?? {})) {
            seen.service ||= service.binary_authorization?.use_default === true;
          }
          for (const fn of Object.values<any>(json.resource.google_cloudfunctions2_function ?? {})) {
            seen.fn ||= fn.service_config?.binary_authorization_policy === 'default';
          }
        }
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    }
    expect(seen).toStrictEqual({ noClusterRules: true, noPatterns: true, service: true, fn: true });
  });
});

describe('BinaryAuthorizationPolicy in HCL', () => {
  test('a policy without patterns or cluster rules has neither, in either syntax', async () => {
    const { json, hcl, text } = await bothWays((stack) => {
      new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    });
    const [policy] = Object.values<any>(json.resource.google_binary_authorization_policy);
    expect(policy.admission_whitelist_patterns).toBeUndefined();
    expect(policy.cluster_admission_rules).toBeUndefined();
    expect(text).not.toMatch(/admission_whitelist_patterns|cluster_admission_rules/);
    const [read] = hcl.resource.google_binary_authorization_policy.Policy_23B91518;
    expect(read.default_admission_rule).toStrictEqual([
      { evaluation_mode: 'ALWAYS_DENY', enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG' },
    ]);
  });

  test('patterns and cluster rules are one block each, in order (cluster rules by cluster)', async () => {
    const { hcl } = await bothWays((stack) => {
      const prod = Attestor.fromAttestorName(stack, 'Prod', 'projects/sec-project/attestors/prod');
      const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
      policy.addAllowlistPattern('us-docker.pkg.dev/my-project/b/**');
      policy.addAllowlistPattern('us-docker.pkg.dev/my-project/a/**');
      policy.addClusterAdmissionRule('us-central1-b.two', AdmissionRule.denyAll());
      policy.addClusterAdmissionRule('us-central1-a.one', AdmissionRule.requireAttestations([prod]));
    });
    const [read] = hcl.resource.google_binary_authorization_policy.Policy_23B91518;
    expect(read.admission_whitelist_patterns).toStrictEqual([
      { name_pattern: 'us-docker.pkg.dev/my-project/b/**' },
      { name_pattern: 'us-docker.pkg.dev/my-project/a/**' },
    ]);
    expect(read.cluster_admission_rules).toStrictEqual([
      {
        cluster: 'us-central1-a.one',
        enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
        evaluation_mode: 'REQUIRE_ATTESTATION',
        require_attestations_by: ['projects/sec-project/attestors/prod'],
      },
      {
        cluster: 'us-central1-b.two',
        enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
        evaluation_mode: 'ALWAYS_DENY',
      },
    ]);
  });

  test('allowDeploymentPathsFor: no block while no function is found, and the blocks of functions defined after the call', async () => {
    const none = await bothWays((stack) => {
      const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
      policy.allowDeploymentPathsFor(stack);
    });
    expect(none.text).not.toMatch(/admission_whitelist_patterns/);
    expect(none.json.resource.google_binary_authorization_policy.Policy_23B91518.admission_whitelist_patterns).toBe(
      undefined,
    );

    const found = await bothWays((stack) => {
      const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
      policy.allowDeploymentPathsFor(stack);
      gcfFunction(stack, 'fn', { project: 'my-project' });
    });
    const [read] = found.hcl.resource.google_binary_authorization_policy.Policy_23B91518;
    expect(read.admission_whitelist_patterns).toStrictEqual([
      { name_pattern: 'us-central1-docker.pkg.dev/my-project/gcf-artifacts/**' },
    ]);
  });
});

describe('Attestor keys in HCL', () => {
  test("keys are blocks; cdktf's heredoc adds a line break at the end of a key, as the README says", async () => {
    const build = () => {
      const stack = newStack({ project: 'my-project' });
      new Attestor(stack, 'Attestor', {
        project: 'sec-project',
        attestorId: 'built-by-ci',
        keys: [
          AttestorKey.pgp(PGP_PUBLIC_KEY),
          AttestorKey.pkix({
            publicKeyPem: EC_PUBLIC_KEY_PEM,
            signatureAlgorithm: SignatureAlgorithm.ECDSA_P256_SHA256,
          }),
        ],
      });
      return stack;
    };
    const json = JSON.parse(Testing.synth(build(), true));
    const text = Testing.synthHcl(build(), true);
    const hcl = await readHcl(text);
    const [written] = Object.values<any>(json.resource.google_binary_authorization_attestor);
    const [read] = Object.values<any[]>(hcl.resource.google_binary_authorization_attestor)[0];
    const keys = written.attestation_authority_note.public_keys;
    expect(read.attestation_authority_note[0].public_keys).toStrictEqual([
      { ascii_armored_pgp_public_key: `${keys[0].ascii_armored_pgp_public_key}\n` },
      {
        pkix_public_key: [
          { public_key_pem: `${keys[1].pkix_public_key.public_key_pem}\n`, signature_algorithm: 'ECDSA_P256_SHA256' },
        ],
      },
    ]);
  });
});

describe('RequireBinaryAuthorization and break-glass in HCL', () => {
  test('APPLY writes a block on every kind of workload, merged into what each has, and the final check passes', async () => {
    const { hcl } = await bothWays((stack) => {
      v2Service(stack, 'service', { breakglassJustification: undefined }, { description: 'api' });
      v2Job(stack, 'job');
      v2WorkerPool(stack, 'pool');
      v1Service(stack, 'legacy', { 'run.googleapis.com/ingress': 'internal' });
      gcfFunction(stack, 'fn', { serviceConfig: { maxInstanceCount: 3, ingressSettings: 'ALLOW_INTERNAL_ONLY' } });
      Aspects.of(stack).add(new RequireBinaryAuthorization({ mode: RequirementMode.APPLY }));
    });
    for (const type of ['google_cloud_run_v2_service', 'google_cloud_run_v2_job', 'google_cloud_run_v2_worker_pool']) {
      const [body] = Object.values<any[]>(hcl.resource[type])[0];
      expect({ type, binary_authorization: body.binary_authorization }).toStrictEqual({
        type,
        binary_authorization: [{ use_default: true }],
      });
    }
    expect(hcl.resource.google_cloud_run_service.legacy[0].metadata).toStrictEqual([
      {
        annotations: {
          'run.googleapis.com/binary-authorization': 'default',
          'run.googleapis.com/ingress': 'internal',
        },
      },
    ]);
    expect(hcl.resource.google_cloudfunctions2_function.fn[0].service_config).toStrictEqual([
      { binary_authorization_policy: 'default', ingress_settings: 'ALLOW_INTERNAL_ONLY', max_instance_count: 3 },
    ]);
  });

  test('break-glass is written into the block, beside the enforcement', async () => {
    const { hcl } = await bothWays((stack) => {
      const service = v2Service(stack, 'service');
      const legacy = v1Service(stack, 'legacy');
      BinaryAuthorization.breakglass(service, 'INC-42');
      BinaryAuthorization.breakglass(legacy, 'INC-43');
      Aspects.of(stack).add(new RequireBinaryAuthorization());
    });
    expect(hcl.resource.google_cloud_run_v2_service.service[0].binary_authorization).toStrictEqual([
      { breakglass_justification: 'INC-42', use_default: true },
    ]);
    expect(hcl.resource.google_cloud_run_service.legacy[0].metadata).toStrictEqual([
      {
        annotations: {
          'run.googleapis.com/binary-authorization': 'default',
          'run.googleapis.com/binary-authorization-breakglass': 'INC-43',
        },
      },
    ]);
  });

  test('a resource known only by its Terraform type (no provider class) is still enforced, with an override', () => {
    // GIVEN a raw resource of a Cloud Run type: it has no putBinaryAuthorization
    const stack = newStack({ project: 'my-project' });
    const raw = new TerraformResource(stack, 'raw', { terraformResourceType: 'google_cloud_run_v2_service' });
    raw.addOverride('name', 'raw');
    raw.addOverride('location', 'us-central1');
    raw.addOverride('template', { containers: [{ image: IMAGE }] });
    // WHEN
    Aspects.of(stack).add(new RequireBinaryAuthorization());
    // THEN
    const json = JSON.parse(Testing.synth(stack, true));
    expect(json.resource.google_cloud_run_v2_service.raw.binary_authorization).toStrictEqual({ use_default: true });
    expect((raw as unknown as { rawOverrides: any }).rawOverrides.binary_authorization).toStrictEqual({
      use_default: true,
    });
  });

  test('the provider class gets the block through its setter, not an override', () => {
    const stack = newStack({ project: 'my-project' });
    const service = v2Service(stack, 'service');
    const fn = gcfFunction(stack, 'fn');
    Aspects.of(stack).add(new RequireBinaryAuthorization());
    Testing.synth(stack, true);
    expect(service.binaryAuthorizationInput).toStrictEqual({ useDefault: true });
    expect(fn.serviceConfigInput).toStrictEqual({ binaryAuthorizationPolicy: 'default' });
    for (const resource of [service, fn]) {
      expect((resource as unknown as { rawOverrides: any }).rawOverrides).toStrictEqual({});
    }
  });
});
