import { EnforcementMode, EvaluationMode } from './admission-rule';

/**
 * What a Binary Authorization policy decides for an image (the verdict of an `AdmissionDecision`).
 */
export enum AdmissionVerdict {
  /** The image is admitted: an allowlist pattern matches it, or the default rule is `ALWAYS_ALLOW`. */
  ALLOW = 'ALLOW',
  /** The default rule (`ALWAYS_DENY`) blocks the image, or only logs it in dry run. */
  DENY = 'DENY',
  /**
   * The image is admitted only with valid attestations from every required attestor: none were given to
   * `evaluate`, or those given do not satisfy every required attestor (`AdmissionDecision.attestors` says why).
   */
  REQUIRE_ATTESTATION = 'REQUIRE_ATTESTATION',
  /**
   * The answer depends on values known only at apply time (unresolved tokens), and they could change it.
   */
  UNKNOWN = 'UNKNOWN',
}

/**
 * The result of evaluating a policy for one image offline, as Cloud Run would judge it at deploy time.
 *
 * Cloud Run evaluates `registry/repository@digest`: a tag given together with a digest is ignored, and an
 * image given with only a tag is admitted only by patterns that admit every digest of it (such as
 * `…/**`, `…/app*` or `…/app@*`), never by a pinned digest or by a pattern with a tag.
 */
export interface AdmissionDecision {
  /**
   * The image as given.
   */
  readonly image: string;

  /**
   * What the policy decides.
   */
  readonly decision: AdmissionVerdict;

  /**
   * Whether the image is certainly admitted: the decision is `ALLOW`, or the rule that applies is in dry
   * run (`DRYRUN_AUDIT_LOG_ONLY` admits the image and only logs the violation). False when the image is
   * blocked, needs attestations (none given to `evaluate`, or not every required attestor satisfied), or the
   * answer is unknown until apply.
   */
  readonly admitted: boolean;

  /**
   * The evaluation mode of the default admission rule, when that rule applied.
   * @default - not set: an allowlist pattern decided, or the mode is unknown until apply
   */
  readonly evaluationMode?: EvaluationMode;

  /**
   * The enforcement mode of the default admission rule, when that rule applied.
   * @default - not set: an allowlist pattern decided, or the mode is unknown until apply
   */
  readonly enforcementMode?: EnforcementMode;

  /**
   * The allowlist pattern that admitted the image (the first one, in policy order).
   * @default - not set: no allowlist pattern admitted the image
   */
  readonly matchedPattern?: string;

  /**
   * The attestors (`projects/P/attestors/N`) whose attestations the image needs; empty unless the default
   * rule requires attestations and applies (or may apply, when the decision is unknown).
   */
  readonly requiredAttestors: string[];

  /**
   * Why, in a sentence.
   */
  readonly reason: string;

  /**
   * When attestations were given to `evaluate` and the default rule requires them: the verdict of each
   * required attestor.
   * @default - not set: no attestations were given, or the rule does not require them
   */
  readonly attestors?: AttestorDecision[];
}

/**
 * Whether one required attestor is satisfied by the attestations given to `evaluate`.
 */
export interface AttestorDecision {
  /**
   * The attestor, `projects/P/attestors/N`.
   */
  readonly attestor: string;

  /**
   * Whether an attestation verified offline satisfies it.
   */
  readonly satisfied: boolean;

  /**
   * Why, in words: "attested", or one of "no attestation for this digest", "attestation under another note
   * than the attestor's", "the payload's digest differs from the image's", "signed by a key id the attestor
   * does not have", "the signature does not verify", "the payload is of another type", "the key (or the
   * note) is known only after apply", "the attestor's keys are not given", "not verified (JWT)".
   */
  readonly reason: string;

  /**
   * The occurrences (`projects/P/occurrences/ID`) that satisfy it, or those that were considered and failed.
   */
  readonly occurrences: string[];
}

/**
 * Options of `BinaryAuthorizationPolicy.evaluate`.
 */
export interface EvaluateOptions {
  /**
   * Attestations to verify offline, each a JSON text as `gcloud container binauthz attestations list
   * --attestor=NAME --format=json` prints it (a list of occurrences, or one occurrence).
   * @default - none: REQUIRE_ATTESTATION is not admitted under an enforced rule
   */
  readonly attestations?: string[];

  /**
   * The keys of attestors the stack does not hold, each a JSON text as `gcloud container binauthz
   * attestors describe NAME --format=json` prints it.
   * @default - only the stack's attestors (with literal keys)
   */
  readonly attestors?: string[];
}
