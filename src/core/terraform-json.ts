/**
 * Reads Binary Authorization policies (and the other resources the command line looks at) out of any
 * Terraform JSON (`cdk.tf.json` or hand-written `*.tf.json`) into the core policy model.
 *
 * Fail closed: every value read is checked for its type. A value of the wrong type (a number where a
 * string belongs, a list of lists where a block belongs) throws `TerraformJsonError` naming the
 * resource address, the attribute and the value received; it is never skipped, guessed or passed on
 * as something else. Only interpolations (`${…}` strings) stand for values known only at apply time.
 * The readers never recurse on the input, so any depth of nesting is safe.
 */
import { CLOUD_RUN_RESOURCE_TYPES } from './cloud-run';
import { describeValue } from './display';
import {
  ATTESTOR_TYPE,
  exemptionOf,
  InputModel,
  isPlainObject,
  MODEL_DATA_TYPES,
  MODEL_RESOURCE_TYPES,
  ModelError,
  objectAt,
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
  const resources: ResourceInstance[] = [];
  for (const type of MODEL_RESOURCE_TYPES) {
    for (const [name, values] of resourcesOfType(doc, type)) {
      const address = `${type}.${name}`;
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

/** A `provider "google"` (or `"google-beta"`) block of Terraform JSON. */
interface ProviderBlock {
  readonly name: string;
  readonly alias?: string;
  readonly project?: string;
}

/** The google and google-beta provider blocks of a document (an object, or a list of objects, per provider). */
function googleProvidersOf(doc: unknown): ProviderBlock[] {
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
  const defaultRule = at.singleBlock('default_admission_rule');
  if (defaultRule === undefined) {
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
  const dynamicPatterns = at.blocks('dynamic').some((d) => d.get('admission_whitelist_patterns') !== undefined);
  return {
    address,
    policy: {
      project: at.optionalString('project', 'a project id') ?? resource.providerProject ?? PROVIDER_DEFAULT_PROJECT,
      defaultAdmissionRule: readRule(defaultRule),
      allowlistPatterns: readPatterns(at, dynamicPatterns),
      clusterAdmissionRules: clusterRules,
    },
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

/** The allowlist patterns; a dynamic block or an interpolated list adds `DYNAMIC_PATTERNS`, known only at apply time. */
function readPatterns(at: Attributes, dynamic: boolean): string[] {
  const value = at.get('admission_whitelist_patterns');
  if (typeof value === 'string' && isInterpolated(value)) {
    return [DYNAMIC_PATTERNS];
  }
  const patterns = at
    .blocks('admission_whitelist_patterns')
    .map((b) => b.requiredString('name_pattern', 'an image pattern like "gcr.io/my-project/app@*"'));
  return dynamic ? [...patterns, DYNAMIC_PATTERNS] : patterns;
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

  /** A nested block that may repeat: an object, or a list of objects. */
  public blocks(key: string): Attributes[] {
    const value = this.get(key);
    const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
    return list.map((entry, i) => {
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
