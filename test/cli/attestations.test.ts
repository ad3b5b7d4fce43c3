/**
 * `check --attestations`: attestations verified offline decide REQUIRE_ATTESTATION; and `payload`, the
 * bytes to sign. Keys and signatures are made at test time with node:crypto.
 */
import { generateKeyPairSync, KeyObject, sign } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import Ajv from 'ajv';
import { pkixKeyId } from '../../src/core/attestation-keys';
import { ROOT, runCliText, scratchFolder } from '../support';

const scratch = scratchFolder('attestations-');
const file = scratch.file;
const run = (...argv: string[]) => runCliText(...argv);

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const IMAGE = `us-docker.pkg.dev/app-project/repo/api@${DIGEST}`;
const NOTE = 'projects/sec/notes/built';
const ATTESTOR = 'projects/sec/attestors/built';
const OTHER = 'projects/cloud-build/attestors/built-by-cloud-build';
const OTHER_NOTE = 'projects/cloud-build/notes/built-by-cloud-build';

const ours = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const theirs = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const pemOf = (k: KeyObject) => k.export({ type: 'spki', format: 'pem' }).toString();

/** Terraform JSON: a policy requiring `required`, our attestor (its PKIX key without id), a service by digest. */
function input(required: string[] = [ATTESTOR], image = IMAGE, keyPem: string = pemOf(ours.publicKey)): string {
  return file('main.tf.json', {
    resource: {
      google_binary_authorization_policy: {
        p: {
          project: 'app-project',
          global_policy_evaluation_mode: 'ENABLE',
          default_admission_rule: {
            evaluation_mode: 'REQUIRE_ATTESTATION',
            enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
            require_attestations_by: required,
          },
        },
      },
      google_binary_authorization_attestor: {
        built: {
          project: 'sec',
          name: 'built',
          attestation_authority_note: {
            note_reference: NOTE,
            public_keys: [{ pkix_public_key: { public_key_pem: keyPem, signature_algorithm: 'ECDSA_P256_SHA256' } }],
          },
        },
      },
      google_cloud_run_v2_service: {
        api: {
          project: 'app-project',
          name: 'api',
          location: 'us-central1',
          template: { containers: [{ image }] },
          binary_authorization: { use_default: true },
        },
      },
    },
  });
}

/** What `gcloud container binauthz attestations list --format=json` prints for one signed occurrence. */
function occurrence(opts: {
  key?: KeyObject;
  hash?: string;
  keyId?: string;
  note?: string;
  name?: string;
  image?: string;
}) {
  const image = opts.image ?? IMAGE;
  const payload = run('payload', image).stdout + '\n';
  const signature = sign(opts.hash ?? 'sha256', Buffer.from(payload), opts.key ?? ours.privateKey);
  return {
    name: opts.name ?? 'projects/app-project/occurrences/o1',
    resourceUri: `https://${image}`,
    noteName: opts.note ?? NOTE,
    kind: 'ATTESTATION',
    attestation: {
      serializedPayload: Buffer.from(payload).toString('base64'),
      signatures: [
        { publicKeyId: opts.keyId ?? pkixKeyId(pemOf(ours.publicKey)), signature: signature.toString('base64') },
      ],
    },
    createTime: '2026-01-01T00:00:00Z',
    updateTime: '2026-01-01T00:00:00Z',
  };
}

/** check --json's published schema: every output with attestations must keep to it. */
const validateCheck = new Ajv({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(join(ROOT, 'schemas/check.schema.json'), 'utf8')),
);

/** The rows of a `check --json` output, after checking the whole output against its schema. */
const rows = (stdout: string) => {
  const doc = JSON.parse(stdout);
  expect({ valid: validateCheck(doc), errors: validateCheck.errors ?? null }).toEqual({ valid: true, errors: null });
  return doc.results.map((r: any) => ({
    decision: r.decision,
    admitted: r.admitted,
    attestors: r.evaluation?.attestors,
  }));
};

describe('payload', () => {
  test('prints gcloud create-signature-payload bytes', () => {
    const { code, stdout, stderr } = run('payload', `https://gcr.io/p/app:v1@${DIGEST}`);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout + '\n').toBe(
      `{\n  "critical": {\n    "identity": {\n      "docker-reference": "gcr.io/p/app"\n    },\n    "image": {\n      "docker-manifest-digest": "${DIGEST}"\n    },\n    "type": "Google cloud binauthz container signature"\n  }\n}\n`,
    );
  });

  test('an image without a digest is exit 2, one line', () => {
    const { code, stdout, stderr } = run('payload', 'gcr.io/p/app:v1');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^cdktf-gcp-binauthz: payload: "gcr.io\/p\/app:v1" has no digest/);
    expect(stderr.split('\n')).toHaveLength(1);
  });
});

describe('check --attestations', () => {
  test('without --attestations nothing changes: REQUIRE_ATTESTATION, not admitted', () => {
    const { code, stdout } = run('check', input(), '--json');
    expect(code).toBe(1);
    expect(rows(stdout)).toEqual([{ decision: 'REQUIRE_ATTESTATION', admitted: false, attestors: undefined }]);
    expect(stdout).not.toMatch(/"attestors"/);
  });

  test('a verified attestation admits (exit 0), naming the occurrence; --json carries each attestor', () => {
    const att = file('att.json', [occurrence({})]);
    const { code, stdout } = run('check', input(), '--attestations', att, '--json');
    expect(code).toBe(0);
    expect(rows(stdout)).toEqual([
      {
        decision: 'ALLOW',
        admitted: true,
        attestors: [
          expect.objectContaining({
            attestor: ATTESTOR,
            satisfied: true,
            reason: 'attested',
            occurrences: ['projects/app-project/occurrences/o1'],
          }),
        ],
      },
    ]);
    const table = run('check', input(), '--attestations', att).stdout;
    expect(table).toMatch(/attested by projects\/sec\/attestors\/built \(projects\/app-project\/occurrences\/o1\)/);
    expect(table).toMatch(/cannot be known here/);
  });

  test('one occurrence object (not a list) is read too', () => {
    const att = file('one.json', occurrence({}));
    expect(run('check', input(), '--attestations', att).code).toBe(0);
  });

  test('with --image', () => {
    const att = file('att.json', [occurrence({})]);
    const { code, stdout } = run(
      'check',
      input(),
      '--image',
      `gcr.io/mirror/api@${DIGEST}`,
      '--attestations',
      att,
      '--json',
    );
    expect(code).toBe(0);
    // An --image row carries the evaluation whole, as a workload row does (one JSON shape: schemas/check.schema.json).
    expect(rows(stdout)[0]).toMatchObject({
      decision: 'ALLOW',
      attestors: [{ attestor: ATTESTOR, satisfied: true }],
    });
    // The table says what verifying offline cannot know, as for the workloads.
    const table = run('check', input(), '--image', `gcr.io/mirror/api@${DIGEST}`, '--attestations', att).stdout;
    expect(table).toMatch(/note: attestations verified offline: .*cannot be known here/);
  });

  test.each([
    [
      "a stranger's signature",
      () => occurrence({ key: theirs.privateKey, hash: 'sha384' }),
      'invalid-signature',
      /the signature does not verify/,
    ],
    ['another note', () => occurrence({ note: 'projects/sec/notes/other' }), 'other-note', /another note/],
    [
      'an unknown key id',
      () => occurrence({ keyId: 'ni:///sha-256;nope' }),
      'unknown-key-id',
      /key id the attestor does not have/,
    ],
    [
      'another digest',
      () => occurrence({ image: `us-docker.pkg.dev/app-project/repo/api@sha256:${'cd'.repeat(32)}` }),
      'no-attestation',
      /no attestation for this digest/,
    ],
  ])('%s: not admitted, exit 1, with the reason', (_, make, reason, text) => {
    const att = file('att.json', [make()]);
    const json = run('check', input(), '--attestations', att, '--json');
    expect(json.code).toBe(1);
    expect(rows(json.stdout)[0]).toMatchObject({
      decision: 'REQUIRE_ATTESTATION',
      admitted: false,
      attestors: [{ reason }],
    });
    expect(run('check', input(), '--attestations', att).stdout).toMatch(text);
  });

  test('an attestor the input does not hold: its keys from --attestor (attestors describe)', () => {
    const required = [ATTESTOR, OTHER];
    const att = file('att.json', [
      occurrence({}),
      occurrence({
        key: theirs.privateKey,
        hash: 'sha384',
        keyId: 'ni:///cb',
        note: OTHER_NOTE,
        name: 'projects/app-project/occurrences/o2',
      }),
    ]);
    const without = run('check', input(required), '--attestations', att, '--json');
    expect(without.code).toBe(1);
    expect(rows(without.stdout)[0].attestors).toEqual([
      expect.objectContaining({ satisfied: true }),
      expect.objectContaining({ attestor: OTHER, satisfied: false, reason: 'keys-not-given' }),
    ]);
    const described = file('cb.json', {
      name: OTHER,
      userOwnedGrafeasNote: {
        noteReference: OTHER_NOTE,
        publicKeys: [
          {
            id: 'ni:///cb',
            pkixPublicKey: { publicKeyPem: pemOf(theirs.publicKey), signatureAlgorithm: 'ECDSA_P384_SHA384' },
          },
        ],
      },
      updateTime: '2026-01-01T00:00:00Z',
    });
    const withKeys = run('check', input(required), '--attestations', att, '--attestor', described, '--json');
    expect(withKeys.code).toBe(0);
    expect(rows(withKeys.stdout)[0].decision).toBe('ALLOW');
  });

  test('a Cloud KMS key whose PEM is known only after apply: not admitted', () => {
    const path = input([ATTESTOR], IMAGE, '${data.google_kms_crypto_key_version.v.public_key[0].pem}');
    const att = file('att.json', [occurrence({})]);
    const { code, stdout } = run('check', path, '--attestations', att, '--json');
    expect(code).toBe(1);
    expect(rows(stdout)[0].attestors[0].reason).toBe('key-unknown-until-apply');
  });

  test.each([
    ['a number', 1, /--attestations .*att-bad\.json: expected the attestations/],
    ['null', null, /--attestations .*att-bad\.json: expected the attestations/],
    ['a policy', { resource: {} }, /--attestations .*att-bad\.json: noteName must be a string/],
    ['a list of strings', ['x'], /--attestations .*att-bad\.json\[0\]: an occurrence must be an object/],
  ])('attestations of another shape (%s) are exit 2 naming the file', (_, content, message) => {
    const att = file('att-bad.json', content);
    const { code, stdout, stderr } = run('check', input(), '--attestations', att);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  test('a file that is not JSON, or missing, is exit 2', () => {
    expect(run('check', input(), '--attestations', file('t.json', 'not json')).stderr).toMatch(
      /--attestations .*t\.json: not valid JSON/,
    );
    expect(run('check', input(), '--attestations', `${scratch.path}/missing.json`).code).toBe(2);
  });

  test('an --attestor of another shape is exit 2', () => {
    const att = file('att.json', [occurrence({})]);
    const { code, stderr } = run('check', input(), '--attestations', att, '--attestor', file('a.json', []));
    expect(code).toBe(2);
    expect(stderr).toMatch(/--attestor .*a\.json: expected an attestor/);
  });

  test('an attestor of the input with a key of another shape is exit 2 naming the file', () => {
    const path = input();
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    doc.resource.google_binary_authorization_attestor.built.attestation_authority_note.public_keys = [5];
    const bad = file('bad.tf.json', doc);
    const { code, stderr } = run('check', bad, '--attestations', file('att.json', [occurrence({})]));
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /bad\.tf\.json: google_binary_authorization_attestor\.built: attestation_authority_note\.public_keys\[0\] must be a block/,
    );
  });

  test('--attestor without --attestations is a usage error', () => {
    const { code, stderr } = run('check', input(), '--attestor', file('a.json', {}));
    expect(code).toBe(2);
    expect(stderr).toMatch(/pass the attestations too/);
  });
});
