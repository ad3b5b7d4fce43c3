import { App, TerraformStack } from 'cdktf';
import { Attestor, AttestorKey, BinaryAuthorizationPolicy, SignatureAlgorithm } from '../src';
import { EC_PUBLIC_KEY_PEM } from './fixtures/keys';
import { newStack } from './support';

describe('type guards', () => {
  test('BinaryAuthorizationPolicy.isBinaryAuthorizationPolicy', () => {
    const stack = newStack();
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    expect(BinaryAuthorizationPolicy.isBinaryAuthorizationPolicy(policy)).toBe(true);
    for (const other of [stack, new App(), undefined, null, 'policy', {}]) {
      expect(BinaryAuthorizationPolicy.isBinaryAuthorizationPolicy(other)).toBe(false);
    }
  });

  test('Attestor.isAttestor, for created and referenced attestors', () => {
    const stack = newStack();
    const created = new Attestor(stack, 'Created', {
      project: 'sec-project',
      keys: [
        AttestorKey.pkix({ publicKeyPem: EC_PUBLIC_KEY_PEM, signatureAlgorithm: SignatureAlgorithm.ECDSA_P256_SHA256 }),
      ],
    });
    const referenced = Attestor.fromAttestorName(stack, 'Referenced', 'projects/sec-project/attestors/a');
    const cloudBuild = Attestor.builtByCloudBuild(stack, 'CloudBuild', 'build-project');
    for (const attestor of [created, referenced, cloudBuild]) {
      expect(Attestor.isAttestor(attestor)).toBe(true);
    }
    expect(Attestor.isAttestor(new TerraformStack(new App(), 'x'))).toBe(false);
    expect(Attestor.isAttestor({ attestorName: 'projects/p/attestors/a' })).toBe(false);
  });
});
