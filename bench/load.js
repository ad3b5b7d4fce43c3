'use strict';
/**
 * Module load, as one process: `deep` loads cdktf, constructs and the provider classes that the
 * library uses (deep imports); `lib` loads the same, then the library. The difference is the library's
 * own load; `cli` loads the command line alone. Prints the in-process time of each step as one JSON line.
 */
const { LIB } = require('./harness');

const PROVIDER_MODULES = [
  'binary-authorization-attestor',
  'binary-authorization-attestor-iam-member',
  'binary-authorization-policy',
  'container-analysis-note',
  'container-analysis-note-iam-member',
  'data-google-kms-crypto-key-version',
  'kms-crypto-key',
  'kms-crypto-key-iam-member',
  'kms-key-ring',
  'org-policy-policy',
  'project-service',
];

const start = performance.now();
if (process.argv[2] === 'cli') {
  // The command line alone: it needs neither cdktf nor the provider.
  require(require('path').join(LIB, 'cli', 'main.js'));
  const cli = performance.now();
  process.stdout.write(JSON.stringify({ boot: start, library: cli - start, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
  process.exit(0);
}
require('cdktf');
require('constructs');
const framework = performance.now();
for (const m of PROVIDER_MODULES) require(`@cdktf/provider-google/lib/${m}`);
const provider = performance.now();
if (process.argv[2] === 'lib') require(LIB);
const lib = performance.now();
process.stdout.write(
  JSON.stringify({
    boot: start,
    framework: framework - start,
    provider: provider - framework,
    library: lib - provider,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
