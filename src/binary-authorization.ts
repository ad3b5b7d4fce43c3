import { Aspects, TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';
import { BREAKGLASS_ANNOTATION, CloudRunWiring, enforcementFix } from './core/cloud-run';
import { checkAspectPlacement } from './private/aspect-placement';
import {
  asCloudRunResource,
  cloudRunResourceArgument,
  markBreakglassValidation,
  putBlock,
  readSetting,
  setAnnotation,
  terraformAddress,
} from './private/cloud-run-resource';
import { checkOptionalFreeText, invalidProp, requireText } from './private/errors';
import { addWarning } from './private/warnings';

/**
 * Binary Authorization helpers for single Cloud Run resources.
 *
 * @see https://cloud.google.com/binary-authorization/docs/using-breakglass
 */
export class BinaryAuthorization {
  /**
   * Deploys a Cloud Run resource with break-glass: its images are admitted even when the policy
   * would deny them, and the deployment is logged with the justification. Sets
   * `binary_authorization.breakglass_justification` (`google_cloud_run_v2_service`, `_job`,
   * `_worker_pool`) or the annotation `run.googleapis.com/binary-authorization-breakglass`
   * (`google_cloud_run_service`), and reports a warning.
   *
   * Break-glass works only while Binary Authorization is enforced: synth fails (a validation of the
   * resource) when the resource does not enforce it by then (use `RequireBinaryAuthorization`, or
   * set it on the resource). Cloud Run functions (`google_cloudfunctions2_function`) have no
   * break-glass field.
   *
   * @param resource a `google_cloud_run_v2_service`, `_job`, `_worker_pool` or `google_cloud_run_service`
   * @param justification why the policy is bypassed, such as an incident or ticket reference
   */
  public static breakglass(resource: IConstruct, justification: string): void {
    const cloudRun = cloudRunResourceArgument('BinaryAuthorization.breakglass', resource);
    if (cloudRun.wiring === 'function-policy') {
      throw invalidProp(
        resource,
        'resource',
        cloudRun.resourceType,
        'Cloud Run functions (google_cloudfunctions2_function) have no break-glass field; deploy the function as a google_cloud_run_v2_service with a build_config to use break-glass, or exempt it with RequireBinaryAuthorization.exempt(resource, reason)',
      );
    }
    requireText(
      resource,
      'justification',
      justification,
      'break-glass needs a written justification, such as "incident INC-42: hotfix while the attestor is down"',
    );
    checkOptionalFreeText(resource, 'justification', justification);
    const target = cloudRun.resource;
    checkAspectPlacement(target);
    // Written at synth time: merging into the v1 annotations reads the resource's final configuration,
    // which must not happen while the app is still being defined.
    Aspects.of(target).add({
      visit: (node) => {
        if (node !== target) {
          return;
        }
        if (cloudRun.wiring === 'v2-block') {
          // With the provider class's setter where there is one, so that the block stays a block in HCL output.
          const put = putBlock(target, 'binaryAuthorization', (current) => ({
            ...current,
            breakglassJustification: justification,
          }));
          if (!put) {
            target.addOverride('binary_authorization.breakglass_justification', justification);
          }
        } else {
          const setting = readSetting(cloudRun);
          if (setting.property === 'metadata' || setting.property === 'metadata.annotations') {
            return; // not mergeable; the validation below reports it
          }
          setAnnotation(target, BREAKGLASS_ANNOTATION, justification);
        }
      },
    });
    markBreakglassValidation(target);
    target.node.addValidation({ validate: () => breakglassProblems(target, cloudRun.wiring) });
    addWarning(target, 'breakglass', `Binary Authorization break-glass: ${justification}`);
  }

  private constructor() {}
}

function breakglassProblems(resource: TerraformResource, wiring: CloudRunWiring): string[] {
  const cloudRun = asCloudRunResource(resource);
  if (!cloudRun) {
    return [];
  }
  const setting = readSetting(cloudRun);
  if (setting.enforcement === 'enforced') {
    return [];
  }
  if (setting.enforcement === 'unknown') {
    return [
      invalidProp(
        terraformAddress(resource),
        setting.property,
        setting.value,
        'break-glass needs to know that Binary Authorization is enforced, but the setting is known only at apply time; use literal values',
      ).message,
    ];
  }
  const fix = enforcementFix(wiring);
  return [
    invalidProp(
      terraformAddress(resource),
      setting.property,
      setting.value,
      `a break-glass justification requires Binary Authorization to be enforced (the API refuses it otherwise); ${fix}, or add the RequireBinaryAuthorization aspect`,
    ).message,
  ];
}
