import { checkEmail, checkIamMember } from './core/iam';
import { checkLiteral } from './private/errors';

/**
 * An IAM principal to grant a role to, as the `member` of an `*_iam_member` resource.
 *
 * Grants in this library are additive: each creates one `*_iam_member` resource and leaves every other
 * member of the role alone (never `*_iam_binding` or `*_iam_policy`, which would take roles away from
 * principals that Terraform does not know about).
 */
export class IamMember {
  /**
   * A service account, such as the identity a CI pipeline signs attestations with.
   * @param email such as `ci-signer@my-project.iam.gserviceaccount.com`
   */
  public static serviceAccount(email: string): IamMember {
    return IamMember.withEmail('IamMember.serviceAccount', 'serviceAccount', email);
  }

  /**
   * A Google group.
   * @param email such as `security-team@example.com`
   */
  public static group(email: string): IamMember {
    return IamMember.withEmail('IamMember.group', 'group', email);
  }

  /**
   * A user account.
   * @param email such as `alice@example.com`
   */
  public static user(email: string): IamMember {
    return IamMember.withEmail('IamMember.user', 'user', email);
  }

  /**
   * Any other member in IAM's own syntax, such as `domain:example.com` or
   * `principal://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/pool/subject/x`.
   * Public members (`allUsers`, `allAuthenticatedUsers`, `principalSet://goog/public:all`,
   * `domain:gmail.com`) are refused.
   *
   * @param member the member string, `KIND:VALUE`
   */
  public static of(member: string): IamMember {
    checkLiteral('IamMember.of', 'member', member, checkIamMember);
    return new IamMember(member);
  }

  private static withEmail(where: string, kind: string, email: string): IamMember {
    checkLiteral(where, 'email', email, (value) => {
      const problem = checkEmail(value);
      return problem === undefined ? undefined : `${problem}; pass the bare email, without "${kind}:"`;
    });
    return new IamMember(`${kind}:${email}`);
  }

  /**
   * The member string as IAM takes it, such as `serviceAccount:ci@my-project.iam.gserviceaccount.com`.
   */
  public readonly member: string;

  private constructor(member: string) {
    this.member = member;
  }
}
