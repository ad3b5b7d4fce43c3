// A new user's app, in plain JavaScript, against the installed package (not the repository's sources).
const { GoogleProvider } = require('@cdktf/provider-google/lib/provider');
const { App, TerraformStack } = require('cdktf');
const { BinaryAuthorizationPolicy, DeploymentPath } = require('cdktf-gcp-binauthz');

const app = new App({ outdir: 'cdktf.out' });
const stack = new TerraformStack(app, 'packaged');
new GoogleProvider(stack, 'google', { project: 'my-project' });
const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
policy.allowDeploymentPath(DeploymentPath.CLOUD_RUN_ADMIN_API, { regions: ['us-central1'] });
policy.allowDeploymentPath(DeploymentPath.CLOUD_FUNCTIONS_V2_API, { regions: ['us-central1'] });
app.synth();
