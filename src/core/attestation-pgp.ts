/**
 * OpenPGP verification of attestations with `openpgp` (bundled), loaded only when a PGP attestation is
 * read: the library is not required by any other path, so the command line's load time is unchanged.
 *
 * `openpgp` verifies asynchronously, and the evaluation of a policy is synchronous (for the constructs and
 * the command line alike). So every PGP check of one run is made in one batch, in a worker thread that
 * this thread waits for (`Atomics.wait`), and the answers are read back synchronously.
 *
 * What is accepted (gcloud's `attestations create`, surface/container/binauthz/attestations/create.py and
 * api_lib/container/binauthz/containeranalysis.py, gcloud 578.0.0): the signature file is stored as it is
 * (`signature`), and `serializedPayload` is the payload file or, without one, gcloud's own payload for the
 * image. Google's guide signs with `gpg --armor --sign`: an attached signed message that carries the
 * payload. So a PGP signature counts only when it is a signed message (armored or binary) whose signature
 * verifies with the named key and whose signed data is, byte for byte, the occurrence's `serializedPayload`
 * (a v1beta1 `pgpSignedAttestation` has none: its signed data is its payload). A detached or clear-text
 * signature is refused (UNCONFIRMED whether the API accepts them: refusing is the conservative choice).
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';

/** One PGP check: which of `keys` has the id `publicKeyId`, and whether it verifies `message`. */
export interface PgpJob {
  /** The armored public keys of the attestor. */
  readonly keys: ReadonlyArray<{ readonly armored: string; readonly id?: string }>;
  /** The id the signature names. */
  readonly publicKeyId: string;
  /** The signature as stored: a signed message, armored or binary. */
  readonly message: Uint8Array;
}

/** The answer of one PGP check. */
export interface PgpAnswer {
  /** `verified`, `unknown-key-id` (no key has that id) or `invalid-signature`. */
  readonly status: 'verified' | 'unknown-key-id' | 'invalid-signature';
  /** Why not, in a few words. */
  readonly detail?: string;
  /** The signed data, when verified. */
  readonly data?: Uint8Array;
}

/** The worker: reads the keys, finds the one named, verifies the message with it alone. */
const WORKER = `
const { workerData } = require('worker_threads');
const openpgp = require(workerData.library);
async function one(job) {
  let chosen;
  for (const k of job.keys) {
    let key;
    try { key = await openpgp.readKey({ armoredKey: k.armored }); } catch (e) { continue; }
    const id = k.id !== undefined ? k.id : key.getFingerprint().toUpperCase();
    if (id === job.publicKeyId) { chosen = key; break; }
  }
  if (chosen === undefined) return { status: 'unknown-key-id', detail: 'no PGP key of the attestor has this id (its fingerprint)' };
  try {
    const bytes = Buffer.from(job.message);
    const text = bytes.toString('utf8');
    const message = text.includes('-----BEGIN PGP MESSAGE-----')
      ? await openpgp.readMessage({ armoredMessage: text })
      : await openpgp.readMessage({ binaryMessage: new Uint8Array(bytes) });
    const result = await openpgp.verify({ message, verificationKeys: chosen, expectSigned: true, format: 'binary' });
    return { status: 'verified', data: result.data };
  } catch (e) {
    return { status: 'invalid-signature', detail: String((e && e.message) || e).split('\\n')[0] };
  }
}
(async () => {
  const answers = [];
  for (const job of workerData.jobs) answers.push(await one(job));
  workerData.port.postMessage(answers);
  Atomics.store(workerData.done, 0, 1);
  Atomics.notify(workerData.done, 0);
})().catch((e) => {
  workerData.port.postMessage({ error: String((e && e.message) || e) });
  Atomics.store(workerData.done, 0, 1);
  Atomics.notify(workerData.done, 0);
});
`;

/** How long to wait for the worker before giving up (every answer then "does not verify"). */
const TIMEOUT_MS = 120_000;

/**
 * Runs every PGP check of a run at once, synchronously. A failure of the worker itself (the library
 * missing, a timeout) is an error: the caller must not admit anything on it.
 */
export function verifyPgpBatch(jobs: readonly PgpJob[]): PgpAnswer[] {
  if (jobs.length === 0) {
    return [];
  }
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { library: require.resolve('openpgp'), jobs, done, port: port2 },
    transferList: [port2],
  });
  try {
    if (Atomics.wait(done, 0, 0, TIMEOUT_MS) === 'timed-out') {
      throw new Error(`the OpenPGP verification did not finish within ${TIMEOUT_MS / 1000} s`);
    }
    const received = receiveMessageOnPort(port1)?.message as PgpAnswer[] | { error: string } | undefined;
    if (received === undefined || !Array.isArray(received)) {
      throw new Error(`the OpenPGP verification failed: ${received?.error ?? 'no answer'}`);
    }
    return received;
  } finally {
    void worker.terminate();
    port1.close();
  }
}
