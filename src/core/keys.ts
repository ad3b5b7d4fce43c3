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

const PGP = /^-----BEGIN PGP PUBLIC KEY BLOCK-----\r?\n[\s\S]*?\r?\n-----END PGP PUBLIC KEY BLOCK-----\s*$/;

/** An ASCII-armored OpenPGP public key (`-----BEGIN PGP PUBLIC KEY BLOCK-----`), as `gpg --armor --export` prints it. */
export function checkPgpPublicKey(armored: string): string | undefined {
  const fix =
    'pass an ASCII-armored public key ("gpg --armor --export KEY_ID"): "-----BEGIN PGP PUBLIC KEY BLOCK-----" … "-----END PGP PUBLIC KEY BLOCK-----"';
  if (/PGP PRIVATE KEY BLOCK/.test(armored)) {
    return `this is a private key, which must never be put in configuration; ${fix}`;
  }
  if (!PGP.test(armored.trim())) {
    return fix;
  }
  const body = armored
    .trim()
    .split(/\r?\n/)
    .slice(1, -1)
    .filter((line) => line.trim() !== '' && !/^[A-Za-z-]+: /.test(line) && !line.startsWith('='));
  if (body.join('').length < 40 || body.some((line) => !/^[A-Za-z0-9+/=]+$/.test(line.trim()))) {
    return `the armored body is not base64; ${fix}`;
  }
  return undefined;
}

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
