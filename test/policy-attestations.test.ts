import { spawnSync } from 'child_process';
import { generateKeyPairSync, KeyObject, sign } from 'crypto';
import { join } from 'path';
import { TerraformStack, Testing } from 'cdktf';
import {
  AdmissionRule,
  AdmissionVerdict,
  Attestor,
  AttestorKey,
  BinaryAuthorizationPolicy,
  SignatureAlgorithm,
} from '../src';
import { ROOT } from './support';
import { signaturePayload } from '../src/core/attestation';
import { pkixKeyId } from '../src/core/attestation-keys';

const DIGEST = `sha256:${'d'.repeat(64)}`;
const IMAGE = `us-docker.pkg.dev/my-project/repo/app@${DIGEST}`;
const pemOf = (k: KeyObject) => k.export({ type: 'spki', format: 'pem' }).toString();

/** A stack with an attestor of a literal PKIX key (id left to the API) and a policy that requires it. */
function scenario() {
  const stack = new TerraformStack(Testing.app(), 'stack');
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const attestor = new Attestor(stack, 'Attestor', {
    project: 'sec-project',
    attestorId: 'built-by-ci',
    keys: [
      AttestorKey.pkix({
        publicKeyPem: pemOf(pair.publicKey),
        signatureAlgorithm: SignatureAlgorithm.ECDSA_P256_SHA256,
      }),
    ],
  });
  const policy = new BinaryAuthorizationPolicy(stack, 'Policy', {
    project: 'my-project',
    defaultAdmissionRule: AdmissionRule.requireAttestations([attestor]),
  });
  return { stack, pair, attestor, policy };
}

/** One occurrence as `gcloud container binauthz attestations list --format=json` prints it, as JSON text. */
function attestationsText(note: string, privateKey: KeyObject, keyId: string): string {
  const payload = Buffer.from(signaturePayload(IMAGE));
  return JSON.stringify([
    {
      name: 'projects/my-project/occurrences/1',
      kind: 'ATTESTATION',
      noteName: note,
      resourceUri: `https://${IMAGE}`,
      attestation: {
        serializedPayload: payload.toString('base64'),
        signatures: [{ publicKeyId: keyId, signature: sign('sha256', payload, privateKey).toString('base64') }],
      },
    },
  ]);
}

describe('BinaryAuthorizationPolicy.evaluate with attestations', () => {
  test('an attestation signed by the stack attestor’s literal key admits the image', () => {
    // GIVEN
    const { pair, policy } = scenario();
    const text = attestationsText(
      'projects/sec-project/notes/built-by-ci-note',
      pair.privateKey,
      pkixKeyId(pemOf(pair.publicKey))!,
    );
    // WHEN
    const result = policy.evaluate(IMAGE, { attestations: [text] });
    // THEN
    expect(result.decision).toBe(AdmissionVerdict.ALLOW);
    expect(result.admitted).toBe(true);
    expect(result.attestors).toEqual([
      {
        attestor: 'projects/sec-project/attestors/built-by-ci',
        satisfied: true,
        reason: 'attested',
        occurrences: ['projects/my-project/occurrences/1'],
      },
    ]);
  });

  test('without attestations nothing changes', () => {
    const { policy } = scenario();
    const result = policy.evaluate(IMAGE);
    expect(result.decision).toBe(AdmissionVerdict.REQUIRE_ATTESTATION);
    expect(result.attestors).toBeUndefined();
  });

  test("a stranger's signature does not admit", () => {
    const { pair, policy } = scenario();
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const text = attestationsText(
      'projects/sec-project/notes/built-by-ci-note',
      stranger.privateKey,
      pkixKeyId(pemOf(pair.publicKey))!,
    );
    const result = policy.evaluate(IMAGE, { attestations: [text] });
    expect(result.decision).toBe(AdmissionVerdict.REQUIRE_ATTESTATION);
    expect(result.admitted).toBe(false);
    expect(result.attestors?.[0].reason).toBe('the signature does not verify');
  });

  test('an attestor outside the stack: keys from attestors describe', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const outside = Attestor.fromAttestorName(
      stack,
      'CloudBuild',
      'projects/cloud-build-prj/attestors/built-by-cloud-build',
    );
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', {
      project: 'my-project',
      defaultAdmissionRule: AdmissionRule.requireAttestations([outside]),
    });
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const text = attestationsText('projects/cloud-build-prj/notes/built-by-cloud-build', pair.privateKey, 'ni:///cb');
    expect(policy.evaluate(IMAGE, { attestations: [text] }).attestors?.[0].reason).toMatch(/keys are not given/);
    const described = JSON.stringify({
      name: 'projects/cloud-build-prj/attestors/built-by-cloud-build',
      userOwnedGrafeasNote: {
        noteReference: 'projects/cloud-build-prj/notes/built-by-cloud-build',
        publicKeys: [
          {
            id: 'ni:///cb',
            pkixPublicKey: { publicKeyPem: pemOf(pair.publicKey), signatureAlgorithm: 'ECDSA_P256_SHA256' },
          },
        ],
      },
    });
    expect(policy.evaluate(IMAGE, { attestations: [text], attestors: [described] }).decision).toBe(
      AdmissionVerdict.ALLOW,
    );
  });

  test('attestations that are not what gcloud prints fail with the property named', () => {
    const { policy } = scenario();
    expect(() => policy.evaluate(IMAGE, { attestations: ['{"x": 1}'] })).toThrow(/attestations\[0\]/);
    expect(() => policy.evaluate(IMAGE, { attestations: ['not json'] })).toThrow(/attestations\[0\]/);
    expect(() => policy.evaluate(IMAGE, { attestations: [], attestors: ['[]'] })).toThrow(/attestors\[0\]/);
  });
});

describe('what loading the library costs', () => {
  test('the attestation readers and verification, the trust chain, the readers of Terraform and the organization policy class are not loaded by the library', () => {
    // A child process: this one has loaded them already (the tests above).
    const script =
      "require('./src'); console.log(JSON.stringify(Object.keys(require.cache).map((k) => k.replace(/\\\\/g, '/')).filter((k) => /src\\/core\\/(attestation|trust|iam-roles|terraform-json|terraform-plan|gate|lint|review)|openpgp|org-policy-policy/.test(k))))";
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'test/tsconfig.json'), TS_NODE_TRANSPILE_ONLY: 'true' },
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toStrictEqual([]);
  });
});
