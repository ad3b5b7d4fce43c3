import { BinaryAuthorizationAttestor } from '@cdktf/provider-google/lib/binary-authorization-attestor';
import { BinaryAuthorizationAttestorIamMember } from '@cdktf/provider-google/lib/binary-authorization-attestor-iam-member';
import { ContainerAnalysisNote } from '@cdktf/provider-google/lib/container-analysis-note';
import { ContainerAnalysisNoteIamMember } from '@cdktf/provider-google/lib/container-analysis-note-iam-member';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { TerraformOutput, TerraformVariable, Testing, Token } from 'cdktf';
import {
  AdmissionRule,
  Attestor,
  AttestorKey,
  AttestorProps,
  BinaryAuthorizationPolicy,
  IamMember,
  SignatureAlgorithm,
} from '../src';
import { EC_PUBLIC_KEY_PEM, PGP_PUBLIC_KEY, PROVIDER_TEST_PGP_BODY } from './fixtures/keys';
import { newStack, onlyResource, resourcesOf, synthValidated } from './support';

const PROJECT = 'security-project';
const CI = IamMember.serviceAccount('ci-signer@ci-project.iam.gserviceaccount.com');
const PKIX = AttestorKey.pkix({
  publicKeyPem: EC_PUBLIC_KEY_PEM,
  signatureAlgorithm: SignatureAlgorithm.ECDSA_P256_SHA256,
});

/** The attestor "Attestor" of PROJECT with the key PKIX, and `props` on top, in a new stack. */
function newAttestor(props: Partial<AttestorProps> = {}, stackId = 'security') {
  const stack = newStack({ id: stackId });
  const attestor = new Attestor(stack, 'Attestor', { project: PROJECT, keys: [PKIX], ...props });
  return { stack, attestor };
}

/** The attestor build-attestor, with a new KMS key (see newAttestor). */
const kmsAttestor = (stackId?: string) =>
  newAttestor({ attestorId: 'build-attestor', keys: [AttestorKey.newKmsKey()] }, stackId);

describe('Attestor', () => {
  test('snapshot of the defaults with a new KMS key', () => {
    expect(
      Testing.synthScope((scope) => {
        new Attestor(scope, 'Attestor', { project: PROJECT, keys: [AttestorKey.newKmsKey()] });
      }),
    ).toMatchSnapshot();
  });

  test('creates an attestation-authority note and the attestor that references it by full name', () => {
    // GIVEN / WHEN
    const { stack, attestor } = newAttestor({ attestorId: 'build-attestor', description: 'Images built by CI' });
    const json = synthValidated(stack);

    // THEN
    expect(onlyResource(json, 'google_container_analysis_note')).toEqual({
      project: PROJECT,
      name: 'build-attestor-note',
      attestation_authority: { hint: { human_readable_name: 'build-attestor' } },
    });
    const resource = onlyResource(json, 'google_binary_authorization_attestor');
    expect(resource.project).toBe(PROJECT);
    expect(resource.name).toBe('build-attestor');
    expect(resource.description).toBe('Images built by CI');
    expect(resource.attestation_authority_note.note_reference).toBe(`projects/${PROJECT}/notes/build-attestor-note`);
    expect(attestor.noteName).toBe(`projects/${PROJECT}/notes/build-attestor-note`);
  });

  test('its L1 child is "Resource", so node.defaultChild is the attestor', () => {
    const { attestor } = newAttestor();
    expect(attestor.node.defaultChild).toBeInstanceOf(BinaryAuthorizationAttestor);
    expect(attestor.node.defaultChild?.node.id).toBe('Resource');
    expect(attestor.node.tryFindChild('Note')).toBeInstanceOf(ContainerAnalysisNote);
  });

  test('attestorId is the literal full name, known at plan time', () => {
    const { attestor } = newAttestor({ attestorId: 'build-attestor' });
    expect(Token.isUnresolved(attestor.attestorName)).toBe(false);
    expect(attestor.attestorName).toBe(`projects/${PROJECT}/attestors/build-attestor`);
    expect(attestor.attestorProject).toBe(PROJECT);
  });

  test('derives a valid, deterministic default name from the construct path', () => {
    const names = [1, 2].map(() => {
      const stack = newStack({ id: 'Security_Stack' });
      return new Attestor(stack, 'Build Attestor', { project: PROJECT, keys: [PKIX] }).attestorId;
    });
    expect(names).toEqual(['security-stack-build-attestor', 'security-stack-build-attestor']);
  });

  test('references an existing note instead of creating one', () => {
    // GIVEN
    const note = 'projects/notes-project/notes/shared-note';
    // WHEN
    const { stack, attestor } = newAttestor({ note });
    const synth = Testing.synth(stack, true);
    // THEN
    expect(synth).not.toHaveResource(ContainerAnalysisNote);
    expect(
      onlyResource(JSON.parse(synth), 'google_binary_authorization_attestor').attestation_authority_note.note_reference,
    ).toBe(note);
    expect(attestor.noteName).toBe(note);
  });

  test("grants the attestor's delegation service account read access to its note", () => {
    const { stack } = newAttestor({ note: 'projects/notes-project/notes/shared-note' });
    const json = synthValidated(stack);
    const attestorId = Object.keys(resourcesOf(json, 'google_binary_authorization_attestor'))[0];
    expect(onlyResource(json, 'google_container_analysis_note_iam_member')).toEqual({
      project: 'notes-project',
      note: 'shared-note',
      role: 'roles/containeranalysis.notes.occurrences.viewer',
      member: `serviceAccount:\${google_binary_authorization_attestor.${attestorId}.attestation_authority_note[0].delegation_service_account_email}`,
    });
  });

  test('key rotation: two keys, either verifies (snapshot)', () => {
    // GIVEN / WHEN
    const { stack } = newAttestor({
      attestorId: 'build-attestor',
      keys: [
        AttestorKey.fromKmsKeyVersion(
          'projects/security-project/locations/global/keyRings/ring/cryptoKeys/signer/cryptoKeyVersions/1',
        ),
        AttestorKey.fromKmsKeyVersion(
          'projects/security-project/locations/global/keyRings/ring/cryptoKeys/signer/cryptoKeyVersions/2',
        ),
      ],
    });
    const synth = Testing.synth(stack, true);
    // THEN
    expect(synth).toMatchSnapshot();
    const keys = onlyResource(JSON.parse(synth), 'google_binary_authorization_attestor').attestation_authority_note
      .public_keys;
    expect(keys.map((k: any) => k.id)).toEqual([
      '//cloudkms.googleapis.com/v1/projects/security-project/locations/global/keyRings/ring/cryptoKeys/signer/cryptoKeyVersions/1',
      '//cloudkms.googleapis.com/v1/projects/security-project/locations/global/keyRings/ring/cryptoKeys/signer/cryptoKeyVersions/2',
    ]);
  });

  test('mixes key kinds', () => {
    const { stack } = newAttestor({ keys: [PKIX, AttestorKey.pgp(PGP_PUBLIC_KEY)] });
    const keys = onlyResource(synthValidated(stack), 'google_binary_authorization_attestor').attestation_authority_note
      .public_keys;
    expect(keys).toHaveLength(2);
    expect(keys[1]).toEqual({ ascii_armored_pgp_public_key: PGP_PUBLIC_KEY });
  });

  describe('errors', () => {
    test('fails for an empty key list', () => {
      expect(() => newAttestor({ keys: [] })).toThrow(
        /^\[security\/Attestor\] invalid 'keys' \[\]: an attestor without keys never verifies any attestation; pass at least one key/,
      );
    });

    test('fails for an invalid attestor name', () => {
      expect(() => newAttestor({ attestorId: 'build attestor' })).toThrow(
        /\[security\/Attestor\] invalid 'attestorId' "build attestor": an id has 1 to 100 letters/,
      );
    });

    test('fails for an invalid project', () => {
      expect(() => newAttestor({ project: 'Security' })).toThrow(
        /\[security\/Attestor\] invalid 'project' "Security": a project id has 6 to 30/,
      );
    });

    test('fails for a note that is not a full note name', () => {
      expect(() => newAttestor({ note: 'my-note' })).toThrow(
        /\[security\/Attestor\] invalid 'note' "my-note": a full resource name looks like "projects\/PROJECT_ID\/notes\/NOTE_ID"/,
      );
    });

    test('fails for a note known only at apply time', () => {
      expect(() => newAttestor({ note: Token.asString({ Ref: 'n' }) })).toThrow(
        /invalid 'note' .*must be known at synth time; pass a literal "projects\/P\/notes\/N"/,
      );
    });
  });
});

describe('The note the attestor creates: noteId and noteHint', () => {
  test('uses the given note id and hint exactly as given', () => {
    // GIVEN / WHEN
    const { stack, attestor } = newAttestor({
      attestorId: 'Build_Attestor',
      noteId: 'Build_Attestations',
      noteHint: 'Images built by CI',
    });
    const json = synthValidated(stack);
    // THEN
    expect(onlyResource(json, 'google_container_analysis_note')).toEqual({
      project: PROJECT,
      name: 'Build_Attestations',
      attestation_authority: { hint: { human_readable_name: 'Images built by CI' } },
    });
    expect(onlyResource(json, 'google_binary_authorization_attestor').attestation_authority_note.note_reference).toBe(
      `projects/${PROJECT}/notes/Build_Attestations`,
    );
    expect(attestor.noteName).toBe(`projects/${PROJECT}/notes/Build_Attestations`);
  });

  test.each([
    ['qa_2', 'qa_2-note'],
    ['QA-Build', 'QA-Build-note'],
    ['build-attestor', 'build-attestor-note'],
    ['a'.repeat(95), `${'a'.repeat(95)}-note`],
  ])('a given attestor id %s gets the note %s, never rewritten', (attestorId, noteId) => {
    const { stack, attestor } = newAttestor({ attestorId });
    const note = onlyResource(synthValidated(stack), 'google_container_analysis_note');
    expect(note.name).toBe(noteId);
    expect(note.attestation_authority.hint.human_readable_name).toBe(attestorId);
    expect(attestor.noteName).toBe(`projects/${PROJECT}/notes/${noteId}`);
  });

  test('a derived attestor id keeps the note name it always had', () => {
    const stack = newStack({ id: 'Security_Stack' });
    new Attestor(stack, 'Build Attestor', { project: PROJECT, keys: [PKIX] });
    expect(onlyResource(synthValidated(stack), 'google_container_analysis_note').name).toBe(
      'security-stack-build-attestor-note',
    );
  });

  test('a note id known only at apply time is passed through', () => {
    const stack = newStack({ id: 'security' });
    const noteId = new TerraformVariable(stack, 'note', { type: 'string' }).stringValue;
    new Attestor(stack, 'Attestor', { project: PROJECT, attestorId: 'build-attestor', noteId, keys: [PKIX] });
    const json = synthValidated(stack);
    expect(onlyResource(json, 'google_container_analysis_note').name).toBe('${var.note}');
    expect(onlyResource(json, 'google_binary_authorization_attestor').attestation_authority_note.note_reference).toBe(
      `projects/${PROJECT}/notes/\${var.note}`,
    );
  });

  describe('errors', () => {
    test('fails for a note id the API does not accept, rather than rewriting it', () => {
      expect(() => newAttestor({ noteId: 'qa 2 note' })).toThrow(
        /^\[security\/Attestor\] invalid 'noteId' "qa 2 note": an id has 1 to 100 letters, digits, hyphens or underscores and starts with a letter or digit$/,
      );
    });

    test('fails when the default note id would be too long, and says to pass noteId', () => {
      expect(() => newAttestor({ attestorId: 'a'.repeat(96) })).toThrow(
        /^\[security\/Attestor\] invalid 'noteId' \(not set\): the default note id, the attestor id with "-note" appended, is not a valid note id \(an id has 1 to 100 letters, digits, hyphens or underscores and starts with a letter or digit\); pass 'noteId'$/,
      );
    });

    test('fails for a blank hint', () => {
      expect(() => newAttestor({ noteHint: ' ' })).toThrow(
        /^\[security\/Attestor\] invalid 'noteHint' " ": a note hint is a human-readable name, such as "Attestor qa note", not blank$/,
      );
    });

    test.each([
      ['noteId', { noteId: 'shared-note' }, '"shared-note"'],
      ['noteHint', { noteHint: 'Shared' }, '"Shared"'],
    ])('fails for %s together with an existing note', (property, extra, shown) => {
      expect(() => newAttestor({ note: 'projects/notes-project/notes/shared-note', ...extra })).toThrow(
        `[security/Attestor] invalid '${property}' ${shown}: 'note' names an existing note, which this attestor does not create; drop '${property}', or drop 'note' to create the note`,
      );
    });
  });
});

describe('Attestor adoptExisting', () => {
  test('a fabric-style attestor: the same names and keys, with import blocks for the attestor and its note (snapshot)', () => {
    // GIVEN an attestor that the fabric binauthz module made: attestors_config = { qa_2 = { pgp_public_keys =
    // [the provider test's bare body], pkix_public_keys = [{ public_key_pem, signature_algorithm }] } }
    const stack = newStack({ id: 'binauthz' });
    // WHEN
    const attestor = new Attestor(stack, 'Qa2', {
      project: PROJECT,
      attestorId: 'qa_2',
      noteId: 'qa_2-note',
      noteHint: 'Attestor qa_2 note',
      // fabric lists the PGP keys first, then the PKIX keys
      keys: [
        AttestorKey.pgp(PROVIDER_TEST_PGP_BODY),
        AttestorKey.pkix({ publicKeyPem: EC_PUBLIC_KEY_PEM, signatureAlgorithm: SignatureAlgorithm.ECDSA_P256_SHA256 }),
      ],
      adoptExisting: true,
    });
    const synth = Testing.synth(stack, true);
    // THEN
    expect(synth).toMatchSnapshot();
    const json = JSON.parse(synth);
    const [[attestorLogicalId, resource]] = Object.entries(resourcesOf(json, 'google_binary_authorization_attestor'));
    const [[noteLogicalId, note]] = Object.entries(resourcesOf(json, 'google_container_analysis_note'));
    expect(note).toEqual({
      project: PROJECT,
      name: 'qa_2-note',
      attestation_authority: { hint: { human_readable_name: 'Attestor qa_2 note' } },
    });
    expect(resource).toEqual({
      project: PROJECT,
      name: 'qa_2',
      attestation_authority_note: {
        note_reference: `projects/${PROJECT}/notes/qa_2-note`,
        public_keys: [
          { ascii_armored_pgp_public_key: PROVIDER_TEST_PGP_BODY },
          { pkix_public_key: { public_key_pem: EC_PUBLIC_KEY_PEM, signature_algorithm: 'ECDSA_P256_SHA256' } },
        ],
      },
      depends_on: [`google_container_analysis_note.${noteLogicalId}`],
    });
    expect(json.import).toEqual([
      { id: `projects/${PROJECT}/notes/qa_2-note`, to: `google_container_analysis_note.${noteLogicalId}` },
      { id: `projects/${PROJECT}/attestors/qa_2`, to: `google_binary_authorization_attestor.${attestorLogicalId}` },
    ]);
    expect(attestor.attestorName).toBe(`projects/${PROJECT}/attestors/qa_2`);
    expect(attestor.noteName).toBe(`projects/${PROJECT}/notes/qa_2-note`);
  });

  test('with an existing note, imports only the attestor', () => {
    const { stack } = newAttestor({
      attestorId: 'prod',
      note: 'projects/notes-project/notes/prod-note',
      adoptExisting: true,
    });
    const json = synthValidated(stack);
    const attestorLogicalId = Object.keys(resourcesOf(json, 'google_binary_authorization_attestor'))[0];
    expect(json.import).toEqual([
      { id: `projects/${PROJECT}/attestors/prod`, to: `google_binary_authorization_attestor.${attestorLogicalId}` },
    ]);
  });

  test('no import block unless asked', () => {
    const { stack } = newAttestor({ attestorId: 'prod', adoptExisting: false });
    expect(synthValidated(stack).import).toBeUndefined();
  });

  describe('errors', () => {
    test('fails without an attestor id: a derived one names no existing attestor', () => {
      expect(() => newAttestor({ adoptExisting: true })).toThrow(
        /^\[security\/Attestor\] invalid 'attestorId' \(not set\): 'adoptExisting' imports the attestor and its note by name, which must be known at synth time; pass the id the existing attestor has \(the last part of "projects\/P\/attestors\/ID"\)$/,
      );
    });

    test.each([
      ['project', { attestorId: 'prod' }],
      ['attestorId', {}],
      ['noteId', { attestorId: 'prod' }],
    ])('fails for a %s known only at apply time', (property, extra) => {
      const stack = newStack({ id: 'security' });
      const unknown = new TerraformVariable(stack, 'v', { type: 'string' }).stringValue;
      expect(
        () =>
          new Attestor(stack, 'Attestor', {
            project: PROJECT,
            keys: [PKIX],
            adoptExisting: true,
            ...extra,
            [property]: unknown,
          }),
      ).toThrow(
        `[security/Attestor] invalid '${property}' (known only at apply time: "\${var.v}"): 'adoptExisting' imports the attestor and its note by name, which must be known at synth time; pass a literal ${property}`,
      );
    });
  });
});

describe('grantNoteViewerToDelegationAccount', () => {
  test('false: no grant to the delegation service account, which stays available as an attribute', () => {
    // GIVEN / WHEN
    const { stack, attestor } = newAttestor({
      note: 'projects/notes-project/notes/shared-note',
      grantNoteViewerToDelegationAccount: false,
    });
    attestor.grantDeployerProject('42');
    const json = synthValidated(stack);
    // THEN only the deployer's grant is on the note
    const attestorLogicalId = Object.keys(resourcesOf(json, 'google_binary_authorization_attestor'))[0];
    expect(
      Object.values(resourcesOf(json, 'google_container_analysis_note_iam_member')).map((m: any) => m.member),
    ).toEqual(['serviceAccount:service-42@gcp-sa-binaryauthorization.iam.gserviceaccount.com']);
    expect(attestor.node.tryFindChild('NoteViewerDelegation')).toBeUndefined();
    new TerraformOutput(stack, 'delegation', { value: attestor.delegationServiceAccountEmail });
    expect(synthValidated(stack).output.delegation.value).toBe(
      `\${google_binary_authorization_attestor.${attestorLogicalId}.attestation_authority_note[0].delegation_service_account_email}`,
    );
  });

  test('true (the default): the grant is there', () => {
    for (const grantNoteViewerToDelegationAccount of [true, undefined]) {
      const { attestor } = newAttestor({ grantNoteViewerToDelegationAccount });
      expect(attestor.node.tryFindChild('NoteViewerDelegation')).toBeInstanceOf(ContainerAnalysisNoteIamMember);
    }
  });
});

describe('Attestor grants', () => {
  test('grantVerify: attestorsVerifier on the attestor, additively (snapshot)', () => {
    // GIVEN
    const { stack, attestor } = kmsAttestor();
    // WHEN
    attestor.grantVerify(IamMember.group('deployers@example.com'));
    const synth = Testing.synth(stack, true);
    // THEN
    expect(synth).toMatchSnapshot();
    const json = JSON.parse(synth);
    const attestorId = Object.keys(resourcesOf(json, 'google_binary_authorization_attestor'))[0];
    expect(onlyResource(json, 'google_binary_authorization_attestor_iam_member')).toEqual({
      project: PROJECT,
      attestor: `\${google_binary_authorization_attestor.${attestorId}.name}`,
      role: 'roles/binaryauthorization.attestorsVerifier',
      member: 'group:deployers@example.com',
    });
    expect(resourcesOf(json, 'google_binary_authorization_attestor_iam_binding')).toEqual({});
    expect(resourcesOf(json, 'google_binary_authorization_attestor_iam_policy')).toEqual({});
  });

  test('grantView: attestorsViewer on the attestor', () => {
    const { stack, attestor } = kmsAttestor();
    attestor.grantView(IamMember.user('policy-author@example.com'));
    expect(Testing.synth(stack, true)).toHaveResourceWithProperties(BinaryAuthorizationAttestorIamMember, {
      role: 'roles/binaryauthorization.attestorsViewer',
      member: 'user:policy-author@example.com',
    });
  });

  test('grantSign: notes.attacher on the note and signerVerifier on the managed KMS key (snapshot)', () => {
    // GIVEN
    const { stack, attestor } = kmsAttestor();
    // WHEN
    attestor.grantSign(CI);
    const synth = Testing.synth(stack, true);
    // THEN
    expect(synth).toMatchSnapshot();
    const json = JSON.parse(synth);
    const noteId = Object.keys(resourcesOf(json, 'google_container_analysis_note'))[0];
    const keyId = Object.keys(resourcesOf(json, 'google_kms_crypto_key'))[0];
    expect(synth).toHaveResourceWithProperties(ContainerAnalysisNoteIamMember, {
      project: PROJECT,
      note: `\${google_container_analysis_note.${noteId}.name}`,
      role: 'roles/containeranalysis.notes.attacher',
      member: CI.member,
    });
    expect(onlyResource(json, 'google_kms_crypto_key_iam_member')).toEqual({
      crypto_key_id: `\${google_kms_crypto_key.${keyId}.id}`,
      role: 'roles/cloudkms.signerVerifier',
      member: CI.member,
    });
    // The signer gets nothing on the attestor itself.
    expect(resourcesOf(json, 'google_binary_authorization_attestor_iam_member')).toEqual({});
  });

  test('grantSign without a managed key grants on the note only', () => {
    const { stack, attestor } = newAttestor();
    attestor.grantSign(CI);
    const synth = Testing.synth(stack, true);
    expect(synth).not.toHaveResource(KmsCryptoKeyIamMember);
    expect(synth).toHaveResourceWithProperties(ContainerAnalysisNoteIamMember, {
      role: 'roles/containeranalysis.notes.attacher',
    });
  });

  test('grantSign covers every managed key', () => {
    const { stack, attestor } = newAttestor({
      keys: [AttestorKey.newKmsKey({ cryptoKeyId: 'old' }), AttestorKey.newKmsKey({ cryptoKeyId: 'new' })],
    });
    attestor.grantSign(CI);
    expect(Object.keys(resourcesOf(synthValidated(stack), 'google_kms_crypto_key_iam_member'))).toHaveLength(2);
  });

  test('grantDeployerProject: the deployer service agent verifies and reads occurrences (snapshot)', () => {
    // GIVEN
    const { stack, attestor } = kmsAttestor();
    // WHEN
    attestor.grantDeployerProject('123456789012');
    const synth = Testing.synth(stack, true);
    // THEN
    expect(synth).toMatchSnapshot();
    const agent = 'serviceAccount:service-123456789012@gcp-sa-binaryauthorization.iam.gserviceaccount.com';
    expect(synth).toHaveResourceWithProperties(BinaryAuthorizationAttestorIamMember, {
      role: 'roles/binaryauthorization.attestorsVerifier',
      member: agent,
    });
    expect(synth).toHaveResourceWithProperties(ContainerAnalysisNoteIamMember, {
      role: 'roles/containeranalysis.notes.occurrences.viewer',
      member: agent,
    });
  });

  test('the same grant twice creates one resource, with an id derived from role and member', () => {
    // GIVEN
    const { stack, attestor } = kmsAttestor();
    // WHEN
    const first = attestor.grantVerify(IamMember.group('deployers@example.com'));
    const second = attestor.grantVerify(IamMember.group('deployers@example.com'));
    attestor.grantSign(CI);
    attestor.grantSign(CI);
    attestor.grantDeployerProject('42');
    attestor.grantDeployerProject('42');
    const json = synthValidated(stack);
    // THEN
    expect(second.dependables).toHaveLength(1);
    expect(second.dependables[0]).toBe(first.dependables[0]);
    expect(Object.keys(resourcesOf(json, 'google_binary_authorization_attestor_iam_member'))).toHaveLength(2);
    expect(Object.keys(resourcesOf(json, 'google_kms_crypto_key_iam_member'))).toHaveLength(1);
    // attacher for CI, viewer for the deployer, viewer for the attestor's delegation account
    expect(Object.keys(resourcesOf(json, 'google_container_analysis_note_iam_member'))).toHaveLength(3);
    expect(
      attestor.node.tryFindChild('Iam-Attestor-binaryauthorization.attestorsVerifier-group:deployers@example.com'),
    ).toBe(first.dependables[0]);
  });

  test('grants to members known only at apply time get ids from the Terraform reference, and dedupe', () => {
    // GIVEN a CI service account and a deployer project read in the same stack
    const { stack, attestor } = kmsAttestor();
    const sa = new ServiceAccount(stack, 'ci', { accountId: 'ci-signer' });
    const deployer = new DataGoogleProject(stack, 'deployer', { projectId: 'deployer-one' });
    // WHEN
    attestor.grantSign(IamMember.serviceAccount(sa.email));
    attestor.grantSign(IamMember.serviceAccount(sa.email));
    attestor.grantDeployerProject(deployer.number);
    const json = synthValidated(stack);
    // THEN
    expect(
      attestor.node.tryFindChild(
        'Iam-Note-containeranalysis.notes.attacher-serviceAccount:google_service_account.ci.email',
      ),
    ).toBeDefined();
    expect(
      Object.values(resourcesOf(json, 'google_container_analysis_note_iam_member'))
        .map((m: any) => m.member)
        .sort(),
    ).toEqual([
      'serviceAccount:${google_binary_authorization_attestor.Attestor_1DD8D56A.attestation_authority_note[0].delegation_service_account_email}',
      'serviceAccount:${google_service_account.ci.email}',
      'serviceAccount:service-${data.google_project.deployer.number}@gcp-sa-binaryauthorization.iam.gserviceaccount.com',
    ]);
  });

  describe('two members whose ids would be the same', () => {
    const POOL = 'principal://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/gh/subject/';
    const FIRST = IamMember.of(`${POOL}repo:acme/build_tools:ref:refs/heads/main`);
    const SECOND = IamMember.of(`${POOL}repo:acme/build/tools:ref:refs/heads/main`);
    const THIRD = IamMember.of(`${POOL}repo:acme_build/tools:ref:refs/heads/main`);

    test.each<[string, (a: Attestor, m: IamMember) => unknown, string[]]>([
      ['grantVerify', (a, m) => a.grantVerify(m), ['google_binary_authorization_attestor_iam_member']],
      ['grantView', (a, m) => a.grantView(m), ['google_binary_authorization_attestor_iam_member']],
      [
        'grant',
        (a, m) => a.grant(m, 'roles/binaryauthorization.attestorsViewer'),
        ['google_binary_authorization_attestor_iam_member'],
      ],
      [
        'grantSign',
        (a, m) => a.grantSign(m),
        ['google_container_analysis_note_iam_member', 'google_kms_crypto_key_iam_member'],
      ],
    ])('%s grants each of them, the first under the id it always had', (_, grant, types) => {
      // GIVEN
      const { stack, attestor } = kmsAttestor();
      // WHEN
      const grants = [FIRST, SECOND, THIRD, SECOND, FIRST].map((m) => grant(attestor, m) as { dependables: unknown[] });
      const json = synthValidated(stack);
      // THEN each member is granted once, and the same member again gets its own grant back
      for (const type of types) {
        const members = Object.values(resourcesOf(json, type)).map((m: any) => m.member);
        expect(members.filter((m) => m.startsWith(POOL)).sort()).toEqual(
          [FIRST, SECOND, THIRD].map((m) => m.member).sort(),
        );
      }
      expect(grants[3].dependables).toEqual(grants[1].dependables);
      expect(grants[4].dependables).toEqual(grants[0].dependables);
      expect(new Set(grants.slice(0, 3).flatMap((g) => g.dependables)).size).toBe(3 * types.length);
      const ids = attestor.node.children.map((c) => c.node.id).filter((id) => id.includes('build'));
      expect(ids.filter((id) => id.endsWith('build_tools:ref:refs_heads_main'))).toHaveLength(types.length);
    });

    test('the same role for both keeps separate grants on the note and on the key', () => {
      const { attestor } = kmsAttestor();
      const one = attestor.grantSign(FIRST);
      const two = attestor.grantSign(SECOND);
      expect(two.dependables.filter((d) => one.dependables.includes(d))).toEqual([]);
    });
  });

  test('fails for a project number that is a project id', () => {
    const { attestor } = kmsAttestor();
    expect(() => attestor.grantDeployerProject('deployer-project')).toThrow(
      /\[security\/Attestor\] invalid 'projectNumber' "deployer-project": a project number is all digits/,
    );
  });

  test('accepts a project number known only at apply time', () => {
    const { stack, attestor } = kmsAttestor();
    attestor.grantDeployerProject(Token.asString({ Ref: 'project.number' }));
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe('Referenced attestors', () => {
  test('fromAttestorName: grantVerify works and creates nothing else', () => {
    // GIVEN
    const stack = newStack({ id: 'deployer' });
    const attestor = Attestor.fromAttestorName(stack, 'Attestor', `projects/${PROJECT}/attestors/build-attestor`);
    // WHEN
    attestor.grantVerify(IamMember.group('deployers@example.com'));
    const json = synthValidated(stack);
    // THEN
    expect(attestor.attestorName).toBe(`projects/${PROJECT}/attestors/build-attestor`);
    expect(resourcesOf(json, 'google_binary_authorization_attestor')).toEqual({});
    expect(onlyResource(json, 'google_binary_authorization_attestor_iam_member')).toEqual({
      project: PROJECT,
      attestor: 'build-attestor',
      role: 'roles/binaryauthorization.attestorsVerifier',
      member: 'group:deployers@example.com',
    });
  });

  test('fromAttestorName: note grants fail and say how to give the note', () => {
    const attestor = Attestor.fromAttestorName(
      newStack({ id: 'security' }),
      'Attestor',
      `projects/${PROJECT}/attestors/build-attestor`,
    );
    expect(() => attestor.grantSign(CI)).toThrow(
      /\[security\/Attestor\] invalid 'note' \(not set\): grantSign needs the attestor's note: .*Attestor.fromAttestorAttributes\(scope, id, \{ attestorName, noteName/,
    );
    expect(() => attestor.grantDeployerProject('42')).toThrow(/grantDeployerProject needs the attestor's note/);
  });

  test('fromAttestorAttributes with the note: every grant works', () => {
    // GIVEN
    const stack = newStack({ id: 'security' });
    const attestor = Attestor.fromAttestorAttributes(stack, 'Attestor', {
      attestorName: `projects/${PROJECT}/attestors/build-attestor`,
      noteName: 'projects/notes-project/notes/build-note',
    });
    // WHEN
    attestor.grantSign(CI);
    attestor.grantDeployerProject('42');
    const synth = Testing.synth(stack, true);
    // THEN
    expect(synth).toHaveResourceWithProperties(ContainerAnalysisNoteIamMember, {
      project: 'notes-project',
      note: 'build-note',
      role: 'roles/containeranalysis.notes.attacher',
      member: CI.member,
    });
    expect(synth).toHaveResourceWithProperties(ContainerAnalysisNoteIamMember, {
      project: 'notes-project',
      note: 'build-note',
      role: 'roles/containeranalysis.notes.occurrences.viewer',
    });
    expect(synth).not.toHaveResource(KmsCryptoKeyIamMember);
  });

  test('fails for a malformed attestor or note name, or one known only at apply time', () => {
    const stack = newStack({ id: 'security' });
    expect(() => Attestor.fromAttestorName(stack, 'A', 'build-attestor')).toThrow(
      /\[security\/A\] invalid 'attestorName' "build-attestor": a full resource name looks like "projects\/PROJECT_ID\/attestors\/ATTESTOR_ID"/,
    );
    expect(() => Attestor.fromAttestorName(stack, 'B', Token.asString({ Ref: 'x' }))).toThrow(
      /must be known at synth time/,
    );
    expect(() =>
      Attestor.fromAttestorAttributes(stack, 'C', {
        attestorName: `projects/${PROJECT}/attestors/a`,
        noteName: 'projects/p/notes/n',
      }),
    ).toThrow(
      /\[security\/C\] invalid 'noteName' "projects\/p\/notes\/n": a full resource name looks like .*a project id has/,
    );
  });

  test('builtByCloudBuild: references, never creates, and allows attestor grants (snapshot)', () => {
    // GIVEN
    const stack = newStack({ id: 'security' });
    // WHEN
    const attestor = Attestor.builtByCloudBuild(stack, 'CloudBuild', 'build-project');
    attestor.grantVerify(IamMember.group('deployers@example.com'));
    const synth = Testing.synth(stack, true);
    // THEN
    expect(synth).toMatchSnapshot();
    expect(attestor.attestorName).toBe('projects/build-project/attestors/built-by-cloud-build');
    expect(synth).not.toHaveResource(BinaryAuthorizationAttestor);
    expect(synth).not.toHaveResource(ContainerAnalysisNote);
    expect(synth).toHaveResourceWithProperties(BinaryAuthorizationAttestorIamMember, {
      project: 'build-project',
      attestor: 'built-by-cloud-build',
      role: 'roles/binaryauthorization.attestorsVerifier',
    });
  });

  test('builtByCloudBuild: note grants explain that Cloud Build owns the note', () => {
    const attestor = Attestor.builtByCloudBuild(newStack({ id: 'security' }), 'CloudBuild', 'build-project');
    expect(() => attestor.grantSign(CI)).toThrow(
      /grantSign needs the attestor's note: the note of the built-by-cloud-build attestor is managed by Cloud Build/,
    );
  });

  test('builtByCloudBuild: fails for an invalid project', () => {
    expect(() => Attestor.builtByCloudBuild(newStack({ id: 'security' }), 'CloudBuild', 'Build')).toThrow(
      /\[security\/CloudBuild\] invalid 'project' "Build": a project id has/,
    );
  });
});

describe('Cross-project use', () => {
  test('an attestor in a security project, required by the policies of two deployer projects (snapshot)', () => {
    // GIVEN an attestor in the security project, signed by CI
    const { stack, attestor } = kmsAttestor('binauthz');
    attestor.grantSign(CI);

    // WHEN two deployer projects require it and are allowed to verify it
    const deployers = [
      { project: 'deployer-one', number: '111111111111' },
      { project: 'deployer-two', number: '222222222222' },
    ];
    for (const d of deployers) {
      new BinaryAuthorizationPolicy(stack, `Policy-${d.project}`, {
        project: d.project,
        defaultAdmissionRule: AdmissionRule.requireAttestations([attestor]),
      });
      attestor.grantDeployerProject(d.number);
    }
    const synth = Testing.synth(stack, true);

    // THEN
    expect(synth).toMatchSnapshot();
    const json = JSON.parse(synth);
    const attestorId = Object.keys(resourcesOf(json, 'google_binary_authorization_attestor'))[0];
    const policies = Object.values(resourcesOf(json, 'google_binary_authorization_policy'));
    expect(
      policies.map((p: any) => [p.project, p.default_admission_rule.require_attestations_by, p.depends_on]),
    ).toEqual(
      deployers.map((d) => [
        d.project,
        [`projects/${PROJECT}/attestors/build-attestor`],
        [`google_binary_authorization_attestor.${attestorId}`],
      ]),
    );
    for (const d of deployers) {
      const agent = `serviceAccount:service-${d.number}@gcp-sa-binaryauthorization.iam.gserviceaccount.com`;
      expect(synth).toHaveResourceWithProperties(BinaryAuthorizationAttestorIamMember, {
        project: PROJECT,
        role: 'roles/binaryauthorization.attestorsVerifier',
        member: agent,
      });
      expect(synth).toHaveResourceWithProperties(ContainerAnalysisNoteIamMember, {
        project: PROJECT,
        role: 'roles/containeranalysis.notes.occurrences.viewer',
        member: agent,
      });
    }
  });
});

describe('enableApis', () => {
  test('enables the Binary Authorization, Container Analysis and KMS APIs, never disabling them on destroy (snapshot)', () => {
    // GIVEN / WHEN
    const { stack } = newAttestor({
      attestorId: 'build-attestor',
      keys: [AttestorKey.newKmsKey({ project: 'kms-project' })],
      enableApis: true,
    });
    const synth = Testing.synth(stack, true);
    // THEN
    expect(synth).toMatchSnapshot();
    const json = JSON.parse(synth);
    const services = Object.values(resourcesOf(json, 'google_project_service')).map((s: any) => [
      s.project,
      s.service,
      s.disable_on_destroy,
    ]);
    expect(services.sort()).toEqual([
      ['kms-project', 'cloudkms.googleapis.com', false],
      [PROJECT, 'binaryauthorization.googleapis.com', false],
      [PROJECT, 'containeranalysis.googleapis.com', false],
    ]);
  });

  test('the note, the attestor, the key ring and the key depend on their APIs', () => {
    const { stack } = newAttestor({ keys: [AttestorKey.newKmsKey()], enableApis: true });
    const json = synthValidated(stack);
    const serviceRef = (api: string) =>
      `google_project_service.${Object.entries(resourcesOf(json, 'google_project_service')).find(([, s]: any) => s.service === api)![0]}`;
    const binauthz = serviceRef('binaryauthorization.googleapis.com');
    const analysis = serviceRef('containeranalysis.googleapis.com');
    const kms = serviceRef('cloudkms.googleapis.com');
    expect(onlyResource(json, 'google_container_analysis_note').depends_on).toEqual([binauthz, analysis]);
    expect(onlyResource(json, 'google_binary_authorization_attestor').depends_on).toEqual(
      expect.arrayContaining([binauthz, analysis]),
    );
    expect(onlyResource(json, 'google_kms_key_ring').depends_on).toEqual([kms]);
    expect(onlyResource(json, 'google_kms_crypto_key').depends_on).toEqual([kms]);
  });

  test('each project+API is enabled once per stack, reusing one the stack already has', () => {
    // GIVEN a stack that already enables Container Analysis
    const stack = newStack({ id: 'security' });
    new ProjectService(stack, 'Mine', { project: PROJECT, service: 'containeranalysis.googleapis.com' });
    // WHEN two attestors of the project enable their APIs
    new Attestor(stack, 'One', { project: PROJECT, keys: [PKIX], enableApis: true });
    new Attestor(stack, 'Two', { project: PROJECT, keys: [PKIX], enableApis: true });
    const json = synthValidated(stack);
    // THEN
    const services = Object.values(resourcesOf(json, 'google_project_service')).map((s: any) => s.service);
    expect(services.sort()).toEqual(['binaryauthorization.googleapis.com', 'containeranalysis.googleapis.com']);
    const notes = Object.values(resourcesOf(json, 'google_container_analysis_note'));
    for (const note of notes) {
      expect(note.depends_on).toContain(
        `google_project_service.${Object.keys(resourcesOf(json, 'google_project_service')).find((k) => k.startsWith('Mine'))}`,
      );
    }
  });

  test('creates no project services by default', () => {
    const { stack } = newAttestor({ keys: [AttestorKey.newKmsKey()] });
    expect(Testing.synth(stack, true)).not.toHaveResource(ProjectService);
  });
});
