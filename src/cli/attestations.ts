/**
 * The attestations `check --attestations FILE` reads, and the attestor keys they are verified with: the
 * attestors of the input, and those of `--attestor FILE` (`gcloud container binauthz attestors describe
 * NAME --format=json`) for attestors the input does not hold. An attestor in both is taken from the input
 * (what will be deployed); `--attestor` adds the others.
 */
import { InputError, InputFile, readOptionJson } from './input';
import { AttestationFormatError, AttestationRecord, readAttestations } from '../core/attestation';
import { AttestorFormatError, AttestorKeys, attestorKeysOf, readAttestorDescription } from '../core/attestation-keys';
import { AttestationIndex } from '../core/attestation-verify';
import { ModelError } from '../core/model';

/**
 * The attestations of `--attestations` files verified against the attestors of the input and of
 * `--attestor` files; `undefined` when no attestations are given (then nothing in `check` changes).
 */
export function attestationIndexOf(
  files: InputFile[],
  attestationFiles: readonly string[] = [],
  attestorFiles: readonly string[] = [],
): AttestationIndex | undefined {
  if (attestationFiles.length === 0) {
    return undefined;
  }
  const attestors: AttestorKeys[] = [];
  for (const { file, model } of files) {
    try {
      attestors.push(...attestorKeysOf(model));
    } catch (e) {
      if (e instanceof ModelError) {
        throw new InputError(`${file}: ${e.message}`);
      }
      throw e;
    }
  }
  for (const path of attestorFiles) {
    const doc = readOptionJson('--attestor', path);
    try {
      attestors.push(readAttestorDescription(doc, `--attestor ${path}`));
    } catch (e) {
      if (e instanceof AttestorFormatError) {
        throw new InputError(e.message);
      }
      throw e;
    }
  }
  const records: AttestationRecord[] = [];
  for (const path of attestationFiles) {
    const doc = readOptionJson('--attestations', path);
    try {
      records.push(...readAttestations(doc, `--attestations ${path}`));
    } catch (e) {
      if (e instanceof AttestationFormatError) {
        throw new InputError(
          `${e.message}; pass what "gcloud container binauthz attestations list --attestor=NAME --artifact-url=IMAGE --format=json" prints`,
        );
      }
      throw e;
    }
  }
  return new AttestationIndex(attestors, records);
}
