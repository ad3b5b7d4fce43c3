/**
 * The codes of findings: the command line's lint reports them, and the constructs' warnings carry them
 * as ids (`binauthz:CODE`). One list, so that a user who filters one can filter the other.
 */
export const FINDING_CODES = [
  /** The default rule (or a cluster rule) admits every image. */
  'allow-all',
  /** A rule only logs violations. */
  'dry-run',
  /** A rule or a setting is not what the API accepts. */
  'invalid-rule',
  /** An allowlist pattern is not valid. */
  'invalid-pattern',
  /** An allowlist pattern admits more than one owner's images, or a whole project. */
  'broad-pattern',
  /** An allowlist pattern admits every image of a single-owner registry. */
  'registry-wide',
  /** An allowlist pattern has no wildcard and no digest, so it matches nothing. */
  'never-matches',
  /** A policy can be destroyed, which resets the project to allow-all. */
  'no-prevent-destroy',
  /** A Cloud Run resource does not enforce Binary Authorization. */
  'not-enforced',
  /** A Cloud Run resource's Binary Authorization setting is not what the API accepts. */
  'invalid-binary-authorization',
  /** A Cloud Run resource names a platform policy, which is not checked. */
  'named-policy',
  /** A Cloud Run resource is deployed with break-glass. */
  'breakglass',
  /** A Cloud Run resource is exempt from the requirement to enforce, with a reason. */
  'exempt',
  /** A workload's image is denied by its project's policy. */
  'image-denied',
  /** A workload's image is admitted only with attestations, which cannot be checked before deploy. */
  'attestation-required',
  /** A value is known only at apply time. */
  'unknown-value',
  /** No organization policy requires Binary Authorization for Cloud Run. */
  'no-guardrail',
  /** A plan deletes a policy: its project falls back to Google's default policy, which admits every image. */
  'policy-deleted',
  /** A module call of Terraform JSON hides its resources from a reader of the configuration that calls it. */
  'hidden-module',
  /** A resource's `count` or `for_each` makes its instances known only at apply. */
  'unknown-instances',
  /** `lifecycle.ignore_changes` keeps what a resource enforces or deploys as it is live. */
  'ignore-changes',
  /** A workload's project has no policy in the input (or a plan deletes it, or the project is not known). */
  'no-policy',
  /** A permission over the chain of trust (attest, rewrite, push what is admitted, grant) is granted to everyone. */
  'public-grant',
  /** A grant on the chain of trust whose role cannot be judged (unknown to the table, or an undefined custom role). */
  'unjudged-grant',
  /** Someone may push into a repository that an allowlist pattern admits. */
  'allowlisted-writer',
  /** What a policy's `globalPolicyEvaluationMode` is set to (information). */
  'global-evaluation',
] as const;

/** A finding code. */
export type FindingCode = (typeof FINDING_CODES)[number];
