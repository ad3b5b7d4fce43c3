import { TerraformVariable } from 'cdktf';
import { BinauthzErrors, BinaryAuthorizationPolicy, IamMember, IValidationError } from '../src';
import { newStack } from './support';
import { describeValue, keyMaterialIn } from '../src/private/errors';

/** The error `fn` throws. */
function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('ValidationError', () => {
  test('carries the construct path, property, value and fix as fields, and the message from them', () => {
    const stack = newStack();
    new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'My_Project' });
    const [error] = BinauthzErrors.reportedIn(stack);
    expect(error).toBeInstanceOf(Error);
    expect(BinauthzErrors.isValidationError(error)).toBe(true);
    const { constructPath, property, value, fix, message } = error as IValidationError;
    expect({ constructPath, property, value }).toEqual({
      constructPath: 'stack/Policy',
      property: 'project',
      value: '"My_Project"',
    });
    expect(fix).toMatch(/^a project id has 6 to 30 lowercase letters/);
    expect(message).toBe(`[stack/Policy] invalid 'project' "My_Project": ${fix}`);
    expect((error as unknown as Error).name).toBe('ValidationError');
  });

  test('names the helper when there is no construct yet, and shows values known only at apply time', () => {
    const error = caught(() => IamMember.of('allUsers')) as IValidationError;
    expect(error.constructPath).toBe('IamMember.of');
    const stack = newStack();
    const project = new TerraformVariable(stack, 'project', { type: 'string' });
    const adopt = caught(
      () => new BinaryAuthorizationPolicy(stack, 'Policy', { project: project.stringValue, adoptExisting: true }),
    ) as IValidationError;
    expect(adopt.value).toBe('(known only at apply time: "${var.project}")');
  });

  test('tells other errors apart', () => {
    expect(BinauthzErrors.isValidationError(new Error('x'))).toBe(false);
    expect(BinauthzErrors.isValidationError(undefined)).toBe(false);
    expect(BinauthzErrors.isValidationError({ message: 'x', constructPath: 'a' })).toBe(false);
  });
});

describe('key material in error values', () => {
  test.each([
    'projects/sec-project/locations/global/keyRings/r/cryptoKeys/k/cryptoKeyVersions/12',
    'projects/p/locations/global/keyRings/ring/cryptoKeys/key/cryptoKeyVersions/1',
    `us-docker.pkg.dev/my-project/apps/api@sha256:${'a1'.repeat(32)}`,
    'principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/gh/subject/repo:acme/x',
    'a description of the policy that is long enough to be more than sixty-four characters long',
  ])('is not found in %s, which errors quote', (value) => {
    expect(keyMaterialIn(value)).toBeUndefined();
    expect(describeValue(value)).toBe(JSON.stringify(value));
  });

  test.each([
    ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEA\n', 'a PEM block labelled "OPENSSH PRIVATE KEY"'],
    ['x -----BEGIN  encrypted private key----- y', 'a PEM block labelled "ENCRYPTED PRIVATE KEY"'],
    [[[{ k: '-----BEGIN PRIVATE KEY-----' }]], 'a PEM block labelled "PRIVATE KEY"'],
    [
      'MIGkAgEBBDB++DFLaGjuyyX/TSK+9uYkRoM4my09ILkbCb0+PNTI6RpU2IfLPjgg\njHBKz/5dNG2gBwYFK4EEACKhZ',
      'text that may be a key body',
    ],
  ])('is found in %j', (value, found) => {
    expect(keyMaterialIn(value)).toBe(found);
    expect(describeValue(value)).toMatch(/not shown\)$/);
  });
});
