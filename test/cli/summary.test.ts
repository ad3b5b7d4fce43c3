import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runCli } from '../support';

function run(...argv: string[]): { code: number; out: string[]; err: string[] } {
  const { code, stdout, stderr } = runCli(...argv);
  return { code, out: stdout, err: stderr };
}

describe('summary', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'summary-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('reads any Terraform JSON file, including hand-written ones with interpolations', () => {
    const file = join(dir, 'main.tf.json');
    writeFileSync(
      file,
      JSON.stringify({
        resource: {
          google_binary_authorization_policy: {
            policy: {
              project: '${var.project}',
              default_admission_rule: [
                {
                  evaluation_mode: 'REQUIRE_ATTESTATION',
                  enforcement_mode: 'DRYRUN_AUDIT_LOG_ONLY',
                  require_attestations_by: ['projects/sec-project/attestors/prod'],
                },
              ],
              admission_whitelist_patterns: [{ name_pattern: 'gcr.io/my-project/app@*' }],
            },
          },
          google_binary_authorization_attestor: { prod: { project: 'sec-project', name: 'prod' } },
        },
      }),
    );
    const { code, out, err } = run('summary', file);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toEqual([
      `stack main: ${file}`,
      '  google_binary_authorization_policy.policy (project ${var.project})',
      '    default rule: REQUIRE_ATTESTATION, DRYRUN_AUDIT_LOG_ONLY',
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
    ['a missing file', () => ['summary', join(dir, 'nope.json')], /nope.json: no such file or folder/],
    [
      'invalid JSON',
      () => (writeFileSync(join(dir, 'bad.tf.json'), '{'), ['summary', join(dir, 'bad.tf.json')]),
      /bad.tf.json: not valid JSON/,
    ],
    [
      'JSON with no policy',
      () => (writeFileSync(join(dir, 'x.tf.json'), '{"resource":{}}'), ['summary', dir]),
      /no google_binary_authorization_policy in/,
    ],
    [
      'a folder with no Terraform JSON',
      () => ['summary', dir],
      /no cdk.tf.json, \*.tf.json or stacks\/\*\/cdk.tf.json in this folder/,
    ],
    ['no input', () => ['summary'], /summary takes one input/],
    ['an unknown command', () => ['frobnicate', dir], /unknown command "frobnicate"/],
    ['an unknown option', () => ['summary', dir, '--nope'], /Unknown option '--nope'/],
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
