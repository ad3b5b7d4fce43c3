/**
 * The keys of attestors, as the verification of attestations needs them: each key's id, its material
 * (a PKIX PEM with its signature algorithm, or an armored OpenPGP key) and whether it is known before
 * apply. Read from the attestor resources of an input (`attestorKeysOf`) and from
 * `gcloud container binauthz attestors describe NAME --format=json` (`readAttestorDescription`).
 * Framework-free.
 */
import { createHash, createPublicKey } from 'crypto';
import { describeValue } from './display';
import { binauthzAlgorithmName, checkSignatureAlgorithm } from './keys';
import { ATTESTOR_TYPE, InputModel, isPlainObject, isUnknownValue, ModelError, ResourceInstance } from './model';
import { PROVIDER_DEFAULT_PROJECT } from './terraform-json';
import { Resolver } from './trust';

/** One key of an attestor. */
export interface VerifierKey {
  /**
   * The id signatures must name (`publicKeyId`): as configured, else as the API computes it
   * (`pkixKeyId`; for PGP, the fingerprint, computed when verifying). `undefined` when left to the API for
   * a PGP key (its fingerprint is computed when a PGP attestation is read).
   */
  readonly id?: string;
  /** `pkix` or `pgp`. */
  readonly kind: 'pkix' | 'pgp';
  /** The PEM (PKIX) or armored key (PGP), when known. */
  readonly material?: string;
  /** The PKIX signature algorithm, as Binary Authorization stores its name (`ECDSA_P256_SHA256`). */
  readonly algorithm?: string;
  /** Why the key (its id, material or algorithm) is known only after apply, when it is. */
  readonly unknown?: string;
  /** Why the key cannot verify anything (an unreadable PEM, an algorithm Binary Authorization does not take). */
  readonly problem?: string;
}

/** An attestor as verification sees it. */
export interface AttestorKeys {
  /** `projects/P/attestors/N`. */
  readonly name: string;
  /** Its note, `projects/P/notes/N`; `undefined` when known only after apply. */
  readonly note?: string;
  /** Why the note is not known, when it is not. */
  readonly noteUnknown?: string;
  /** Its keys. */
  readonly keys: VerifierKey[];
  /** Where it was read: a resource address, or a file. */
  readonly source: string;
}

/** An attestor description of a shape not known here. */
export class AttestorFormatError extends Error {}

/**
 * The id the API gives a PKIX key when the attestor leaves it out: `ni:///sha-256;` and the unpadded
 * base64url SHA-256 of the key's DER SubjectPublicKeyInfo (RFC 6920). UNCONFIRMED: Google documents only
 * that the id is "computed based on the digest of the DER encoding of the public key"; a signature naming
 * another id is then refused here as an unknown key id (a false alarm, never a pass), and an id given in
 * the configuration or in `attestors describe` is always used as given.
 *
 * @returns undefined when the PEM is not a public key
 */
export function pkixKeyId(pem: string): string | undefined {
  try {
    const der = createPublicKey({ key: pem.trim(), format: 'pem' }).export({ type: 'spki', format: 'der' });
    return `ni:///sha-256;${createHash('sha256').update(der).digest('base64url')}`;
  } catch {
    return undefined;
  }
}

/**
 * The attestors of an input (`google_binary_authorization_attestor`), with their notes and keys. A
 * reference to another resource of the input (`${google_container_analysis_note.N.name}`,
 * `${data.google_kms_crypto_key_version.V.id}`) is resolved where the input knows it; a value known only
 * after apply (a Cloud KMS key's PEM in Terraform JSON) makes the key unknown, never trusted.
 *
 * @throws ModelError when an attestor's note or keys have a shape the provider does not write
 */
export function attestorKeysOf(model: InputModel): AttestorKeys[] {
  const resolver = new Resolver(model);
  return model.resources.filter((r) => r.type === ATTESTOR_TYPE).map((r) => attestorOf(r, resolver));
}

function attestorOf(resource: ResourceInstance, resolver: Resolver): AttestorKeys {
  const { values, address } = resource;
  const project =
    typeof values.project === 'string' && values.project !== ''
      ? values.project
      : (resource.providerProject ?? PROVIDER_DEFAULT_PROJECT);
  const name = `projects/${project}/attestors/${typeof values.name === 'string' ? values.name : describeValue(values.name)}`;
  const noteBlock = single(values.attestation_authority_note);
  if (noteBlock !== undefined && noteBlock !== null && !isPlainObject(noteBlock) && !isUnknownValue(noteBlock)) {
    throw new ModelError(
      `${address}: attestation_authority_note must be a single block, got: ${describeValue(values.attestation_authority_note)}`,
    );
  }
  const reference = isPlainObject(noteBlock) ? noteBlock.note_reference : noteBlock;
  let note: string | undefined;
  let noteUnknown: string | undefined;
  if (typeof reference === 'string' && reference !== '') {
    const resolved = resolver.resolve(reference);
    if (isUnknownValue(resolved) || isUnknownValue(project)) {
      noteUnknown = `${address}: its note (${reference}) is known only after apply`;
    } else {
      note = resolved.includes('/') ? resolved : `projects/${project}/notes/${resolved}`;
    }
  } else {
    noteUnknown = `${address}: attestation_authority_note.note_reference is ${describeValue(reference)}`;
  }
  const keysValue = isPlainObject(noteBlock)
    ? noteBlock.public_keys
    : isUnknownValue(noteBlock)
      ? noteBlock
      : undefined;
  const list = keysValue === undefined || keysValue === null ? [] : Array.isArray(keysValue) ? keysValue : [keysValue];
  const keys = list.map((entry, i): VerifierKey => {
    const where = `${address}: attestation_authority_note.public_keys[${i}]`;
    if (isUnknownValue(entry)) {
      return { kind: 'pkix', unknown: `${where} (${entry as string}) is known only after apply` };
    }
    if (!isPlainObject(entry)) {
      throw new ModelError(`${where} must be a block, got: ${describeValue(entry)}`);
    }
    for (const key of ['id', 'ascii_armored_pgp_public_key'] as const) {
      if (entry[key] !== undefined && entry[key] !== null && typeof entry[key] !== 'string') {
        throw new ModelError(`${where}.${key} must be a string, got: ${describeValue(entry[key])}`);
      }
    }
    const id = typeof entry.id === 'string' && entry.id !== '' ? resolver.resolve(entry.id) : undefined;
    const pgp = entry.ascii_armored_pgp_public_key;
    if (typeof pgp === 'string' && pgp !== '') {
      // The API sets a PGP key's id to its fingerprint: one known only after apply is computed from the key.
      return keyOf(
        'pgp',
        where,
        id !== undefined && isUnknownValue(id) && !isUnknownValue(pgp) ? undefined : id,
        pgp,
        undefined,
      );
    }
    const pkix = single(entry.pkix_public_key);
    if (isPlainObject(pkix)) {
      return keyOf('pkix', where, id, pkix.public_key_pem, pkix.signature_algorithm);
    }
    if (isUnknownValue(pkix)) {
      return { kind: 'pkix', unknown: `${where}: its key (${pkix as string}) is known only after apply` };
    }
    if (id !== undefined && (pkix === undefined || pkix === null)) {
      // An id without its key: nothing to verify a signature with.
      return { kind: 'pkix', id: isUnknownValue(id) ? undefined : id, problem: `${where} has an id but no key` };
    }
    throw new ModelError(
      `${where} has neither ascii_armored_pgp_public_key nor a pkix_public_key block, got: ${describeValue(entry)}`,
    );
  });
  return { name, note, noteUnknown, keys, source: address };
}

/** A nested block given once: an object, or a list of one object; anything else as it is. */
function single(value: unknown): unknown {
  return Array.isArray(value) && value.length === 1 ? value[0] : value;
}

/** A key from its parts, each checked: unknown parts make the key unknown, an unusable key has a problem. */
function keyOf(
  kind: 'pkix' | 'pgp',
  where: string,
  id: string | undefined,
  material: unknown,
  algorithm: unknown,
): VerifierKey {
  const unknownPart = [
    ['id', id],
    ['key', material],
    ['signature algorithm', algorithm],
  ].find(([, v]) => isUnknownValue(v));
  const givenId = id !== undefined && !isUnknownValue(id) ? id : undefined;
  if (unknownPart !== undefined) {
    // The id may be known (a Cloud KMS version's) while its PEM is not: a signature naming it is then
    // "known only after apply", not "unknown key id".
    return {
      kind,
      id: givenId,
      unknown: `${where}: its ${unknownPart[0]} (${unknownPart[1]}) is known only after apply`,
    };
  }
  if (typeof material !== 'string' || material === '') {
    return { kind, id: givenId, problem: `${where}: the key is ${describeValue(material)}` };
  }
  if (kind === 'pgp') {
    return { kind, id: givenId?.toUpperCase(), material };
  }
  const storedAlgorithm = typeof algorithm === 'string' ? binauthzAlgorithmName(algorithm) : undefined;
  const problem =
    storedAlgorithm === undefined
      ? `${where}: the signature algorithm is ${describeValue(algorithm)}`
      : checkSignatureAlgorithm(storedAlgorithm) === undefined
        ? undefined
        : `${where}: the signature algorithm ${describeValue(algorithm)} is not one Binary Authorization verifies`;
  const computed = pkixKeyId(material);
  return {
    kind,
    id: givenId ?? computed,
    material,
    algorithm: storedAlgorithm,
    problem: problem ?? (computed === undefined ? `${where}: the PEM is not a public key` : undefined),
  };
}

/**
 * An attestor as `gcloud container binauthz attestors describe NAME --format=json` prints it:
 * `{"name", "userOwnedGrafeasNote": {"noteReference", "publicKeys": [{"id", "pkixPublicKey":
 * {"publicKeyPem", "signatureAlgorithm"}} | {"id", "asciiArmoredPgpPublicKey"}]}}` (`userOwnedDrydockNote`
 * in older API versions).
 *
 * @param where how messages name the document (its file)
 * @throws AttestorFormatError for any other shape
 */
export function readAttestorDescription(doc: unknown, where: string): AttestorKeys {
  const fail = (what: string): never => {
    throw new AttestorFormatError(
      `${where}: ${what}; pass what "gcloud container binauthz attestors describe NAME --format=json" prints`,
    );
  };
  if (!isPlainObject(doc)) {
    return fail(`expected an attestor (an object), got: ${describeValue(doc)}`);
  }
  const name = doc.name;
  if (typeof name !== 'string' || !/^projects\/[^/]+\/attestors\/[^/]+$/.test(name)) {
    return fail(`name must be "projects/P/attestors/N", got: ${describeValue(name)}`);
  }
  const note = doc.userOwnedGrafeasNote ?? doc.userOwnedDrydockNote;
  if (!isPlainObject(note)) {
    return fail(`userOwnedGrafeasNote must be an object, got: ${describeValue(note)}`);
  }
  const noteReference = note.noteReference;
  if (typeof noteReference !== 'string' || !/^projects\/[^/]+\/notes\/[^/]+$/.test(noteReference)) {
    return fail(
      `userOwnedGrafeasNote.noteReference must be "projects/P/notes/N", got: ${describeValue(noteReference)}`,
    );
  }
  const publicKeys = note.publicKeys === undefined ? [] : note.publicKeys;
  if (!Array.isArray(publicKeys)) {
    return fail(`userOwnedGrafeasNote.publicKeys must be a list, got: ${describeValue(publicKeys)}`);
  }
  const keys = publicKeys.map((k, i): VerifierKey => {
    const at = `userOwnedGrafeasNote.publicKeys[${i}]`;
    if (!isPlainObject(k) || typeof k.id !== 'string' || k.id === '') {
      return fail(`${at} must be an object with an id, got: ${describeValue(k)}`);
    }
    if (typeof k.asciiArmoredPgpPublicKey === 'string') {
      return keyOf('pgp', `${where}: ${at}`, k.id, k.asciiArmoredPgpPublicKey, undefined);
    }
    const pkix = k.pkixPublicKey;
    if (!isPlainObject(pkix) || typeof pkix.publicKeyPem !== 'string' || typeof pkix.signatureAlgorithm !== 'string') {
      return fail(`${at} must hold pkixPublicKey {publicKeyPem, signatureAlgorithm} or asciiArmoredPgpPublicKey`);
    }
    return keyOf('pkix', `${where}: ${at}`, k.id, pkix.publicKeyPem, pkix.signatureAlgorithm);
  });
  return { name, note: noteReference, keys, source: where };
}
