import { generateKeyPairSync, KeyObject } from 'crypto';
import { DataGoogleKmsCryptoKeyVersion } from '@cdktf/provider-google/lib/data-google-kms-crypto-key-version';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { Fn, Testing, Token } from 'cdktf';
import { Attestor, AttestorKey, KmsProtectionLevel, SignatureAlgorithm } from '../src';
import {
  EC_PUBLIC_KEY_PEM,
  PGP_PUBLIC_KEY,
  PGP_PUBLIC_KEY_BODY,
  pgpSecretKeyBody,
  PROVIDER_TEST_PGP_BODY,
  RSA_PKCS1_PUBLIC_KEY_PEM,
} from './fixtures/keys';
import { newStack, onlyResource, resourcesOf, synthValidated } from './support';

const PROJECT = 'security-project';
const VERSION_NAME =
  'projects/kms-project/locations/europe-west4/keyRings/signing/cryptoKeys/build-signer/cryptoKeyVersions/2';

function attestorWith(...keys: AttestorKey[]) {
  const stack = newStack({ id: 'security' });
  const attestor = new Attestor(stack, 'Attestor', { project: PROJECT, attestorId: 'build-attestor', keys });
  return { stack, attestor };
}

/** The synthesized Terraform JSON, parsed, of an attestor with these keys (validations run). */
function synthWith(...keys: AttestorKey[]): any {
  return synthValidated(attestorWith(...keys).stack);
}

/** The public keys an attestor with these keys is given (its attestation_authority_note.public_keys). */
function publicKeysWith(...keys: AttestorKey[]): any[] {
  return onlyResource(synthWith(...keys), 'google_binary_authorization_attestor').attestation_authority_note
    .public_keys;
}

describe('AttestorKey.newKmsKey', () => {
  test('snapshot of the defaults', () => {
    expect(Testing.synth(attestorWith(AttestorKey.newKmsKey()).stack, true)).toMatchSnapshot();
  });

  test('creates a key ring in global and an ASYMMETRIC_SIGN EC P-256 key that Terraform will not destroy', () => {
    // GIVEN / WHEN
    const json = synthWith(AttestorKey.newKmsKey());

    // THEN
    const ring = onlyResource(json, 'google_kms_key_ring');
    expect(ring).toEqual({ project: PROJECT, location: 'global', name: 'build-attestor' });
    const key = onlyResource(json, 'google_kms_crypto_key');
    expect(key.purpose).toBe('ASYMMETRIC_SIGN');
    expect(key.version_template).toEqual({ algorithm: 'EC_SIGN_P256_SHA256', protection_level: 'SOFTWARE' });
    expect(key.lifecycle).toEqual({ prevent_destroy: true });
    expect(key.name).toBe('build-attestor-signer');
    const ringId = Object.keys(resourcesOf(json, 'google_kms_key_ring'))[0];
    expect(key.key_ring).toBe(`\${google_kms_key_ring.${ringId}.id}`);
  });

  test('reads version 1 of the key and gives the attestor its public key and //cloudkms.googleapis.com/v1 id', () => {
    // GIVEN / WHEN
    const json = synthWith(AttestorKey.newKmsKey());

    // THEN
    const keyId = Object.keys(resourcesOf(json, 'google_kms_crypto_key'))[0];
    const [versionId, version] = Object.entries(resourcesOf(json, 'google_kms_crypto_key_version', 'data'))[0];
    expect(version).toEqual({ crypto_key: `\${google_kms_crypto_key.${keyId}.id}`, version: 1 });
    const data = `data.google_kms_crypto_key_version.${versionId}`;
    expect(onlyResource(json, 'google_binary_authorization_attestor').attestation_authority_note.public_keys).toEqual([
      {
        id: `\${${data}.id}`,
        pkix_public_key: {
          public_key_pem: `\${${data}.public_key[0].pem}`,
          // known at synth: the Binary Authorization name of EC_SIGN_P256_SHA256, as the API stores it
          signature_algorithm: 'ECDSA_P256_SHA256',
        },
      },
    ]);
  });

  test('takes the options', () => {
    // GIVEN / WHEN
    const { stack } = attestorWith(
      AttestorKey.newKmsKey({
        project: 'kms-project',
        location: 'europe-west4',
        keyRingId: 'signing',
        cryptoKeyId: 'build-signer',
        algorithm: SignatureAlgorithm.RSA_SIGN_PKCS1_4096_SHA512,
        protectionLevel: KmsProtectionLevel.HSM,
        preventDestroy: false,
      }),
    );
    const synth = Testing.synth(stack, true);

    // THEN
    expect(synth).toHaveResourceWithProperties(KmsKeyRing, {
      project: 'kms-project',
      location: 'europe-west4',
      name: 'signing',
    });
    expect(synth).toHaveResourceWithProperties(KmsCryptoKey, {
      name: 'build-signer',
      version_template: { algorithm: 'RSA_SIGN_PKCS1_4096_SHA512', protection_level: 'HSM' },
    });
    expect(onlyResource(JSON.parse(synth), 'google_kms_crypto_key').lifecycle).toBeUndefined();
  });

  test('an RSA-PSS key: the KMS key keeps the Cloud KMS name, the attestor gets the Binary Authorization name (snapshot)', () => {
    // GIVEN / WHEN
    const { stack } = attestorWith(AttestorKey.newKmsKey({ algorithm: SignatureAlgorithm.RSA_SIGN_PSS_4096_SHA256 }));
    const synth = Testing.synth(stack, true);
    // THEN
    expect(synth).toMatchSnapshot();
    const json = JSON.parse(synth);
    expect(onlyResource(json, 'google_kms_crypto_key').version_template.algorithm).toBe('RSA_SIGN_PSS_4096_SHA256');
    const [key] = onlyResource(json, 'google_binary_authorization_attestor').attestation_authority_note.public_keys;
    expect(key.pkix_public_key.signature_algorithm).toBe('RSA_PSS_4096_SHA256');
  });

  test.each([
    [SignatureAlgorithm.EC_SIGN_P256_SHA256, 'EC_SIGN_P256_SHA256', 'ECDSA_P256_SHA256'],
    [SignatureAlgorithm.ECDSA_P384_SHA384, 'EC_SIGN_P384_SHA384', 'ECDSA_P384_SHA384'],
    [SignatureAlgorithm.RSA_PSS_2048_SHA256, 'RSA_SIGN_PSS_2048_SHA256', 'RSA_PSS_2048_SHA256'],
    [SignatureAlgorithm.RSA_SIGN_PSS_3072_SHA256, 'RSA_SIGN_PSS_3072_SHA256', 'RSA_PSS_3072_SHA256'],
    [SignatureAlgorithm.RSA_PSS_4096_SHA512, 'RSA_SIGN_PSS_4096_SHA512', 'RSA_PSS_4096_SHA512'],
    [SignatureAlgorithm.RSA_SIGN_PKCS1_3072_SHA256, 'RSA_SIGN_PKCS1_3072_SHA256', 'RSA_SIGN_PKCS1_3072_SHA256'],
  ])('algorithm %o: the KMS key gets %s, the attestor %s', (algorithm, kms, binauthz) => {
    const json = synthWith(AttestorKey.newKmsKey({ algorithm }));
    expect(onlyResource(json, 'google_kms_crypto_key').version_template.algorithm).toBe(kms);
    const [key] = onlyResource(json, 'google_binary_authorization_attestor').attestation_authority_note.public_keys;
    expect(key.pkix_public_key.signature_algorithm).toBe(binauthz);
  });

  test('maps Binary Authorization algorithm names to Cloud KMS names', () => {
    const json = synthWith(
      AttestorKey.newKmsKey({ algorithm: SignatureAlgorithm.ECDSA_P384_SHA384, cryptoKeyId: 'ec' }),
      AttestorKey.newKmsKey({ algorithm: SignatureAlgorithm.RSA_PSS_2048_SHA256, cryptoKeyId: 'pss' }),
    );
    const algorithms = Object.values(resourcesOf(json, 'google_kms_crypto_key')).map(
      (k: any) => k.version_template.algorithm,
    );
    expect(algorithms.sort()).toEqual(['EC_SIGN_P384_SHA384', 'RSA_SIGN_PSS_2048_SHA256']);
  });

  test('creates the key in an existing key ring without creating a ring', () => {
    // GIVEN
    const ring = 'projects/kms-project/locations/us/keyRings/shared';
    // WHEN
    const json = synthWith(AttestorKey.newKmsKey({ existingKeyRing: ring }));
    // THEN
    expect(resourcesOf(json, 'google_kms_key_ring')).toEqual({});
    expect(onlyResource(json, 'google_kms_crypto_key').key_ring).toBe(ring);
  });

  test('two keys of one attestor share the default key ring', () => {
    const json = synthWith(
      AttestorKey.newKmsKey({ cryptoKeyId: 'signer-2025' }),
      AttestorKey.newKmsKey({ cryptoKeyId: 'signer-2026' }),
    );
    expect(Object.keys(resourcesOf(json, 'google_kms_key_ring'))).toHaveLength(1);
    expect(Object.values(resourcesOf(json, 'google_kms_crypto_key')).map((k: any) => k.name)).toEqual([
      'signer-2025',
      'signer-2026',
    ]);
  });

  test.each([
    ['EC_SIGN_SECP256K1_SHA256', /secp256k1 keys are not among the curves/],
    ['RSA_SIGN_RAW_PKCS1_2048', /raw PKCS#1 signatures/],
    ['EC_SIGN_ED25519', /Ed25519 keys are not verifiable/],
    ['ECDSA_P521_SHA512', /use an ASYMMETRIC_SIGN algorithm Binary Authorization verifies/],
  ])('fails for the algorithm %s', (algorithm, message) => {
    expect(() => attestorWith(AttestorKey.newKmsKey({ algorithm: SignatureAlgorithm.of(algorithm) }))).toThrow(
      new RegExp(`^\\[security/Attestor\\] invalid 'keys\\[0\\].algorithm' "[A-Z0-9_]+": ${message.source}`),
    );
  });

  test('fails when two new keys would have the same crypto key name', () => {
    expect(() => attestorWith(AttestorKey.newKmsKey(), AttestorKey.newKmsKey())).toThrow(
      /\[security\/Attestor\] invalid 'keys\[1\].cryptoKeyId' "build-attestor-signer": another new KMS key of this attestor has the same crypto key name/,
    );
  });

  test('fails for an existing key ring combined with a location', () => {
    expect(() =>
      attestorWith(
        AttestorKey.newKmsKey({ existingKeyRing: 'projects/kms-project/locations/us/keyRings/r', location: 'us' }),
      ),
    ).toThrow(/invalid 'keys\[0\].existingKeyRing' .*drop 'project', 'location' and 'keyRingId'/);
  });

  test('fails for a malformed existing key ring', () => {
    expect(() => attestorWith(AttestorKey.newKmsKey({ existingKeyRing: 'shared' }))).toThrow(
      /invalid 'keys\[0\].existingKeyRing' "shared": a key ring name looks like "projects\/PROJECT_ID\/locations\/LOCATION\/keyRings\/KEY_RING"/,
    );
  });

  test('fails for an invalid key ring name, crypto key name or location', () => {
    expect(() => attestorWith(AttestorKey.newKmsKey({ keyRingId: 'my.ring' }))).toThrow(
      /invalid 'keys\[0\].keyRingId' "my.ring": a KMS id has/,
    );
    expect(() => attestorWith(AttestorKey.newKmsKey({ cryptoKeyId: 'x'.repeat(64) }))).toThrow(
      /invalid 'keys\[0\].cryptoKeyId' "x{64}": a KMS id has/,
    );
    expect(() => attestorWith(AttestorKey.newKmsKey({ location: 'Europe' }))).toThrow(
      /invalid 'keys\[0\].location' "Europe": a KMS location/,
    );
  });
});

describe('AttestorKey.fromKmsKeyVersion', () => {
  test('snapshot', () => {
    expect(Testing.synth(attestorWith(AttestorKey.fromKmsKeyVersion(VERSION_NAME)).stack, true)).toMatchSnapshot();
  });

  test('reads the given version, with a literal key id, and creates no KMS resources', () => {
    // GIVEN / WHEN
    const json = synthWith(AttestorKey.fromKmsKeyVersion(VERSION_NAME));

    // THEN
    const [versionId, version] = Object.entries(resourcesOf(json, 'google_kms_crypto_key_version', 'data'))[0];
    expect(version.crypto_key).toBe(
      'projects/kms-project/locations/europe-west4/keyRings/signing/cryptoKeys/build-signer',
    );
    expect(version.version).toBe(2);
    expect(resourcesOf(json, 'google_kms_crypto_key')).toEqual({});
    expect(resourcesOf(json, 'google_kms_key_ring')).toEqual({});
    const [key] = onlyResource(json, 'google_binary_authorization_attestor').attestation_authority_note.public_keys;
    expect(key.id).toBe(`//cloudkms.googleapis.com/v1/${VERSION_NAME}`);
    expect(key.pkix_public_key.public_key_pem).toBe(
      `\${data.google_kms_crypto_key_version.${versionId}.public_key[0].pem}`,
    );
  });

  test('the attestor gets the Binary Authorization name of the algorithm KMS reports, looked up by Terraform', () => {
    // GIVEN / WHEN
    const json = synthWith(AttestorKey.fromKmsKeyVersion(VERSION_NAME));
    // THEN unknown names stay as KMS reports them (the postcondition refuses those Binary Authorization cannot verify)
    const versionId = Object.keys(resourcesOf(json, 'google_kms_crypto_key_version', 'data'))[0];
    const reported = `data.google_kms_crypto_key_version.${versionId}.public_key[0].algorithm`;
    const [key] = onlyResource(json, 'google_binary_authorization_attestor').attestation_authority_note.public_keys;
    expect(key.pkix_public_key.signature_algorithm).toBe(
      '${lookup({' +
        [
          '"EC_SIGN_P256_SHA256" = "ECDSA_P256_SHA256"',
          '"EC_SIGN_P384_SHA384" = "ECDSA_P384_SHA384"',
          '"EC_SIGN_P521_SHA512" = "ECDSA_P521_SHA512"',
          '"RSA_SIGN_PSS_2048_SHA256" = "RSA_PSS_2048_SHA256"',
          '"RSA_SIGN_PSS_3072_SHA256" = "RSA_PSS_3072_SHA256"',
          '"RSA_SIGN_PSS_4096_SHA256" = "RSA_PSS_4096_SHA256"',
          '"RSA_SIGN_PSS_4096_SHA512" = "RSA_PSS_4096_SHA512"',
        ].join(', ') +
        `}, ${reported}, ${reported})}`,
    );
  });

  test('checks the algorithm at plan time with a postcondition', () => {
    const json = synthWith(AttestorKey.fromKmsKeyVersion(VERSION_NAME));
    const version: any = Object.values(resourcesOf(json, 'google_kms_crypto_key_version', 'data'))[0];
    const [postcondition] = version.lifecycle.postcondition;
    expect(postcondition.condition).toMatch(/^\$\{contains\(\[.*"EC_SIGN_P256_SHA256".*\], self\.algorithm\)\}$/);
    expect(postcondition.condition).not.toMatch(/SECP256K1/);
    expect(postcondition.error_message).toMatch(/must be an ASYMMETRIC_SIGN key/);
  });

  test('is a data source the matchers see', () => {
    const { stack } = attestorWith(AttestorKey.fromKmsKeyVersion(VERSION_NAME));
    expect(Testing.synth(stack, true)).toHaveDataSourceWithProperties(DataGoogleKmsCryptoKeyVersion, { version: 2 });
  });

  test.each([
    [
      'a crypto key without a version',
      VERSION_NAME.replace(/\/cryptoKeyVersions\/2$/, ''),
      /a key version name looks like/,
    ],
    ['a version alias', VERSION_NAME.replace(/2$/, 'latest'), /the version is a positive number/],
  ])('fails for %s', (_, name, message) => {
    expect(() => attestorWith(AttestorKey.fromKmsKeyVersion(name))).toThrow(
      new RegExp(`\\[security/Attestor\\] invalid 'keys\\[0\\]' ".*": ${message.source}`),
    );
  });

  test('fails for a name known only at apply time', () => {
    expect(() => attestorWith(AttestorKey.fromKmsKeyVersion(Token.asString({ Ref: 'x' })))).toThrow(
      /invalid 'keys\[0\]' .*must be known at synth time/,
    );
  });
});

describe('AttestorKey.pkix: the key fits the algorithm', () => {
  const pemOf = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }).toString();
  const rsa2048 = pemOf(generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey);
  const rsaPss2048 = pemOf(generateKeyPairSync('rsa-pss', { modulusLength: 2048 }).publicKey);
  const p384 = pemOf(generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey);
  const p521 = pemOf(generateKeyPairSync('ec', { namedCurve: 'secp521r1' }).publicKey);

  test.each([
    [
      'an RSA 2048 key, PKCS#1 v1.5',
      rsa2048,
      SignatureAlgorithm.RSA_SIGN_PKCS1_2048_SHA256,
      'RSA_SIGN_PKCS1_2048_SHA256',
    ],
    ['an RSA 2048 key, PSS', rsa2048, SignatureAlgorithm.RSA_PSS_2048_SHA256, 'RSA_PSS_2048_SHA256'],
    ['an RSA-PSS 2048 key, PSS', rsaPss2048, SignatureAlgorithm.RSA_SIGN_PSS_2048_SHA256, 'RSA_PSS_2048_SHA256'],
    ['a P-256 key', EC_PUBLIC_KEY_PEM, SignatureAlgorithm.EC_SIGN_P256_SHA256, 'ECDSA_P256_SHA256'],
    ['a P-384 key', p384, SignatureAlgorithm.ECDSA_P384_SHA384, 'ECDSA_P384_SHA384'],
    ['a P-521 key', p521, SignatureAlgorithm.EC_SIGN_P521_SHA512, 'ECDSA_P521_SHA512'],
  ])(
    'accepts %s, written with the name Binary Authorization stores',
    (_name, publicKeyPem, signatureAlgorithm, stored) => {
      const [key] = publicKeysWith(AttestorKey.pkix({ publicKeyPem, signatureAlgorithm }));
      expect(key.pkix_public_key).toEqual({
        public_key_pem: publicKeyPem,
        signature_algorithm: stored,
      });
    },
  );

  test('refuses an RSA-PSS key for PKCS#1 v1.5 signatures', () => {
    expect(() =>
      attestorWith(
        AttestorKey.pkix({
          publicKeyPem: rsaPss2048,
          signatureAlgorithm: SignatureAlgorithm.RSA_SIGN_PKCS1_2048_SHA256,
        }),
      ),
    ).toThrow(
      /the key is an RSA key of 2048 bits \(RSA-PSS\), but RSA_SIGN_PKCS1_2048_SHA256 needs an RSA key of 2048 bits; pass the algorithm the key was made for \(RSA_PSS_2048_SHA256, RSA_SIGN_PSS_2048_SHA256\)/,
    );
  });

  test('skips the check when the algorithm is known only at apply time, and looks its name up then', () => {
    const [key] = publicKeysWith(
      AttestorKey.pkix({
        publicKeyPem: rsa2048,
        signatureAlgorithm: SignatureAlgorithm.of(Fn.upper('rsa_sign_pss_2048_sha256')),
      }),
    );
    expect(key.pkix_public_key.signature_algorithm).toMatch(
      /^\$\{lookup\(\{.*"RSA_SIGN_PSS_2048_SHA256" = "RSA_PSS_2048_SHA256".*\}, upper\("rsa_sign_pss_2048_sha256"\), upper\("rsa_sign_pss_2048_sha256"\)\)\}$/,
    );
  });
});

describe('AttestorKey.pkix', () => {
  test('snapshot', () => {
    expect(
      Testing.synth(
        attestorWith(
          AttestorKey.pkix({
            publicKeyPem: EC_PUBLIC_KEY_PEM,
            signatureAlgorithm: SignatureAlgorithm.ECDSA_P256_SHA256,
          }),
        ).stack,
        true,
      ),
    ).toMatchSnapshot();
  });

  test('renders the PEM, the algorithm and the id', () => {
    // GIVEN / WHEN
    const keys = publicKeysWith(
      AttestorKey.pkix({
        publicKeyPem: EC_PUBLIC_KEY_PEM,
        signatureAlgorithm: SignatureAlgorithm.ECDSA_P256_SHA256,
        id: 'ni:///sha-256;key-1',
      }),
    );
    // THEN
    expect(keys).toEqual([
      {
        id: 'ni:///sha-256;key-1',
        pkix_public_key: { public_key_pem: EC_PUBLIC_KEY_PEM, signature_algorithm: 'ECDSA_P256_SHA256' },
      },
    ]);
  });

  test('renders a comment', () => {
    const [key] = publicKeysWith(
      AttestorKey.pkix({
        publicKeyPem: EC_PUBLIC_KEY_PEM,
        signatureAlgorithm: SignatureAlgorithm.ECDSA_P256_SHA256,
        comment: 'held by the release team',
      }),
    );
    expect(key).toEqual({
      comment: 'held by the release team',
      pkix_public_key: { public_key_pem: EC_PUBLIC_KEY_PEM, signature_algorithm: 'ECDSA_P256_SHA256' },
    });
  });

  test('leaves the id to the API when none is given', () => {
    const [key] = publicKeysWith(
      AttestorKey.pkix({ publicKeyPem: EC_PUBLIC_KEY_PEM, signatureAlgorithm: SignatureAlgorithm.EC_SIGN_P256_SHA256 }),
    );
    expect(key).not.toHaveProperty('id');
  });

  test('fails for a PKCS#1 RSA public key', () => {
    expect(() =>
      attestorWith(
        AttestorKey.pkix({
          publicKeyPem: RSA_PKCS1_PUBLIC_KEY_PEM,
          signatureAlgorithm: SignatureAlgorithm.RSA_SIGN_PKCS1_2048_SHA256,
        }),
      ),
    ).toThrow(
      /\[security\/Attestor\] invalid 'keys\[0\].publicKeyPem' \(a value of 426 characters, not shown: it may be key material\): a PKCS#1 "RSA PUBLIC KEY" is not accepted/,
    );
  });

  test('fails for a private key without printing it', () => {
    const secret = 'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgSECRETSECRETSECRET';
    const call = () =>
      attestorWith(
        AttestorKey.pkix({
          publicKeyPem: `-----BEGIN PRIVATE KEY-----\n${secret}\n-----END PRIVATE KEY-----\n`,
          signatureAlgorithm: SignatureAlgorithm.ECDSA_P256_SHA256,
        }),
      );
    expect(call).toThrow(
      /invalid 'keys\[0\].publicKeyPem' \(a value of \d+ characters, not shown: it may be key material\): this is a private key/,
    );
    expect(call).not.toThrow(/SECRET/);
  });

  test('fails for text that is not PEM', () => {
    expect(() =>
      attestorWith(
        AttestorKey.pkix({
          publicKeyPem: 'ssh-ed25519 AAAA',
          signatureAlgorithm: SignatureAlgorithm.ECDSA_P256_SHA256,
        }),
      ),
    ).toThrow(
      /invalid 'keys\[0\].publicKeyPem' \(a value of 16 characters, not shown: it may be key material\): pass a PEM public key/,
    );
  });

  test('fails for an algorithm Binary Authorization does not accept', () => {
    expect(() =>
      attestorWith(
        AttestorKey.pkix({
          publicKeyPem: EC_PUBLIC_KEY_PEM,
          signatureAlgorithm: SignatureAlgorithm.of('EC_SIGN_SECP256K1_SHA256'),
        }),
      ),
    ).toThrow(/invalid 'keys\[0\].signatureAlgorithm' "EC_SIGN_SECP256K1_SHA256": Binary Authorization accepts one of/);
  });

  test('fails for an id that is not a URI', () => {
    expect(() =>
      attestorWith(
        AttestorKey.pkix({
          publicKeyPem: EC_PUBLIC_KEY_PEM,
          signatureAlgorithm: SignatureAlgorithm.ECDSA_P256_SHA256,
          id: 'key 1',
        }),
      ),
    ).toThrow(/invalid 'keys\[0\].id' "key 1": a PKIX key id must be a URI/);
  });

  test('skips the checks for values known only at apply time', () => {
    const pem = Token.asString({ Ref: 'pem' });
    expect(() =>
      attestorWith(
        AttestorKey.pkix({
          publicKeyPem: pem,
          signatureAlgorithm: SignatureAlgorithm.of(Token.asString({ Ref: 'alg' })),
        }),
      ),
    ).not.toThrow();
  });
});

describe('AttestorKey.pgp', () => {
  test('snapshot', () => {
    expect(Testing.synth(attestorWith(AttestorKey.pgp(PGP_PUBLIC_KEY)).stack, true)).toMatchSnapshot();
  });

  test('renders the armored key and leaves the id (the fingerprint) to the API', () => {
    const keys = publicKeysWith(AttestorKey.pgp(PGP_PUBLIC_KEY));
    expect(keys).toEqual([{ ascii_armored_pgp_public_key: PGP_PUBLIC_KEY }]);
  });

  test.each([
    ['the bare body from the provider acceptance test', PROVIDER_TEST_PGP_BODY],
    ['the bare body of the fixture, without its checksum line', PGP_PUBLIC_KEY_BODY],
    ['the armored fixture with CRLF line ends', PGP_PUBLIC_KEY.replace(/\n/g, '\r\n')],
  ])('accepts %s and writes it exactly as given', (_, key) => {
    const keys = publicKeysWith(AttestorKey.pgp(key));
    expect(keys).toEqual([{ ascii_armored_pgp_public_key: key }]);
  });

  test('renders a comment', () => {
    const keys = publicKeysWith(AttestorKey.pgp(PROVIDER_TEST_PGP_BODY, { comment: 'this key has a comment' }));
    expect(keys).toEqual([{ ascii_armored_pgp_public_key: PROVIDER_TEST_PGP_BODY, comment: 'this key has a comment' }]);
  });

  test('fails for a bare body that is not an OpenPGP key', () => {
    const notAKey = Buffer.from('x'.repeat(60)).toString('base64');
    expect(() => attestorWith(AttestorKey.pgp(notAKey))).toThrow(
      /^\[security\/Attestor\] invalid 'keys\[0\]' \(a value of 80 characters, not shown: it may be key material\): the body does not start with an OpenPGP packet; pass an OpenPGP public key as "gpg --armor --export KEY_ID" prints it/,
    );
  });

  test('fails for a truncated body', () => {
    expect(() => attestorWith(AttestorKey.pgp('mDMEaw1y/RYJKwYBBAHaRw8BAQdAP4zkDJB8DELmNxHT6hpuoQz/'))).toThrow(
      /^\[security\/Attestor\] invalid 'keys\[0\]' \(a value of 52 characters, not shown: it may be key material\): the public key packet is cut short/,
    );
  });

  test('fails for a bare secret key body without printing it', () => {
    const secret = pgpSecretKeyBody();
    const call = () => attestorWith(AttestorKey.pgp(secret));
    expect(call).toThrow(
      /^\[security\/Attestor\] invalid 'keys\[0\]' \(a value of \d+ characters, not shown: it may be key material\): this is a private key, which must never be put in configuration/,
    );
    for (const line of secret.split('\n').filter((l) => l.length > 8)) {
      expect(call).not.toThrow(line);
    }
  });

  test('fails for a private key block without printing it', () => {
    const call = () => attestorWith(AttestorKey.pgp(PGP_PUBLIC_KEY.replace(/PUBLIC KEY/g, 'PRIVATE KEY')));
    expect(call).toThrow(
      /invalid 'keys\[0\]' \(a value of \d+ characters, not shown: it may be key material\): this is a private key/,
    );
  });
});
