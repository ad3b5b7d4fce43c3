/**
 * The default example: the project's Binary Authorization policy denies every image that is not
 * allowlisted, and allowlists the images of Cloud Run functions on both deployment paths
 * (Cloud Run Admin API and Cloud Functions v2 API) in two regions.
 *
 * In your own app, import from 'cdktf-gcp-binauthz' instead of '../../src'.
 */
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { BinaryAuthorizationPolicy, DeploymentPath } from '../../src';

const PROJECT = 'my-functions-project';
const REGIONS = ['us-central1', 'europe-west1'];

class CloudRunFunctionsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GoogleProvider(this, 'google', { project: PROJECT });

    const policy = new BinaryAuthorizationPolicy(this, 'Policy', {
      project: PROJECT,
      description: 'Deny everything that is not allowlisted; allow Cloud Run functions built by Google',
    });
    policy.allowDeploymentPath(DeploymentPath.CLOUD_RUN_ADMIN_API, { regions: REGIONS });
    policy.allowDeploymentPath(DeploymentPath.CLOUD_FUNCTIONS_V2_API, { regions: REGIONS });
  }
}

const app = new App();
new CloudRunFunctionsStack(app, 'cloud-run-functions');
app.synth();
