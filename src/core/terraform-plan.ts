/**
 * Reads what `terraform show -json` prints (Terraform's "JSON Output Format") into the reader model:
 *
 * - a **plan** (`terraform show -json PLANFILE`): the resources under `planned_values.root_module` and
 *   its `child_modules`, at any depth, as they will be after apply. Each value that
 *   `resource_changes[].change.after_unknown` marks is replaced by `KNOWN_AFTER_APPLY`: unknown, never a
 *   pass. A resource the plan only deletes is not deployed: it is listed in `deleted`, with its values
 *   before. The project of a resource's provider comes from `configuration.provider_config`. The other
 *   side of the changes, each resource as it is before apply (`resource_changes[].change.before`) with the
 *   actions of its change, is the model's `prior`, for `diff`.
 * - a **state** (`terraform show -json` without a plan): the resources under `values.root_module`, which
 *   are all known.
 *
 * Nested blocks are lists of objects there (`default_admission_rule: [ { … } ]`); the rules read both
 * forms. Fail closed: a document whose shape is not the format's (a `format_version` of another major
 * version, a list where a module belongs, an `after_unknown` of the wrong shape, a resource without a
 * change) throws `ModelError` naming the place, never skipped. So does a plan whose two sides disagree
 * (see `checkConsistency`): a change that no part of the reader looks at is a change nobody judged. Only
 * the resources of `MODEL_RESOURCE_TYPES` are kept, so a plan of many thousands of resources costs little
 * beyond its parsing. The walk over modules uses a list, not recursion; `after_unknown` is walked
 * recursively, as deep as the JSON reader allows (512 levels).
 */
import { describeValue } from './display';
import {
  InputModel,
  isPlainObject,
  isUnknownValue,
  KNOWN_AFTER_APPLY,
  listAt,
  MODEL_RESOURCE_TYPES,
  ModelError,
  objectAt,
  POLICY_TYPE,
  PolicyReset,
  ResourceInstance,
} from './model';

/** The actions a change may have (Terraform's JSON output format, and `forget` of `removed` blocks). */
const ACTIONS: ReadonlySet<string> = new Set(['no-op', 'create', 'read', 'update', 'delete', 'forget']);

/**
 * The lists of actions Terraform writes, by what they leave behind: the resource exists after apply (the
 * replace orders too, and `["create", "forget"]` of `destroy = false`), or it is gone from the state.
 * `["read"]` is a data source's only.
 */
const STAYS: ReadonlySet<string> = new Set([
  'no-op',
  'create',
  'update',
  'delete,create',
  'create,delete',
  'create,forget',
]);
const GOES: ReadonlySet<string> = new Set(['delete', 'forget']);

/**
 * Attributes the provider computes when the configuration does not set them, unknown in the plan of a new
 * resource: `[type (or * for every type), block (or '' for the resource itself), attribute]`. When the
 * configuration does not set one, it is left unset (the default: the provider's project, the default
 * repository), rather than unknown.
 */
const COMPUTED_DEFAULTS: ReadonlyArray<readonly [string, string, string]> = [
  ['*', '', 'project'],
  ['google_cloudfunctions2_function', 'build_config', 'docker_repository'],
];

/**
 * Reads a plan (`terraform show -json PLANFILE`).
 *
 * @throws ModelError when the plan is incomplete or has the wrong shape
 */
export function planModel(doc: Record<string, unknown>): InputModel {
  checkFormatVersion(doc, 'plan');
  if (doc.errored === true) {
    throw new ModelError(
      'the plan errored (terraform plan failed), so it does not hold every change; fix the plan and show it again',
    );
  }
  if (doc.complete === false) {
    throw new ModelError(
      'the plan is incomplete ("complete": false: some changes are deferred to a later plan), so what it deploys cannot be judged whole; apply in steps, and check each complete plan',
    );
  }
  const planned = objectAt(doc.planned_values, 'planned_values');
  const changes = changesOf(doc.resource_changes);
  const configuration = configurationOf(doc.configuration);
  const resources: ResourceInstance[] = [];
  const managed = walkModules(planned.root_module, 'planned_values.root_module', (resource, where, modulePath) => {
    const change = changes.byAddress.get(resource.address);
    if (change === undefined) {
      throw new ModelError(
        `${where} (${resource.address}): resource_changes holds no change for it, so which of its values are known only after apply cannot be told; show the whole plan (terraform show -json PLANFILE)`,
      );
    }
    if (change.actions.join(',') === 'forget') {
      // Terraform 1.7 to 1.15 list a forgotten resource here too, without values: it leaves the state.
      if (Object.keys(resource.values).length > 0) {
        throw inconsistent(
          change,
          'its actions ["forget"] remove it from the state, but planned_values gives it values',
        );
      }
      return;
    }
    // (A change that removes it has no "after": `checkConsistency` says so.)
    const disagreement = STAYS.has(change.actions.join(','))
      ? firstDifference(resource.values, change.after, '')
      : undefined;
    if (disagreement !== undefined) {
      throw inconsistent(
        change,
        `planned_values gives ${disagreement.path === '' ? 'its values' : disagreement.path} as ${describeValue(disagreement.planned)}, but its change's "after" as ${describeValue(disagreement.after)}`,
      );
    }
    const values = withUnknowns(
      resource.values,
      change.afterUnknown,
      `resource_changes[${change.index}].change.after_unknown`,
    );
    const config = configuration.resources.get(`${modulePath}${resource.type}.${resource.name}`);
    for (const [type, block, attribute] of COMPUTED_DEFAULTS) {
      if ((type === '*' || resource.type === type) && config !== undefined && !config.sets(block, attribute)) {
        unsetUnknown(values, block, attribute);
      }
    }
    const providerKey = config?.providerKey;
    resources.push({
      address: resource.address,
      type: resource.type,
      values,
      providerProject: providerKey === undefined ? undefined : configuration.providerProjects.get(providerKey),
    });
  });
  checkConsistency(changes.byAddress, managed);
  // The configuration (and so the provider) of a resource is the same before and after its change.
  const providerProjects = new Map(resources.map((r) => [r.address, r.providerProject]));
  const providerOf = (address: string, type: string): string | undefined =>
    providerProjects.has(address)
      ? providerProjects.get(address)
      : configuredProviderProject(configuration, address, type);
  const prior = {
    resources: changes.before.map((r) => ({ ...r, providerProject: providerOf(r.address, r.type) })),
    missing: changes.missing,
    actions: changes.actions,
  };
  const policyResets = resetsOf(changes, resources, providerOf);
  return { format: 'plan', resources, deleted: changes.deleted, hiddenModules: [], prior, policyResets };
}

/**
 * Every policy object the plan deletes, as a model fact: the provider's Delete writes Google's allow-all
 * default back, so each leaves its project admitting everything for at least part of the apply (see
 * `PolicyResetKind`). A plain delete next to a policy the plan creates for the same project, or for a
 * project known only after apply, is `delete-and-create`.
 */
function resetsOf(
  changes: Changes,
  resources: readonly ResourceInstance[],
  providerOf: (address: string, type: string) => string | undefined,
): PolicyReset[] {
  const projectOfValues = (values: Record<string, unknown>, address: string): string | undefined => {
    const own = values.project;
    if (own === undefined || own === null) {
      return providerOf(address, POLICY_TYPE);
    }
    return typeof own === 'string' && !isUnknownValue(own) && own !== '' ? own : undefined;
  };
  const created = resources.filter(
    (r) => r.type === POLICY_TYPE && (changes.actions.get(r.address) ?? []).includes('create'),
  );
  return changes.resets.map(({ address, kind, deposedKey, before }): PolicyReset => {
    const project = projectOfValues(before, address);
    if (kind === 'delete') {
      const other = created.find((r) => {
        const p = projectOfValues(r.values, r.address);
        return p === undefined || project === undefined || p === project;
      });
      if (other !== undefined) {
        return { address, kind: 'delete-and-create', project, createdAt: other.address };
      }
    }
    return { address, kind, project, ...(deposedKey === undefined ? {} : { deposedKey }) };
  });
}

/** The project of the provider of a resource the plan no longer holds, from the plan's configuration. */
function configuredProviderProject(configuration: Configuration, address: string, type: string): string | undefined {
  const at = address.indexOf(`${type}.`);
  if (at < 0 || (at > 0 && address[at - 1] !== '.')) {
    return undefined;
  }
  const modulePart = at === 0 ? '' : `${moduleCallPath(address.slice(0, at - 1))}.`;
  const name = /^[^.[]+/.exec(address.slice(at + type.length + 1))?.[0] ?? '';
  const key = configuration.resources.get(`${modulePart}${type}.${name}`)?.providerKey;
  return key === undefined ? undefined : configuration.providerProjects.get(key);
}

/**
 * Reads a state (`terraform show -json` without a plan file).
 *
 * @throws ModelError when the state has the wrong shape
 */
export function stateModel(doc: Record<string, unknown>): InputModel {
  checkFormatVersion(doc, 'state');
  const resources: ResourceInstance[] = [];
  if (doc.values !== undefined && doc.values !== null) {
    const values = objectAt(doc.values, 'values');
    if (values.root_module !== undefined) {
      walkModules(values.root_module, 'values.root_module', (resource) =>
        resources.push({ address: resource.address, type: resource.type, values: resource.values }),
      );
    }
  }
  return { format: 'state', resources, deleted: [], hiddenModules: [] };
}

/**
 * Terraform's promise: a new major version of the format is not backward compatible, so it is refused.
 * Versions 0.1 (Terraform 0.12 to 0.14) and 0.2 (0.15 to 1.0) are read as 1.x is: 1.x only added fields,
 * and a field this command needs that an older plan lacks is refused by name where it is read.
 */
function checkFormatVersion(doc: Record<string, unknown>, what: string): void {
  const version = doc.format_version;
  if (typeof version !== 'string' || !/^[01]\.[0-9]+$/.test(version)) {
    throw new ModelError(
      `format_version must be "1.x" or "0.x" (terraform show -json of a ${what}; this command reads major versions 0 and 1, Terraform 0.12 on), got: ${describeValue(version)}`,
    );
  }
}

/** One managed resource of a values representation, its shape checked. */
interface PlannedResource {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly values: Record<string, unknown>;
}

/**
 * Calls `visit` for every managed resource of `MODEL_RESOURCE_TYPES` in a module of a values
 * representation and its child modules, in document order, with the module's path without instance keys
 * (`module.a.module.b.`, as the configuration names it). Returns the address of every managed resource,
 * of any type.
 */
function walkModules(
  root: unknown,
  rootWhere: string,
  visit: (resource: PlannedResource, where: string, modulePath: string) => void,
): Set<string> {
  const managedAddresses = new Set<string>();
  const pending: Array<{ module: unknown; where: string }> = [{ module: root, where: rootWhere }];
  while (pending.length > 0) {
    const { module, where } = pending.pop()!;
    const at = objectAt(module, where);
    const modulePath = at.address === undefined ? '' : `${moduleCallPath(stringAt(at.address, `${where}.address`))}.`;
    listAt(at.resources, `${where}.resources`).forEach((entry, i) => {
      const here = `${where}.resources[${i}]`;
      const resource = objectAt(entry, here);
      const type = stringAt(resource.type, `${here}.type`);
      const mode = stringAt(resource.mode, `${here}.mode`);
      if (mode !== 'managed' && mode !== 'data') {
        throw new ModelError(`${here}.mode must be "managed" or "data", got: ${describeValue(mode)}`);
      }
      if (mode === 'data') {
        return;
      }
      const address = stringAt(resource.address, `${here}.address`);
      managedAddresses.add(address);
      if (!MODEL_RESOURCE_TYPES.has(type)) {
        return;
      }
      visit(
        {
          address,
          type,
          name: stringAt(resource.name, `${here}.name`),
          values: resource.values === undefined ? {} : objectAt(resource.values, `${here}.values (${address})`),
        },
        here,
        modulePath,
      );
    });
    const children = listAt(at.child_modules, `${where}.child_modules`);
    for (let i = children.length - 1; i >= 0; i--) {
      pending.push({ module: children[i], where: `${where}.child_modules[${i}]` });
    }
  }
  return managedAddresses;
}

/** `module.a["x"].module.b[0]` → `module.a.module.b`: a module instance's address without its instance keys. */
function moduleCallPath(address: string): string {
  const calls: string[] = [];
  const step = /module\.([^.[\]"]+)(?:\[(?:"(?:[^"\\]|\\.)*"|[0-9]+)\])?(?:\.|$)/y;
  let match: RegExpExecArray | null;
  while ((match = step.exec(address)) !== null) {
    calls.push(`module.${match[1]}`);
    if (step.lastIndex >= address.length) {
      return calls.join('.');
    }
  }
  throw new ModelError(
    `a module address must look like "module.NAME" or "module.NAME[KEY].module.CHILD", got: ${describeValue(address)}`,
  );
}

/** The change of one current (not deposed) managed resource instance. */
interface Change {
  /** Its place in `resource_changes`. */
  readonly index: number;
  readonly address: string;
  /** One of the lists Terraform writes (`STAYS` or `GOES`). */
  readonly actions: string[];
  /** Its values after apply, as the change gives them (`planned_values` must give the same). */
  readonly after: unknown;
  readonly afterUnknown: unknown;
}

/** What `resource_changes` says about the resources the model keeps. */
interface Changes {
  /** The change of each current (not deposed) managed resource instance, of any type, by address. */
  readonly byAddress: Map<string, Change>;
  /** The managed resources the plan deletes and does not create again. */
  readonly deleted: ResourceInstance[];
  /** Every managed resource as it is before apply (a change's `before`), where there is one. */
  readonly before: ResourceInstance[];
  /** Where a change of a resource that exists has no `before`. */
  readonly missing: string[];
  /** The actions of each change, by address. */
  readonly actions: Map<string, string[]>;
  /** Every policy object the plan deletes (plain, replaced, deposed), with its values before. */
  readonly resets: DeletedPolicy[];
}

/** A policy object that a plan deletes, as `resource_changes` gives it. */
interface DeletedPolicy {
  readonly address: string;
  readonly kind: 'delete' | 'replace-delete-first' | 'replace-create-first' | 'deposed';
  readonly deposedKey?: string;
  readonly before: Record<string, unknown>;
}

function changesOf(value: unknown): Changes {
  const byAddress = new Map<string, Change>();
  const deleted: ResourceInstance[] = [];
  const before: ResourceInstance[] = [];
  const missing: string[] = [];
  const actionsOf = new Map<string, string[]>();
  const resets: DeletedPolicy[] = [];
  listAt(value, 'resource_changes').forEach((entry, index) => {
    const where = `resource_changes[${index}]`;
    const rc = objectAt(entry, where);
    const type = stringAt(rc.type, `${where}.type`);
    const address = stringAt(rc.address, `${where}.address`);
    const mode = stringAt(rc.mode, `${where}.mode`);
    if (mode !== 'managed' && mode !== 'data') {
      throw new ModelError(`${where}.mode (${address}) must be "managed" or "data", got: ${describeValue(mode)}`);
    }
    const change = objectAt(rc.change, `${where}.change`);
    const actions = actionsAt(change.actions, `${where}.change.actions`, address, mode);
    if (mode === 'data') {
      return;
    }
    if (rc.deposed !== undefined) {
      // A deposed object (left by a create_before_destroy replacement) is not a current resource; but
      // destroying a deposed policy resets its project, like any delete of a policy.
      if (typeof rc.deposed === 'boolean') {
        // Terraform 0.12's first plans (format 0.1) wrote a boolean here, true for current objects too.
        throw new ModelError(
          `${where}.deposed (${address}) is ${rc.deposed}, a boolean (as Terraform 0.12's first plans wrote it, for current objects too), so whether the change is of a deposed object cannot be told; show the plan with a later Terraform (0.12.x or newer writes the deposed object's key)`,
        );
      }
      const deposedKey = stringAt(rc.deposed, `${where}.deposed (${address})`);
      if (type === POLICY_TYPE && actions.includes('delete')) {
        resets.push({ address, kind: 'deposed', deposedKey, before: beforeOf(change.before, where, address) });
      }
      return;
    }
    if (byAddress.has(address)) {
      throw new ModelError(`${where}: a second change for ${address}; a plan holds one change per resource instance`);
    }
    const current = { index, address, actions, after: change.after, afterUnknown: change.after_unknown };
    byAddress.set(address, current);
    const afterIsNull = change.after === undefined || change.after === null;
    if (afterIsNull !== GOES.has(actions.join(','))) {
      throw inconsistent(
        current,
        afterIsNull
          ? `its actions ${JSON.stringify(actions)} leave it in place, but its change has no "after"`
          : `its actions ${JSON.stringify(actions)} remove it, but its change has an "after"`,
      );
    }
    if (!MODEL_RESOURCE_TYPES.has(type)) {
      return;
    }
    actionsOf.set(address, actions);
    const existed = actions.some((a) => a !== 'create' && a !== 'read');
    if (change.before === undefined || change.before === null) {
      if (existed) {
        // A resource the plan changes was there; without its values, what it was is not known.
        missing.push(`${where}.change.before (${address})`);
      }
    } else {
      before.push({ address, type, values: objectAt(change.before, `${where}.change.before (${address})`) });
    }
    if (actions.includes('delete') && !actions.includes('create')) {
      deleted.push({ address, type, values: beforeOf(change.before, where, address) });
    }
    if (type === POLICY_TYPE && actions.includes('delete')) {
      const kind = !actions.includes('create')
        ? 'delete'
        : actions[0] === 'delete'
          ? 'replace-delete-first'
          : 'replace-create-first';
      resets.push({ address, kind, before: beforeOf(change.before, where, address) });
    }
  });
  return { byAddress, deleted, before, missing, actions: actionsOf, resets };
}

/** A change's `before`, an object; `{}` where it is not given. */
function beforeOf(value: unknown, where: string, address: string): Record<string, unknown> {
  return value === undefined || value === null ? {} : objectAt(value, `${where}.change.before (${address})`);
}

/**
 * The actions of a change, which must be one of the lists Terraform writes: a list of other names, or of
 * the names in another order or number, is not a plan Terraform wrote.
 */
function actionsAt(value: unknown, where: string, address: string, mode: string): string[] {
  const actions = listAt(value, where).map((a, i) => {
    const action = stringAt(a, `${where}[${i}]`);
    if (!ACTIONS.has(action)) {
      throw new ModelError(
        `${where}[${i}] (${address}): unknown action ${describeValue(action)}; this command knows ${[...ACTIONS].join(', ')}`,
      );
    }
    return action;
  });
  const key = actions.join(',');
  if (!(STAYS.has(key) || GOES.has(key) || (key === 'read' && mode === 'data'))) {
    const lists = [...STAYS, ...GOES].map((k) => JSON.stringify(k.split(',')));
    throw new ModelError(
      `${where} (${address}) must be one of the lists Terraform writes for a ${mode === 'data' ? 'data source' : 'managed resource'} (${[...(mode === 'data' ? ['["read"]'] : []), ...lists].join(', ')}), got: ${JSON.stringify(actions)}; the plan is inconsistent or not Terraform's`,
    );
  }
  return actions;
}

/**
 * Checks that the two sides of a plan agree, as they do in every plan Terraform writes: each managed
 * resource whose change leaves it in place (`STAYS`) is in `planned_values`, none that the change
 * deletes is, and each managed resource there has a change. (A forgotten resource may be there:
 * Terraform 1.7 to 1.15 list it without values. Deposed objects are not current resources, and data
 * sources may be absent from `planned_values`.) A change that no part of the plan's reader looks at would
 * otherwise be a silent pass.
 */
function checkConsistency(changes: ReadonlyMap<string, Change>, plannedAddresses: ReadonlySet<string>): void {
  for (const change of changes.values()) {
    const key = change.actions.join(',');
    const planned = plannedAddresses.has(change.address);
    if (STAYS.has(key) && !planned) {
      throw inconsistent(
        change,
        `its actions ${JSON.stringify(change.actions)} leave it in place, but planned_values does not hold it`,
      );
    }
    if (key === 'delete' && planned) {
      throw inconsistent(change, 'its actions ["delete"] remove it, but planned_values still holds it');
    }
  }
  for (const address of plannedAddresses) {
    if (!changes.has(address)) {
      throw new ModelError(
        `planned_values holds ${address}, but resource_changes holds no change for it; Terraform never writes this, so the plan is inconsistent or not Terraform's: show it again (terraform show -json PLANFILE)`,
      );
    }
  }
}

/**
 * The first place where a resource's values in `planned_values` and its change's `after` differ, or
 * `undefined`: Terraform writes both from one value, so any difference is a plan edited or not
 * Terraform's, and which side a command should believe cannot be told. An absent key and `null` are the
 * same (no value); everything else is compared exactly, lists in order.
 */
function firstDifference(
  planned: unknown,
  after: unknown,
  path: string,
): { path: string; planned: unknown; after: unknown } | undefined {
  const none = (v: unknown) => v === undefined || v === null;
  if (none(planned) && none(after)) {
    return undefined;
  }
  if (Array.isArray(planned) && Array.isArray(after)) {
    if (planned.length !== after.length) {
      return { path, planned, after };
    }
    for (let i = 0; i < planned.length; i++) {
      const found = firstDifference(planned[i], after[i], `${path}[${i}]`);
      if (found !== undefined) {
        return found;
      }
    }
    return undefined;
  }
  if (isPlainObject(planned) && isPlainObject(after)) {
    for (const key of new Set([...Object.keys(planned), ...Object.keys(after)])) {
      const found = firstDifference(planned[key], after[key], path === '' ? key : `${path}.${key}`);
      if (found !== undefined) {
        return found;
      }
    }
    return undefined;
  }
  return Object.is(planned, after) ? undefined : { path, planned, after };
}

/** The error for a change that a plan Terraform wrote could not hold. */
function inconsistent(change: Change, what: string): ModelError {
  return new ModelError(
    `resource_changes[${change.index}] (${change.address}): ${what}; Terraform never writes this, so the plan is inconsistent or not Terraform's: show it again (terraform show -json PLANFILE)`,
  );
}

/**
 * `values` with every leaf that `afterUnknown` marks `true` replaced by `KNOWN_AFTER_APPLY` (in place).
 * `afterUnknown` has the shape of the values: `true` (unknown), `false` (known), or an object or a list
 * of such; anything else is an error.
 */
function withUnknowns(values: Record<string, unknown>, afterUnknown: unknown, where: string): Record<string, unknown> {
  if (afterUnknown === undefined || afterUnknown === null) {
    return values;
  }
  if (!isPlainObject(afterUnknown)) {
    throw new ModelError(
      `${where} must be an object (the shape of the resource's values), got: ${describeValue(afterUnknown)}`,
    );
  }
  return markUnknown(values, afterUnknown, where) as Record<string, unknown>;
}

function markUnknown(value: unknown, unknown: unknown, where: string): unknown {
  if (unknown === true) {
    return KNOWN_AFTER_APPLY;
  }
  if (unknown === false) {
    return value;
  }
  if (Array.isArray(unknown)) {
    if (value !== undefined && value !== null && !Array.isArray(value)) {
      throw new ModelError(`${where} is a list where the value is ${describeValue(value)}; the plan is inconsistent`);
    }
    let list = value as unknown[] | undefined | null;
    unknown.forEach((u, i) => {
      const marked = markUnknown(list?.[i], u, `${where}[${i}]`);
      if (marked !== list?.[i]) {
        list = list ?? [];
        list[i] = marked;
      }
    });
    return list;
  }
  if (isPlainObject(unknown)) {
    if (value !== undefined && value !== null && !isPlainObject(value)) {
      throw new ModelError(
        `${where} is an object where the value is ${describeValue(value)}; the plan is inconsistent`,
      );
    }
    let object = value as Record<string, unknown> | undefined | null;
    for (const [key, u] of Object.entries(unknown)) {
      const marked = markUnknown(object?.[key], u, `${where}.${key}`);
      if (marked !== object?.[key]) {
        object = object ?? {};
        object[key] = marked;
      }
    }
    return object;
  }
  throw new ModelError(`${where} must be true, false, a list or an object, got: ${describeValue(unknown)}`);
}

/** Leaves `block.attribute` unset where the plan marked it unknown (see `COMPUTED_DEFAULTS`). */
function unsetUnknown(values: Record<string, unknown>, block: string, attribute: string): void {
  if (block === '') {
    if (values[attribute] === KNOWN_AFTER_APPLY) {
      delete values[attribute];
    }
    return;
  }
  const value = values[block];
  const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (isPlainObject(single) && single[attribute] === KNOWN_AFTER_APPLY) {
    delete single[attribute];
  }
}

/** What the plan's `configuration` tells: each resource's provider and arguments, and each provider's project. */
interface Configuration {
  /** By `module.a.module.b.TYPE.NAME` (module path without instance keys). */
  readonly resources: Map<string, ConfiguredResource>;
  /** The `project` of each provider configuration whose `project` is a constant, by provider config key. */
  readonly providerProjects: Map<string, string>;
}

interface ConfiguredResource {
  readonly providerKey?: string;
  /** Whether the configuration sets `attribute` in the (first) `block` (`''`: the resource itself). */
  sets(block: string, attribute: string): boolean;
}

function configurationOf(value: unknown): Configuration {
  const resources = new Map<string, ConfiguredResource>();
  const providerProjects = new Map<string, string>();
  if (value === undefined || value === null) {
    return { resources, providerProjects };
  }
  const configuration = objectAt(value, 'configuration');
  const providers =
    configuration.provider_config === undefined
      ? {}
      : objectAt(configuration.provider_config, 'configuration.provider_config');
  for (const [key, entry] of Object.entries(providers)) {
    const where = `configuration.provider_config[${JSON.stringify(key)}]`;
    const expressions = objectAt(objectAt(entry, where).expressions ?? {}, `${where}.expressions`);
    const project =
      expressions.project === undefined ? undefined : objectAt(expressions.project, `${where}.expressions.project`);
    if (typeof project?.constant_value === 'string') {
      providerProjects.set(key, project.constant_value);
    }
  }
  const pending: Array<{ module: unknown; where: string; path: string }> = [
    { module: configuration.root_module ?? {}, where: 'configuration.root_module', path: '' },
  ];
  while (pending.length > 0) {
    const { module, where, path } = pending.pop()!;
    const at = objectAt(module, where);
    listAt(at.resources, `${where}.resources`).forEach((entry, i) => {
      const here = `${where}.resources[${i}]`;
      const resource = objectAt(entry, here);
      const type = stringAt(resource.type, `${here}.type`);
      if (resource.mode !== 'managed' || !MODEL_RESOURCE_TYPES.has(type)) {
        return;
      }
      const expressions = objectAt(resource.expressions ?? {}, `${here}.expressions`);
      resources.set(`${path}${type}.${stringAt(resource.name, `${here}.name`)}`, {
        providerKey: typeof resource.provider_config_key === 'string' ? resource.provider_config_key : undefined,
        // Unset only where a static block leaves it out: a dynamic block is not in the configuration's JSON.
        sets: (block, attribute) => {
          if (block === '') {
            return expressions[attribute] !== undefined;
          }
          const configured = expressions[block];
          const first = Array.isArray(configured) ? configured[0] : configured;
          return !isPlainObject(first) || first[attribute] !== undefined;
        },
      });
    });
    const calls = at.module_calls === undefined ? {} : objectAt(at.module_calls, `${where}.module_calls`);
    for (const [name, call] of Object.entries(calls)) {
      const callWhere = `${where}.module_calls[${JSON.stringify(name)}]`;
      const child = objectAt(call, callWhere).module;
      if (child !== undefined) {
        pending.push({ module: child, where: `${callWhere}.module`, path: `${path}module.${name}.` });
      }
    }
  }
  return { resources, providerProjects };
}

function stringAt(value: unknown, where: string): string {
  if (typeof value !== 'string') {
    throw new ModelError(`${where} must be a string, got: ${describeValue(value)}`);
  }
  return value;
}
