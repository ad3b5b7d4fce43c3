import { join } from 'path';
import { policyJson, runCli, scratchFolder } from '../support';

function run(...argv: string[]): { code: number; out: string[]; err: string[] } {
  const { code, stdout, stderr } = runCli(...argv);
  return { code, out: stdout, err: stderr };
}

describe('summary', () => {
  const scratch = scratchFolder('summary-', { each: true });

  test('reads any Terraform JSON file, including hand-written ones with interpolations', () => {
    const policy = {
      project: '${var.project}',
      default_admission_rule: [
        {
          evaluation_mode: 'REQUIRE_ATTESTATION',
          enforcement_mode: 'DRYRUN_AUDIT_LOG_ONLY',
          require_attestations_by: ['projects/sec-project/attestors/prod'],
        },
      ],
      admission_whitelist_patterns: [{ name_pattern: 'gcr.io/my-project/app@*' }],
    };
    const attestor = { prod: { project: 'sec-project', name: 'prod' } };
    const file = scratch.file(
      'main.tf.json',
      policyJson(policy, { google_binary_authorization_attestor: attestor }, 'policy'),
    );
    const { code, out, err } = run('summary', file);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toEqual([
      `stack main: ${file}`,
      '  google_binary_authorization_policy.policy (project ${var.project})',
      '    default rule: REQUIRE_ATTESTATION, DRYRUN_AUDIT_LOG_ONLY',
      '    globalPolicyEvaluationMode: not set (DISABLE)',
      '    allowlist: 1 pattern(s)',
      '      gcr.io/my-project/app@*',
      '    required attestors: 1',
      '      projects/sec-project/attestors/prod',
      '    prevent_destroy: false',
      '  attestors defined: 1',
      '    google_binary_authorization_attestor.prod: projects/sec-project/attestors/prod',
    ]);
  });

  test.each([
    ['a missing file', () => ['summary', join(scratch.path, 'nope.json')], /nope.json: no such file or folder/],
    ['invalid JSON', () => ['summary', scratch.file('bad.tf.json', '{')], /bad.tf.json: not valid JSON/],
    [
      'a folder with no Terraform JSON',
      () => ['summary', scratch.path],
      /no cdk.tf.json, \*.tf, \*.tf.json or stacks\/\*\/cdk.tf.json in this folder/,
    ],
    ['no input', () => ['summary'], /summary takes one input/],
    ['an unknown command', () => ['frobnicate', scratch.path], /unknown command "frobnicate"/],
    ['an unknown option', () => ['summary', scratch.path, '--nope'], /Unknown option '--nope'/],
  ])('exits 2 with one line on %s', (_what, argv, message) => {
    const { code, out, err } = run(...argv());
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err[0]).toMatch(message);
  });

  test('prints usage with no arguments', () => {
    const { code, err } = run();
    expect(code).toBe(2);
    expect(err[0]).toMatch(/^usage: cdktf-gcp-binauthz <command>/);
  });
});
