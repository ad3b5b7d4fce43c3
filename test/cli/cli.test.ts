import { readFileSync } from 'fs';
import { join } from 'path';
import { CloudRunV2Service } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import {
  AdmissionRule,
  Attestor,
  BinaryAuthorizationPolicy,
  CloudRunBinaryAuthorizationGuardrail,
  DeploymentPath,
  EnforcementMode,
} from '../../src';
import { DENY_RULE, policyJson, ROOT, runCliText, scratchFolder, spawnCli } from '../support';

const D = `sha256:${'e'.repeat(64)}`;
const FN = `us-central1-docker.pkg.dev/my-project/gcf-artifacts/fn@${D}`;
const OTHER = `gcr.io/someone-else/app@${D}`;

const scratch = scratchFolder('binauthz-cli-');
/** A cdktf.out folder with two stacks: "secure" (lint-clean, with the Cloud Run guardrail) and "risky". */
let out: string;
/** One cdk.tf.json whose policy needs attestations and has an allowlist pattern known only at apply. */
let single: string;

beforeAll(() => {
  out = join(scratch.path, 'cdktf.out');
  const app = new App({ outdir: out });

  const secure = new TerraformStack(app, 'secure');
  new GoogleProvider(secure, 'google', {});
  const policy = new BinaryAuthorizationPolicy(secure, 'Policy', { project: 'my-project' });
  policy.allowDeploymentPath(DeploymentPath.CLOUD_FUNCTIONS_V2_API, { regions: ['us-central1'] });
  new CloudRunV2Service(secure, 'Service', {
    name: 'svc',
    location: 'us-central1',
    template: { containers: [{ image: FN }] },
    binaryAuthorization: { useDefault: true },
  });
  new CloudRunBinaryAuthorizationGuardrail(secure, 'Guardrail', { parent: 'projects/my-project' });

  const risky = new TerraformStack(app, 'risky');
  new GoogleProvider(risky, 'google', {});
  new BinaryAuthorizationPolicy(risky, 'Policy', {
    project: 'risky-project',
    defaultAdmissionRule: AdmissionRule.denyAll({ enforcementMode: EnforcementMode.DRYRUN_AUDIT_LOG_ONLY }),
    allowlistPatterns: ['gcr.io/risky-project/**'],
    preventDestroy: false,
  });
  new CloudRunV2Service(risky, 'Service', {
    name: 'svc',
    location: 'us-central1',
    template: { containers: [{ image: OTHER }] },
  });
  app.synth();

  const stack = new TerraformStack(Testing.app(), 'single');
  const pattern = new TerraformVariable(stack, 'pattern', { type: 'string' });
  new BinaryAuthorizationPolicy(stack, 'Policy', {
    project: 'attested-project',
    defaultAdmissionRule: AdmissionRule.requireAttestations([
      Attestor.fromAttestorName(stack, 'Attestor', 'projects/sec-project/attestors/built-by-ci'),
    ]),
    allowlistPatterns: ['gcr.io/attested-project/base@*', pattern.stringValue],
  });
  single = scratch.file('single/cdk.tf.json', Testing.synth(stack));

  scratch.file('broken.json', '{"resource": ');
  scratch.file('empty.tf.json', { resource: { google_storage_bucket: { b: { name: 'b' } } } });
});

/** Runs the command in-process. */
const run = runCliText;

describe('the command, as a child process', () => {
  /** Runs src/cli/main.ts with node, as `npx cdktf-gcp-binauthz` runs lib/cli/main.js. */
  const spawn = (...argv: string[]) => spawnCli(argv);

  test('starts with a node shebang, as a package bin must', () => {
    expect(readFileSync(join(ROOT, 'src/cli/main.ts'), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  test('exit 0: every image admitted', () => {
    const { code, stdout, stderr } = spawn('check', out, '--stack', 'secure', '--image', FN);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^STACK +POLICY +IMAGE +DECISION +ADMITTED +REASON$/m);
    expect(stdout).toContain('ALLOW');
    expect(stdout).toContain('all 1 admitted');
    expect(code).toBe(0);
  });

  test('exit 1: an image denied', () => {
    const { code, stdout } = spawn('check', out, '--stack', 'secure', '--image', FN, '--image', OTHER);
    expect(stdout).toContain('1 of 2 not admitted');
    expect(code).toBe(1);
  });

  test('exit 2: a missing input, on one line and without a stack trace', () => {
    const missing = join(scratch.path, 'nope.json');
    const { code, stdout, stderr } = spawn('check', missing, '--image', FN);
    expect(stdout).toBe('');
    expect(stderr).toBe(`cdktf-gcp-binauthz: ${missing}: no such file or folder\n`);
    expect(code).toBe(2);
  });
});

describe('check', () => {
  test('the table names stack, policy, image, decision, admission and reason', () => {
    const { code, stdout } = run('check', out, '--image', FN);
    const lines = stdout.split('\n');
    expect(lines[1]).toMatch(
      /^risky +google_binary_authorization_policy\.Policy_\w+ +\S+gcf-artifacts\/fn@sha256:e{12}…e{4} +DENY +yes \(dry run\) +no allowlist pattern matches; the default rule is ALWAYS_DENY; dry run/,
    );
    expect(lines[2]).toMatch(
      /^secure +google_binary_authorization_policy\.Policy_\w+ +\S+ +ALLOW +yes +allowlisted by "us-central1-docker.pkg.dev\/my-project\/gcf-artifacts\/\*\*"$/,
    );
    expect(stdout).toContain('note: "yes (dry run)" is admitted only because the rule is in dry run');
    expect(code).toBe(0);
  });

  test('--json gives every field, and the exit code follows "admitted"', () => {
    const { code, stdout } = run('check', out, '--stack', 'secure', '--image', OTHER, '--json');
    const parsed = JSON.parse(stdout);
    expect(parsed.admitted).toBe(false);
    // The shape of every row of check (the workloads' too): the evaluation whole, under "evaluation".
    expect(parsed.results).toEqual([
      expect.objectContaining({
        stack: 'secure',
        workload: '(--image)',
        container: '-',
        project: 'my-project',
        image: OTHER,
        decision: 'DENY',
        admitted: false,
        exempt: false,
        evaluation: expect.objectContaining({
          evaluatedAs: OTHER,
          evaluationMode: 'ALWAYS_DENY',
          enforcementMode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
          requiredAttestors: [],
        }),
      }),
    ]);
    expect(parsed).toMatchObject({ exempt: 0, suppressed: 0, suppressions: [], notes: [] });
    expect(parsed.results[0].file).toBe(join(out, 'stacks', 'secure', 'cdk.tf.json'));
    expect(code).toBe(1);
  });

  test('a required attestation is not admitted, and the note says none were given to verify', () => {
    const { code, stdout } = run(
      'check',
      single,
      '--image',
      `gcr.io/attested-project/base@${D}`,
      '--image',
      'gcr.io/attested-project/app:v1',
    );
    expect(stdout).toMatch(/ALLOW +yes +allowlisted by "gcr.io\/attested-project\/base@\*"/);
    expect(stdout).toMatch(/gcr.io\/attested-project\/app:v1 +UNKNOWN +no +unknown until apply/);
    expect(stdout).toContain('note: UNKNOWN depends on values known only at apply time');
    expect(code).toBe(1);
  });

  test('REQUIRE_ATTESTATION when nothing is unknown', () => {
    const doc = JSON.parse(readFileSync(single, 'utf8'));
    const [name] = Object.keys(doc.resource.google_binary_authorization_policy);
    doc.resource.google_binary_authorization_policy[name].admission_whitelist_patterns = [];
    const file = scratch.file('attested.tf.json', doc);
    const { code, stdout } = run('check', file, '--image', `gcr.io/attested-project/app@${D}`);
    expect(stdout).toMatch(
      /REQUIRE_ATTESTATION +no +.*requires attestations by projects\/sec-project\/attestors\/built-by-ci/,
    );
    expect(stdout).toContain('note: no attestations were given (--attestations FILE verifies them offline)');
    expect(code).toBe(1);
  });

  test('a folder holding one cdk.tf.json works too', () => {
    expect(run('check', join(scratch.path, 'single'), '--image', `gcr.io/attested-project/base@${D}`).code).toBe(0);
  });
});

describe('lint', () => {
  test('every stack by default; exit 1 on errors', () => {
    const { code, stdout } = run('lint', out);
    expect(stdout).toMatch(/^error +risky +google_cloud_run_v2_service\.Service +not-enforced /m);
    // The guardrail in the secure stack covers the configuration.
    expect(stdout).not.toContain('no-guardrail');
    expect(code).toBe(1);
  });

  test('a secure stack has no findings', () => {
    expect(run('lint', out, '--stack', 'secure')).toEqual({ code: 0, stdout: 'no findings', stderr: '' });
  });

  test('the risky stack: errors first, then warnings, and a count', () => {
    const { code, stdout } = run('lint', out, '--stack', 'risky');
    const rows = stdout
      .split('\n')
      .slice(1, -2)
      .map((l) => l.split(/ {2,}/).slice(0, 4).join(' '));
    expect(rows).toEqual([
      expect.stringMatching(/^error risky google_cloud_run_v2_service\.Service not-enforced$/),
      expect.stringMatching(/^warning risky google_binary_authorization_policy\.Policy_\w+ dry-run$/),
      expect.stringMatching(/^warning risky google_binary_authorization_policy\.Policy_\w+ broad-pattern$/),
      expect.stringMatching(/^warning risky google_binary_authorization_policy\.Policy_\w+ no-prevent-destroy$/),
      // Linted alone, the risky stack has no guardrail; with the secure stack beside it, it has one.
      expect.stringMatching(/^info risky google_binary_authorization_policy\.Policy_\w+ no-guardrail$/),
    ]);
    expect(stdout.split('\n').pop()).toBe('1 error(s), 3 warning(s), 1 info');
    expect(code).toBe(1);
  });

  test('--json; warnings and info alone exit 0', () => {
    const { code, stdout } = run('lint', single, '--json');
    const parsed = JSON.parse(stdout);
    expect(parsed.errors).toBe(0);
    expect(parsed.findings.map((f: { severity: string; code: string }) => `${f.severity} ${f.code}`)).toEqual([
      'info unknown-value',
      'info no-guardrail',
    ]);
    expect(code).toBe(0);
  });
});

describe('export', () => {
  test('the policy as gcloud YAML', () => {
    const { code, stdout } = run('export', out, '--stack', 'secure', '--format', 'gcloud-yaml');
    expect(stdout.split('\n')).toEqual([
      'admissionWhitelistPatterns:',
      '- namePattern: "us-central1-docker.pkg.dev/my-project/gcf-artifacts/**"',
      'defaultAdmissionRule:',
      '  enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG"',
      '  evaluationMode: "ALWAYS_DENY"',
      'name: "projects/my-project/policy"',
    ]);
    expect(code).toBe(0);
  });

  test('refuses a policy with values known only at apply time', () => {
    const { code, stderr } = run('export', single, '--format', 'gcloud-yaml');
    expect(stderr).toMatch(
      new RegExp(
        `^cdktf-gcp-binauthz: ${escape(single)}: google_binary_authorization_policy\\.Policy_\\w+: values known only at apply time cannot be exported \\(namePattern: \\$\\{var\\.pattern\\}\\)$`,
      ),
    );
    expect(code).toBe(2);
  });

  test('refuses several policies at once', () => {
    const { code, stderr } = run('export', out, '--format', 'gcloud-yaml');
    expect(stderr).toMatch(
      /^cdktf-gcp-binauthz: .*cdktf.out: 2 policies \(risky: google_binary_authorization_policy\.Policy_\w+, secure: .*\); export one at a time, choosing its stack with --stack$/,
    );
    expect(code).toBe(2);
  });
});

describe('bad input: one line naming the input, exit 2', () => {
  test.each([
    [
      'a missing file',
      () => ['check', join(scratch.path, 'missing.tf.json'), '--image', FN],
      () => `${join(scratch.path, 'missing.tf.json')}: no such file or folder`,
    ],
    [
      'invalid JSON',
      () => ['lint', join(scratch.path, 'broken.json')],
      () => `${join(scratch.path, 'broken.json')}: not valid JSON (`,
    ],
    [
      'JSON with no policy (check)',
      () => ['check', join(scratch.path, 'empty.tf.json'), '--image', FN],
      () =>
        `${join(scratch.path, 'empty.tf.json')}: no google_binary_authorization_policy in ${join(scratch.path, 'empty.tf.json')}`,
    ],
    [
      'JSON with no policy (export)',
      () => ['export', join(scratch.path, 'empty.tf.json'), '--format', 'gcloud-yaml'],
      () => `${join(scratch.path, 'empty.tf.json')}: no google_binary_authorization_policy in`,
    ],
    [
      'an unknown stack',
      () => ['check', out, '--stack', 'prod', '--image', FN],
      () => `--stack "prod": no such stack in ${out} (stacks: risky, secure)`,
    ],
    [
      'an invalid image reference',
      () => ['check', out, '--image', 'nginx:latest'],
      () => '--image "nginx:latest": "nginx:latest" is not an image reference: it has no registry host;',
    ],
  ])('%s', (_, argv, message) => {
    const { code, stdout, stderr } = run(...argv());
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr.startsWith(`cdktf-gcp-binauthz: ${message()}`)).toBe(true);
    expect(code).toBe(2);
  });

  test('a policy with an invalid evaluation mode, on check', () => {
    const file = scratch.file(
      'invalid-mode.tf.json',
      policyJson({ project: 'p', default_admission_rule: { ...DENY_RULE, evaluation_mode: 'NEVER' } }),
    );
    expect(run('check', file, '--image', FN)).toEqual({
      code: 2,
      stdout: '',
      stderr: `cdktf-gcp-binauthz: ${file}: google_binary_authorization_policy.p: the default rule's evaluation mode "NEVER" is not one of ALWAYS_ALLOW, ALWAYS_DENY, REQUIRE_ATTESTATION`,
    });
  });
});

describe('usage errors: one line with the message, exit 2', () => {
  test.each([
    [['deploy', 'x'], 'unknown command "deploy"'],
    [['check'], 'check takes one input'],
    [['check', 'a', 'b', '--image', FN], 'check takes one input'],
    [['check', 'x', '--workloads'], '--workloads adds the workloads to the --image images'],
    [['lint', 'x', '--image', FN], 'lint does not take --image'],
    [['summary', 'x', '--json'], 'summary does not take --json'],
    [['export', 'x', '--format', 'json'], 'unknown --format "json"; the one format is gcloud-yaml'],
    [['check', 'x', '--colour'], "Unknown option '--colour'"],
  ])('%j', (argv, message) => {
    const { code, stderr } = run(...argv);
    expect(stderr).toContain(`cdktf-gcp-binauthz: ${message}`);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(code).toBe(2);
  });

  test('a usage error points to --help', () => {
    expect(run('deploy', 'x').stderr).toBe('cdktf-gcp-binauthz: unknown command "deploy" (--help shows the usage)');
  });

  test('--help prints the usage to stdout, exit 0', () => {
    const { code, stdout } = run('--help');
    expect(stdout).toMatch(/^usage: cdktf-gcp-binauthz <command>/);
    expect(stdout).toMatch(/check <input> --image IMG/);
    expect(code).toBe(0);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
