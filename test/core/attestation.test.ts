import { constants, createHash, generateKeyPairSync, KeyObject, sign } from 'crypto';
import { AttestationFormatError, readAttestations, signaturePayload } from '../../src/core/attestation';
import { AttestorKeys, attestorKeysOf, pkixKeyId, readAttestorDescription } from '../../src/core/attestation-keys';
import { AttestationIndex, verifyPkixSignature } from '../../src/core/attestation-verify';
import { compilePolicy, evaluateCompiled } from '../../src/core/evaluate';
import { ModelError } from '../../src/core/model';
import { terraformJsonModel } from '../../src/core/terraform-json';
import { requireAttestationPolicy } from '../support';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const OTHER_DIGEST = `sha256:${'fedcba9876543210'.repeat(4)}`;
const IMAGE = `us-docker.pkg.dev/my-project/repo/app@${DIGEST}`;
const NOTE = 'projects/p/notes/n';
const ATTESTOR = 'projects/p/attestors/a';

describe('signaturePayload', () => {
  // Each expected text is what Python's json.dumps(ensure_ascii=True, indent=2, separators=(',', ': '),
  // sort_keys=True) + "\n" writes for gcloud's payload dict (gcloud's MakeSignaturePayload), written out.
  const expected = (name: string, digest = DIGEST) =>
    '{\n  "critical": {\n    "identity": {\n      "docker-reference": "' +
    name +
    '"\n    },\n    "image": {\n      "docker-manifest-digest": "' +
    digest +
    '"\n    },\n    "type": "Google cloud binauthz container signature"\n  }\n}\n';

  test.each([
    ['Artifact Registry', `us-docker.pkg.dev/my-project/repo/app@${DIGEST}`, 'us-docker.pkg.dev/my-project/repo/app'],
    [
      'Artifact Registry with a tag',
      `europe-west1-docker.pkg.dev/p/r/img:v1.2@${DIGEST}`,
      'europe-west1-docker.pkg.dev/p/r/img',
    ],
    ['gcr.io', `gcr.io/my-project/app@${DIGEST}`, 'gcr.io/my-project/app'],
    ['gcr.io with a tag', `gcr.io/my-project/app:latest@${DIGEST}`, 'gcr.io/my-project/app'],
    ['Docker Hub', `docker.io/library/nginx@${DIGEST}`, 'docker.io/library/nginx'],
    ['Docker Hub with a tag', `docker.io/library/nginx:1.27@${DIGEST}`, 'docker.io/library/nginx'],
    ['a scheme', `https://gcr.io/my-project/app@${DIGEST}`, 'gcr.io/my-project/app'],
    ['a registry port', `localhost:5000/app@${DIGEST}`, 'localhost:5000/app'],
  ])('%s', (_, image, name) => {
    expect(signaturePayload(image)).toBe(expected(name));
  });

  test('the literal bytes of one payload', () => {
    expect(Buffer.from(signaturePayload(IMAGE)).toString('hex')).toBe(
      Buffer.from(
        '{\n  "critical": {\n    "identity": {\n      "docker-reference": "us-docker.pkg.dev/my-project/repo/app"\n    },\n    "image": {\n      "docker-manifest-digest": "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"\n    },\n    "type": "Google cloud binauthz container signature"\n  }\n}\n',
      ).toString('hex'),
    );
  });

  test.each([
    ['no digest', 'gcr.io/p/app:latest', /has no digest/],
    ['a short digest', 'gcr.io/p/app@sha256:abcd', /not a digest/],
    ['another algorithm', `gcr.io/p/app@sha512:${'a'.repeat(128)}`, /not a digest/],
    ['no registry', `nginx@${DIGEST}`, /no registry host/],
  ])('refuses %s', (_, image, message) => {
    expect(() => signaturePayload(image)).toThrow(message);
  });
});

/** A key pair for each algorithm an attestor takes, and how it signs. */
const ALGORITHMS: Array<
  [string, () => { publicKey: KeyObject; privateKey: KeyObject }, (k: KeyObject, d: Buffer) => Buffer]
> = [
  ['ECDSA_P256_SHA256', () => generateKeyPairSync('ec', { namedCurve: 'P-256' }), (k, d) => sign('sha256', d, k)],
  ['ECDSA_P384_SHA384', () => generateKeyPairSync('ec', { namedCurve: 'P-384' }), (k, d) => sign('sha384', d, k)],
  ['ECDSA_P521_SHA512', () => generateKeyPairSync('ec', { namedCurve: 'P-521' }), (k, d) => sign('sha512', d, k)],
  ['RSA_SIGN_PKCS1_2048_SHA256', () => rsa(2048), (k, d) => sign('sha256', d, k)],
  ['RSA_SIGN_PKCS1_3072_SHA256', () => rsa(3072), (k, d) => sign('sha256', d, k)],
  ['RSA_SIGN_PKCS1_4096_SHA256', () => rsa(4096), (k, d) => sign('sha256', d, k)],
  ['RSA_SIGN_PKCS1_4096_SHA512', () => rsa(4096), (k, d) => sign('sha512', d, k)],
  ['RSA_PSS_2048_SHA256', () => rsa(2048), (k, d) => pss('sha256', 32, k, d)],
  ['RSA_PSS_3072_SHA256', () => rsa(3072), (k, d) => pss('sha256', 32, k, d)],
  ['RSA_PSS_4096_SHA256', () => rsa(4096), (k, d) => pss('sha256', 32, k, d)],
  ['RSA_PSS_4096_SHA512', () => rsa(4096), (k, d) => pss('sha512', 64, k, d)],
];
const RSA_CACHE = new Map<number, { publicKey: KeyObject; privateKey: KeyObject }>();
function rsa(bits: number) {
  const cached = RSA_CACHE.get(bits) ?? generateKeyPairSync('rsa', { modulusLength: bits });
  RSA_CACHE.set(bits, cached);
  return cached;
}
function pss(hash: string, saltLength: number, key: KeyObject, data: Buffer): Buffer {
  return sign(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength });
}
const pemOf = (k: KeyObject) => k.export({ type: 'spki', format: 'pem' }).toString();

function occurrence(over: {
  name?: string;
  note?: string;
  uri?: string;
  payload?: Buffer;
  keyId: string;
  signature: Buffer;
}): Record<string, unknown> {
  return {
    name: over.name ?? 'projects/p/occurrences/1',
    kind: 'ATTESTATION',
    noteName: over.note ?? NOTE,
    resourceUri: over.uri ?? `https://${IMAGE}`,
    attestation: {
      serializedPayload: (over.payload ?? Buffer.from(signaturePayload(IMAGE))).toString('base64'),
      signatures: [{ publicKeyId: over.keyId, signature: over.signature.toString('base64') }],
    },
  };
}

const POLICY = requireAttestationPolicy(ATTESTOR);

function judge(attestors: AttestorKeys[], occurrences: unknown[], image = IMAGE, policy = POLICY) {
  const index = new AttestationIndex(attestors, readAttestations(occurrences, 'att.json'));
  return evaluateCompiled(
    compilePolicy(policy, () => false, index),
    image,
  );
}

function attestorWith(pem: string, algorithm: string, id = 'ni:///key'): AttestorKeys {
  return { name: ATTESTOR, note: NOTE, source: 'test', keys: [{ kind: 'pkix', id, material: pem, algorithm }] };
}

describe('PKIX attestations, signed at test time', () => {
  test.each(ALGORITHMS)('%s: a real signature admits; a flipped bit does not', (algorithm, pair, signWith) => {
    const { publicKey, privateKey } = pair();
    const payload = Buffer.from(signaturePayload(IMAGE));
    const signature = signWith(privateKey, payload);
    const attestor = attestorWith(pemOf(publicKey), algorithm);
    const ok = judge([attestor], [occurrence({ keyId: 'ni:///key', signature })]);
    expect(ok.decision).toBe('ALLOW');
    expect(ok.admitted).toBe(true);
    expect(ok.reason).toBe(`attested by ${ATTESTOR} (projects/p/occurrences/1)`);
    expect(ok.attestors).toEqual([
      expect.objectContaining({ attestor: ATTESTOR, satisfied: true, occurrences: ['projects/p/occurrences/1'] }),
    ]);

    const flipped = Buffer.from(signature);
    const middle = Math.floor(flipped.length / 2);
    flipped[middle] = flipped[middle] === 0 ? 1 : flipped[middle] - 1;
    const bad = judge([attestor], [occurrence({ keyId: 'ni:///key', signature: flipped })]);
    expect(bad.decision).toBe('REQUIRE_ATTESTATION');
    expect(bad.admitted).toBe(false);
    expect(bad.attestors?.[0].reason).toBe('invalid-signature');
  });

  test('a PSS signature with another salt length does not verify', () => {
    const { publicKey, privateKey } = rsa(2048);
    const payload = Buffer.from(signaturePayload(IMAGE));
    expect(
      verifyPkixSignature(pemOf(publicKey), 'RSA_PSS_2048_SHA256', payload, pss('sha256', 20, privateKey, payload)),
    ).toBe(false);
    expect(
      verifyPkixSignature(pemOf(publicKey), 'RSA_PSS_2048_SHA256', payload, pss('sha256', 32, privateKey, payload)),
    ).toBe(true);
  });

  test('a key that does not fit the algorithm verifies nothing', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const payload = Buffer.from('x');
    expect(
      verifyPkixSignature(pemOf(publicKey), 'ECDSA_P384_SHA384', payload, sign('sha384', payload, privateKey)),
    ).toBe(false);
  });
});

describe('tampering: each is not admitted, with its reason', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const attestor = attestorWith(pemOf(publicKey), 'ECDSA_P256_SHA256');
  const signed = (payload: Buffer, key = privateKey) => sign('sha256', payload, key);
  const payload = Buffer.from(signaturePayload(IMAGE));

  test('another digest: an attestation of another image', () => {
    const other = Buffer.from(signaturePayload(`us-docker.pkg.dev/my-project/repo/app@${OTHER_DIGEST}`));
    const r = judge(
      [attestor],
      [
        occurrence({
          uri: `https://us-docker.pkg.dev/my-project/repo/app@${OTHER_DIGEST}`,
          payload: other,
          keyId: 'ni:///key',
          signature: signed(other),
        }),
      ],
    );
    expect(r.admitted).toBe(false);
    expect(r.attestors?.[0].reason).toBe('no-attestation');
  });

  test('the payload names another digest than the occurrence', () => {
    const other = Buffer.from(signaturePayload(`us-docker.pkg.dev/my-project/repo/app@${OTHER_DIGEST}`));
    const r = judge([attestor], [occurrence({ payload: other, keyId: 'ni:///key', signature: signed(other) })]);
    expect(r.admitted).toBe(false);
    expect(r.attestors?.[0].reason).toBe('digest-differs');
  });

  test('another note', () => {
    const r = judge(
      [attestor],
      [occurrence({ note: 'projects/p/notes/other', keyId: 'ni:///key', signature: signed(payload) })],
    );
    expect(r.admitted).toBe(false);
    expect(r.attestors?.[0].reason).toBe('other-note');
    expect(r.attestors?.[0].text).toMatch(/projects\/p\/notes\/other/);
  });

  test("another key under the right id (a stranger's signature naming the attestor's key)", () => {
    const r = judge([attestor], [occurrence({ keyId: 'ni:///key', signature: signed(payload, stranger.privateKey) })]);
    expect(r.admitted).toBe(false);
    expect(r.attestors?.[0].reason).toBe('invalid-signature');
  });

  test("a stranger's key under its own id", () => {
    const r = judge(
      [attestor],
      [occurrence({ keyId: pkixKeyId(pemOf(stranger.publicKey))!, signature: signed(payload, stranger.privateKey) })],
    );
    expect(r.admitted).toBe(false);
    expect(r.attestors?.[0].reason).toBe('unknown-key-id');
  });

  test('a payload of another type', () => {
    const foreign = Buffer.from(
      payload.toString().replace('Google cloud binauthz container signature', 'atomic container signature'),
    );
    const r = judge([attestor], [occurrence({ payload: foreign, keyId: 'ni:///key', signature: signed(foreign) })]);
    expect(r.admitted).toBe(false);
    expect(r.attestors?.[0].reason).toBe('other-payload-type');
  });

  test('a JWT attestation is read, never verified', () => {
    const jwt = {
      name: 'projects/p/occurrences/j',
      noteName: NOTE,
      resourceUri: IMAGE,
      attestation: { jwts: [{ compactJwt: 'eyJhbGciOiJFUzI1NiJ9.e30.c2ln' }] },
    };
    const r = judge([attestor], [jwt]);
    expect(r.admitted).toBe(false);
    expect(r.attestors?.[0].reason).toBe('jwt-not-verified');
    expect(r.reason).toMatch(/not verified \(JWT\)/);
  });

  test("the attestor's keys not given", () => {
    const r = judge([], [occurrence({ keyId: 'ni:///key', signature: signed(payload) })]);
    expect(r.admitted).toBe(false);
    expect(r.attestors?.[0].reason).toBe('keys-not-given');
  });

  test('a key known only after apply', () => {
    const later: AttestorKeys = {
      name: ATTESTOR,
      note: NOTE,
      source: 'test',
      keys: [{ kind: 'pkix', id: '//cloudkms.googleapis.com/v1/k', unknown: 'its key is known only after apply' }],
    };
    const r = judge([later], [occurrence({ keyId: '//cloudkms.googleapis.com/v1/k', signature: signed(payload) })]);
    expect(r.admitted).toBe(false);
    expect(r.attestors?.[0].reason).toBe('key-unknown-until-apply');
  });

  test('an image without a digest is never attested', () => {
    const r = judge(
      [attestor],
      [occurrence({ keyId: 'ni:///key', signature: signed(payload) })],
      'us-docker.pkg.dev/my-project/repo/app:v1',
    );
    expect(r.decision).toBe('REQUIRE_ATTESTATION');
    expect(r.admitted).toBe(false);
  });

  test('two required attestors: one satisfied is not enough', () => {
    const policy = {
      ...POLICY,
      defaultAdmissionRule: {
        ...POLICY.defaultAdmissionRule,
        requireAttestationsBy: [ATTESTOR, 'projects/p/attestors/b'],
      },
    };
    const r = judge([attestor], [occurrence({ keyId: 'ni:///key', signature: signed(payload) })], IMAGE, policy);
    expect(r.decision).toBe('REQUIRE_ATTESTATION');
    expect(r.attestors?.map((v) => v.satisfied)).toEqual([true, false]);
  });

  test('dry run: unchanged (admitted and logged) when not attested; ALLOW when attested', () => {
    const dryRun = {
      ...POLICY,
      defaultAdmissionRule: { ...POLICY.defaultAdmissionRule, enforcementMode: 'DRYRUN_AUDIT_LOG_ONLY' as const },
    };
    const bad = judge(
      [attestor],
      [occurrence({ keyId: 'ni:///key', signature: signed(payload, stranger.privateKey) })],
      IMAGE,
      dryRun,
    );
    expect(bad).toMatchObject({ decision: 'REQUIRE_ATTESTATION', admitted: true });
    expect(bad.reason).toMatch(/dry run: admitted, the violation is logged$/);
    const good = judge([attestor], [occurrence({ keyId: 'ni:///key', signature: signed(payload) })], IMAGE, dryRun);
    expect(good).toMatchObject({ decision: 'ALLOW', admitted: true });
  });

  test('an allowlisted image needs no attestation, and carries no verdicts', () => {
    const allowlisted = { ...POLICY, allowlistPatterns: ['us-docker.pkg.dev/my-project/repo/**'] };
    const r = judge([attestor], [], IMAGE, allowlisted);
    expect(r).toMatchObject({ decision: 'ALLOW', matchedPattern: 'us-docker.pkg.dev/my-project/repo/**' });
    expect(r.attestors).toBeUndefined();
  });

  test('the same attestation admits the identical image stored elsewhere (only the digest counts)', () => {
    const r = judge(
      [attestor],
      [occurrence({ keyId: 'ni:///key', signature: signed(payload) })],
      `gcr.io/elsewhere/app@${DIGEST}`,
    );
    expect(r.decision).toBe('ALLOW');
  });
});

describe('readAttestations', () => {
  test.each([
    ['a number', 1],
    ['null', null],
    ['a string', 'x'],
    ['a list of numbers', [1]],
    ['an occurrence without a note', [{ resourceUri: IMAGE, attestation: { signatures: [] } }]],
    ['another kind', [{ kind: 'VULNERABILITY', noteName: NOTE, resourceUri: IMAGE, attestation: {} }]],
    [
      'signatures as an object',
      [{ noteName: NOTE, resourceUri: IMAGE, attestation: { serializedPayload: 'e30=', signatures: {} } }],
    ],
    [
      'a signature without an id',
      [
        {
          noteName: NOTE,
          resourceUri: IMAGE,
          attestation: { serializedPayload: 'e30=', signatures: [{ signature: 'AA==' }] },
        },
      ],
    ],
    [
      'a payload that is not base64',
      [
        {
          noteName: NOTE,
          resourceUri: IMAGE,
          attestation: { serializedPayload: '{}', signatures: [{ publicKeyId: 'k', signature: 'AA==' }] },
        },
      ],
    ],
    ['no signatures and no jwts', [{ noteName: NOTE, resourceUri: IMAGE, attestation: {} }]],
    ['an unknown attestation key', [{ noteName: NOTE, resourceUri: IMAGE, attestation: { foo: 1, jwts: [{}] } }]],
    ['an empty v1beta1 attestation', [{ noteName: NOTE, resource: { uri: IMAGE }, attestation: { attestation: {} } }]],
  ])('refuses %s, naming the file', (_, doc) => {
    expect(() => readAttestations(doc, 'att.json')).toThrow(AttestationFormatError);
    expect(() => readAttestations(doc, 'att.json')).toThrow(/^att\.json/);
  });

  test('reads one occurrence object, and the v1beta1 generic shape', () => {
    const generic = {
      name: 'projects/p/occurrences/g',
      noteName: NOTE,
      resource: { uri: `https://${IMAGE}` },
      kind: 'ATTESTATION',
      attestation: {
        attestation: {
          genericSignedAttestation: {
            contentType: 'SIMPLE_SIGNING_JSON',
            serializedPayload: 'e30=',
            signatures: [{ publicKeyId: 'k', signature: 'AA==' }],
          },
        },
      },
    };
    const [record] = readAttestations(generic, 'g.json');
    expect(record).toMatchObject({ name: 'projects/p/occurrences/g', noteName: NOTE, resourceUri: `https://${IMAGE}` });
    expect(record.serializedPayload?.toString()).toBe('{}');
  });
});

describe('readAttestorDescription', () => {
  test('reads the keys of gcloud attestors describe', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const a = readAttestorDescription(
      {
        name: ATTESTOR,
        userOwnedGrafeasNote: {
          noteReference: NOTE,
          publicKeys: [
            {
              id: 'ni:///x',
              pkixPublicKey: { publicKeyPem: pemOf(publicKey), signatureAlgorithm: 'EC_SIGN_P256_SHA256' },
            },
          ],
        },
      },
      'a.json',
    );
    expect(a).toMatchObject({
      name: ATTESTOR,
      note: NOTE,
      keys: [{ kind: 'pkix', id: 'ni:///x', algorithm: 'ECDSA_P256_SHA256' }],
    });
  });

  test.each([
    ['a list', []],
    ['no note', { name: ATTESTOR }],
    [
      'a key without id',
      { name: ATTESTOR, userOwnedGrafeasNote: { noteReference: NOTE, publicKeys: [{ pkixPublicKey: {} }] } },
    ],
    ['a bad name', { name: 'a', userOwnedGrafeasNote: { noteReference: NOTE } }],
  ])('refuses %s', (_, doc) => {
    expect(() => readAttestorDescription(doc, 'a.json')).toThrow(/^a\.json: /);
  });
});

test('pkixKeyId is the RFC 6920 name of the DER SubjectPublicKeyInfo', () => {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const expected = `ni:///sha-256;${createHash('sha256').update(der).digest('base64url')}`;
  expect(pkixKeyId(pemOf(publicKey))).toBe(expected);
  expect(pkixKeyId('not a key')).toBeUndefined();
});

describe('attestorKeysOf: the attestors of an input', () => {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const attestor = (publicKeys: unknown, note: unknown = 'projects/sec/notes/n') => ({
    resource: {
      google_container_analysis_note: { n: { project: 'sec', name: 'the-note' } },
      google_binary_authorization_attestor: {
        a: { project: 'sec', name: 'a', attestation_authority_note: { note_reference: note, public_keys: publicKeys } },
      },
    },
  });
  const keysOf = (doc: unknown) => attestorKeysOf(terraformJsonModel(doc));

  test('a literal PKIX key without id gets the computed id; a note by reference is resolved', () => {
    const [a] = keysOf(
      attestor(
        [{ pkix_public_key: { public_key_pem: pemOf(publicKey), signature_algorithm: 'EC_SIGN_P256_SHA256' } }],
        '${google_container_analysis_note.n.name}',
      ),
    );
    expect(a).toMatchObject({
      name: 'projects/sec/attestors/a',
      note: 'projects/sec/notes/the-note',
      keys: [{ kind: 'pkix', id: pkixKeyId(pemOf(publicKey)), algorithm: 'ECDSA_P256_SHA256' }],
    });
  });

  test('a Cloud KMS key whose PEM is an interpolation is known only after apply, its id resolved', () => {
    const doc = attestor([
      {
        id: '//cloudkms.googleapis.com/v1/projects/sec/locations/global/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1',
        pkix_public_key: {
          public_key_pem: '${data.google_kms_crypto_key_version.v.public_key[0].pem}',
          signature_algorithm: 'ECDSA_P256_SHA256',
        },
      },
    ]);
    const [a] = keysOf(doc);
    expect(a.keys[0].id).toMatch(/^\/\/cloudkms/);
    expect(a.keys[0].unknown).toMatch(/known only after apply/);
  });

  test('a note known only after apply', () => {
    const [a] = keysOf(attestor([], '${var.note}'));
    expect(a.note).toBeUndefined();
    expect(a.noteUnknown).toMatch(/known only after apply/);
  });

  test.each([
    ['a number for a key', [5]],
    ['a list for an id', [{ id: ['x'], pkix_public_key: {} }]],
    ['a number for a PGP key', [{ ascii_armored_pgp_public_key: 5 }]],
    ['an empty key block', [{}]],
  ])('%s is a model error', (_, keys) => {
    expect(() => keysOf(attestor(keys))).toThrow(ModelError);
  });
});
