import { Annotations, IAspect } from 'cdktf';
import { IConstruct } from 'constructs';
import { BINAUTHZ_ANNOTATION, BinauthzSetting, DEFAULT_POLICY_VALUE } from './core/cloud-run';
import {
  asCloudRunResource,
  CloudRunResource,
  EXEMPTION,
  hasBreakglassValidation,
  NOT_CLOUD_RUN,
  readSetting,
  reportError,
  resourceTypeOf,
  setAnnotation,
  terraformAddress,
} from './private/cloud-run-resource';
import { invalidProp } from './private/errors';

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
 * @example
 * Aspects.of(stack).add(new RequireBinaryAuthorization({ mode: RequirementMode.VERIFY }));
 *
 * @see https://cloud.google.com/binary-authorization/docs/run/enabling-binauthz-cloud-run
 */
export class RequireBinaryAuthorization implements IAspect {
  /**
   * Exempts a Cloud Run resource from `RequireBinaryAuthorization`: the aspect leaves it as it is,
   * and it may turn enforcement off. The exemption and its reason are reported as a warning.
   *
   * @param resource a `google_cloud_run_v2_service`, `_job`, `_worker_pool`, `google_cloud_run_service` or `google_cloudfunctions2_function`
   * @param reason why this resource runs without Binary Authorization
   */
  public static exempt(resource: IConstruct, reason: string): void {
    const cloudRun = asCloudRunResource(resource);
    if (!cloudRun) {
      throw invalidProp(resource, 'resource', resourceTypeOf(resource), NOT_CLOUD_RUN);
    }
    if (reason.trim() === '') {
      throw invalidProp(
        resource,
        'reason',
        reason,
        'an exemption needs a written reason, such as "public demo without production data, ticket SEC-123"',
      );
    }
    Object.defineProperty(resource, EXEMPTION, { value: reason, configurable: true });
    Annotations.of(resource).addWarning(`exempt from Binary Authorization (RequireBinaryAuthorization): ${reason}`);
  }

  /**
   * The reason a resource was exempted with `exempt`.
   *
   * @returns the reason, or `undefined` when it is not exempt
   */
  public static exemptionOf(resource: IConstruct): string | undefined {
    return (resource as any)[EXEMPTION];
  }

  /**
   * Whether missing enforcement is turned on or reported.
   */
  public readonly mode: RequirementMode;

  private readonly visited = new WeakSet<IConstruct>();

  constructor(options: RequireBinaryAuthorizationOptions = {}) {
    this.mode = options.mode ?? RequirementMode.APPLY;
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
    const exempt = RequireBinaryAuthorization.exemptionOf(node) !== undefined;
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

const EXEMPT_FIX = 'or exempt the resource with RequireBinaryAuthorization.exempt(resource, reason)';

/** Why a setting does not meet the requirement, or `undefined`. */
function requirementProblem(setting: BinauthzSetting, mode: RequirementMode): string | undefined {
  const fix = enforcementFix(setting);
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

function enforcementFix(setting: BinauthzSetting): string {
  switch (setting.wiring) {
    case 'v2-block':
      return 'set binary_authorization { use_default = true }';
    case 'v1-annotation':
      return `set the annotation "${BINAUTHZ_ANNOTATION}" to "${DEFAULT_POLICY_VALUE}"`;
    case 'function-policy':
      return `set service_config.binary_authorization_policy = "${DEFAULT_POLICY_VALUE}"`;
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
