import { Cloudfunctions2Function } from '@cdktf/provider-google/lib/cloudfunctions2-function';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import {
  AdmissionRule,
  Attestor,
  BinaryAuthorizationPolicy,
  Decision,
  DeploymentPath,
  EnforcementMode,
  EvaluationMode,
} from '../src';

const DIGEST = `sha256:${'c'.repeat(64)}`;
const FN_IMAGE = `us-central1-docker.pkg.dev/my-project/gcf-artifacts/my--project__us--central1__fn@${DIGEST}`;

function newStack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'stack');
}

describe('BinaryAuthorizationPolicy.evaluate', () => {
  test('the secure default denies an image that is not allowlisted, enforced', () => {
    // GIVEN
    const stack = newStack();
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    // WHEN
    const result = policy.evaluate(`gcr.io/my-project/app@${DIGEST}`);
    // THEN
    expect(result).toEqual({
      image: `gcr.io/my-project/app@${DIGEST}`,
      decision: Decision.DENY,
      admitted: false,
      evaluationMode: EvaluationMode.ALWAYS_DENY,
      enforcementMode: EnforcementMode.ENFORCED_BLOCK_AND_AUDIT_LOG,
      matchedPattern: undefined,
      requiredAttestors: [],
      reason: 'no allowlist pattern matches; the default rule is ALWAYS_DENY',
    });
  });

  test('a deployment path allowlists the function images of its region only', () => {
    const policy = new BinaryAuthorizationPolicy(newStack(), 'Policy', { project: 'my-project' });
    policy.allowDeploymentPath(DeploymentPath.CLOUD_FUNCTIONS_V2_API, { regions: ['us-central1'] });

    const allowed = policy.evaluate(FN_IMAGE);
    expect(allowed.decision).toBe(Decision.ALLOW);
    expect(allowed.admitted).toBe(true);
    expect(allowed.matchedPattern).toBe('us-central1-docker.pkg.dev/my-project/gcf-artifacts/**');

    expect(policy.evaluate(FN_IMAGE.replace('us-central1', 'europe-west1')).decision).toBe(Decision.DENY);
  });

  test('dry run: the image is admitted, the decision still says what would be blocked', () => {
    const policy = new BinaryAuthorizationPolicy(newStack(), 'Policy', {
      project: 'my-project',
      defaultAdmissionRule: AdmissionRule.denyAll({ enforcementMode: EnforcementMode.DRYRUN_AUDIT_LOG_ONLY }),
    });
    const result = policy.evaluate(`gcr.io/my-project/app@${DIGEST}`);
    expect(result.decision).toBe(Decision.DENY);
    expect(result.admitted).toBe(true);
    expect(result.enforcementMode).toBe(EnforcementMode.DRYRUN_AUDIT_LOG_ONLY);
  });

  test('required attestors are reported by their full names', () => {
    const app = newStack();
    const attestor = Attestor.fromAttestorName(app, 'Attestor', 'projects/sec-project/attestors/built-by-ci');
    const policy = new BinaryAuthorizationPolicy(app, 'Policy', {
      project: 'my-project',
      defaultAdmissionRule: AdmissionRule.requireAttestations([attestor]),
    });
    const result = policy.evaluate(`gcr.io/my-project/app@${DIGEST}`);
    expect(result.decision).toBe(Decision.REQUIRE_ATTESTATION);
    expect(result.admitted).toBe(false);
    expect(result.requiredAttestors).toEqual(['projects/sec-project/attestors/built-by-ci']);
  });

  test('an unresolved allowlist pattern makes the answer unknown when no known pattern matches', () => {
    const stack = newStack();
    const pattern = new TerraformVariable(stack, 'pattern', { type: 'string' });
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    policy.addAllowlistPattern(pattern.stringValue);

    const result = policy.evaluate(`gcr.io/my-project/app@${DIGEST}`);
    expect(result.decision).toBe(Decision.UNKNOWN);
    expect(result.admitted).toBe(false);
    expect(result.reason).toMatch(/^unknown until apply/);
  });

  test('reasons show the Terraform expression of values known only at apply time, not token strings', () => {
    const stack = newStack();
    const region = new TerraformVariable(stack, 'region', { type: 'string' });
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    policy.allowDeploymentPath(DeploymentPath.CLOUD_FUNCTIONS_V2_API, { regions: [region.stringValue] });

    const result = policy.evaluate(`us-central1-docker.pkg.dev/my-project/gcf-artifacts/fn@${DIGEST}`);
    expect(result.decision).toBe(Decision.UNKNOWN);
    expect(result.reason).toBe(
      'unknown until apply: no known allowlist pattern matches, and allowlist pattern ${var.region}-docker.pkg.dev/my-project/gcf-artifacts/** is known only at apply time',
    );
    expect(result.reason).not.toMatch(/TfToken|TOKEN/);
  });

  test('an unresolved pattern does not matter when a known pattern matches', () => {
    const stack = newStack();
    const pattern = new TerraformVariable(stack, 'pattern', { type: 'string' });
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', {
      project: 'my-project',
      allowlistPatterns: [pattern.stringValue, 'gcr.io/my-project/**'],
    });
    expect(policy.evaluate(`gcr.io/my-project/app@${DIGEST}`).decision).toBe(Decision.ALLOW);
  });

  test('an unresolved project in a deployment path is unknown until apply', () => {
    const stack = newStack();
    const project = new TerraformVariable(stack, 'project', { type: 'string' });
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: project.stringValue });
    policy.allowDeploymentPath(DeploymentPath.CLOUD_RUN_ADMIN_API, { regions: ['us-central1'] });
    const result = policy.evaluate(`us-central1-docker.pkg.dev/my-project/cloud-run-source-deploy/svc@${DIGEST}`);
    expect(result.decision).toBe(Decision.UNKNOWN);
  });

  test('an unresolved pattern under allow-all cannot change the answer', () => {
    const stack = newStack();
    const pattern = new TerraformVariable(stack, 'pattern', { type: 'string' });
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', {
      project: 'my-project',
      defaultAdmissionRule: AdmissionRule.allowAll(),
      allowlistPatterns: [pattern.stringValue],
    });
    const result = policy.evaluate(`gcr.io/my-project/app@${DIGEST}`);
    expect(result.decision).toBe(Decision.ALLOW);
    expect(result.evaluationMode).toBe(EvaluationMode.ALWAYS_ALLOW);
  });

  test('a tag-only image is not admitted by a pinned digest', () => {
    const policy = new BinaryAuthorizationPolicy(newStack(), 'Policy', {
      project: 'my-project',
      allowlistPatterns: [`gcr.io/my-project/app@${DIGEST}`],
    });
    expect(policy.evaluate(`gcr.io/my-project/app@${DIGEST}`).decision).toBe(Decision.ALLOW);
    expect(policy.evaluate('gcr.io/my-project/app:latest').decision).toBe(Decision.DENY);
  });

  test('a pattern added after an evaluation counts in the next one', () => {
    // GIVEN
    const policy = new BinaryAuthorizationPolicy(newStack(), 'Policy', { project: 'my-project' });
    expect(policy.evaluate(`gcr.io/my-project/app@${DIGEST}`).decision).toBe(Decision.DENY);
    // WHEN
    policy.addAllowlistPattern('gcr.io/my-project/app@*');
    // THEN
    expect(policy.evaluate(`gcr.io/my-project/app@${DIGEST}`)).toMatchObject({
      decision: Decision.ALLOW,
      matchedPattern: 'gcr.io/my-project/app@*',
    });
  });

  test('a function defined after an evaluation counts in the next one (allowDeploymentPathsFor)', () => {
    // GIVEN
    const stack = newStack();
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    policy.allowDeploymentPathsFor(stack);
    expect(policy.evaluate(FN_IMAGE).decision).toBe(Decision.DENY);
    // WHEN
    new Cloudfunctions2Function(stack, 'fn', { name: 'fn', location: 'us-central1', project: 'my-project' });
    // THEN
    expect(policy.evaluate(FN_IMAGE)).toMatchObject({
      decision: Decision.ALLOW,
      matchedPattern: 'us-central1-docker.pkg.dev/my-project/gcf-artifacts/**',
    });
  });

  test('fails on an invalid image reference', () => {
    const policy = new BinaryAuthorizationPolicy(newStack(), 'Policy', { project: 'my-project' });
    expect(() => policy.evaluate('nginx:latest')).toThrow(
      /"nginx:latest" is not an image reference: it has no registry host/,
    );
  });
});
