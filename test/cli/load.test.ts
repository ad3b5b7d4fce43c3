/**
 * What each command loads: start-up loads no command's module, and a command loads what it needs, not
 * what others do (the review, the trust chain and its table of Google's roles, the attestation verifier,
 * the code generator, the HCL reader). Asserted by module, not timed: speed is measured in the bench.
 */
import { spawnSync } from 'child_process';
import { join } from 'path';
import { ROOT } from '../support';

const EXAMPLE_STACK = join(ROOT, 'test/fixtures/gate/services-plan.json');

/** The src modules a child process has loaded after `script` (ts-node, so the sources are the modules). */
function loadedAfter(script: string): string[] {
  const result = spawnSync(
    process.execPath,
    [
      '-r',
      'ts-node/register',
      '-e',
      `${script}; console.log(JSON.stringify(Object.keys(require.cache).map((k) => k.replace(/\\\\/g, '/')).filter((k) => k.includes('/src/')).map((k) => k.replace(/.*\\/src\\//, ''))))`,
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'test/tsconfig.json'), TS_NODE_TRANSPILE_ONLY: 'true' },
    },
  );
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout.trim().split('\n').pop()!);
}

const run = (argv: string[]) =>
  `require('./src/cli/main').main(${JSON.stringify(argv)}, () => undefined, () => undefined)`;

const COMMAND_MODULES =
  /^cli\/(check|lint|diff|graph|export|payload|import|summary|codegen|attestations|terraform-folder|hcl)\.ts$/;
const LARGE = /^core\/(review|trust|trust-permissions|iam-roles|graph|policy-diff|attestation.*|terraform-module)\.ts$/;

describe('what the command line loads', () => {
  test('start-up (the usage) loads no command and none of the large modules', () => {
    const loaded = loadedAfter(run(['--help']));
    expect(loaded).toContain('cli/main.ts');
    expect(loaded.filter((m) => COMMAND_MODULES.test(m) || LARGE.test(m))).toStrictEqual([]);
  });

  test('check without --attestations loads check, not the verifier, the review, the trust chain or the HCL reader', () => {
    const loaded = loadedAfter(run(['check', EXAMPLE_STACK]));
    expect(loaded).toContain('cli/check.ts');
    expect(loaded.filter((m) => (COMMAND_MODULES.test(m) && m !== 'cli/check.ts') || LARGE.test(m))).toStrictEqual([]);
  });

  test('diff loads the review and the trust chain; the table of roles only when a grant is judged', () => {
    const loaded = loadedAfter(run(['diff', EXAMPLE_STACK]));
    expect(loaded).toEqual(expect.arrayContaining(['cli/diff.ts', 'core/review.ts', 'core/trust.ts']));
    expect(loaded).not.toContain('core/iam-roles.ts');
  });
});
