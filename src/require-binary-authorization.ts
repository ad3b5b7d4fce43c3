import {
  Aspects,
  IAspect,
  TerraformDataSource,
  TerraformElement,
  TerraformModule,
  TerraformResource,
  TerraformStack,
} from 'cdktf';
import { IConstruct } from 'constructs';
import {
  BINAUTHZ_ANNOTATION,
  BinauthzSetting,
  CLOUD_RUN_RESOURCE_TYPES,
  DEFAULT_POLICY_VALUE,
  enforcementFix,
  ignoredEnforcement,
  readBinauthz,
} from './core/cloud-run';
import { ignoreChangesOf } from './core/lifecycle';
import { checkAspectPlacement, isConstruct, REQUIRE_BINARY_AUTHORIZATION } from './private/aspect-placement';
import {
  asCloudRunResource,
  cloudRunResourceArgument,
  CloudRunResource,
  hasBreakglassValidation,
  hasMoved,
  isUnresolved,
  putBlock,
  readSetting,
  reportError,
  setAnnotation,
  StackOverride,
  stackOverridesOf,
  synthesizedAttributes,
  terraformAddress,
} from './private/cloud-run-resource';
import { invalidProp, requireObject, requireOptionalBoolean, requireOptionalEnum, requireText } from './private/errors';
import { ImageChecker } from './private/image-check';
import { addWarning } from './private/warnings';

/**
 * What `RequireBinaryAuthorization` does with a Cloud Run resource that does not enforce Binary
 * Authorization.
 */
export enum RequirementMode {
  /**
   * Turn enforcement on (the project's policy) where it is missing.
   */
  APPLY = 'APPLY',
  /**
   * Change nothing; fail synth with one error per resource that does not enforce.
   */
  VERIFY = 'VERIFY',
}

/**
 * Options of `RequireBinaryAuthorization`.
 */
export interface RequireBinaryAuthorizationOptions {
  /**
   * Whether missing enforcement is turned on or reported.
   * @default RequirementMode.APPLY
   */
  readonly mode?: RequirementMode;

  /**
   * Also judge each workload's container images with the policy of its project, at synth time: for
   * every workload in scope whose project's policy is in the app and whose image is a literal, an image
   * the policy denies fails synth (the message names the workload, the image and a pattern that would
   * admit it), and one it admits only with attestations is a warning (attestations cannot be checked at
   * synth). The project is the resource's `project`, else its provider's. Exempt resources are not
   * judged. This catches, for instance, a source-deployed service whose placeholder image a deny-all
   * policy does not allowlist.
   * @default false
   */
  readonly checkImages?: boolean;
}

/**
 * An aspect that makes every Cloud Run service, job, worker pool and function in its scope enforce
 * Binary Authorization with the project's policy:
 *
 * - `google_cloud_run_v2_service`, `google_cloud_run_v2_job`, `google_cloud_run_v2_worker_pool`:
 *   `binary_authorization { use_default = true }`;
 * - `google_cloud_run_service` (v1): the annotation `run.googleapis.com/binary-authorization: default`,
 *   merged into the existing `metadata.annotations`;
 * - `google_cloudfunctions2_function`: `service_config.binary_authorization_policy = "default"`,
 *   merged into the existing `service_config`.
 *
 * A resource that already names a policy (v2 `policy`) is left as it is. In `APPLY` mode (the
 * default) missing enforcement is added; in `VERIFY` mode nothing changes and each resource without
 * enforcement is an error. In both modes these are errors: a resource that turns enforcement off
 * explicitly (v2 `use_default = false` without a `policy`; an empty annotation value or an empty
 * `binary_authorization_policy`), a setting known only at apply time, `use_default` together with
 * `policy`, a policy value of the wrong form, and a break-glass justification without enforcement.
 * A resource exempted with `RequireBinaryAuthorization.exempt` is left as it is.
 *
 * Errors are reported as error annotations on the resource (`app.synth()` fails on them, and the
 * cdktf CLI prints them) and as validations of the resource, so that `Testing.synth(stack, true)`
 * fails too.
 *
 * What the stack synthesizes is judged again after every aspect has run (a validation of the stack):
 * a later aspect or a stack-level override (`stack.addOverride('resource.TYPE.NAME…')`) that turns
 * enforcement off, a Cloud Run resource created after the visit or held only by a stack-level override,
 * a `lifecycle.ignore_changes` entry that covers the setting, and a module call in scope (whose
 * resources cannot be seen) are errors. Break-glass set on a resource directly and a named platform
 * policy are warnings (`binauthz:breakglass`, `binauthz:named-policy`).
 *
 * Resources are recognized by their Terraform type, so resources from any copy or version of
 * `@cdktf/provider-google` are covered.
 *
 * Add the aspect to each stack (or to a construct inside one): cdktf runs only the aspects of a stack
 * and of the constructs in it, never those added to the App. An aspect added to the App (or to a
 * construct between it and the stacks) fails synth in every stack that uses this library, rather than
 * checking nothing.
 *
 * @example
 * Aspects.of(stack).add(new RequireBinaryAuthorization({ mode: RequirementMode.VERIFY }));
 *
 * @see https://cloud.google.com/binary-authorization/docs/run/enabling-binauthz-cloud-run
 */
export class RequireBinaryAuthorization implements IAspect {
  /**
   * Exempts a construct and everything in it from `RequireBinaryAuthorization`: a single Cloud Run
   * resource, or a construct holding many (a third-party construct's services). The aspect leaves the
   * Cloud Run resources there as they are, and they may turn enforcement off.
   *
   * The exemption is construct metadata (`binauthz:exempt`) on `scope`, reported as a warning
   * (`binauthz:exempt`), and written into the synthesized JSON of each exempted resource as
   * `"//": { "binauthz": { "exempt": REASON } }` (a comment to Terraform), where the command line's
   * `lint` (a warning `exempt` instead of `not-enforced`) and `check` (`EXEMPT`, admitted and counted) read it.
   *
   * The scope must be a stack or inside one: an exemption above the stacks (the App) would exempt every
   * stack, and cdktf reports annotations only inside stacks, so it is refused.
   *
   * @param scope the construct to exempt, with everything in it (a stack or a construct inside one); a Terraform resource must be one that Cloud Run deploys
   * @param reason why these resources run without Binary Authorization
   */
  public static exempt(scope: IConstruct, reason: string): void {
    const where = 'RequireBinaryAuthorization.exempt';
    if (!isConstruct(scope)) {
      throw invalidProp(
        where,
        'scope',
        scope,
        'expected a construct: a Cloud Run resource or a construct holding some',
      );
    }
    if (TerraformResource.isTerraformResource(scope)) {
      cloudRunResourceArgument(where, scope); // a bucket or a policy cannot be exempted: a mistake, not a choice
    }
    requireText(
      scope,
      'reason',
      reason,
      'an exemption needs a written reason, such as "public demo without production data, ticket SEC-123"',
    );
    if (stackOf(scope) === undefined) {
      throw invalidProp(
        where,
        'scope',
        scope.node.path === '' ? 'the App' : scope.node.path,
        'an exemption must be inside a stack: an exemption above the stacks would exempt every stack, and cdktf reports its warning nowhere; exempt the stack or the constructs inside it',
      );
    }
    checkAspectPlacement(scope);
    scope.node.addMetadata(EXEMPT_METADATA, reason);
    addWarning(scope, 'exempt', `exempt from Binary Authorization (RequireBinaryAuthorization): ${reason}`);
  }

  /**
   * The reason a construct is exempt from `RequireBinaryAuthorization`: the reason given to `exempt` for
   * the construct itself or the nearest construct that holds it.
   *
   * @returns the reason, or `undefined` when it is not exempt
   */
  public static exemptionOf(construct: IConstruct): string | undefined {
    if (!isConstruct(construct)) {
      throw invalidProp('RequireBinaryAuthorization.exemptionOf', 'construct', construct, 'expected a construct');
    }
    for (const scope of [...construct.node.scopes].reverse()) {
      const entries = scope.node.metadata.filter((m) => m.type === EXEMPT_METADATA);
      if (entries.length > 0) {
        return String(entries[entries.length - 1].data);
      }
    }
    return undefined;
  }

  /**
   * Whether missing enforcement is turned on or reported.
   */
  public readonly mode: RequirementMode;

  /**
   * Whether each workload's images are judged with its project's policy at synth time.
   */
  public readonly checkImages: boolean;

  /** What the visit of each resource reported, so that the final check reports only what changed since. */
  private readonly reported = new WeakMap<IConstruct, Visit>();
  /** The stacks whose final check is registered. */
  private readonly checkedStacks = new WeakSet<TerraformStack>();
  private readonly imageChecker = new ImageChecker();

  constructor(options: RequireBinaryAuthorizationOptions = {}) {
    requireObject('RequireBinaryAuthorization', 'options', options);
    requireOptionalEnum('RequireBinaryAuthorization', 'mode', options.mode, 'RequirementMode', RequirementMode);
    requireOptionalBoolean('RequireBinaryAuthorization', 'checkImages', options.checkImages);
    this.mode = options.mode ?? RequirementMode.APPLY;
    this.checkImages = options.checkImages === true;
    Object.defineProperty(this, REQUIRE_BINARY_AUTHORIZATION, { value: true });
  }

  /**
   * Applies or verifies enforcement on one construct, if it is a Cloud Run resource, and registers the
   * final check of its stack.
   */
  public visit(node: IConstruct): void {
    this.registerFinalCheck(node);
    const cloudRun = asCloudRunResource(node);
    if (!cloudRun || this.reported.has(node) || hasMoved(cloudRun.resource)) {
      return; // a resource moved away is not synthesized: the one it moved to is judged
    }
    checkAspectPlacement(node);
    const exemption = RequireBinaryAuthorization.exemptionOf(node);
    if (exemption !== undefined) {
      cloudRun.resource.addOverride('//.binauthz.exempt', exemption);
    }
    let setting = readSetting(cloudRun);
    if (exemption === undefined && setting.enforcement === 'missing' && this.mode === RequirementMode.APPLY) {
      enforceDefaultPolicy(cloudRun);
      setting = readSetting(cloudRun);
    }
    const address = terraformAddress(cloudRun.resource);
    const messages = this.settingErrors(node, address, setting, exemption !== undefined, 'visit');
    for (const message of messages) {
      reportError(cloudRun.resource, message);
    }
    this.reported.set(node, { errors: messages, breakglass: setting.breakglass });
    settingWarnings(node, setting);
    if (exemption === undefined && this.checkImages) {
      this.imageChecker.check(cloudRun.resource);
    }
  }

  /**
   * The errors of a setting: the requirement (unless exempt) and its inconsistencies.
   *
   * @param when `visit` when the aspect visits the resource; `changed` or `unvisited` in the final check
   */
  private settingErrors(
    node: IConstruct,
    address: string,
    setting: BinauthzSetting,
    exempt: boolean,
    when: Moment,
  ): string[] {
    const problem = exempt ? undefined : requirementProblem(setting, this.mode, when);
    const breakglassChecked = hasBreakglassValidation(node);
    return [
      ...(problem ? [invalidProp(address, setting.property, setting.value, problem).message] : []),
      ...setting.problems
        // BinaryAuthorization.breakglass validates this resource itself
        .filter((p) => !(p.code === 'breakglass-without-enforcement' && breakglassChecked))
        .map((p) => invalidProp(address, p.property, p.value, p.message).message),
    ];
  }

  /**
   * Registers, once per stack, the final check of the stack that holds the construct where this aspect
   * was added (or of a stack it visits, such as a nested one).
   */
  private registerFinalCheck(node: IConstruct): void {
    const stack = TerraformStack.isStack(node) ? node : Aspects.of(node).all.includes(this) ? stackOf(node) : undefined;
    if (stack === undefined || this.checkedStacks.has(stack)) {
      return;
    }
    this.checkedStacks.add(stack);
    stack.node.addValidation({ validate: () => this.finalCheck(stack) });
  }

  /**
   * Judges what the stack will actually synthesize, after every aspect and override: the resources in
   * scope as they are then (a later aspect, a stack-level override or an ignore_changes may have changed
   * them since the visit), the resources no visit saw (created by a later aspect), the Cloud Run
   * resources that only the stack-level overrides hold, and the modules in scope. Reports only what the
   * visit did not report already. Linear in the number of constructs.
   */
  private finalCheck(stack: TerraformStack): string[] {
    const errors: string[] = [];
    const overrides = new Map<string, Map<string, StackOverride>>();
    let moduleOverrides: Map<string, StackOverride>;
    try {
      moduleOverrides = stackOverridesOf(stack, ['module']);
      for (const type of Object.keys(CLOUD_RUN_RESOURCE_TYPES)) {
        overrides.set(type, stackOverridesOf(stack, ['resource', type]));
      }
    } catch (e) {
      return [(e as Error).message];
    }
    const held = new Set<string>(); // the addresses of the Cloud Run resources and modules in the tree
    const walk = (node: IConstruct, inheritedScope: boolean): void => {
      const inScope = inheritedScope || Aspects.of(node).all.includes(this);
      const cloudRun = asCloudRunResource(node);
      if (cloudRun) {
        const address = terraformAddress(cloudRun.resource);
        held.add(address);
        if (inScope) {
          const override = overrides.get(cloudRun.resourceType)?.get(cloudRun.resource.friendlyUniqueId);
          errors.push(...this.finalErrors(cloudRun, address, override ?? { deleted: false }));
        }
      } else if (isModule(node)) {
        held.add(`module.${node.friendlyUniqueId}`);
        if (inScope && RequireBinaryAuthorization.exemptionOf(node) === undefined) {
          errors.push(moduleError(node));
        }
      }
      for (const child of node.node.children) {
        if (!TerraformStack.isStack(child)) {
          walk(child, inScope);
        }
      }
    };
    walk(
      stack,
      stack.node.scopes.some((scope) => Aspects.of(scope).all.includes(this)),
    );
    for (const [type, byName] of overrides) {
      for (const [name, override] of byName) {
        const address = `${type}.${name}`;
        if (!held.has(address) && override.value !== undefined) {
          errors.push(...this.overrideOnlyErrors(stack, type, address, override.value));
        }
      }
    }
    for (const [name, override] of moduleOverrides) {
      if (!held.has(`module.${name}`) && override.value !== undefined) {
        errors.push(
          `[module.${name}] a module call that exists only as a stack-level override, stack.addOverride('module.${name}', …): RequireBinaryAuthorization cannot verify what a module deploys, and no construct holds it to exempt; define it as a construct (TerraformHclModule) and exempt it if it deploys no Cloud Run workload`,
        );
      }
    }
    return errors;
  }

  /** The final check of one resource in the construct tree. */
  private finalErrors(cloudRun: CloudRunResource, address: string, override: StackOverride): string[] {
    const attributes = synthesizedAttributes(cloudRun.resource, override);
    if (attributes === undefined) {
      return []; // not synthesized
    }
    const node = cloudRun.resource;
    const setting = readBinauthz(cloudRun.wiring, attributes, isUnresolved);
    const exempt = RequireBinaryAuthorization.exemptionOf(node) !== undefined;
    const visit = this.reported.get(node);
    if (visit === undefined || setting.breakglass !== visit.breakglass) {
      settingWarnings(node, setting);
    }
    const when = visit === undefined ? 'unvisited' : 'changed';
    const changed = this.settingErrors(node, address, setting, exempt, when)
      .filter((e) => !(visit?.errors ?? []).includes(e))
      .map((e) => `${e} ${FINAL_NOTES[when]}`);
    return [...changed, ...(exempt ? [] : lifecycleErrors(cloudRun.resourceType, address, attributes))];
  }

  /** The final check of a Cloud Run resource that only the stack-level overrides hold. */
  private overrideOnlyErrors(
    stack: TerraformStack,
    type: string,
    address: string,
    attributes: Record<string, unknown>,
  ): string[] {
    const setting = readBinauthz(CLOUD_RUN_RESOURCE_TYPES[type], attributes, isUnresolved);
    settingWarnings(stack, setting);
    const errors = [
      ...this.settingErrors(stack, address, setting, false, 'unvisited'),
      ...lifecycleErrors(type, address, attributes),
    ];
    return errors.map(
      (e) =>
        `${e} (the resource exists only as a stack-level override, stack.addOverride('resource.${address}', …), which no construct holds and which cannot be exempted; define it as a construct)`,
    );
  }
}

/** What the visit of a resource reported. */
interface Visit {
  /** The errors. */
  readonly errors: readonly string[];
  /** The break-glass justification it saw. */
  readonly breakglass: unknown;
}

/** When a setting is judged. */
type Moment = 'visit' | 'changed' | 'unvisited';

/** Appended to the errors that the final check finds and the visit did not. */
const FINAL_NOTES: Record<Exclude<Moment, 'visit'>, string> = {
  changed:
    '(in the synthesized configuration: a later aspect or a stack-level override changed the resource after RequireBinaryAuthorization visited it)',
  unvisited: '(RequireBinaryAuthorization never visited this resource: another aspect created it after the aspect ran)',
};

/** Whether a construct is a Terraform module call (`TerraformHclModule`, a generated module, any `TerraformModule`). */
function isModule(node: IConstruct): node is TerraformElement {
  if (node instanceof TerraformModule) {
    return true;
  }
  // A module of another copy of cdktf: an element, neither a resource nor a data source, with a source.
  return (
    TerraformElement.isTerraformElement(node) &&
    !TerraformResource.isTerraformResource(node) &&
    !TerraformDataSource.isTerraformDataSource(node) &&
    typeof (node as unknown as { source?: unknown }).source === 'string'
  );
}

function moduleError(node: IConstruct): string {
  return invalidProp(
    node,
    'source',
    (node as TerraformModule).source,
    'RequireBinaryAuthorization cannot verify what a module deploys (its Cloud Run resources are not constructs); exempt it with RequireBinaryAuthorization.exempt(module, reason) if it deploys no Cloud Run workload or enforces Binary Authorization itself',
  ).message;
}

/** The error of an ignore_changes entry that covers the enforcement setting, if any. */
function lifecycleErrors(resourceType: string, address: string, attributes: Record<string, unknown>): string[] {
  const entry = ignoredEnforcement(resourceType, ignoreChangesOf(attributes), isUnresolved);
  if (entry === undefined) {
    return [];
  }
  return [
    invalidProp(
      address,
      'lifecycle.ignore_changes',
      entry,
      `Terraform ignores changes to the Binary Authorization setting, so a service that exists keeps whatever it has, enforcing or not; remove ${JSON.stringify(entry)} from ignore_changes, ${EXEMPT_FIX}`,
    ).message,
  ];
}

/** The warnings of a setting that the aspect accepts: break-glass set directly, a named platform policy. */
function settingWarnings(node: IConstruct, setting: BinauthzSetting): void {
  if (setting.breakglass !== undefined && setting.breakglass !== '' && !hasBreakglassValidation(node)) {
    addWarning(
      node,
      'breakglass',
      `Binary Authorization break-glass, set on the resource rather than with BinaryAuthorization.breakglass: ${describe(setting.breakglass)}`,
    );
  }
  const policy =
    setting.wiring === 'v2-block' ? (setting.value as Record<string, unknown> | undefined)?.policy : undefined;
  if (
    setting.enforcement === 'enforced' &&
    typeof policy === 'string' &&
    policy !== '' &&
    setting.problems.length === 0
  ) {
    addWarning(
      node,
      'named-policy',
      `binary_authorization.policy names a platform policy (${policy}): RequireBinaryAuthorization does not check what it admits, and a CloudRunBinaryAuthorizationGuardrail (which allows only "default") refuses it; set use_default = true to use the project's policy`,
    );
  }
}

function describe(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function stackOf(node: IConstruct): TerraformStack | undefined {
  return [...node.node.scopes].reverse().find((scope): scope is TerraformStack => TerraformStack.isStack(scope));
}

/** The construct metadata type that holds an exemption's reason. */
const EXEMPT_METADATA = 'binauthz:exempt';

const EXEMPT_FIX = 'or exempt the resource with RequireBinaryAuthorization.exempt(resource, reason)';

/** Why a setting does not meet the requirement, or `undefined`. */
function requirementProblem(setting: BinauthzSetting, mode: RequirementMode, when: Moment): string | undefined {
  const fix = enforcementFix(setting.wiring);
  switch (setting.enforcement) {
    case 'enforced':
      return undefined;
    case 'missing':
      if (mode === RequirementMode.VERIFY) {
        return `Binary Authorization is not enforced (RequirementMode.VERIFY); ${fix}, use RequirementMode.APPLY, ${EXEMPT_FIX}`;
      }
      if (when === 'visit') {
        return undefined;
      }
      return when === 'changed'
        ? `Binary Authorization is not enforced: it was removed after RequirementMode.APPLY turned it on; ${fix}, ${EXEMPT_FIX}`
        : `Binary Authorization is not enforced, and RequirementMode.APPLY could not turn it on; ${fix}, ${EXEMPT_FIX}`;
    case 'off':
      return `Binary Authorization is turned off explicitly; ${fix}, ${EXEMPT_FIX}`;
    case 'unknown':
      return `whether Binary Authorization is enforced is known only at apply time; ${fix} with literal values, ${EXEMPT_FIX}`;
    case 'invalid':
      // The setting's problems say what is wrong with it; they are reported as errors, exempt or not.
      return undefined;
  }
}

/**
 * Turns on enforcement with the project's policy, merging into what the resource already has: with the
 * provider class's `put…` method where the resource has one (so the block stays a block in HCL output), an
 * override otherwise (a resource seen only as a `TerraformResource` of a Cloud Run type).
 */
function enforceDefaultPolicy(cloudRun: CloudRunResource): void {
  const resource = cloudRun.resource;
  switch (cloudRun.wiring) {
    case 'v2-block':
      if (!putBlock(resource, 'binaryAuthorization', (current) => ({ ...current, useDefault: true }))) {
        resource.addOverride('binary_authorization.use_default', true);
      }
      return;
    case 'v1-annotation':
      setAnnotation(resource, BINAUTHZ_ANNOTATION, DEFAULT_POLICY_VALUE);
      return;
    case 'function-policy':
      if (
        !putBlock(resource, 'serviceConfig', (current) => ({
          ...current,
          binaryAuthorizationPolicy: DEFAULT_POLICY_VALUE,
        }))
      ) {
        resource.addOverride('service_config.binary_authorization_policy', DEFAULT_POLICY_VALUE);
      }
      return;
  }
}
