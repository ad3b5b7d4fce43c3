import { readFileSync } from 'fs';
import { join } from 'path';
import { readInputs } from '../../src/cli/input';
import { policiesIn } from '../../src/cli/policies';
import { ROOT, runCli, scratchFolder } from '../support';
import { compileProblems, removePrograms, synthesize } from '../support/programs';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'import');

const scratch = scratchFolder('import-');
afterAll(() => removePrograms());

/** The policy of an input as import and export must keep it: patterns as a set, rules, attestors, extras. */
function policyOf(file: string) {
  const [found] = policiesIn(readInputs(file), file);
  const rule = (r: { evaluationMode: string; enforcementMode: string; requireAttestationsBy: string[] }) => ({
    ...r,
    requireAttestationsBy: [...r.requireAttestationsBy].sort(),
  });
  return {
    project: found.policy.project,
    patterns: [...found.policy.allowlistPatterns].sort(),
    defaultAdmissionRule: rule(found.policy.defaultAdmissionRule),
    clusterAdmissionRules: Object.fromEntries(
      Object.entries(found.policy.clusterAdmissionRules ?? {}).map(([k, r]) => [k, rule(r)]),
    ),
    description: found.description,
    globalPolicyEvaluationMode: found.globalPolicyEvaluationMode,
  };
}

describe('import: the live policy as code', () => {
  test.each(['default-gke.yaml', 'attestations-and-clusters.yaml', 'cloud-run-functions.yaml'])(
    'round trip of %s: import, compile, synth, export give the same policy',
    (fixture) => {
      // GIVEN a policy as gcloud exports it
      const yaml = join(FIXTURES, fixture);
      // WHEN it is imported
      const imported = runCli('import', yaml);
      expect({ code: imported.code, stderr: imported.stderr }).toEqual({ code: 0, stderr: [] });
      const program = `${imported.stdout.join('\n')}\n`;
      // THEN the program compiles as a new app would compile it, and synthesizes the policy, adopted
      const name = fixture.replace(/\.yaml$/, '');
      expect(compileProblems(program, `import-${name}`)).toEqual([]);
      const synthesized = join(scratch.path, `${name}.tf.json`);
      const { json } = synthesize(program, `import-${name}`, synthesized);
      expect(json.import).toEqual([
        {
          id: policyOf(yaml).project.replace(/^/, 'projects/'),
          to: expect.stringMatching(/^google_binary_authorization_policy\./),
        },
      ]);
      // AND exported again it is the same policy
      const exported = runCli('export', synthesized);
      expect(exported.code).toBe(0);
      const back = scratch.file(`${name}.exported.yaml`, `${exported.stdout.join('\n')}\n`);
      expect(policyOf(back)).toEqual(policyOf(yaml));
    },
  );

  test('writes deployment paths as allowDeploymentPath, grouped by path and project', () => {
    const { stdout } = runCli('import', join(FIXTURES, 'cloud-run-functions.yaml'));
    expect(stdout).toEqual(
      expect.arrayContaining([
        "policy.allowDeploymentPath(DeploymentPath.CLOUD_RUN_ADMIN_API, { regions: ['us-central1', 'europe-west1'] });",
        "policy.allowDeploymentPath(DeploymentPath.CLOUD_FUNCTIONS_V2_API, { regions: ['us-central1', 'europe-west1'] });",
        "policy.allowDeploymentPath(DeploymentPath.CLOUD_FUNCTIONS_V2_API, { regions: ['us-central1'], project: 'payments-shared' });",
        "policy.addAllowlistPattern('us-docker.pkg.dev/payments-prod/apps/api@*');",
      ]),
    );
  });

  test('what the library refuses is kept with a comment, listed on standard error, exit 1', () => {
    const { code, stdout, stderr } = runCli('import', join(FIXTURES, 'refused.yaml'));
    expect(code).toBe(1);
    expect(stdout.join('\n')).toMatch(
      /\/\/ refused by the library, synth will fail: "gcr\.io" is shared by many owners[^\n]*\npolicy\.addAllowlistPattern\('gcr\.io\/\*\*'\);/,
    );
    expect(stderr[0]).toBe(
      'cdktf-gcp-binauthz: 2 value(s) of the policy are refused by the library; the program keeps them, each with a comment, and fails synth until they are changed:',
    );
    expect(stderr.slice(1)).toEqual([
      expect.stringMatching(/^ {2}admissionWhitelistPatterns "gcr\.io\/\*\*": "gcr\.io" is shared by many owners/),
      expect.stringMatching(
        /^ {2}admissionWhitelistPatterns "gcr\.io\/legacy-project\/app:latest": Cloud Run does not accept tags/,
      ),
    ]);
    expect(() => synthesize(`${stdout.join('\n')}\n`, 'import-refused')).toThrow(/invalid 'pattern' "gcr\.io\/\*\*"/);
  });

  test('--language python writes the program with the binding names', () => {
    const { code, stdout } = runCli('import', join(FIXTURES, 'attestations-and-clusters.yaml'), '--language', 'python');
    expect(code).toBe(0);
    expect(stdout[0]).toBe('from cdktf import App, TerraformStack');
    expect(stdout).toContain(
      'secure_build = Attestor.from_attestor_name(stack, "SecureBuild", "projects/example-project/attestors/secure-build")',
    );
    expect(stdout[stdout.length - 1]).toBe('app.synth()');
  });

  test('any input with one policy will do, and an input without one is exit 2 in one line', () => {
    const synthesized = join(scratch.path, 'again.tf.json');
    synthesize(
      `${runCli('import', join(FIXTURES, 'default-gke.yaml')).stdout.join('\n')}\n`,
      'import-again',
      synthesized,
    );
    expect(runCli('import', synthesized).code).toBe(0);
    const empty = scratch.file('empty.tf.json', { resource: { google_storage_bucket: { b: { name: 'b' } } } });
    const { code, stdout, stderr } = runCli('import', empty);
    expect({ code, stdout, lines: stderr.length }).toEqual({ code: 2, stdout: [], lines: 1 });
    expect(stderr[0]).toMatch(/no google_binary_authorization_policy/);
  });

  test('a policy YAML has no interpolation: "${" and "%{" in its description are text, kept by export, escaped by import', () => {
    // GIVEN a policy YAML whose description holds "${…}" and "%{…}", which Google keeps as text
    const yaml = scratch.file(
      'literal.yaml',
      'defaultAdmissionRule:\n  evaluationMode: ALWAYS_DENY\n  enforcementMode: ENFORCED_BLOCK_AND_AUDIT_LOG\ndescription: costs ${x} %{ if y }\nname: projects/my-project/policy\n',
    );
    // THEN export writes it as it is, not as a value known only at apply time
    const exported = runCli('export', yaml);
    expect({ code: exported.code, stderr: exported.stderr }).toEqual({ code: 0, stderr: [] });
    expect(exported.stdout).toContain('description: "costs ${x} %{ if y }"');
    // AND import writes it with Terraform's escapes, so that the program synthesizes the same text
    const imported = runCli('import', yaml);
    expect({ code: imported.code, stderr: imported.stderr }).toEqual({ code: 0, stderr: [] });
    const program = `${imported.stdout.join('\n')}\n`;
    expect(program).toContain("description: 'costs $${x} %%{ if y }',");
    const { json } = synthesize(program, 'import-escaped');
    const [policy] = Object.values(json.resource.google_binary_authorization_policy) as any[];
    // (Terraform reads "$${" as "${" and "%%{" as "%{": the text of the YAML.)
    expect(policy.description).toBe('costs $${x} %%{ if y }');
  });

  test('a policy YAML without name: import needs its project, and says --project gives it', () => {
    const yaml = scratch.file(
      'nameless.yaml',
      'defaultAdmissionRule:\n  evaluationMode: ALWAYS_DENY\n  enforcementMode: ENFORCED_BLOCK_AND_AUDIT_LOG\n',
    );
    const refused = runCli('import', yaml);
    expect({ code: refused.code, stdout: refused.stdout }).toEqual({ code: 2, stdout: [] });
    expect(refused.stderr).toEqual([
      `cdktf-gcp-binauthz: ${yaml}: the policy YAML has no name, so the project it is the policy of is not known (gcloud container binauthz policy import takes it from its configuration); give it with --project PROJECT_ID`,
    ]);
    const imported = runCli('import', yaml, '--project', 'my-project');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("new GoogleProvider(stack, 'google', { project: 'my-project' });");
  });

  test("the README's example is the fixture and the command's output, as they are", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = (marker: string) => {
      const match = new RegExp(`<!-- import: ${marker}[^>]*-->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``).exec(readme);
      expect(match).not.toBeNull();
      return match![1];
    };
    const fixture = join(FIXTURES, 'cloud-run-functions.yaml');
    expect(block('policy.yaml')).toBe(readFileSync(fixture, 'utf8'));
    expect(block('main.ts')).toBe(`${runCli('import', fixture).stdout.join('\n')}\n`);
  });
});
