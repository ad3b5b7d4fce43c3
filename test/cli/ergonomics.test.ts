import { readFileSync } from 'fs';
import { join } from 'path';
import { App } from 'cdktf';
import { BinaryAuthorizationPolicy } from '../../src';
import { main } from '../../src/cli/main';
import { wantsColour } from '../../src/cli/output';
import { newStack, ROOT, runCli, scratchFolder, spawnCli } from '../support';

const PLAN = join(ROOT, 'test', 'fixtures', 'gate', 'plan.json');
const STATE = join(ROOT, 'test', 'fixtures', 'gate', 'state.json');
const POLICY = join(ROOT, 'test', 'fixtures', 'gate', 'policy.yaml');
const ESC = '\u001b[';

const scratch = scratchFolder('ergonomics-');

/** A cdktf.out folder with the stacks "first" and "second", each with a policy. */
function twoStacks(): string {
  const outdir = join(scratch.path, 'cdktf.out');
  const app = new App({ outdir });
  for (const [id, project] of [
    ['first', 'first-project'],
    ['second', 'second-project'],
  ]) {
    new BinaryAuthorizationPolicy(newStack({ app, id }), 'Policy', { project });
  }
  app.synth();
  return outdir;
}

describe('the command line feels like the tools around it', () => {
  test('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(runCli('--version')).toEqual({ code: 0, stdout: [`cdktf-gcp-binauthz ${version}`], stderr: [] });
    const spawned = spawnCli(['--version']);
    expect(spawned).toEqual({ code: 0, stdout: `cdktf-gcp-binauthz ${version}\n`, stderr: '' });
  });

  test.each(['summary', 'check', 'lint', 'export', 'import', 'diff', 'graph'])(
    '%s --help prints that command only',
    (command) => {
      const { code, stdout } = runCli(command, '--help');
      expect(code).toBe(0);
      expect(stdout[0]).toBe(
        `usage: cdktf-gcp-binauthz ${command} ${command === 'diff' ? '<before> <after>' : '<input>'} [options]`,
      );
      const commands = stdout
        .filter((l) => /^ {2}(summary|check|lint|export|import|diff|graph) </.test(l))
        .map((l) => l.trim().split(' ')[0]);
      expect(new Set(commands)).toEqual(new Set([command]));
      expect(stdout).toContain('exit codes:');
    },
  );

  test('--help alone lists every command', () => {
    const commands = runCli('--help')
      .stdout.filter((l) => /^ {2}[a-z]+ </.test(l))
      .map((l) => l.trim().split(' ')[0]);
    expect(new Set(commands)).toEqual(new Set(['summary', 'check', 'lint', 'export', 'import', 'diff', 'graph']));
  });

  test('export needs no --format (its one format is the default), and still takes it', () => {
    const plain = runCli('export', POLICY);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('name: "projects/app-project/policy"');
    expect(runCli('export', POLICY, '--format', 'gcloud-yaml')).toEqual(plain);
  });

  test('summary honours --stack like the other commands', () => {
    const folder = twoStacks();
    const all = runCli('summary', folder);
    expect(all.code).toBe(0);
    const stacks = (lines: string[]) => lines.filter((l) => l.startsWith('stack ')).map((l) => l.split(':')[0]);
    expect(stacks(all.stdout).length).toBeGreaterThan(1);
    const one = runCli('summary', folder, '--stack', 'second');
    expect(stacks(one.stdout)).toEqual(['stack second']);
    expect(runCli('summary', folder, '--stack', 'nope')).toMatchObject({ code: 2 });
  });

  test("check's table shortens digests in the middle; --json keeps them whole", () => {
    const table = runCli('check', STATE).stdout.join('\n');
    expect(table).toMatch(/@sha256:[0-9a-f]{12}…[0-9a-f]{4} /);
    expect(table).not.toMatch(/@sha256:[0-9a-f]{64}/);
    const json = JSON.parse(runCli('check', STATE, '--json').stdout.join('\n'));
    expect(json.results.map((r: { image?: string }) => r.image).filter(Boolean)).toEqual(
      expect.arrayContaining([expect.stringMatching(/@sha256:[0-9a-f]{64}$/)]),
    );
  });

  describe('colour', () => {
    /** Runs the command in-process as on a terminal (colour) or not; returns standard output. */
    const run = (colour: boolean, ...argv: string[]) => {
      const stdout: string[] = [];
      const code = main(
        argv,
        (l) => stdout.push(l),
        () => undefined,
        { colour },
      );
      return { code, text: stdout.join('\n') };
    };

    test('on a terminal, decisions and severities are coloured; the text is the same without the codes', () => {
      const coloured = run(true, 'check', PLAN).text;
      expect(coloured).toContain(`${ESC}32mALLOW`);
      expect(coloured).toContain(`${ESC}31mNOT_ENFORCED`);
      expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(run(false, 'check', PLAN).text);
      expect(run(false, 'check', PLAN).text).not.toContain(ESC);
      expect(run(true, 'lint', PLAN).text).toContain(`${ESC}31merror`);
      // --json is for machines: never coloured
      expect(run(true, 'check', PLAN, '--json').text).not.toContain(ESC);
    });

    test('only a terminal gets colour, and never with NO_COLOR set', () => {
      expect(wantsColour(true, {})).toBe(true);
      expect(wantsColour(true, { NO_COLOR: '' })).toBe(true);
      expect(wantsColour(true, { NO_COLOR: '1' })).toBe(false);
      expect(wantsColour(false, {})).toBe(false);
      expect(wantsColour(undefined, {})).toBe(false);
      // A pipe is not a terminal: the command's own output has no colour codes.
      expect(spawnCli(['check', PLAN]).stdout).not.toContain(ESC);
    });

    test('a value from the input can never hold a live colour code, coloured or not', () => {
      const service = { name: 's', location: 'us-central1', template: { containers: [{ image: 'gcr.io/p/a:1' }] } };
      const file = scratch.file('forged.tf.json', {
        resource: { google_cloud_run_v2_service: { 'x\u001b[32mALLOW\u001b[0m': service } },
      });
      const { code, text } = run(true, 'lint', file);
      expect(code).toBe(1);
      expect(text).toContain('x\\u001b[32mALLOW');
      // every escape sequence left is one of ours: a colour, or the reset
      expect(text.replace(/\u001b\[(31|32|33|36|0)m/g, '')).not.toContain('\u001b');
    });
  });
});
