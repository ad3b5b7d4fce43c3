/**
 * Lint rules over one Terraform JSON document: the Binary Authorization policies it defines and the
 * Cloud Run resources (services, jobs, worker pools, functions) that should enforce a policy.
 * Framework-free: any Terraform JSON works, synthesized by cdktf or written by hand.
 */
import {
  ALLOWED_POLICIES_CONSTRAINT,
  BinauthzSetting,
  CLOUD_RUN_RESOURCE_TYPES,
  enforcementFix,
  readBinauthz,
} from './cloud-run';
import { describeValue } from './display';
import { FindingCode } from './findings';
import { workloadIgnoredChange } from './gate';
import { isPublicMember } from './iam';
import { BUCKET_TYPE, InputModel, isUnknownValue, POLICY_TYPE, REPOSITORY_TYPE, ResourceInstance } from './model';
import { checkAttestorName } from './names';
import { isInterpolated, RuleModel } from './policy';
import { globalEvaluationModeProblem, globalEvaluationText } from './policy-check';
import { Finding, lintPattern, NO_PREVENT_DESTROY, ruleFindings, Severity } from './policy-findings';
import { policyResetsOf, resetSentence } from './policy-reset';
import {
  FoundPolicy,
  GUARDRAIL_ENFORCES,
  ignoredChangeOf,
  instancesOf,
  POLICY_ENFORCES,
  policiesOf,
  terraformJsonModel,
} from './terraform-json';
import { grantsIn, guardrailsOf, isGuardrail, judgeGrant, trustContextOf } from './trust';

/**
 * Whether an input holds anything this lint looks at (a policy, a Cloud Run resource, a deleted policy, a
 * module call, or a grant on the chain of trust that a role may make matter: a security stack of attestors
 * and their grants is linted too).
 */
export function hasLintSubjectsIn(model: InputModel): boolean {
  return (
    model.hiddenModules.length > 0 ||
    model.deleted.some((r) => r.type === POLICY_TYPE) ||
    policyResetsOf(model).length > 0 ||
    model.resources.some((r) => r.type === POLICY_TYPE || isCloudRun(r)) ||
    grantsIn(model).grants.length > 0
  );
}

/** Whether the document holds anything this lint looks at (a policy or a Cloud Run resource). */
export function hasLintSubjects(doc: unknown): boolean {
  return hasLintSubjectsIn(terraformJsonModel(doc));
}

/**
 * Lints one input: its policies (a live policy YAML has no `prevent_destroy`, and plans and state do not
 * record it, so `no-prevent-destroy` is for Terraform JSON only), its Cloud Run resources, the policies a
 * plan deletes and the module calls whose resources cannot be seen.
 */
export function lintModel(model: InputModel): Finding[] {
  const preventDestroyKnown = model.format === 'terraform-json';
  // Repositories and buckets are read only to resolve the references of grants to them: how many there are
  // changes nothing judged here (a grant on one of them by reference stays unknown, and counts).
  const meta = model.resources.filter((r) => !LOOKED_UP_TYPES.has(r.type)).flatMap(lintMetaArguments);
  return [
    ...model.hiddenModules.map((module): Finding => ({
      severity: 'error',
      code: 'hidden-module',
      address: module,
      message: `${module}: the resources of a module cannot be linted from the configuration that calls it; lint the plan instead (terraform show -json)`,
    })),
    ...policyResetsOf(model).map((r): Finding => ({
      severity: 'error',
      code: 'policy-deleted',
      address: r.address,
      message:
        r.kind === 'delete'
          ? `the plan deletes this policy: its project${r.project === undefined ? '' : ` ${r.project}`} falls back to Google's default policy, which admits every image`
          : resetSentence(r),
    })),
    ...policiesOf(model).flatMap((p) => lintPolicy(p, preventDestroyKnown, model.format === 'policy-yaml')),
    ...lintCloudRunResources(model.resources),
    ...meta,
    // A guardrail made unknown by a meta-argument has its finding above.
    ...lintGuardrails(model).filter((f) => f.code !== 'unknown-value' || !meta.some((m) => m.address === f.address)),
    ...lintGrants(model),
  ];
}

/**
 * The findings for the grants on the chain of trust, judged by the one permission table (`judgeGrant`):
 * a trust-chain permission granted to everyone (`allUsers`, `allAuthenticatedUsers`, …) is an error; a role
 * that cannot be judged (not in the table, a custom role the input does not define) a warning; a member who
 * may push into a repository an allowlist pattern admits, information (keep its writers to the builds).
 */
function lintGrants(model: InputModel): Finding[] {
  const { grants, customRoles } = grantsIn(model);
  if (grants.length === 0) {
    return [];
  }
  const context = trustContextOf([{ customRoles, policies: policiesOf(model) }]);
  return grants.flatMap((g): Finding[] => {
    const judged = judgeGrant(g, context);
    const on = `${g.role} for ${g.member} on ${g.scope} ${g.target}${g.condition === undefined ? '' : ` (condition ${g.condition})`}`;
    if (judged.unjudged !== undefined) {
      return [
        {
          severity: isPublicMember(g.member) ? 'error' : 'warning',
          code: isPublicMember(g.member) ? 'public-grant' : 'unjudged-grant',
          address: g.address,
          message: `${on}: cannot judge: ${judged.unjudged}; it may change what is admitted. Use a predefined role, or define the custom role in the input`,
        },
      ];
    }
    if (judged.permissions.length === 0) {
      return [];
    }
    if (isPublicMember(g.member)) {
      return [
        {
          severity: 'error',
          code: 'public-grant',
          address: g.address,
          message: `${on}: everyone may ${judged.classes.join(', ')} (${judged.permissions.join(', ')}), which changes what is admitted; name the principals that need it`,
        },
      ];
    }
    return judged.classes.includes('push') && judged.pushCovered === true
      ? [
          {
            severity: 'info',
            code: 'allowlisted-writer',
            address: g.address,
            message: `${on}: ${g.member} may push into a repository that an allowlist pattern admits, so what it pushes is admitted without attestation; keep the writers of allowlisted repositories to the build service accounts`,
          },
        ]
      : [];
  });
}

/** The types kept only so that references to them resolve (`Resolver` in trust.ts). */
const LOOKED_UP_TYPES: ReadonlySet<string> = new Set([REPOSITORY_TYPE, BUCKET_TYPE]);

/**
 * The findings for what Terraform JSON's meta-arguments leave open: instances known only at apply (`count`,
 * `for_each`; an error for a policy or a guardrail, whose existence then is not known), and
 * `lifecycle.ignore_changes` on what a policy or a workload enforces or deploys (an error: the live value
 * may differ, so `check` cannot admit).
 */
function lintMetaArguments(resource: ResourceInstance): Finding[] {
  const { address, type } = resource;
  const findings: Finding[] = [];
  const guards = type === POLICY_TYPE || isGuardrail(resource);
  const meta = instancesOf(address, resource.values).metaArgument;
  if (meta !== undefined) {
    findings.push({
      severity: guards ? 'error' : 'warning',
      code: 'unknown-instances',
      address,
      message: guards
        ? `${meta}: whether it exists (none: Google's allow-all default; several: each apply overwrites the others) is known only at apply, so check judges nothing by it; use no count, or a literal count of 0 or 1`
        : `${meta}: how many instances, and their values, are known only at apply; each is judged as configured`,
    });
  }
  const ignored =
    type === POLICY_TYPE || isGuardrail(resource)
      ? ignoredChangeOf(resource.values, type === POLICY_TYPE ? POLICY_ENFORCES : GUARDRAIL_ENFORCES)
      : isCloudRun(resource)
        ? workloadIgnoredChange(resource)
        : undefined;
  if (ignored !== undefined) {
    findings.push({
      severity: 'error',
      code: 'ignore-changes',
      address,
      message: `lifecycle.ignore_changes ${describeValue(ignored)} keeps what it ${isCloudRun(resource) ? 'enforces or deploys' : 'enforces'} as it is live, which may differ from the configuration, so check cannot admit by it; remove the entry`,
    });
  }
  return findings;
}

/** Lints one Terraform JSON document. */
export function lintTerraformJson(doc: unknown): Finding[] {
  return lintModel(terraformJsonModel(doc));
}

/**
 * Whether an input holds an organization policy on `constraints/run.allowedBinaryAuthorizationPolicies` that
 * guarantees it (what the review calls guarded, `guardrailsOf`): one that is there but conditional,
 * inherited, in dry run or denying values only does not count.
 */
export function hasCloudRunGuardrailIn(model: InputModel): boolean {
  return guardrailsOf(model).some((g) => g.state === 'enforced');
}

/** One finding per Cloud Run guardrail of an input that does not guarantee what it seems to, and why. */
function lintGuardrails(model: InputModel): Finding[] {
  return guardrailsOf(model)
    .filter((g) => g.state !== 'enforced')
    .map((g): Finding =>
      g.state === 'unknown'
        ? {
            severity: 'info',
            code: 'unknown-value',
            address: g.address,
            message: `the Cloud Run guardrail ${g.name} cannot be judged until apply: ${g.reason}`,
          }
        : {
            severity: 'warning',
            code: 'no-guardrail',
            address: g.address,
            message: `the Cloud Run guardrail ${g.name} does not require the project's policy of every Cloud Run service: ${g.reason}`,
          },
    );
}

/** Whether a document holds a guarding organization policy on `constraints/run.allowedBinaryAuthorizationPolicies`. */
export function hasCloudRunGuardrail(doc: unknown): boolean {
  return hasCloudRunGuardrailIn(terraformJsonModel(doc));
}

/**
 * One `no-guardrail` finding (information) per policy of a document, for a configuration that sets no
 * organization policy on `constraints/run.allowedBinaryAuthorizationPolicies` (see `hasCloudRunGuardrail`):
 * Cloud Run services deployed by other means (gcloud, the console, other repositories) are then not
 * required to use the policy. The guardrail may well be set elsewhere: hence information.
 */
export function lintMissingGuardrail(doc: unknown): Finding[] {
  return lintMissingGuardrailIn(terraformJsonModel(doc));
}

/** `lintMissingGuardrail` on any input; none for a live policy YAML, which holds no configuration. */
export function lintMissingGuardrailIn(model: InputModel): Finding[] {
  if (model.format === 'policy-yaml') {
    return [];
  }
  return policiesOf(model).map(({ address }) => ({
    severity: 'info',
    code: 'no-guardrail',
    address,
    message: `no organization policy here requires Binary Authorization for Cloud Run (constraints/${ALLOWED_POLICIES_CONSTRAINT}); services deployed by other means are not checked unless one is set elsewhere (CloudRunBinaryAuthorizationGuardrail sets it)`,
  }));
}

/**
 * The findings for one policy.
 *
 * @param preventDestroyKnown whether the input records `lifecycle.prevent_destroy` (Terraform JSON does)
 * @param live whether it is a live policy (a policy YAML), which may hold what only the provider cannot
 */
export function lintPolicy(found: FoundPolicy, preventDestroyKnown = true, live = false): Finding[] {
  const { address, policy } = found;
  const findings: Finding[] = [];
  const add = (severity: Severity, code: FindingCode, message: string) =>
    findings.push({ severity, code, address, message });
  const rules: Array<[string, RuleModel]> = [
    ['the default rule', policy.defaultAdmissionRule],
    ...Object.entries(policy.clusterAdmissionRules ?? {}).map(([cluster, rule]): [string, RuleModel] => [
      `the rule for GKE cluster ${cluster}`,
      rule,
    ]),
  ];
  for (const [name, rule] of rules) {
    ruleFindings(rule, name, live).forEach((f) => add(f.severity, f.code, f.message));
    // The constructs refuse a required attestor that is not a full name (`checkAttestorName`): so does the lint.
    for (const attestor of rule.requireAttestationsBy.filter((a) => !isInterpolated(a))) {
      const problem = checkAttestorName(attestor);
      if (problem !== undefined) {
        add(
          'error',
          'invalid-rule',
          `${name} requires ${JSON.stringify(attestor)}, which is not a full attestor name: ${problem}; which attestor it names depends on the project it is read in (in Terraform, use the attestor's id, not its name)`,
        );
      }
    }
  }
  const global = globalEvaluationModeProblem(found.globalPolicyEvaluationMode, isInterpolated);
  if (global !== undefined) {
    add('error', 'invalid-rule', global);
  } else if (found.globalPolicyEvaluationMode !== undefined) {
    add('info', 'global-evaluation', globalEvaluationText(found.globalPolicyEvaluationMode));
  }

  for (const pattern of policy.allowlistPatterns) {
    findings.push(...lintPattern(address, pattern));
  }

  if (preventDestroyKnown && !found.preventDestroy) {
    add('warning', 'no-prevent-destroy', NO_PREVENT_DESTROY);
  }
  return findings;
}

/** The findings for the Cloud Run resources of a document, read with the rules the aspect uses. */
export function lintCloudRun(doc: unknown): Finding[] {
  return lintCloudRunResources(terraformJsonModel(doc).resources);
}

/**
 * The findings for Cloud Run resources, read with the rules the aspect uses. An exempt resource is a
 * `exempt` warning with its reason; when it does not enforce, that warning stands instead of the
 * `not-enforced` error (or the `unknown-value` information). Everything else is reported as for any other.
 */
export function lintCloudRunResources(resources: ResourceInstance[]): Finding[] {
  return resources.filter(isCloudRun).flatMap((r) => {
    const setting = readBinauthz(CLOUD_RUN_RESOURCE_TYPES[r.type], r.values, isUnknownValue);
    const exempt: Finding[] =
      r.exemption === undefined
        ? []
        : [
            {
              severity: 'warning',
              code: 'exempt',
              address: r.address,
              message: `exempt from Binary Authorization (RequireBinaryAuthorization.exempt): ${r.exemption}`,
            },
          ];
    const findings = lintSetting(r.address, setting).filter(
      (f) =>
        r.exemption === undefined ||
        (f.code !== 'not-enforced' && !(f.code === 'unknown-value' && setting.enforcement === 'unknown')),
    );
    return [...findings, ...exempt];
  });
}

function isCloudRun(resource: ResourceInstance): boolean {
  return Object.prototype.hasOwnProperty.call(CLOUD_RUN_RESOURCE_TYPES, resource.type);
}

function lintSetting(address: string, setting: BinauthzSetting): Finding[] {
  const finding = (severity: Severity, code: FindingCode, message: string): Finding => ({
    severity,
    code,
    address,
    message,
  });
  const fix = enforcementFix(setting.wiring);
  const findings: Finding[] = setting.problems.map((p) =>
    finding('error', 'invalid-binary-authorization', `${p.property} ${describeValue(p.value)}: ${p.message}`),
  );
  switch (setting.enforcement) {
    case 'missing':
      findings.push(finding('error', 'not-enforced', `${setting.property} is not set: images are not checked; ${fix}`));
      break;
    case 'off':
      findings.push(
        finding(
          'error',
          'not-enforced',
          `${setting.property} turns Binary Authorization off: images are not checked; ${fix}`,
        ),
      );
      break;
    case 'unknown':
      findings.push(
        finding(
          'info',
          'unknown-value',
          `${setting.property} is known only at apply time: ${describeValue(setting.value)}`,
        ),
      );
      break;
    case 'invalid':
      // Its problems, errors above, say what is wrong.
      break;
    case 'enforced': {
      const policy = (setting.value as Record<string, unknown> | undefined)?.policy;
      if (
        setting.wiring === 'v2-block' &&
        typeof policy === 'string' &&
        policy !== '' &&
        setting.problems.length === 0
      ) {
        findings.push(
          finding(
            'info',
            'named-policy',
            `binary_authorization.policy names a platform policy (${policy}); only the project policy ("use_default") is documented for Cloud Run, and this lint does not check the named one`,
          ),
        );
      }
    }
  }
  if (setting.breakglass !== undefined && setting.breakglass !== '') {
    findings.push(
      finding(
        'warning',
        'breakglass',
        `a break-glass justification is set: the policy is bypassed for this resource; remove it once the emergency is over`,
      ),
    );
  }
  return findings;
}
