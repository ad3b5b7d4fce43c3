import { Attestor, AttestorKey, IamMember } from '../src';
import { newStack, onlyResource, synthValidated } from './support';
import { bucket } from './support/workloads';

const CI = IamMember.serviceAccount('ci@ci-project.iam.gserviceaccount.com');

function kmsAttestor() {
  const stack = newStack();
  const attestor = new Attestor(stack, 'Attestor', {
    project: 'sec-project',
    attestorId: 'built-by-ci',
    keys: [AttestorKey.newKmsKey({ cryptoKeyId: 'a' }), AttestorKey.newKmsKey({ cryptoKeyId: 'b' })],
  });
  return { stack, attestor };
}

describe('Grant', () => {
  test('every grant method returns one, listing the IAM resources it created', () => {
    const { attestor } = kmsAttestor();
    expect(attestor.grantVerify(CI).dependables).toHaveLength(1);
    expect(attestor.grantView(CI).dependables).toHaveLength(1);
    expect(attestor.grant(CI, 'roles/binaryauthorization.attestorsViewer').dependables).toHaveLength(1);
    // the note and each of the two keys
    expect(attestor.grantSign(CI).dependables).toHaveLength(3);
    // the attestor and the note
    expect(attestor.grantDeployerProject('42').dependables).toHaveLength(2);
  });

  test('applyBefore makes resources depend on the IAM resources, once', () => {
    const { stack, attestor } = kmsAttestor();
    const dependent = bucket(stack);
    const grant = attestor.grantSign(CI);
    grant.applyBefore(dependent);
    grant.applyBefore(dependent);
    const dependsOn: string[] = onlyResource(synthValidated(stack), 'google_storage_bucket').depends_on;
    expect(dependsOn).toHaveLength(3);
    expect(dependsOn).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^google_container_analysis_note_iam_member\.Attestor_Iam-Note-/),
        expect.stringMatching(/^google_kms_crypto_key_iam_member\.Attestor_Iam-CryptoKey-a-/),
        expect.stringMatching(/^google_kms_crypto_key_iam_member\.Attestor_Iam-CryptoKey-b-/),
      ]),
    );
  });

  test('dependables go into dependsOn', () => {
    const { stack, attestor } = kmsAttestor();
    const grant = attestor.grantVerify(CI);
    bucket(stack, { dependsOn: grant.dependables });
    expect(onlyResource(synthValidated(stack), 'google_storage_bucket').depends_on).toEqual([
      expect.stringMatching(/^google_binary_authorization_attestor_iam_member\.Attestor_Iam-Attestor-/),
    ]);
  });
});
