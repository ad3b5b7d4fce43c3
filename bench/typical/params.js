'use strict';
/**
 * The typical stack, shared by the three variants so that they describe the same infrastructure. The
 * scale series reuse it with one dimension grown, from the command line: `patterns=N`, `attestors=N`,
 * `workloads=N` (half Cloud Run services, half Cloud Run functions).
 */
const sizes = { patterns: 2, attestors: 2, workloads: 20 };
for (const arg of process.argv.slice(2)) {
  const [key, value] = arg.split('=');
  if (!(key in sizes) || !/^\d+$/.test(value)) throw new Error(`unknown argument ${arg}`);
  sizes[key] = Number(value);
}

module.exports = {
  PROJECT: 'bench-deployer',
  PROJECT_NUMBER: '123456789012',
  SECURITY_PROJECT: 'bench-security',
  CI_SIGNER: 'ci-signer@bench-ci.iam.gserviceaccount.com',
  REGIONS: ['us-central1', 'europe-west1', 'asia-northeast1'],
  ATTESTORS: Array.from({ length: sizes.attestors }, (_, i) => (i < 2 ? ['built-by-ci', 'vuln-scanned'][i] : `attestor-${i}`)),
  /** The policy's own patterns (besides the deployment paths): every version of one image each. */
  PATTERNS: Array.from({ length: sizes.patterns }, (_, i) => `us-docker.pkg.dev/bench-deployer/apps/app-${i}@*`),
  SERVICES: Math.ceil(sizes.workloads / 2),
  FUNCTIONS: Math.floor(sizes.workloads / 2),
};
