/**
 * diff: what a change does to what is admitted, run through the command line on synthesized stacks, on
 * Terraform JSON, and on the plan fixture test/fixtures/review/plan.json (made from Terraform's "JSON Output
 * Format": updates, a replacement, deletes, a create, a no-op, a value known after apply, a module).
 */
import { copyFileSync, readFileSync } from 'fs';
import { join } from 'path';
import { Aspects, Testing } from 'cdktf';
import {
  AdmissionRule,
  Attestor,
  AttestorKey,
  BinaryAuthorizationPolicy,
  IamMember,
  RequireBinaryAuthorization,
  RequirementMode,
} from '../../src';
import { DENY_RULE, inFolder, newStack, policyJson, ROOT, runCli, scratchFolder } from '../support';
import { v2Service } from '../support/workloads';

const PLAN = 'test/fixtures/review/plan.json';

const scratch = scratchFolder('diff-');
const file = scratch.file;

/** `diff --json` as `kind subject: what` lines, and the exit code. */
function changes(...inputs: string[]): { code: number; lines: string[] } {
  const { code, stdout, stderr } = runCli('diff', ...inputs, '--json');
  expect(stderr).toEqual([]);
  const json = JSON.parse(stdout.join('\n'));
  return { code, lines: json.changes.map((c: any) => `${c.kind} ${c.subject}: ${c.what}`) };
}

describe('diff of one plan: its two sides', () => {
  test('every change, weakening first; exit 1', () => {
    expect(changes(PLAN)).toEqual({
      code: 1,
      lines: [
        'weakening policy of project app-project: allowlist pattern us-docker.pkg.dev/shared-images/**',
        'weakening policy of project batch-project: the policy google_binary_authorization_policy.batch',
        'weakening policy of project legacy-project: the policy google_binary_authorization_policy.legacy',
        'weakening workload google_cloud_run_v2_job.migrate: Binary Authorization',
        'weakening workload module.run.google_cloud_run_v2_service.api: Binary Authorization',
        'weakening workload module.run.google_cloud_run_v2_service.worker: the workload',
        'weakening attestor projects/sec-project/attestors/built-by-ci: key //cloudkms.googleapis.com/v1/projects/sec-project/locations/global/keyRings/binauthz/cryptoKeys/hotfix/cryptoKeyVersions/1',
        'weakening key projects/sec-project/locations/global/keyRings/binauthz/cryptoKeys/built-by-ci: roles/cloudkms.signerVerifier for serviceAccount:release@ci-project.iam.gserviceaccount.com',
        'weakening guardrail folders/123456789012/policies/run.allowedBinaryAuthorizationPolicies: constraints/run.allowedBinaryAuthorizationPolicies',
        'strengthening policy of project app-project: allowlist pattern us-docker.pkg.dev/app-project/old/**',
        'strengthening workload google_cloud_run_v2_service.old: the workload',
        'neutral policy of project app-project: allowlist pattern us-docker.pkg.dev/app-project/apps/api@*',
      ],
    });
  });

  test('--json: counts, the example image of the weakening pattern, and the note on prevent_destroy', () => {
    const json = JSON.parse(runCli('diff', PLAN, '--json').stdout.join('\n'));
    expect(json).toMatchObject({ weakening: 9, strengthening: 2, neutral: 1 });
    expect(json.changes[0].example).toBe(
      `us-docker.pkg.dev/shared-images/anyone/any-image@sha256:${'0'.repeat(60)}beef`,
    );
    expect(json.notes).toEqual([
      expect.stringMatching(/^lifecycle.prevent_destroy: unknown, not compared \(plan does not record/),
    ]);
  });

  test('the table', () => {
    const { code, stdout } = runCli('diff', PLAN);
    expect(code).toBe(1);
    expect(stdout[0]).toMatch(/^KIND +SUBJECT +CHANGE +REASON$/);
    expect(stdout).toContain('9 weakening, 2 strengthening, 1 neutral');
  });

  test("the README's Markdown is the command's output", () => {
    copyFileSync(join(ROOT, PLAN), join(scratch.path, 'plan.json'));
    const result = inFolder(scratch.path, () => runCli('diff', 'plan.json', '--markdown'));
    expect(result.code).toBe(1);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /\$ npx cdktf-gcp-binauthz diff plan.json --markdown\n```\n\n```markdown\n([\s\S]*?)\n```\n/.exec(
      readme,
    );
    expect(block?.[1]).toBe(result.stdout.join('\n'));
  });
});

describe('diff of two inputs', () => {
  const policy = (patterns: string[]) =>
    policyJson({
      project: 'app-project',
      default_admission_rule: DENY_RULE,
      admission_whitelist_patterns: patterns.map((name_pattern) => ({ name_pattern })),
    });

  test('identical inputs: "no change", exit 0', () => {
    const a = file('same.tf.json', policy(['gcr.io/app-project/**']));
    expect(runCli('diff', a, a)).toEqual({ code: 0, stdout: ['no change'], stderr: [] });
  });

  test('only strengthening: exit 0', () => {
    const a = file('a.tf.json', policy(['gcr.io/app-project/**', 'gcr.io/other/**']));
    const b = file('b.tf.json', policy(['gcr.io/app-project/**']));
    expect(changes(a, b)).toEqual({
      code: 0,
      lines: ['strengthening policy of project app-project: allowlist pattern gcr.io/other/**'],
    });
    expect(changes(b, a).code).toBe(1);
  });

  test('the live policy YAML against a synthesized stack: prevent_destroy is not compared, and said so', () => {
    const yaml = file(
      'live.yaml',
      'admissionWhitelistPatterns:\n- namePattern: gcr.io/app-project/**\ndefaultAdmissionRule:\n  evaluationMode: ALWAYS_DENY\n  enforcementMode: ENFORCED_BLOCK_AND_AUDIT_LOG\nname: projects/app-project/policy\n',
    );
    const stack = file('stack.tf.json', policy(['gcr.io/app-project/**', 'gcr.io/app-project-exploit/**']));
    const { code, stdout } = runCli('diff', yaml, stack);
    expect(code).toBe(1);
    expect(stdout.join('\n')).toContain('allowlist pattern gcr.io/app-project-exploit/**');
    expect(stdout[stdout.length - 1]).toMatch(
      /^note: lifecycle.prevent_destroy: unknown, not compared \(policy-yaml does not record/,
    );
  });

  test('synthesized stacks: a signer, an unenforced service and an exemption, both ways', () => {
    const synth = (more: boolean) => {
      const stack = newStack({ project: 'app-project' });
      const attestor = new Attestor(stack, 'Attestor', {
        project: 'sec-project',
        attestorId: 'built-by-ci',
        keys: [AttestorKey.newKmsKey({ keyRingId: 'binauthz', cryptoKeyId: 'built-by-ci' })],
      });
      attestor.grantSign(IamMember.serviceAccount('ci@ci-project.iam.gserviceaccount.com'));
      new BinaryAuthorizationPolicy(stack, 'Policy', {
        project: 'app-project',
        defaultAdmissionRule: AdmissionRule.requireAttestations([attestor]),
      });
      v2Service(stack, 'api', { useDefault: true });
      if (more) {
        attestor.grantSign(IamMember.user('eve@example.com'));
        const legacy = v2Service(stack, 'legacy');
        RequireBinaryAuthorization.exempt(legacy, 'a vendor image, reviewed in SEC-12');
        Aspects.of(stack).add(new RequireBinaryAuthorization({ mode: RequirementMode.VERIFY }));
      }
      // A full synth, as cdktf synth writes it: Testing.synth drops the "//" comments that carry exemptions.
      return Testing.fullSynth(stack);
    };
    const [before, after] = [synth(false), synth(true)];
    const there = changes(before, after);
    expect(there.code).toBe(1);
    expect(there.lines).toEqual([
      'weakening workload google_cloud_run_v2_service.legacy: the workload',
      'weakening workload google_cloud_run_v2_service.legacy: exemption',
      'weakening note projects/sec-project/notes/built-by-ci-note: roles/containeranalysis.notes.attacher for user:eve@example.com',
      'weakening key projects/sec-project/locations/global/keyRings/binauthz/cryptoKeys/built-by-ci: roles/cloudkms.signerVerifier for user:eve@example.com',
    ]);
    const back = changes(after, before);
    expect(back.code).toBe(0);
    expect(back.lines.map((l) => l.split(' ')[0])).toEqual(['strengthening', 'strengthening', 'strengthening']);
  });
});

describe('--markdown cannot be injected into', () => {
  const evil = 'x`](https://evil.example)<img src=x onerror=alert(1)> | @admins **boom**\n# heading';
  test('every value read from the input is a code span; nothing else from it reaches the comment', () => {
    const doc = (patterns: string[]) =>
      policyJson(
        {
          project: 'app-project',
          default_admission_rule: DENY_RULE,
          admission_whitelist_patterns: patterns.map((name_pattern) => ({ name_pattern })),
        },
        {
          google_cloud_run_v2_service: {
            [evil]: { project: 'app-project', template: { containers: [{ image: 'gcr.io/a/b@*' }] } },
          },
        },
        evil,
      );
    const a = file('evil-a.tf.json', { resource: { ...doc([]).resource, google_cloud_run_v2_service: {} } });
    const b = file('evil-b.tf.json', doc([`gcr.io/${evil}/**`]));
    const { code, stdout } = runCli('diff', a, b, '--markdown');
    expect(code).toBe(1);
    const text = stdout.join('\n');
    // Each change is one line, and the value's line break is escaped.
    expect(stdout.filter((l) => l.startsWith('- '))).toHaveLength(2);
    expect(text).not.toMatch(/^# heading/m);
    // Outside code spans, none of the input's text remains.
    const outside = stdout.map((line) => line.replace(/(`+) [\s\S]*? \1/g, '<code>')).join('\n');
    for (const fragment of ['evil.example', '<img', '@admins', '**boom**', 'x`']) {
      expect(outside).not.toContain(fragment);
    }
    // The backtick inside the value is fenced by a longer run, so the span holds the whole value.
    expect(text).toContain(
      '`` gcr.io/x`](https://evil.example)<img src=x onerror=alert(1)> | @admins **boom**\\n# heading/** ``',
    );
  });
});

describe('bad uses', () => {
  test('one input that is not a plan: exit 2, one line', () => {
    const a = file('one.tf.json', { resource: {} });
    const { code, stderr, stdout } = runCli('diff', a);
    expect(stdout).toEqual([]);
    expect(stderr).toEqual([
      `cdktf-gcp-binauthz: ${a}: diff with one input compares the two sides of a plan (terraform show -json PLANFILE), and this is not one; give two inputs: diff BEFORE AFTER`,
    ]);
    expect(code).toBe(2);
  });

  test('--json with --markdown, and three inputs: usage errors', () => {
    expect(runCli('diff', PLAN, '--json', '--markdown').stderr[0]).toContain(
      'diff takes --json or --markdown, not both',
    );
    expect(runCli('diff', PLAN, PLAN, PLAN).stderr[0]).toContain('diff takes two inputs (before and after');
  });
});

describe('diff of workloads across stacks: matched whatever the number of stacks on each side', () => {
  const enforcing = (project: string) => ({
    project,
    location: 'europe-west1',
    template: { containers: [{ image: 'gcr.io/p1/app:1' }] },
    binary_authorization: { use_default: true },
  });
  /** Terraform JSON: a policy of project p1, and a service `svc` in `project`. */
  const stack = (project: string) =>
    policyJson(
      { project: 'p1', default_admission_rule: DENY_RULE },
      { google_cloud_run_v2_service: { svc: enforcing(project) } },
    );
  const unrelated = { resource: { google_storage_bucket: { x: { name: 'x' } } } };
  /** A cdktf.out folder holding these stacks. */
  const out = (name: string, stacks: Record<string, unknown>) => {
    Object.entries(stacks).forEach(([s, content]) => file(`${name}/stacks/${s}/cdk.tf.json`, content));
    return join(scratch.path, name);
  };

  test('one stack against two: a move to a project with no policy weakens, both orders', () => {
    const one = out('one', { app: stack('p1') });
    const two = out('two', { app: stack('p2'), other: unrelated });
    const moved = 'weakening workload app: google_cloud_run_v2_service.svc: project';
    expect(changes(one, two)).toEqual({ code: 1, lines: [moved] });
    expect(changes(two, one)).toEqual({
      code: 1,
      lines: ['weakening workload google_cloud_run_v2_service.svc: project'],
    });
    const reason = runCli('diff', one, two).stdout.join('\n');
    expect(reason).toContain(
      "moves from project p1 to p2: no policy for project p2 in the input: the project may fall back to Google's allow-all default",
    );
  });

  test('an unchanged workload in a side of one stack and a side of two: no change, both orders', () => {
    const one = out('same1', { app: stack('p1') });
    const two = out('same2', { app: stack('p1'), other: unrelated });
    expect(changes(one, two)).toEqual({ code: 0, lines: [] });
    expect(changes(two, one)).toEqual({ code: 0, lines: [] });
  });

  test('a single file against a cdktf.out, and a stack renamed: matched by address', () => {
    const single = file('single.tf.json', stack('p1'));
    const renamed = out('renamed', { api: stack('p2'), other: unrelated });
    expect(changes(single, renamed).lines).toEqual([
      'weakening workload api: google_cloud_run_v2_service.svc: project',
    ]);
    expect(changes(renamed, single).lines).toEqual(['weakening workload google_cloud_run_v2_service.svc: project']);
  });

  test('the same address in two stacks, not in the same stack on the other side: removed and added, with a note', () => {
    const single = file('single2.tf.json', stack('p1'));
    const both = out('both', {
      a: stack('p1'),
      b: { resource: { google_cloud_run_v2_service: { svc: enforcing('p2') } } },
    });
    const { code, stdout } = runCli('diff', single, both, '--json');
    const json = JSON.parse(stdout.join('\n'));
    expect(code).toBe(1);
    expect(json.changes.map((c: any) => `${c.kind} ${c.subject}: ${c.reason}`)).toEqual([
      expect.stringMatching(/^weakening workload b: google_cloud_run_v2_service.svc: added: no policy for project p2/),
      'neutral workload a: google_cloud_run_v2_service.svc: added, enforcing the policy of project p1',
      'neutral workload google_cloud_run_v2_service.svc: removed',
    ]);
    expect(json.notes).toContainEqual(
      expect.stringMatching(
        /^workload google_cloud_run_v2_service.svc: in several stacks.*compared as removed and added/,
      ),
    );
  });

  test('an added workload whose project has no policy in the after side weakens; with one, neutral', () => {
    const before = file('nothing.tf.json', policyJson({ project: 'p1', default_admission_rule: DENY_RULE }));
    const inP1 = file('in-p1.tf.json', stack('p1'));
    const inP2 = file('in-p2.tf.json', stack('p2'));
    expect(changes(before, inP1)).toEqual({
      code: 0,
      lines: ['neutral workload google_cloud_run_v2_service.svc: the workload'],
    });
    expect(changes(before, inP2)).toEqual({
      code: 1,
      lines: ['weakening workload google_cloud_run_v2_service.svc: the workload'],
    });
  });
});
