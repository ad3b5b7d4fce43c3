'use strict';
/** (a) The typical stack written with this library's constructs. */
const { run, LIB } = require('../harness');
const P = require('./params');

run(
  () => ({
    cdktf: require('cdktf'),
    lib: require(LIB),
    GoogleProvider: require('@cdktf/provider-google/lib/provider').GoogleProvider,
    CloudRunV2Service: require('@cdktf/provider-google/lib/cloud-run-v2-service').CloudRunV2Service,
    Cloudfunctions2Function: require('@cdktf/provider-google/lib/cloudfunctions2-function').Cloudfunctions2Function,
  }),
  (m, outdir) => {
    const { App, Aspects, TerraformStack } = m.cdktf;
    const { AdmissionRule, Attestor, AttestorKey, BinaryAuthorizationPolicy, DeploymentPath, IamMember } = m.lib;
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'typical');
    new m.GoogleProvider(stack, 'google', { project: P.PROJECT });

    const attestors = P.ATTESTORS.map((name) => {
      const attestor = new Attestor(stack, name, {
        project: P.SECURITY_PROJECT,
        attestorId: name,
        keys: [AttestorKey.newKmsKey({ keyRingId: `${name}-ring`, cryptoKeyId: name })],
        enableApis: true,
      });
      attestor.grantSign(IamMember.serviceAccount(P.CI_SIGNER));
      attestor.grantDeployerProject(P.PROJECT_NUMBER);
      return attestor;
    });

    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', {
      project: P.PROJECT,
      defaultAdmissionRule: AdmissionRule.requireAttestations(attestors),
      enableApis: true,
    });
    policy.allowDeploymentPath(DeploymentPath.CLOUD_RUN_ADMIN_API, { regions: P.REGIONS });
    policy.allowDeploymentPath(DeploymentPath.CLOUD_FUNCTIONS_V2_API, { regions: P.REGIONS });
    for (const pattern of P.PATTERNS) policy.addAllowlistPattern(pattern);
    // The functions' repositories, found in the stack (the same patterns as the deployment paths above).
    policy.allowDeploymentPathsFor(stack);

    require('./workloads').defineWorkloads(stack, m, false);
    Aspects.of(stack).add(new m.lib.RequireBinaryAuthorization());
    return app;
  },
);
