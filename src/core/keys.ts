/**
 * Attestor key rules: public key PEM and PGP armor shapes, Cloud KMS resource names, and which
 * signature algorithms Binary Authorization accepts.
 *
 * Each `check*` function returns `undefined` when the value is valid, or a problem sentence that says
 * what the value must look like (without the value itself: the caller adds where it came from).
 * Framework-free: callers skip these checks for unresolved tokens.
 */
import { createPrivateKey, createPublicKey, KeyObject } from 'crypto';
import { checkProjectId } from './names';

/**
 * The `SignatureAlgorithm` values of the Binary Authorization v1 API (`PkixPublicKey.signatureAlgorithm`),
 * aliases included: `ECDSA_*` and `EC_SIGN_*` are the same values, as are `RSA_PSS_*` and `RSA_SIGN_PSS_*`.
 */
export const BINAUTHZ_SIGNATURE_ALGORITHMS: readonly string[] = [
  'RSA_PSS_2048_SHA256',
  'RSA_PSS_3072_SHA256',
  'RSA_PSS_4096_SHA256',
  'RSA_PSS_4096_SHA512',
  'RSA_SIGN_PSS_2048_SHA256',
  'RSA_SIGN_PSS_3072_SHA256',
  'RSA_SIGN_PSS_4096_SHA256',
  'RSA_SIGN_PSS_4096_SHA512',
  'RSA_SIGN_PKCS1_2048_SHA256',
  'RSA_SIGN_PKCS1_3072_SHA256',
  'RSA_SIGN_PKCS1_4096_SHA256',
  'RSA_SIGN_PKCS1_4096_SHA512',
  'ECDSA_P256_SHA256',
  'EC_SIGN_P256_SHA256',
  'ECDSA_P384_SHA384',
  'EC_SIGN_P384_SHA384',
  'ECDSA_P521_SHA512',
  'EC_SIGN_P521_SHA512',
];

/**
 * The Cloud KMS `CryptoKeyVersionAlgorithm`s for `ASYMMETRIC_SIGN` keys whose signatures Binary
 * Authorization can verify: the KMS names that are also Binary Authorization `SignatureAlgorithm`s.
 * (INFERENCE from the two enums: no Google page lists the pairs.)
 */
export const KMS_COMPATIBLE_ALGORITHMS: readonly string[] = [
  'EC_SIGN_P256_SHA256',
  'EC_SIGN_P384_SHA384',
  'RSA_SIGN_PKCS1_2048_SHA256',
  'RSA_SIGN_PKCS1_3072_SHA256',
  'RSA_SIGN_PKCS1_4096_SHA256',
  'RSA_SIGN_PKCS1_4096_SHA512',
  'RSA_SIGN_PSS_2048_SHA256',
  'RSA_SIGN_PSS_3072_SHA256',
  'RSA_SIGN_PSS_4096_SHA256',
  'RSA_SIGN_PSS_4096_SHA512',
];

/**
 * The one table of signature algorithm names: each alias Binary Authorization accepts, mapped to the name
 * it stores and returns. The API's `SignatureAlgorithm` enum gives both names the same number, and an
 * aliased enum value is returned under its first name: `ECDSA_*` (for the Cloud KMS spelling `EC_SIGN_*`)
 * and `RSA_PSS_*` (for the Cloud KMS spelling `RSA_SIGN_PSS_*`). `RSA_SIGN_PKCS1_*` is one name in both
 * APIs and is not listed.
 *
 * The Google provider compares `pkix_public_key.signature_algorithm` with a diff-suppress,
 * `CompareSignatureAlgorithm` (hashicorp/terraform-provider-google v6.38.0,
 * google/services/binaryauthorization/resource_binary_authorization_attestor.go), whose table maps only
 * the `EC_SIGN_*` names to `ECDSA_*`: a configured `RSA_SIGN_PSS_*` (what Cloud KMS reports for an RSA-PSS
 * key) differs from the stored `RSA_PSS_*` on every plan. Writing the stored name for every algorithm makes
 * the plan converge, and needs no diff-suppress at all.
 *
 * Read it the other way for Cloud KMS: `kmsAlgorithmName`.
 */
export const SIGNATURE_ALGORITHM_ALIASES: Readonly<Record<string, string>> = {
  EC_SIGN_P256_SHA256: 'ECDSA_P256_SHA256',
  EC_SIGN_P384_SHA384: 'ECDSA_P384_SHA384',
  EC_SIGN_P521_SHA512: 'ECDSA_P521_SHA512',
  RSA_SIGN_PSS_2048_SHA256: 'RSA_PSS_2048_SHA256',
  RSA_SIGN_PSS_3072_SHA256: 'RSA_PSS_3072_SHA256',
  RSA_SIGN_PSS_4096_SHA256: 'RSA_PSS_4096_SHA256',
  RSA_SIGN_PSS_4096_SHA512: 'RSA_PSS_4096_SHA512',
};

/**
 * The name Binary Authorization stores for a signature algorithm (`ECDSA_P256_SHA256` for
 * `EC_SIGN_P256_SHA256`, `RSA_PSS_4096_SHA256` for `RSA_SIGN_PSS_4096_SHA256`); any other name as given.
 */
export function binauthzAlgorithmName(algorithm: string): string {
  return Object.prototype.hasOwnProperty.call(SIGNATURE_ALGORITHM_ALIASES, algorithm)
    ? SIGNATURE_ALGORITHM_ALIASES[algorithm]
    : algorithm;
}

/**
 * The Cloud KMS spelling of a Binary Authorization algorithm name (`EC_SIGN_P256_SHA256` for
 * `ECDSA_P256_SHA256`, `RSA_SIGN_PSS_2048_SHA256` for `RSA_PSS_2048_SHA256`); any other name as given.
 */
export function kmsAlgorithmName(algorithm: string): string {
  const alias = Object.keys(SIGNATURE_ALGORITHM_ALIASES).find((k) => SIGNATURE_ALGORITHM_ALIASES[k] === algorithm);
  return alias ?? algorithm;
}

/** KMS signing algorithms that exist but that Binary Authorization cannot verify, with the reason. */
const KMS_INCOMPATIBLE: ReadonlyArray<[RegExp, string]> = [
  [/^EC_SIGN_SECP256K1_SHA256$/, 'secp256k1 keys are not among the curves Binary Authorization verifies'],
  [/^RSA_SIGN_RAW_PKCS1_/, 'raw PKCS#1 signatures (no digest) are not verifiable by Binary Authorization'],
  [/^EC_SIGN_ED25519$/, 'Ed25519 keys are not verifiable by Binary Authorization'],
  [/^(PQ_SIGN_|ML_DSA_|SLH_DSA_)/, 'post-quantum keys are not verifiable by Binary Authorization'],
];

/** A Binary Authorization `SignatureAlgorithm` (for PKIX keys). */
export function checkSignatureAlgorithm(algorithm: string): string | undefined {
  return BINAUTHZ_SIGNATURE_ALGORITHMS.includes(algorithm)
    ? undefined
    : `Binary Authorization accepts one of ${BINAUTHZ_SIGNATURE_ALGORITHMS.join(', ')}`;
}

/** A Cloud KMS key algorithm whose signatures Binary Authorization can verify. */
export function checkKmsSigningAlgorithm(algorithm: string): string | undefined {
  if (KMS_COMPATIBLE_ALGORITHMS.includes(algorithm)) {
    return undefined;
  }
  const known = KMS_INCOMPATIBLE.find(([pattern]) => pattern.test(algorithm));
  const reason = known ? `${known[1]}; ` : '';
  return `${reason}use an ASYMMETRIC_SIGN algorithm Binary Authorization verifies: ${KMS_COMPATIBLE_ALGORITHMS.join(', ')}`;
}

const PEM = /^-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\r\n]+)-----END ([A-Z0-9 ]+)-----\s*$/;
const PEM_FIX = 'pass a PEM public key: "-----BEGIN PUBLIC KEY-----", base64 lines, "-----END PUBLIC KEY-----"';
const PRIVATE_KEY_PROBLEM = `this is a private key, which must never be put in configuration; ${PEM_FIX} (for example from "openssl pkey -pubout")`;

/**
 * A PEM-encoded public key (SubjectPublicKeyInfo, `-----BEGIN PUBLIC KEY-----`), the form Binary
 * Authorization PKIX keys take: an RSA or elliptic-curve key that Node's crypto can read. A private key
 * is refused, with or without its PEM header lines.
 */
export function checkPublicKeyPem(pem: string): string | undefined {
  if (/PRIVATE KEY/.test(pem) || isHeaderlessPrivateKey(pem)) {
    return PRIVATE_KEY_PROBLEM;
  }
  const match = PEM.exec(pem.trim() + '\n');
  if (!match) {
    return PEM_FIX;
  }
  const [, begin, body, end] = match;
  if (begin !== end) {
    return `the BEGIN and END labels differ; ${PEM_FIX}`;
  }
  if (begin === 'RSA PUBLIC KEY') {
    return `a PKCS#1 "RSA PUBLIC KEY" is not accepted; convert it with "openssl rsa -RSAPublicKey_in -pubout"; ${PEM_FIX}`;
  }
  if (begin !== 'PUBLIC KEY') {
    return `a "${begin}" block is not a public key; ${PEM_FIX}`;
  }
  if (body.replace(/\s/g, '').length < 40) {
    return `the base64 body is too short to be a key; ${PEM_FIX}`;
  }
  const key = readPublicKey(pem);
  if (key === undefined) {
    return `the body does not decode as a public key (SubjectPublicKeyInfo); ${PEM_FIX}`;
  }
  if (describeKey(key) === undefined) {
    return `a ${key.asymmetricKeyType} key is not verifiable by Binary Authorization, which takes RSA and elliptic-curve (P-256, P-384, P-521) keys`;
  }
  return undefined;
}

/**
 * Whether a valid PEM public key fits a Binary Authorization signature algorithm: key type, RSA size or
 * curve. Returns the problem, naming the algorithms the key does fit.
 */
export function checkKeyFitsAlgorithm(pem: string, algorithm: string): string | undefined {
  const needed = keyShapeOf(algorithm);
  const key = readPublicKey(pem);
  const shape = key === undefined ? undefined : describeKey(key);
  if (needed === undefined || shape === undefined || fits(shape, needed)) {
    return undefined; // an unknown algorithm or an unreadable key is reported by its own check
  }
  const fitting = BINAUTHZ_SIGNATURE_ALGORITHMS.filter((a) => {
    const s = keyShapeOf(a);
    return s !== undefined && fits(shape, s);
  });
  return `the key is ${shapeText(shape)}, but ${algorithm} needs ${shapeText(needed)}; pass the algorithm the key was made for${
    fitting.length ? ` (${fitting.join(', ')})` : ''
  }, or the key that belongs to the algorithm`;
}

/** A key's type and size, as far as signature algorithms care. */
interface KeyShape {
  readonly type: 'rsa' | 'ec';
  /** RSA modulus length in bits. */
  readonly bits?: number;
  /** EC curve, as Node names it. */
  readonly curve?: string;
  /** An `rsa-pss` key, which only RSA-PSS algorithms may use; for an algorithm, whether it is RSA-PSS. */
  readonly pss?: boolean;
}

const CURVES: Record<string, string> = { 256: 'prime256v1', 384: 'secp384r1', 521: 'secp521r1' };
const CURVE_NAMES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

/** What an algorithm needs of its key, from its name (`RSA_SIGN_PKCS1_2048_SHA256`, `ECDSA_P256_SHA256`). */
function keyShapeOf(algorithm: string): KeyShape | undefined {
  const rsa = /^(RSA_PSS|RSA_SIGN_PSS|RSA_SIGN_PKCS1)_([0-9]+)_SHA[0-9]+$/.exec(algorithm);
  if (rsa) {
    return { type: 'rsa', bits: Number(rsa[2]), pss: rsa[1] !== 'RSA_SIGN_PKCS1' };
  }
  const ec = /^(ECDSA|EC_SIGN)_P(256|384|521)_SHA[0-9]+$/.exec(algorithm);
  return ec ? { type: 'ec', curve: CURVES[ec[2]] } : undefined;
}

function describeKey(key: KeyObject): KeyShape | undefined {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { type: 'rsa', bits: details.modulusLength };
    case 'rsa-pss':
      return { type: 'rsa', bits: details.modulusLength, pss: true };
    case 'ec':
      return details.namedCurve !== undefined && CURVE_NAMES[details.namedCurve] !== undefined
        ? { type: 'ec', curve: details.namedCurve }
        : undefined;
    default:
      return undefined;
  }
}

/** Whether a key of shape `key` can verify signatures of an algorithm that needs `needed`. */
function fits(key: KeyShape, needed: KeyShape): boolean {
  if (key.type !== needed.type) {
    return false;
  }
  if (key.type === 'ec') {
    return key.curve === needed.curve;
  }
  // An rsa-pss key is restricted to RSA-PSS; a plain RSA key serves both paddings.
  return key.bits === needed.bits && (!key.pss || needed.pss === true);
}

function shapeText(shape: KeyShape): string {
  return shape.type === 'ec'
    ? `an elliptic-curve key on ${CURVE_NAMES[shape.curve ?? ''] ?? shape.curve}`
    : `an RSA key of ${shape.bits} bits${shape.pss ? ' (RSA-PSS)' : ''}`;
}

function readPublicKey(pem: string): KeyObject | undefined {
  try {
    return createPublicKey({ key: pem.trim(), format: 'pem' });
  } catch {
    return undefined;
  }
}

/** Whether `value` is base64 (no PEM lines) that decodes as a private key (PKCS#8, PKCS#1 or SEC1). */
function isHeaderlessPrivateKey(value: string): boolean {
  const body = value.replace(/\s/g, '');
  if (body.length < 40 || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
    return false;
  }
  const der = Buffer.from(body, 'base64');
  for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
    try {
      createPrivateKey({ key: der, format: 'der', type });
      return true;
    } catch {
      // not this encoding
    }
  }
  return false;
}

const PGP_FIX =
  'pass an OpenPGP public key as "gpg --armor --export KEY_ID" prints it ("-----BEGIN PGP PUBLIC KEY BLOCK-----" … "-----END PGP PUBLIC KEY BLOCK-----"), or its radix-64 body alone';
const PGP_PRIVATE_PROBLEM = `this is a private key, which must never be put in configuration; ${PGP_FIX}`;
const PGP_BEGIN = '-----BEGIN PGP PUBLIC KEY BLOCK-----';
const PGP_END = '-----END PGP PUBLIC KEY BLOCK-----';
/** An armor header line (RFC 4880 §6.2), such as `Comment: …` or `Version: …`. */
const ARMOR_HEADER = /^[A-Za-z][A-Za-z0-9-]*: /;
/** The armor checksum line: `=` and the radix-64 of a CRC-24 (RFC 4880 §6.1). */
const ARMOR_CHECKSUM = /^=[A-Za-z0-9+/]{4}$/;
const RADIX64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** OpenPGP packet tags (RFC 4880 §4.3) that the messages name. */
const PACKET_NAMES: Record<number, string> = {
  1: 'an encrypted session key',
  2: 'a signature',
  3: 'a symmetric-key encrypted session key',
  4: 'a one-pass signature',
  8: 'compressed data',
  11: 'literal data',
  13: 'a user id',
  14: 'a public subkey (not a primary key)',
};
const PUBLIC_KEY_TAG = 6;
/** Secret-Key and Secret-Subkey packets. */
const SECRET_KEY_TAGS = [5, 7];

/**
 * An OpenPGP public key as Binary Authorization takes it (`ascii_armored_pgp_public_key`): either the
 * ASCII armor that `gpg --armor --export` prints (`-----BEGIN PGP PUBLIC KEY BLOCK-----`, optional armor
 * headers, the radix-64 body, an optional `=XXXX` CRC-24 checksum line, `-----END PGP PUBLIC KEY BLOCK-----`),
 * or the body alone without the BEGIN and END lines (with or without its checksum line), the form the
 * provider's own acceptance tests apply. LF or CRLF line ends.
 *
 * The body must decode (radix-64, and match its checksum when it has one) and start with a Public-Key
 * packet (tag 6, old or new packet format, RFC 4880 §4.2) that the data holds in full. A private key is
 * refused as such: an armored `PGP PRIVATE KEY BLOCK`, or a body that starts with a Secret-Key packet
 * (tag 5) or a Secret-Subkey packet (tag 7).
 */
export function checkPgpPublicKey(text: string): string | undefined {
  if (/PRIVATE KEY/.test(text) || isHeaderlessPrivateKey(text)) {
    return PGP_PRIVATE_PROBLEM;
  }
  const lines = text.trim().split(/\r?\n/);
  let body: string[];
  const begin = /^-----BEGIN (.*)-----$/.exec(lines[0].trim());
  if (begin) {
    if (begin[1] !== 'PGP PUBLIC KEY BLOCK') {
      return `a "${begin[1]}" block is not an OpenPGP public key; ${PGP_FIX}`;
    }
    if (lines.length < 2 || lines[lines.length - 1].trim() !== PGP_END) {
      return `the armor has no "${PGP_END}" line to close "${PGP_BEGIN}"; ${PGP_FIX}`;
    }
    body = lines.slice(1, -1);
    // Armor headers, then the blank line that ends them.
    while (body.length && ARMOR_HEADER.test(body[0])) {
      body.shift();
    }
  } else if (/^-----/.test(lines[0].trim())) {
    return `the armor line is not "${PGP_BEGIN}"; ${PGP_FIX}`;
  } else {
    body = lines;
  }
  body = body.map((line) => line.trim()).filter((line) => line !== '');
  let checksum: string | undefined;
  // The checksum line starts with "=" (a line of padding alone, "==", is the end of the body).
  if (body.length && /^=[^=]/.test(body[body.length - 1])) {
    checksum = body.pop();
    if (!ARMOR_CHECKSUM.test(checksum ?? '')) {
      return `the checksum line is not "=" and 4 radix-64 characters; ${PGP_FIX}`;
    }
  }
  const radix64 = body.join('');
  if (radix64 === '' || !RADIX64.test(radix64) || radix64.length % 4 !== 0) {
    return `the body is not radix-64 (base64); ${PGP_FIX}`;
  }
  const data = Buffer.from(radix64, 'base64');
  if (checksum !== undefined && checksum !== pgpArmorChecksum(data)) {
    return `the checksum line does not match the body, so the key was changed or cut; export it again: ${PGP_FIX}`;
  }
  const packet = readPacketHeader(data);
  if (packet === undefined) {
    return `the body does not start with an OpenPGP packet; ${PGP_FIX}`;
  }
  if (SECRET_KEY_TAGS.includes(packet.tag)) {
    return PGP_PRIVATE_PROBLEM;
  }
  if (packet.tag !== PUBLIC_KEY_TAG) {
    const name = PACKET_NAMES[packet.tag] ?? `a packet of type ${packet.tag}`;
    return `the body starts with ${name}, not a public key; ${PGP_FIX}`;
  }
  if (packet.bodyLength === undefined || packet.headerLength + packet.bodyLength > data.length) {
    return `the public key packet is cut short; ${PGP_FIX}`;
  }
  return undefined;
}

/* eslint-disable no-bitwise -- a CRC-24 and OpenPGP packet headers are bit fields (RFC 4880 §4.2, §6.1) */

/** The armor checksum line of `data`: `=` and the radix-64 of its CRC-24 (RFC 4880 §6.1). */
export function pgpArmorChecksum(data: Uint8Array): string {
  let crc = 0xb704ce;
  for (const byte of data) {
    crc ^= byte << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) {
        crc ^= 0x1864cfb;
      }
    }
  }
  return `=${Buffer.from([(crc >> 16) & 0xff, (crc >> 8) & 0xff, crc & 0xff]).toString('base64')}`;
}

/** The tag and lengths of the first OpenPGP packet (RFC 4880 §4.2). */
interface PacketHeader {
  readonly tag: number;
  readonly headerLength: number;
  /** Undefined for lengths a key packet cannot have (indeterminate, partial) or that the data cuts. */
  readonly bodyLength?: number;
}

function readPacketHeader(data: Buffer): PacketHeader | undefined {
  const first = data[0];
  if (first === undefined || (first & 0x80) === 0) {
    return undefined;
  }
  if ((first & 0x40) === 0) {
    // Old format: tag in bits 5-2, length type in bits 1-0 (1, 2 or 4 octets; 3 is indeterminate).
    const tag = (first >> 2) & 0x0f;
    const octets = [1, 2, 4][first & 0x03];
    if (octets === undefined || data.length < 1 + octets) {
      return { tag, headerLength: 1 };
    }
    return { tag, headerLength: 1 + octets, bodyLength: data.readUIntBE(1, octets) };
  }
  // New format: tag in bits 5-0; a one-, two- or five-octet length (224-254 is a partial length).
  const tag = first & 0x3f;
  const o1 = data[1];
  if (o1 === undefined) {
    return { tag, headerLength: 1 };
  }
  if (o1 < 192) {
    return { tag, headerLength: 2, bodyLength: o1 };
  }
  if (o1 < 224) {
    return data.length < 3
      ? { tag, headerLength: 2 }
      : { tag, headerLength: 3, bodyLength: ((o1 - 192) << 8) + data[2] + 192 };
  }
  if (o1 === 255 && data.length >= 6) {
    return { tag, headerLength: 6, bodyLength: data.readUInt32BE(2) };
  }
  return { tag, headerLength: 2 };
}

/* eslint-enable no-bitwise */

/**
 * A key id given with a PKIX key: Binary Authorization requires an RFC 3986 URI. The network-path form
 * that Cloud KMS key ids take (`//cloudkms.googleapis.com/v1/…`) is accepted too.
 */
export function checkKeyUri(id: string): string | undefined {
  return /^([A-Za-z][A-Za-z0-9+.-]*:|\/\/)[^\s]+$/.test(id)
    ? undefined
    : 'a PKIX key id must be a URI (RFC 3986), such as "ni:///sha-256;…" or "//cloudkms.googleapis.com/v1/…"; omit it to let the API compute one';
}

/** A Cloud KMS key ring or crypto key id: 1 to 63 letters, digits, hyphens or underscores. */
export function checkKmsId(id: string): string | undefined {
  return /^[A-Za-z0-9_-]{1,63}$/.test(id) ? undefined : 'a KMS id has 1 to 63 letters, digits, hyphens or underscores';
}

/** A Cloud KMS location: `global`, a region such as `us-central1`, or a multi-region such as `us` or `europe`. */
export function checkKmsLocation(location: string): string | undefined {
  return /^[a-z]+(-[a-z]+)*[0-9]*$/.test(location)
    ? undefined
    : 'a KMS location is "global", a region such as "us-central1" or a multi-region such as "us"';
}

/** The parts of `projects/P/locations/L/keyRings/R`. */
export interface KmsKeyRingName {
  /** The project id. */
  readonly project: string;
  /** The location, such as `global` or `us-central1`. */
  readonly location: string;
  /** The key ring id. */
  readonly keyRing: string;
}

/** The parts of `projects/P/locations/L/keyRings/R/cryptoKeys/K/cryptoKeyVersions/N`. */
export interface KmsKeyVersionName extends KmsKeyRingName {
  /** The crypto key id. */
  readonly cryptoKey: string;
  /** The version number. */
  readonly version: number;
}

const SEGMENT = '([^/]+)';
const KEY_RING_NAME = new RegExp(`^projects/${SEGMENT}/locations/${SEGMENT}/keyRings/${SEGMENT}$`);
const KEY_VERSION_NAME = new RegExp(
  `^projects/${SEGMENT}/locations/${SEGMENT}/keyRings/${SEGMENT}/cryptoKeys/${SEGMENT}/cryptoKeyVersions/${SEGMENT}$`,
);
const KEY_RING_FORM = 'projects/PROJECT_ID/locations/LOCATION/keyRings/KEY_RING';
const KEY_VERSION_FORM = `${KEY_RING_FORM}/cryptoKeys/KEY/cryptoKeyVersions/VERSION`;

/** Parses `projects/P/locations/L/keyRings/R`; throws with the reason when it is not one. */
export function parseKmsKeyRingName(name: string): KmsKeyRingName {
  const match = KEY_RING_NAME.exec(name);
  if (!match) {
    throw new Error(`a key ring name looks like "${KEY_RING_FORM}"`);
  }
  const [, project, location, keyRing] = match;
  const problem = checkProjectId(project) ?? checkKmsLocation(location) ?? checkKmsId(keyRing);
  if (problem) {
    throw new Error(`a key ring name looks like "${KEY_RING_FORM}": ${problem}`);
  }
  return { project, location, keyRing };
}

/**
 * Parses `projects/P/locations/L/keyRings/R/cryptoKeys/K/cryptoKeyVersions/N`; throws with the reason
 * when it is not one.
 */
export function parseKmsKeyVersionName(name: string): KmsKeyVersionName {
  const match = KEY_VERSION_NAME.exec(name);
  if (!match) {
    throw new Error(`a key version name looks like "${KEY_VERSION_FORM}"`);
  }
  const [, project, location, keyRing, cryptoKey, version] = match;
  const problem =
    checkProjectId(project) ??
    checkKmsLocation(location) ??
    checkKmsId(keyRing) ??
    checkKmsId(cryptoKey) ??
    (/^[1-9][0-9]*$/.test(version) ? undefined : 'the version is a positive number');
  if (problem) {
    throw new Error(`a key version name looks like "${KEY_VERSION_FORM}": ${problem}`);
  }
  return { project, location, keyRing, cryptoKey, version: Number(version) };
}

/** `projects/P/locations/L/keyRings/R`. */
export function kmsKeyRingName(project: string, location: string, keyRing: string): string {
  return `projects/${project}/locations/${location}/keyRings/${keyRing}`;
}

/** `projects/P/locations/L/keyRings/R/cryptoKeys/K`: the crypto key of a key version name. */
export function kmsCryptoKeyOf(name: KmsKeyVersionName): string {
  return `${kmsKeyRingName(name.project, name.location, name.keyRing)}/cryptoKeys/${name.cryptoKey}`;
}

/** The attestor key id of a KMS key version, `//cloudkms.googleapis.com/v1/projects/…/cryptoKeyVersions/N`. */
export function kmsKeyVersionUri(cryptoKeyVersionName: string): string {
  return `//cloudkms.googleapis.com/v1/${cryptoKeyVersionName}`;
}
