'use strict';
/**
 * (b) and (c): the Terraform JSON of the typical stack written by hand with the provider's classes:
 * what the constructs of (a) produce, resource by resource. Construct ids and scopes are those of (a),
 * so that the logical ids, references and `depends_on` come out identical and the bench can assert
 * that both variants synthesize the same Terraform (`//` metadata aside).
 *
 * @param {any} m the modules: `cdktf`, `constructs` and the provider classes by name
 * @param {string} outdir
 */
const P = require('./params');

exports.buildByHand = function buildByHand(m, outdir) {
  const { App, TerraformStack } = m.cdktf;
  const { Construct } = m.constructs;
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'typical');
  new m.GoogleProvider(stack, 'google', { project: P.PROJECT });

  const services = new Map();
  const projectService = (project, service) => {
    const id = `ProjectService-${project}-${service}`;
    if (!services.has(id)) {
      services.set(
        id,
        new m.ProjectService(stack, id, { project, service, disableOnDestroy: false, disableDependentServices: false }),
      );
    }
    return services.get(id);
  };
  const signer = `serviceAccount:${P.CI_SIGNER}`;
  const agent = `serviceAccount:service-${P.PROJECT_NUMBER}@gcp-sa-binaryauthorization.iam.gserviceaccount.com`;

  const attestors = P.ATTESTORS.map((name) => {
    const scope = new Construct(stack, name);
    const apis = [
      projectService(P.SECURITY_PROJECT, 'binaryauthorization.googleapis.com'),
      projectService(P.SECURITY_PROJECT, 'containeranalysis.googleapis.com'),
    ];
    const note = new m.ContainerAnalysisNote(scope, 'Note', {
      project: P.SECURITY_PROJECT,
      name: `${name}-note`,
      attestationAuthority: { hint: { humanReadableName: name } },
      dependsOn: apis,
    });
    const kmsApi = [projectService(P.SECURITY_PROJECT, 'cloudkms.googleapis.com')];
    const ring = new m.KmsKeyRing(scope, `KeyRing-${P.SECURITY_PROJECT}-global-${name}-ring`, {
      project: P.SECURITY_PROJECT,
      location: 'global',
      name: `${name}-ring`,
      dependsOn: kmsApi,
    });
    const key = new m.KmsCryptoKey(scope, `CryptoKey-${name}`, {
      keyRing: ring.id,
      name,
      purpose: 'ASYMMETRIC_SIGN',
      versionTemplate: { algorithm: 'EC_SIGN_P256_SHA256', protectionLevel: 'SOFTWARE' },
      lifecycle: { preventDestroy: true },
      dependsOn: kmsApi,
    });
    const version = new m.DataGoogleKmsCryptoKeyVersion(scope, `CryptoKeyVersion-${name}`, {
      cryptoKey: key.id,
      version: 1,
    });
    const publicKey = version.publicKey.get(0);
    const attestor = new m.BinaryAuthorizationAttestor(scope, 'Resource', {
      project: P.SECURITY_PROJECT,
      name,
      attestationAuthorityNote: {
        noteReference: `projects/${P.SECURITY_PROJECT}/notes/${name}-note`,
        publicKeys: [
          // The name Binary Authorization stores for the key's algorithm (EC_SIGN_P256_SHA256 in Cloud KMS).
          { id: version.id, pkixPublicKey: { publicKeyPem: publicKey.pem, signatureAlgorithm: 'ECDSA_P256_SHA256' } },
        ],
      },
      dependsOn: [note, ...apis],
    });
    new m.ContainerAnalysisNoteIamMember(scope, 'NoteViewerDelegation', {
      project: P.SECURITY_PROJECT,
      note: note.name,
      role: 'roles/containeranalysis.notes.occurrences.viewer',
      member: `serviceAccount:${attestor.attestationAuthorityNote.delegationServiceAccountEmail}`,
    });
    // The signer: attach to the note, sign with the key.
    new m.ContainerAnalysisNoteIamMember(scope, `Iam-Note-containeranalysis.notes.attacher-${signer}`, {
      project: P.SECURITY_PROJECT,
      note: note.name,
      role: 'roles/containeranalysis.notes.attacher',
      member: signer,
    });
    new m.KmsCryptoKeyIamMember(scope, `Iam-CryptoKey-${name}-cloudkms.signerVerifier-${signer}`, {
      cryptoKeyId: key.id,
      role: 'roles/cloudkms.signerVerifier',
      member: signer,
    });
    // The deployer project's service agent: verify only.
    new m.BinaryAuthorizationAttestorIamMember(scope, `Iam-Attestor-binaryauthorization.attestorsVerifier-${agent}`, {
      project: P.SECURITY_PROJECT,
      attestor: attestor.name,
      role: 'roles/binaryauthorization.attestorsVerifier',
      member: agent,
    });
    new m.ContainerAnalysisNoteIamMember(scope, `Iam-Note-containeranalysis.notes.occurrences.viewer-${agent}`, {
      project: P.SECURITY_PROJECT,
      note: note.name,
      role: 'roles/containeranalysis.notes.occurrences.viewer',
      member: agent,
    });
    return attestor;
  });

  const deploymentPaths = ['cloud-run-source-deploy', 'gcf-artifacts'].flatMap((repository) =>
    P.REGIONS.map((region) => `${region}-docker.pkg.dev/${P.PROJECT}/${repository}/**`),
  );
  new m.BinaryAuthorizationPolicy(new Construct(stack, 'Policy'), 'Resource', {
    project: P.PROJECT,
    defaultAdmissionRule: {
      evaluationMode: 'REQUIRE_ATTESTATION',
      enforcementMode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
      requireAttestationsBy: P.ATTESTORS.map((name) => `projects/${P.SECURITY_PROJECT}/attestors/${name}`),
    },
    admissionWhitelistPatterns: [...deploymentPaths, ...P.PATTERNS].map((namePattern) => ({ namePattern })),
    lifecycle: { preventDestroy: true },
    dependsOn: [projectService(P.PROJECT, 'binaryauthorization.googleapis.com'), ...attestors],
  });

  require('./workloads').defineWorkloads(stack, m, true);
  return app;
};
