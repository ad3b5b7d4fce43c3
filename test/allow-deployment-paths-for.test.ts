import { ArtifactRegistryRepository } from '@cdktf/provider-google/lib/artifact-registry-repository';
import { CloudRunV2Service } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { Cloudfunctions2Function } from '@cdktf/provider-google/lib/cloudfunctions2-function';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { Aspects, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { BinaryAuthorizationPolicy, DeploymentPath, RequireBinaryAuthorization } from '../src';
import { newStack, policyPatterns, synthJson } from './support/cloud-run';

function gcfFunction(
  scope: Construct,
  id: string,
  props: { location: string; project?: string; dockerRepository?: string },
) {
  return new Cloudfunctions2Function(scope, id, {
    name: id,
    location: props.location,
    project: props.project,
    buildConfig: { runtime: 'nodejs20', entryPoint: 'handler', dockerRepository: props.dockerRepository },
  });
}

function sourceService(scope: Construct, id: string, props: { location: string; project?: string; imageUri?: string }) {
  return new CloudRunV2Service(scope, id, {
    name: id,
    location: props.location,
    project: props.project,
    buildConfig: { sourceLocation: 'gs://my-bucket/source.zip', functionTarget: 'handler', imageUri: props.imageUri },
    template: { containers: [{ image: 'scratch' }] },
  });
}

describe('BinaryAuthorizationPolicy.allowDeploymentPathsFor', () => {
  test('allowlists the default repository of each deployment path, per region', () => {
    // GIVEN
    const stack = newStack();
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    gcfFunction(stack, 'fn', { location: 'us-central1' });
    sourceService(stack, 'source', { location: 'europe-west4' });
    // WHEN
    policy.allowDeploymentPathsFor(stack);
    // THEN
    const json = synthJson(stack);
    expect(json).toMatchSnapshot();
    expect(policyPatterns(json)).toStrictEqual([
      'us-central1-docker.pkg.dev/my-project/gcf-artifacts/**',
      'europe-west4-docker.pkg.dev/my-project/cloud-run-source-deploy/**',
    ]);
    expect(policy.allowlistPatterns).toStrictEqual(policyPatterns(json));
  });

  test('ignores services deployed from an image (no build_config)', () => {
    // GIVEN
    const stack = newStack();
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    new CloudRunV2Service(stack, 'image', {
      name: 'image',
      location: 'us-central1',
      template: { containers: [{ image: 'us-docker.pkg.dev/my-project/apps/api@sha256:' + 'c'.repeat(64) }] },
    });
    // WHEN
    policy.allowDeploymentPathsFor(stack);
    // THEN
    expect(policyPatterns(synthJson(stack))).toStrictEqual([]);
  });

  test("uses the resource's project, the policy's project otherwise, and domain-scoped paths", () => {
    // GIVEN
    const stack = newStack();
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    gcfFunction(stack, 'own', { location: 'us-central1' });
    gcfFunction(stack, 'other', { location: 'us-central1', project: 'other-project' });
    sourceService(stack, 'scoped', { location: 'us-east1', project: 'example.com:legacy-project' });
    // WHEN
    policy.allowDeploymentPathsFor(stack);
    // THEN
    expect(policyPatterns(synthJson(stack))).toStrictEqual([
      'us-central1-docker.pkg.dev/my-project/gcf-artifacts/**',
      'us-central1-docker.pkg.dev/other-project/gcf-artifacts/**',
      'us-east1-docker.pkg.dev/example.com/legacy-project/cloud-run-source-deploy/**',
    ]);
  });

  test("without a project on the resource, uses its provider's project", () => {
    // GIVEN a stack whose default provider deploys into another project than the policy's
    const app = Testing.app();
    const stack = new TerraformStack(app, 'stack');
    const projectVar = new TerraformVariable(stack, 'project', { type: 'string' });
    new GoogleProvider(stack, 'google', { project: 'functions-project' });
    const aliased = new GoogleProvider(stack, 'eu', { alias: 'eu', project: projectVar.stringValue });
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    gcfFunction(stack, 'default-provider', { location: 'us-central1' });
    const fn = gcfFunction(stack, 'aliased-provider', { location: 'europe-west1' });
    fn.provider = aliased;
    // WHEN
    policy.allowDeploymentPathsFor(stack);
    // THEN
    expect(policyPatterns(synthJson(stack))).toStrictEqual([
      'us-central1-docker.pkg.dev/functions-project/gcf-artifacts/**',
      'europe-west1-docker.pkg.dev/${replace(var.project, ":", "/")}/gcf-artifacts/**',
    ]);
  });

  test("assumes the policy's project when neither the resource nor its provider names one", () => {
    // GIVEN
    const app = Testing.app();
    const stack = new TerraformStack(app, 'stack');
    new GoogleProvider(stack, 'google', {}); // the project comes from the environment at apply time
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    sourceService(stack, 'svc', { location: 'us-central1' });
    // WHEN
    policy.allowDeploymentPathsFor(stack);
    // THEN
    expect(policyPatterns(synthJson(stack))).toStrictEqual([
      'us-central1-docker.pkg.dev/my-project/cloud-run-source-deploy/**',
    ]);
  });

  test('follows a custom docker_repository', () => {
    // GIVEN
    const stack = newStack();
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    gcfFunction(stack, 'fn', {
      location: 'us-central1',
      dockerRepository: 'projects/artifacts-project/locations/europe-west1/repositories/functions',
    });
    // WHEN
    policy.allowDeploymentPathsFor(stack);
    // THEN
    const json = synthJson(stack);
    expect(json).toMatchSnapshot();
    expect(policyPatterns(json)).toStrictEqual(['europe-west1-docker.pkg.dev/artifacts-project/functions/**']);
  });

  test('follows a docker_repository that is a reference, in Terraform', () => {
    // GIVEN
    const stack = newStack();
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    const repo = new ArtifactRegistryRepository(stack, 'repo', {
      repositoryId: 'functions',
      location: 'us-central1',
      format: 'DOCKER',
    });
    gcfFunction(stack, 'fn', { location: 'us-central1', dockerRepository: repo.id });
    // WHEN
    policy.allowDeploymentPathsFor(stack);
    // THEN
    const id = 'google_artifact_registry_repository.repo.id';
    expect(policyPatterns(synthJson(stack))).toStrictEqual([
      `\${element(split("/", ${id}), 3)}-docker.pkg.dev/\${replace(element(split("/", ${id}), 1), ":", "/")}/\${element(split("/", ${id}), 5)}/**`,
    ]);
  });

  test('follows the image_uri of a source-deployed service', () => {
    // GIVEN
    const stack = newStack();
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    sourceService(stack, 'ar', { location: 'us-central1', imageUri: 'europe-docker.pkg.dev/builds/source/api:latest' });
    sourceService(stack, 'gcr', { location: 'us-central1', imageUri: 'gcr.io/builds/api:v1' });
    // WHEN
    policy.allowDeploymentPathsFor(stack);
    // THEN
    expect(policyPatterns(synthJson(stack))).toStrictEqual([
      'europe-docker.pkg.dev/builds/source/**',
      'gcr.io/builds/api@*',
    ]);
  });

  test('works when region and project are tokens, and keeps one of each pattern', () => {
    // GIVEN
    const stack = newStack();
    const region = new TerraformVariable(stack, 'region', { type: 'string' });
    const project = new TerraformVariable(stack, 'project', { type: 'string' });
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    gcfFunction(stack, 'a', { location: region.stringValue, project: project.stringValue });
    gcfFunction(stack, 'b', { location: region.stringValue, project: project.stringValue });
    sourceService(stack, 'c', { location: region.stringValue });
    // WHEN
    policy.allowDeploymentPathsFor(stack);
    // THEN
    const json = synthJson(stack);
    expect(json).toMatchSnapshot();
    expect(policyPatterns(json)).toStrictEqual([
      '${var.region}-docker.pkg.dev/${replace(var.project, ":", "/")}/gcf-artifacts/**',
      '${var.region}-docker.pkg.dev/my-project/cloud-run-source-deploy/**',
    ]);
  });

  test('includes functions defined after the call, and only those in scope', () => {
    // GIVEN
    const app = Testing.app();
    const stack = newStack(app);
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    const team = new Construct(stack, 'team');
    gcfFunction(stack, 'outside', { location: 'asia-east1' });
    // WHEN
    policy.allowDeploymentPathsFor(team);
    policy.allowDeploymentPathsFor(team); // twice changes nothing
    gcfFunction(team, 'later', { location: 'us-west1' });
    const otherStack = new TerraformStack(app, 'other');
    gcfFunction(otherStack, 'elsewhere', { location: 'us-east4' });
    // THEN
    expect(policyPatterns(synthJson(stack))).toStrictEqual(['us-west1-docker.pkg.dev/my-project/gcf-artifacts/**']);
  });

  test('keeps explicit patterns first and works with the RequireBinaryAuthorization aspect', () => {
    // GIVEN
    const stack = newStack();
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', {
      project: 'my-project',
      allowlistPatterns: ['us-docker.pkg.dev/my-project/trusted/**'],
    });
    gcfFunction(stack, 'fn', { location: 'us-central1' });
    // the documented pattern for the same function, written by hand: kept once
    policy.allowDeploymentPath(DeploymentPath.CLOUD_FUNCTIONS_V2_API, { regions: ['us-central1'] });
    // WHEN
    policy.allowDeploymentPathsFor(stack);
    Aspects.of(stack).add(new RequireBinaryAuthorization());
    // THEN
    const json = synthJson(stack);
    expect(policyPatterns(json)).toStrictEqual([
      'us-docker.pkg.dev/my-project/trusted/**',
      'us-central1-docker.pkg.dev/my-project/gcf-artifacts/**',
    ]);
    expect(json.resource.google_cloudfunctions2_function.fn.service_config).toStrictEqual({
      binary_authorization_policy: 'default',
    });
  });

  describe('errors', () => {
    // A function whose pattern cannot be derived fails synth (a validation of the policy) and is left out.
    test('fails for a literal region that is not one', () => {
      const stack = newStack();
      const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
      gcfFunction(stack, 'fn', { location: 'US' });
      gcfFunction(stack, 'ok', { location: 'us-central1' });
      policy.allowDeploymentPathsFor(stack);
      expect(() => Testing.synth(stack, true)).toThrow(
        '[stack/Policy] [stack/fn] invalid \'location\' "US": a region looks like "us-central1" or "europe-west4"',
      );
      expect(policyPatterns(synthJson(stack))).toStrictEqual([
        'us-central1-docker.pkg.dev/my-project/gcf-artifacts/**',
      ]);
    });

    test('fails for a literal project that is not one', () => {
      const stack = newStack();
      const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
      gcfFunction(stack, 'fn', { location: 'us-central1', project: 'My_Project' });
      policy.allowDeploymentPathsFor(stack);
      expect(() => Testing.synth(stack, true)).toThrow(
        /\[stack\/Policy\] \[stack\/fn\] invalid 'project' "My_Project": a project id has 6 to 30 lowercase letters/,
      );
    });

    test('fails for a docker_repository that is not a repository name', () => {
      const stack = newStack();
      const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
      gcfFunction(stack, 'fn', { location: 'us-central1', dockerRepository: 'us-central1-docker.pkg.dev/p/r' });
      policy.allowDeploymentPathsFor(stack);
      expect(() => Testing.synth(stack, true)).toThrow(
        '[stack/Policy] [stack/fn] invalid \'build_config.docker_repository\' "us-central1-docker.pkg.dev/p/r": a repository looks like "projects/PROJECT_ID/locations/REGION/repositories/REPOSITORY" (google_artifact_registry_repository.id)',
      );
    });

    test('fails for an image_uri known only at apply time', () => {
      const stack = newStack();
      const image = new TerraformVariable(stack, 'image', { type: 'string' });
      const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
      sourceService(stack, 'svc', { location: 'us-central1', imageUri: image.stringValue });
      policy.allowDeploymentPathsFor(stack);
      expect(() => Testing.synth(stack, true)).toThrow(
        '[stack/Policy] [stack/svc] invalid \'build_config.image_uri\' (a value known only at apply time): the image repository is known only at apply time, so no allowlist pattern can be derived; add the pattern of its repository with addAllowlistPattern("REGION-docker.pkg.dev/PROJECT/REPOSITORY/**")',
      );
    });

    test('fails for a function without location', () => {
      const stack = newStack();
      const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
      const fn = gcfFunction(stack, 'fn', { location: 'us-central1' });
      fn.addOverride('location', undefined);
      policy.allowDeploymentPathsFor(stack);
      expect(() => Testing.synth(stack, true)).toThrow(
        '[stack/Policy] [stack/fn] invalid \'location\' undefined: the region decides the repository of the function images; set location, such as "us-central1"',
      );
    });
  });
});
