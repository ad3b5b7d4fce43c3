import { generateKeyPairSync } from 'crypto';
import {
  BINAUTHZ_SIGNATURE_ALGORITHMS,
  binauthzAlgorithmName,
  checkKeyFitsAlgorithm,
  checkKeyUri,
  checkKmsId,
  checkKmsLocation,
  checkKmsSigningAlgorithm,
  checkPgpPublicKey,
  checkPublicKeyPem,
  checkSignatureAlgorithm,
  KMS_COMPATIBLE_ALGORITHMS,
  kmsAlgorithmName,
  kmsCryptoKeyOf,
  kmsKeyVersionUri,
  parseKmsKeyRingName,
  parseKmsKeyVersionName,
  pgpArmorChecksum,
  SIGNATURE_ALGORITHM_ALIASES,
} from '../../src/core/keys';
import {
  EC_PUBLIC_KEY_PEM,
  PGP_PUBLIC_KEY,
  PGP_PUBLIC_KEY_BODY,
  pgpSecretKeyBody,
  PROVIDER_TEST_PGP_BODY,
  RSA_PKCS1_PUBLIC_KEY_PEM,
} from '../fixtures/keys';
import { testAccepts, testRefuses, testReturns } from '../support';

describe('checkSignatureAlgorithm', () => {
  testAccepts(checkSignatureAlgorithm, BINAUTHZ_SIGNATURE_ALGORITHMS);

  testRefuses(
    checkSignatureAlgorithm,
    ['EC_SIGN_SECP256K1_SHA256', 'RSA_SIGN_RAW_PKCS1_2048', 'EC_SIGN_ED25519', 'ecdsa_p256_sha256', ''],
    /Binary Authorization accepts one of .*ECDSA_P256_SHA256/,
  );
});

describe('checkKmsSigningAlgorithm', () => {
  testAccepts(checkKmsSigningAlgorithm, KMS_COMPATIBLE_ALGORITHMS);

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
  /** `body` (radix-64 of `data`) as gpg armors it, with its checksum. */
  const armor = (data: Buffer) =>
    `-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n${data.toString('base64').replace(/.{64}/g, '$&\n')}\n${pgpArmorChecksum(data)}\n-----END PGP PUBLIC KEY BLOCK-----\n`;
  const fixtureBytes = Buffer.from(PGP_PUBLIC_KEY_BODY.replace(/\n/g, ''), 'base64');

  describe('accepts', () => {
    test.each([
      ['gpg --armor --export output (the fixture)', PGP_PUBLIC_KEY],
      ['the bare body from the provider acceptance test, with its checksum line', PROVIDER_TEST_PGP_BODY],
      ['the fixture body alone, without a checksum line', PGP_PUBLIC_KEY_BODY],
      ['the fixture body with its checksum line', `${PGP_PUBLIC_KEY_BODY}\n=5uaV\n`],
      ['the provider body on one line', PROVIDER_TEST_PGP_BODY.replace(/\n(?!=)/g, '')],
      [
        'the provider body armored',
        armor(Buffer.from(PROVIDER_TEST_PGP_BODY.replace(/\n=.*\n$/, '').replace(/\n/g, ''), 'base64')),
      ],
      ['a body whose padding wrapped onto a line of its own', PGP_PUBLIC_KEY_BODY.replace(/=$/, '\n=')],
      ['armor headers', PGP_PUBLIC_KEY.replace('BLOCK-----\n', 'BLOCK-----\nComment: test\nVersion: GnuPG v2\n')],
      ['armor without the blank line after BEGIN', PGP_PUBLIC_KEY.replace('BLOCK-----\n\n', 'BLOCK-----\n')],
      ['CRLF line ends and surrounding whitespace', `\n ${PGP_PUBLIC_KEY.replace(/\n/g, '\r\n')}  `],
      ['CRLF in a bare body', PROVIDER_TEST_PGP_BODY.replace(/\n/g, '\r\n')],
      [
        'a new-format packet header (tag 6, one-octet length)',
        armor(Buffer.concat([Buffer.from([0xc6, fixtureBytes[1]]), fixtureBytes.subarray(2)])),
      ],
      [
        'a new-format packet header (two-octet length)',
        armor(Buffer.concat([Buffer.from([0xc6, 0xc0, 0x00]), Buffer.alloc(192, 4)])),
      ],
      [
        'a new-format packet header (five-octet length)',
        armor(Buffer.concat([Buffer.from([0xc6, 0xff, 0, 0, 0, 3]), Buffer.from([4, 0, 0])])),
      ],
      [
        'an old-format packet header with a two-octet length',
        armor(Buffer.concat([Buffer.from([0x99, 0x00, 0x03]), Buffer.from([4, 0, 0])])),
      ],
    ])('%s', (_, key) => {
      expect(checkPgpPublicKey(key)).toBeUndefined();
    });
  });

  describe('refuses a private key, and says so', () => {
    test.each([
      ['an armored private key block', PGP_PUBLIC_KEY.replace(/PUBLIC KEY/g, 'PRIVATE KEY')],
      ['a bare Secret-Key packet (tag 5, old format)', pgpSecretKeyBody()],
      [
        'a Secret-Key packet (tag 5, new format)',
        armor(Buffer.concat([Buffer.from([0xc5, 3]), Buffer.from([4, 0, 0])])),
      ],
      ['a Secret-Subkey packet (tag 7)', armor(Buffer.concat([Buffer.from([0x9c, 3]), Buffer.from([4, 0, 0])]))],
      [
        'a PEM private key',
        '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n',
      ],
    ])('%s', (_, key) => {
      expect(checkPgpPublicKey(key)).toMatch(
        /^this is a private key, which must never be put in configuration; pass an OpenPGP public key/,
      );
    });
  });

  describe('refuses what is not an OpenPGP public key', () => {
    test.each([
      [
        'an empty string',
        '',
        /^the body is not radix-64 \(base64\); pass an OpenPGP public key as "gpg --armor --export KEY_ID" prints it/,
      ],
      ['a PEM public key', EC_PUBLIC_KEY_PEM, /^a "PUBLIC KEY" block is not an OpenPGP public key/],
      [
        'a message block',
        PGP_PUBLIC_KEY.replace(/PUBLIC KEY BLOCK/g, 'MESSAGE'),
        /^a "PGP MESSAGE" block is not an OpenPGP public key/,
      ],
      [
        'armor without its END line',
        PGP_PUBLIC_KEY.replace('-----END PGP PUBLIC KEY BLOCK-----\n', ''),
        /^the armor has no "-----END PGP PUBLIC KEY BLOCK-----" line/,
      ],
      [
        'a dashed line that is not armor',
        `----- key -----\n${PGP_PUBLIC_KEY_BODY}`,
        /^the armor line is not "-----BEGIN PGP PUBLIC KEY BLOCK-----"/,
      ],
      [
        'an ssh key',
        'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl',
        /^the body is not radix-64/,
      ],
      [
        'a body that is not base64',
        '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nthis is not base64 at all\n-----END PGP PUBLIC KEY BLOCK-----',
        /^the body is not radix-64/,
      ],
      [
        'a body of a length base64 never has',
        'mDMEaw1y/RYJKwYBBAHaRw8BAQdAP4zkDJB8DELmNxHT6hpuoQz',
        /^the body is not radix-64/,
      ],
      [
        'a malformed checksum line',
        `${PGP_PUBLIC_KEY_BODY}\n=5ua\n`,
        /^the checksum line is not "=" and 4 radix-64 characters/,
      ],
      [
        'a checksum that does not match',
        PGP_PUBLIC_KEY.replace('=5uaV', '=5uaW'),
        /^the checksum line does not match the body, so the key was changed or cut; export it again/,
      ],
      [
        'a body cut by a line, with its checksum',
        PGP_PUBLIC_KEY.replace(/\n[^\n]*\n=5uaV/, '\n=5uaV'),
        /^the checksum line does not match the body/,
      ],
      [
        'a body cut short without a checksum',
        PGP_PUBLIC_KEY_BODY.split('\n')[0], // 48 of the key packet's 53 bytes
        /^the public key packet is cut short/,
      ],
      [
        'base64 of text',
        Buffer.from('this is not a key, but it is base64 all the same').toString('base64'),
        /^the body does not start with an OpenPGP packet/,
      ],
      [
        'a PKIX public key body',
        EC_PUBLIC_KEY_PEM.split('\n')
          .filter((l) => l && !l.startsWith('-----'))
          .join('\n'),
        /^the body does not start with an OpenPGP packet/,
      ],
      [
        'a signature packet (tag 2)',
        armor(Buffer.from([0x88, 3, 4, 0, 0])),
        /^the body starts with a signature, not a public key/,
      ],
      [
        'a public subkey packet (tag 14)',
        armor(Buffer.from([0xb8, 3, 4, 0, 0])),
        /^the body starts with a public subkey \(not a primary key\), not a public key/,
      ],
      [
        'a packet of an unnamed type (tag 60)',
        armor(Buffer.from([0xfc, 3, 4, 0, 0])),
        /^the body starts with a packet of type 60, not a public key/,
      ],
      ['an indeterminate length', armor(Buffer.from([0x9b, 4, 0, 0])), /^the public key packet is cut short/],
      ['a partial body length', armor(Buffer.from([0xc6, 0xe1, 4, 0, 0])), /^the public key packet is cut short/],
      [
        'a header with no length',
        armor(Buffer.from([0xc6])).replace(/\n=.*\n/, '\n'),
        /^the public key packet is cut short/,
      ],
    ])('%s', (_, key, message) => {
      expect(checkPgpPublicKey(key)).toMatch(message);
    });
  });
});

describe('pgpArmorChecksum', () => {
  test('is the CRC-24 of RFC 4880 §6.1, as gpg writes it', () => {
    expect(pgpArmorChecksum(Buffer.from(PGP_PUBLIC_KEY_BODY.replace(/\n/g, ''), 'base64'))).toBe('=5uaV');
    const provider = PROVIDER_TEST_PGP_BODY.split('\n').filter((l) => l && !l.startsWith('='));
    expect(pgpArmorChecksum(Buffer.from(provider.join(''), 'base64'))).toBe('=6Bvm');
    expect(pgpArmorChecksum(Buffer.alloc(0))).toBe('=twTO'); // the initial value 0xB704CE
  });
});

describe('signature algorithm names', () => {
  test('every alias maps to a Binary Authorization name, and no name is an alias of itself', () => {
    for (const [alias, name] of Object.entries(SIGNATURE_ALGORITHM_ALIASES)) {
      expect(BINAUTHZ_SIGNATURE_ALGORITHMS).toContain(alias);
      expect(BINAUTHZ_SIGNATURE_ALGORITHMS).toContain(name);
      expect(SIGNATURE_ALGORITHM_ALIASES[name]).toBeUndefined();
    }
  });

  testReturns('binauthzAlgorithmName', binauthzAlgorithmName, [
    ['RSA_SIGN_PSS_2048_SHA256', 'RSA_PSS_2048_SHA256'],
    ['RSA_SIGN_PSS_3072_SHA256', 'RSA_PSS_3072_SHA256'],
    ['RSA_SIGN_PSS_4096_SHA256', 'RSA_PSS_4096_SHA256'],
    ['RSA_SIGN_PSS_4096_SHA512', 'RSA_PSS_4096_SHA512'],
    ['EC_SIGN_P256_SHA256', 'ECDSA_P256_SHA256'],
    ['EC_SIGN_P384_SHA384', 'ECDSA_P384_SHA384'],
    ['EC_SIGN_P521_SHA512', 'ECDSA_P521_SHA512'],
    ['RSA_SIGN_PKCS1_4096_SHA512', 'RSA_SIGN_PKCS1_4096_SHA512'],
    ['ECDSA_P256_SHA256', 'ECDSA_P256_SHA256'],
    ['RSA_PSS_2048_SHA256', 'RSA_PSS_2048_SHA256'],
    ['NOT_AN_ALGORITHM', 'NOT_AN_ALGORITHM'],
    ['constructor', 'constructor'],
  ]);

  test('every KMS-compatible algorithm has a Binary Authorization name, and back', () => {
    for (const algorithm of KMS_COMPATIBLE_ALGORITHMS) {
      const stored = binauthzAlgorithmName(algorithm);
      expect(checkSignatureAlgorithm(stored)).toBeUndefined();
      expect(kmsAlgorithmName(stored)).toBe(algorithm);
    }
  });

  testReturns('kmsAlgorithmName', kmsAlgorithmName, [
    ['ECDSA_P256_SHA256', 'EC_SIGN_P256_SHA256'],
    ['RSA_PSS_4096_SHA512', 'RSA_SIGN_PSS_4096_SHA512'],
    ['EC_SIGN_P384_SHA384', 'EC_SIGN_P384_SHA384'],
    ['RSA_SIGN_PKCS1_2048_SHA256', 'RSA_SIGN_PKCS1_2048_SHA256'],
  ]);
});

describe('checkKeyUri', () => {
  testAccepts(checkKeyUri, [
    'ni:///sha-256;abc',
    '//cloudkms.googleapis.com/v1/projects/p/x',
    'https://keys.example.com/1',
    'urn:key:1',
  ]);

  testRefuses(checkKeyUri, ['my key', 'key-1', '/relative/path', ''], /must be a URI \(RFC 3986\)/);
});

describe('KMS ids and locations', () => {
  testAccepts(checkKmsId, ['ring', 'A_b-1', 'x'.repeat(63)], 'accepts the id %s');
  testRefuses(checkKmsId, ['', 'x'.repeat(64), 'a.b', 'a/b'], /1 to 63 letters/, 'refuses the id %j');
  testAccepts(checkKmsLocation, ['global', 'us', 'europe-west4', 'nam4'], 'accepts the location %s');
  testRefuses(checkKmsLocation, ['Global', 'us_central1', ''], /KMS location/, 'refuses the location %j');
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
