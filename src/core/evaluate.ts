/**
 * Offline evaluation of a policy for one image, as Cloud Run would judge it at deploy time: the
 * allowlist first (any matching pattern admits the image), then the default admission rule.
 *
 * Decisions, deliberately conservative:
 * - **Digests.** Cloud Run resolves an image to `registry/repository@digest` and evaluates that form;
 *   Google documents that tags cannot be matched in Cloud Run and that `image@*` covers every version of
 *   a tagged image. So a tag given together with a digest is dropped before matching.
 * - **Tags.** An image given with only a tag (or neither tag nor digest) is resolved at deploy time to a
 *   digest we do not know. It is admitted by a pattern only when the pattern admits *every* digest of the
 *   image (`…/**`, `…/app*`, `…/app@*`); a pattern that pins a digest does not count, and a pattern with a
 *   tag never matches. Deploy by digest to be judged exactly.
 * - **Dry run.** A rule in `DRYRUN_AUDIT_LOG_ONLY` admits the image and logs the violation: the decision
 *   stays `DENY` or `REQUIRE_ATTESTATION` and `admitted` is true.
 * - **Attestations**: without them (the default), `REQUIRE_ATTESTATION` under an enforced rule is not
 *   counted as admitted. Given attestations (`compilePolicy(…, attestations)`, `attestation-verify.ts`),
 *   an image given by digest whose every required attestor is satisfied is `ALLOW` ("attested by …");
 *   otherwise the decision stays `REQUIRE_ATTESTATION`, with each attestor's reason. Never `ALLOW` on a doubt.
 * - **Unknown values** (unresolved at synth time) give `UNKNOWN`, but only when they could change the
 *   answer: patterns are an OR, so one known matching pattern admits the image whatever the unknown
 *   patterns hold, and an `ALWAYS_ALLOW` default rule admits it whatever they hold.
 */
import type { AttestationIndex, AttestorVerdict } from './attestation-verify';
import { parseImageReference } from './image';
import { PatternIndex } from './pattern';
import {
  ENFORCEMENT_MODES,
  EnforcementModeValue,
  EVALUATION_MODES,
  EvaluationModeValue,
  isOneOf,
  PolicyModel,
} from './policy';

/** Every outcome of evaluating a policy for one image. */
export const DECISIONS = ['ALLOW', 'DENY', 'REQUIRE_ATTESTATION', 'UNKNOWN'] as const;
/** The outcome of evaluating a policy for one image. */
export type DecisionValue = (typeof DECISIONS)[number];

/** What `evaluate` returns: plain data. */
export interface EvaluationResult {
  /** The image as given. */
  readonly image: string;
  /** The form the policy was matched against: `registry/repository@digest`, or `registry/repository@*` when the digest is not known. */
  readonly evaluatedAs: string;
  /** What the policy decides. */
  readonly decision: DecisionValue;
  /**
   * Whether the image is certainly admitted, judged offline: `ALLOW`, or any outcome of a rule in dry run.
   * False when the image is blocked, needs attestations, or the answer is unknown until apply.
   */
  readonly admitted: boolean;
  /** The evaluation mode of the default rule, when that rule applied (no pattern matched) and is known. */
  readonly evaluationMode?: EvaluationModeValue;
  /** The enforcement mode of the default rule, when that rule applied and is known. */
  readonly enforcementMode?: EnforcementModeValue;
  /** The allowlist pattern that admitted the image (the first in policy order), if one did. */
  readonly matchedPattern?: string;
  /** The attestors whose attestations the image needs (empty unless the rule requires attestations). */
  readonly requiredAttestors: string[];
  /** The values known only at apply time that leave the decision open (empty unless `UNKNOWN`). */
  readonly unknownValues: string[];
  /** Why, in a sentence. */
  readonly reason: string;
  /**
   * When attestations were given and the rule requires them: the verdict of each required attestor
   * (absent otherwise, so results without attestations are unchanged).
   */
  readonly attestors?: AttestorVerdict[];
}

/** A policy model that cannot be evaluated (a value that is neither known nor valid). */
export class PolicyModelError extends Error {}

/**
 * A policy prepared for evaluating many images (`compilePolicy`): its allowlist patterns parsed and
 * indexed once, so that evaluating an image costs a few lookups whatever the number of patterns.
 */
export class CompiledPolicy {
  /** The policy. */
  public readonly model: PolicyModel;
  /** Tells values known only at apply time. */
  public readonly isUnknown: (value: string) => boolean;
  /** The patterns known only at apply time, in policy order. */
  public readonly unknownPatterns: readonly string[];
  /** The known patterns, in policy order, indexed. */
  public readonly knownPatterns: PatternIndex;
  /** The attestations verified offline, when given: they decide `REQUIRE_ATTESTATION` for images with a digest. */
  public readonly attestations?: AttestationIndex;
  /** Every `NAME` that a known pattern starts `NAME@` or `NAME:` with: the images whose digest or tag a pattern pins. */
  private readonly pinningNames = new Set<string>();

  constructor(model: PolicyModel, isUnknown: (value: string) => boolean, attestations?: AttestationIndex) {
    this.model = model;
    this.isUnknown = isUnknown;
    this.attestations = attestations;
    this.unknownPatterns = model.allowlistPatterns.filter((p) => isUnknown(p));
    const known = model.allowlistPatterns.filter((p) => !isUnknown(p));
    this.knownPatterns = new PatternIndex(known);
    for (const pattern of known) {
      for (let i = 0; i < pattern.length; i++) {
        if (pattern[i] === '@' || pattern[i] === ':') {
          this.pinningNames.add(pattern.slice(0, i));
        }
      }
    }
  }

  /** Whether a known pattern starts with `name@` or `name:`: it pins a digest or a tag of that image. */
  public pins(name: string): boolean {
    return this.pinningNames.has(name);
  }
}

/**
 * Prepares `model` for evaluating many images with `evaluateCompiled`. The model must not change
 * afterwards (compile it again if it does).
 *
 * @param isUnknown tells values known only at apply time (unresolved tokens, Terraform interpolations)
 * @param attestations the attestations verified offline (`AttestationIndex`); without them,
 *   `REQUIRE_ATTESTATION` is never admitted under an enforced rule
 */
export function compilePolicy(
  model: PolicyModel,
  isUnknown: (value: string) => boolean = () => false,
  attestations?: AttestationIndex,
): CompiledPolicy {
  return new CompiledPolicy(model, isUnknown, attestations);
}

/**
 * Evaluates `model` for `image`. To evaluate many images against one policy, `compilePolicy` it once
 * and call `evaluateCompiled`: this function compiles the policy on every call.
 *
 * @param isUnknown tells values known only at apply time (unresolved tokens, Terraform interpolations)
 * @throws Error when `image` is not an image reference; PolicyModelError when a mode is invalid
 */
export function evaluate(
  model: PolicyModel,
  image: string,
  isUnknown: (value: string) => boolean = () => false,
): EvaluationResult {
  return evaluateCompiled(compilePolicy(model, isUnknown), image);
}

/**
 * Evaluates a compiled policy for `image`: the same result as `evaluate(policy.model, image, policy.isUnknown)`.
 *
 * @throws Error when `image` is not an image reference; PolicyModelError when a mode is invalid
 */
export function evaluateCompiled(policy: CompiledPolicy, image: string): EvaluationResult {
  const ref = parseImageReference(image);
  const name = `${ref.registry}/${ref.repository}`;
  const evaluatedAs = ref.digest !== undefined ? `${name}@${ref.digest}` : `${name}@*`;
  const index = policy.knownPatterns;
  const matched = ref.digest !== undefined ? index.firstMatch(evaluatedAs) : index.firstMatchForEveryDigest(name);
  const matchedPattern = matched === undefined ? undefined : index.patterns[matched];
  // A pattern pinning a digest or a tag of this very image cannot admit it without a known digest: say why.
  const noMatch =
    ref.digest === undefined && policy.pins(name)
      ? 'no allowlist pattern admits every digest of the image (it is given without a digest, and Cloud Run resolves its tag to a digest before evaluating, which a pattern pinning a digest or naming a tag cannot be judged against; deploy by digest)'
      : 'no allowlist pattern matches';
  return decide(policy, { image, evaluatedAs }, matchedPattern, noMatch, ref.digest);
}

/**
 * Evaluates a compiled policy for every image a build may write under `repository`
 * (`REGION-docker.pkg.dev/PROJECT/REPOSITORY`, see `deployment-path.ts`): admitted by the allowlist only
 * when one pattern admits all of them (`REPOSITORY/**`, or a `**` pattern above it), otherwise judged by
 * the default rule. `image` in the result is `REPOSITORY/**`.
 *
 * @throws Error when `repository` is not an image repository; PolicyModelError when a mode is invalid
 */
export function evaluateRepository(policy: CompiledPolicy, repository: string): EvaluationResult {
  const ref = parseImageReference(repository);
  if (ref.tag !== undefined || ref.digest !== undefined) {
    throw new Error(`"${repository}" is a repository: it has no tag or digest`);
  }
  const every = `${repository}/**`;
  const index = policy.knownPatterns;
  const matched = index.firstMatchForEveryImageUnder(`${repository}/`);
  const matchedPattern = matched === undefined ? undefined : index.patterns[matched];
  const noMatch = `no allowlist pattern admits every image of the repository (${every} would)`;
  return decide(policy, { image: every, evaluatedAs: every }, matchedPattern, noMatch);
}

/** The decision once the allowlist has been consulted: admitted by `matchedPattern`, or by the default rule. */
function decide(
  policy: CompiledPolicy,
  what: { image: string; evaluatedAs: string },
  matchedPattern: string | undefined,
  noMatch: string,
  digest?: string,
): EvaluationResult {
  const { model, isUnknown, unknownPatterns } = policy;
  const base = { ...what, requiredAttestors: [] as string[], unknownValues: [] as string[] };
  if (matchedPattern !== undefined) {
    return { ...base, decision: 'ALLOW', admitted: true, matchedPattern, reason: `allowlisted by "${matchedPattern}"` };
  }

  const rule = model.defaultAdmissionRule;
  const evaluationMode = knownMode(rule.evaluationMode, 'evaluation mode', EVALUATION_MODES, isUnknown);
  const enforcementMode = knownMode(rule.enforcementMode, 'enforcement mode', ENFORCEMENT_MODES, isUnknown);
  const dryRun = enforcementMode === 'DRYRUN_AUDIT_LOG_ONLY';

  // Every answer of the rule names its modes; a dry run admits whatever the rule says.
  const byRule = (decision: DecisionValue, reason: string, more: Partial<EvaluationResult> = {}): EvaluationResult => ({
    ...base,
    decision,
    admitted: decision === 'ALLOW' || dryRun,
    evaluationMode,
    enforcementMode,
    reason,
    ...more,
  });
  if (evaluationMode === 'ALWAYS_ALLOW') {
    return byRule('ALLOW', `${noMatch}; the default rule is ALWAYS_ALLOW`);
  }

  const unknownValues = [
    ...unknownPatterns.map((p) => `allowlist pattern ${p}`),
    ...(evaluationMode === undefined ? [`default rule evaluation mode ${rule.evaluationMode}`] : []),
  ];
  const enforcement =
    enforcementMode === undefined
      ? ' (enforcement known only at apply time)'
      : dryRun
        ? '; dry run: admitted, the violation is logged'
        : '';
  const requiredAttestors = evaluationMode === 'REQUIRE_ATTESTATION' ? [...rule.requireAttestationsBy] : [];
  if (unknownValues.length > 0) {
    const are = unknownValues.length === 1 ? 'is' : 'are';
    return byRule(
      'UNKNOWN',
      `unknown until apply: no known allowlist pattern matches, and ${unknownValues.join(', ')} ${are} known only at apply time${enforcement}`,
      { requiredAttestors, unknownValues },
    );
  }
  if (evaluationMode === 'ALWAYS_DENY') {
    return byRule('DENY', `${noMatch}; the default rule is ALWAYS_DENY${enforcement}`);
  }
  const attestors = requiredAttestors.join(', ') || '(no attestor)';
  if (policy.attestations !== undefined) {
    return byAttestations(policy.attestations, requiredAttestors, digest, noMatch, enforcement, byRule);
  }
  return byRule(
    'REQUIRE_ATTESTATION',
    `${noMatch}; the default rule requires attestations by ${attestors}, and none were given to verify${enforcement}`,
    { requiredAttestors },
  );
}

function knownMode<T extends string>(
  value: string,
  what: string,
  allowed: readonly T[],
  isUnknown: (value: string) => boolean,
): T | undefined {
  if (typeof value === 'string' && isUnknown(value)) {
    return undefined;
  }
  if (!isOneOf(allowed, value)) {
    throw new PolicyModelError(
      `the default rule's ${what} ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`,
    );
  }
  return value;
}

/**
 * `REQUIRE_ATTESTATION` decided by the attestations given: `ALLOW` when every required attestor is
 * satisfied (and there is at least one), else `REQUIRE_ATTESTATION` with each attestor's reason.
 */
function byAttestations(
  index: AttestationIndex,
  requiredAttestors: string[],
  digest: string | undefined,
  noMatch: string,
  enforcement: string,
  byRule: (decision: DecisionValue, reason: string, more?: Partial<EvaluationResult>) => EvaluationResult,
): EvaluationResult {
  const requires = `${noMatch}; the default rule requires attestations by ${requiredAttestors.join(', ') || '(no attestor)'}`;
  if (digest === undefined) {
    return byRule(
      'REQUIRE_ATTESTATION',
      `${requires}, and an attestation names an image by its digest, which is not known here (deploy by digest)${enforcement}`,
      { requiredAttestors, attestors: [] },
    );
  }
  const verdicts = requiredAttestors.map((a) => index.verdict(a, digest));
  if (verdicts.length > 0 && verdicts.every((v) => v.satisfied)) {
    const by = verdicts.map((v) => `${v.attestor} (${v.occurrences.join(', ')})`).join(', ');
    return byRule('ALLOW', `attested by ${by}`, { requiredAttestors, attestors: verdicts });
  }
  const why = verdicts.map((v) => `${v.attestor}: ${v.satisfied ? 'attested' : v.text}`).join('; ');
  return byRule('REQUIRE_ATTESTATION', `${requires}, not all satisfied: ${why}${enforcement}`, {
    requiredAttestors,
    attestors: verdicts,
  });
}
