import { generateKeyPairSync } from 'crypto';
import {
  BINAUTHZ_SIGNATURE_ALGORITHMS,
  checkKeyFitsAlgorithm,
  checkKeyUri,
  checkKmsId,
  checkKmsLocation,
  checkKmsSigningAlgorithm,
  checkPgpPublicKey,
  checkPublicKeyPem,
  checkSignatureAlgorithm,
  KMS_COMPATIBLE_ALGORITHMS,
  kmsCryptoKeyOf,
  kmsKeyVersionUri,
  parseKmsKeyRingName,
  parseKmsKeyVersionName,
} from '../../src/core/keys';
import { EC_PUBLIC_KEY_PEM, PGP_PUBLIC_KEY, RSA_PKCS1_PUBLIC_KEY_PEM } from '../fixtures/keys';

describe('checkSignatureAlgorithm', () => {
  test.each(BINAUTHZ_SIGNATURE_ALGORITHMS.map((a) => [a]))('accepts %s', (algorithm) => {
    expect(checkSignatureAlgorithm(algorithm)).toBeUndefined();
  });

  test.each([
    ['EC_SIGN_SECP256K1_SHA256'],
    ['RSA_SIGN_RAW_PKCS1_2048'],
    ['EC_SIGN_ED25519'],
    ['ecdsa_p256_sha256'],
    [''],
  ])('refuses %j', (algorithm) => {
    expect(checkSignatureAlgorithm(algorithm)).toMatch(/Binary Authorization accepts one of .*ECDSA_P256_SHA256/);
  });
});

describe('checkKmsSigningAlgorithm', () => {
  test.each(KMS_COMPATIBLE_ALGORITHMS.map((a) => [a]))('accepts %s', (algorithm) => {
    expect(checkKmsSigningAlgorithm(algorithm)).toBeUndefined();
  });

  test('every KMS-compatible algorithm is a Binary Authorization algorithm', () => {
    for (const algorithm of KMS_COMPATIBLE_ALGORITHMS) {
      expect(checkSignatureAlgorithm(algorithm)).toBeUndefined();
    }
  });

  test.each([
    ['EC_SIGN_SECP256K1_SHA256', /secp256k1/],
    ['RSA_SIGN_RAW_PKCS1_2048', /raw PKCS#1/],
    ['RSA_SIGN_RAW_PKCS1_4096', /raw PKCS#1/],
    ['EC_SIGN_ED25519', /Ed25519/],
    ['PQ_SIGN_ML_DSA_65', /post-quantum/],
    ['GOOGLE_SYMMETRIC_ENCRYPTION', /use an ASYMMETRIC_SIGN algorithm/],
    // Binary Authorization's own names are not Cloud KMS names.
    ['ECDSA_P256_SHA256', /use an ASYMMETRIC_SIGN algorithm Binary Authorization verifies: EC_SIGN_P256_SHA256/],
  ])('refuses %s', (algorithm, message) => {
    expect(checkKmsSigningAlgorithm(algorithm)).toMatch(message);
  });
});

describe('checkPublicKeyPem', () => {
  test('accepts a SubjectPublicKeyInfo PEM', () => {
    expect(checkPublicKeyPem(EC_PUBLIC_KEY_PEM)).toBeUndefined();
  });

  test('accepts CRLF line ends and surrounding whitespace', () => {
    expect(checkPublicKeyPem(`\n  ${EC_PUBLIC_KEY_PEM.replace(/\n/g, '\r\n')}  `)).toBeUndefined();
  });

  test('refuses a private key and says why', () => {
    const pem =
      '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n';
    expect(checkPublicKeyPem(pem)).toMatch(/private key, which must never be put in configuration/);
    expect(checkPublicKeyPem(pem.replace(/PRIVATE KEY/g, 'EC PRIVATE KEY'))).toMatch(/private key/);
  });

  test('refuses a PKCS#1 RSA public key and gives the conversion', () => {
    expect(checkPublicKeyPem(RSA_PKCS1_PUBLIC_KEY_PEM)).toMatch(/PKCS#1 "RSA PUBLIC KEY" is not accepted.*-pubout/);
  });

  test.each([
    [
      'a certificate',
      EC_PUBLIC_KEY_PEM.replace(/PUBLIC KEY/g, 'CERTIFICATE'),
      /"CERTIFICATE" block is not a public key/,
    ],
    [
      'mismatched labels',
      EC_PUBLIC_KEY_PEM.replace('END PUBLIC KEY', 'END CERTIFICATE'),
      /BEGIN and END labels differ/,
    ],
    ['no armor', 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE', /pass a PEM public key/],
    [
      'a body that is not base64',
      '-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----',
      /pass a PEM public key/,
    ],
    ['a body too short', '-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----', /too short/],
    ['an empty string', '', /pass a PEM public key/],
  ])('refuses %s', (_, pem, message) => {
    expect(checkPublicKeyPem(pem)).toMatch(message);
  });
});

describe('checkPgpPublicKey', () => {
  test('accepts gpg --armor --export output', () => {
    expect(checkPgpPublicKey(PGP_PUBLIC_KEY)).toBeUndefined();
  });

  test('accepts armor headers', () => {
    expect(checkPgpPublicKey(PGP_PUBLIC_KEY.replace('BLOCK-----\n', 'BLOCK-----\nComment: test\n'))).toBeUndefined();
  });

  test.each([
    ['a private key', PGP_PUBLIC_KEY.replace(/PUBLIC KEY/g, 'PRIVATE KEY'), /private key, which must never/],
    ['a binary or bare base64 key', 'mDMEaw1y/RYJKwYBBAHaRw8BAQdAP4zkDJB8DELmNxHT6hpuoQz', /ASCII-armored public key/],
    ['a PEM key', EC_PUBLIC_KEY_PEM, /ASCII-armored public key/],
    ['a message block', PGP_PUBLIC_KEY.replace(/PUBLIC KEY BLOCK/g, 'MESSAGE'), /ASCII-armored public key/],
    [
      'a body that is not base64',
      '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nthis is not base64 at all, is it? no it is not base64\n-----END PGP PUBLIC KEY BLOCK-----',
      /armored body is not base64/,
    ],
  ])('refuses %s', (_, armored, message) => {
    expect(checkPgpPublicKey(armored)).toMatch(message);
  });
});

describe('checkKeyUri', () => {
  test.each([
    ['ni:///sha-256;abc'],
    ['//cloudkms.googleapis.com/v1/projects/p/x'],
    ['https://keys.example.com/1'],
    ['urn:key:1'],
  ])('accepts %s', (id) => expect(checkKeyUri(id)).toBeUndefined());

  test.each([['my key'], ['key-1'], ['/relative/path'], ['']])('refuses %j', (id) => {
    expect(checkKeyUri(id)).toMatch(/must be a URI \(RFC 3986\)/);
  });
});

describe('KMS ids and locations', () => {
  test.each([['ring'], ['A_b-1'], ['x'.repeat(63)]])('accepts the id %s', (id) =>
    expect(checkKmsId(id)).toBeUndefined(),
  );
  test.each([[''], ['x'.repeat(64)], ['a.b'], ['a/b']])('refuses the id %j', (id) =>
    expect(checkKmsId(id)).toMatch(/1 to 63 letters/),
  );
  test.each([['global'], ['us'], ['europe-west4'], ['nam4']])('accepts the location %s', (l) =>
    expect(checkKmsLocation(l)).toBeUndefined(),
  );
  test.each([['Global'], ['us_central1'], ['']])('refuses the location %j', (l) =>
    expect(checkKmsLocation(l)).toMatch(/KMS location/),
  );
});

describe('parseKmsKeyVersionName', () => {
  const name = 'projects/sec-project/locations/global/keyRings/ring/cryptoKeys/signer/cryptoKeyVersions/3';

  test('parses every part', () => {
    expect(parseKmsKeyVersionName(name)).toEqual({
      project: 'sec-project',
      location: 'global',
      keyRing: 'ring',
      cryptoKey: 'signer',
      version: 3,
    });
  });

  test('gives the crypto key and the attestor key id', () => {
    const parsed = parseKmsKeyVersionName(name);
    expect(kmsCryptoKeyOf(parsed)).toBe('projects/sec-project/locations/global/keyRings/ring/cryptoKeys/signer');
    expect(kmsKeyVersionUri(name)).toBe(`//cloudkms.googleapis.com/v1/${name}`);
  });

  test.each([
    ['a crypto key without version', name.replace(/\/cryptoKeyVersions\/3$/, ''), /looks like "projects\/PROJECT_ID/],
    ['a version that is not a number', name.replace(/3$/, 'latest'), /the version is a positive number/],
    ['version 0', name.replace(/3$/, '0'), /the version is a positive number/],
    ['a bad project id', name.replace('sec-project', 'Sec'), /a project id has 6 to 30/],
    ['a bad location', name.replace('global', 'GLOBAL'), /KMS location/],
    ['a bad key ring id', name.replace('ring', 'ri.ng'), /a KMS id has/],
    ['a console URL', `https://console.cloud.google.com/${name}`, /looks like/],
  ])('refuses %s', (_, value, message) => {
    expect(() => parseKmsKeyVersionName(value)).toThrow(message);
  });
});

describe('parseKmsKeyRingName', () => {
  test('parses every part', () => {
    expect(parseKmsKeyRingName('projects/sec-project/locations/us/keyRings/ring')).toEqual({
      project: 'sec-project',
      location: 'us',
      keyRing: 'ring',
    });
  });

  test.each([
    ['ring'],
    ['projects/sec-project/locations/us/keyRings/ring/cryptoKeys/k'],
    ['projects/p/locations/us/keyRings/ring'],
  ])('refuses %s', (value) => expect(() => parseKmsKeyRingName(value)).toThrow(/a key ring name looks like/));
});

describe('checkPublicKeyPem: the key itself', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const spki = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const bodyOf = (pem: string) => pem.split('\n').filter((l) => !l.startsWith('-----'));

  test('refuses a private key without its PEM lines, in lines or on one line', () => {
    const pkcs8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const pkcs1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(checkPublicKeyPem(bodyOf(pkcs8).join('\n'))).toMatch(/this is a private key/);
    expect(checkPublicKeyPem(bodyOf(pkcs1).join(''))).toMatch(/this is a private key/);
  });

  test('a public key without its PEM lines is not a private key, and not accepted either', () => {
    expect(checkPublicKeyPem(bodyOf(spki).join('\n'))).toMatch(/^pass a PEM public key/);
  });

  test('refuses a body that is base64 but not a key', () => {
    const pem = `-----BEGIN PUBLIC KEY-----\n${Buffer.alloc(90, 7).toString('base64')}\n-----END PUBLIC KEY-----\n`;
    expect(checkPublicKeyPem(pem)).toMatch(/the body does not decode as a public key/);
  });

  test('refuses keys of types Binary Authorization does not verify', () => {
    const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    expect(checkPublicKeyPem(ed)).toMatch(/a ed25519 key is not verifiable/);
    expect(checkPublicKeyPem(k1)).toMatch(/a ec key is not verifiable/);
  });
});

describe('checkKeyFitsAlgorithm', () => {
  const rsa3072 = generateKeyPairSync('rsa', { modulusLength: 3072 })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString();

  test.each(BINAUTHZ_SIGNATURE_ALGORITHMS.map((a) => [a]))(
    'checks %s against a P-256 and an RSA 3072 key',
    (algorithm) => {
      const p256 = checkKeyFitsAlgorithm(EC_PUBLIC_KEY_PEM, algorithm);
      const rsa = checkKeyFitsAlgorithm(rsa3072, algorithm);
      expect(p256 === undefined).toBe(/P256/.test(algorithm));
      expect(rsa === undefined).toBe(/^RSA_.*_3072_/.test(algorithm));
    },
  );

  test('leaves unknown algorithms and unreadable keys to their own checks', () => {
    expect(checkKeyFitsAlgorithm(EC_PUBLIC_KEY_PEM, 'NOT_AN_ALGORITHM')).toBeUndefined();
    expect(checkKeyFitsAlgorithm('not a key', 'ECDSA_P256_SHA256')).toBeUndefined();
  });
});
