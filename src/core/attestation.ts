/**
 * Binary Authorization attestations, read offline: the payload a signer signs (byte for byte as gcloud
 * writes it) and the occurrences that `gcloud container binauthz attestations list --format=json` prints,
 * in one plain form (`AttestationRecord`) whatever their shape. Verification is in
 * `attestation-verify.ts`, the keys in `attestation-keys.ts`. Framework-free and pure.
 *
 * Fail closed: an occurrence of a shape not described here is an `AttestationFormatError` naming where it
 * is, never skipped.
 */
import { describeValue } from './display';
import { parseImageReference } from './image';
import { isPlainObject } from './model';

/** The `critical.type` of Google's payload: the only type Binary Authorization accepts for a container image. */
export const PAYLOAD_TYPE = 'Google cloud binauthz container signature';

/** An occurrence (or a file of them) of a shape this reader does not know: the message says where and what. */
export class AttestationFormatError extends Error {}

/**
 * The payload to sign for an image, byte for byte as `gcloud container binauthz create-signature-payload
 * --artifact-url=IMAGE@DIGEST` prints it (gcloud's `MakeSignaturePayload`, command_lib/container/binauthz/util.py):
 * `{"critical": {"identity": {"docker-reference": NAME}, "image": {"docker-manifest-digest": DIGEST}, "type": …}}`
 * serialized by Python's `json.dumps(ensure_ascii=True, indent=2, separators=(',', ': '), sort_keys=True)`
 * and a final newline. NAME is the image without scheme, tag or digest, as written (no registry is added
 * or normalised: `docker.io/library/nginx` stays so).
 *
 * @throws Error when `image` is not an image reference with a `sha256:` digest
 */
export function signaturePayload(image: string): string {
  const withoutScheme = image.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, '');
  const ref = parseImageReference(withoutScheme);
  if (ref.digest === undefined) {
    throw new Error(
      `"${image}" has no digest: a payload names one image by its digest (IMAGE@sha256:…); find it with "gcloud artifacts docker images describe IMAGE:TAG --format='value(image_summary.digest)'"`,
    );
  }
  const payload = {
    critical: {
      identity: { 'docker-reference': `${ref.registry}/${ref.repository}` },
      image: { 'docker-manifest-digest': ref.digest },
      type: PAYLOAD_TYPE,
    },
  };
  return `${pythonJsonDumps(payload, '')}\n`;
}

/**
 * A value as Python's `json.dumps(v, ensure_ascii=True, indent=2, separators=(',', ': '), sort_keys=True)`
 * writes it, for the strings and objects of a payload.
 */
function pythonJsonDumps(value: unknown, indent: string): string {
  if (typeof value === 'string') {
    // Python escapes `"`, `\`, the control characters and everything outside printable ASCII (DEL included).
    return `"${value.replace(/[\\"]|[^\x20-\x7e]/g, (c) => PYTHON_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort();
    if (keys.length === 0) {
      return '{}';
    }
    const inner = `${indent}  `;
    const entries = keys.map((k) => `${inner}${pythonJsonDumps(k, inner)}: ${pythonJsonDumps(value[k], inner)}`);
    return `{\n${entries.join(',\n')}\n${indent}}`;
  }
  throw new Error(`a payload holds only strings and objects, got: ${describeValue(value)}`);
}

const PYTHON_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** One signature of an attestation. */
export interface AttestationSignature {
  /** The key id the signer named (`publicKeyId`; for v1beta1 PGP attestations, `pgpKeyId`). */
  readonly publicKeyId: string;
  /** The signature's bytes (for PGP: the armored signed message as gcloud stores it). */
  readonly signature: Buffer;
}

/** One attestation occurrence, in one form whatever shape it was read from. */
export interface AttestationRecord {
  /** The occurrence's name, `projects/P/occurrences/ID` (or where it was read, when it has none). */
  readonly name: string;
  /** The note it is attached to, `projects/P/notes/N`. */
  readonly noteName: string;
  /** The image it was created for (`resourceUri`), as written. */
  readonly resourceUri: string;
  /**
   * The signed payload (`serializedPayload`); `undefined` for a v1beta1 PGP attestation, whose payload is
   * the one its signed message carries.
   */
  readonly serializedPayload?: Buffer;
  /** Its signatures. */
  readonly signatures: AttestationSignature[];
  /** How many JWT attestations it carries (`jwts`): read, never verified here. */
  readonly jwts: number;
  /** Where it was read: the file and the index in it. */
  readonly source: string;
}

/**
 * The attestations of a document as `gcloud container binauthz attestations list --format=json` prints
 * it: a list of Container Analysis occurrences (v1, or the v1beta1 shapes with `attestation.attestation`),
 * or one occurrence object. An occurrence of another kind, or of a shape not known here, is an error.
 *
 * @param where how messages name the document (its file)
 * @throws AttestationFormatError for anything else
 */
export function readAttestations(doc: unknown, where: string): AttestationRecord[] {
  if (Array.isArray(doc)) {
    return doc.map((o, i) => readOccurrence(o, `${where}[${i}]`));
  }
  if (isPlainObject(doc)) {
    return [readOccurrence(doc, where)];
  }
  throw new AttestationFormatError(
    `${where}: expected the attestations as "gcloud container binauthz attestations list --format=json" prints them (a list of occurrences, or one occurrence), got: ${describeValue(doc)}`,
  );
}

function readOccurrence(value: unknown, where: string): AttestationRecord {
  const fail = (what: string): never => {
    throw new AttestationFormatError(`${where}: ${what}`);
  };
  if (!isPlainObject(value)) {
    return fail(`an occurrence must be an object, got: ${describeValue(value)}`);
  }
  const str = (key: string, required: boolean): string | undefined => {
    const v = value[key];
    if (v === undefined && !required) {
      return undefined;
    }
    if (typeof v !== 'string' || v === '') {
      return fail(`${key} must be a string, got: ${describeValue(v)}`);
    }
    return v;
  };
  const kind = str('kind', false);
  if (kind !== undefined && kind !== 'ATTESTATION') {
    fail(`kind ${describeValue(kind)} is not ATTESTATION: pass only attestations (attestations list prints them)`);
  }
  const name = str('name', false) ?? where;
  const noteName = str('noteName', true)!;
  const resourceUri = str('resourceUri', false) ?? resourceUrlOf(value, where);
  const attestation = value.attestation;
  if (!isPlainObject(attestation)) {
    return fail(`attestation must be an object, got: ${describeValue(attestation)}`);
  }
  const base = { name, noteName, resourceUri, source: where };
  // v1beta1: attestation.attestation.{pgpSignedAttestation | genericSignedAttestation}
  if (attestation.attestation !== undefined) {
    const inner = attestation.attestation;
    if (!isPlainObject(inner) || Object.keys(inner).length !== 1) {
      return fail(
        `attestation.attestation must hold one of pgpSignedAttestation, genericSignedAttestation, got: ${describeValue(inner)}`,
      );
    }
    if (isPlainObject(inner.pgpSignedAttestation)) {
      const pgp = inner.pgpSignedAttestation;
      const at = `attestation.attestation.pgpSignedAttestation`;
      if (typeof pgp.signature !== 'string' || pgp.signature === '') {
        return fail(`${at}.signature must be the armored signed message, got: ${describeValue(pgp.signature)}`);
      }
      if (typeof pgp.pgpKeyId !== 'string' || pgp.pgpKeyId === '') {
        return fail(`${at}.pgpKeyId must be the key's fingerprint, got: ${describeValue(pgp.pgpKeyId)}`);
      }
      if (pgp.contentType !== undefined && pgp.contentType !== 'SIMPLE_SIGNING_JSON') {
        return fail(`${at}.contentType must be SIMPLE_SIGNING_JSON, got: ${describeValue(pgp.contentType)}`);
      }
      return {
        ...base,
        signatures: [{ publicKeyId: pgp.pgpKeyId, signature: Buffer.from(pgp.signature, 'utf8') }],
        jwts: 0,
      };
    }
    if (isPlainObject(inner.genericSignedAttestation)) {
      const generic = inner.genericSignedAttestation;
      const at = 'attestation.attestation.genericSignedAttestation';
      if (generic.contentType !== undefined && generic.contentType !== 'SIMPLE_SIGNING_JSON') {
        return fail(`${at}.contentType must be SIMPLE_SIGNING_JSON, got: ${describeValue(generic.contentType)}`);
      }
      return {
        ...base,
        serializedPayload: base64At(generic.serializedPayload, `${at}.serializedPayload`, fail),
        signatures: signaturesAt(generic.signatures, `${at}.signatures`, fail),
        jwts: 0,
      };
    }
    return fail(
      `attestation.attestation must hold one of pgpSignedAttestation, genericSignedAttestation, got: ${describeValue(inner)}`,
    );
  }
  const known = new Set(['serializedPayload', 'signatures', 'jwts']);
  const foreign = Object.keys(attestation).filter((k) => !known.has(k));
  if (foreign.length > 0) {
    fail(
      `attestation has keys ${describeValue(foreign)} that a v1 attestation does not (serializedPayload, signatures, jwts)`,
    );
  }
  const jwts = attestation.jwts === undefined ? [] : attestation.jwts;
  if (!Array.isArray(jwts)) {
    return fail(`attestation.jwts must be a list, got: ${describeValue(jwts)}`);
  }
  const signatures =
    attestation.signatures === undefined ? [] : signaturesAt(attestation.signatures, 'attestation.signatures', fail);
  if (signatures.length === 0 && jwts.length === 0) {
    fail('attestation has neither signatures nor jwts');
  }
  return {
    ...base,
    serializedPayload:
      attestation.serializedPayload === undefined && signatures.length === 0
        ? undefined
        : base64At(attestation.serializedPayload, 'attestation.serializedPayload', fail),
    signatures,
    jwts: jwts.length,
  };
}

/** v1beta1 names the image in `resource.uri`; v1 in `resourceUri`. */
function resourceUrlOf(value: Record<string, unknown>, where: string): string {
  const resource = value.resource;
  if (isPlainObject(resource) && typeof resource.uri === 'string' && resource.uri !== '') {
    return resource.uri;
  }
  throw new AttestationFormatError(
    `${where}: resourceUri (v1) or resource.uri (v1beta1) must name the image, got: ${describeValue(value.resourceUri ?? resource)}`,
  );
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

function base64At(value: unknown, where: string, fail: (what: string) => never): Buffer {
  if (typeof value !== 'string' || value === '' || !BASE64.test(value)) {
    return fail(`${where} must be base64, got: ${describeValue(value)}`);
  }
  return Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64');
}

function signaturesAt(value: unknown, where: string, fail: (what: string) => never): AttestationSignature[] {
  if (!Array.isArray(value)) {
    return fail(`${where} must be a list, got: ${describeValue(value)}`);
  }
  return value.map((s, i) => {
    if (!isPlainObject(s)) {
      return fail(`${where}[${i}] must be an object, got: ${describeValue(s)}`);
    }
    if (typeof s.publicKeyId !== 'string' || s.publicKeyId === '') {
      return fail(`${where}[${i}].publicKeyId must be a string, got: ${describeValue(s.publicKeyId)}`);
    }
    return { publicKeyId: s.publicKeyId, signature: base64At(s.signature, `${where}[${i}].signature`, fail) };
  });
}

/** What a payload says, or why it is not Google's payload for a container image. */
export type PayloadReading =
  | { readonly ok: true; readonly digest: string; readonly reference?: string }
  | { readonly ok: false; readonly problem: string };

/**
 * Reads a signed payload: a JSON object whose `critical.type` is Google's (`PAYLOAD_TYPE`) and whose
 * `critical.image.docker-manifest-digest` is a digest. Anything else is a payload of another type.
 */
export function readPayload(payload: Buffer): PayloadReading {
  let doc: unknown;
  try {
    doc = JSON.parse(payload.toString('utf8'));
  } catch {
    return { ok: false, problem: 'the payload is not JSON' };
  }
  const critical = isPlainObject(doc) ? doc.critical : undefined;
  if (!isPlainObject(critical) || critical.type !== PAYLOAD_TYPE) {
    return {
      ok: false,
      problem: `the payload's critical.type is ${describeValue(isPlainObject(critical) ? critical.type : undefined)}, not "${PAYLOAD_TYPE}"`,
    };
  }
  const image = critical.image;
  const digest = isPlainObject(image) ? image['docker-manifest-digest'] : undefined;
  if (typeof digest !== 'string' || !/^sha256:[a-f0-9]{64}$/.test(digest)) {
    return { ok: false, problem: `the payload's critical.image.docker-manifest-digest is ${describeValue(digest)}` };
  }
  const identity = critical.identity;
  const reference = isPlainObject(identity) ? identity['docker-reference'] : undefined;
  return { ok: true, digest, reference: typeof reference === 'string' ? reference : undefined };
}

/** The digest an occurrence's `resourceUri` names (`https://IMAGE@sha256:…`), if any. */
export function digestOfUri(uri: string): string | undefined {
  return /@(sha256:[a-f0-9]{64})$/.exec(uri)?.[1];
}
