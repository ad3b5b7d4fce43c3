/**
 * Reads Binary Authorization policies (and the other resources the command line looks at) out of any
 * Terraform JSON (`cdk.tf.json` or hand-written `*.tf.json`) into the core policy model.
 *
 * Fail closed: every value read is checked for its type. A value of the wrong type (a number where a
 * string belongs, a list of lists where a block belongs) throws `TerraformJsonError` naming the
 * resource address, the attribute and the value received; it is never skipped, guessed or passed on
 * as something else. Only interpolations (`${…}` strings) stand for values known only at apply time.
 * The readers never recurse on the input, so any depth of nesting is safe.
 *
 * What the configuration leaves open is never read as decided: a resource with `count = 0` (or an empty
 * `for_each`) is left out; other instances known only at apply (`instancesOf`), `dynamic` blocks of what is
 * judged (`withDynamicBlocks`), and `lifecycle.ignore_changes` on what a policy or guardrail enforces make
 * those values unknown, with why; two provider configurations with one alias are an error.
 */
import { CLOUD_RUN_RESOURCE_TYPES, singleBlock } from './cloud-run';
import { describeValue } from './display';
import { ignoreChangesOf, ignoredChangeCovering } from './lifecycle';
import {
  ATTESTOR_TYPE,
  CONFIGURATION_ONLY_TYPES,
  exemptionOf,
  InputModel,
  isPlainObject,
  isUnknownValue,
  MODEL_DATA_TYPES,
  MODEL_RESOURCE_TYPES,
  ModelError,
  objectAt,
  ORG_POLICY_TYPE,
  POLICY_TYPE,
  ResourceInstance,
} from './model';
import { EnforcementModeValue, EvaluationModeValue, isInterpolated, PolicyModel, RuleModel } from './policy';

/** A policy found in Terraform JSON, with where it was found. */
export interface FoundPolicy {
  /** The Terraform address, `google_binary_authorization_policy.NAME`. */
  readonly address: string;
  /** The policy. */
  readonly policy: PolicyModel;
  /** Whether the resource carries `lifecycle.prevent_destroy = true`. */
  readonly preventDestroy: boolean;
  /** The policy's `description`, if set. */
  readonly description?: string;
  /** The policy's `global_policy_evaluation_mode`, if set. */
  readonly globalPolicyEvaluationMode?: string;
  /**
   * Why the configuration does not tell what the policy enforces, when it does not (`policyUnsettled`): its
   * default rule is then unknown, and it judges no workload.
   */
  readonly unsettled?: string;
}

/** An attestor found in Terraform JSON. */
export interface FoundAttestor {
  /** The Terraform address, `google_binary_authorization_attestor.NAME`. */
  readonly address: string;
  /** The project, or `PROVIDER_DEFAULT_PROJECT`. */
  readonly project: string;
  /** The attestor's short name. */
  readonly name: string;
}

/**
 * Terraform JSON whose shape is not what Terraform and the provider accept: the message names the
 * resource address (when there is one), the attribute and the value received. The one error of every
 * reader (`ModelError`), under the name the Terraform JSON reader has always had.
 */
export { ModelError as TerraformJsonError } from './model';

/** The project of a policy that names none: the provider's default project, not known from the policy. */
export const PROVIDER_DEFAULT_PROJECT = '(provider default project)';

/**
 * Stands in for allowlist patterns that a `dynamic "admission_whitelist_patterns"` block or an
 * interpolated list produces: known only at apply time (it contains `${`).
 */
export const DYNAMIC_PATTERNS = '${dynamic admission_whitelist_patterns}';

/**
 * The `google_binary_authorization_policy` resources of a Terraform JSON document.
 *
 * @throws TerraformJsonError when the document or a policy has a value of the wrong type
 */
export function policiesFromTerraformJson(doc: unknown): FoundPolicy[] {
  return policiesOf(terraformJsonModel(doc));
}

/**
 * The `google_binary_authorization_attestor` resources of a Terraform JSON document.
 *
 * @throws TerraformJsonError when the document or an attestor has a value of the wrong type
 */
export function attestorsFromTerraformJson(doc: unknown): FoundAttestor[] {
  return attestorsOf(terraformJsonModel(doc));
}

/**
 * The policies of an input, each with its values' types checked. A policy without `project` is in its
 * provider's project, or `PROVIDER_DEFAULT_PROJECT` when the input does not name that either.
 *
 * @throws TerraformJsonError when a policy has a value of the wrong type
 */
export function policiesOf(model: InputModel): FoundPolicy[] {
  return model.resources.filter((r) => r.type === POLICY_TYPE).map(readPolicy);
}

/**
 * The attestors of an input.
 *
 * @throws TerraformJsonError when an attestor has a value of the wrong type
 */
export function attestorsOf(model: InputModel): FoundAttestor[] {
  return model.resources
    .filter((r) => r.type === ATTESTOR_TYPE)
    .map((r) => {
      const at = new Attributes(r.address, r.values);
      return {
        address: r.address,
        project: at.optionalString('project', 'a project id') ?? r.providerProject ?? PROVIDER_DEFAULT_PROJECT,
        name: at.requiredString('name', "the attestor's name"),
      };
    });
}

/**
 * Reads a Terraform JSON document (`cdk.tf.json`, or any `*.tf.json`) into the reader model: the resources
 * of `MODEL_RESOURCE_TYPES` with the project of the provider that deploys each, the exemptions that
 * `RequireBinaryAuthorization.exempt` wrote, and the module calls (whose resources are out of sight).
 *
 * @param providerDocs the documents whose `provider` blocks apply (the files of one folder are one
 *   Terraform module); the document itself by default
 * @throws TerraformJsonError when the document, a resource or a provider block has the wrong shape
 */
export function terraformJsonModel(doc: unknown, providerDocs: unknown[] = [doc]): InputModel {
  const providers = providerDocs.flatMap(googleProvidersOf);
  requireDistinctProviders(providers);
  const resources: ResourceInstance[] = [];
  for (const type of [...MODEL_RESOURCE_TYPES, ...CONFIGURATION_ONLY_TYPES]) {
    for (const [name, body] of resourcesOfType(doc, type)) {
      const address = `${type}.${name}`;
      const instances = instancesOf(address, body);
      if (instances.count === 0) {
        continue; // count = 0, or an empty for_each: Terraform creates no instance
      }
      const values = withUnsettledGuardrail(
        address,
        type,
        withDynamicBlocks(address, body, DYNAMIC_JUDGED[type] ?? []),
      );
      const isCloudRun = Object.prototype.hasOwnProperty.call(CLOUD_RUN_RESOURCE_TYPES, type);
      resources.push({
        address,
        type,
        values,
        providerProject: providerProjectOf(address, values.provider, providers),
        exemption: isCloudRun ? exemptionOf(address, values) : undefined,
      });
    }
  }
  for (const type of MODEL_DATA_TYPES) {
    for (const [name, values] of resourcesOfType(doc, type, 'data')) {
      const address = `data.${type}.${name}`;
      if (instancesOf(address, values).count === 0) {
        continue;
      }
      resources.push({
        address,
        type,
        values,
        providerProject: providerProjectOf(address, values.provider, providers),
      });
    }
  }
  return { format: 'terraform-json', resources, deleted: [], hiddenModules: moduleCallsOf(doc) };
}

/**
 * How many instances a resource's `count` or `for_each` meta-argument makes, as far as the configuration
 * tells: `count` 0 or 1 (a number, or its text), an empty `for_each`, or neither (one instance).
 */
export interface Instances {
  /** 0 or 1; `undefined` when how many is known only at apply (see `metaArgument`). */
  readonly count?: 0 | 1;
  /**
   * The meta-argument as written (`count = 2`, `for_each = {"a": …}`), when the instances are known only at
   * apply: an expression, several (each apply of one policy or guardrail overwrites the others), or any
   * non-empty `for_each`.
   */
  readonly metaArgument?: string;
}

/**
 * The instances of a resource of Terraform JSON (`count`, `for_each`). Plans and state list each instance,
 * so their values hold neither: one instance.
 *
 * @throws TerraformJsonError for a `count` that is not a whole number (or an interpolation), or both meta-arguments
 */
export function instancesOf(address: string, values: Record<string, unknown>): Instances {
  const at = new Attributes(address, values);
  const [count, forEach] = [at.get('count'), at.get('for_each')];
  if (count !== undefined && forEach !== undefined) {
    throw new ModelError(`${address}: count and for_each are both set; Terraform refuses that, keep one`);
  }
  if (forEach !== undefined) {
    const empty =
      (Array.isArray(forEach) && forEach.length === 0) || (isPlainObject(forEach) && Object.keys(forEach).length === 0);
    return empty ? { count: 0 } : { metaArgument: `for_each = ${describeValue(forEach)}` };
  }
  if (count === undefined) {
    return { count: 1 };
  }
  const literal = typeof count === 'string' && /^\d+$/.test(count) ? Number(count) : count;
  if (literal === 0 || literal === 1) {
    return { count: literal };
  }
  if ((typeof literal === 'number' && Number.isInteger(literal) && literal > 1) || isUnknownValue(literal)) {
    return { metaArgument: `count = ${describeValue(count)}` };
  }
  throw new ModelError(`${address}: count must be a whole number (or an expression), got: ${describeValue(count)}`);
}

/**
 * Stands for a value the configuration does not decide, with why (it holds `${`, so every rule treats it as
 * unknown, and messages that show it say why).
 */
function undecided(why: string): string {
  return `\${${why}}`;
}

/**
 * Why the configuration does not tell what a policy or a guardrail enforces, when it does not: whether (and
 * how often) it exists is known only at apply (`count`, `for_each`), or `lifecycle.ignore_changes` leaves
 * what it enforces as it is live.
 *
 * @param enforced the attributes that say what it enforces
 */
function unsettledBy(address: string, values: Record<string, unknown>, enforced: string[][]): string | undefined {
  const meta = instancesOf(address, values).metaArgument;
  if (meta !== undefined) {
    return `${meta}: whether (and how often) it exists is known only at apply`;
  }
  const entry = ignoredChangeOf(values, enforced);
  return entry === undefined
    ? undefined
    : `lifecycle.ignore_changes ${describeValue(entry)} keeps the live value, which may differ from the configuration`;
}

/**
 * The first entry of a resource's `lifecycle.ignore_changes` (Terraform JSON; `ignoredChangeCovering`) that
 * covers one of `paths`, if any.
 */
export function ignoredChangeOf(
  values: Record<string, unknown>,
  paths: ReadonlyArray<readonly string[]>,
): string | undefined {
  const ignore = ignoreChangesOf(values);
  return paths
    .filter((path) => path.length > 0)
    .map((path) => ignoredChangeCovering(ignore, path))
    .find((e) => e !== undefined);
}

/**
 * The attributes of a policy that decide what Cloud Run admits in its project: its default rule, its
 * allowlist, and its project (ignored, the live policy stays where it was).
 */
export const POLICY_ENFORCES = [['default_admission_rule'], ['admission_whitelist_patterns'], ['project']];

/**
 * Whether the configuration does not tell what a policy enforces (see `unsettledBy`), and why: a policy
 * whose existence is known only at apply, or whose rule or allowlist `lifecycle.ignore_changes` keeps as
 * it is live, cannot govern its project.
 */
export function policyUnsettled(resource: ResourceInstance): string | undefined {
  return unsettledBy(resource.address, resource.values, POLICY_ENFORCES);
}

/** The attributes of an organization policy (the guardrail) that say what it enforces. */
export const GUARDRAIL_ENFORCES = [['spec'], ['dry_run_spec']];

/** A guardrail whose existence or spec the configuration does not decide has an unknown spec. */
function withUnsettledGuardrail(
  address: string,
  type: string,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const why = type === ORG_POLICY_TYPE ? unsettledBy(address, values, GUARDRAIL_ENFORCES) : undefined;
  return why === undefined ? values : { ...values, spec: undecided(why), dry_run_spec: undefined };
}

/** A block the judgement reads, and whether it repeats (then a dynamic block adds entries to it). */
interface JudgedBlock {
  readonly path: readonly string[];
  readonly repeats?: boolean;
}

/**
 * The blocks of each resource type whose content the judgement reads: a `dynamic` block for one of them
 * (or for a block on the way to it) makes it known only at apply.
 */
const DYNAMIC_JUDGED: Readonly<Record<string, readonly JudgedBlock[]>> = {
  [POLICY_TYPE]: [{ path: ['default_admission_rule'] }, { path: ['admission_whitelist_patterns'], repeats: true }],
  [ORG_POLICY_TYPE]: [{ path: ['spec'] }, { path: ['spec', 'rules'] }, { path: ['dry_run_spec'] }],
  [ATTESTOR_TYPE]: [
    { path: ['attestation_authority_note'] },
    { path: ['attestation_authority_note', 'public_keys'], repeats: true },
  ],
  google_cloud_run_v2_service: [
    { path: ['binary_authorization'] },
    { path: ['template', 'containers'], repeats: true },
    { path: ['build_config'] },
  ],
  google_cloud_run_v2_job: [
    { path: ['binary_authorization'] },
    { path: ['template', 'template', 'containers'], repeats: true },
  ],
  google_cloud_run_v2_worker_pool: [
    { path: ['binary_authorization'] },
    { path: ['template', 'containers'], repeats: true },
  ],
  google_cloud_run_service: [{ path: ['metadata'] }, { path: ['template', 'spec', 'containers'], repeats: true }],
  google_cloudfunctions2_function: [{ path: ['service_config'] }, { path: ['build_config'] }],
};

/**
 * The values with the `dynamic` blocks that the judgement depends on made known only at apply: a dynamic
 * block for a repeating block (containers, allowlist patterns) adds an entry known only at apply; for any
 * other block (or a block on the way) it makes that block known only at apply. The input is not changed.
 *
 * @throws TerraformJsonError when a `dynamic` on the way is not a block
 */
function withDynamicBlocks(
  address: string,
  values: Record<string, unknown>,
  judged: readonly JudgedBlock[],
): Record<string, unknown> {
  return judged.reduce((current, { path, repeats }) => {
    const walk = (block: Record<string, unknown>, depth: number, where: string): Record<string, unknown> => {
      const name = path[depth];
      if (dynamicNames(address, block, where).has(name)) {
        const marker = undecided(`dynamic "${name}"`);
        if (repeats === true && depth === path.length - 1) {
          const value = block[name];
          const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
          return { ...block, [name]: [...list, marker] };
        }
        return { ...block, [name]: marker };
      }
      const inner = singleBlock(block[name]);
      if (depth === path.length - 1 || !isPlainObject(inner)) {
        return block; // the readers say what is wrong with any other shape
      }
      return { ...block, [name]: walk(inner, depth + 1, `${where}${name}.`) };
    };
    return walk(current, 0, '');
  }, values);
}

/** The names of the `dynamic` blocks of a block (`dynamic` is an object keyed by name, or a list of them). */
function dynamicNames(address: string, block: Record<string, unknown>, where: string): Set<string> {
  return new Set(new Attributes(address, block, where).blocks('dynamic').flatMap((d) => d.keys()));
}

/** A `provider "google"` (or `"google-beta"`) block of Terraform JSON. */
export interface ProviderBlock {
  /** `google` or `google-beta`. */
  readonly name: string;
  /** Its `alias`, if any. */
  readonly alias?: string;
  /** Its `project` (a literal, or an interpolation), if set. */
  readonly project?: string;
}

/**
 * The google and google-beta provider blocks of a document (an object, or a list of objects, per provider).
 *
 * @throws TerraformJsonError when a block, its alias or its project has the wrong shape
 */
export function googleProvidersOf(doc: unknown): ProviderBlock[] {
  const provider = topLevel(doc, 'provider', 'an object keyed by provider name');
  return ['google', 'google-beta'].flatMap((name) => {
    const value = provider[name];
    const blocks = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
    return blocks.map((block, i) => {
      if (!isPlainObject(block)) {
        throw new ModelError(
          `provider.${name}[${i}] must be an object (the provider's arguments), got: ${describeValue(block)}`,
        );
      }
      const at = new Attributes(`provider.${name}${Array.isArray(value) ? `[${i}]` : ''}`, block);
      return {
        name,
        alias: at.optionalString('alias', 'the alias'),
        project: at.optionalString('project', 'a project id'),
      };
    });
  });
}

/**
 * Refuses two configurations of one provider with the same alias (or both without): Terraform refuses them
 * ("Duplicate provider configuration"), and which one deploys a resource cannot be told.
 */
function requireDistinctProviders(providers: ProviderBlock[]): void {
  providers.forEach((p, i) => {
    const twin = providers.findIndex((o) => o.name === p.name && o.alias === p.alias);
    if (twin !== i) {
      const which = p.alias === undefined ? 'without alias' : `with alias ${describeValue(p.alias)}`;
      throw new ModelError(
        `provider.${p.name}: two configurations ${which} (projects ${describeValue(providers[twin].project ?? null)} and ${describeValue(p.project ?? null)}); Terraform refuses a duplicate provider configuration: give each but one a distinct alias`,
      );
    }
  });
}

/**
 * The project of the provider configuration that deploys a resource: the one its `provider` names
 * (`google.ALIAS`, or `${google.ALIAS}`), else the `google` provider without alias.
 */
function providerProjectOf(address: string, reference: unknown, providers: ProviderBlock[]): string | undefined {
  if (reference !== undefined && reference !== null && typeof reference !== 'string') {
    throw new ModelError(`${address}: provider must be a string like "google.ALIAS", got: ${describeValue(reference)}`);
  }
  const [name, alias] = (reference ?? 'google').replace(/^\$\{(.*)\}$/, '$1').split('.');
  return providers.find((p) => p.name === name && p.alias === alias)?.project;
}

/** The names of a document's module calls, as `module.NAME`. */
function moduleCallsOf(doc: unknown): string[] {
  return Object.keys(topLevel(doc, 'module', 'an object keyed by module name')).map((name) => `module.${name}`);
}

/** A top-level key of a document that holds an object keyed by name (`provider`, `module`); absent is empty. */
function topLevel(doc: unknown, key: string, what: string): Record<string, unknown> {
  const value = isPlainObject(doc) ? doc[key] : undefined;
  return value === undefined || value === null ? {} : objectAt(value, key, what);
}

/**
 * The resources (or data sources) of one type, as `[name, body]` pairs in document order. Each body is an
 * object (Terraform JSON also allows a list of one object).
 *
 * @param kind `resource` (managed resources) or `data` (data sources)
 * @throws TerraformJsonError when the document, its `resource` (or `data`), the type or a body is not an object
 */
export function resourcesOfType(
  doc: unknown,
  type: string,
  kind: 'resource' | 'data' = 'resource',
): Array<[string, Record<string, unknown>]> {
  if (!isPlainObject(doc)) {
    throw new ModelError(
      `the document must be a JSON object (Terraform JSON, like {"resource": {…}}), got: ${describeValue(doc)}`,
    );
  }
  const resource = doc[kind];
  if (resource === undefined) {
    return [];
  }
  if (!isPlainObject(resource)) {
    throw new ModelError(
      Array.isArray(resource)
        ? `${kind} is a list; this command reads ${kind} as one object keyed by resource type (merge the list's objects into one), got: ${describeValue(resource)}`
        : `${kind} must be an object keyed by resource type, got: ${describeValue(resource)}`,
    );
  }
  const byName = resource[type];
  if (byName === undefined) {
    return [];
  }
  if (!isPlainObject(byName)) {
    throw new ModelError(`${kind}.${type} must be an object keyed by resource name, got: ${describeValue(byName)}`);
  }
  const prefix = kind === 'data' ? `data.${type}` : type;
  return Object.entries(byName).map(([name, body]): [string, Record<string, unknown>] => {
    if (isPlainObject(body)) {
      return [name, body];
    }
    if (Array.isArray(body) && body.length === 1 && isPlainObject(body[0])) {
      return [name, body[0]];
    }
    if (Array.isArray(body) && body.length > 1) {
      throw new ModelError(
        `${prefix}.${name}: declared ${body.length} times (a list of ${body.length} bodies); Terraform refuses a duplicate resource, give each its own name`,
      );
    }
    throw new ModelError(
      `${prefix}.${name} must be an object (the resource's attributes), got: ${describeValue(body)}`,
    );
  });
}

function readPolicy(resource: ResourceInstance): FoundPolicy {
  const { address, values: body } = resource;
  const at = new Attributes(address, body);
  const unsettled = policyUnsettled(resource);
  const rawRule = at.get('default_admission_rule');
  const defaultRule = isUnknownValue(rawRule) ? undefined : at.singleBlock('default_admission_rule');
  if (defaultRule === undefined && !isUnknownValue(rawRule)) {
    throw new ModelError(
      `${address}: default_admission_rule is not set; the provider requires it (evaluation_mode and enforcement_mode)`,
    );
  }
  const clusterRules: Record<string, RuleModel> = {};
  at.blocks('cluster_admission_rules').forEach((rule, i) => {
    const path = `cluster_admission_rules[${i}]`;
    const cluster = rule.requiredString('cluster', 'a cluster key like "us-central1-a.prod-cluster"');
    if (Object.prototype.hasOwnProperty.call(clusterRules, cluster)) {
      throw new ModelError(
        `${address}: ${path}.cluster ${describeValue(cluster)} has two rules; keep one rule per cluster`,
      );
    }
    clusterRules[cluster] = readRule(rule);
  });
  const lifecycle = at.singleBlock('lifecycle');
  const rule = defaultRule === undefined ? unknownRule(rawRule as string) : readRule(defaultRule);
  const patterns = readPatterns(at);
  return {
    address,
    policy: {
      project: at.optionalString('project', 'a project id') ?? resource.providerProject ?? PROVIDER_DEFAULT_PROJECT,
      // The rule that holds (this one, Google's allow-all default, or another instance's) is unknown.
      defaultAdmissionRule: unsettled === undefined ? rule : unknownRule(undecided(unsettled)),
      allowlistPatterns: patterns,
      clusterAdmissionRules: clusterRules,
    },
    ...(unsettled === undefined ? {} : { unsettled }),
    preventDestroy: lifecycle?.optionalBoolean('prevent_destroy') === true,
    description: at.optionalString('description', 'a string'),
    globalPolicyEvaluationMode: at.optionalString('global_policy_evaluation_mode', '"ENABLE" or "DISABLE"'),
  };
}

function readRule(rule: Attributes): RuleModel {
  return {
    evaluationMode: rule.requiredString(
      'evaluation_mode',
      'ALWAYS_ALLOW, ALWAYS_DENY or REQUIRE_ATTESTATION',
    ) as EvaluationModeValue,
    enforcementMode: rule.requiredString(
      'enforcement_mode',
      'ENFORCED_BLOCK_AND_AUDIT_LOG or DRYRUN_AUDIT_LOG_ONLY',
    ) as EnforcementModeValue,
    // An interpolated list (`"${var.attestors}"`) stays one unknown entry.
    requireAttestationsBy: rule.stringList('require_attestations_by', 'attestor names like "projects/P/attestors/N"'),
  };
}

/** A rule whose modes are known only at apply time (`value`, an interpolation). */
function unknownRule(value: string): RuleModel {
  return {
    evaluationMode: value as EvaluationModeValue,
    enforcementMode: value as EnforcementModeValue,
    requireAttestationsBy: [],
  };
}

/**
 * The allowlist patterns; an interpolated list, or an entry known only at apply time (which a dynamic block
 * adds, `withDynamicBlocks`), is `DYNAMIC_PATTERNS`.
 */
function readPatterns(at: Attributes): string[] {
  const value = at.get('admission_whitelist_patterns');
  if (typeof value === 'string' && isInterpolated(value)) {
    return [DYNAMIC_PATTERNS];
  }
  const patterns = at
    .blocks('admission_whitelist_patterns', isUnknownValue)
    .map((b) => b.requiredString('name_pattern', 'an image pattern like "gcr.io/my-project/app@*"'));
  return Array.isArray(value) && value.some(isUnknownValue) ? [...patterns, DYNAMIC_PATTERNS] : patterns;
}

/**
 * The attributes of one resource or nested block, read with their types checked; messages name the
 * resource address and the attribute's path within it. In Terraform JSON `null` means "not set".
 */
class Attributes {
  constructor(
    private readonly address: string,
    private readonly values: Record<string, unknown>,
    private readonly path: string = '',
  ) {}

  /** The raw value of an attribute (`undefined` when not set or `null`). */
  public get(key: string): unknown {
    const value = Object.prototype.hasOwnProperty.call(this.values, key) ? this.values[key] : undefined;
    return value === null ? undefined : value;
  }

  public optionalString(key: string, expected: string): string | undefined {
    const value = this.get(key);
    if (value === undefined || typeof value === 'string') {
      return value;
    }
    return this.fail(key, `a string (${expected})`, value);
  }

  public requiredString(key: string, expected: string): string {
    const value = this.optionalString(key, expected);
    if (value === undefined) {
      throw new ModelError(`${this.address}: ${this.path}${key} is not set; it must be ${expected}`);
    }
    return value;
  }

  public optionalBoolean(key: string): boolean | undefined {
    const value = this.get(key);
    if (value === undefined || typeof value === 'boolean') {
      return value;
    }
    return this.fail(key, 'true or false', value);
  }

  /** A list of strings; an interpolated string (the whole list known only at apply time) is one entry. */
  public stringList(key: string, expected: string): string[] {
    const value = this.get(key);
    if (value === undefined) {
      return [];
    }
    if (typeof value === 'string' && isInterpolated(value)) {
      return [value];
    }
    if (!Array.isArray(value)) {
      return this.fail(key, `a list of strings (${expected})`, value);
    }
    value.forEach((entry, i) => {
      if (typeof entry !== 'string') {
        this.fail(`${key}[${i}]`, `a string (${expected})`, entry);
      }
    });
    return value as string[];
  }

  /** A nested block that appears at most once: an object, a list of one object, or nothing (`[]`). */
  public singleBlock(key: string): Attributes | undefined {
    const value = this.get(key);
    const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
    if (list.length > 1) {
      return this.fail(key, 'a single block', value);
    }
    if (list.length === 1 && !isPlainObject(list[0])) {
      return this.fail(key, 'a block (an object, or a list of one object)', value);
    }
    return list.length === 0 ? undefined : new Attributes(this.address, list[0], `${this.path}${key}.`);
  }

  /** The names of the attributes that are set. */
  public keys(): string[] {
    return Object.keys(this.values).filter((key) => this.get(key) !== undefined);
  }

  /**
   * A nested block that may repeat: an object, or a list of objects.
   *
   * @param skip tells entries to leave out (such as values known only at apply time)
   */
  public blocks(key: string, skip: (entry: unknown) => boolean = () => false): Attributes[] {
    const value = this.get(key);
    const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return list.flatMap((entry, i) => {
      if (skip(entry)) {
        return [];
      }
      if (!isPlainObject(entry)) {
        return this.fail(Array.isArray(value) ? `${key}[${i}]` : key, 'a block (an object)', entry);
      }
      return new Attributes(
        this.address,
        entry,
        Array.isArray(value) ? `${this.path}${key}[${i}].` : `${this.path}${key}.`,
      );
    });
  }

  private fail(key: string, expected: string, value: unknown): never {
    throw new ModelError(`${this.address}: ${this.path}${key} must be ${expected}, got: ${describeValue(value)}`);
  }
}
