import { TerraformLocal, TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { invalidProp, terraformExpression } from './errors';
import { sameExpression } from '../core/policy';

/** What a construct claimed with `claimSingleton`. */
interface Claim {
  readonly construct: IConstruct;
  /** The value as given (a literal or a token). */
  readonly value: string;
  /** The literal value, or the Terraform expression a token stands for (`${var.project}`). */
  readonly key: string;
  /** Whether the value is known only at apply time. */
  readonly unknown: boolean;
  readonly stack: TerraformStack;
}

/** The claims of one kind in an app, indexed, so that each claim costs the same however many there are. */
interface Registry {
  /** The claims by `key`. */
  readonly byKey: Map<string, Claim[]>;
  readonly all: Claim[];
  /** The claims grouped by what they resolve to, made at the first validation after a claim was added. */
  resolved?: { readonly count: number; readonly groups: Map<string, IConstruct[]> };
}

/** Where an app keeps its registries, one per kind; `Symbol.for`, so that copies of this library share them. */
const REGISTRIES = Symbol.for('cdktf-gcp-binauthz.singletons');

function registryOf(construct: IConstruct, kind: symbol): Registry {
  const root = construct.node.root as unknown as Record<symbol, Map<symbol, Registry> | undefined>;
  if (root[REGISTRIES] === undefined) {
    Object.defineProperty(root, REGISTRIES, { value: new Map<symbol, Registry>() });
  }
  const registries = root[REGISTRIES]!;
  let registry = registries.get(kind);
  if (registry === undefined) {
    registry = { byKey: new Map(), all: [] };
    registries.set(kind, registry);
  }
  return registry;
}

/**
 * Claims `value` (a project, an organization policy parent, an attestor name) for a construct of which
 * each value may have only one, such as a project's policy; throws `invalidProp` for `property` when a
 * construct of the same `kind` already claimed the same value in the app, and checks again at synth,
 * when every value resolves (a token that stands for `"my-project"` is the literal `my-project`).
 *
 * Values are compared by what they resolve to, not by their token strings: two reads of one Terraform
 * variable are different strings that stand for the same `${var.project}`. A literal is the same value
 * anywhere in the app; an expression is the same value only within one stack (`var.project` of two
 * stacks are two variables).
 *
 * @param kind a `Symbol.for(…)` naming the kind, so that copies of this library in one app agree
 * @param problem the error's problem, given the path of the construct that claimed the value first
 */
export function claimSingleton(
  construct: IConstruct,
  kind: symbol,
  property: string,
  value: string,
  problem: (otherPath: string) => string,
): void {
  const unknown = Token.isUnresolved(value);
  const claim: Claim = {
    construct,
    value,
    key: unknown ? (terraformExpression(construct, value) ?? value) : value,
    unknown,
    stack: TerraformStack.of(construct),
  };
  const registry = registryOf(construct, kind);
  const other = (registry.byKey.get(claim.key) ?? []).find(
    (theirs) =>
      theirs.construct !== construct && theirs.unknown === claim.unknown && (!unknown || theirs.stack === claim.stack),
  );
  if (other !== undefined) {
    throw invalidProp(construct, property, value, problem(other.construct.node.path));
  }
  registry.byKey
    .set(claim.key, registry.byKey.get(claim.key) ?? [])
    .get(claim.key)!
    .push(claim);
  registry.all.push(claim);
  construct.node.addValidation({
    validate: () => {
      const first = otherClaimOf(registry, claim);
      return first === undefined ? [] : [invalidProp(construct, property, value, problem(first.node.path)).message];
    },
  });
}

/**
 * Another construct that claimed what `construct` claimed, as both resolve at synth: whatever mix of
 * literals and tokens the two were given. Each of the two reports the other (a test may validate one stack).
 */
function otherClaimOf(registry: Registry, claim: Claim): IConstruct | undefined {
  if (registry.resolved?.count !== registry.all.length) {
    const groups = new Map<string, IConstruct[]>();
    for (const c of registry.all) {
      const resolved = resolvedIn(c.construct, c.value);
      if (resolved !== undefined) {
        const key = groupKey(resolved);
        groups
          .set(key, groups.get(key) ?? [])
          .get(key)!
          .push(c.construct);
      }
    }
    registry.resolved = { count: registry.all.length, groups };
  }
  const resolved = resolvedIn(claim.construct, claim.value);
  return resolved === undefined
    ? undefined
    : registry.resolved.groups.get(groupKey(resolved))?.find((c) => c !== claim.construct);
}

/** What two claims that are the same value share: the text, and the stack when it holds an expression. */
function groupKey(value: ResolvedValue): string {
  return isExpression(value.resolved) ? `${value.stack.node.path}\0${value.resolved}` : value.resolved;
}

/** A value as it resolves: a literal, or a text holding Terraform expressions, and the stack it is in. */
interface ResolvedValue {
  readonly resolved: string;
  readonly stack: TerraformStack;
}

/**
 * `value`, given in `scope`, as it resolves at synth; `undefined` when it does not resolve. A whole-value
 * reference to a local of the stack (`${local.project}`) resolves to the local's value when that is known
 * at synth (a literal, or a token that stands for one), as Terraform would.
 */
function resolvedIn(scope: IConstruct, value: string): ResolvedValue | undefined {
  const stack = TerraformStack.of(scope);
  let resolved: string | undefined = value;
  for (let depth = 0; depth < MAX_LOCAL_DEPTH && resolved !== undefined; depth++) {
    resolved = Token.isUnresolved(resolved) ? terraformExpression(scope, resolved) : resolved;
    const local: RegExpExecArray | null = resolved === undefined ? null : LOCAL_REFERENCE.exec(resolved);
    const expression: unknown = local ? localsOf(stack).get(local[1]) : undefined;
    if (typeof expression !== 'string') {
      break;
    }
    resolved = expression;
  }
  return resolved === undefined ? undefined : { resolved, stack };
}

/** A whole-value reference to a local: `${local.NAME}`. */
const LOCAL_REFERENCE = /^\$\{local\.([A-Za-z0-9_-]+)\}$/;
/** How many locals that refer to locals are followed. */
const MAX_LOCAL_DEPTH = 8;
/** The locals of each stack, by name, read once per stack at the first lookup (at synth, when all exist). */
const LOCALS = new WeakMap<TerraformStack, Map<string, unknown>>();

function localsOf(stack: TerraformStack): Map<string, unknown> {
  let locals = LOCALS.get(stack);
  if (locals === undefined) {
    locals = new Map(
      stack.node
        .findAll()
        .filter((c): c is TerraformLocal => c instanceof TerraformLocal && TerraformStack.of(c) === stack)
        .map((l) => [l.friendlyUniqueId, l.toTerraform()?.locals?.[l.friendlyUniqueId]]),
    );
    LOCALS.set(stack, locals);
  }
  return locals;
}

/** The same value: the same text, and in one stack when it holds an expression (a stack's own variable). */
function sameResolved(a: ResolvedValue, b: ResolvedValue): boolean {
  return a.resolved === b.resolved && (!isExpression(a.resolved) || a.stack === b.stack);
}

/**
 * Whether `a`, given in `scopeA`, and `b`, given in `scopeB`, are the same value at synth, whatever mix of
 * literals and tokens they are (see `claimSingleton`).
 */
export function sameAtSynth(scopeA: IConstruct, a: string, scopeB: IConstruct, b: string): boolean {
  const [ra, rb] = [resolvedIn(scopeA, a), resolvedIn(scopeB, b)];
  return ra !== undefined && rb !== undefined && sameResolved(ra, rb);
}

/** Whether a resolved value holds a Terraform expression (`${…}`), which means something in its stack only. */
function isExpression(resolved: string): boolean {
  return resolved.includes('${');
}

/**
 * Whether two values are the same, as they resolve: literals (and tokens that stand for literals) by their
 * text; values known only at apply time are the same when they stand for the same Terraform expression
 * (two reads of one variable), and otherwise unknown (`undefined`), as is a literal compared with such a
 * value. An expression that references a value of one instance (`${each.key}`) is never the same across two
 * resources (`sameExpression`): unknown.
 */
export function sameValue(scope: IConstruct, a: string, b: string): boolean | undefined {
  const [ra, rb] = [a, b].map((v) => (Token.isUnresolved(v) ? terraformExpression(scope, v) : v));
  if (ra === undefined || rb === undefined) {
    return undefined;
  }
  if (!isExpression(ra) && !isExpression(rb)) {
    return ra === rb;
  }
  return isExpression(ra) && isExpression(rb) && sameExpression(ra, rb) ? true : undefined;
}
