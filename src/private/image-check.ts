import { Annotations, TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';
import { terraformAddress, terraformAttributes, isUnresolved, reportError } from './cloud-run-resource';
import { invalidProp, parses } from './errors';
import { providerProjects } from './projects';
import { sameValue } from './singletons';
import { addWarning } from './warnings';
import { AdmissionVerdict } from '../admission-decision';
import { parseImageReference } from '../core/image';
import { hasContainerImages, workloadImages } from '../core/workloads';
import { BinaryAuthorizationPolicy } from '../policy';

/**
 * Judges the container images of Cloud Run workloads with the policy of the project they run in, at
 * synth time (`RequireBinaryAuthorization` with `checkImages`). One checker per aspect: it finds the
 * app's policies and the providers' projects once.
 */
export class ImageChecker {
  private policies?: BinaryAuthorizationPolicy[];
  private readonly projectOfProvider = providerProjects();

  /**
   * Judges the literal images of `resource`: a denied image is an error (naming the pattern that would
   * admit it), one that needs attestations a warning, as is an answer unknown until apply. A workload
   * whose project has no policy in the app, or whose project is unknown, is not judged (an info says so).
   */
  public check(resource: TerraformResource): void {
    if (!hasContainerImages(resource.terraformResourceType)) {
      return;
    }
    const address = terraformAddress(resource);
    const attributes = terraformAttributes(resource);
    const found = workloadImages(resource.terraformResourceType, attributes, isUnresolved);
    for (const problem of found.problems) {
      reportError(resource, `[${address}] the container images cannot be read: ${problem}`);
    }
    if (found.images.every((i) => i.unknown)) {
      return;
    }
    const project = typeof attributes.project === 'string' ? attributes.project : this.projectOfProvider(resource);
    const policy = project === undefined ? undefined : this.policyOf(resource, project);
    if (policy === undefined) {
      Annotations.of(resource).addInfo(
        `[binauthz:unknown-value] images not checked (checkImages): ${
          project === undefined
            ? "the project comes from the provider's environment; set project on the resource or its provider"
            : `no policy for project ${project} in the app`
        }`,
      );
      return;
    }
    for (const { property, image } of found.images.filter((i) => !i.unknown)) {
      this.judge(resource, address, policy, property, image);
    }
  }

  private judge(
    resource: TerraformResource,
    address: string,
    policy: BinaryAuthorizationPolicy,
    property: string,
    image: string,
  ): void {
    const problem = parses(parseImageReference)(image);
    if (problem !== undefined) {
      reportError(resource, invalidProp(address, property, image, problem).message);
      return;
    }
    const reference = parseImageReference(image);
    const decision = policy.evaluate(image);
    const by = `the policy of project ${policy.project} ([${policy.node.path}])`;
    if (decision.admitted && decision.decision !== AdmissionVerdict.ALLOW) {
      addWarning(resource, 'dry-run', `${property} ${image}: ${by} is in dry run and only logs it: ${decision.reason}`);
      return;
    }
    switch (decision.decision) {
      case AdmissionVerdict.ALLOW:
        return;
      case AdmissionVerdict.DENY:
        reportError(
          resource,
          invalidProp(
            address,
            property,
            image,
            `${by} denies this image (${decision.reason}); deploy an image the policy admits, or allowlist this one with addAllowlistPattern("${reference.registry}/${reference.repository}@*")`,
          ).message,
        );
        return;
      case AdmissionVerdict.REQUIRE_ATTESTATION:
        addWarning(
          resource,
          'attestation-required',
          `${property} ${image}: ${by} admits it only with attestations by ${decision.requiredAttestors.join(', ')}, which cannot be checked at synth time`,
        );
        return;
      case AdmissionVerdict.UNKNOWN:
        addWarning(resource, 'unknown-value', `${property} ${image}: ${decision.reason}`);
        return;
    }
  }

  /** The app's policy for `project`, if any. */
  private policyOf(scope: IConstruct, project: string): BinaryAuthorizationPolicy | undefined {
    this.policies ??= scope.node.root.node
      .findAll()
      .filter((c): c is BinaryAuthorizationPolicy => BinaryAuthorizationPolicy.isBinaryAuthorizationPolicy(c));
    return this.policies.find((p) => sameValue(scope, p.project, project) === true);
  }
}
