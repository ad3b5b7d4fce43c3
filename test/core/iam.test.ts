import { binauthzServiceAgent, checkEmail, checkIamMember, checkProjectNumber } from '../../src/core/iam';

describe('checkIamMember', () => {
  test.each([
    ['serviceAccount:ci@my-project.iam.gserviceaccount.com'],
    ['group:security@example.com'],
    ['user:alice@example.com'],
    ['domain:example.com'],
    ['principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/subject/s'],
    ['principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/*'],
  ])('accepts %s', (member) => {
    expect(checkIamMember(member)).toBeUndefined();
  });

  test.each([
    ['allUsers', /defeats them/],
    ['allAuthenticatedUsers', /defeats them/],
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
  test.each([['a'], ['a@b'], ['a b@example.com'], ['user:a@example.com']])('refuses %j', (email) =>
    expect(checkEmail(email)).toMatch(/an email looks like/),
  );
});

describe('checkProjectNumber', () => {
  test('accepts digits', () => expect(checkProjectNumber('123456789012')).toBeUndefined());
  test.each([['my-project'], ['0123'], [''], ['12a'], ['-1']])('refuses %j', (n) =>
    expect(checkProjectNumber(n)).toMatch(/a project number is all digits.*not the project id/),
  );
});

describe('binauthzServiceAgent', () => {
  test('is the documented service agent email', () => {
    expect(binauthzServiceAgent('42')).toBe('service-42@gcp-sa-binaryauthorization.iam.gserviceaccount.com');
  });
});
