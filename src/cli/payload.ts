import { InputError } from './input';
import { signaturePayload } from '../core/attestation';

/**
 * `payload IMAGE@DIGEST`: the payload to sign, byte for byte as `gcloud container binauthz
 * create-signature-payload --artifact-url=IMAGE@DIGEST` prints it (`signaturePayload`), as lines (the
 * last line is followed by the newline the payload ends with). An image without a digest is an input error.
 */
export function payloadLines(image: string): string[] {
  let payload: string;
  try {
    payload = signaturePayload(image);
  } catch (e) {
    throw new InputError(`payload: ${(e as Error).message}`);
  }
  return payload.replace(/\n$/, '').split('\n');
}
