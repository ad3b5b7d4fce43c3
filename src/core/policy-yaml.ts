/**
 * A policy as the YAML that `gcloud container binauthz policy import` reads and `… policy export` prints
 * (Google's policy YAML reference: `admissionWhitelistPatterns`, `defaultAdmissionRule`,
 * `globalPolicyEvaluationMode`, `name`). Written by hand (`policyYaml`): every value is a double-quoted
 * scalar (JSON string escapes are valid YAML), keys in the order `gcloud … policy export` prints them.
 * Read (`policyYamlModel`) from the plain values a YAML parser gives (the command line parses the text).
 */
import { describeValue } from './display';
import { InputModel, isPlainObject, listAt, ModelError, objectAt, POLICY_TYPE } from './model';
import { checkProjectId } from './names';
import { PolicyModel, RuleModel } from './policy';

/** What the YAML holds besides the model. */
export interface PolicyYamlExtras {
  /** The policy description. */
  readonly description?: string;
  /** `ENABLE` or `DISABLE`. */
  readonly globalPolicyEvaluationMode?: string;
}

/** Every value of the policy that `isUnknown` says is known only at apply time, as `field: value`. */
export function unknownPolicyValues(
  model: PolicyModel,
  extras: PolicyYamlExtras,
  isUnknown: (value: string) => boolean,
): string[] {
  const rule = model.defaultAdmissionRule;
  const fields: Array<[string, string | undefined]> = [
    ['project', model.project],
    ['description', extras.description],
    ['globalPolicyEvaluationMode', extras.globalPolicyEvaluationMode],
    ['evaluationMode', rule.evaluationMode],
    ['enforcementMode', rule.enforcementMode],
    ...model.allowlistPatterns.map((p): [string, string] => ['namePattern', p]),
    ...rule.requireAttestationsBy.map((a): [string, string] => ['requireAttestationsBy', a]),
    ...Object.entries(model.clusterAdmissionRules ?? {}).flatMap(([cluster, r]): Array<[string, string]> => [
      ['clusterAdmissionRules key', cluster],
      [`${cluster} evaluationMode`, r.evaluationMode],
      [`${cluster} enforcementMode`, r.enforcementMode],
      ...r.requireAttestationsBy.map((a): [string, string] => [`${cluster} requireAttestationsBy`, a]),
    ]),
  ];
  return fields.filter(([, v]) => v !== undefined && isUnknown(v)).map(([k, v]) => `${k}: ${v}`);
}

/** The policy YAML; the model must hold known values only (see `unknownPolicyValues`). */
export function policyYaml(model: PolicyModel, extras: PolicyYamlExtras = {}): string {
  const q = (value: string) => JSON.stringify(value);
  const rule = model.defaultAdmissionRule;
  const lines: string[] = [];
  if (model.allowlistPatterns.length > 0) {
    lines.push('admissionWhitelistPatterns:');
    model.allowlistPatterns.forEach((p) => lines.push(`- namePattern: ${q(p)}`));
  }
  const clusters = Object.entries(model.clusterAdmissionRules ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (clusters.length > 0) {
    lines.push('clusterAdmissionRules:');
    clusters.forEach(([cluster, r]) => lines.push(`  ${q(cluster)}:`, ...ruleLines(r, '    ')));
  }
  lines.push('defaultAdmissionRule:', ...ruleLines(rule, '  '));
  if (extras.description !== undefined) {
    lines.push(`description: ${q(extras.description)}`);
  }
  if (extras.globalPolicyEvaluationMode !== undefined) {
    lines.push(`globalPolicyEvaluationMode: ${q(extras.globalPolicyEvaluationMode)}`);
  }
  lines.push(`name: ${q(`projects/${model.project}/policy`)}`);
  return `${lines.join('\n')}\n`;
}

function ruleLines(rule: RuleModel, indent: string): string[] {
  const q = (value: string) => JSON.stringify(value);
  const lines = [
    `${indent}enforcementMode: ${q(rule.enforcementMode)}`,
    `${indent}evaluationMode: ${q(rule.evaluationMode)}`,
  ];
  if (rule.requireAttestationsBy.length > 0) {
    lines.push(`${indent}requireAttestationsBy:`);
    rule.requireAttestationsBy.forEach((a) => lines.push(`${indent}- ${q(a)}`));
  }
  return lines;
}

/** The keys of a policy YAML, as `gcloud container binauthz policy export` prints them. */
const POLICY_KEYS: ReadonlySet<string> = new Set([
  'name',
  'description',
  'globalPolicyEvaluationMode',
  'admissionWhitelistPatterns',
  'defaultAdmissionRule',
  'clusterAdmissionRules',
  'etag',
  'updateTime',
]);
/** GKE-only rule maps of the API that the Terraform provider does not have, and this command does not read. */
const GKE_ONLY_KEYS: ReadonlySet<string> = new Set([
  'kubernetesNamespaceAdmissionRules',
  'kubernetesServiceAccountAdmissionRules',
  'istioServiceIdentityAdmissionRules',
]);
const RULE_KEYS: ReadonlySet<string> = new Set(['evaluationMode', 'enforcementMode', 'requireAttestationsBy']);

/**
 * Reads a policy YAML (parsed into plain values) as `gcloud container binauthz policy export` writes it
 * (Google's policy YAML reference) into the reader model: one `google_binary_authorization_policy` whose
 * address is the policy's name, `projects/PROJECT_ID/policy`. Without `name` (which `gcloud … policy
 * import` fills from its configuration), its project is `project` (`--project`, kept as the provider's
 * project), else not known (`NAMELESS_POLICY`); a `name` and a `project` that differ are an error. Every key and type is checked: an unknown key
 * or a value of the wrong type throws `ModelError` naming the key, never ignored. Its values are literal:
 * a `${` (an interpolation in Terraform) where a mode, name or pattern belongs throws too (`yamlLiteral`).
 */
export function policyYamlModel(doc: unknown, project?: string): InputModel {
  const policy = objectAt(doc, 'the document', 'a mapping (a policy (name, defaultAdmissionRule, …))');
  const gkeOnly = Object.keys(policy).find((key) => GKE_ONLY_KEYS.has(key));
  if (gkeOnly !== undefined) {
    throw new ModelError(
      `${gkeOnly}: GKE-only rules that the Terraform provider does not manage and this command does not read; check this policy with gcloud, or remove them`,
    );
  }
  checkKeys(policy, POLICY_KEYS, 'the policy');
  const named = policy.name === undefined || policy.name === null ? undefined : policyNameProject(policy.name);
  if (named !== undefined && project !== undefined && named !== project) {
    throw new ModelError(
      `name is "projects/${named}/policy", but --project says ${describeValue(project)}; give the project once (--project is for a policy YAML without name)`,
    );
  }
  const values: Record<string, unknown> = {
    ...(named === undefined ? {} : { project: named }),
    default_admission_rule: yamlRule(policy.defaultAdmissionRule, 'defaultAdmissionRule'),
    admission_whitelist_patterns: listAt(policy.admissionWhitelistPatterns, 'admissionWhitelistPatterns').map(
      (entry, i) => {
        const where = `admissionWhitelistPatterns[${i}]`;
        const pattern = objectAt(entry, where, 'a mapping ({namePattern: "gcr.io/my-project/app@*"})');
        checkKeys(pattern, new Set(['namePattern']), where);
        return { name_pattern: yamlLiteral(pattern.namePattern, `${where}.namePattern`, 'an image pattern') };
      },
    ),
    cluster_admission_rules: Object.entries(
      policy.clusterAdmissionRules === undefined || policy.clusterAdmissionRules === null
        ? {}
        : objectAt(
            policy.clusterAdmissionRules,
            'clusterAdmissionRules',
            'a mapping (a map of LOCATION.CLUSTER to rules)',
          ),
    ).map(([cluster, rule]) => ({
      cluster: yamlLiteral(cluster, `clusterAdmissionRules key ${describeValue(cluster)}`, 'LOCATION.CLUSTER_ID'),
      ...yamlRule(rule, `clusterAdmissionRules.${cluster}`),
    })),
  };
  if (policy.description !== undefined && policy.description !== null) {
    values.description = yamlString(policy.description, 'description', 'a string'); // free text: "${" is text too
  }
  if (policy.globalPolicyEvaluationMode !== undefined && policy.globalPolicyEvaluationMode !== null) {
    values.global_policy_evaluation_mode = yamlLiteral(
      policy.globalPolicyEvaluationMode,
      'globalPolicyEvaluationMode',
      'ENABLE or DISABLE',
    );
  }
  for (const key of ['etag', 'updateTime']) {
    if (policy[key] !== undefined && policy[key] !== null) {
      yamlString(policy[key], key, 'a string, as gcloud prints it');
    }
  }
  // Without name, gcloud takes the project from its configuration: here, from --project (the provider's
  // project, as for a Terraform resource without one), else not known.
  const address =
    named !== undefined
      ? `projects/${named}/policy`
      : project !== undefined
        ? `projects/${project}/policy`
        : NAMELESS_POLICY;
  return {
    format: 'policy-yaml',
    resources: [
      {
        address,
        type: POLICY_TYPE,
        values,
        ...(named === undefined && project !== undefined ? { providerProject: project } : {}),
      },
    ],
    deleted: [],
    hiddenModules: [],
  };
}

/**
 * How a policy YAML without `name` is addressed when no `--project` names its project: `gcloud container
 * binauthz policy import` takes it (and fills the project from its configuration), so it is read, with
 * the project not known.
 */
export const NAMELESS_POLICY = 'policy (no name)';

/** The message for a command that needs the project of a policy YAML without `name`. */
export function namelessPolicyMessage(file: string): string {
  return `${file}: the policy YAML has no name, so the project it is the policy of is not known (gcloud container binauthz policy import takes it from its configuration); give it with --project PROJECT_ID`;
}

/** The project of a policy's `name`, which must be `projects/PROJECT_ID/policy` with a real project id. */
function policyNameProject(value: unknown): string {
  const name = yamlLiteral(value, 'name', '"projects/PROJECT_ID/policy"');
  const match = /^projects\/([^/]+)\/policy$/.exec(name);
  if (match && /^[A-Z][A-Z0-9_]*$/.test(match[1])) {
    throw new ModelError(
      `name is ${describeValue(name)}: ${match[1]} is a placeholder (as Google's documentation writes it), not a project id; write the project's id (projects/my-project/policy), or remove name and give the project with --project`,
    );
  }
  if (!match || checkProjectId(match[1]) !== undefined) {
    throw new ModelError(
      `name must be "projects/PROJECT_ID/policy", got: ${describeValue(name)}; PROJECT_ID stands for a project id, like projects/my-project/policy`,
    );
  }
  return match[1];
}

/**
 * Whether a parsed document is a policy as gcloud reads and prints it (in YAML, or in JSON, which YAML
 * includes: `--format=json`): a mapping with a `defaultAdmissionRule` and only the keys of a policy.
 */
export function isPolicyDocument(doc: unknown): boolean {
  return (
    isPlainObject(doc) &&
    doc.defaultAdmissionRule !== undefined &&
    Object.keys(doc).every((key) => POLICY_KEYS.has(key) || GKE_ONLY_KEYS.has(key))
  );
}

function yamlRule(value: unknown, where: string): Record<string, unknown> {
  const rule = objectAt(
    value,
    where,
    'a mapping ({evaluationMode: ALWAYS_DENY, enforcementMode: ENFORCED_BLOCK_AND_AUDIT_LOG})',
  );
  checkKeys(rule, RULE_KEYS, where);
  return {
    evaluation_mode: yamlLiteral(
      rule.evaluationMode,
      `${where}.evaluationMode`,
      'ALWAYS_ALLOW, ALWAYS_DENY or REQUIRE_ATTESTATION',
    ),
    enforcement_mode: yamlLiteral(
      rule.enforcementMode,
      `${where}.enforcementMode`,
      'ENFORCED_BLOCK_AND_AUDIT_LOG or DRYRUN_AUDIT_LOG_ONLY',
    ),
    require_attestations_by: listAt(rule.requireAttestationsBy, `${where}.requireAttestationsBy`).map((a, i) =>
      yamlLiteral(a, `${where}.requireAttestationsBy[${i}]`, 'an attestor name like "projects/P/attestors/N"'),
    ),
  };
}

function checkKeys(value: Record<string, unknown>, known: ReadonlySet<string>, where: string): void {
  for (const key of Object.keys(value)) {
    if (!known.has(key)) {
      throw new ModelError(`${where} has the key ${describeValue(key)}, which is not one of ${[...known].join(', ')}`);
    }
  }
}

/**
 * A string of the YAML whose grammar has no room for `${` (a mode, a name, a pattern). YAML has no
 * interpolation: `${var.x}` there is that literal text, which Google would read as it is, never a value
 * known at apply time; the readers downstream, made for Terraform, would take it for one.
 */
function yamlLiteral(value: unknown, where: string, expected: string): string {
  const text = yamlString(value, where, expected);
  if (text.includes('${')) {
    throw new ModelError(
      `${where} must be ${expected}, got: ${describeValue(text)} (YAML has no interpolation: "\${…}" is literal text here, not a value known at apply time)`,
    );
  }
  return text;
}

function yamlString(value: unknown, where: string, expected: string): string {
  if (typeof value !== 'string') {
    throw new ModelError(
      `${where} must be a string (${expected}), got: ${value === undefined ? 'nothing' : describeValue(value)}`,
    );
  }
  return value;
}
