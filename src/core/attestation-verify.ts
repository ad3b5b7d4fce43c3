/**
 * Verifies attestations offline, as Binary Authorization verifies them at deploy time, and gives the
 * verdict of each attestor for an image digest (`AttestationIndex.verdict`), which `evaluate` uses when
 * attestations are given.
 *
 * An image satisfies an attestor when an occurrence under the attestor's note carries a signature whose
 * `publicKeyId` equals the id of one of the attestor's keys and which verifies the occurrence's
 * `serializedPayload` with that key's algorithm, and the payload is Google's (`PAYLOAD_TYPE`) with a
 * `docker-manifest-digest` equal to the image's digest. Only the digest counts (Google: "only the
 * IMAGE_DIGEST is used at deploy time"): `docker-reference` and `resourceUri` are not compared, so one
 * attestation admits identical images stored elsewhere.
 *
 * PKIX signatures are verified with `node:crypto`: ECDSA P-256/P-384/P-521 (DER signatures, as
 * `openssl dgst -sign` and Cloud KMS write them), RSA PKCS#1 v1.5 and RSA-PSS with a salt as long as the
 * digest (as Cloud KMS signs; UNCONFIRMED for keys that sign elsewhere: a signature with another salt does
 * not verify here, a false alarm, never a pass). PGP signatures are verified by `attestation-pgp.ts`.
 * JWT attestations are never verified here: "not verified (JWT)", never admitted.
 *
 * Each occurrence is verified once per attestor whose note it is under, whatever the number of images.
 */
import { constants, createPublicKey, KeyObject, verify } from 'crypto';
import { AttestationRecord, digestOfUri, PayloadReading, readPayload } from './attestation';
import type { AttestorKeys, VerifierKey } from './attestation-keys';
import { PgpJob, verifyPgpBatch } from './attestation-pgp';
import { checkKeyFitsAlgorithm } from './keys';

/** Every reason an attestor is or is not satisfied, in the order a row reports the first that applies. */
export const ATTESTOR_REASONS = [
  'attested',
  'keys-not-given',
  'key-unknown-until-apply',
  'invalid-signature',
  'unknown-key-id',
  'other-payload-type',
  'digest-differs',
  'jwt-not-verified',
  'other-note',
  'no-attestation',
] as const;
/** Why an attestor is or is not satisfied. */
export type AttestorReason = (typeof ATTESTOR_REASONS)[number];

/** How a row says each reason. */
export const ATTESTOR_REASON_TEXT: Record<AttestorReason, string> = {
  attested: 'attested',
  'keys-not-given':
    "the attestor's keys are not given (pass --attestor FILE from gcloud container binauthz attestors describe)",
  'key-unknown-until-apply': 'the key (or the note) is known only after apply',
  'invalid-signature': 'the signature does not verify',
  'unknown-key-id': 'signed by a key id the attestor does not have',
  'other-payload-type': 'the payload is of another type',
  'digest-differs': "the payload's digest differs from the image's",
  'jwt-not-verified': 'not verified (JWT)',
  'other-note': "attestation under another note than the attestor's",
  'no-attestation': 'no attestation for this digest',
};

/** The verdict of one attestor for one image. */
export interface AttestorVerdict {
  /** The attestor, `projects/P/attestors/N`. */
  readonly attestor: string;
  /** Whether the image satisfies it. */
  readonly satisfied: boolean;
  /** Why (`attested` when satisfied). */
  readonly reason: AttestorReason;
  /** The reason in words, with a detail when there is one. */
  readonly text: string;
  /** The occurrences that satisfy it, or those that were considered and failed. */
  readonly occurrences: string[];
}

/** What one occurrence is worth for one attestor, whatever the image. */
interface OccurrenceStatus {
  readonly record: AttestationRecord;
  readonly reason: AttestorReason;
  readonly detail?: string;
  /** The payload's digest, when the payload is readable. */
  readonly payloadDigest?: string;
}

/** What verifies each PKIX algorithm: its hash and padding. */
function pkixParameters(algorithm: string): { hash: string; padding?: number; saltLength?: number } | undefined {
  const m = /^(ECDSA_P(?:256|384|521)|RSA_PSS_\d+|RSA_SIGN_PKCS1_\d+)_SHA(256|384|512)$/.exec(algorithm);
  if (!m) {
    return undefined;
  }
  const hash = `sha${m[2]}`;
  if (m[1].startsWith('RSA_PSS')) {
    return { hash, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(m[2]) / 8 };
  }
  if (m[1].startsWith('RSA_SIGN_PKCS1')) {
    return { hash, padding: constants.RSA_PKCS1_PADDING };
  }
  return { hash };
}

/**
 * Whether `signature` verifies `payload` with a PKIX key and algorithm (a Binary Authorization
 * `SignatureAlgorithm`, stored name): the key must fit the algorithm (type, size, curve).
 */
export function verifyPkixSignature(pem: string, algorithm: string, payload: Buffer, signature: Buffer): boolean {
  const parameters = pkixParameters(algorithm);
  const key = usableKey(pem, algorithm);
  if (parameters === undefined || key === undefined) {
    return false;
  }
  try {
    return verify(
      parameters.hash,
      payload,
      { key, padding: parameters.padding, saltLength: parameters.saltLength, dsaEncoding: 'der' },
      signature,
    );
  } catch {
    return false;
  }
}

/** Each PEM and algorithm read once: its key, or `undefined` when it is no key or does not fit the algorithm. */
const keyCache = new Map<string, KeyObject | undefined>();

function usableKey(pem: string, algorithm: string): KeyObject | undefined {
  const cacheKey = `${algorithm}\n${pem}`;
  if (!keyCache.has(cacheKey)) {
    let key: KeyObject | undefined;
    try {
      key =
        checkKeyFitsAlgorithm(pem, algorithm) === undefined
          ? createPublicKey({ key: pem.trim(), format: 'pem' })
          : undefined;
    } catch {
      key = undefined;
    }
    keyCache.set(cacheKey, key);
  }
  return keyCache.get(cacheKey);
}

/**
 * The attestations of a run, verified once against the attestors they may count for, and indexed by
 * digest: `verdict(attestor, digest)` costs a lookup.
 */
export class AttestationIndex {
  /** The attestors known, by name. */
  private readonly attestors = new Map<string, AttestorKeys>();
  /** For each attestor, the statuses of the occurrences under its note, by the digests they name. */
  private readonly byAttestor = new Map<string, Map<string, OccurrenceStatus[]>>();
  /** The notes that hold an occurrence naming each digest (by payload or resourceUri). */
  private readonly notesByDigest = new Map<string, Set<string>>();

  /**
   * @param attestors the attestors whose keys are known (from the input and from `--attestor`); the first
   *   of two with one name is kept
   * @param records the attestations
   * @throws Error when PGP verification cannot run at all
   */
  constructor(
    attestors: readonly AttestorKeys[],
    public readonly records: readonly AttestationRecord[],
  ) {
    for (const a of attestors) {
      if (!this.attestors.has(a.name)) {
        this.attestors.set(a.name, a);
      }
    }
    const byNote = new Map<string, AttestationRecord[]>();
    const payloadDigests = new Map<AttestationRecord, string | undefined>();
    for (const r of records) {
      const list = byNote.get(r.noteName);
      if (list === undefined) {
        byNote.set(r.noteName, [r]);
      } else {
        list.push(r);
      }
      const payload = readingOf(r);
      const digest = payload?.ok ? payload.digest : undefined;
      payloadDigests.set(r, digest);
      for (const d of new Set([digest, digestOfUri(r.resourceUri)])) {
        if (d !== undefined) {
          this.notesByDigest.set(d, (this.notesByDigest.get(d) ?? new Set()).add(r.noteName));
        }
      }
    }
    // Every PKIX check now; PGP checks gathered, then run in one batch.
    const pending: Array<{ attestor: string; record: AttestationRecord; jobs: number[]; others: OccurrenceStatus[] }> =
      [];
    const jobs: PgpJob[] = [];
    for (const a of this.attestors.values()) {
      const statuses = new Map<string, OccurrenceStatus[]>();
      this.byAttestor.set(a.name, statuses);
      if (a.note === undefined) {
        continue;
      }
      for (const record of byNote.get(a.note) ?? []) {
        const found = statusesOf(a, record, payloadDigests.get(record), jobs);
        if (found.jobs.length > 0) {
          pending.push({ attestor: a.name, record, jobs: found.jobs, others: found.statuses });
        } else {
          add(statuses, best(found.statuses));
        }
      }
    }
    const answers = verifyPgpBatch(jobs);
    for (const p of pending) {
      const statuses = [...p.others];
      for (const j of p.jobs) {
        const answer = answers[j];
        if (answer.status !== 'verified') {
          statuses.push({ record: p.record, reason: answer.status, detail: answer.detail });
          continue;
        }
        const data = Buffer.from(answer.data ?? []);
        const serialized = p.record.serializedPayload;
        if (serialized !== undefined && !data.equals(serialized)) {
          statuses.push({
            record: p.record,
            reason: 'invalid-signature',
            detail: 'the signed message does not carry the serializedPayload',
          });
          continue;
        }
        statuses.push(payloadStatus(p.record, serialized ?? data));
      }
      add(this.byAttestor.get(p.attestor)!, best(statuses));
    }
  }

  /** The verdict of `attestor` for an image of digest `digest` (`sha256:…`). */
  public verdict(attestor: string, digest: string): AttestorVerdict {
    const keys = this.attestors.get(attestor);
    const verdict = (reason: AttestorReason, occurrences: string[] = [], detail?: string): AttestorVerdict => ({
      attestor,
      satisfied: reason === 'attested',
      reason,
      text: detail === undefined ? ATTESTOR_REASON_TEXT[reason] : `${ATTESTOR_REASON_TEXT[reason]} (${detail})`,
      occurrences,
    });
    if (keys === undefined) {
      return verdict('keys-not-given');
    }
    if (keys.note === undefined) {
      return verdict('key-unknown-until-apply', [], keys.noteUnknown);
    }
    const candidates = this.byAttestor.get(attestor)?.get(digest) ?? [];
    const attested = candidates.filter((c) => c.reason === 'attested' && c.payloadDigest === digest);
    if (attested.length > 0) {
      return verdict(
        'attested',
        attested.map((c) => c.record.name),
      );
    }
    if (candidates.length === 0) {
      const notes = this.notesByDigest.get(digest);
      return notes === undefined ? verdict('no-attestation') : verdict('other-note', [], [...notes].join(', '));
    }
    // Each candidate's own reason; one that verifies but names another digest "differs".
    const reasons = candidates.map((c) =>
      c.payloadDigest !== undefined && c.payloadDigest !== digest && c.reason === 'attested'
        ? { ...c, reason: 'digest-differs' as const, detail: `signed for ${c.payloadDigest}` }
        : c,
    );
    const first = ATTESTOR_REASONS.map((r) => reasons.find((c) => c.reason === r)).find((c) => c !== undefined)!;
    return verdict(
      first.reason,
      candidates.map((c) => c.record.name),
      first.detail,
    );
  }
}

/** Files a status under each digest it names (its payload's, its resourceUri's). */
function add(statuses: Map<string, OccurrenceStatus[]>, status: OccurrenceStatus): void {
  for (const d of new Set([status.payloadDigest, digestOfUri(status.record.resourceUri)])) {
    if (d !== undefined) {
      const list = statuses.get(d);
      if (list === undefined) {
        statuses.set(d, [status]);
      } else {
        list.push(status);
      }
    }
  }
}

/** The best of several statuses of one occurrence (one per signature): attested, else the first reason. */
function best(statuses: OccurrenceStatus[]): OccurrenceStatus {
  return ATTESTOR_REASONS.map((r) => statuses.find((s) => s.reason === r)).find((s) => s !== undefined)!;
}

/** Each record's `serializedPayload` read once. */
const readings = new WeakMap<AttestationRecord, PayloadReading>();

/** What a record's `serializedPayload` says (read once). */
function readingOf(record: AttestationRecord): PayloadReading | undefined {
  if (record.serializedPayload === undefined) {
    return undefined;
  }
  let reading = readings.get(record);
  if (reading === undefined) {
    reading = readPayload(record.serializedPayload);
    readings.set(record, reading);
  }
  return reading;
}

/** A verified signature's status: attested when the payload is Google's, else of another type. */
function payloadStatus(record: AttestationRecord, payload: Buffer): OccurrenceStatus {
  const reading = payload === record.serializedPayload ? readingOf(record)! : readPayload(payload);
  return reading.ok
    ? { record, reason: 'attested', payloadDigest: reading.digest }
    : { record, reason: 'other-payload-type', detail: reading.problem };
}

/**
 * The status of each signature of an occurrence for an attestor; PGP checks are added to `jobs` and
 * their indexes returned, to be answered in one batch.
 */
function statusesOf(
  attestor: AttestorKeys,
  record: AttestationRecord,
  payloadDigest: string | undefined,
  jobs: PgpJob[],
): { statuses: OccurrenceStatus[]; jobs: number[] } {
  const statuses: OccurrenceStatus[] = [];
  const pgpJobs: number[] = [];
  const withDigest = (s: Omit<OccurrenceStatus, 'payloadDigest'>): OccurrenceStatus => ({ ...s, payloadDigest });
  if (record.signatures.length === 0) {
    return { statuses: [withDigest({ record, reason: 'jwt-not-verified' })], jobs: [] };
  }
  const pgpKeys = attestor.keys.filter((k) => k.kind === 'pgp' && k.material !== undefined && k.unknown === undefined);
  for (const signature of record.signatures) {
    const named = attestor.keys.filter((k) => k.id !== undefined && k.id === signature.publicKeyId);
    const unknown = named.find((k) => k.unknown !== undefined);
    if (unknown !== undefined) {
      statuses.push(withDigest({ record, reason: 'key-unknown-until-apply', detail: unknown.unknown }));
      continue;
    }
    const pkix = named.find((k) => k.kind === 'pkix');
    if (pkix !== undefined) {
      statuses.push(pkixStatus(pkix, record, signature.signature, payloadDigest));
      continue;
    }
    // A PGP key named by its id, or a PGP key whose id (its fingerprint) is computed when verifying.
    const candidates = named.some((k) => k.kind === 'pgp') ? named.filter((k) => k.kind === 'pgp') : pgpKeys;
    if (candidates.length > 0 && (named.length > 0 || pgpKeys.some((k) => k.id === undefined))) {
      pgpJobs.push(
        jobs.push({
          keys: candidates.map((k) => ({ armored: k.material!, id: k.id })),
          publicKeyId: signature.publicKeyId,
          message: signature.signature,
        }) - 1,
      );
      continue;
    }
    const unknownIds = attestor.keys.filter((k) => k.id === undefined && k.unknown !== undefined);
    statuses.push(
      withDigest(
        unknownIds.length > 0
          ? { record, reason: 'key-unknown-until-apply', detail: unknownIds[0].unknown }
          : { record, reason: 'unknown-key-id', detail: signature.publicKeyId },
      ),
    );
  }
  if (record.jwts > 0 && statuses.length === 0 && pgpJobs.length === 0) {
    statuses.push(withDigest({ record, reason: 'jwt-not-verified' }));
  }
  return { statuses, jobs: pgpJobs };
}

function pkixStatus(
  key: VerifierKey,
  record: AttestationRecord,
  signature: Buffer,
  payloadDigest: string | undefined,
): OccurrenceStatus {
  if (key.problem !== undefined || key.material === undefined || key.algorithm === undefined) {
    return { record, reason: 'invalid-signature', detail: key.problem ?? 'the key cannot verify', payloadDigest };
  }
  const payload = record.serializedPayload;
  if (payload === undefined || !verifyPkixSignature(key.material, key.algorithm, payload, signature)) {
    return { record, reason: 'invalid-signature', payloadDigest };
  }
  return payloadStatus(record, payload);
}
