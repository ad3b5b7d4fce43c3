'use strict';
/**
 * `check --attestations` at scale, as one process per run:
 *
 *   node bench/attestations.js generate N DIR   writes DIR/main.tf.json (a policy requiring two attestors, each
 *                                               with an ECDSA P-256 PKIX key, and N Cloud Run services, each
 *                                               deploying its own image by digest) and DIR/att.json (one
 *                                               attestation per image and attestor, 2N real signatures made
 *                                               with node:crypto, as gcloud's attestations list prints them);
 *                                               not measured
 *   node bench/attestations.js check DIR        runs `cdktf-gcp-binauthz check DIR/main.tf.json --attestations
 *                                               DIR/att.json --json` in process (compiled lib/), output
 *                                               discarded; prints one JSON line: exit code, rows, rows
 *                                               admitted, in-process time, peak resident set size
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const lib = (...p) => require(path.join(__dirname, '..', 'lib', ...p));

function generate(count, dir) {
  const { signaturePayload } = lib('core', 'attestation.js');
  fs.mkdirSync(dir, { recursive: true });
  const attestors = ['built', 'scanned'].map((name) => {
    const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    return { name, pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privateKey, id: `ni:///bench/${name}` };
  });
  const services = {};
  const occurrences = [];
  for (let i = 0; i < count; i++) {
    const digest = `sha256:${crypto.createHash('sha256').update(`image-${i}`).digest('hex')}`;
    const image = `us-docker.pkg.dev/app-project/repo/svc-${i}@${digest}`;
    services[`svc_${i}`] = {
      project: 'app-project',
      name: `svc-${i}`,
      location: 'us-central1',
      template: { containers: [{ image }] },
      binary_authorization: { use_default: true },
    };
    const payload = Buffer.from(signaturePayload(image));
    for (const a of attestors) {
      occurrences.push({
        name: `projects/app-project/occurrences/${a.name}-${i}`,
        resourceUri: `https://${image}`,
        noteName: `projects/sec-project/notes/${a.name}`,
        kind: 'ATTESTATION',
        attestation: {
          serializedPayload: payload.toString('base64'),
          signatures: [{ publicKeyId: a.id, signature: crypto.sign('sha256', payload, a.privateKey).toString('base64') }],
        },
        createTime: '2026-01-01T00:00:00Z',
        updateTime: '2026-01-01T00:00:00Z',
      });
    }
  }
  const config = {
    resource: {
      google_binary_authorization_policy: {
        p: {
          project: 'app-project',
          default_admission_rule: {
            evaluation_mode: 'REQUIRE_ATTESTATION',
            enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
            require_attestations_by: attestors.map((a) => `projects/sec-project/attestors/${a.name}`),
          },
        },
      },
      google_binary_authorization_attestor: Object.fromEntries(
        attestors.map((a) => [
          a.name,
          {
            project: 'sec-project',
            name: a.name,
            attestation_authority_note: {
              note_reference: `projects/sec-project/notes/${a.name}`,
              public_keys: [{ id: a.id, pkix_public_key: { public_key_pem: a.pem, signature_algorithm: 'ECDSA_P256_SHA256' } }],
            },
          },
        ]),
      ),
      google_cloud_run_v2_service: services,
    },
  };
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(config));
  fs.writeFileSync(path.join(dir, 'att.json'), JSON.stringify(occurrences, undefined, 2));
}

function check(dir) {
  const start = performance.now();
  const { main } = lib('cli', 'main.js');
  let rows = 0;
  let admitted = 0;
  const errors = [];
  const code = main(
    ['check', path.join(dir, 'main.tf.json'), '--attestations', path.join(dir, 'att.json'), '--json'],
    (line) => {
      if (line.startsWith('      "workload"')) rows++;
      if (line === '      "admitted": true,') admitted++;
    },
    (line) => errors.push(line),
  );
  process.stdout.write(
    JSON.stringify({ code, rows, admitted, error: errors[0], ms: performance.now() - start, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n',
  );
}

const [command, ...args] = process.argv.slice(2);
if (command === 'generate') generate(Number(args[0]), args[1]);
else if (command === 'check') check(args[0]);
else throw new Error('usage: node bench/attestations.js generate N DIR | check DIR');
