import { BinaryAuthorizationPolicy as PolicyResource } from '@cdktf/provider-google/lib/binary-authorization-policy';
import { Lazy, TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import {
  AdmissionRule,
  Attestor,
  AttestorKey,
  BinaryAuthorizationPolicy,
  BinaryAuthorizationPolicyProps,
  DeploymentPath,
  EnforcementMode,
  EvaluationMode,
} from '../src';
import { PGP_PUBLIC_KEY } from './fixtures/keys';
import { bodiesOf, newStack, onlyResource, reportedAtSynth, synthValidated, warningsOf } from './support';

const POLICY = 'google_binary_authorization_policy';

/** The policy "Policy" of my-project, `props` on top, in a new stack. */
function newPolicy(props: Partial<BinaryAuthorizationPolicyProps> = {}) {
  const stack = newStack();
  const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project', ...props });
  return { stack, policy };
}

function onlyPolicy(json: any): any {
  const policies = bodiesOf(json, POLICY);
  expect(policies).toHaveLength(1);
  return policies[0];
}

describe('BinaryAuthorizationPolicy', () => {
  describe('defaults', () => {
    test('deny everything that is not allowlisted, enforced, and refuse to be destroyed', () => {
      // GIVEN / WHEN
      const { stack } = newPolicy();
      // THEN
      const json = synthValidated(stack);
      expect(json).toMatchSnapshot();
      expect(onlyPolicy(json)).toEqual({
        project: 'my-project',
        default_admission_rule: { evaluation_mode: 'ALWAYS_DENY', enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG' },
        lifecycle: { prevent_destroy: true },
      });
    });

    test('the L1 is the default child, with the stable id "Resource"', () => {
      const { stack, policy } = newPolicy();
      expect(policy.node.defaultChild).toBeInstanceOf(PolicyResource);
      expect(policy.node.defaultChild?.node.id).toBe('Resource');
      expect(Object.keys(synthValidated(stack).resource[POLICY])).toEqual(['Policy_23B91518']);
    });

    test('exposes its project, rule and Terraform id', () => {
      const { stack, policy } = newPolicy();
      expect(policy.project).toBe('my-project');
      expect(policy.defaultAdmissionRule.evaluationMode).toBe(EvaluationMode.ALWAYS_DENY);
      expect(policy.defaultAdmissionRule.enforcementMode).toBe(EnforcementMode.ENFORCED_BLOCK_AND_AUDIT_LOG);
      new TerraformOutput(stack, 'id', { value: policy.policyId });
      expect(synthValidated(stack).output.id.value).toBe('${google_binary_authorization_policy.Policy_23B91518.id}');
      expect(policy.allowlistPatterns).toEqual([]);
    });
  });

  describe('the seed scenario: one project, one region, both deployment paths', () => {
    test('allowlists exactly the repositories Google documents', () => {
      // GIVEN
      const { stack, policy } = newPolicy();
      // WHEN
      policy.allowDeploymentPath(DeploymentPath.CLOUD_RUN_ADMIN_API, { regions: ['us-central1'] });
      policy.allowDeploymentPath(DeploymentPath.CLOUD_FUNCTIONS_V2_API, { regions: ['us-central1'] });
      // THEN
      const json = synthValidated(stack);
      expect(json).toMatchSnapshot();
      expect(onlyPolicy(json).admission_whitelist_patterns).toEqual([
        { name_pattern: 'us-central1-docker.pkg.dev/my-project/cloud-run-source-deploy/**' },
        { name_pattern: 'us-central1-docker.pkg.dev/my-project/gcf-artifacts/**' },
      ]);
      expect(onlyPolicy(json).default_admission_rule.evaluation_mode).toBe('ALWAYS_DENY');
    });
  });

  describe('several regions and projects', () => {
    test('one pattern per region and path, in the order they were added', () => {
      const { stack, policy } = newPolicy();
      policy.allowDeploymentPath(DeploymentPath.CLOUD_FUNCTIONS_V2_API, {
        regions: ['us-central1', 'europe-west1', 'asia-northeast1'],
      });
      policy.allowDeploymentPath(DeploymentPath.CLOUD_RUN_ADMIN_API, {
        regions: ['europe-west1'],
        project: 'other-project',
      });
      const json = synthValidated(stack);
      expect(json).toMatchSnapshot();
      expect(policy.allowlistPatterns).toEqual([
        'us-central1-docker.pkg.dev/my-project/gcf-artifacts/**',
        'europe-west1-docker.pkg.dev/my-project/gcf-artifacts/**',
        'asia-northeast1-docker.pkg.dev/my-project/gcf-artifacts/**',
        'europe-west1-docker.pkg.dev/other-project/cloud-run-source-deploy/**',
      ]);
      expect(onlyPolicy(json).admission_whitelist_patterns.map((p: any) => p.name_pattern)).toEqual(
        policy.allowlistPatterns,
      );
    });

    test('a domain-scoped project appears with a slash in image paths', () => {
      const { stack, policy } = newPolicy({ project: 'example.com:my-project' });
      policy.allowDeploymentPath(DeploymentPath.CLOUD_FUNCTIONS_V2_API, { regions: ['us-east1'] });
      expect(policy.allowlistPatterns).toEqual(['us-east1-docker.pkg.dev/example.com/my-project/gcf-artifacts/**']);
      expect(onlyPolicy(synthValidated(stack)).project).toBe('example.com:my-project');
    });
  });

  describe('allowlist', () => {
    test('patterns from props and from addAllowlistPattern, duplicates kept once', () => {
      const { stack, policy } = newPolicy({
        allowlistPatterns: ['gcr.io/my-project/app@*', 'us-docker.pkg.dev/my-project/trusted/**'],
      });
      policy.addAllowlistPattern('gcr.io/my-project/app@*');
      policy.addAllowlistPattern('gcr.io/my-project/tools*');
      policy.allowDeploymentPath(DeploymentPath.CLOUD_FUNCTIONS_V2_API, { regions: ['us-central1', 'us-central1'] });
      policy.allowDeploymentPath(DeploymentPath.CLOUD_FUNCTIONS_V2_API, { regions: ['us-central1'] });
      expect(onlyPolicy(synthValidated(stack)).admission_whitelist_patterns).toEqual([
        { name_pattern: 'gcr.io/my-project/app@*' },
        { name_pattern: 'us-docker.pkg.dev/my-project/trusted/**' },
        { name_pattern: 'gcr.io/my-project/tools*' },
        { name_pattern: 'us-central1-docker.pkg.dev/my-project/gcf-artifacts/**' },
      ]);
    });

    test('patterns added after the policy was defined are rendered too', () => {
      const { stack, policy } = newPolicy();
      expect(onlyPolicy(synthValidated(stack)).admission_whitelist_patterns).toBeUndefined();
      policy.addAllowlistPattern('gcr.io/my-project/late@*');
      expect(onlyPolicy(synthValidated(stack)).admission_whitelist_patterns).toEqual([
        { name_pattern: 'gcr.io/my-project/late@*' },
      ]);
    });

    test('the getter returns a copy', () => {
      const { policy } = newPolicy();
      policy.allowlistPatterns.push('gcr.io/x/y');
      expect(policy.allowlistPatterns).toEqual([]);
    });

    test('synth is byte-identical twice in a row', () => {
      const build = () => {
        const { stack, policy } = newPolicy();
        policy.allowDeploymentPath(DeploymentPath.CLOUD_RUN_ADMIN_API, { regions: ['us-east1', 'us-central1'] });
        policy.addAllowlistPattern('gcr.io/my-project/app@*');
        return stack;
      };
      const stack = build();
      const first = Testing.synth(stack, true);
      expect(Testing.synth(stack, true)).toBe(first);
      expect(Testing.synth(build(), true)).toBe(first);
    });
  });

  describe('tokens', () => {
    test('a TerraformVariable for project and region skips literal checks and renders interpolations', () => {
      // GIVEN
      const stack = newStack();
      const project = new TerraformVariable(stack, 'project', { type: 'string' });
      const region = new TerraformVariable(stack, 'region', { type: 'string' });
      // WHEN
      const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: project.stringValue });
      policy.allowDeploymentPath(DeploymentPath.CLOUD_FUNCTIONS_V2_API, {
        regions: [region.stringValue, 'us-central1'],
      });
      policy.allowDeploymentPath(DeploymentPath.CLOUD_RUN_ADMIN_API, {
        regions: [region.stringValue],
        project: 'other-project',
      });
      // THEN
      const json = synthValidated(stack);
      expect(json).toMatchSnapshot();
      const body = onlyPolicy(json);
      expect(body.project).toBe('${var.project}');
      expect(body.admission_whitelist_patterns).toEqual([
        // A token project may be domain-scoped: its ':' becomes '/' at apply time.
        { name_pattern: '${var.region}-docker.pkg.dev/${replace(var.project, ":", "/")}/gcf-artifacts/**' },
        { name_pattern: 'us-central1-docker.pkg.dev/${replace(var.project, ":", "/")}/gcf-artifacts/**' },
        { name_pattern: '${var.region}-docker.pkg.dev/other-project/cloud-run-source-deploy/**' },
      ]);
    });

    test('an allowlist pattern that is a token is kept as it is', () => {
      const stack = newStack();
      const pattern = new TerraformVariable(stack, 'pattern', { type: 'string' });
      const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
      policy.addAllowlistPattern(pattern.stringValue);
      expect(onlyPolicy(synthValidated(stack)).admission_whitelist_patterns).toEqual([
        { name_pattern: '${var.pattern}' },
      ]);
    });

    test('a token pattern added twice is rendered once (each read of a variable is a different string)', () => {
      const stack = newStack();
      const pattern = new TerraformVariable(stack, 'pattern', { type: 'string' });
      const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
      policy.addAllowlistPattern('gcr.io/my-project/app@*');
      policy.addAllowlistPattern(pattern.stringValue);
      policy.addAllowlistPattern(pattern.stringValue);
      expect(policy.allowlistPatterns).toHaveLength(3);
      expect(onlyPolicy(synthValidated(stack)).admission_whitelist_patterns).toEqual([
        { name_pattern: 'gcr.io/my-project/app@*' },
        { name_pattern: '${var.pattern}' },
      ]);
    });
  });

  describe('admission rules', () => {
    test('allowAll in dry run', () => {
      const { stack } = newPolicy({
        defaultAdmissionRule: AdmissionRule.allowAll({ enforcementMode: EnforcementMode.DRYRUN_AUDIT_LOG_ONLY }),
      });
      expect(onlyPolicy(synthValidated(stack)).default_admission_rule).toEqual({
        evaluation_mode: 'ALWAYS_ALLOW',
        enforcement_mode: 'DRYRUN_AUDIT_LOG_ONLY',
      });
    });

    test('requireAttestations carries full attestor names, once each, across projects', () => {
      // GIVEN
      const stack = newStack();
      const prod = Attestor.fromAttestorName(stack, 'Prod', 'projects/security-project/attestors/prod');
      const built = Attestor.fromAttestorName(stack, 'Built', 'projects/my-project/attestors/built-by-cloud-build');
      // WHEN
      new BinaryAuthorizationPolicy(stack, 'Policy', {
        project: 'my-project',
        defaultAdmissionRule: AdmissionRule.requireAttestations([prod, built, prod]),
      });
      // THEN
      const json = synthValidated(stack);
      expect(json).toMatchSnapshot();
      expect(onlyPolicy(json).default_admission_rule).toEqual({
        evaluation_mode: 'REQUIRE_ATTESTATION',
        enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
        require_attestations_by: [
          'projects/security-project/attestors/prod',
          'projects/my-project/attestors/built-by-cloud-build',
        ],
      });
      expect(onlyPolicy(json).depends_on).toBeUndefined();
    });

    test('an imported attestor exposes its parts', () => {
      const attestor = Attestor.fromAttestorName(newStack(), 'Prod', 'projects/security-project/attestors/prod');
      expect(attestor.attestorName).toBe('projects/security-project/attestors/prod');
      expect(attestor.attestorProject).toBe('security-project');
      expect(attestor.attestorId).toBe('prod');
    });
  });

  describe('other props', () => {
    test('description, global policy evaluation and opting out of prevent_destroy', () => {
      const { stack } = newPolicy({ description: 'Production', globalPolicyEvaluation: true, preventDestroy: false });
      const body = onlyPolicy(synthValidated(stack));
      expect(body.description).toBe('Production');
      expect(body.global_policy_evaluation_mode).toBe('ENABLE');
      expect(body.lifecycle).toBeUndefined();
    });

    test('globalPolicyEvaluation false renders DISABLE', () => {
      const { stack } = newPolicy({ globalPolicyEvaluation: false });
      expect(onlyPolicy(synthValidated(stack)).global_policy_evaluation_mode).toBe('DISABLE');
    });
  });

  describe('warnings, with the ids of the lint codes', () => {
    test('allow-all, dry run, no prevent_destroy and risky patterns are legal but reported', () => {
      // GIVEN
      const { policy } = newPolicy({
        defaultAdmissionRule: AdmissionRule.allowAll({ enforcementMode: EnforcementMode.DRYRUN_AUDIT_LOG_ONLY }),
        preventDestroy: false,
        allowlistPatterns: ['gcr.io/my-project/**'],
      });
      // WHEN
      policy.addAllowlistPattern('gcr.io/my-project/app');
      policy.addAllowlistPattern('registry.example.com/**');
      policy.addClusterAdmissionRule(
        'us-central1-a.prod',
        AdmissionRule.denyAll({ enforcementMode: EnforcementMode.DRYRUN_AUDIT_LOG_ONLY }),
      );
      // THEN
      expect(warningsOf(policy).map((w) => w.replace(/\] .*/, ']'))).toEqual([
        '[binauthz:allow-all]',
        '[binauthz:dry-run]',
        '[binauthz:no-prevent-destroy]',
        '[binauthz:broad-pattern]',
        '[binauthz:never-matches]',
        '[binauthz:dry-run]',
      ]);
      expect(warningsOf(policy)[0]).toBe(
        '[binauthz:allow-all] the default rule is ALWAYS_ALLOW: every image is admitted and the allowlist does nothing; use ALWAYS_DENY with an allowlist, or REQUIRE_ATTESTATION',
      );
      expect(warningsOf(policy)[5]).toMatch(
        /^\[binauthz:dry-run\] the rule for GKE cluster us-central1-a.prod is in dry run/,
      );
    });

    test('the secure defaults and a narrow allowlist warn about nothing', () => {
      const { policy } = newPolicy({
        allowlistPatterns: ['gcr.io/my-project/apps/**', 'gcr.io/my-project/app@*'],
      });
      policy.addAllowlistPattern('gcr.io/my-project/apps/**');
      expect(warningsOf(policy)).toEqual([]);
    });
  });

  describe('one policy per project', () => {
    test('a variable is one project within its stack, and another variable or stack is another project', () => {
      // GIVEN
      const app = Testing.app();
      const stack = newStack({ app });
      const other = newStack({ app, id: 'other' });
      const variable = (s: TerraformStack, id: string) => new TerraformVariable(s, id, { type: 'string' }).stringValue;
      // WHEN / THEN
      expect(() => {
        new BinaryAuthorizationPolicy(stack, 'A', { project: variable(stack, 'project') });
        new BinaryAuthorizationPolicy(stack, 'B', { project: variable(stack, 'other_project') });
        new BinaryAuthorizationPolicy(other, 'A', { project: variable(other, 'project') });
        new BinaryAuthorizationPolicy(stack, 'Literal', { project: 'my-project' });
      }).not.toThrow();
      expect(bodiesOf(synthValidated(stack), POLICY)).toHaveLength(3);
    });

    test('two reads of one variable are the same project', () => {
      const stack = newStack();
      const project = new TerraformVariable(stack, 'project', { type: 'string' });
      new BinaryAuthorizationPolicy(stack, 'A', { project: project.stringValue });
      expect(() => new BinaryAuthorizationPolicy(stack, 'B', { project: project.stringValue })).toThrow(
        /^\[stack\/B\] invalid 'project' \(known only at apply time: "\$\{var.project\}"\): the project already has a policy at \[stack\/A\]/,
      );
    });
  });

  describe('bad input', () => {
    /** What synth reports for what `act` does to a new policy (`act` returns). */
    function reported(act: (policy: BinaryAuthorizationPolicy) => void): string {
      const { stack, policy } = newPolicy();
      return reportedAtSynth(stack, () => act(policy)).join('\n');
    }

    test('fails on a wildcard anywhere but the end', () =>
      expect(reported((p) => p.addAllowlistPattern('gcr.io/my-project/n*x'))).toMatch(
        /^\[stack\/Policy\] invalid 'pattern' "gcr.io\/my-project\/n\*x": a wildcard \("\*" or "\*\*"\) may stand only at the end of a pattern/,
      ));

    test('fails on a pattern with no registry host', () => {
      const stack = newStack();
      expect(
        reportedAtSynth(stack, () => {
          new BinaryAuthorizationPolicy(stack, 'Policy', {
            project: 'my-project',
            allowlistPatterns: ['my-project/app'],
          });
        }),
      ).toEqual([
        expect.stringMatching(
          /^\[stack\/Policy\] invalid 'allowlistPatterns' "my-project\/app": a pattern starts with a registry host/,
        ),
      ]);
    });

    test('fails on a tagged image name and says to use @* or a digest', () =>
      expect(reported((p) => p.addAllowlistPattern('gcr.io/my-project/app:latest'))).toMatch(
        /invalid 'pattern' "gcr.io\/my-project\/app:latest": Cloud Run does not accept tags in allowlist patterns; allow every version of the image with "gcr.io\/my-project\/app@\*", or one version with its digest/,
      ));

    test('fails on name** without a slash before it', () =>
      expect(reported((p) => p.addAllowlistPattern('gcr.io/my-project**'))).toMatch(
        /invalid 'pattern' "gcr.io\/my-project\*\*": "my-project\*\*" also matches sibling directories .* end the pattern with "\/\*\*" instead/,
      ));

    test('fails on an invalid region, and allowlists the valid ones', () => {
      const { stack, policy } = newPolicy();
      expect(
        reportedAtSynth(stack, () =>
          policy.allowDeploymentPath(DeploymentPath.CLOUD_FUNCTIONS_V2_API, { regions: ['us-central1', 'US-EAST1'] }),
        ),
      ).toEqual([
        expect.stringMatching(/^\[stack\/Policy\] invalid 'regions' "US-EAST1": a region looks like "us-central1"/),
      ]);
      expect(policy.allowlistPatterns).toEqual(['us-central1-docker.pkg.dev/my-project/gcf-artifacts/**']);
    });

    test('fails on no regions at all', () =>
      expect(reported((p) => p.allowDeploymentPath(DeploymentPath.CLOUD_RUN_ADMIN_API, { regions: [] }))).toMatch(
        /invalid 'regions' \[\]: name at least one region/,
      ));

    test('fails on an invalid project id', () => {
      const stack = newStack();
      expect(
        reportedAtSynth(stack, () => {
          new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'My_Project' });
        }),
      ).toEqual([
        expect.stringMatching(
          /^\[stack\/Policy\] invalid 'project' "My_Project": a project id has 6 to 30 lowercase letters/,
        ),
      ]);
    });

    test('fails on an invalid deployment project id, and allowlists nothing for it', () => {
      const { stack, policy } = newPolicy();
      expect(
        reportedAtSynth(stack, () =>
          policy.allowDeploymentPath(DeploymentPath.CLOUD_RUN_ADMIN_API, { regions: ['us-central1'], project: 'x' }),
        ),
      ).toEqual([expect.stringMatching(/invalid 'project' "x": a project id/)]);
      expect(policy.allowlistPatterns).toEqual([]);
    });

    test('fails on requireAttestations with no attestors', () =>
      expect(() => newPolicy({ defaultAdmissionRule: AdmissionRule.requireAttestations([]) })).toThrow(
        /^\[stack\/Policy\] invalid 'defaultAdmissionRule' "REQUIRE_ATTESTATION": REQUIRE_ATTESTATION needs at least one attestor; pass the attestors/,
      ));

    test('fails on a malformed attestor name', () =>
      expect(() => Attestor.fromAttestorName(newStack(), 'Prod', 'attestors/prod')).toThrow(
        /^\[stack\/Prod\] invalid 'attestorName' "attestors\/prod": a full resource name looks like "projects\/PROJECT_ID\/attestors\/ATTESTOR_ID"/,
      ));

    test('fails on an attestor name that is a token', () => {
      const stack = newStack();
      const name = new TerraformVariable(stack, 'attestor', { type: 'string' });
      expect(() => Attestor.fromAttestorName(stack, 'Prod', name.stringValue)).toThrow(
        /^\[stack\/Prod\] invalid 'attestorName' \(a value known only at apply time\): the full name must be known at synth time/,
      );
    });

    test('fails on two policies for the same project in one stack', () => {
      const { stack } = newPolicy();
      expect(() => new BinaryAuthorizationPolicy(stack, 'Again', { project: 'my-project' })).toThrow(
        /^\[stack\/Again\] invalid 'project' "my-project": the project already has a policy at \[stack\/Policy\]; a project has exactly one policy/,
      );
    });

    test('fails on two policies for the same project in different stacks of one app', () => {
      const app = Testing.app();
      new BinaryAuthorizationPolicy(newStack({ app, id: 'one' }), 'Policy', { project: 'my-project' });
      expect(
        () => new BinaryAuthorizationPolicy(newStack({ app, id: 'two' }), 'Policy', { project: 'my-project' }),
      ).toThrow(/^\[two\/Policy\] invalid 'project' "my-project": the project already has a policy at \[one\/Policy\]/);
    });

    test('adoptExisting with a token that stands for a literal says so, and asks for the literal', () => {
      const stack = newStack();
      expect(
        () =>
          new BinaryAuthorizationPolicy(stack, 'Policy', {
            project: Lazy.stringValue({ produce: () => 'my-project' }),
            adoptExisting: true,
          }),
      ).toThrow(
        /^\[stack\/Policy\] invalid 'project' \(a token that stands for "my-project"\): 'adoptExisting' imports the policy by its id, which must be a literal at synth time, not a token; pass a literal project id$/,
      );
    });

    test('the resources of policies of this library are never taken for raw policies', () => {
      const stack = newStack();
      new BinaryAuthorizationPolicy(stack, 'Dev', { project: 'dev-project' });
      new BinaryAuthorizationPolicy(stack, 'Prod', { project: 'prod-project' });
      expect(() => synthValidated(stack)).not.toThrow();
    });

    test('policies for different projects live side by side', () => {
      const stack = newStack();
      new BinaryAuthorizationPolicy(stack, 'Dev', { project: 'dev-project' });
      new BinaryAuthorizationPolicy(stack, 'Prod', { project: 'prod-project' });
      expect(bodiesOf(synthValidated(stack), POLICY).map((p) => p.project)).toEqual(['dev-project', 'prod-project']);
    });
  });
});

describe('BinaryAuthorizationPolicy enableApis', () => {
  test('enables the Binary Authorization API, never disables it, and applies the policy after it', () => {
    const { stack } = newPolicy({ enableApis: true });
    const json = synthValidated(stack);
    const services = json.resource.google_project_service;
    expect(Object.values(services)).toEqual([
      {
        project: 'my-project',
        service: 'binaryauthorization.googleapis.com',
        disable_on_destroy: false,
        disable_dependent_services: false,
      },
    ]);
    const [serviceId] = Object.keys(services);
    expect(onlyPolicy(json).depends_on).toEqual([`google_project_service.${serviceId}`]);
  });

  test('reuses the API an attestor of the same project enabled', () => {
    const stack = newStack();
    const attestor = new Attestor(stack, 'Attestor', {
      project: 'my-project',
      keys: [AttestorKey.pgp(PGP_PUBLIC_KEY)],
      enableApis: true,
    });
    new BinaryAuthorizationPolicy(stack, 'Policy', {
      project: 'my-project',
      enableApis: true,
      defaultAdmissionRule: AdmissionRule.requireAttestations([attestor]),
    });
    const json = synthValidated(stack);
    const services = Object.values(json.resource.google_project_service).map((s: any) => s.service);
    expect(services.filter((s) => s === 'binaryauthorization.googleapis.com')).toHaveLength(1);
    // After the API and after the attestor it requires.
    expect(onlyPolicy(json).depends_on).toHaveLength(2);
    expect(onlyPolicy(json).depends_on[1]).toMatch(/^google_binary_authorization_attestor\./);
  });

  test('no API resources unless asked', () => {
    const { stack } = newPolicy();
    expect(synthValidated(stack).resource.google_project_service).toBeUndefined();
  });
});

describe('BinaryAuthorizationPolicy description', () => {
  test('a description with a token in it is written with the token, which Terraform resolves', () => {
    const stack = newStack();
    const env = new TerraformVariable(stack, 'env', { type: 'string' });
    new BinaryAuthorizationPolicy(stack, 'Policy', {
      project: 'my-project',
      description: `Policy of ${env.stringValue}`,
    });
    expect(onlyResource(synthValidated(stack), POLICY).description).toBe('Policy of ${var.env}');
  });
});
