/**
 * Terraform's module rule, over configuration in Terraform's JSON syntax (HCL is normalized to it before it
 * gets here): the files of one folder are one module, and a `module` block whose `source` is a local path
 * (`./…`, `../…`) calls the module in that folder, whose resources Terraform addresses as
 * `module.NAME.TYPE.NAME`. Framework-free and pure: the folders are read by the caller (`ModuleLoader`).
 *
 * Fail closed: a called module's input is known only where the call passes it as a value (or leaves it to the
 * variable's default); anything else (an expression, a variable of the root module, whose value comes from
 * tfvars, `-var` or `TF_VAR_` at plan time) stays an interpolation, which every rule treats as unknown. A local
 * is known where its value is a literal, or refers only to known values (`knownLocals`). A call
 * with `count` or `for_each` (other than none at all) leaves every input of its instances unknown, and makes
 * the instances of everything in it known only at apply. Registry, git and http sources are fetched by
 * `terraform init` and cannot be read here: they are reported as hidden modules, never skipped.
 */
import { describeValue } from './display';
import { InputModel, isPlainObject, ModelError, objectAt, ResourceInstance } from './model';
import { googleProvidersOf, instancesOf, ProviderBlock, terraformJsonModel } from './terraform-json';

/** One file of a module, parsed and in Terraform's JSON syntax. */
export interface ModuleFile {
  /** The file as findings name it (`SourceLocation.file`): relative to the folder the command was given. */
  readonly file: string;
  /** The file as messages name it (the path the command can open). */
  readonly display: string;
  /** The document. */
  readonly doc: Record<string, unknown>;
  /**
   * The 1-based line of a block of the file, by address (`TYPE.NAME`, `data.TYPE.NAME`, `module.NAME`);
   * `undefined` where it cannot tell (a module call in Terraform JSON).
   */
  readonly lineOf?: (address: string) => number | undefined;
}

/** A module's folder, read. */
export interface LoadedModule {
  /** What tells two folders apart (their real path): a module that calls itself, directly or not, is a cycle. */
  readonly key: string;
  /** The folder as messages name it. */
  readonly display: string;
  /** Its `.tf` and `.tf.json` files, in the order Terraform reads them (by name). */
  readonly files: ModuleFile[];
}

/** Where a module call stands, for the loader's messages. */
export interface ModuleCallSite {
  /** The call's module address (`module.api`, `module.a.module.b`). */
  readonly address: string;
  /** The file that holds the `module` block, as messages name it. */
  readonly display: string;
  /** The line of the `module` block, when known. */
  readonly line?: number;
}

/**
 * Reads the folder a local module source names, relative to the folder of the module that calls it; throws
 * (an input error naming the folder) when it is missing or holds no Terraform.
 */
export type ModuleLoader = (source: string, caller: LoadedModule, site: ModuleCallSite) => LoadedModule;

/** Whether a module source is a local path, which Terraform reads from the folder (not fetched by `terraform init`). */
export function isLocalModuleSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../');
}

/** What a module instance knows of its surroundings. */
interface ModuleContext {
  /** The prefix of its addresses: `''` for the root module, `module.api.` for a call. */
  readonly prefix: string;
  /**
   * Its variables' values, where known (absent: unknown); for the root module, only those the user gives
   * (`--var-file`), else `undefined` (nothing substituted: tfvars, `-var` and `TF_VAR_` set them at plan time).
   */
  readonly inputs?: ReadonlyMap<string, unknown>;
  /** The provider configurations it inherits from its caller (`undefined` for the root module). */
  readonly inherited?: ProviderBlock[];
  /** Why its instances are known only at apply: the `count` or `for_each` of a call on the way to it. */
  readonly multiplied?: Multiplied;
}

/**
 * Reads a Terraform module (the root module of a configuration) and the local modules it calls, recursively,
 * into the reader model: every resource addressed as Terraform addresses it, with the file and line it is
 * written at (`source`); module calls of other sources (registry, git, http) as `hiddenModules`.
 *
 * @param rootInputs the values of root variables the user gives (`--var-file`); the others stay unknown
 * @throws ModelError for a document or module call of the wrong shape (the message names the file), a resource
 *   or module call declared twice, a module that calls itself, directly or not; and whatever `load` throws
 */
export function terraformModuleModel(
  root: LoadedModule,
  load: ModuleLoader,
  rootInputs?: ReadonlyMap<string, unknown>,
): InputModel {
  const resources: ResourceInstance[] = [];
  const hiddenModules: string[] = [];
  const visit = (module: LoadedModule, context: ModuleContext, ancestry: LoadedModule[]): void => {
    const declared = module.files.flatMap((f) => inFileOf(f, () => declaredIn(f)));
    const addressed = module.files.map((f) => ({
      ...f,
      doc: inFileOf(f, () => withOwnAddresses(f.doc, context.prefix, declared)),
    }));
    const locals = knownLocals(addressed, context.inputs);
    const files = addressed.map((f) => ({ ...f, doc: inFileOf(f, () => prepared(f.doc, context, locals)) }));
    const own = files.flatMap((f) => inFileOf(f, () => googleProvidersOf(f.doc)));
    const providerDocs = [...files.map((f) => f.doc), inheritedProvidersDoc(context.inherited ?? [], own)];
    requireDeclaredOnce(files, context.prefix);
    for (const f of files) {
      const model = inFileOf(f, () => terraformJsonModel(f.doc, providerDocs));
      const located = model.resources.map((r) => ({
        ...r,
        address: `${context.prefix}${r.address}`,
        source: sourceOf(f, r.address),
      }));
      resources.push(...sortedByLine(located));
    }
    for (const call of callsOf(files)) {
      const address = `${context.prefix}module.${call.name}`;
      if (!isLocalModuleSource(call.source)) {
        hiddenModules.push(address);
        continue;
      }
      const instances = inFileOf(call.file, () => instancesOf(address, call.body));
      if (instances.count === 0) {
        continue; // count = 0, or an empty for_each: no instance
      }
      const site = { address, display: call.file.display, line: call.line };
      const child = load(call.source, module, site);
      const chain = [...ancestry, module];
      const again = chain.findIndex((m) => m.key === child.key);
      if (again >= 0) {
        throw new ModelError(
          `${where(site)}: ${address} (source ${describeValue(call.source)}) calls ${child.display}, which is already on the way to it (${[...chain.slice(again), child].map((m) => m.display).join(' → ')}): a module cannot call itself; Terraform refuses the cycle`,
        );
      }
      const multiplied: Multiplied | undefined =
        context.multiplied ??
        (instances.metaArgument === undefined
          ? undefined
          : { metaArgument: call.body.for_each === undefined ? 'count' : 'for_each', address });
      visit(
        child,
        {
          prefix: `${address}.`,
          inputs: multiplied === undefined ? inputsOf(call.body, child) : new Map(),
          inherited: inFileOf(call.file, () =>
            providersPassed(address, call.body, [
              ...(context.inherited ?? []).filter((p) => !declares(own, p)),
              ...own,
            ]),
          ),
          multiplied,
        },
        chain,
      );
    }
  };
  visit(root, { prefix: '', inputs: rootInputs }, []);
  return { format: 'terraform-json', resources, deleted: [], hiddenModules };
}

/** Runs a reader on one file's document; its `ModelError` names the file (and is still a `ModelError`). */
function inFileOf<T>(file: ModuleFile, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof ModelError && !e.message.startsWith(`${file.display}`)) {
      throw new ModelError(`${file.display}: ${e.message}`);
    }
    throw e;
  }
}

function where(site: ModuleCallSite): string {
  return site.line === undefined ? site.display : `${site.display}:${site.line}`;
}

function sourceOf(file: ModuleFile, address: string): { file: string; line?: number } {
  const line = file.lineOf?.(address);
  return line === undefined ? { file: file.file } : { file: file.file, line };
}

/** The resources of one file in the order they are written (the readers give them by type). */
function sortedByLine(resources: ResourceInstance[]): ResourceInstance[] {
  return resources
    .map((r, i) => [r, i] as const)
    .sort(([a, i], [b, j]) => (a.source?.line ?? 0) - (b.source?.line ?? 0) || i - j)
    .map(([r]) => r);
}

/**
 * A module's document (its references to its own resources already addressed: `withOwnAddresses`) as its
 * instance sees it: its variables' and locals' known values in (the variables' are the caller's, addressed in
 * the caller), then its instances' multiplicity on.
 */
function prepared(
  doc: Record<string, unknown>,
  context: ModuleContext,
  locals: ReadonlyMap<string, unknown>,
): Record<string, unknown> {
  const withKnown = withValues(doc, { var: context.inputs, local: locals });
  return context.multiplied === undefined ? withKnown : withInstancesKnownAtApply(withKnown, context.multiplied);
}

/**
 * The locals of a module whose values are known: a value with no interpolation once the known values of the
 * module's variables (`inputs`; none for the root module, whose variables tfvars set) and of its other known
 * locals are put in. Anything else (a function, a conditional, a resource's attribute, a `for`) is left out:
 * its references stay unknown. A local defined twice is an error, as Terraform has it.
 */
export function knownLocals(files: readonly ModuleFile[], inputs?: ReadonlyMap<string, unknown>): Map<string, unknown> {
  const defined = new Map<string, unknown>();
  for (const f of files) {
    const blocks = f.doc.locals;
    if (blocks === undefined) {
      continue;
    }
    for (const block of Array.isArray(blocks) ? blocks : [blocks]) {
      const locals = inFileOf(f, () => objectAt(block, 'locals', 'an object keyed by local name'));
      for (const [name, value] of Object.entries(locals)) {
        if (defined.has(name)) {
          throw new ModelError(
            `${f.display}: local.${name} is defined again; Terraform refuses a duplicate, give each its own name`,
          );
        }
        defined.set(name, value);
      }
    }
  }
  const known = new Map<string, unknown>();
  for (let progress = true; progress;) {
    progress = false;
    for (const [name, value] of defined) {
      if (known.has(name)) {
        continue;
      }
      const evaluated = mapStrings(value, (text) => substituted(text, { var: inputs, local: known }));
      if (!holdsInterpolation(evaluated)) {
        known.set(name, evaluated);
        progress = true;
      }
    }
  }
  return known;
}

/** Whether a value holds an interpolation or a template directive anywhere (an escape counts: not evaluated here). */
function holdsInterpolation(value: unknown): boolean {
  if (typeof value === 'string') {
    return value.includes('${') || value.includes('%{');
  }
  if (Array.isArray(value)) {
    return value.some(holdsInterpolation);
  }
  // A key may be an expression too (`{ "${var.k}" = 1 }`).
  return isPlainObject(value) && Object.entries(value).some(([k, v]) => holdsInterpolation(k) || holdsInterpolation(v));
}

/**
 * The document of a called module with each reference to what the module itself declares (a resource, a data
 * source, a module call: `${google_kms_crypto_key.k.id}`, also within a longer expression) given the address the
 * configuration knows it by (`${module.signing.google_kms_crypto_key.k.id}`), as a plan names it. So a reference
 * resolves to the resource it means, and the same text in two instances of a module is never one value. The root
 * module's addresses are its own (`prefix` empty): nothing changes. Only strings that interpolate are looked at.
 */
export function withOwnAddresses(
  doc: Record<string, unknown>,
  prefix: string,
  declared: readonly string[],
): Record<string, unknown> {
  if (prefix === '' || declared.length === 0) {
    return doc;
  }
  const escaped = declared.map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // An address not preceded by a part of another (`data.`, `x_`), and followed by an attribute or an index.
  const own = new RegExp(`(?<![A-Za-z0-9_.-])(?:${escaped.join('|')})(?=[.[])`, 'g');
  const result: Record<string, unknown> = { ...doc };
  for (const key of [...SUBSTITUTED, 'locals']) {
    if (result[key] !== undefined) {
      result[key] = mapStrings(result[key], (s) => (s.includes('${') ? s.replace(own, (a) => `${prefix}${a}`) : s));
    }
  }
  return result;
}

/** The sections of a document whose values may refer to the module's variables and locals, and are read. */
const SUBSTITUTED = ['resource', 'data', 'provider', 'module'];

/** The known values of a module's variables (`var`) and locals (`local`); a scope absent knows nothing. */
interface Scopes {
  readonly var?: ReadonlyMap<string, unknown>;
  readonly local?: ReadonlyMap<string, unknown>;
}

/**
 * The document with each reference to a variable whose value is known (`inputs`) replaced by that value: a
 * string that is only the reference (`"${var.image}"`, or a part of it: `"${var.cfg.image}"`,
 * `"${var.list[0]}"`) becomes the value; a string that holds references among text
 * (`"projects/${var.project}/attestors/a"`) becomes the text with each value in it, when each is a string,
 * number or boolean and nothing else in the string is an interpolation. Anything else is left as it is (an
 * interpolation: unknown). The input is not changed.
 */
export function withVariables(
  doc: Record<string, unknown>,
  inputs: ReadonlyMap<string, unknown>,
): Record<string, unknown> {
  return withValues(doc, { var: inputs });
}

/** `withVariables` for variables and locals at once (a string may hold references to both). */
function withValues(doc: Record<string, unknown>, scopes: Scopes): Record<string, unknown> {
  const result: Record<string, unknown> = { ...doc };
  for (const key of SUBSTITUTED) {
    if (result[key] !== undefined) {
      result[key] = mapStrings(result[key], (s) => substituted(s, scopes));
    }
  }
  return result;
}

/** A reference to a variable or a local, with the attributes and indexes that follow it. */
const REFERENCE = String.raw`(var|local)\.([A-Za-z_][A-Za-z0-9_-]*)((?:\.[A-Za-z_][A-Za-z0-9_-]*|\[\d+\]|\["[^"\\$%]*"\])*)`;
const WHOLE_REFERENCE = new RegExp(String.raw`^\$\{\s*${REFERENCE}\s*\}$`);
const EMBEDDED_REFERENCE = new RegExp(String.raw`\$\{\s*${REFERENCE}\s*\}`, 'g');

function substituted(text: string, scopes: Scopes): unknown {
  if (!/\$\{\s*(?:var|local)\./.test(text)) {
    return text;
  }
  if (text.includes('$${') || text.includes('%{') || text.includes('%%{')) {
    return text; // an escape or a template directive: not evaluated here
  }
  const whole = WHOLE_REFERENCE.exec(text);
  if (whole !== null) {
    const value = valueAt(scopes[whole[1] as keyof Scopes], whole[2], whole[3]);
    return value === NOT_KNOWN ? text : copyOf(value);
  }
  let complete = true;
  const replaced = text.replace(EMBEDDED_REFERENCE, (reference, scope: keyof Scopes, name: string, path: string) => {
    const value = valueAt(scopes[scope], name, path);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      return String(value);
    }
    complete = false;
    return reference;
  });
  // Only a string with nothing else to evaluate is replaced (a value that brings "${" in stays unknown).
  return complete && !hasOtherInterpolation(text) ? replaced : text;
}

/** Whether a template holds an interpolation other than variable references. */
function hasOtherInterpolation(text: string): boolean {
  return text.replace(EMBEDDED_REFERENCE, '').includes('${');
}

const NOT_KNOWN = Symbol('not known');

/** The value of `var.NAME` or `local.NAME` followed by `path` (`.a`, `[0]`, `["k"]`), or `NOT_KNOWN`. */
function valueAt(inputs: ReadonlyMap<string, unknown> | undefined, name: string, path: string): unknown {
  if (inputs === undefined || !inputs.has(name)) {
    return NOT_KNOWN;
  }
  let value = inputs.get(name);
  for (const [, attribute, index, key] of path.matchAll(/\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\["([^"\\$%]*)"\]/g)) {
    if (index !== undefined) {
      if (!Array.isArray(value) || Number(index) >= value.length) {
        return NOT_KNOWN;
      }
      value = value[Number(index)];
    } else {
      const k = attribute ?? key;
      if (!isPlainObject(value) || !Object.prototype.hasOwnProperty.call(value, k)) {
        return NOT_KNOWN;
      }
      value = value[k];
    }
  }
  return value;
}

/** A deep copy of a JSON value (iterative: any depth). */
function copyOf(value: unknown): unknown {
  return mapStrings(value, (s) => s);
}

/**
 * A JSON value with every string (not the keys) mapped by `f`, copied; iterative, so any depth of nesting
 * is safe.
 */
function mapStrings(value: unknown, f: (s: string) => unknown): unknown {
  // What `f` returns is not walked again: a value put in for a reference is never evaluated in this scope.
  const pending: unknown[] = [];
  const convert = (v: unknown): unknown => {
    if (typeof v === 'string') {
      return f(v);
    }
    const copy = Array.isArray(v) ? v.slice() : isPlainObject(v) ? { ...v } : v;
    if (copy !== v) {
      pending.push(copy);
    }
    return copy;
  };
  const top = convert(value);
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      node.forEach((v, i) => (node[i] = convert(v)));
    } else if (isPlainObject(node)) {
      for (const key of Object.keys(node)) {
        node[key] = convert(node[key]);
      }
    }
  }
  return top;
}

/**
 * The document with the instances of each resource and data source known only at apply (`why`: the `count` or
 * `for_each` of the module call that makes them): they get that meta-argument, as an interpolation
 * (`for_each = "${for_each of module.api}"`), in place of their own, which `instancesOf` reads as instances
 * known only at apply. One with none at all of its own (`count = 0`) stays as it is.
 */
function withInstancesKnownAtApply(doc: Record<string, unknown>, why: Multiplied): Record<string, unknown> {
  const result: Record<string, unknown> = { ...doc };
  for (const kind of ['resource', 'data']) {
    const byType = doc[kind];
    if (!isPlainObject(byType)) {
      continue; // absent, or of a shape the reader reports
    }
    result[kind] = Object.fromEntries(
      Object.entries(byType).map(([type, byName]) => [
        type,
        !isPlainObject(byName)
          ? byName
          : Object.fromEntries(
              Object.entries(byName).map(([name, body]) => {
                if (!isPlainObject(body) || instancesOf(`${type}.${name}`, body).count === 0) {
                  return [name, body];
                }
                const { for_each: _, count: __, ...rest } = body;
                return [name, { ...rest, [why.metaArgument]: `\${${why.metaArgument} of ${why.address}}` }];
              }),
            ),
      ]),
    );
  }
  return result;
}

/** The `count` or `for_each` of a module call that makes the instances of what it holds known only at apply. */
interface Multiplied {
  /** The meta-argument. */
  readonly metaArgument: 'count' | 'for_each';
  /** The module call that has it (`module.api`). */
  readonly address: string;
}

/** A `module` block of a module's files. */
interface CallOf {
  readonly name: string;
  readonly source: string;
  readonly body: Record<string, unknown>;
  readonly file: ModuleFile;
  readonly line?: number;
}

/** The module calls of a module's files, in file order and then in the order they are written. */
function callsOf(files: ModuleFile[]): CallOf[] {
  return files.flatMap((file) =>
    inFileOf(file, () => {
      const module = file.doc.module;
      if (module === undefined || module === null) {
        return [];
      }
      return Object.entries(objectAt(module, 'module', 'an object keyed by module name'))
        .map(([name, value]): CallOf => {
          const body = Array.isArray(value) && value.length === 1 ? value[0] : value;
          if (!isPlainObject(body)) {
            throw new ModelError(
              `module.${name} must be an object (the module's arguments), got: ${describeValue(value)}`,
            );
          }
          const source = body.source;
          if (typeof source !== 'string' || source.includes('${')) {
            throw new ModelError(
              `module.${name}: source must be a literal string (a local path like "./modules/api", or a registry, git or http address), got: ${describeValue(source)}; Terraform refuses anything else`,
            );
          }
          return { name, source, body, file, line: file.lineOf?.(`module.${name}`) };
        })
        .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    }),
  );
}

/**
 * Refuses a resource, data source or module call declared in two files of one module: Terraform refuses it
 * ("Duplicate resource configuration").
 */
function requireDeclaredOnce(files: ModuleFile[], prefix: string): void {
  const seen = new Map<string, ModuleFile>();
  for (const f of files) {
    for (const address of declaredIn(f)) {
      const first = seen.get(address);
      if (first !== undefined) {
        const at = (file: ModuleFile) => {
          const line = file.lineOf?.(address);
          return line === undefined ? file.display : `${file.display}:${line}`;
        };
        throw new ModelError(
          `${at(f)}: ${prefix}${address} is declared again (first in ${at(first)}); Terraform refuses a duplicate, give each its own name`,
        );
      }
      seen.set(address, f);
    }
  }
}

/** The addresses a file declares: resources, data sources and module calls (shapes are checked by their readers). */
function declaredIn(file: ModuleFile): string[] {
  const names = (value: unknown, prefix: string): string[] =>
    isPlainObject(value)
      ? Object.entries(value).flatMap(([type, byName]) =>
          isPlainObject(byName) ? Object.keys(byName).map((n) => `${prefix}${type}.${n}`) : [],
        )
      : [];
  const modules = isPlainObject(file.doc.module) ? Object.keys(file.doc.module).map((n) => `module.${n}`) : [];
  return [...names(file.doc.resource, ''), ...names(file.doc.data, 'data.'), ...modules];
}

/**
 * The values of a called module's variables that the call decides: the argument the call passes, else the
 * variable's `default`; a variable with neither is unknown (Terraform would ask for it). A `null` argument is
 * null, or the default where the variable says `nullable = false`.
 */
function inputsOf(call: Record<string, unknown>, child: LoadedModule): Map<string, unknown> {
  const inputs = new Map<string, unknown>();
  for (const [name, declaration] of variablesOf(child.files)) {
    const passed = Object.prototype.hasOwnProperty.call(call, name) ? call[name] : undefined;
    const hasDefault = Object.prototype.hasOwnProperty.call(declaration, 'default');
    if (passed !== undefined && (passed !== null || declaration.nullable !== false || !hasDefault)) {
      inputs.set(name, asDeclared(passed, declaration.type));
    } else if (hasDefault) {
      inputs.set(name, asDeclared(declaration.default, declaration.type));
    }
  }
  return inputs;
}

/** The variables a module declares, by name: each `variable` block (`type`, `default`, `nullable`, …). */
export function variablesOf(files: readonly ModuleFile[]): Map<string, Record<string, unknown>> {
  const declared = new Map<string, Record<string, unknown>>();
  for (const f of files) {
    const variables = f.doc.variable;
    if (variables === undefined || variables === null) {
      continue;
    }
    for (const [name, value] of Object.entries(
      inFileOf(f, () => objectAt(variables, 'variable', 'an object keyed by variable name')),
    )) {
      const declaration = Array.isArray(value) && value.length === 1 ? value[0] : value;
      if (!isPlainObject(declaration)) {
        throw new ModelError(
          `${f.display}: variable.${name} must be an object (type, default, …), got: ${describeValue(value)}`,
        );
      }
      declared.set(name, declaration);
    }
  }
  return declared;
}

/**
 * A value as a variable of a primitive `type` holds it, converted as Terraform converts it: a number or a bool
 * given for a `string` is its text; a string that reads as a number or a bool, for a `number` or a `bool`, is
 * that value. Anything else (an interpolation, another shape, another type or none) is left as it is.
 */
export function asDeclared(value: unknown, type: unknown): unknown {
  switch (type) {
    case 'string':
      return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    case 'number':
      return typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    case 'bool':
      return value === 'true' ? true : value === 'false' ? false : value;
    default:
      return value;
  }
}

/** Whether a module's own provider blocks configure `p` (its name and alias). */
function declares(own: ProviderBlock[], p: ProviderBlock): boolean {
  return own.some((o) => o.name === p.name && o.alias === p.alias);
}

/**
 * The provider configurations a module call passes to the module: those its `providers` names
 * (`{ google = google.other }`), else the caller's configurations without alias (Terraform's default
 * inheritance). A configuration the caller does not have is left out (its project is not known).
 */
function providersPassed(address: string, call: Record<string, unknown>, caller: ProviderBlock[]): ProviderBlock[] {
  const map = call.providers;
  if (map === undefined || map === null) {
    return caller.filter((p) => p.alias === undefined);
  }
  return Object.entries(objectAt(map, `${address}: providers`, 'an object like { google = google.other }')).flatMap(
    ([inner, outer]) => {
      if (typeof outer !== 'string') {
        throw new ModelError(
          `${address}: providers.${inner} must be a provider like "google.ALIAS", got: ${describeValue(outer)}`,
        );
      }
      const [name, alias] = inner.split('.');
      const [outerName, outerAlias] = outer.replace(/^\$\{(.*)\}$/, '$1').split('.');
      const from = caller.find((p) => p.name === outerName && p.alias === outerAlias);
      return from === undefined ? [] : [{ name, alias, project: from.project }];
    },
  );
}

/** A document of provider blocks for the configurations a module inherits and does not configure itself. */
function inheritedProvidersDoc(inherited: ProviderBlock[], own: ProviderBlock[]): Record<string, unknown> {
  const provider: Record<string, unknown[]> = {};
  for (const p of inherited.filter((i) => !declares(own, i))) {
    (provider[p.name] ??= []).push({
      ...(p.alias === undefined ? {} : { alias: p.alias }),
      ...(p.project === undefined ? {} : { project: p.project }),
    });
  }
  return { provider };
}
