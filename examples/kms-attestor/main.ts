/**
 * A KMS-backed attestor in a security project, required by the Binary Authorization policy of a project
 * that deploys to Cloud Run.
 *
 * - The security project holds the attestor, its note and its Cloud KMS signing key.
 * - The CI service account may sign (attach attestations to the note, sign with the key), nothing else.
 * - The deployer project's Binary Authorization service agent may verify (read the attestor and the
 *   note's attestations), nothing else; its policy admits only images attested by the attestor.
 *
 * In your own app, import from 'cdktf-gcp-binauthz' instead of '../../src'.
 */
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AdmissionRule, Attestor, AttestorKey, BinaryAuthorizationPolicy, IamMember } from '../../src';

const SECURITY_PROJECT = 'my-security-project';
const DEPLOYER_PROJECT = 'my-deployer-project';
/** The deployer project's number (`gcloud projects describe my-deployer-project --format='value(projectNumber)'`). */
const DEPLOYER_PROJECT_NUMBER = '123456789012';
const CI_SIGNER = 'ci-signer@my-ci-project.iam.gserviceaccount.com';

class KmsAttestorStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GoogleProvider(this, 'google', { project: SECURITY_PROJECT });

    const attestor = new Attestor(this, 'BuildAttestor', {
      project: SECURITY_PROJECT,
      attestorId: 'built-by-ci',
      description: 'Images built and signed by the CI pipeline',
      keys: [AttestorKey.newKmsKey({ keyRingId: 'binauthz', cryptoKeyId: 'built-by-ci' })],
      enableApis: true,
    });
    attestor.grantSign(IamMember.serviceAccount(CI_SIGNER));
    attestor.grantDeployerProject(DEPLOYER_PROJECT_NUMBER);

    new BinaryAuthorizationPolicy(this, 'DeployerPolicy', {
      project: DEPLOYER_PROJECT,
      description: 'Admit only images attested by the CI pipeline',
      defaultAdmissionRule: AdmissionRule.requireAttestations([attestor]),
    });
  }
}

const app = new App();
new KmsAttestorStack(app, 'kms-attestor');
app.synth();
