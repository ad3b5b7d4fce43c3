import { binauthzServiceAgent, checkEmail, checkIamMember, checkProjectNumber, checkRole } from '../../src/core/iam';
import { testAccepts, testRefuses } from '../support';

describe('checkIamMember', () => {
  testAccepts(checkIamMember, [
    'serviceAccount:ci@my-project.iam.gserviceaccount.com',
    'group:security@example.com',
    'user:alice@example.com',
    'domain:example.com',
    'principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/subject/s',
    'principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/*',
  ]);

  test.each([
    ['allUsers', /defeats them/],
    ['allAuthenticatedUsers', /defeats them/],
    ['principalSet://goog/public:all', /stands for everyone/],
    ['PrincipalSet://goog/PUBLIC:ALL', /stands for everyone/],
    ['allusers', /stands for everyone/],
    [' allUsers', /stands for everyone/],
    ['domain:gmail.com', /stands for everyone/],
    ['domain:googlemail.com', /stands for everyone/],
    ['ci@my-project.iam.gserviceaccount.com', /a member looks like "serviceAccount:/],
    ['serviceaccount:ci@p.iam.gserviceaccount.com', /a member looks like/],
    ['serviceAccount:ci', /serviceAccount: needs an email/],
    ['group:', /group: needs an email/],
    ['domain:localhost', /domain: needs a domain/],
    ['principal:iam.googleapis.com/x', /principal: needs an identifier/],
    ['deleted:serviceAccount:x@p.iam.gserviceaccount.com?uid=1', /a member looks like/],
  ])('refuses %j', (member, message) => {
    expect(checkIamMember(member)).toMatch(message);
  });
});

describe('checkEmail', () => {
  test('accepts an address', () => expect(checkEmail('a.b+c@sub.example.com')).toBeUndefined());
  testRefuses(checkEmail, ['a', 'a@b', 'a b@example.com', 'user:a@example.com'], /an email looks like/);
});

describe('checkProjectNumber', () => {
  test('accepts digits', () => expect(checkProjectNumber('123456789012')).toBeUndefined());
  testRefuses(
    checkProjectNumber,
    ['my-project', '0123', '', '12a', '-1'],
    /a project number is all digits.*not the project id/,
  );
});

describe('binauthzServiceAgent', () => {
  test('is the documented service agent email', () => {
    expect(binauthzServiceAgent('42')).toBe('service-42@gcp-sa-binaryauthorization.iam.gserviceaccount.com');
  });
});

describe('checkRole', () => {
  testAccepts(checkRole, [
    'roles/binaryauthorization.attestorsViewer',
    'roles/containeranalysis.notes.attacher',
    'projects/my-project/roles/attestationReader',
    'projects/example.com:my-project/roles/custom_role.v2',
    'organizations/123456789/roles/binauthzSigner',
  ]);

  testRefuses(
    checkRole,
    [
      '',
      'binaryauthorization.attestorsViewer',
      'roles/',
      'roles/a b',
      'role/binaryauthorization.attestorsViewer',
      'projects/P/roles/x',
      'projects/my-project/roles/ab',
      'organizations/acme/roles/custom',
      'folders/123/roles/custom',
      'roles/binaryauthorization.attestorsViewer/',
    ],
    /a role looks like "roles\//,
  );
});
