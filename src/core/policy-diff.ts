/**
 * What a change to a project's policy does to what it admits: each difference between two versions
 * of a policy, classified as weakening (it admits more, or checks less), strengthening, or neutral, with
 * a reason a reviewer can act on. Framework-free, over the core policy model.
 *
 * Fail closed: a value known only at apply time that differs cannot be judged, so it counts as
 * weakening, with that reason.
 */
import { coveredByAny, exampleAdmittedOnlyBy } from './containment';
import { EnforcementModeValue, EvaluationModeValue, PolicyModel, RuleModel } from './policy';
import { q, Quoted } from './quoted';

/** How a change moves what the policy admits. */
export type ChangeKind = 'weakening' | 'strengthening' | 'neutral';

/** One classified difference. */
export interface PolicyChange {
  readonly kind: ChangeKind;
  /** What changed, short: `allowlist pattern gcr.io/p/**`, `default rule evaluation mode`. */
  readonly what: Quoted;
  /** Why it is classified so, in a sentence a reviewer can act on. */
  readonly reason: Quoted;
  /** For a weakening pattern: an image admitted after and denied before. */
  readonly example?: string;
}

/** One version of a policy: the model and what the model does not hold. */
export interface PolicyVersion {
  readonly model: PolicyModel;
  /**
   * Whether Terraform refuses to destroy it; `undefined` when the input does not record it (plans, state and
   * a live policy hold no lifecycle blocks): then it is not compared.
   */
  readonly preventDestroy?: boolean;
  /** `ENABLE` or `DISABLE`, if set. */
  readonly globalPolicyEvaluationMode?: string;
}

/**
 * The changes between two versions of one project's policy. `undefined` stands for no policy: the
 * project then has Google's default policy, which admits every image.
 *
 * @param isUnknown tells values known only at apply time
 */
export function diffPolicies(
  before: PolicyVersion | undefined,
  after: PolicyVersion | undefined,
  isUnknown: (value: string) => boolean,
): PolicyChange[] {
  if (before === undefined && after === undefined) {
    return [];
  }
  if (after === undefined) {
    return [
      {
        kind: 'weakening',
        what: q`the policy`,
        reason: q`the policy is removed: the project falls back to Google's default policy, which admits every image`,
      },
    ];
  }
  if (before === undefined) {
    return [
      {
        kind: 'strengthening',
        what: q`the policy`,
        reason: q`a policy is defined where Google's default admitted every image (it replaces any live policy)`,
      },
    ];
  }
  const changes: PolicyChange[] = [];
  changes.push(
    ...diffRules(q`the default rule`, before.model.defaultAdmissionRule, after.model.defaultAdmissionRule, isUnknown),
  );
  changes.push(...diffClusterRules(before.model, after.model, isUnknown));
  changes.push(...diffPatterns(before.model.allowlistPatterns, after.model.allowlistPatterns, isUnknown));
  if (
    before.preventDestroy !== undefined &&
    after.preventDestroy !== undefined &&
    before.preventDestroy !== after.preventDestroy
  ) {
    changes.push(
      after.preventDestroy
        ? {
            kind: 'strengthening',
            what: q`lifecycle.prevent_destroy`,
            reason: q`Terraform now refuses to destroy the policy`,
          }
        : {
            kind: 'weakening',
            what: q`lifecycle.prevent_destroy`,
            reason: q`prevent_destroy is removed: a destroy would reset the project to Google's default policy, which admits every image`,
          },
    );
  }
  const [g0, g1] = [before.globalPolicyEvaluationMode ?? 'DISABLE', after.globalPolicyEvaluationMode ?? 'DISABLE'];
  if (g0 !== g1) {
    const what = q`global policy evaluation mode`;
    if (isUnknown(g0) || isUnknown(g1)) {
      changes.push(unknownChange(what, g0, g1));
    } else if (g1 === 'ENABLE' && admitsEverything(before.model)) {
      changes.push({
        kind: 'neutral',
        what,
        reason: q`Google-maintained system images are now exempt (GKE only; Cloud Run ignores it), but every rule of the old policy already admitted every image`,
      });
    } else if (g1 !== 'ENABLE' && admitsEverything(after.model)) {
      changes.push({
        kind: 'neutral',
        what,
        reason: q`Google-maintained system images are no longer exempt (GKE only; Cloud Run ignores it), but every rule of the new policy admits every image anyway`,
      });
    } else {
      changes.push(
        g1 === 'ENABLE'
          ? {
              kind: 'weakening',
              what,
              reason: q`Google-maintained system images are now exempt (GKE only; Cloud Run ignores it)`,
            }
          : {
              kind: 'strengthening',
              what,
              reason: q`Google-maintained system images are no longer exempt (GKE only; Cloud Run ignores it)`,
            },
      );
    }
  }
  return changes;
}

/**
 * Whether every rule of a policy (the default rule and each cluster rule: the policy is project-wide, and
 * GKE evaluates cluster rules) admits every image: `ALWAYS_ALLOW`, or a dry run. Then exempting Google's
 * system images admits nothing more.
 */
function admitsEverything(model: PolicyModel): boolean {
  const rules = [model.defaultAdmissionRule, ...Object.values(model.clusterAdmissionRules ?? {})];
  return rules.every((r) => r.evaluationMode === 'ALWAYS_ALLOW' || r.enforcementMode === 'DRYRUN_AUDIT_LOG_ONLY');
}

/** How much an evaluation mode admits, from least to most. */
const EVALUATION_RANK: Record<EvaluationModeValue, number> = {
  ALWAYS_DENY: 0,
  REQUIRE_ATTESTATION: 1,
  ALWAYS_ALLOW: 2,
};
/** How much an enforcement mode admits: a dry run admits everything. */
const ENFORCEMENT_RANK: Record<EnforcementModeValue, number> = {
  ENFORCED_BLOCK_AND_AUDIT_LOG: 0,
  DRYRUN_AUDIT_LOG_ONLY: 1,
};

/** The changes between two versions of one rule. */
export function diffRules(
  name: Quoted,
  before: RuleModel,
  after: RuleModel,
  isUnknown: (value: string) => boolean,
): PolicyChange[] {
  const changes: PolicyChange[] = [];
  const mode = compareModes(q`${name} evaluation mode`, before.evaluationMode, after.evaluationMode, EVALUATION_RANK);
  if (mode) {
    changes.push(mode);
  }
  const enforcement = compareModes(
    q`${name} enforcement mode`,
    before.enforcementMode,
    after.enforcementMode,
    ENFORCEMENT_RANK,
  );
  if (enforcement) {
    changes.push(enforcement);
  }
  if (before.evaluationMode === 'REQUIRE_ATTESTATION' && after.evaluationMode === 'REQUIRE_ATTESTATION') {
    for (const attestor of before.requireAttestationsBy.filter((a) => !after.requireAttestationsBy.includes(a))) {
      changes.push({
        kind: 'weakening',
        what: q`${name} attestor ${attestor}`,
        reason: q`${attestor} is no longer required: images need one attestation fewer`,
      });
    }
    for (const attestor of after.requireAttestationsBy.filter((a) => !before.requireAttestationsBy.includes(a))) {
      changes.push(
        isUnknown(attestor)
          ? unknownChange(q`${name} attestors`, '', attestor)
          : {
              kind: 'strengthening',
              what: q`${name} attestor ${attestor}`,
              reason: q`${attestor} is now required as well`,
            },
      );
    }
  }
  return changes;
}

/** A mode compared by how much it admits; a mode without a rank is known only at apply time. */
function compareModes<T extends string>(
  what: Quoted,
  before: T,
  after: T,
  rank: Record<T, number>,
): PolicyChange | undefined {
  if (before === after) {
    return undefined;
  }
  const [r0, r1] = [rank[before], rank[after]];
  if (r0 === undefined || r1 === undefined) {
    return unknownChange(what, before, after); // known only at apply time (a valid model holds nothing else)
  }
  return r1 > r0
    ? { kind: 'weakening', what, reason: q`${before} → ${after}: more images are admitted` }
    : { kind: 'strengthening', what, reason: q`${before} → ${after}: fewer images are admitted` };
}

/**
 * Cluster rules (GKE only; Cloud Run evaluates the default rule): a new rule for a cluster replaces the
 * default rule there, a removed one gives the cluster the default rule back.
 */
function diffClusterRules(
  before: PolicyModel,
  after: PolicyModel,
  isUnknown: (value: string) => boolean,
): PolicyChange[] {
  const b = before.clusterAdmissionRules ?? {};
  const a = after.clusterAdmissionRules ?? {};
  const clusters = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return clusters.flatMap((cluster) => {
    const name = q`the rule for GKE cluster ${cluster}`;
    const was = b[cluster] ?? before.defaultAdmissionRule;
    const is = a[cluster] ?? after.defaultAdmissionRule;
    if (b[cluster] === undefined && a[cluster] === undefined) {
      return [];
    }
    return diffRules(name, was, is, isUnknown);
  });
}

/**
 * Allowlist changes: a new pattern weakens unless a pattern of the old allowlist already covers it; a
 * removed pattern strengthens unless a pattern of the new allowlist still covers it.
 */
export function diffPatterns(
  before: readonly string[],
  after: readonly string[],
  isUnknown: (value: string) => boolean,
): PolicyChange[] {
  const changes: PolicyChange[] = [];
  const known = (patterns: readonly string[]) => patterns.filter((p) => !isUnknown(p));
  for (const pattern of after.filter((p) => !before.includes(p))) {
    const what = q`allowlist pattern ${pattern}`;
    if (isUnknown(pattern)) {
      changes.push(unknownChange(what, '', pattern));
    } else if (coveredByAny(known(before), pattern)) {
      changes.push({
        kind: 'neutral',
        what,
        reason: q`added, but the old allowlist already admits everything it matches`,
      });
    } else {
      const example = exampleAdmittedOnlyBy(pattern, known(before));
      changes.push({
        kind: 'weakening',
        what,
        reason: example
          ? q`added: it admits images the old allowlist denied, such as ${example}`
          : q`added: it admits images the old allowlist denied`,
        example,
      });
    }
  }
  for (const pattern of before.filter((p) => !after.includes(p))) {
    const what = q`allowlist pattern ${pattern}`;
    changes.push(
      !isUnknown(pattern) && coveredByAny(known(after), pattern)
        ? { kind: 'neutral', what, reason: q`removed, but the new allowlist still admits everything it matched` }
        : { kind: 'strengthening', what, reason: q`removed: the images it admitted are judged by the rule again` },
    );
  }
  return changes;
}

/** A change whose effect cannot be judged because a value is known only at apply time: weakening. */
export function unknownChange(what: Quoted, before: string, after: string): PolicyChange {
  const values = before ? q`${before} → ${after}` : q`${after}`;
  return {
    kind: 'weakening',
    what,
    reason: q`${values}: a value known only at apply time cannot be judged until apply, so it counts as weakening`,
  };
}
