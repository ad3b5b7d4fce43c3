import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { policyProgram, PolicySource } from '../../src/cli/codegen';
import { PolicyModel } from '../../src/core/policy';
import { policyModel, ROOT, ruleModel } from '../support';
import { compileProblems, removePrograms, synthesize } from '../support/programs';

const SEC = 'projects/sec-project/attestors';

/** A policy with something of everything the program writes. */
const FULL: PolicySource = {
  model: {
    ...policyModel({
      project: 'payments-prod',
      evaluationMode: 'REQUIRE_ATTESTATION',
      enforcementMode: 'DRYRUN_AUDIT_LOG_ONLY',
      attestors: [`${SEC}/built-by-ci`, `${SEC}/qa_2`],
      patterns: [
        'us-central1-docker.pkg.dev/payments-prod/cloud-run-source-deploy/**',
        'k8s.gcr.io/**',
        'europe-west1-docker.pkg.dev/payments-prod/cloud-run-source-deploy/**',
        'us-central1-docker.pkg.dev/payments-prod/gcf-artifacts/**',
        'us-central1-docker.pkg.dev/functions-proj/gcf-artifacts/**',
        'gcr.io/payments-prod/app@*',
      ],
    }),
    clusterAdmissionRules: {
      'us-central1-a.prod': ruleModel('REQUIRE_ATTESTATION', undefined, [`${SEC}/built-by-ci`]),
      'europe-west1-b.batch': ruleModel('ALWAYS_DENY'),
    },
  },
  description: 'Payments, "prod"',
  globalPolicyEvaluationMode: 'ENABLE',
};

afterAll(removePrograms);

/** What must come back the same: patterns as a set, rules, attestors. */
function essence(model: PolicyModel) {
  return {
    project: model.project,
    patterns: [...model.allowlistPatterns].sort(),
    defaultAdmissionRule: {
      ...model.defaultAdmissionRule,
      requireAttestationsBy: [...model.defaultAdmissionRule.requireAttestationsBy].sort(),
    },
    clusterAdmissionRules: model.clusterAdmissionRules ?? {},
  };
}

describe('policyProgram: TypeScript', () => {
  test('writes a program that runs as pasted and defines the same policy', () => {
    const { code, refusals } = policyProgram(FULL, 'typescript');
    expect(refusals).toEqual([]);
    expect(code).toMatchSnapshot();
    expect(compileProblems(code, 'full-strict')).toEqual([]);
    const { model, json } = synthesize(code, 'full');
    expect(essence(model)).toEqual(essence(FULL.model));
    const [policy] = Object.values(json.resource.google_binary_authorization_policy) as any[];
    expect(policy.description).toBe('Payments, "prod"');
    expect(policy.global_policy_evaluation_mode).toBe('ENABLE');
    expect(json.import).toEqual([
      { id: 'projects/payments-prod', to: expect.stringMatching(/^google_binary_authorization_policy\./) },
    ]);
  });

  test("imports only what it uses, so that a new app's strict compiler options accept it", () => {
    const { code } = policyProgram({ model: policyModel() }, 'typescript');
    expect(code).toContain("import { AdmissionRule, BinaryAuthorizationPolicy } from 'cdktf-gcp-binauthz';");
    expect(compileProblems(code, 'minimal-strict')).toEqual([]);
    expect(essence(synthesize(code, 'minimal').model)).toEqual(essence(policyModel()));
  });

  test('groups the deployment paths by path and project, and keeps the other patterns as they are', () => {
    const { code } = policyProgram(FULL, 'typescript');
    expect(code).toContain(
      "policy.allowDeploymentPath(DeploymentPath.CLOUD_RUN_ADMIN_API, { regions: ['us-central1', 'europe-west1'] });",
    );
    expect(code).toContain(
      "policy.allowDeploymentPath(DeploymentPath.CLOUD_FUNCTIONS_V2_API, { regions: ['us-central1'] });",
    );
    expect(code).toContain(
      "policy.allowDeploymentPath(DeploymentPath.CLOUD_FUNCTIONS_V2_API, { regions: ['us-central1'], project: 'functions-proj' });",
    );
    expect(code).toContain("policy.addAllowlistPattern('k8s.gcr.io/**');");
  });

  test('a domain-scoped project: its deployment paths are recognised in their path form', () => {
    const source: PolicySource = {
      model: policyModel({
        project: 'example.com:legacy',
        patterns: ['us-east1-docker.pkg.dev/example.com/legacy/gcf-artifacts/**'],
      }),
    };
    const { code } = policyProgram(source, 'typescript');
    expect(code).toContain(
      "policy.allowDeploymentPath(DeploymentPath.CLOUD_FUNCTIONS_V2_API, { regions: ['us-east1'] });",
    );
    expect(essence(synthesize(code, 'scoped').model)).toEqual(essence(source.model));
  });

  test('what the library refuses is carried with a comment, returned, and fails synth as pasted', () => {
    const source: PolicySource = {
      model: policyModel({ patterns: ['gcr.io/**', 'gcr.io/my-project/app:latest', 'gcr.io/my-project/ok@*'] }),
    };
    const { code, refusals } = policyProgram(source, 'typescript');
    expect(refusals.map((r) => `${r.field} ${r.value}`)).toEqual([
      'admissionWhitelistPatterns gcr.io/**',
      'admissionWhitelistPatterns gcr.io/my-project/app:latest',
    ]);
    expect(code).toMatch(
      /\/\/ refused by the library, synth will fail: "gcr\.io" is shared by many owners .* like "gcr\.io\/PROJECT_ID\/\*\*"\npolicy\.addAllowlistPattern\('gcr\.io\/\*\*'\);/,
    );
    expect(code).toMatch(
      /\/\/ refused by the library, synth will fail: Cloud Run does not accept tags .*\npolicy\.addAllowlistPattern\('gcr\.io\/my-project\/app:latest'\);/,
    );
    expect(() => synthesize(code, 'refused')).toThrow(/invalid 'pattern' "gcr.io\/\*\*"/);
  });

  test('two required attestors with one short id are refused, with the provider set as the reason', () => {
    const source: PolicySource = {
      model: policyModel({
        evaluationMode: 'REQUIRE_ATTESTATION',
        attestors: ['projects/sec-proj-a/attestors/prod', 'projects/sec-proj-b/attestors/prod'],
      }),
    };
    const { code, refusals } = policyProgram(source, 'typescript');
    expect(refusals).toEqual([
      expect.objectContaining({ field: 'defaultAdmissionRule', reason: expect.stringMatching(/same short id "prod"/) }),
    ]);
    expect(code).toContain(
      "const prod = Attestor.fromAttestorName(stack, 'Prod', 'projects/sec-proj-a/attestors/prod');",
    );
    expect(code).toContain(
      "const prod2 = Attestor.fromAttestorName(stack, 'Prod2', 'projects/sec-proj-b/attestors/prod');",
    );
    expect(() => synthesize(code, 'same-short-id')).toThrow(/same short id "prod"/);
  });
});

describe('policyProgram: Python', () => {
  test('writes the same program with the jsii binding names', () => {
    const { code, refusals } = policyProgram(FULL, 'python');
    expect(refusals).toEqual([]);
    expect(code).toMatchSnapshot();
  });

  test('is valid Python', () => {
    const { code } = policyProgram(FULL, 'python');
    const result = spawnSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], {
      input: code,
      encoding: 'utf8',
    });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });

  test("uses only names the library's assembly has, as jsii spells them in Python", () => {
    const assembly = JSON.parse(readFileSync(join(ROOT, '.jsii'), 'utf8'));
    const members = new Set<string>();
    for (const type of Object.values<any>(assembly.types)) {
      members.add(type.name);
      for (const m of [...(type.methods ?? []), ...(type.properties ?? [])]) members.add(m.name);
      for (const m of type.members ?? []) members.add(m.name);
    }
    const camel = (snake: string) => snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const { code } = policyProgram(FULL, 'python');
    const used = [
      ...[...code.matchAll(/\.([a-z][a-z_0-9]*)\(/g)].map((m) => m[1]).filter((n) => n !== 'synth'),
      ...[...code.matchAll(/\b([a-z][a-z_0-9]*)=/g)].map((m) => m[1]),
      ...[
        ...code.matchAll(/\b(AdmissionRule|Attestor|BinaryAuthorizationPolicy|DeploymentPath|EnforcementMode)\b/g),
      ].map((m) => m[1]),
      ...[...code.matchAll(/(?:DeploymentPath|EnforcementMode)\.([A-Z_0-9]+)/g)].map((m) => m[1]),
    ];
    const missing = [...new Set(used)].filter((n) => n !== 'project' && !members.has(camel(n)) && !members.has(n));
    expect(missing).toEqual([]);
    expect(used).toEqual(expect.arrayContaining(['allow_deployment_path', 'add_allowlist_pattern', 'adopt_existing']));
  });
});

describe('policyProgram: names that the language or the program already has', () => {
  /** Attestors whose short ids are reserved words of TypeScript or Python, or the program's own names. */
  const NAMES = ['new', 'class', 'app', 'stack', 'policy', 'def', 'import', 'default', 'None', 'Policy', 'google'];
  const source: PolicySource = {
    model: policyModel({
      project: 'payments-prod',
      evaluationMode: 'REQUIRE_ATTESTATION',
      attestors: NAMES.map((n) => `projects/sec-${n.toLowerCase()}/attestors/${n}`),
    }),
  };

  test('TypeScript: no variable is a reserved word or a name of the program; it compiles and synthesizes every attestor', () => {
    const { code, refusals } = policyProgram(source, 'typescript');
    expect(refusals).toEqual([]);
    const variables = [...code.matchAll(/^const (\w+) = Attestor\./gm)].map((m) => m[1]);
    expect(variables).toHaveLength(NAMES.length);
    for (const taken of ['new', 'class', 'app', 'stack', 'policy', 'import', 'default']) {
      expect(variables).not.toContain(taken);
    }
    expect(new Set(variables).size).toBe(variables.length);
    expect(compileProblems(code, 'reserved-strict')).toEqual([]);
    const { model } = synthesize(code, 'reserved');
    expect([...model.defaultAdmissionRule.requireAttestationsBy].sort()).toEqual(
      [...source.model.defaultAdmissionRule.requireAttestationsBy].sort(),
    );
  });

  test("construct ids never take the program's own (the provider's google, the policy's Policy)", () => {
    const { code } = policyProgram(source, 'typescript');
    const ids = [...code.matchAll(/Attestor\.fromAttestorName\(stack, '([^']+)'/g)].map((m) => m[1]);
    expect(ids).not.toContain('Policy');
    expect(ids).not.toContain('google');
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('Python: no variable is a keyword or a name of the program, and the program is valid Python', () => {
    const { code } = policyProgram(source, 'python');
    const variables = [...code.matchAll(/^(\w+) = Attestor\./gm)].map((m) => m[1]);
    expect(variables).toHaveLength(NAMES.length);
    const check = spawnSync(
      'python3',
      [
        '-c',
        'import ast, keyword, sys, json; src = sys.stdin.read(); ast.parse(src); names = json.loads(sys.argv[1]); bad = [n for n in names if keyword.iskeyword(n) or keyword.issoftkeyword(n) or n in ("app", "stack", "policy")]; print(json.dumps(bad))',
        JSON.stringify(variables),
      ],
      { input: code, encoding: 'utf8' },
    );
    expect({ status: check.status, stderr: check.stderr, bad: check.stdout.trim() }).toEqual({
      status: 0,
      stderr: '',
      bad: '[]',
    });
  });

  test('a description with "${" or "%{" is written with Terraform\'s escapes in both languages', () => {
    const text: PolicySource = { model: policyModel(), description: 'a ${b} c %{d} $${e}' };
    expect(policyProgram(text, 'typescript').code).toContain("description: 'a $${b} c %%{d} $$${e}',");
    expect(policyProgram(text, 'python').code).toContain('description="a $${b} c %%{d} $$${e}",');
    const { json } = synthesize(policyProgram(text, 'typescript').code, 'escaped');
    const [policy] = Object.values(json.resource.google_binary_authorization_policy) as any[];
    expect(policy.description).toBe('a $${b} c %%{d} $$${e}');
  });
});
