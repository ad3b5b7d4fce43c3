import { dependable, ITerraformDependable, TerraformResource } from 'cdktf';
import { invalidProp } from './private/errors';

/**
 * What a grant created: the additive IAM resources (`*_iam_member`) that give a member a role, for
 * resources that need the role in place before they are created or used.
 *
 * Every grant method of the library returns one, whether it creates one resource or several (a signer
 * gets a role on the note and one on each signing key). Granting the same role to the same member twice
 * reuses the first resource.
 */
export class Grant {
  /**
   * A grant of the given IAM resources.
   * @internal
   */
  public static _of(resources: ITerraformDependable[]): Grant {
    return new Grant(resources);
  }

  /**
   * The IAM resources of the grant, usable in `dependsOn`: `dependsOn: grant.dependables`.
   */
  public readonly dependables: ITerraformDependable[];

  private readonly appliedTo = new Set<TerraformResource>();

  private constructor(resources: ITerraformDependable[]) {
    this.dependables = [...resources];
  }

  /**
   * Makes each of `resources` depend on the grant's IAM resources, so that Terraform creates them after
   * the grant is in place.
   *
   * @param resources the resources that need the grant
   */
  public applyBefore(...resources: TerraformResource[]): void {
    resources.forEach((resource, i) => {
      if (!TerraformResource.isTerraformResource(resource)) {
        throw invalidProp(
          'Grant.applyBefore',
          `resources[${i}]`,
          resource,
          'expected a Terraform resource that needs the grant, such as a CloudRunV2Service',
        );
      }
    });
    for (const resource of resources) {
      if (!this.appliedTo.has(resource)) {
        this.appliedTo.add(resource);
        resource.dependsOn = [...(resource.dependsOn ?? []), ...this.dependables.map((d) => dependable(d))];
      }
    }
  }
}
