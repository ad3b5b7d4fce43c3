import { BinaryAuthorizationAttestorAttestationAuthorityNotePublicKeys as PublicKeyConfig } from '@cdktf/provider-google/lib/binary-authorization-attestor';
import { DataGoogleKmsCryptoKeyVersion } from '@cdktf/provider-google/lib/data-google-kms-crypto-key-version';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { Fn, ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { deriveResourceId } from './core/derived-names';
import {
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
  SIGNATURE_ALGORITHM_ALIASES,
} from './core/keys';
import { checkProjectId } from './core/names';
import { AttestorKeyContext, BoundAttestorKey } from './private/attestor-key-binding';
import {
  checkLiteral,
  checkSecretLiteral,
  invalidProp,
  parseProp,
  requireObject,
  requireOptionalBoolean,
  requireOptionalEnum,
  requireOptionalString,
  requireString,
} from './private/errors';
import { idPart } from './private/ids';
import { claimSingleton } from './private/singletons';

/**
 * A signature algorithm of a PKIX attestor key, as Binary Authorization names it.
 *
 * `ECDSA_*` and `EC_SIGN_*` are the same algorithms (Binary Authorization accepts both names; Cloud KMS
 * uses the `EC_SIGN_*` ones), as are `RSA_PSS_*` and `RSA_SIGN_PSS_*`. The attestor is always written with
 * the name Binary Authorization stores and returns (`ECDSA_*`, `RSA_PSS_*`), whichever name is given or
 * Cloud KMS reports, so that the plan converges: the Google provider treats `EC_SIGN_*` and `ECDSA_*` as
 * equal, but not `RSA_SIGN_PSS_*` and `RSA_PSS_*`.
 *
 * @see https://cloud.google.com/binary-authorization/docs/reference/rest/v1/projects.attestors#signaturealgorithm
 */
export class SignatureAlgorithm {
  /** RSASSA-PSS 2048 bit key with a SHA256 digest. */
  public static readonly RSA_PSS_2048_SHA256 = new SignatureAlgorithm('RSA_PSS_2048_SHA256');
  /** RSASSA-PSS 3072 bit key with a SHA256 digest. */
  public static readonly RSA_PSS_3072_SHA256 = new SignatureAlgorithm('RSA_PSS_3072_SHA256');
  /** RSASSA-PSS 4096 bit key with a SHA256 digest. */
  public static readonly RSA_PSS_4096_SHA256 = new SignatureAlgorithm('RSA_PSS_4096_SHA256');
  /** RSASSA-PSS 4096 bit key with a SHA512 digest. */
  public static readonly RSA_PSS_4096_SHA512 = new SignatureAlgorithm('RSA_PSS_4096_SHA512');
  /** RSASSA-PSS 2048 bit key with a SHA256 digest (the Cloud KMS name). */
  public static readonly RSA_SIGN_PSS_2048_SHA256 = new SignatureAlgorithm('RSA_SIGN_PSS_2048_SHA256');
  /** RSASSA-PSS 3072 bit key with a SHA256 digest (the Cloud KMS name). */
  public static readonly RSA_SIGN_PSS_3072_SHA256 = new SignatureAlgorithm('RSA_SIGN_PSS_3072_SHA256');
  /** RSASSA-PSS 4096 bit key with a SHA256 digest (the Cloud KMS name). */
  public static readonly RSA_SIGN_PSS_4096_SHA256 = new SignatureAlgorithm('RSA_SIGN_PSS_4096_SHA256');
  /** RSASSA-PSS 4096 bit key with a SHA512 digest (the Cloud KMS name). */
  public static readonly RSA_SIGN_PSS_4096_SHA512 = new SignatureAlgorithm('RSA_SIGN_PSS_4096_SHA512');
  /** RSASSA-PKCS1-v1_5 with a 2048 bit key and a SHA256 digest. */
  public static readonly RSA_SIGN_PKCS1_2048_SHA256 = new SignatureAlgorithm('RSA_SIGN_PKCS1_2048_SHA256');
  /** RSASSA-PKCS1-v1_5 with a 3072 bit key and a SHA256 digest. */
  public static readonly RSA_SIGN_PKCS1_3072_SHA256 = new SignatureAlgorithm('RSA_SIGN_PKCS1_3072_SHA256');
  /** RSASSA-PKCS1-v1_5 with a 4096 bit key and a SHA256 digest. */
  public static readonly RSA_SIGN_PKCS1_4096_SHA256 = new SignatureAlgorithm('RSA_SIGN_PKCS1_4096_SHA256');
  /** RSASSA-PKCS1-v1_5 with a 4096 bit key and a SHA512 digest. */
  public static readonly RSA_SIGN_PKCS1_4096_SHA512 = new SignatureAlgorithm('RSA_SIGN_PKCS1_4096_SHA512');
  /** ECDSA on the NIST P-256 curve with a SHA256 digest. */
  public static readonly ECDSA_P256_SHA256 = new SignatureAlgorithm('ECDSA_P256_SHA256');
  /** ECDSA on the NIST P-256 curve with a SHA256 digest (the Cloud KMS name). */
  public static readonly EC_SIGN_P256_SHA256 = new SignatureAlgorithm('EC_SIGN_P256_SHA256');
  /** ECDSA on the NIST P-384 curve with a SHA384 digest. */
  public static readonly ECDSA_P384_SHA384 = new SignatureAlgorithm('ECDSA_P384_SHA384');
  /** ECDSA on the NIST P-384 curve with a SHA384 digest (the Cloud KMS name). */
  public static readonly EC_SIGN_P384_SHA384 = new SignatureAlgorithm('EC_SIGN_P384_SHA384');
  /** ECDSA on the NIST P-521 curve with a SHA512 digest. */
  public static readonly ECDSA_P521_SHA512 = new SignatureAlgorithm('ECDSA_P521_SHA512');
  /** ECDSA on the NIST P-521 curve with a SHA512 digest (alias). */
  public static readonly EC_SIGN_P521_SHA512 = new SignatureAlgorithm('EC_SIGN_P521_SHA512');

  /**
   * An algorithm by its wire name, for values not listed here. It is checked where it is used: a name
   * Binary Authorization does not accept fails at synth time.
   */
  public static of(value: string): SignatureAlgorithm {
    requireString('SignatureAlgorithm.of', 'value', value);
    return new SignatureAlgorithm(value);
  }

  /** The wire name, such as `EC_SIGN_P256_SHA256`. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }
}

/**
 * The protection level of a Cloud KMS key.
 */
export enum KmsProtectionLevel {
  /** The key material is protected in software. */
  SOFTWARE = 'SOFTWARE',
  /** The key material never leaves a FIPS 140-2 Level 3 hardware security module. */
  HSM = 'HSM',
}

/**
 * Options of a Cloud KMS signing key created for an attestor (`AttestorKey.newKmsKey`).
 */
export interface NewKmsKeyOptions {
  /**
   * The project that holds the key ring and the key. Keeping signing keys in the attestor's (security)
   * project keeps them away from the projects that deploy.
   * @default - the attestor's project (or the project of `existingKeyRing`)
   */
  readonly project?: string;

  /**
   * The KMS location of a new key ring.
   * @default 'global'
   */
  readonly location?: string;

  /**
   * The id of the key ring to create. Key rings cannot be deleted in Cloud KMS: after a destroy, the
   * same name cannot be created again in the same project and location.
   * @default - derived from the attestor's id
   */
  readonly keyRingId?: string;

  /**
   * An existing key ring to create the key in, `projects/P/locations/L/keyRings/R`, instead of a new
   * one. Do not combine with `project`, `location` or `keyRingId`.
   * @default - a new key ring is created
   */
  readonly existingKeyRing?: string;

  /**
   * The id of the crypto key. Each new key of one attestor needs its own id.
   * @default - derived from the attestor's id
   */
  readonly cryptoKeyId?: string;

  /**
   * The signing algorithm. Only algorithms whose signatures Binary Authorization verifies are accepted.
   * The key's `version_template` gets the Cloud KMS name (`EC_SIGN_P256_SHA256`, `RSA_SIGN_PSS_…`), the
   * attestor the Binary Authorization name (`ECDSA_P256_SHA256`, `RSA_PSS_…`), whichever is given. The
   * attestor verifies with version 1 of the key, which keeps the algorithm it was created with: to move to
   * another algorithm, add a new key (its own `cryptoKeyId`) rather than changing this one.
   * @default SignatureAlgorithm.EC_SIGN_P256_SHA256
   */
  readonly algorithm?: SignatureAlgorithm;

  /**
   * The protection level of the key versions.
   * @default KmsProtectionLevel.SOFTWARE
   */
  readonly protectionLevel?: KmsProtectionLevel;

  /**
   * Whether Terraform refuses to destroy the crypto key (`lifecycle.prevent_destroy`). Cloud KMS never
   * deletes a key: destroying it in Terraform schedules the destruction of its versions, after which
   * nothing can be signed with it, and its name cannot be reused.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * Options of a PKIX public key (`AttestorKey.pkix`).
 */
export interface PkixKeyOptions {
  /**
   * The public key, PEM-encoded (`-----BEGIN PUBLIC KEY-----`, SubjectPublicKeyInfo). Never the private key.
   */
  readonly publicKeyPem: string;

  /**
   * The algorithm that attestations are signed with.
   */
  readonly signatureAlgorithm: SignatureAlgorithm;

  /**
   * The key id that signers name in attestations; it must be a URI (RFC 3986).
   * @default - computed by the API from the key
   */
  readonly id?: string;

  /**
   * A descriptive comment on the key (the attestor's `public_keys.comment`), such as who holds the
   * private key. When taking over an attestor, give the comment its key has, or the first plan removes it.
   * @default - no comment
   */
  readonly comment?: string;
}

/**
 * Options of an OpenPGP public key (`AttestorKey.pgp`).
 */
export interface PgpKeyOptions {
  /**
   * A descriptive comment on the key (the attestor's `public_keys.comment`), such as who holds the
   * private key. When taking over an attestor, give the comment its key has, or the first plan removes it.
   * @default - no comment
   */
  readonly comment?: string;
}

/**
 * A public key that verifies an attestor's attestations. An attestor accepts an attestation signed by
 * any one of its keys, so rotating a key means adding the new key, signing with it, then removing the
 * old one.
 *
 * Only public keys are ever configured: the private key stays in Cloud KMS or with the signer.
 */
export abstract class AttestorKey {
  /**
   * Creates a Cloud KMS asymmetric signing key for the attestor (and a key ring, unless an existing one
   * is given), and uses the public key of its first version. The signer signs with Cloud KMS; grant it
   * with `attestor.grantSign(member)`, which includes `roles/cloudkms.signerVerifier` on this key.
   *
   * The key's project gets `cloudkms.googleapis.com` enabled when the attestor has `enableApis`.
   */
  public static newKmsKey(options: NewKmsKeyOptions = {}): AttestorKey {
    requireObject('AttestorKey.newKmsKey', 'options', options);
    return new NewKmsKey(options);
  }

  /**
   * Uses an existing Cloud KMS key version, read with the `google_kms_crypto_key_version` data source.
   * The key must be an `ASYMMETRIC_SIGN` key with an algorithm Binary Authorization verifies; since the
   * algorithm is known only at plan time, a Terraform postcondition checks it then. Whoever applies the
   * stack needs `cloudkms.cryptoKeyVersions.viewPublicKey` on the key. IAM on the key is left to whoever
   * manages it: `grantSign` does not grant on it.
   *
   * @param cryptoKeyVersionName `projects/P/locations/L/keyRings/R/cryptoKeys/K/cryptoKeyVersions/N`, known at synth time
   */
  public static fromKmsKeyVersion(cryptoKeyVersionName: string): AttestorKey {
    return new KmsKeyVersion(cryptoKeyVersionName);
  }

  /**
   * A PKIX public key, such as one whose private key a signer holds outside Google Cloud.
   */
  public static pkix(options: PkixKeyOptions): AttestorKey {
    requireObject('AttestorKey.pkix', 'options', options);
    return new PkixKey(options);
  }

  /**
   * An OpenPGP public key: the ASCII armor that `gpg --armor --export KEY_ID` prints, or its radix-64 body
   * alone (without the `-----BEGIN PGP PUBLIC KEY BLOCK-----` and `-----END …-----` lines), as the Google
   * provider's own examples apply it and the API accepts it. The key is written exactly as given, so an
   * attestor taken over keeps its key without an update. The API sets the key id to the key's fingerprint.
   *
   * The text must decode (radix-64, matching its `=XXXX` checksum line when it has one) and start with an
   * OpenPGP Public-Key packet; a private key is refused, and never shown in the error.
   *
   * @param asciiArmoredPublicKey the armored key, or its body alone
   * @param options a comment on the key
   */
  public static pgp(asciiArmoredPublicKey: string, options: PgpKeyOptions = {}): AttestorKey {
    requireObject('AttestorKey.pgp', 'options', options);
    return new PgpKey(asciiArmoredPublicKey, options);
  }

  /**
   * Validates the key and creates its resources under the attestor.
   * @internal
   */
  public abstract _bind(context: AttestorKeyContext): BoundAttestorKey;
}

/** `AttestorKey.newKmsKey`. */
class NewKmsKey extends AttestorKey {
  constructor(private readonly options: NewKmsKeyOptions) {
    super();
  }

  /** @internal */
  public _bind(context: AttestorKeyContext): BoundAttestorKey {
    return bindNewKmsKey(context, this.options);
  }
}

/** `AttestorKey.fromKmsKeyVersion`. */
class KmsKeyVersion extends AttestorKey {
  constructor(private readonly versionName: string) {
    super();
  }

  /** @internal */
  public _bind(context: AttestorKeyContext): BoundAttestorKey {
    return bindKmsKeyVersion(context, this.versionName);
  }
}

/** `AttestorKey.pkix`. */
class PkixKey extends AttestorKey {
  constructor(private readonly options: PkixKeyOptions) {
    super();
  }

  /** @internal */
  public _bind(context: AttestorKeyContext): BoundAttestorKey {
    const { scope, property } = context;
    const options = this.options;
    const pemProperty = `${property}.publicKeyPem`;
    checkSecretLiteral(scope, pemProperty, options.publicKeyPem, checkPublicKeyPem);
    const algorithm = algorithmValue(scope, `${property}.signatureAlgorithm`, options.signatureAlgorithm);
    checkLiteral(scope, `${property}.signatureAlgorithm`, algorithm, checkSignatureAlgorithm);
    if (!Token.isUnresolved(algorithm)) {
      checkSecretLiteral(scope, pemProperty, options.publicKeyPem, (pem) => checkKeyFitsAlgorithm(pem, algorithm));
    }
    if (options.id !== undefined) {
      checkLiteral(scope, `${property}.id`, options.id, checkKeyUri);
    }
    requireOptionalString(scope, `${property}.comment`, options.comment);
    return {
      publicKey: {
        id: options.id,
        comment: options.comment,
        pkixPublicKey: { publicKeyPem: options.publicKeyPem, signatureAlgorithm: storedAlgorithm(algorithm) },
      },
    };
  }
}

/** `AttestorKey.pgp`. */
class PgpKey extends AttestorKey {
  constructor(
    private readonly armored: string,
    private readonly options: PgpKeyOptions,
  ) {
    super();
  }

  /** @internal */
  public _bind(context: AttestorKeyContext): BoundAttestorKey {
    const { scope, property } = context;
    checkSecretLiteral(scope, property, this.armored, checkPgpPublicKey);
    requireOptionalString(scope, `${property}.comment`, this.options.comment);
    // As given, armored or bare: rewrapping a key the API already holds would be an update nobody asked for.
    return { publicKey: { asciiArmoredPgpPublicKey: this.armored, comment: this.options.comment } };
  }
}

/**
 * The signature algorithm as the attestor is written: the name Binary Authorization stores (see
 * `SIGNATURE_ALGORITHM_ALIASES`), looked up by Terraform when the name is known only at plan time (a KMS
 * key version's `algorithm`), and any name the table does not list kept as given.
 */
function storedAlgorithm(algorithm: string): string {
  if (!Token.isUnresolved(algorithm)) {
    return binauthzAlgorithmName(algorithm);
  }
  return Token.asString(Fn.lookup({ ...SIGNATURE_ALGORITHM_ALIASES }, algorithm, algorithm));
}

function bindNewKmsKey(context: AttestorKeyContext, options: NewKmsKeyOptions): BoundAttestorKey {
  const { scope, property } = context;
  for (const name of ['project', 'location', 'keyRingId', 'existingKeyRing', 'cryptoKeyId'] as const) {
    requireOptionalString(scope, `${property}.${name}`, options[name]);
  }
  requireOptionalEnum(
    scope,
    `${property}.protectionLevel`,
    options.protectionLevel,
    'KmsProtectionLevel',
    KmsProtectionLevel,
  );
  requireOptionalBoolean(scope, `${property}.preventDestroy`, options.preventDestroy);
  const algorithm =
    options.algorithm === undefined
      ? SignatureAlgorithm.EC_SIGN_P256_SHA256.value
      : algorithmValue(scope, `${property}.algorithm`, options.algorithm);
  const kmsAlgorithm = kmsAlgorithmName(algorithm);
  checkLiteral(scope, `${property}.algorithm`, kmsAlgorithm, checkKmsSigningAlgorithm);

  let keyRing: string;
  let project: string;
  let dependsOn: ITerraformDependable[];
  /** The key ring's full name, `projects/P/locations/L/keyRings/R`. */
  let keyRingName: string;
  if (options.existingKeyRing !== undefined) {
    if (options.project !== undefined || options.location !== undefined || options.keyRingId !== undefined) {
      throw invalidProp(
        scope,
        `${property}.existingKeyRing`,
        options.existingKeyRing,
        "the existing key ring already fixes the project, location and name; drop 'project', 'location' and 'keyRingId'",
      );
    }
    if (!Token.isUnresolved(options.existingKeyRing)) {
      project = parseProp(scope, `${property}.existingKeyRing`, options.existingKeyRing, parseKmsKeyRingName).project;
    } else {
      project = context.project;
    }
    keyRing = options.existingKeyRing;
    keyRingName = options.existingKeyRing;
    dependsOn = context.enableKmsApi(project);
  } else {
    project = options.project ?? context.project;
    const location = options.location ?? 'global';
    const name = options.keyRingId ?? derivedKmsId(context.attestorId, undefined);
    checkLiteral(scope, `${property}.project`, project, checkProjectId);
    checkLiteral(scope, `${property}.location`, location, checkKmsLocation);
    checkLiteral(scope, `${property}.keyRingId`, name, checkKmsId);
    dependsOn = context.enableKmsApi(project);
    const ringId = `KeyRing-${idPart(scope, project)}-${idPart(scope, location)}-${idPart(scope, name)}`;
    keyRingName = `projects/${project}/locations/${location}/keyRings/${name}`;
    let ring = scope.node.tryFindChild(ringId) as KmsKeyRing | undefined;
    if (ring === undefined) {
      ring = new KmsKeyRing(scope, ringId, {
        project,
        location,
        name,
        dependsOn: dependsOn.length ? dependsOn : undefined,
      });
      claimSingleton(ring, KEY_RING_NAME, 'name', keyRingName, (other) =>
        sameKmsName('key ring', other, "'keyRingId', or pass the first one's name as 'existingKeyRing'"),
      );
    }
    keyRing = ring.id;
  }

  const cryptoKeyId = options.cryptoKeyId ?? derivedKmsId(context.attestorId, 'signer');
  checkLiteral(scope, `${property}.cryptoKeyId`, cryptoKeyId, checkKmsId);
  const keyId = `CryptoKey-${idPart(scope, cryptoKeyId)}`;
  if (scope.node.tryFindChild(keyId)) {
    throw invalidProp(
      scope,
      `${property}.cryptoKeyId`,
      cryptoKeyId,
      "another new KMS key of this attestor has the same crypto key name; give each key its own 'cryptoKeyId'",
    );
  }
  const cryptoKey = new KmsCryptoKey(scope, keyId, {
    keyRing,
    name: cryptoKeyId,
    purpose: 'ASYMMETRIC_SIGN',
    versionTemplate: {
      algorithm: kmsAlgorithm,
      protectionLevel: options.protectionLevel ?? KmsProtectionLevel.SOFTWARE,
    },
    lifecycle: options.preventDestroy === false ? undefined : { preventDestroy: true },
    dependsOn: dependsOn.length ? dependsOn : undefined,
  });
  claimSingleton(cryptoKey, CRYPTO_KEY_NAME, 'name', `${keyRingName}/cryptoKeys/${cryptoKeyId}`, (other) =>
    sameKmsName('crypto key', other, "'cryptoKeyId'"),
  );
  const version = new DataGoogleKmsCryptoKeyVersion(scope, `CryptoKeyVersion-${idPart(scope, cryptoKeyId)}`, {
    cryptoKey: cryptoKey.id,
    version: 1,
  });
  // The algorithm is known here: the attestor gets its Binary Authorization name as a literal (the key ring's
  // `version_template` keeps the Cloud KMS name).
  return { publicKey: kmsPublicKey(version, version.id, binauthzAlgorithmName(kmsAlgorithm)), cryptoKey };
}

/** The full name a new KMS key ring claims: one of each in the app. */
const KEY_RING_NAME = Symbol.for('cdktf-gcp-binauthz.AttestorKey.keyRingName');
/** The full name a new KMS crypto key claims: one of each in the app. */
const CRYPTO_KEY_NAME = Symbol.for('cdktf-gcp-binauthz.AttestorKey.cryptoKeyName');

/** The problem of a KMS resource created twice under one name. */
function sameKmsName(what: string, other: string, fix: string): string {
  return `[${other}] creates a ${what} of the same name, and the second would fail at apply after the rest was changed (KMS names are never reused); give each new key its own ${fix}`;
}

function bindKmsKeyVersion(context: AttestorKeyContext, name: string): BoundAttestorKey {
  const { scope, property } = context;
  requireString(scope, property, name);
  if (Token.isUnresolved(name)) {
    throw invalidProp(
      scope,
      property,
      name,
      'the key version name must be known at synth time; pass the literal "projects/P/locations/L/keyRings/R/cryptoKeys/K/cryptoKeyVersions/N"',
    );
  }
  const parsed = parseProp(scope, property, name, parseKmsKeyVersionName);
  const version = new DataGoogleKmsCryptoKeyVersion(scope, `KmsKeyVersion-${idPart(scope, name)}`, {
    cryptoKey: kmsCryptoKeyOf(parsed),
    version: parsed.version,
    lifecycle: {
      postcondition: [
        {
          condition: `\${contains(${JSON.stringify(KMS_COMPATIBLE_ALGORITHMS)}, self.algorithm)}`,
          errorMessage: `The KMS key version ${name} must be an ASYMMETRIC_SIGN key with an algorithm Binary Authorization verifies: ${KMS_COMPATIBLE_ALGORITHMS.join(', ')}.`,
        },
      ],
    },
  });
  // Known only at plan time: Terraform looks the algorithm KMS reports up in the same table.
  return {
    publicKey: kmsPublicKey(version, kmsKeyVersionUri(name), storedAlgorithm(version.publicKey.get(0).algorithm)),
  };
}

function kmsPublicKey(version: DataGoogleKmsCryptoKeyVersion, id: string, signatureAlgorithm: string): PublicKeyConfig {
  return { id, pkixPublicKey: { publicKeyPem: version.publicKey.get(0).pem, signatureAlgorithm } };
}

/** The wire name of a `SignatureAlgorithm` given for `property`; anything else is refused. */
function algorithmValue(scope: Construct, property: string, algorithm: unknown): string {
  const value = (algorithm as { value?: unknown } | undefined)?.value;
  if (typeof algorithm !== 'object' || algorithm === null || typeof value !== 'string') {
    throw invalidProp(
      scope,
      property,
      algorithm,
      'expected a SignatureAlgorithm, such as SignatureAlgorithm.ECDSA_P256_SHA256',
    );
  }
  return value;
}

/** A KMS id (at most 63 characters) derived from the attestor's short id. */
function derivedKmsId(attestorId: string, suffix: string | undefined): string {
  if (Token.isUnresolved(attestorId)) {
    return suffix ? `${attestorId}-${suffix}` : attestorId;
  }
  return deriveResourceId(suffix ? [attestorId, suffix] : [attestorId], 63);
}
