import { existsSync, readdirSync, readFileSync, rmSync } from 'fs';
import { join } from 'path';
import { EXAMPLES, synthesizeExample } from './support';
import { main } from '../src/cli/main';

const names = readdirSync(EXAMPLES).filter((name) => existsSync(join(EXAMPLES, name, 'main.ts')));

function stacksOf(outdir: string): Record<string, any> {
  const stacksDir = join(outdir, 'stacks');
  return Object.fromEntries(
    readdirSync(stacksDir).map((stack) => [
      stack,
      JSON.parse(readFileSync(join(stacksDir, stack, 'cdk.tf.json'), 'utf8')),
    ]),
  );
}

/**
 * The synthesized JSON without what depends on the machine: cdktf's metadata and the default local
 * backend, whose state path is absolute.
 */
function withoutMachineDetails(json: any): any {
  const copy = JSON.parse(JSON.stringify(json, (key, value) => (key === '//' ? undefined : value)));
  delete copy.terraform?.backend;
  return copy;
}

describe('examples', () => {
  test('there is at least the default example', () => expect(names).toContain('cloud-run-functions'));

  test.each(names)('%s synthesizes, and its cdktf.json runs main.ts', (name) => {
    const cdktfJson = JSON.parse(readFileSync(join(EXAMPLES, name, 'cdktf.json'), 'utf8'));
    expect(cdktfJson).toMatchObject({ language: 'typescript', app: 'npx ts-node main.ts' });
    const outdir = synthesizeExample(name);
    try {
      const stacks = stacksOf(outdir);
      expect(Object.keys(stacks).length).toBeGreaterThan(0);
      for (const [stack, json] of Object.entries(stacks)) {
        expect(json.resource?.google_binary_authorization_policy ?? json.resource).toBeDefined();
        expect(withoutMachineDetails(json)).toMatchSnapshot(stack);
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('the default example allowlists both deployment paths in both regions, and the summary says so', () => {
    const outdir = synthesizeExample('cloud-run-functions');
    try {
      const json = stacksOf(outdir)['cloud-run-functions'];
      const [policy] = Object.values(json.resource.google_binary_authorization_policy) as any[];
      expect(policy.default_admission_rule).toEqual({
        evaluation_mode: 'ALWAYS_DENY',
        enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
      });
      const patterns = policy.admission_whitelist_patterns.map((p: any) => p.name_pattern);
      expect(patterns).toEqual([
        'us-central1-docker.pkg.dev/my-functions-project/cloud-run-source-deploy/**',
        'europe-west1-docker.pkg.dev/my-functions-project/cloud-run-source-deploy/**',
        'us-central1-docker.pkg.dev/my-functions-project/gcf-artifacts/**',
        'europe-west1-docker.pkg.dev/my-functions-project/gcf-artifacts/**',
      ]);

      const out: string[] = [];
      const err: string[] = [];
      expect(
        main(
          ['summary', outdir],
          (l) => out.push(l),
          (l) => err.push(l),
        ),
      ).toBe(0);
      expect(err).toEqual([]);
      expect(out[0]).toBe(`stack cloud-run-functions: ${join(outdir, 'stacks', 'cloud-run-functions', 'cdk.tf.json')}`);
      expect(out).toContain('    default rule: ALWAYS_DENY, ENFORCED_BLOCK_AND_AUDIT_LOG');
      expect(out).toContain('    allowlist: 4 pattern(s)');
      for (const pattern of patterns) {
        expect(out).toContain(`      ${pattern}`);
      }
      expect(out).toContain('    required attestors: none');
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('the adoption example', () => {
  test('imports the live policy, keeps the cluster rule and sets the folder guardrail', () => {
    const outdir = synthesizeExample('adopt-existing-policy');
    try {
      const json = stacksOf(outdir)['adopt-existing-policy'];
      expect(json.import).toEqual([
        { id: 'projects/payments-prod', to: 'google_binary_authorization_policy.Policy_23B91518' },
      ]);
      const policy = json.resource.google_binary_authorization_policy.Policy_23B91518;
      expect(policy.cluster_admission_rules.map((r: any) => r.cluster)).toEqual(['europe-west1-b.payments']);
      const [guardrail] = Object.values(json.resource.google_org_policy_policy) as any[];
      expect(guardrail.parent).toBe('folders/123456789012');
      expect(guardrail.spec.rules[0].values.allowed_values).toEqual(['default']);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
