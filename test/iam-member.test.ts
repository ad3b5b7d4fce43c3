import { Token } from 'cdktf';
import { IamMember } from '../src';

describe('IamMember', () => {
  test.each([
    [
      'serviceAccount',
      IamMember.serviceAccount('ci@ci-project.iam.gserviceaccount.com'),
      'serviceAccount:ci@ci-project.iam.gserviceaccount.com',
    ],
    ['group', IamMember.group('security@example.com'), 'group:security@example.com'],
    ['user', IamMember.user('alice@example.com'), 'user:alice@example.com'],
    ['of', IamMember.of('domain:example.com'), 'domain:example.com'],
  ])('%s renders the IAM member string', (_, member, expected) => {
    expect(member.member).toBe(expected);
  });

  test('accepts an unresolved email and keeps it', () => {
    // GIVEN an email known only at apply time
    const email = Token.asString({ Ref: 'sa.email' });
    // WHEN / THEN
    expect(IamMember.serviceAccount(email).member).toBe(`serviceAccount:${email}`);
  });

  test('fails for a service account email with the kind prefix', () => {
    expect(() => IamMember.serviceAccount('serviceAccount:ci@p.iam.gserviceaccount.com')).toThrow(
      /^\[IamMember.serviceAccount\] invalid 'email' "serviceAccount:ci@p.iam.gserviceaccount.com": an email looks like .*without "serviceAccount:"/,
    );
  });

  test('fails for a group that is not an email', () => {
    expect(() => IamMember.group('security-team')).toThrow(/\[IamMember.group\] invalid 'email' "security-team"/);
  });

  test('fails for a user that is not an email', () => {
    expect(() => IamMember.user('alice')).toThrow(/\[IamMember.user\] invalid 'email' "alice"/);
  });

  test('fails for a raw member without a kind', () => {
    expect(() => IamMember.of('ci@p.iam.gserviceaccount.com')).toThrow(
      /\[IamMember.of\] invalid 'member' "ci@p.iam.gserviceaccount.com": a member looks like "serviceAccount:/,
    );
  });

  test('fails for allUsers', () => {
    expect(() => IamMember.of('allUsers')).toThrow(
      /invalid 'member' "allUsers": this member stands for everyone, and granting Binary Authorization roles to everyone/,
    );
  });
});
