/**
 * Taking over a project that already has a Binary Authorization policy (written by hand, by the fabric
 * module or in the console), and requiring Binary Authorization for every Cloud Run service and job in
 * a folder, however it is deployed.
 *
 * 1. `adoptExisting` imports the live policy on the first plan, which then shows exactly what changes.
 * 2. The cluster rule keeps what the project's GKE cluster had: the policy is shared with GKE.
 * 3. The guardrail (an organization policy) refuses Cloud Run services and jobs that do not use the
 *    project's policy.
 *
 * In your own app, import from 'cdktf-gcp-binauthz' instead of '../../src'.
 */
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  AdmissionRule,
  Attestor,
  BinaryAuthorizationPolicy,
  CloudRunBinaryAuthorizationGuardrail,
  DeploymentPath,
} from '../../src';

const PROJECT = 'payments-prod';
const FOLDER = 'folders/123456789012';

class AdoptionStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GoogleProvider(this, 'google', { project: PROJECT });

    const attestor = Attestor.fromAttestorName(this, 'Prod', 'projects/security-attestors/attestors/prod');
    const policy = new BinaryAuthorizationPolicy(this, 'Policy', {
      project: PROJECT,
      adoptExisting: true,
      defaultAdmissionRule: AdmissionRule.requireAttestations([attestor]),
    });
    policy.allowDeploymentPath(DeploymentPath.CLOUD_FUNCTIONS_V2_API, { regions: ['europe-west1'] });
    policy.addClusterAdmissionRule('europe-west1-b.payments', AdmissionRule.requireAttestations([attestor]));

    new CloudRunBinaryAuthorizationGuardrail(this, 'Guardrail', { parent: FOLDER });
  }
}

const app = new App();
new AdoptionStack(app, 'adopt-existing-policy');
app.synth();
