import { ArtifactRegistryRepository } from '@cdktf/provider-google/lib/artifact-registry-repository';
import { CloudRunV2Service, CloudRunV2ServiceConfig } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { Aspects, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import {
  BinaryAuthorizationPolicy,
  BinaryAuthorizationPolicyProps,
  DeploymentPath,
  RequireBinaryAuthorization,
} from '../src';
import { newStack, policyPatterns, synthRaw, synthValidated } from './support';
import { gcfFunction, sourceService as source } from './support/workloads';

/** A source deploy (support's, running "scratch", as the snapshots show it). */
const sourceService = (scope: Construct, id: string, props: Partial<CloudRunV2ServiceConfig>) =>
  source(scope, id, { template: { containers: [{ image: 'scratch' }] }, ...props });

/** A stack whose provider deploys into my-project, and the policy of my-project (`props` on top). */
function myProjectPolicy(props: Partial<BinaryAuthorizationPolicyProps> = {}) {
  const stack = newStack({ project: 'my-project' });
  const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project', ...props });
  return { stack, policy };
}

describe('BinaryAuthorizationPolicy.allowDeploymentPathsFor', () => {
  test('allowlists the default repository of each deployment path, per region', () => {
    // GIVEN
    const { stack, policy } = myProjectPolicy();
    gcfFunction(stack, 'fn', { location: 'us-central1' });
    sourceService(stack, 'source', { location: 'europe-west4' });
    // WHEN
    policy.allowDeploymentPathsFor(stack);
    // THEN
    const json = synthRaw(stack);
    expect(json).toMatchSnapshot();
    expect(policyPatterns(json)).toStrictEqual([
      'us-central1-docker.pkg.dev/my-project/gcf-artifacts/**',
      'europe-west4-docker.pkg.dev/my-project/cloud-run-source-deploy/**',
    ]);
    expect(policy.allowlistPatterns).toStrictEqual(policyPatterns(json));
  });

  test('ignores services deployed from an image (no build_config)', () => {
    // GIVEN
    const { stack, policy } = myProjectPolicy();
    new CloudRunV2Service(stack, 'image', {
      name: 'image',
      location: 'us-central1',
      template: { containers: [{ image: 'us-docker.pkg.dev/my-project/apps/api@sha256:' + 'c'.repeat(64) }] },
    });
    // WHEN
    policy.allowDeploymentPathsFor(stack);
    // THEN
    expect(policyPatterns(synthRaw(stack))).toStrictEqual([]);
  });

  test("uses the resource's project, else its provider's, and domain-scoped paths", () => {
    // GIVEN functions of the policy's project, named on the resource or by the provider (my-project)
    const { stack, policy } = myProjectPolicy();
    gcfFunction(stack, 'own', { location: 'us-central1' });
    gcfFunction(stack, 'explicit', { location: 'us-central1', project: 'my-project' });
    // WHEN
    policy.allowDeploymentPathsFor(stack);
    // THEN
    expect(policyPatterns(synthRaw(stack))).toStrictEqual(['us-central1-docker.pkg.dev/my-project/gcf-artifacts/**']);

    const scoped = newStack({ project: 'my-project' });
    const scopedPolicy = new BinaryAuthorizationPolicy(scoped, 'Policy', { project: 'example.com:legacy-project' });
    sourceService(scoped, 'svc', { location: 'us-east1', project: 'example.com:legacy-project' });
    scopedPolicy.allowDeploymentPathsFor(scoped);
    expect(policyPatterns(synthRaw(scoped))).toStrictEqual([
      'us-east1-docker.pkg.dev/example.com/legacy-project/cloud-run-source-deploy/**',
    ]);
  });

  describe("functions of another project never widen this project's policy", () => {
    test('fails for a function of another project that no policy in the app allowlists', () => {
      // GIVEN
      const { stack, policy } = myProjectPolicy();
      gcfFunction(stack, 'own', { location: 'us-central1' });
      gcfFunction(stack, 'other', { location: 'us-central1', project: 'acme-other' });
      // WHEN
      policy.allowDeploymentPathsFor(stack);
      // THEN
      expect(() => Testing.synth(stack, true)).toThrow(
        /\[stack\/Policy\] \[stack\/other\] invalid 'project' "acme-other": the function deploys in another project than this policy's, so that project's policy judges its images, and allowlisting its repository here would only widen this policy; call allowDeploymentPathsFor on the policy of the function's project/,
      );
      expect(policyPatterns(synthRaw(stack))).toStrictEqual(['us-central1-docker.pkg.dev/my-project/gcf-artifacts/**']);
    });

    test("leaves it to its own project's policy when that policy allowlists it", () => {
      // GIVEN two projects' policies over one stack of functions
      const stack = newStack({ project: 'my-project' });
      const mine = new BinaryAuthorizationPolicy(stack, 'Mine', { project: 'my-project' });
      const theirs = new BinaryAuthorizationPolicy(stack, 'Theirs', { project: 'acme-other' });
      gcfFunction(stack, 'own', { location: 'us-central1' });
      sourceService(stack, 'other', { location: 'europe-west1', project: 'acme-other' });
      // WHEN
      mine.allowDeploymentPathsFor(stack);
      theirs.allowDeploymentPathsFor(stack);
      // THEN each policy holds its own project's repositories only
      expect(() => Testing.synth(stack, true)).not.toThrow();
      expect(mine.allowlistPatterns).toStrictEqual(['us-central1-docker.pkg.dev/my-project/gcf-artifacts/**']);
      expect(theirs.allowlistPatterns).toStrictEqual([
        'europe-west1-docker.pkg.dev/acme-other/cloud-run-source-deploy/**',
      ]);
    });

    test("fails when its own project's policy does not look at it", () => {
      const stack = newStack({ project: 'my-project' });
      const mine = new BinaryAuthorizationPolicy(stack, 'Mine', { project: 'my-project' });
      const theirs = new BinaryAuthorizationPolicy(stack, 'Theirs', { project: 'acme-other' });
      const team = new Construct(stack, 'team');
      gcfFunction(stack, 'other', { location: 'us-central1', project: 'acme-other' });
      mine.allowDeploymentPathsFor(stack);
      theirs.allowDeploymentPathsFor(team); // a scope without the function
      expect(() => Testing.synth(stack, true)).toThrow(
        /\[stack\/other\] invalid 'project' "acme-other": the function deploys in another project/,
      );
    });

    test("fails when the function's project may differ from the policy's (a variable against a literal)", () => {
      const { stack, policy } = myProjectPolicy();
      const project = new TerraformVariable(stack, 'project', { type: 'string' });
      gcfFunction(stack, 'fn', { location: 'us-central1', project: project.stringValue });
      policy.allowDeploymentPathsFor(stack);
      expect(() => Testing.synth(stack, true)).toThrow(
        /\[stack\/fn\] invalid 'project' \(known only at apply time: "\$\{var.project\}"\): whether the function deploys in this policy's project is known only at apply time/,
      );
      expect(policyPatterns(synthRaw(stack))).toStrictEqual([]);
    });

    test('fails for two different variables, and accepts two reads of the same one', () => {
      const stack = newStack({ project: 'my-project' });
      const a = new TerraformVariable(stack, 'a', { type: 'string' });
      const b = new TerraformVariable(stack, 'b', { type: 'string' });
      const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: a.stringValue });
      gcfFunction(stack, 'same', { location: 'us-central1', project: a.stringValue });
      gcfFunction(stack, 'different', { location: 'us-central1', project: b.stringValue });
      policy.allowDeploymentPathsFor(stack);
      expect(() => Testing.synth(stack, true)).toThrow(
        /\[stack\/different\] invalid 'project' \(known only at apply time: "\$\{var.b\}"\)/,
      );
      expect(() => Testing.synth(stack, true)).not.toThrow(/\[stack\/same\]/);
      expect(policyPatterns(synthRaw(stack))).toStrictEqual([
        'us-central1-docker.pkg.dev/${replace(var.a, ":", "/")}/gcf-artifacts/**',
      ]);
    });
  });

  test("without a project on the resource, uses its provider's project", () => {
    // GIVEN a stack whose providers deploy into the policy's project
    const app = Testing.app();
    const stack = new TerraformStack(app, 'stack');
    new GoogleProvider(stack, 'google', { project: 'functions-project' });
    const aliased = new GoogleProvider(stack, 'eu', { alias: 'eu', project: 'functions-project' });
    const other = new GoogleProvider(stack, 'other', { alias: 'other', project: 'acme-other' });
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'functions-project' });
    gcfFunction(stack, 'default-provider', { location: 'us-central1' });
    const fn = gcfFunction(stack, 'aliased-provider', { location: 'europe-west1' });
    fn.provider = aliased;
    const elsewhere = gcfFunction(stack, 'other-provider', { location: 'asia-east1' });
    elsewhere.provider = other;
    // WHEN
    policy.allowDeploymentPathsFor(stack);
    // THEN
    expect(policyPatterns(synthRaw(stack))).toStrictEqual([
      'us-central1-docker.pkg.dev/functions-project/gcf-artifacts/**',
      'europe-west1-docker.pkg.dev/functions-project/gcf-artifacts/**',
    ]);
    expect(() => Testing.synth(stack, true)).toThrow(
      /\[stack\/other-provider\] invalid 'project' "acme-other": the function deploys in another project/,
    );
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
    expect(policyPatterns(synthRaw(stack))).toStrictEqual([
      'us-central1-docker.pkg.dev/my-project/cloud-run-source-deploy/**',
    ]);
  });

  test('follows a custom docker_repository', () => {
    // GIVEN
    const { stack, policy } = myProjectPolicy();
    gcfFunction(stack, 'fn', {
      location: 'us-central1',
      buildConfig: { dockerRepository: 'projects/my-project/locations/europe-west1/repositories/functions' },
    });
    // WHEN
    policy.allowDeploymentPathsFor(stack);
    // THEN
    const json = synthRaw(stack);
    expect(json).toMatchSnapshot();
    expect(policyPatterns(json)).toStrictEqual(['europe-west1-docker.pkg.dev/my-project/functions/**']);
  });

  test('follows a docker_repository in a multi-region, as it follows an image_uri there', () => {
    const { stack, policy } = myProjectPolicy();
    gcfFunction(stack, 'fn', {
      location: 'us-central1',
      buildConfig: { dockerRepository: 'projects/my-project/locations/us/repositories/functions' },
    });
    sourceService(stack, 'svc', {
      location: 'us-central1',
      buildConfig: { imageUri: 'us-docker.pkg.dev/my-project/functions/api' },
    });
    policy.allowDeploymentPathsFor(stack);
    expect(policyPatterns(synthValidated(stack))).toStrictEqual(['us-docker.pkg.dev/my-project/functions/**']);
  });

  describe("a function whose images are built into another project's repository", () => {
    const OTHER = 'projects/artifacts-project/locations/europe-west1/repositories/functions';
    const PATTERN = 'europe-west1-docker.pkg.dev/artifacts-project/functions/**';

    test.each<[string, object, string, string]>([
      ['docker_repository', { dockerRepository: OTHER }, 'build_config.docker_repository', JSON.stringify(OTHER)],
      [
        'image_uri',
        { sourceLocation: 'gs://b/src.zip', imageUri: 'europe-west1-docker.pkg.dev/artifacts-project/functions/api' },
        'build_config.image_uri',
        '"europe-west1-docker.pkg.dev/artifacts-project/functions/api"',
      ],
    ])('%s: fails, naming the function, the repository and the fix', (_, buildConfig, property, shown) => {
      const { stack, policy } = myProjectPolicy();
      if (property === 'build_config.image_uri') {
        sourceService(stack, 'fn', { location: 'europe-west1', buildConfig });
      } else {
        gcfFunction(stack, 'fn', { location: 'europe-west1', buildConfig });
      }
      policy.allowDeploymentPathsFor(stack);
      expect(() => Testing.synth(stack, true)).toThrow(
        `[stack/Policy] [stack/fn] invalid '${property}' ${shown}: the function's images are built into a repository of another project than this policy's, and allowlisting it would admit whatever that project's members push there; if this policy must admit those images, add the pattern explicitly with addAllowlistPattern("${PATTERN}"), or build into a repository of the policy's project`,
      );
      expect(policyPatterns(synthRaw(stack))).toStrictEqual([]);
    });

    test('passes once the pattern is allowlisted explicitly', () => {
      const { stack, policy } = myProjectPolicy({ allowlistPatterns: [PATTERN] });
      gcfFunction(stack, 'fn', { location: 'europe-west1', buildConfig: { dockerRepository: OTHER } });
      policy.allowDeploymentPathsFor(stack);
      expect(policyPatterns(synthValidated(stack))).toStrictEqual([PATTERN]);
    });

    test('a reference to a repository of another project fails too', () => {
      const { stack, policy } = myProjectPolicy();
      const repo = new ArtifactRegistryRepository(stack, 'repo', {
        project: 'artifacts-project',
        repositoryId: 'functions',
        location: 'us-central1',
        format: 'DOCKER',
      });
      gcfFunction(stack, 'fn', { location: 'us-central1', buildConfig: { dockerRepository: repo.id } });
      policy.allowDeploymentPathsFor(stack);
      expect(() => Testing.synth(stack, true)).toThrow(
        /\[stack\/fn\] invalid 'build_config.docker_repository' \(known only at apply time: "\$\{google_artifact_registry_repository.repo.id\}"\): the function's images are built into a repository of another project than this policy's/,
      );
    });

    test('a reference to something that is not a repository of the app fails: its project is unknown', () => {
      const { stack, policy } = myProjectPolicy();
      const repository = new TerraformVariable(stack, 'repository', { type: 'string' });
      gcfFunction(stack, 'fn', { location: 'us-central1', buildConfig: { dockerRepository: repository.stringValue } });
      policy.allowDeploymentPathsFor(stack);
      expect(() => Testing.synth(stack, true)).toThrow(
        /invalid 'build_config.docker_repository' \(known only at apply time: "\$\{var.repository\}"\): whether the function's images are built into a repository of this policy's project is known only at apply time.*addAllowlistPattern\("REGION-docker.pkg.dev\/PROJECT\/REPOSITORY\/\*\*"\)/,
      );
    });
  });

  test('follows a docker_repository that is a reference, in Terraform', () => {
    // GIVEN
    const { stack, policy } = myProjectPolicy();
    const repo = new ArtifactRegistryRepository(stack, 'repo', {
      repositoryId: 'functions',
      location: 'us-central1',
      format: 'DOCKER',
    });
    gcfFunction(stack, 'fn', { location: 'us-central1', buildConfig: { dockerRepository: repo.id } });
    // WHEN
    policy.allowDeploymentPathsFor(stack);
    // THEN
    const id = 'google_artifact_registry_repository.repo.id';
    expect(policyPatterns(synthRaw(stack))).toStrictEqual([
      `\${element(split("/", ${id}), 3)}-docker.pkg.dev/\${replace(element(split("/", ${id}), 1), ":", "/")}/\${element(split("/", ${id}), 5)}/**`,
    ]);
  });

  test('follows the image_uri of a source-deployed service', () => {
    // GIVEN
    const { stack, policy } = myProjectPolicy();
    sourceService(stack, 'ar', {
      location: 'us-central1',
      buildConfig: { imageUri: 'europe-docker.pkg.dev/my-project/source/api:latest' },
    });
    sourceService(stack, 'nested', {
      location: 'us-central1',
      buildConfig: { imageUri: 'us-docker.pkg.dev/my-project/deep/team/api' },
    });
    // WHEN
    policy.allowDeploymentPathsFor(stack);
    // THEN the repository, never the whole project
    expect(policyPatterns(synthValidated(stack))).toStrictEqual([
      'europe-docker.pkg.dev/my-project/source/**',
      'us-docker.pkg.dev/my-project/deep/**',
    ]);
  });

  test('follows the image_uri of a source-deployed service of a domain-scoped project', () => {
    const stack = newStack({ project: 'example.com:my-proj' });
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'example.com:my-proj' });
    sourceService(stack, 'scoped', {
      location: 'us-central1',
      buildConfig: { imageUri: 'us-central1-docker.pkg.dev/example.com/my-proj/repo/img' },
    });
    policy.allowDeploymentPathsFor(stack);
    // THEN the repository, never the whole domain-scoped project
    expect(policyPatterns(synthValidated(stack))).toStrictEqual([
      'us-central1-docker.pkg.dev/example.com/my-proj/repo/**',
    ]);
  });

  test('works when region and project are tokens, and keeps one of each pattern', () => {
    // GIVEN
    const stack = newStack({ project: 'my-project' });
    const region = new TerraformVariable(stack, 'region', { type: 'string' });
    const project = new TerraformVariable(stack, 'project', { type: 'string' });
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: project.stringValue });
    gcfFunction(stack, 'a', { location: region.stringValue, project: project.stringValue });
    gcfFunction(stack, 'b', { location: region.stringValue, project: project.stringValue });
    sourceService(stack, 'c', { location: region.stringValue, project: project.stringValue });
    // WHEN
    policy.allowDeploymentPathsFor(stack);
    // THEN
    const json = synthRaw(stack);
    expect(json).toMatchSnapshot();
    expect(policyPatterns(json)).toStrictEqual([
      '${var.region}-docker.pkg.dev/${replace(var.project, ":", "/")}/gcf-artifacts/**',
      '${var.region}-docker.pkg.dev/${replace(var.project, ":", "/")}/cloud-run-source-deploy/**',
    ]);
  });

  test('includes functions defined after the call, and only those in scope', () => {
    // GIVEN
    const app = Testing.app();
    const stack = newStack({ app, project: 'my-project' });
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
    expect(policyPatterns(synthRaw(stack))).toStrictEqual(['us-west1-docker.pkg.dev/my-project/gcf-artifacts/**']);
  });

  test('keeps explicit patterns first and works with the RequireBinaryAuthorization aspect', () => {
    // GIVEN
    const { stack, policy } = myProjectPolicy({ allowlistPatterns: ['us-docker.pkg.dev/my-project/trusted/**'] });
    gcfFunction(stack, 'fn', { location: 'us-central1' });
    // the documented pattern for the same function, written by hand: kept once
    policy.allowDeploymentPath(DeploymentPath.CLOUD_FUNCTIONS_V2_API, { regions: ['us-central1'] });
    // WHEN
    policy.allowDeploymentPathsFor(stack);
    Aspects.of(stack).add(new RequireBinaryAuthorization());
    // THEN
    const json = synthRaw(stack);
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

    /** The my-project stack with what `add` adds, its policy allowing their deployment paths. */
    function pathsAllowedFor(add: (stack: TerraformStack) => void): TerraformStack {
      const { stack, policy } = myProjectPolicy();
      add(stack);
      policy.allowDeploymentPathsFor(stack);
      return stack;
    }

    test('fails for a literal region that is not one', () => {
      const stack = pathsAllowedFor((s) => {
        gcfFunction(s, 'fn', { location: 'US' });
        gcfFunction(s, 'ok', { location: 'us-central1' });
      });
      expect(() => Testing.synth(stack, true)).toThrow(
        '[stack/Policy] [stack/fn] invalid \'location\' "US": a region looks like "us-central1" or "europe-west4"',
      );
      expect(policyPatterns(synthRaw(stack))).toStrictEqual(['us-central1-docker.pkg.dev/my-project/gcf-artifacts/**']);
    });

    test('fails for a literal project that is not one', () => {
      const stack = pathsAllowedFor((s) => gcfFunction(s, 'fn', { location: 'us-central1', project: 'My_Project' }));
      expect(() => Testing.synth(stack, true)).toThrow(
        /\[stack\/Policy\] \[stack\/fn\] invalid 'project' "My_Project": a project id has 6 to 30 lowercase letters/,
      );
    });

    test('fails for a docker_repository that is not a repository name', () => {
      const dockerRepository = 'us-central1-docker.pkg.dev/p/r';
      const stack = pathsAllowedFor((s) => gcfFunction(s, 'fn', { buildConfig: { dockerRepository } }));
      expect(() => Testing.synth(stack, true)).toThrow(
        '[stack/Policy] [stack/fn] invalid \'build_config.docker_repository\' "us-central1-docker.pkg.dev/p/r": a repository looks like "projects/PROJECT_ID/locations/REGION/repositories/REPOSITORY" (google_artifact_registry_repository.id)',
      );
    });

    test.each([
      ['docker.io/library/nginx'],
      ['gcr.io/builds/api:v1'],
      ['ghcr.io/acme/api'],
      ['us-central1-docker.pkg.dev/my-project/api'],
      ['us-central1-docker.pkg.dev/example.com/my-proj/api'],
    ])('fails for an image_uri that is not an image of an Artifact Registry repository: %s', (imageUri) => {
      const stack = pathsAllowedFor((s) => sourceService(s, 'svc', { buildConfig: { imageUri } }));
      expect(() => Testing.synth(stack, true)).toThrow(
        `[stack/Policy] [stack/svc] invalid 'build_config.image_uri' ${JSON.stringify(imageUri)}: a source deploy pushes the image it builds to Artifact Registry`,
      );
      expect(policyPatterns(synthRaw(stack))).toStrictEqual([]);
    });

    test('fails for an image_uri known only at apply time', () => {
      const stack = pathsAllowedFor((s) => {
        const image = new TerraformVariable(s, 'image', { type: 'string' });
        sourceService(s, 'svc', { buildConfig: { imageUri: image.stringValue } });
      });
      expect(() => Testing.synth(stack, true)).toThrow(
        '[stack/Policy] [stack/svc] invalid \'build_config.image_uri\' (known only at apply time: "${var.image}"): the image repository is known only at apply time, so no allowlist pattern can be derived; add the pattern of its repository with addAllowlistPattern("REGION-docker.pkg.dev/PROJECT/REPOSITORY/**")',
      );
    });

    test('fails for a function without location', () => {
      const stack = pathsAllowedFor((s) => gcfFunction(s, 'fn').addOverride('location', undefined));
      expect(() => Testing.synth(stack, true)).toThrow(
        '[stack/Policy] [stack/fn] invalid \'location\' (not set): the region decides the repository of the function images; set location, such as "us-central1"',
      );
    });
  });
});
