/**
 * Deploy side, end to end: Cloud Run functions on both deployment paths, the project's policy with
 * the allowlist patterns derived from them, and the aspect that makes every Cloud Run resource in the
 * stack enforce that policy.
 *
 *   cd examples/deploy-side && npx ts-node --project ../../test/tsconfig.json main.ts
 */
import { CloudRunV2Service } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { Cloudfunctions2Function } from '@cdktf/provider-google/lib/cloudfunctions2-function';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketObject } from '@cdktf/provider-google/lib/storage-bucket-object';
import { App, Aspects, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AdmissionRule, BinaryAuthorizationPolicy, RequireBinaryAuthorization, RequirementMode } from '../../src';

const PROJECT = 'my-project';
const REGION = 'us-central1';

class DeploySideStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GoogleProvider(this, 'google', { project: PROJECT, region: REGION });

    const sources = new StorageBucket(this, 'sources', {
      name: `${PROJECT}-function-sources`,
      location: 'US',
      uniformBucketLevelAccess: true,
    });
    const source = new StorageBucketObject(this, 'source', {
      bucket: sources.name,
      name: 'hello/source.zip',
      source: 'source.zip', // the function's source, zipped next to main.ts
    });

    // Path 1: a function deployed through the Cloud Functions v2 API (images in gcf-artifacts).
    new Cloudfunctions2Function(this, 'hello-gcf', {
      name: 'hello-gcf',
      location: REGION,
      project: PROJECT,
      buildConfig: {
        runtime: 'nodejs22',
        entryPoint: 'helloHttp',
        source: { storageSource: { bucket: sources.name, object: source.name } },
      },
      serviceConfig: { maxInstanceCount: 1 },
    });

    // Path 2: a function deployed from source through the Cloud Run Admin API (images in cloud-run-source-deploy).
    const placeholder = 'us-docker.pkg.dev/cloudrun/container/hello';
    new CloudRunV2Service(this, 'hello-run', {
      name: 'hello-run',
      location: REGION,
      project: PROJECT,
      deletionProtection: false,
      buildConfig: {
        sourceLocation: `gs://${sources.name}/${source.name}`,
        functionTarget: 'helloHttp',
        baseImage: 'us-central1-docker.pkg.dev/serverless-runtimes/google-22/runtimes/nodejs22',
      },
      // The first revision runs Google's sample image until the build replaces it.
      template: { containers: [{ image: placeholder }] },
    });

    // The project's policy: deny every image that is not allowlisted, enforced.
    const policy = new BinaryAuthorizationPolicy(this, 'Policy', {
      project: PROJECT,
      defaultAdmissionRule: AdmissionRule.denyAll(),
    });
    // Every version of the placeholder image of the source-deployed service.
    policy.addAllowlistPattern(`${placeholder}@*`);
    // The repositories both functions build their images into, derived from the functions themselves.
    policy.allowDeploymentPathsFor(this);

    // Every Cloud Run service, job, worker pool and function in the stack enforces the policy.
    Aspects.of(this).add(new RequireBinaryAuthorization({ mode: RequirementMode.APPLY }));
  }
}

const app = new App();
new DeploySideStack(app, 'deploy-side');
app.synth();
