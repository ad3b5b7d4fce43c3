'use strict';
/**
 * The Cloud Run services and functions of the typical stack. With `enforce`, each one sets Binary
 * Authorization itself (the hand-written variants); without, the aspect sets it.
 */
const P = require('./params');

exports.defineWorkloads = function defineWorkloads(stack, classes, enforce) {
  for (let i = 0; i < P.SERVICES; i++) {
    new classes.CloudRunV2Service(stack, `service-${i}`, {
      name: `service-${i}`,
      location: P.REGIONS[i % P.REGIONS.length],
      deletionProtection: false,
      template: { containers: [{ image: `us-docker.pkg.dev/bench-deployer/apps/service-${i}@sha256:${'a'.repeat(64)}` }] },
      binaryAuthorization: enforce ? { useDefault: true } : undefined,
    });
  }
  for (let i = 0; i < P.FUNCTIONS; i++) {
    new classes.Cloudfunctions2Function(stack, `function-${i}`, {
      name: `function-${i}`,
      location: P.REGIONS[i % P.REGIONS.length],
      buildConfig: {
        runtime: 'nodejs22',
        entryPoint: 'handler',
        source: { storageSource: { bucket: 'bench-deployer-sources', object: `function-${i}.zip` } },
      },
      serviceConfig: { maxInstanceCount: 1, binaryAuthorizationPolicy: enforce ? 'default' : undefined },
    });
  }
};
