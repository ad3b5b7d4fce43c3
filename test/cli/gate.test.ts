/**
 * The gate: `check` without `--image` judges every Cloud Run workload of the input by the policy of the
 * project it runs in; every command reads every input format (Terraform JSON, a plan, a state, a policy
 * YAML), told from the content. Fixtures under test/fixtures/gate, made from Terraform's "JSON Output
 * Format" and Google's policy YAML reference:
 * - plan.json: a policy two modules deep, services in a module and in a module of it (with for_each), an
 *   image known only after apply, a deleted policy, a project without policy, a service that does not
 *   enforce, a function and a source-deployed service;
 * - state.json: what is live, modules included;
 * - services-plan.json: services only, whose project's policy lives elsewhere (policy.yaml, as
 *   `gcloud container binauthz policy export` prints it).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { CloudRunV2Service } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { Cloudfunctions2Function } from '@cdktf/provider-google/lib/cloudfunctions2-function';
import { Aspects, TerraformHclModule, Testing } from 'cdktf';
import { AdmissionRule, BinaryAuthorizationPolicy, RequireBinaryAuthorization, RequirementMode } from '../../src';
import { newStack, ROOT, runCliText, scratchFolder } from '../support';

const FIXTURES = 'test/fixtures/gate';
const PLAN = `${FIXTURES}/plan.json`;
const STATE = `${FIXTURES}/state.json`;
const SERVICES = `${FIXTURES}/services-plan.json`;
const POLICY = `${FIXTURES}/policy.yaml`;
const D = `sha256:${'e'.repeat(64)}`;

/** Runs the command in-process (the fixtures are given relative to the repository, so outputs are stable). */
const run = (...argv: string[]) => runCliText(...argv);
/** The output, with the repository's path (summary prints absolute paths) replaced. */
const stable = (text: string) => text.split(ROOT).join('<root>');

/** `check --json` results, one line each: `WORKLOAD CONTAINER DECISION admitted|no|exempt`. */
function decisions(stdout: string): string[] {
  return JSON.parse(stdout).results.map(
    (r: { workload: string; container: string; decision: string; admitted: boolean; exempt: boolean }) =>
      `${r.workload} ${r.container} ${r.decision} ${r.exempt ? 'exempt' : r.admitted ? 'admitted' : 'no'}`,
  );
}

const scratch = scratchFolder('gate-');
const file = scratch.file;

describe('check on a plan: every workload, in modules two levels deep', () => {
  test('the table', () => {
    const { code, stdout, stderr } = run('check', PLAN);
    expect(stderr).toBe('');
    expect(stdout).toMatchSnapshot();
    expect(code).toBe(1);
  });

  test('--json', () => {
    const { code, stdout } = run('check', PLAN, '--json');
    expect(stdout).toMatchSnapshot();
    expect(JSON.parse(stdout)).toMatchObject({ admitted: false, exempt: 0 });
    expect(code).toBe(1);
  });

  test('one row per workload and container, each with what decides it', () => {
    expect(decisions(run('check', PLAN, '--json').stdout)).toEqual([
      // No binary_authorization: deployed without any check.
      'google_cloud_run_v2_service.legacy legacy NOT_ENFORCED no',
      // A source deploy: its placeholder image, and the repository its build writes to.
      'google_cloud_run_v2_service.hello_source hello ALLOW admitted',
      'google_cloud_run_v2_service.hello_source (build) DENY no',
      // A function: the repository its build writes to (docker_repository unknown in the plan, not configured).
      'google_cloudfunctions2_function.resize (build) ALLOW admitted',
      // Its project's policy is deleted by the plan.
      'google_cloud_run_service.old template.spec.containers[0] NO_POLICY no',
      // Its image is known only after apply.
      'module.services.google_cloud_run_v2_job.migrate migrate UNKNOWN no',
      // Its project has no policy in the input.
      'module.services.google_cloud_run_v2_worker_pool.pool worker NO_POLICY no',
      // Two levels deep (module.services.module.api["prod"]), judged by the policy two levels deep elsewhere.
      'module.services.module.api["prod"].google_cloud_run_v2_service.this api ALLOW admitted',
      'module.services.module.api["prod"].google_cloud_run_v2_service.this proxy DENY no',
    ]);
  });

  test('the rows name the policy, the project and why', () => {
    const results = JSON.parse(run('check', PLAN, '--json').stdout).results;
    const proxy = results.find((r: { container: string }) => r.container === 'proxy');
    expect(proxy).toMatchObject({
      stack: 'plan',
      file: PLAN,
      project: 'app-project',
      policy: 'module.platform.module.binauthz.google_binary_authorization_policy.this',
      image: `docker.io/library/nginx@sha256:${'b'.repeat(64)}`,
      reason: 'no allowlist pattern matches; the default rule is ALWAYS_DENY',
    });
    const old = results.find((r: { workload: string }) => r.workload === 'google_cloud_run_service.old');
    expect(old.reason).toBe(
      "the plan deletes the policy of project legacy-project (google_binary_authorization_policy.legacy): the project falls back to Google's default policy, which admits every image",
    );
    const build = results.find((r: { workload: string }) => r.workload === 'google_cloudfunctions2_function.resize');
    expect(build.reason).toMatch(
      /^built from source into us-central1-docker\.pkg\.dev\/app-project\/gcf-artifacts \(as allowDeploymentPathsFor derives it\): allowlisted by/,
    );
    // The project of a service that sets none: its provider's, from the plan's configuration.
    expect(results[0].project).toBe('app-project');
  });

  test('--stack names the plan by its file name', () => {
    expect(run('check', PLAN, '--stack', 'plan').code).toBe(1);
    expect(run('check', PLAN, '--stack', 'other').stderr).toBe(
      `cdktf-gcp-binauthz: --stack "other": no such stack in ${PLAN} (stacks: plan)`,
    );
  });
});

describe('check on a state', () => {
  test('the table', () => {
    const { code, stdout } = run('check', STATE);
    expect(stdout).toMatchSnapshot();
    expect(code).toBe(1);
  });

  test('--json', () => {
    const { stdout } = run('check', STATE, '--json');
    expect(stdout).toMatchSnapshot();
    expect(decisions(stdout)).toEqual([
      'google_cloud_run_v2_service.api api ALLOW admitted',
      'google_cloud_run_v2_service.api proxy DENY no',
      'module.jobs.google_cloud_run_v2_job.report report ALLOW admitted',
    ]);
  });
});

describe('--policy FILE: the live policy of projects the input has no policy for', () => {
  test('a plan of services alone: no policy for the project without it, exit 1', () => {
    const { code, stdout } = run('check', SERVICES, '--json');
    expect(decisions(stdout)).toEqual(['google_cloud_run_v2_service.web web NO_POLICY no']);
    expect(code).toBe(1);
  });

  test('with the live policy YAML: admitted, exit 0', () => {
    const { code, stdout } = run('check', SERVICES, '--policy', POLICY);
    expect(stdout).toMatchSnapshot();
    expect(code).toBe(0);
  });

  test('any input format supplies policies: a state', () => {
    const { code, stdout } = run('check', SERVICES, '--policy', STATE, '--json');
    expect(JSON.parse(stdout).results[0]).toMatchObject({
      decision: 'ALLOW',
      policy: 'state: google_binary_authorization_policy.this',
    });
    expect(code).toBe(0);
  });

  test('repeatable; a project with two policies is judged by each, one row each', () => {
    const { stdout } = run('check', SERVICES, '--policy', POLICY, '--policy', STATE, '--json');
    expect(decisions(stdout)).toEqual([
      'google_cloud_run_v2_service.web web ALLOW admitted',
      'google_cloud_run_v2_service.web web ALLOW admitted',
    ]);
  });

  test('one file given twice is read once: one row per workload, and per --image', () => {
    const { stdout } = run('check', SERVICES, '--policy', POLICY, '--policy', POLICY, '--json');
    expect(decisions(stdout)).toEqual(['google_cloud_run_v2_service.web web ALLOW admitted']);
    const image = `us-docker.pkg.dev/app-project/containers/api@${D}`;
    const once = JSON.parse(run('check', STATE, '--image', image, '--json').stdout).results;
    const twice = JSON.parse(run('check', STATE, '--image', image, '--policy', STATE, '--json').stdout).results;
    expect(once).toHaveLength(1);
    expect(twice).toEqual(once);
  });

  test('a policy a plan deletes is not brought back by --policy', () => {
    const { stdout } = run('check', PLAN, '--policy', POLICY, '--json');
    expect(decisions(stdout)).toContain('google_cloud_run_service.old template.spec.containers[0] NO_POLICY no');
  });

  test('a --policy file without a policy is an input error', () => {
    expect(run('check', SERVICES, '--policy', SERVICES)).toEqual({
      code: 2,
      stdout: '',
      stderr: `cdktf-gcp-binauthz: --policy ${SERVICES}: no google_binary_authorization_policy in it`,
    });
  });
});

describe('--image, alone and with --workloads', () => {
  const IMAGE = `us-docker.pkg.dev/app-project/containers/api@${D}`;

  test('--image alone judges the images only, as before', () => {
    const { code, stdout } = run('check', STATE, '--image', IMAGE);
    expect(stdout.split('\n')[0]).toMatch(/^STACK +POLICY +IMAGE +DECISION +ADMITTED +REASON$/);
    expect(stdout).toContain('all 1 admitted');
    expect(code).toBe(0);
  });

  test('--image on a policy YAML', () => {
    const { code, stdout } = run('check', POLICY, '--image', IMAGE);
    expect(stdout).toMatch(/^policy +projects\/app-project\/policy +\S+ +ALLOW +yes /m);
    expect(code).toBe(0);
  });

  test('--image with --workloads: the images against every policy, and the workloads', () => {
    const { code, stdout } = run('check', STATE, '--image', IMAGE, '--workloads', '--json');
    expect(decisions(stdout)).toEqual([
      'google_cloud_run_v2_service.api api ALLOW admitted',
      'google_cloud_run_v2_service.api proxy DENY no',
      'module.jobs.google_cloud_run_v2_job.report report ALLOW admitted',
      '(--image) - ALLOW admitted',
    ]);
    expect(code).toBe(1);
  });

  test('--image on an input without a policy: judged by the --policy files', () => {
    const { code, stdout } = run('check', SERVICES, '--image', IMAGE, '--policy', POLICY, '--json');
    expect(decisions(stdout)).toEqual(['(--image) - ALLOW admitted']);
    expect(code).toBe(0);
  });

  test.each([[[]], [['--workloads']]])('--image with no policy at all is an input error %j, never no row', (extra) => {
    const { code, stdout, stderr } = run('check', SERVICES, '--image', IMAGE, ...extra);
    expect(stderr).toContain(`no google_binary_authorization_policy in ${SERVICES} to judge the --image images by`);
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });
});

describe('every command on every input format', () => {
  test.each([
    ['summary', PLAN, 0],
    ['summary', STATE, 0],
    ['summary', POLICY, 0],
    ['lint', PLAN, 1],
    ['lint', STATE, 0],
    ['lint', POLICY, 0],
  ])('%s %s', (command, input, code) => {
    const result = run(command, input);
    expect(result.stderr).toBe('');
    expect(stable(result.stdout)).toMatchSnapshot();
    expect(result.code).toBe(code);
  });

  test('summary of a plan names the policy the plan deletes', () => {
    expect(run('summary', PLAN).stdout).toContain(
      "  google_binary_authorization_policy.legacy (project legacy-project): deleted by this plan; the project falls back to Google's default policy, which admits every image",
    );
  });

  test('lint of a plan: the deleted policy and the service that does not enforce are errors', () => {
    const { findings } = JSON.parse(run('lint', PLAN, '--json').stdout);
    expect(
      findings.map((f: { severity: string; code: string; address: string }) => `${f.severity} ${f.code} ${f.address}`),
    ).toEqual([
      'error policy-deleted google_binary_authorization_policy.legacy',
      'error not-enforced google_cloud_run_v2_service.legacy',
      'info global-evaluation module.platform.module.binauthz.google_binary_authorization_policy.this',
      'info no-guardrail module.platform.module.binauthz.google_binary_authorization_policy.this',
    ]);
  });

  /** The policy of app-project in plan.json and state.json, as export writes it. */
  const APP_POLICY = [
    'admissionWhitelistPatterns:',
    '- namePattern: "us-docker.pkg.dev/app-project/containers/**"',
    '- namePattern: "us-central1-docker.pkg.dev/app-project/gcf-artifacts/**"',
    '- namePattern: "us-docker.pkg.dev/cloudrun/container/hello@*"',
    'defaultAdmissionRule:',
    '  enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG"',
    '  evaluationMode: "ALWAYS_DENY"',
    'description: "deny all but our repositories"',
    'globalPolicyEvaluationMode: "ENABLE"',
    'name: "projects/app-project/policy"',
  ];
  /** The live policy of policy.yaml, written as gcloud imports it (its etag and updateTime dropped). */
  const LIVE_POLICY = [
    'admissionWhitelistPatterns:',
    '- namePattern: "us-docker.pkg.dev/app-project/containers/**"',
    '- namePattern: "us-central1-docker.pkg.dev/app-project/gcf-artifacts/**"',
    'defaultAdmissionRule:',
    '  enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG"',
    '  evaluationMode: "ALWAYS_DENY"',
    'globalPolicyEvaluationMode: "ENABLE"',
    'name: "projects/app-project/policy"',
  ];

  test.each([
    [PLAN, ['--address', 'this'], APP_POLICY],
    [PLAN, ['--address', 'module.platform.module.binauthz.google_binary_authorization_policy.this'], APP_POLICY],
    [STATE, [], APP_POLICY],
    [POLICY, [], LIVE_POLICY],
  ])('export %s %j: the policy, from inside its modules or as gcloud imports it', (input, options, yaml) => {
    const { code, stdout } = run('export', input, '--format', 'gcloud-yaml', ...options);
    expect(stdout.split('\n')).toEqual(yaml);
    expect(code).toBe(0);
  });

  test('check on a policy YAML: no workloads to judge, one line that says so, exit 0 (1 with --require-workloads)', () => {
    const { code, stdout, stderr } = run('check', POLICY);
    expect(stdout).toMatch(
      /^note: policy \(test\/fixtures\/gate\/policy\.yaml\): no Cloud Run workload .* in it, so nothing to judge$/,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(run('check', POLICY, '--require-workloads').code).toBe(1);
  });
});

describe('cdk.tf.json: exemptions, functions, source deploys, modules', () => {
  const IMAGE = `us-docker.pkg.dev/my-project/containers/app@${D}`;

  /**
   * A stack with a policy for my-project and, per `define`, workloads; synthesized as cdktf does (aspects
   * run, and the `//` comments where exemptions are written stay): the path of its cdk.tf.json.
   */
  function synthesized(name: string, define: (stack: ReturnType<typeof newStack>) => void): string {
    const stack = newStack({ project: 'my-project' });
    new BinaryAuthorizationPolicy(stack, 'Policy', {
      project: 'my-project',
      defaultAdmissionRule: AdmissionRule.denyAll(),
      allowlistPatterns: ['us-docker.pkg.dev/my-project/containers/**'],
    });
    define(stack);
    return file(name, readFileSync(join(Testing.fullSynth(stack), 'stacks', 'stack', 'cdk.tf.json'), 'utf8'));
  }

  function service(stack: ReturnType<typeof newStack>, id: string, image = IMAGE): CloudRunV2Service {
    return new CloudRunV2Service(stack, id, {
      name: id,
      location: 'us-central1',
      template: { containers: [{ image }] },
    });
  }

  test('an exempt workload that does not enforce: admitted as exempt, said in the summary line; lint warns', () => {
    const input = synthesized('exempt.tf.json', (stack) => {
      service(stack, 'enforced').putBinaryAuthorization({ useDefault: true });
      RequireBinaryAuthorization.exempt(service(stack, 'demo', `docker.io/library/nginx@${D}`), 'public demo, SEC-123');
      Aspects.of(stack).add(new RequireBinaryAuthorization({ mode: RequirementMode.VERIFY }));
    });
    const { code, stdout } = run('check', input);
    expect(stdout).toMatch(
      /^exempt +google_cloud_run_v2_service\.demo +template\.containers\[0\] +my-project +- +docker\.io\/library\/nginx@\S+ +EXEMPT +exempt +exempt: public demo, SEC-123; not enforced: deployed without any check \(binary_authorization is not set\)$/m,
    );
    expect(stdout).toContain('all 2 admitted (1 exempt: deployed without any check, by a reviewed exemption)');
    expect(code).toBe(0);
    const json = JSON.parse(run('check', input, '--json').stdout);
    expect(json).toMatchObject({ admitted: true, exempt: 1 });

    const lint = JSON.parse(run('lint', input, '--json').stdout);
    expect(lint.findings).toContainEqual({
      severity: 'warning',
      code: 'exempt',
      address: 'google_cloud_run_v2_service.demo',
      message: 'exempt from Binary Authorization (RequireBinaryAuthorization.exempt): public demo, SEC-123',
      stack: 'exempt',
      file: input,
      line: expect.any(Number),
      // The exemption is shown as suppressions are: with its reason, and it does not count.
      suppression: { kind: 'inSource', reason: 'public demo, SEC-123' },
    });
    expect(lint.warnings).toBe(0);
    expect(lint.findings).not.toContainEqual(expect.objectContaining({ code: 'not-enforced' }));
  });

  test('an exemption never hides anything else: an exempt workload that enforces is judged', () => {
    const input = synthesized('exempt-enforcing.tf.json', (stack) => {
      const s = service(stack, 'demo', `docker.io/library/nginx@${D}`);
      s.putBinaryAuthorization({ useDefault: true });
      RequireBinaryAuthorization.exempt(s, 'public demo');
      Aspects.of(stack).add(new RequireBinaryAuthorization());
    });
    const { code, stdout } = run('check', input, '--json');
    expect(decisions(stdout)).toEqual(['google_cloud_run_v2_service.demo template.containers[0] DENY no']);
    expect(code).toBe(1);
  });

  test('a workload that does not enforce, without exemption, fails', () => {
    const input = synthesized('not-enforced.tf.json', (stack) => void service(stack, 'svc'));
    const { code, stdout } = run('check', input, '--json');
    expect(decisions(stdout)).toEqual(['google_cloud_run_v2_service.svc template.containers[0] NOT_ENFORCED no']);
    expect(code).toBe(1);
  });

  test('an exemption marker of the wrong shape is an input error', () => {
    const input = file('bad-marker.tf.json', {
      resource: {
        google_cloud_run_v2_service: {
          s: { '//': { binauthz: { exempt: '' } }, template: { containers: [{ image: IMAGE }] } },
        },
      },
    });
    for (const command of ['check', 'lint', 'summary']) {
      const { code, stderr } = run(command, input);
      expect(stderr).toBe(
        `cdktf-gcp-binauthz: ${input}: google_cloud_run_v2_service.s: "//".binauthz must be {"exempt": "REASON"} with a reason (RequireBinaryAuthorization.exempt writes it), got: {"exempt": ""}; write the reason, or remove the marker`,
      );
      expect(code).toBe(2);
    }
  });

  test('functions and source deploys: the repository their build writes to, as allowDeploymentPathsFor derives it', () => {
    const input = synthesized('functions.tf.json', (stack) => {
      new Cloudfunctions2Function(stack, 'fn', {
        name: 'fn',
        location: 'us-central1',
        buildConfig: { runtime: 'nodejs22', entryPoint: 'main' },
      });
      new Cloudfunctions2Function(stack, 'custom', {
        name: 'custom',
        location: 'us-central1',
        buildConfig: {
          runtime: 'nodejs22',
          entryPoint: 'main',
          dockerRepository: 'projects/my-project/locations/europe-west1/repositories/functions',
        },
      });
      new CloudRunV2Service(stack, 'source', {
        name: 'source',
        location: 'us-central1',
        buildConfig: { sourceLocation: 'gs://b/o.zip', imageUri: `us-docker.pkg.dev/my-project/containers/source` },
        template: { containers: [{ image: 'us-docker.pkg.dev/cloudrun/container/hello' }] },
      });
      Aspects.of(stack).add(new RequireBinaryAuthorization());
    });
    const results = JSON.parse(run('check', input, '--json').stdout).results;
    expect(
      results.map(
        (r: { workload: string; image: string; decision: string }) => `${r.workload} ${r.image} ${r.decision}`,
      ),
    ).toEqual([
      'google_cloud_run_v2_service.source us-docker.pkg.dev/cloudrun/container/hello DENY',
      'google_cloud_run_v2_service.source us-docker.pkg.dev/my-project/containers/** ALLOW',
      'google_cloudfunctions2_function.custom europe-west1-docker.pkg.dev/my-project/functions/** DENY',
      'google_cloudfunctions2_function.fn us-central1-docker.pkg.dev/my-project/gcf-artifacts/** DENY',
    ]);
    expect(results[3].reason).toBe(
      'built from source into us-central1-docker.pkg.dev/my-project/gcf-artifacts (as allowDeploymentPathsFor derives it): no allowlist pattern admits every image of the repository (us-central1-docker.pkg.dev/my-project/gcf-artifacts/** would); the default rule is ALWAYS_DENY',
    );
  });

  test('a cdktf project folder: the output folder its cdktf.json names', () => {
    const project = join(scratch.path, 'project');
    file('project/cdktf.json', { language: 'typescript', app: 'npx ts-node main.ts', output: 'out' });
    const synth = synthesized('project.tf.json', (stack) => {
      service(stack, 'svc').putBinaryAuthorization({ useDefault: true });
    });
    file('project/out/stacks/app/cdk.tf.json', readFileSync(synth, 'utf8'));
    const { code, stdout } = run('check', project, '--json');
    expect(decisions(stdout)).toEqual(['google_cloud_run_v2_service.svc template.containers[0] ALLOW admitted']);
    expect(JSON.parse(stdout).results[0].stack).toBe('app');
    expect(code).toBe(0);
  });

  test('module blocks: their resources cannot be judged from configuration, a failure row (never silence)', () => {
    const input = synthesized('module.tf.json', (stack) => {
      new TerraformHclModule(stack, 'services', { source: 'example/services/google', version: '1.0.0' });
    });
    const { code, stdout } = run('check', input);
    expect(stdout).toMatch(
      /^module +module\.services +- +unknown +- +- +UNKNOWN +no +module\.services: its resources cannot be judged from configuration; check the plan instead \(terraform show -json\)$/m,
    );
    expect(code).toBe(1);
    expect(JSON.parse(run('lint', input, '--json').stdout).findings).toContainEqual(
      expect.objectContaining({ severity: 'error', code: 'hidden-module', address: 'module.services' }),
    );
    expect(run('summary', input).stdout).toContain(
      "  module.services: not read (a module's resources are not in the configuration that calls it; summarize the plan)",
    );
    // With --image, a module may hide a policy: an input error.
    expect(run('check', input, '--image', IMAGE).stderr).toBe(
      `cdktf-gcp-binauthz: ${input}: module.services: a module's resources (its policies among them) cannot be read from the configuration that calls it; check the plan instead (terraform show -json), or check the workloads without --image`,
    );
  });
});
