import {
  AnnotationMetadataEntryType,
  TerraformProvider,
  TerraformResource,
  TerraformResourceLifecycle,
  TerraformStack,
  Token,
  Tokenization,
} from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { invalidProp } from './errors';
import {
  BinauthzSetting,
  CLOUD_RUN_RESOURCE_TYPES,
  CloudRunWiring,
  readBinauthz,
  singleBlock,
} from '../core/cloud-run';

/**
 * Cloud Run resources are recognized by their Terraform type (`terraformResourceType`), never with
 * `instanceof` of the provider's L1 classes: an app may hold several copies of
 * `@cdktf/provider-google` (another major, a nested install), whose classes are distinct, and
 * `instanceof` would then skip their resources silently. Reading goes through the resource's Terraform
 * JSON (its attributes and overrides) for the same reason: it works with any copy of the provider and sees
 * escape-hatch overrides too. Writing uses the provider class's `put…` setter, found by name (`putBlock`),
 * so that a block stays a block in `cdktf synth --hcl` output; an override only where the resource has none.
 */
export interface CloudRunResource {
  /** The resource. */
  readonly resource: TerraformResource;
  /** Its Terraform type. */
  readonly resourceType: string;
  /** How it carries its Binary Authorization setting. */
  readonly wiring: CloudRunWiring;
}

/** The Cloud Run resource `node` is, or `undefined`. */
export function asCloudRunResource(node: IConstruct): CloudRunResource | undefined {
  if (!TerraformResource.isTerraformResource(node)) {
    return undefined;
  }
  const resourceType = node.terraformResourceType;
  const wiring = Object.prototype.hasOwnProperty.call(CLOUD_RUN_RESOURCE_TYPES, resourceType)
    ? CLOUD_RUN_RESOURCE_TYPES[resourceType]
    : undefined;
  return wiring ? { resource: node, resourceType, wiring } : undefined;
}

/**
 * The attributes the resource will synthesize, escape-hatch overrides and `lifecycle.ignore_changes`
 * included (snake_case keys; unresolved values stay tokens; absent attributes may be `undefined`).
 *
 * Built from the resource's `synthesizeAttributes()` and `rawOverrides`, merged the way cdktf's
 * `toTerraform()` merges them, rather than by calling `toTerraform()`: that one also fixes the
 * resource's logical id, which would silently defeat a later `overrideLogicalId` when this runs while
 * the app is still being defined. Both members are `protected` parts of cdktf's public API.
 */
export function terraformAttributes(resource: TerraformResource | TerraformProvider): Record<string, unknown> {
  const r = resource as unknown as {
    rawOverrides: Record<string, unknown>;
    synthesizeAttributes(): Record<string, unknown>;
  };
  const attributes = r.synthesizeAttributes();
  const lifecycle = TerraformResource.isTerraformResource(resource) ? resource.lifecycle : undefined;
  return mergeOverrides(
    lifecycle === undefined ? attributes : { ...attributes, lifecycle: lifecycleAttributes(lifecycle) },
    r.rawOverrides ?? {},
  );
}

/** The `lifecycle` block as Terraform JSON has it (the parts this library reads). */
function lifecycleAttributes(lifecycle: TerraformResourceLifecycle): Record<string, unknown> {
  return { ignore_changes: lifecycle.ignoreChanges };
}

/**
 * cdktf's `deepMerge` (`cdktf/lib/util.js`) semantics, without mutating either side: an object merges
 * key by key, into an object or a list alike (`addOverride('template.containers.0.image', …)` merges
 * into the first container), a list appends to a list, `undefined` deletes, anything else replaces.
 */
export function mergeOverrides(target: unknown, source: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = Array.isArray(target)
    ? ([...target] as unknown as Record<string, unknown>)
    : isMergeable(target)
      ? { ...target }
      : {};
  for (const [key, value] of Object.entries(source)) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      result[key] = Tokenization.isResolvable(value)
        ? value
        : mergeOverrides(result[key], value as Record<string, unknown>);
    } else if (Array.isArray(value)) {
      result[key] = Array.isArray(result[key]) ? [...(result[key] as unknown[]), ...value] : value;
    } else if (value === undefined) {
      delete result[key];
    } else {
      result[key] = value;
    }
  }
  return result;
}

/** A plain object (not a list, not a token) that overrides merge into. */
export function isMergeable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Tokenization.isResolvable(value);
}

/** The resource's current Binary Authorization setting. */
export function readSetting(cloudRun: CloudRunResource): BinauthzSetting {
  return readBinauthz(cloudRun.wiring, terraformAttributes(cloudRun.resource), isUnresolved);
}

/** Whether a value is known only at apply time. */
export function isUnresolved(value: unknown): boolean {
  return Token.isUnresolved(value);
}

/**
 * Sets one v1 annotation, keeping every other one (those of the configuration and of overrides alike).
 * Written with the provider class's `putMetadata`, so that `metadata` stays a block in HCL output; a
 * resource without it gets an override of the whole map (`addOverride` splits its path on dots, and the
 * annotation keys contain dots).
 */
export function setAnnotation(resource: TerraformResource, key: string, value: string): void {
  const metadata = singleBlock(terraformAttributes(resource).metadata) as Record<string, unknown> | undefined;
  const annotations = { ...((metadata?.annotations as Record<string, unknown> | undefined) ?? {}), [key]: value };
  if (!putBlock(resource, 'metadata', (current) => ({ ...current, annotations }))) {
    resource.addOverride('metadata.annotations', annotations);
  }
}

/** The blocks of Cloud Run resources that this library writes into. */
export type WrittenBlock = 'binaryAuthorization' | 'serviceConfig' | 'metadata';

/**
 * Writes a block of a resource with the provider class's `put…` method (`putBinaryAuthorization`,
 * `putServiceConfig`, `putMetadata`), merged into what the resource's configuration holds for it (its
 * `…Input`). A block written so is a block both in Terraform JSON and in `cdktf synth --hcl` output,
 * whereas cdktf's HCL renderer writes an override (`addOverride`) of a block as an argument
 * (`binary_authorization = { … }`), which Terraform refuses, or drops it when the configuration has the
 * block too. Overrides of the same block still merge over it in Terraform JSON, as before.
 *
 * The method is looked up by name, not by class, so that any copy or version of the provider works.
 *
 * @param merge the block to write, from the current one (`{}` when the resource has none)
 * @returns false, writing nothing, when the resource has no such method (a raw `TerraformResource` of a
 * Cloud Run type) or holds the block as something other than a plain object (a token): the caller then
 * writes an override
 */
export function putBlock(
  resource: TerraformResource,
  block: WrittenBlock,
  merge: (current: Record<string, unknown>) => Record<string, unknown>,
): boolean {
  const r = resource as unknown as Record<string, unknown>;
  const put = r[`put${block[0].toUpperCase()}${block.slice(1)}`];
  if (typeof put !== 'function') {
    return false;
  }
  const current = r[`${block}Input`];
  if (current !== undefined && !isMergeable(current)) {
    return false;
  }
  put.call(resource, merge(current ?? {}));
  return true;
}

/** The Terraform address of a resource, such as `google_cloud_run_v2_service.api`, for messages. */
export function terraformAddress(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}

// Symbol.for, so that several copies of this library in one app see each other's marks.
const BREAKGLASS = Symbol.for('cdktf-gcp-binauthz.BinaryAuthorization.breakglass');

/** The error for a construct that is not one of the Cloud Run resources. */
export const NOT_CLOUD_RUN =
  'expected a google_cloud_run_v2_service, google_cloud_run_v2_job, google_cloud_run_v2_worker_pool, google_cloud_run_service or google_cloudfunctions2_function resource';

/**
 * The Cloud Run resource a helper was given, or an error naming what it got instead (a caller without
 * types may pass anything, not only a construct).
 *
 * @param where the helper, for the error of a value that is not a construct
 */
export function cloudRunResourceArgument(where: string, resource: unknown): CloudRunResource {
  const cloudRun = Construct.isConstruct(resource) ? asCloudRunResource(resource) : undefined;
  if (!cloudRun) {
    const shown = Construct.isConstruct(resource) ? resourceTypeOf(resource) : resource;
    throw invalidProp(Construct.isConstruct(resource) ? resource : where, 'resource', shown, NOT_CLOUD_RUN);
  }
  return cloudRun;
}

/** The Terraform type of a resource, or the class name of another construct, for messages. */
export function resourceTypeOf(node: IConstruct): string {
  return TerraformResource.isTerraformResource(node) ? node.terraformResourceType : node.constructor.name;
}

/**
 * Reports an error on a resource: as an error annotation (which fails `app.synth()` and which the
 * cdktf CLI prints, one line each: without a stack trace, which would only show cdktf's aspect machinery)
 * and as a validation (which fails `Testing.synth(stack, true)`: it ignores annotations).
 */
export function reportError(resource: IConstruct, message: string): void {
  resource.node.addMetadata(AnnotationMetadataEntryType.ERROR, message, { stackTrace: false });
  resource.node.addValidation({ validate: () => [message] });
}

/** Marks a resource whose break-glass consistency `BinaryAuthorization.breakglass` validates itself. */
export function markBreakglassValidation(resource: IConstruct): void {
  Object.defineProperty(resource, BREAKGLASS, { value: true, configurable: true });
}

/** Whether `markBreakglassValidation` marked the resource. */
export function hasBreakglassValidation(resource: IConstruct): boolean {
  return (resource as any)[BREAKGLASS] === true;
}

/**
 * The attributes of a resource as its stack will synthesize them, once the app is defined (in a
 * validation): its own attributes and overrides (`terraformAttributes`), with the stack-level override of
 * `resource.TYPE.NAME` merged in last, as `TerraformStack.toTerraform()` merges it. `undefined` when a
 * stack-level override deletes the resource.
 *
 * Not for use while the app is being defined: the override is found by the resource's logical id, which
 * reading fixes.
 */
export function synthesizedAttributes(
  resource: TerraformResource,
  stackOverride: StackOverride,
): Record<string, unknown> | undefined {
  if (stackOverride.deleted || hasMoved(resource)) {
    return undefined;
  }
  const own = terraformAttributes(resource);
  return stackOverride.value === undefined ? own : mergeOverrides(own, stackOverride.value);
}

/**
 * Whether the resource was moved away (`moveTo`, `moveToId`): cdktf then writes only a `moved` block for
 * it, not the resource. Read from cdktf 0.21's private `_hasMoved` (the public `hasResourceMove()` is also
 * true for the resource moved to); a cdktf without it reads as not moved, so the resource is still judged.
 */
export function hasMoved(resource: TerraformResource): boolean {
  return (resource as unknown as { _hasMoved?: unknown })._hasMoved === true;
}

/** What a stack-level override says about one resource (`resource.TYPE.NAME`). */
export interface StackOverride {
  /** Whether it deletes the resource (an override to `undefined`). */
  readonly deleted: boolean;
  /** What it merges into the resource, if anything. */
  readonly value?: Record<string, unknown>;
}

/**
 * The stack-level overrides (`stack.addOverride`) of a stack under a path, such as `resource.TYPE` or
 * `module`: name → override. `TerraformStack.toTerraform()` merges them into the synthesized JSON last;
 * they are a private field of cdktf 0.21's `TerraformStack`, read here because the only public way to see
 * them is to synthesize the whole stack a second time.
 *
 * @param path the blocks above the named ones, such as `['resource', 'google_cloud_run_v2_service']`
 * @throws an error that says what cannot be read: an override that is not an object where a block or a
 * named one stands (a token, a list), or a cdktf without the field
 */
export function stackOverridesOf(stack: TerraformStack, path: readonly string[]): Map<string, StackOverride> {
  const raw = (stack as unknown as { rawOverrides?: unknown }).rawOverrides;
  if (!isMergeable(raw)) {
    throw new Error(
      'the stack-level overrides cannot be read (TerraformStack.rawOverrides is not an object in this cdktf version), so what they change is unknown',
    );
  }
  const overrides = new Map<string, StackOverride>();
  let block: Record<string, unknown> = raw;
  for (let i = 0; i < path.length; i++) {
    const inner = overrideAt(block, path[i], path.slice(0, i).join('.'));
    if (inner === undefined || inner === DELETED) {
      return overrides;
    }
    block = inner;
  }
  for (const name of Object.keys(block)) {
    const value = overrideAt(block, name, path.join('.'));
    overrides.set(name, value === DELETED ? { deleted: true } : { deleted: false, value });
  }
  return overrides;
}

const DELETED = Object.freeze({}) as Record<string, unknown>;

/** The override at `key` of `parent`: an object, `DELETED` (set to `undefined`), or absent; else throws. */
function overrideAt(
  parent: Record<string, unknown>,
  key: string,
  parentPath: string,
): Record<string, unknown> | undefined {
  if (!Object.prototype.hasOwnProperty.call(parent, key)) {
    return undefined;
  }
  const value = parent[key];
  if (value === undefined) {
    return DELETED;
  }
  if (!isMergeable(value)) {
    const path = parentPath === '' ? key : `${parentPath}.${key}`;
    throw new Error(
      `the stack-level override of "${path}" is not an object (${Token.isUnresolved(value) ? 'a value known only at apply time' : JSON.stringify(value)}), so what it deploys is unknown; override single attributes instead`,
    );
  }
  return value;
}
