import { IAspect, TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';
import { BINAUTHZ_ANNOTATION, BinauthzSetting, DEFAULT_POLICY_VALUE, enforcementFix } from './core/cloud-run';
import { checkAspectPlacement, isConstruct, REQUIRE_BINARY_AUTHORIZATION } from './private/aspect-placement';
import {
  asCloudRunResource,
  cloudRunResourceArgument,
  CloudRunResource,
  hasBreakglassValidation,
  readSetting,
  reportError,
  setAnnotation,
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
   * @param scope the construct to exempt, with everything in it; a Terraform resource must be one that Cloud Run deploys
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

  private readonly visited = new WeakSet<IConstruct>();
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
   * Applies or verifies enforcement on one construct, if it is a Cloud Run resource.
   */
  public visit(node: IConstruct): void {
    const cloudRun = asCloudRunResource(node);
    if (!cloudRun || this.visited.has(node)) {
      return;
    }
    this.visited.add(node);
    checkAspectPlacement(node);
    const exemption = RequireBinaryAuthorization.exemptionOf(node);
    const exempt = exemption !== undefined;
    if (exempt) {
      cloudRun.resource.addOverride('//.binauthz.exempt', exemption);
    }
    let setting = readSetting(cloudRun);
    if (!exempt) {
      if (setting.enforcement === 'missing' && this.mode === RequirementMode.APPLY) {
        enforceDefaultPolicy(cloudRun);
        setting = readSetting(cloudRun);
      }
      const problem = requirementProblem(setting, this.mode);
      if (problem) {
        reportError(
          cloudRun.resource,
          invalidProp(terraformAddress(cloudRun.resource), setting.property, setting.value, problem).message,
        );
      }
      if (this.checkImages) {
        this.imageChecker.check(cloudRun.resource);
      }
    }
    const breakglassChecked = hasBreakglassValidation(node);
    for (const p of setting.problems) {
      if (p.code === 'breakglass-without-enforcement' && breakglassChecked) {
        continue; // BinaryAuthorization.breakglass validates this resource itself
      }
      reportError(
        cloudRun.resource,
        invalidProp(terraformAddress(cloudRun.resource), p.property, p.value, p.message).message,
      );
    }
  }
}

/** The construct metadata type that holds an exemption's reason. */
const EXEMPT_METADATA = 'binauthz:exempt';

const EXEMPT_FIX = 'or exempt the resource with RequireBinaryAuthorization.exempt(resource, reason)';

/** Why a setting does not meet the requirement, or `undefined`. */
function requirementProblem(setting: BinauthzSetting, mode: RequirementMode): string | undefined {
  const fix = enforcementFix(setting.wiring);
  switch (setting.enforcement) {
    case 'enforced':
      return undefined;
    case 'missing':
      return mode === RequirementMode.VERIFY
        ? `Binary Authorization is not enforced (RequirementMode.VERIFY); ${fix}, use RequirementMode.APPLY, ${EXEMPT_FIX}`
        : undefined;
    case 'off':
      return `Binary Authorization is turned off explicitly; ${fix}, ${EXEMPT_FIX}`;
    case 'unknown':
      return `whether Binary Authorization is enforced is known only at apply time; ${fix} with literal values, ${EXEMPT_FIX}`;
    case 'invalid':
      // The setting's problems say what is wrong with it; they are reported as errors, exempt or not.
      return undefined;
  }
}

/** Turns on enforcement with the project's policy, merging into what the resource already has. */
function enforceDefaultPolicy(cloudRun: CloudRunResource): void {
  switch (cloudRun.wiring) {
    case 'v2-block':
      cloudRun.resource.addOverride('binary_authorization.use_default', true);
      return;
    case 'v1-annotation':
      setAnnotation(cloudRun.resource, BINAUTHZ_ANNOTATION, DEFAULT_POLICY_VALUE);
      return;
    case 'function-policy':
      cloudRun.resource.addOverride('service_config.binary_authorization_policy', DEFAULT_POLICY_VALUE);
      return;
  }
}
