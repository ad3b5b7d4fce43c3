import { readFileSync } from 'fs';
import { join } from 'path';
import { readAttestations } from '../../src/core/attestation';
import { AttestorKeys } from '../../src/core/attestation-keys';
import { AttestationIndex } from '../../src/core/attestation-verify';
import { compilePolicy, evaluateCompiled } from '../../src/core/evaluate';
import { requireAttestationPolicy } from '../support';

// Fixtures made with gpg (public keys and signed messages only): see test/fixtures/attestations/pgp/README.md.
const dir = join(__dirname, '..', 'fixtures', 'attestations', 'pgp');
const read = (f: string) => readFileSync(join(dir, f));
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const IMAGE = `us-docker.pkg.dev/my-project/repo/app@${DIGEST}`;
const NOTE = 'projects/p/notes/n';
const ATTESTOR = 'projects/p/attestors/a';
const FINGERPRINT = read('attestor.fingerprint').toString().trim();
const STRANGER = read('stranger.fingerprint').toString().trim();
const PAYLOAD = read('payload.json');

const POLICY = requireAttestationPolicy(ATTESTOR);

function attestor(id?: string): AttestorKeys {
  return {
    name: ATTESTOR,
    note: NOTE,
    source: 'test',
    keys: [{ kind: 'pgp', id, material: read('attestor.pub.asc').toString() }],
  };
}

/** An occurrence as gcloud's `attestations create` stores it: the payload, and the signature file as it is. */
function v1(signature: Buffer, publicKeyId = FINGERPRINT, payload = PAYLOAD) {
  return {
    name: 'projects/p/occurrences/pgp',
    kind: 'ATTESTATION',
    noteName: NOTE,
    resourceUri: `https://${IMAGE}`,
    attestation: {
      serializedPayload: payload.toString('base64'),
      signatures: [{ publicKeyId, signature: signature.toString('base64') }],
    },
  };
}

function judge(keys: AttestorKeys, occurrences: unknown[]) {
  const index = new AttestationIndex([keys], readAttestations(occurrences, 'att.json'));
  return evaluateCompiled(
    compilePolicy(POLICY, () => false, index),
    IMAGE,
  );
}

describe('PGP attestations (gpg --armor --sign, stored as gcloud stores them)', () => {
  test('admitted with the key id left to the API (the fingerprint, computed)', () => {
    const r = judge(attestor(), [v1(read('payload.json.asc'))]);
    expect(r.decision).toBe('ALLOW');
    expect(r.reason).toBe(`attested by ${ATTESTOR} (projects/p/occurrences/pgp)`);
  });

  test('admitted with the key id given', () => {
    expect(judge(attestor(FINGERPRINT), [v1(read('payload.json.asc'))]).decision).toBe('ALLOW');
  });

  test('the v1beta1 pgpSignedAttestation shape', () => {
    const beta = {
      name: 'projects/p/occurrences/beta',
      noteName: NOTE,
      resource: { uri: `https://${IMAGE}` },
      kind: 'ATTESTATION',
      attestation: {
        attestation: {
          pgpSignedAttestation: {
            signature: read('payload.json.asc').toString(),
            contentType: 'SIMPLE_SIGNING_JSON',
            pgpKeyId: FINGERPRINT,
          },
        },
      },
    };
    expect(judge(attestor(), [beta]).decision).toBe('ALLOW');
  });

  test.each([
    [
      "a stranger's signature under the attestor's fingerprint",
      () => v1(read('payload.json.stranger.asc')),
      'invalid-signature',
    ],
    [
      "a stranger's signature under its own fingerprint",
      () => v1(read('payload.json.stranger.asc'), STRANGER),
      'unknown-key-id',
    ],
    ['a detached signature', () => v1(read('payload.json.detached.asc')), 'invalid-signature'],
    [
      'a flipped bit in the signed message',
      () => {
        const text = read('payload.json.asc').toString();
        const lines = text.split('\n');
        const i = lines.findIndex((l) => l.length > 60);
        const c = lines[i][30];
        lines[i] = lines[i].slice(0, 30) + (c === 'A' ? 'B' : 'A') + lines[i].slice(31);
        return v1(Buffer.from(lines.join('\n')));
      },
      'invalid-signature',
    ],
    [
      'a serializedPayload the message does not carry',
      () => v1(read('payload.json.asc'), FINGERPRINT, Buffer.from(PAYLOAD.toString().replace('"type"', '"type" '))),
      'invalid-signature',
    ],
  ])('%s is not admitted', (_, occurrence, reason) => {
    const r = judge(attestor(), [occurrence()]);
    expect(r.decision).toBe('REQUIRE_ATTESTATION');
    expect(r.admitted).toBe(false);
    expect(r.attestors?.[0].reason).toBe(reason);
  });
});
