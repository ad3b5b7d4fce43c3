import { BinaryAuthorizationAttestorAttestationAuthorityNotePublicKeys as PublicKeyConfig } from '@cdktf/provider-google/lib/binary-authorization-attestor';
import { DataGoogleKmsCryptoKeyVersion } from '@cdktf/provider-google/lib/data-google-kms-crypto-key-version';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { deriveResourceId } from './core/derived-names';
import {
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

/**
 * A signature algorithm of a PKIX attestor key, as Binary Authorization names it.
 *
 * `ECDSA_*` and `EC_SIGN_*` are the same algorithms (Binary Authorization accepts both names; Cloud KMS
 * uses the `EC_SIGN_*` ones), as are `RSA_PSS_*` and `RSA_SIGN_PSS_*`.
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
   * @default - derived from the attestor name
   */
  readonly keyRingName?: string;

  /**
   * An existing key ring to create the key in, `projects/P/locations/L/keyRings/R`, instead of a new
   * one. Do not combine with `project`, `location` or `keyRingName`.
   * @default - a new key ring is created
   */
  readonly existingKeyRing?: string;

  /**
   * The id of the crypto key. Each new key of one attestor needs its own id.
   * @default - derived from the attestor name
   */
  readonly cryptoKeyName?: string;

  /**
   * The signing algorithm. Only algorithms whose signatures Binary Authorization verifies are accepted;
   * Binary Authorization names (`ECDSA_P256_SHA256`, `RSA_PSS_…`) are mapped to their Cloud KMS names.
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
   * An ASCII-armored OpenPGP public key (`gpg --armor --export KEY_ID`). The API sets the key id to the
   * key's fingerprint.
   */
  public static pgp(asciiArmoredPublicKey: string): AttestorKey {
    return new PgpKey(asciiArmoredPublicKey);
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
    return {
      publicKey: {
        id: options.id,
        pkixPublicKey: { publicKeyPem: options.publicKeyPem, signatureAlgorithm: algorithm },
      },
    };
  }
}

/** `AttestorKey.pgp`. */
class PgpKey extends AttestorKey {
  constructor(private readonly armored: string) {
    super();
  }

  /** @internal */
  public _bind(context: AttestorKeyContext): BoundAttestorKey {
    checkSecretLiteral(context.scope, context.property, this.armored, checkPgpPublicKey);
    return { publicKey: { asciiArmoredPgpPublicKey: this.armored } };
  }
}

/** Binary Authorization names of algorithms that Cloud KMS spells differently. */
const KMS_NAMES: Record<string, string> = {
  ECDSA_P256_SHA256: 'EC_SIGN_P256_SHA256',
  ECDSA_P384_SHA384: 'EC_SIGN_P384_SHA384',
  ECDSA_P521_SHA512: 'EC_SIGN_P521_SHA512',
  RSA_PSS_2048_SHA256: 'RSA_SIGN_PSS_2048_SHA256',
  RSA_PSS_3072_SHA256: 'RSA_SIGN_PSS_3072_SHA256',
  RSA_PSS_4096_SHA256: 'RSA_SIGN_PSS_4096_SHA256',
  RSA_PSS_4096_SHA512: 'RSA_SIGN_PSS_4096_SHA512',
};

function bindNewKmsKey(context: AttestorKeyContext, options: NewKmsKeyOptions): BoundAttestorKey {
  const { scope, property } = context;
  for (const name of ['project', 'location', 'keyRingName', 'existingKeyRing', 'cryptoKeyName'] as const) {
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
  const kmsAlgorithm = KMS_NAMES[algorithm] ?? algorithm;
  checkLiteral(scope, `${property}.algorithm`, kmsAlgorithm, checkKmsSigningAlgorithm);

  let keyRingId: string;
  let project: string;
  let dependsOn: ITerraformDependable[];
  if (options.existingKeyRing !== undefined) {
    if (options.project !== undefined || options.location !== undefined || options.keyRingName !== undefined) {
      throw invalidProp(
        scope,
        `${property}.existingKeyRing`,
        options.existingKeyRing,
        "the existing key ring already fixes the project, location and name; drop 'project', 'location' and 'keyRingName'",
      );
    }
    if (!Token.isUnresolved(options.existingKeyRing)) {
      project = parseProp(scope, `${property}.existingKeyRing`, options.existingKeyRing, parseKmsKeyRingName).project;
    } else {
      project = context.project;
    }
    keyRingId = options.existingKeyRing;
    dependsOn = context.enableKmsApi(project);
  } else {
    project = options.project ?? context.project;
    const location = options.location ?? 'global';
    const name = options.keyRingName ?? derivedKmsId(context.attestorName, undefined);
    checkLiteral(scope, `${property}.project`, project, checkProjectId);
    checkLiteral(scope, `${property}.location`, location, checkKmsLocation);
    checkLiteral(scope, `${property}.keyRingName`, name, checkKmsId);
    dependsOn = context.enableKmsApi(project);
    const ringId = `KeyRing-${idPart(scope, project)}-${idPart(scope, location)}-${idPart(scope, name)}`;
    const ring =
      (scope.node.tryFindChild(ringId) as KmsKeyRing | undefined) ??
      new KmsKeyRing(scope, ringId, {
        project,
        location,
        name,
        dependsOn: dependsOn.length ? dependsOn : undefined,
      });
    keyRingId = ring.id;
  }

  const cryptoKeyName = options.cryptoKeyName ?? derivedKmsId(context.attestorName, 'signer');
  checkLiteral(scope, `${property}.cryptoKeyName`, cryptoKeyName, checkKmsId);
  const keyId = `CryptoKey-${idPart(scope, cryptoKeyName)}`;
  if (scope.node.tryFindChild(keyId)) {
    throw invalidProp(
      scope,
      `${property}.cryptoKeyName`,
      cryptoKeyName,
      "another new KMS key of this attestor has the same crypto key name; give each key its own 'cryptoKeyName'",
    );
  }
  const cryptoKey = new KmsCryptoKey(scope, keyId, {
    keyRing: keyRingId,
    name: cryptoKeyName,
    purpose: 'ASYMMETRIC_SIGN',
    versionTemplate: {
      algorithm: kmsAlgorithm,
      protectionLevel: options.protectionLevel ?? KmsProtectionLevel.SOFTWARE,
    },
    lifecycle: options.preventDestroy === false ? undefined : { preventDestroy: true },
    dependsOn: dependsOn.length ? dependsOn : undefined,
  });
  const version = new DataGoogleKmsCryptoKeyVersion(scope, `CryptoKeyVersion-${idPart(scope, cryptoKeyName)}`, {
    cryptoKey: cryptoKey.id,
    version: 1,
  });
  return { publicKey: kmsPublicKey(version, version.id), cryptoKey };
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
  return { publicKey: kmsPublicKey(version, kmsKeyVersionUri(name)) };
}

function kmsPublicKey(version: DataGoogleKmsCryptoKeyVersion, id: string): PublicKeyConfig {
  // The algorithm is passed as KMS reports it. The provider treats EC_SIGN_* and ECDSA_* as equal; whether
  // RSA_SIGN_PSS_* keys show a permanent diff against RSA_PSS_* is UNCONFIRMED.
  const publicKey = version.publicKey.get(0);
  return { id, pkixPublicKey: { publicKeyPem: publicKey.pem, signatureAlgorithm: publicKey.algorithm } };
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

/** A KMS id (at most 63 characters) derived from the attestor name. */
function derivedKmsId(attestorName: string, suffix: string | undefined): string {
  if (Token.isUnresolved(attestorName)) {
    return suffix ? `${attestorName}-${suffix}` : attestorName;
  }
  return deriveResourceId(suffix ? [attestorName, suffix] : [attestorName], 63);
}
