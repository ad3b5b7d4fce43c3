/**
 * The rules that findings are reported under, for the formats that describe them once (SARIF's
 * `tool.driver.rules`): the finding codes (`FINDING_CODES`), each with a one-line description and a help
 * text that says what to do, and how a row of `check` maps to a code.
 */
import { FindingCode } from '../../core/findings';
import { GateDecision } from '../../core/gate';

/** What one rule is about, and what to do about it. */
export interface RuleText {
  /** One line: what the finding means. */
  readonly description: string;
  /** What to do about it. */
  readonly help: string;
}

/** Every finding code, described (a code without its text does not compile). */
export const RULE_TEXTS: Record<FindingCode, RuleText> = {
  'allow-all': {
    description: 'A policy rule admits every image (ALWAYS_ALLOW).',
    help: 'Use ALWAYS_DENY with an allowlist, or REQUIRE_ATTESTATION with attestors.',
  },
  'dry-run': {
    description: 'A policy rule only logs violations (DRYRUN_AUDIT_LOG_ONLY): every image is admitted.',
    help: 'Switch to ENFORCED_BLOCK_AND_AUDIT_LOG once the audit logs are clean.',
  },
  'invalid-rule': {
    description: 'A policy rule or setting is not what the Binary Authorization API accepts.',
    help: 'Fix the value the message names; the API would refuse the policy.',
  },
  'invalid-pattern': {
    description: 'An allowlist pattern is not valid.',
    help: "Write it as Google's pattern grammar allows, such as 'REGISTRY/PROJECT/IMAGE@*' or 'REGISTRY/PROJECT/**'.",
  },
  'broad-pattern': {
    description: "An allowlist pattern admits more than one owner's images, or a whole project.",
    help: 'Narrow it to the repositories (or images) that should be admitted without attestation.',
  },
  'registry-wide': {
    description: 'An allowlist pattern admits every image of a single-owner registry.',
    help: 'Narrow it to the repositories that should be admitted.',
  },
  'never-matches': {
    description: 'An allowlist pattern has no wildcard and no digest, so it matches no image Cloud Run evaluates.',
    help: "Cloud Run evaluates images by digest: add '@*' (any digest of the image) or a digest.",
  },
  'no-prevent-destroy': {
    description: "A policy can be destroyed, which resets its project to Google's allow-all default policy.",
    help: 'Set lifecycle.prevent_destroy on the policy (the library does by default).',
  },
  'not-enforced': {
    description: 'A Cloud Run resource does not enforce Binary Authorization: it is deployed without any check.',
    help: 'Enforce the project policy (binary_authorization { use_default = true }), or exempt it with a reason.',
  },
  'invalid-binary-authorization': {
    description: "A Cloud Run resource's Binary Authorization setting is not what the API accepts.",
    help: 'Fix the setting the message names.',
  },
  'named-policy': {
    description: 'A Cloud Run resource names a platform policy, which is not checked here.',
    help: 'Use the project policy (use_default = true), or check the named policy by other means.',
  },
  breakglass: {
    description: 'A Cloud Run resource is deployed with break-glass: the policy is bypassed.',
    help: 'Remove the break-glass justification once the emergency is over.',
  },
  exempt: {
    description: 'A Cloud Run resource is exempt from enforcing Binary Authorization, with a reason.',
    help: 'Review the exemption (RequireBinaryAuthorization.exempt) and remove it when it is no longer needed.',
  },
  'image-denied': {
    description: "A workload's image is denied by the policy of its project.",
    help: 'Deploy an image the policy admits, or change the policy (a reviewed change).',
  },
  'attestation-required': {
    description:
      "A workload's image is admitted only with attestations, which cannot be verified before deploy without them.",
    help: 'Attest the image, and check with its attestations; or allowlist it if it needs none.',
  },
  'unknown-value': {
    description: 'A value that decides admission is known only at apply time.',
    help: 'Set it to a literal, or check the plan (terraform show -json), where more is known.',
  },
  'no-guardrail': {
    description: 'No organization policy requires Binary Authorization for every Cloud Run service.',
    help: 'Set constraints/run.allowedBinaryAuthorizationPolicies (CloudRunBinaryAuthorizationGuardrail).',
  },
  'policy-deleted': {
    description:
      "A plan deletes a policy: its project falls back to Google's default policy, which admits every image.",
    help: 'Keep the policy (lifecycle.prevent_destroy), or replace it in the same apply.',
  },
  'hidden-module': {
    description: 'A module call hides its resources from a reader of the configuration that calls it.',
    help: 'Check the plan instead (terraform show -json), which lists every module.',
  },
  'unknown-instances': {
    description: "A resource's count or for_each makes its instances known only at apply.",
    help: 'Use no count, or a literal count of 0 or 1, for a policy or a guardrail.',
  },
  'ignore-changes': {
    description: 'lifecycle.ignore_changes keeps what a resource enforces or deploys as it is live.',
    help: 'Remove the entry, so that the configuration is what is live.',
  },
  'no-policy': {
    description:
      "A workload's project has no policy in the input (or its policy is deleted, or its project is unknown).",
    help: "Pass the project's live policy with --policy FILE (gcloud container binauthz policy export), or define it.",
  },
  'public-grant': {
    description:
      'A permission over the chain of trust (attest, rewrite an attestor or the policy, push what is admitted, grant) is granted to everyone (allUsers or allAuthenticatedUsers).',
    help: 'Grant it to the service accounts or groups that need it, never to a public member.',
  },
  'unjudged-grant': {
    description:
      'A grant on the chain of trust whose role cannot be judged: a predefined role the permission table does not know, or a custom role the input does not define.',
    help: 'Define the custom role in the same configuration (its permissions are then judged), or use a predefined role.',
  },
  'allowlisted-writer': {
    description: 'Someone may push into a repository that an allowlist pattern admits without attestation.',
    help: 'Keep the writers of allowlisted repositories to the build service accounts that must push there.',
  },
  'global-evaluation': {
    description:
      "A policy's globalPolicyEvaluationMode is set (ENABLE: Google's system policy admits Google-maintained system images first, on GKE); information.",
    help: 'Nothing to do: it says what the policy evaluates, so that a reviewer sees it.',
  },
};

/**
 * The finding code of a row of `check` that is not admitted (or admitted only by an exemption): the
 * decision, read as a finding. A row admitted by its policy has none.
 */
export function codeOfRow(row: {
  readonly workload: string;
  readonly decision: GateDecision;
  readonly admitted: boolean;
  readonly exempt: boolean;
  readonly reason: string;
}): FindingCode | undefined {
  if (row.exempt) {
    return 'not-enforced';
  }
  if (row.admitted) {
    return undefined;
  }
  switch (row.decision) {
    case 'ALLOW':
    case 'EXEMPT':
    case 'NOT_ENFORCED':
      return 'not-enforced';
    case 'DENY':
      return 'image-denied';
    case 'REQUIRE_ATTESTATION':
      return 'attestation-required';
    case 'NO_POLICY':
      return /the plan deletes the policy/.test(row.reason) ? 'policy-deleted' : 'no-policy';
    case 'UNKNOWN':
      return /^module\.[^.]+$/.test(row.workload) ? 'hidden-module' : 'unknown-value';
  }
}
