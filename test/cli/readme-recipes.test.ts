/**
 * The README's "Gate a deploy" recipes, run as far as this machine can: every `npx cdktf-gcp-binauthz`
 * command of each recipe runs against what the recipe's earlier steps would have written (the synthesized
 * example for cdktf; the plan fixtures and the policy YAML fixture where terraform and gcloud would write
 * plan.json and policy.yaml, as neither is installed here), and the output the README shows is the output.
 */
import { copyFileSync, readFileSync } from 'fs';
import { join } from 'path';
import { inFolder, ROOT, runCliText, scratchFolder, synthesizeExample } from '../support';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const SECTION = README.slice(
  README.indexOf('\n## Gate a deploy\n'),
  README.indexOf('\n### Terraform HCL instead of JSON\n'),
);

/** A recipe: its shell commands, and the commands and outputs it shows. */
function recipe(title: string): { commands: string[]; shown: Array<{ command: string; output: string[] }> } {
  const start = SECTION.indexOf(`\n### ${title}\n`);
  expect(start).toBeGreaterThan(0);
  const end = SECTION.indexOf('\n### ', start + 1);
  const text = SECTION.slice(start, end < 0 ? undefined : end);
  const blocks = [...text.matchAll(/```(sh)?\n([\s\S]*?)```/g)];
  const commands = blocks
    .filter((b) => b[1] === 'sh')
    .flatMap((b) => b[2].split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '');
  const shown = blocks
    .filter((b) => b[1] === undefined && b[2].startsWith('$ '))
    .map((b) => {
      const [first, ...output] = b[2].trimEnd().split('\n');
      return { command: first.slice(2), output };
    });
  return { commands, shown };
}

/** The arguments of `npx cdktf-gcp-binauthz ARGS` (a pipe to jq, if any, is left out). */
function argsOf(command: string): string[] {
  return command
    .replace(/^npx cdktf-gcp-binauthz /, '')
    .split('|')[0]
    .trim()
    .split(/\s+/);
}

/** Where each recipe runs: a folder of its own. */
const scratch = scratchFolder('recipe-', { each: true });

test('the section has the three recipes', () => {
  expect([...SECTION.matchAll(/\n### (.*)\n/g)].map((m) => m[1])).toEqual([
    'With cdktf',
    'With Terraform (HCL, modules)',
    'Against the live policy',
  ]);
});

test('with cdktf: synth, then lint and check cdktf.out', () => {
  const { commands, shown } = recipe('With cdktf');
  expect(commands).toEqual([
    'npx cdktf synth',
    'npx cdktf-gcp-binauthz lint cdktf.out',
    'npx cdktf-gcp-binauthz check cdktf.out',
  ]);
  // `cdktf synth` of examples/deploy-side, the example the README shows.
  synthesizeExample('deploy-side', join(scratch.path, 'cdktf.out'));
  inFolder(scratch.path, () => {
    expect(runCliText(...argsOf(commands[1])).code).toBe(0);
    const check = runCliText(...argsOf(commands[2]));
    expect(check.code).toBe(0);
    expect(shown.map((s) => s.command)).toEqual(['npx cdktf-gcp-binauthz check cdktf.out']);
    expect(check.stdout.split('\n')).toEqual(shown[0].output);
  });
});

test('with Terraform: plan, show -json, check plan.json (the plan fixture for what terraform would write)', () => {
  const { commands, shown } = recipe('With Terraform (HCL, modules)');
  expect(commands).toEqual([
    'terraform plan -out plan.tfplan',
    'terraform show -json plan.tfplan > plan.json',
    'npx cdktf-gcp-binauthz check plan.json',
    'terraform apply plan.tfplan',
  ]);
  copyFileSync(join(ROOT, 'test/fixtures/gate/plan.json'), join(scratch.path, 'plan.json'));
  inFolder(scratch.path, () => {
    expect(runCliText(...argsOf(commands[2])).code).toBe(1);
    // The README shows the rows through jq: workload, container, decision.
    const [{ command, output }] = shown;
    expect(command).toMatch(/^npx cdktf-gcp-binauthz check plan\.json --json \| jq /);
    const { results } = JSON.parse(runCliText(...argsOf(command)).stdout);
    expect(
      results.map(
        (r: { workload: string; container: string; decision: string }) => `${r.workload} ${r.container} ${r.decision}`,
      ),
    ).toEqual(output);
  });
});

test('against the live policy: policy export, check plan.json --policy policy.yaml', () => {
  const { commands, shown } = recipe('Against the live policy');
  expect(commands).toEqual([
    'gcloud container binauthz policy export --project app-project > policy.yaml',
    'npx cdktf-gcp-binauthz check plan.json --policy policy.yaml',
  ]);
  // A plan of services whose project's policy is managed elsewhere, and that policy as gcloud exports it.
  copyFileSync(join(ROOT, 'test/fixtures/gate/services-plan.json'), join(scratch.path, 'plan.json'));
  copyFileSync(join(ROOT, 'test/fixtures/gate/policy.yaml'), join(scratch.path, 'policy.yaml'));
  inFolder(scratch.path, () => {
    const check = runCliText(...argsOf(commands[1]));
    expect(check.code).toBe(0);
    expect(shown.map((s) => s.command)).toEqual([commands[1]]);
    expect(check.stdout.split('\n')).toEqual(shown[0].output);
    // Without the live policy, the project has none in the input: not admitted.
    expect(runCliText('check', 'plan.json').code).toBe(1);
  });
});
