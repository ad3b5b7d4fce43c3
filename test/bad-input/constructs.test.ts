/**
 * Bad input against the constructs, as a careless user and an attacker would give it: each case must
 * fail synth (eagerly or as a validation) with a message that names the construct path, the property,
 * what was received and the fix. Values that only a caller without types can pass are included: a
 * JavaScript caller gets the same checks as a typed one.
 */
import { generateKeyPairSync } from 'crypto';
import { BinaryAuthorizationPolicy as PolicyResource } from '@cdktf/provider-google/lib/binary-authorization-policy';
import { CloudRunV2Service } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { Cloudfunctions2Function } from '@cdktf/provider-google/lib/cloudfunctions2-function';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { App, Aspects, Lazy, TerraformLocal, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { Construct } from 'constructs';
import {
  AdmissionRule,
  Attestor,
  AttestorKey,
  BinauthzErrors,
  BinaryAuthorization,
  BinaryAuthorizationPolicy,
  CloudRunBinaryAuthorizationGuardrail,
  DeploymentPath,
  IamMember,
  RequireBinaryAuthorization,
  SignatureAlgorithm,
} from '../../src';
import { EC_PUBLIC_KEY_PEM, PGP_PUBLIC_KEY, PGP_PUBLIC_KEY_BODY, pgpSecretKeyBody } from '../fixtures/keys';
import { newStack } from '../support';

/** Anything, as a caller without types may pass it. */
const any = (value: unknown): any => value;

const rsa2048 = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
const ed25519 = generateKeyPairSync('ed25519');
const pem = (key: { export(options: object): string | Buffer }, type: string) =>
  key.export({ type, format: 'pem' }).toString();
const RSA_2048_PEM = pem(rsa2048.publicKey, 'spki');
const EC_384_PEM = pem(ec384.publicKey, 'spki');
const ED25519_PEM = pem(ed25519.publicKey, 'spki');
const RSA_PRIVATE_PKCS8 = pem(rsa2048.privateKey, 'pkcs8');
/** The body of a private key without its PEM lines, as pasted from the middle of a file. */
const HEADERLESS_PRIVATE = RSA_PRIVATE_PKCS8.split('\n')
  .filter((l) => !l.startsWith('-----'))
  .join('\n');
const HEADERLESS_EC_PRIVATE = pem(ec384.privateKey, 'sec1')
  .split('\n')
  .filter((l) => !l.startsWith('-----'))
  .join('');
const GARBAGE_BODY_PEM = `-----BEGIN PUBLIC KEY-----\n${'QUJDRA'.repeat(12)}\n-----END PUBLIC KEY-----\n`;
/** The radix-64 body of an OpenPGP Secret-Key packet, as pasted from `gpg --armor --export-secret-keys`. */
const PGP_SECRET_BODY = pgpSecretKeyBody();
/** The fix every refused PGP key names. */
const PGP_FIX =
  'pass an OpenPGP public key as "gpg --armor --export KEY_ID" prints it \\("-----BEGIN PGP PUBLIC KEY BLOCK-----" … "-----END PGP PUBLIC KEY BLOCK-----"\\), or its radix-64 body alone';
/** What a refused PGP key shows instead of itself. */
const PGP_SHOWN = (length: number) => `\\(a value of ${length} characters, not shown: it may be key material\\)`;

const DIGEST = 'a'.repeat(64);
const ATTESTOR = 'projects/sec-proj-a/attestors/prod';

/** A stack whose provider deploys into my-project. */
const projectStack = (app?: App, id?: string) => newStack({ app, id, project: 'my-project' });

function policy(stack: Construct, props: object = {}): BinaryAuthorizationPolicy {
  return new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project', ...props });
}

function attestor(stack: Construct, props: object = {}): Attestor {
  return new Attestor(stack, 'Attestor', {
    project: 'sec-project',
    keys: [
      AttestorKey.pkix({ publicKeyPem: EC_PUBLIC_KEY_PEM, signatureAlgorithm: SignatureAlgorithm.ECDSA_P256_SHA256 }),
    ],
    ...props,
  });
}

function pkix(publicKeyPem: unknown, signatureAlgorithm: unknown = SignatureAlgorithm.ECDSA_P256_SHA256) {
  return (stack: Construct) =>
    attestor(stack, {
      keys: [AttestorKey.pkix({ publicKeyPem: any(publicKeyPem), signatureAlgorithm: any(signatureAlgorithm) })],
    });
}

function service(scope: Construct, id = 'svc', props: object = {}): CloudRunV2Service {
  return new CloudRunV2Service(scope, id, {
    name: id,
    location: 'us-central1',
    template: { containers: [{ image: `us-docker.pkg.dev/my-project/apps/api@sha256:${DIGEST}` }] },
    ...props,
  });
}

function sourceService(scope: Construct, props: object) {
  return service(scope, 'src', {
    buildConfig: { sourceLocation: 'gs://b/src.zip', functionTarget: 'handler' },
    ...props,
  });
}

function gcf(scope: Construct, props: object = {}) {
  return new Cloudfunctions2Function(scope, 'fn', {
    name: 'fn',
    location: 'us-central1',
    buildConfig: { runtime: 'nodejs22', entryPoint: 'handler' },
    ...props,
  });
}

/** A bad input: what it builds in a fresh stack, and the error it must fail synth with. */
type Case = [name: string, build: (stack: TerraformStack) => void, error: RegExp];

/** Registry-wide patterns on registries that anyone can push to, each through both ways in. */
const MULTI_TENANT_PATTERNS = [
  'docker.io/**',
  'docker.io/*',
  'index.docker.io/**',
  'registry-1.docker.io/*',
  'mirror.gcr.io/**',
  'gcr.io/**',
  'gcr.io/*',
  'gcr.io/acme*',
  'us.gcr.io/**',
  'eu.gcr.io/*',
  'asia.gcr.io/**',
  'us-docker.pkg.dev/**',
  'us-central1-docker.pkg.dev/*',
  'europe-west4-docker.pkg.dev/example.com/**',
  'ghcr.io/**',
  'quay.io/*',
  'public.ecr.aws/**',
  'registry.gitlab.com/**',
  'cgr.dev/**',
  'us.icr.io/*',
  'iad.ocir.io/**',
];

/** A case of addAllowlistPattern on a fresh policy, given anything as the pattern. */
const addingPattern = (what: string, pattern: unknown, error: RegExp): Case => [
  what,
  (s) => policy(s).addAllowlistPattern(any(pattern)),
  error,
];

/** A case of a fresh policy given anything as its allowlistPatterns. */
const withPatterns = (what: string, patterns: unknown, error: RegExp): Case => [
  what,
  (s) => policy(s, { allowlistPatterns: patterns }),
  error,
];

const PATTERN_CASES: Case[] = [
  ...MULTI_TENANT_PATTERNS.map((p) =>
    addingPattern(
      `addAllowlistPattern(${JSON.stringify(p)}): registry-wide on a multi-tenant registry`,
      p,
      new RegExp(
        `^\\[stack/Policy\\] invalid 'pattern' ${JSON.stringify(p).replace(/[.*]/g, '\\$&')}: ".*" is shared by many owners.*admits anyone's images; name the (project|namespace) before the wildcard`,
      ),
    ),
  ),
  ...['ttl.sh/acme/app@*', 'ttl.sh/acme/**'].map((p) =>
    addingPattern(
      `addAllowlistPattern(${JSON.stringify(p)}): not pinned to a digest where anyone pushes any name`,
      p,
      /^\[stack\/Policy\] invalid 'pattern' "ttl\.sh\/.*": anyone can push any name to "ttl\.sh".*pinned to a digest/,
    ),
  ),
  ...['docker.io/**', 'gcr.io/**', 'us-docker.pkg.dev/*'].map((p) =>
    withPatterns(
      `allowlistPatterns [${JSON.stringify(p)}]: registry-wide on a multi-tenant registry`,
      [p],
      /^\[stack\/Policy\] invalid 'allowlistPatterns' ".*": ".*" is shared by many owners/,
    ),
  ),
  addingPattern(
    'a digest of 32 hex digits',
    `gcr.io/p-proj/app@sha256:${'a'.repeat(32)}`,
    /invalid 'pattern' .*: after "@" a pattern has either "\*" .* "sha256:" and 64 lowercase hex digits/,
  ),
  addingPattern('an uppercase digest', `gcr.io/p-proj/app@sha256:${'A'.repeat(64)}`, /64 lowercase hex digits/),
  addingPattern('an md5 digest', `gcr.io/p-proj/app@md5:${'a'.repeat(32)}`, /64 lowercase hex digits/),
  addingPattern('a sha512 digest', `gcr.io/p-proj/app@sha512:${'a'.repeat(128)}`, /64 lowercase hex digits/),
  addingPattern('a digest of 65 hex digits', `gcr.io/p-proj/app@sha256:${'a'.repeat(65)}`, /64 lowercase hex digits/),
  addingPattern(
    'a pattern of "**" alone',
    '**',
    /invalid 'pattern' "\*\*": .*wildcards alone would admit every image\); write one like "us-docker/,
  ),
  addingPattern('a pattern of "*" alone', '*', /invalid 'pattern' "\*": .*wildcards alone would admit every image/),
  addingPattern(
    '"gcr.io*" suggests no registry-wide pattern',
    'gcr.io*',
    /invalid 'pattern' "gcr.io\*": a wildcard may stand only after the "registry\/" part; write one like "us-docker/,
  ),
  addingPattern('a tag', 'gcr.io/p-proj/app:latest', /Cloud Run does not accept tags/),
  addingPattern('a number', 5, /^\[stack\/Policy\] invalid 'pattern' 5: expected a string$/),
  addingPattern('null', null, /invalid 'pattern' null: expected a string/),
  addingPattern('undefined', undefined, /invalid 'pattern' \(not set\): expected a string/),
  addingPattern(
    'an object',
    { namePattern: 'gcr.io/p-proj/**' },
    /invalid 'pattern' \{"namePattern":"gcr.io\/p-proj\/\*\*"\}: expected a string/,
  ),
  withPatterns(
    'a pattern list that is a string',
    'gcr.io/p-proj/**',
    /invalid 'allowlistPatterns' "gcr.io\/p-proj\/\*\*": expected an array/,
  ),
  withPatterns('a pattern list holding a number', [7], /invalid 'allowlistPatterns' 7: expected a string/),
  addingPattern(
    'a pattern with a newline, escaped in the message',
    'gcr.io/p-proj/app\n@*',
    /invalid 'pattern' "gcr.io\/p-proj\/app\\n@\*": a pattern cannot contain white space/,
  ),
  addingPattern(
    'a pattern with a bidi override, escaped in the message',
    'gcr.io/p-proj/\u202eapp@*',
    /invalid 'pattern' "gcr.io\/p-proj\/\\u202eapp@\*"/,
  ),
];

const POLICY_CASES: Case[] = [
  [
    'no props',
    (s) => new BinaryAuthorizationPolicy(s, 'Policy', any(undefined)),
    /^\[stack\/Policy\] invalid 'props' \(not set\): expected an object/,
  ],
  [
    'props that are a string',
    (s) => new BinaryAuthorizationPolicy(s, 'Policy', any('my-project')),
    /invalid 'props' "my-project": expected an object/,
  ],
  [
    'a project that is a number',
    (s) => new BinaryAuthorizationPolicy(s, 'Policy', any({ project: 123456 })),
    /invalid 'project' 123456: expected a string/,
  ],
  [
    'no project',
    (s) => new BinaryAuthorizationPolicy(s, 'Policy', any({})),
    /invalid 'project' \(not set\): expected a string/,
  ],
  [
    'a description that is a number',
    (s) => policy(s, { description: 5 }),
    /invalid 'description' 5: expected a string/,
  ],
  [
    'preventDestroy "no"',
    (s) => policy(s, { preventDestroy: 'no' }),
    /invalid 'preventDestroy' "no": expected true or false/,
  ],
  ['adoptExisting 1', (s) => policy(s, { adoptExisting: 1 }), /invalid 'adoptExisting' 1: expected true or false/],
  ['enableApis "yes"', (s) => policy(s, { enableApis: 'yes' }), /invalid 'enableApis' "yes": expected true or false/],
  [
    'globalPolicyEvaluation "ENABLE"',
    (s) => policy(s, { globalPolicyEvaluation: 'ENABLE' }),
    /invalid 'globalPolicyEvaluation' "ENABLE": expected true or false/,
  ],
  [
    'a default rule that is a string',
    (s) => policy(s, { defaultAdmissionRule: 'ALWAYS_DENY' }),
    /invalid 'defaultAdmissionRule' "ALWAYS_DENY": expected an AdmissionRule, such as AdmissionRule.denyAll\(\)/,
  ],
  [
    'a default rule that is a plain object',
    (s) => policy(s, { defaultAdmissionRule: { evaluationMode: 'ALWAYS_ALLOW' } }),
    /invalid 'defaultAdmissionRule' .*expected an AdmissionRule/,
  ],
  [
    'two policies for the same variable project',
    (s) => {
      const v = new TerraformVariable(s, 'project', { type: 'string' });
      new BinaryAuthorizationPolicy(s, 'A', { project: v.stringValue });
      new BinaryAuthorizationPolicy(s, 'B', { project: v.stringValue });
    },
    /^\[stack\/B\] invalid 'project' \(known only at apply time: "\$\{var.project\}"\): the project already has a policy at \[stack\/A\]/,
  ],
  [
    'two policies for the same literal project in two stacks',
    (s) => {
      policy(s);
      new BinaryAuthorizationPolicy(projectStack(s.node.root as App, 'other'), 'Policy', { project: 'my-project' });
    },
    /^\[other\/Policy\] invalid 'project' "my-project": the project already has a policy at \[stack\/Policy\]/,
  ],
  [
    'two policies, one for a literal project and one for a token that stands for it',
    (s) => {
      policy(s);
      new BinaryAuthorizationPolicy(s, 'B', { project: Lazy.stringValue({ produce: () => 'my-project' }) });
    },
    /\[stack\/B\] invalid 'project' \(a token that stands for "my-project"\): the project already has a policy at \[stack\/Policy\]/,
  ],
  [
    'two policies, one for a literal project and one for a local that holds it',
    (s) => {
      policy(s);
      const local = new TerraformLocal(s, 'project', 'my-project');
      new BinaryAuthorizationPolicy(s, 'B', { project: local.asString });
    },
    /\[stack\/B\] invalid 'project' \(known only at apply time: "\$\{local.project\}"\): the project already has a policy at \[stack\/Policy\]/,
  ],
  [
    'two guardrails, one for a parent and one for a local that refers to a local that holds it',
    (s) => {
      new CloudRunBinaryAuthorizationGuardrail(s, 'G1', { parent: 'folders/42' });
      const inner = new TerraformLocal(s, 'inner', 'folders/42');
      const outer = new TerraformLocal(s, 'outer', inner.asString);
      new CloudRunBinaryAuthorizationGuardrail(s, 'G2', { parent: outer.asString });
    },
    /\[stack\/G2\] invalid 'parent' .*\[stack\/G1\] already sets/,
  ],
  [
    'two policies, one for a token that stands for a project and one for that literal, in two stacks',
    (s) => {
      new BinaryAuthorizationPolicy(s, 'A', { project: Token.asString({ resolve: () => 'my-project' }) });
      new BinaryAuthorizationPolicy(projectStack(s.node.root as App, 'other'), 'Policy', { project: 'my-project' });
    },
    /\[stack\/A\] invalid 'project' \(a token that stands for "my-project"\): the project already has a policy at \[other\/Policy\]/,
  ],
  [
    'a policy and a raw google_binary_authorization_policy for its project',
    (s) => {
      policy(s);
      new PolicyResource(s, 'raw', {
        project: 'my-project',
        defaultAdmissionRule: { evaluationMode: 'ALWAYS_ALLOW', enforcementMode: 'ENFORCED_BLOCK_AND_AUDIT_LOG' },
      });
    },
    /\[stack\/Policy\] invalid 'project' "my-project": a google_binary_authorization_policy for the same project is defined at \[stack\/raw\]/,
  ],
  [
    "a policy and a raw google_binary_authorization_policy in its provider's project",
    (s) => {
      policy(s);
      new PolicyResource(projectStack(s.node.root as App, 'other'), 'raw', {
        defaultAdmissionRule: { evaluationMode: 'ALWAYS_ALLOW', enforcementMode: 'ENFORCED_BLOCK_AND_AUDIT_LOG' },
      });
    },
    /\[stack\/Policy\] invalid 'project' "my-project": a google_binary_authorization_policy for the same project is defined at \[other\/raw\]/,
  ],
  [
    'a policy description with an interpolation',
    (s) => policy(s, { description: '${file("/etc/passwd")}' }),
    /^\[stack\/Policy\] invalid 'description' "\$\{file\(\\"\/etc\/passwd\\"\)\}": free text must not contain "\$\{" or "%\{", which Terraform would evaluate/,
  ],
  ['evaluate(5)', (s) => policy(s).evaluate(any(5)), /^\[stack\/Policy\] invalid 'image' 5: expected a string$/],
  ['evaluate(undefined)', (s) => policy(s).evaluate(any(undefined)), /invalid 'image' \(not set\): expected a string/],
  [
    'evaluate of something that is not an image',
    (s) => policy(s).evaluate('not an image'),
    /invalid 'image' "not an image": "not an image" is not an image reference/,
  ],
  [
    'evaluate of an image with an uppercase digest',
    (s) => policy(s).evaluate(`gcr.io/p-proj/app@sha256:${'A'.repeat(64)}`),
    /invalid 'image' .* is not a digest \("sha256:" and 64 lowercase hex digits\)/,
  ],
  [
    'evaluate of an image known only at apply time',
    (s) => policy(s).evaluate(new TerraformVariable(s, 'image', { type: 'string' }).stringValue),
    /invalid 'image' \(known only at apply time: "\$\{var.image\}"\): the image must be known at synth time/,
  ],
  [
    'allowDeploymentPathsFor("stack")',
    (s) => policy(s).allowDeploymentPathsFor(any('stack')),
    /invalid 'scope' "stack": expected a construct to search/,
  ],
  [
    'addClusterAdmissionRule with a number',
    (s) => policy(s).addClusterAdmissionRule(any(5), AdmissionRule.denyAll()),
    /invalid 'cluster' 5: expected a string/,
  ],
  [
    'addClusterAdmissionRule with a rule that is a string',
    (s) => policy(s).addClusterAdmissionRule('us-central1-a.prod', any('deny')),
    /invalid 'rule for cluster us-central1-a.prod' "deny": expected an AdmissionRule/,
  ],
];

const DEPLOYMENT_PATH_CASES: Case[] = [
  [
    'allowDeploymentPath("FOO")',
    (s) => policy(s).allowDeploymentPath(any('FOO'), { regions: ['us-central1'] }),
    /^\[stack\/Policy\] invalid 'path' "FOO": expected one of DeploymentPath.CLOUD_RUN_ADMIN_API, DeploymentPath.CLOUD_FUNCTIONS_V2_API$/,
  ],
  [
    'allowDeploymentPath(undefined)',
    (s) => policy(s).allowDeploymentPath(any(undefined), { regions: ['us-central1'] }),
    /invalid 'path' \(not set\): expected one of DeploymentPath/,
  ],
  [
    'allowDeploymentPath without options',
    (s) => policy(s).allowDeploymentPath(DeploymentPath.CLOUD_RUN_ADMIN_API, any(undefined)),
    /invalid 'options' \(not set\): expected an object/,
  ],
  [
    'regions that are a string',
    (s) => policy(s).allowDeploymentPath(DeploymentPath.CLOUD_RUN_ADMIN_API, any({ regions: 'us-central1' })),
    /invalid 'regions' "us-central1": expected an array/,
  ],
  [
    'a region that is a number',
    (s) => policy(s).allowDeploymentPath(DeploymentPath.CLOUD_RUN_ADMIN_API, any({ regions: [1] })),
    /invalid 'regions' 1: expected a string/,
  ],
  [
    'a region that is not one',
    (s) => policy(s).allowDeploymentPath(DeploymentPath.CLOUD_RUN_ADMIN_API, { regions: ['US'] }),
    /invalid 'regions' "US": a region looks like "us-central1"/,
  ],
  [
    'a deployment path project that is a number',
    (s) =>
      policy(s).allowDeploymentPath(DeploymentPath.CLOUD_RUN_ADMIN_API, any({ regions: ['us-central1'], project: 42 })),
    /invalid 'project' 42: expected a string/,
  ],
];

const RULE_CASES: Case[] = [
  [
    'requireAttestations of an object with a short attestorName and a node',
    (s) =>
      policy(s, { defaultAdmissionRule: AdmissionRule.requireAttestations(any([{ attestorName: 'prod', node: {} }])) }),
    /^\[AdmissionRule.requireAttestations\] invalid 'attestors\[0\]' \{"attestorName":"prod","node":\{\}\}: expected an attestor \(IAttestor\)/,
  ],
  [
    'requireAttestations of an object with a full attestorName and no node',
    () => AdmissionRule.requireAttestations(any([{ attestorName: ATTESTOR }])),
    /invalid 'attestors\[0\]' \{"attestorName":"projects\/sec-proj-a\/attestors\/prod"\}: expected an attestor \(IAttestor\)/,
  ],
  [
    'requireAttestations of a construct whose attestorName is a short name',
    (s) =>
      AdmissionRule.requireAttestations([Object.assign(new Construct(s, 'Fake'), { attestorName: 'prod' }) as any]),
    /^\[AdmissionRule.requireAttestations\] invalid 'attestors\[0\].attestorName' "prod": a full resource name looks like "projects\/PROJECT_ID\/attestors\/ATTESTOR_ID"/,
  ],
  [
    'a rule of its own making with enum values that are not ones',
    (s) =>
      policy(s, {
        defaultAdmissionRule: {
          attestors: [],
          _toModel: () => ({ evaluationMode: 'ALWAYS_ALLOW ', enforcementMode: 'ENFORCED', requireAttestationsBy: [] }),
        },
      }),
    /^\[stack\/Policy\] invalid 'defaultAdmissionRule.evaluationMode' "ALWAYS_ALLOW ": expected one of EvaluationMode.ALWAYS_ALLOW/,
  ],
  [
    'a rule of its own making with an enforcement mode that is not one',
    (s) =>
      policy(s, {
        defaultAdmissionRule: {
          attestors: [],
          _toModel: () => ({ evaluationMode: 'ALWAYS_DENY', enforcementMode: 'enforced', requireAttestationsBy: [] }),
        },
      }),
    /invalid 'defaultAdmissionRule.enforcementMode' "enforced": expected one of EnforcementMode./,
  ],
  [
    'a rule of its own making without attestors',
    (s) =>
      policy(s, {
        defaultAdmissionRule: {
          _toModel: () => ({
            evaluationMode: 'ALWAYS_DENY',
            enforcementMode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
            requireAttestationsBy: [],
          }),
        },
      }),
    /^\[stack\/Policy\] invalid 'defaultAdmissionRule.attestors' \(not set\): expected an array/,
  ],
  [
    'a rule of its own making requiring a short attestor name',
    (s) =>
      policy(s, {
        defaultAdmissionRule: {
          attestors: [],
          _toModel: () => ({
            evaluationMode: 'REQUIRE_ATTESTATION',
            enforcementMode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
            requireAttestationsBy: ['prod'],
          }),
        },
      }),
    /invalid 'defaultAdmissionRule.requireAttestationsBy' "prod": a full resource name looks like/,
  ],
  [
    'a cluster rule of its own making with a model that is not an object',
    (s) =>
      policy(s).addClusterAdmissionRule('us-central1-a.prod', any({ attestors: [], _toModel: () => 'ALWAYS_ALLOW' })),
    /invalid 'rule for cluster us-central1-a.prod' "ALWAYS_ALLOW": expected an object/,
  ],
  [
    'enforcementMode "FOO"',
    () => AdmissionRule.denyAll(any({ enforcementMode: 'FOO' })),
    /^\[AdmissionRule.denyAll\] invalid 'enforcementMode' "FOO": expected one of EnforcementMode.ENFORCED_BLOCK_AND_AUDIT_LOG, EnforcementMode.DRYRUN_AUDIT_LOG_ONLY$/,
  ],
  [
    'enforcementMode in lowercase',
    () => AdmissionRule.allowAll(any({ enforcementMode: 'dryrun_audit_log_only' })),
    /\[AdmissionRule.allowAll\] invalid 'enforcementMode' "dryrun_audit_log_only"/,
  ],
  [
    'options that are a string',
    () => AdmissionRule.denyAll(any('DRYRUN')),
    /invalid 'options' "DRYRUN": expected an object/,
  ],
  [
    'attestors that are a string',
    () => AdmissionRule.requireAttestations(any(ATTESTOR)),
    /^\[AdmissionRule.requireAttestations\] invalid 'attestors' "projects\/sec-proj-a\/attestors\/prod": expected an array/,
  ],
  [
    'an attestor that is a name',
    () => AdmissionRule.requireAttestations(any([ATTESTOR])),
    /invalid 'attestors\[0\]' "projects\/sec-proj-a\/attestors\/prod": expected an attestor \(IAttestor\)/,
  ],
  [
    'an attestor that is undefined',
    () => AdmissionRule.requireAttestations(any([undefined])),
    /invalid 'attestors\[0\]' \(not set\): expected an attestor/,
  ],
  [
    'two required attestors with one short id in two projects',
    (s) =>
      policy(s, {
        defaultAdmissionRule: AdmissionRule.requireAttestations([
          Attestor.fromAttestorName(s, 'A', 'projects/sec-proj-a/attestors/prod'),
          Attestor.fromAttestorName(s, 'B', 'projects/sec-proj-b/attestors/prod'),
        ]),
      }),
    /^\[stack\/Policy\] invalid 'defaultAdmissionRule.requireAttestationsBy' \["projects\/sec-proj-a\/attestors\/prod","projects\/sec-proj-b\/attestors\/prod"\]: .* have the same short id "prod", and the Google provider keeps required attestors in a set keyed by the short id, so one of them would be silently dropped on apply/,
  ],
  [
    'the same short id in a cluster rule',
    (s) =>
      policy(s).addClusterAdmissionRule(
        'us-central1-a.prod',
        AdmissionRule.requireAttestations([
          Attestor.fromAttestorName(s, 'A', 'projects/sec-proj-a/attestors/prod'),
          new Attestor(s, 'Created', {
            project: 'sec-proj-b',
            attestorId: 'prod',
            keys: [
              AttestorKey.pkix({
                publicKeyPem: EC_PUBLIC_KEY_PEM,
                signatureAlgorithm: SignatureAlgorithm.ECDSA_P256_SHA256,
              }),
            ],
          }),
        ]),
      ),
    /invalid 'rule for cluster us-central1-a.prod.requireAttestationsBy' .*same short id "prod"/,
  ],
];

const DEPLOY_SIDE_CASES: Case[] = [
  [
    'RequireBinaryAuthorization mode "FOO"',
    () => new RequireBinaryAuthorization(any({ mode: 'FOO' })),
    /^\[RequireBinaryAuthorization\] invalid 'mode' "FOO": expected one of RequirementMode.APPLY, RequirementMode.VERIFY$/,
  ],
  [
    'RequireBinaryAuthorization mode "verify"',
    () => new RequireBinaryAuthorization(any({ mode: 'verify' })),
    /invalid 'mode' "verify": expected one of RequirementMode/,
  ],
  [
    'RequireBinaryAuthorization options that are a string',
    () => new RequireBinaryAuthorization(any('VERIFY')),
    /invalid 'options' "VERIFY": expected an object/,
  ],
  [
    'RequireBinaryAuthorization on the App, in VERIFY mode',
    (s) => {
      Aspects.of(s.node.root).add(new RequireBinaryAuthorization({ mode: any('VERIFY') }));
      service(s);
      policy(s);
    },
    /\[stack\] RequireBinaryAuthorization was added to the App, above the stacks, where cdktf never runs aspects, so it would check nothing; add it to each stack instead/,
  ],
  [
    'RequireBinaryAuthorization on the App, in APPLY mode',
    (s) => {
      Aspects.of(s.node.root).add(new RequireBinaryAuthorization());
      attestor(s);
    },
    /RequireBinaryAuthorization was added to the App, above the stacks/,
  ],
  [
    'RequireBinaryAuthorization on a construct above the stack',
    () => {
      const group = new Construct(Testing.app(), 'group');
      const inner = new TerraformStack(group, 'inner');
      new GoogleProvider(inner, 'google', {});
      Aspects.of(group).add(new RequireBinaryAuthorization());
      new CloudRunBinaryAuthorizationGuardrail(inner, 'Guardrail', { parent: 'projects/my-project' });
      Testing.synth(inner, true);
    },
    /RequireBinaryAuthorization was added to \[group\], above the stacks/,
  ],
  [
    'exempt of a string',
    () => RequireBinaryAuthorization.exempt(any('svc'), 'reason'),
    /^\[RequireBinaryAuthorization.exempt\] invalid 'scope' "svc": expected a construct: a Cloud Run resource or a construct holding some$/,
  ],
  [
    'exempt of undefined',
    () => RequireBinaryAuthorization.exempt(any(undefined), 'reason'),
    /\[RequireBinaryAuthorization.exempt\] invalid 'scope' \(not set\): expected a construct/,
  ],
  [
    'exempt of a bucket',
    (s) => RequireBinaryAuthorization.exempt(new StorageBucket(s, 'b', { name: 'b', location: 'US' }), 'r'),
    /\[stack\/b\] invalid 'resource' "google_storage_bucket": expected a google_cloud_run_v2_service/,
  ],
  [
    'exempt with a reason that is a number',
    (s) => RequireBinaryAuthorization.exempt(service(s), any(5)),
    /^\[stack\/svc\] invalid 'reason' 5: expected a string$/,
  ],
  [
    'exempt without a reason',
    (s) => RequireBinaryAuthorization.exempt(service(s), any(undefined)),
    /invalid 'reason' \(not set\): expected a string/,
  ],
  [
    'exempt with a blank reason',
    (s) => RequireBinaryAuthorization.exempt(service(s), ' \t'),
    /an exemption needs a written reason/,
  ],
  [
    'breakglass of a string',
    () => BinaryAuthorization.breakglass(any('svc'), 'INC-1'),
    /^\[BinaryAuthorization.breakglass\] invalid 'resource' "svc"/,
  ],
  [
    'breakglass with a justification that is a number',
    (s) => BinaryAuthorization.breakglass(service(s), any(42)),
    /^\[stack\/svc\] invalid 'justification' 42: expected a string$/,
  ],
  [
    'breakglass with a justification that is an object',
    (s) => BinaryAuthorization.breakglass(service(s), any({ ticket: 1 })),
    /invalid 'justification' \{"ticket":1\}: expected a string/,
  ],
  [
    'breakglass with a justification that Terraform would evaluate',
    (s) => BinaryAuthorization.breakglass(service(s), 'INC-1 ${file("/etc/passwd")}'),
    /^\[stack\/svc\] invalid 'justification' "INC-1 \$\{file\(\\"\/etc\/passwd\\"\)\}": free text must not contain "\$\{" or "%\{"/,
  ],
  [
    'a guardrail twice for one parent',
    (s) => {
      new CloudRunBinaryAuthorizationGuardrail(s, 'G1', { parent: 'organizations/123' });
      new CloudRunBinaryAuthorizationGuardrail(s, 'G2', { parent: 'organizations/123', dryRun: true });
    },
    /^\[stack\/G2\] invalid 'parent' "organizations\/123": \[stack\/G1\] already sets this organization policy for the same parent/,
  ],
  [
    'a guardrail twice for one parent variable',
    (s) => {
      const parent = new TerraformVariable(s, 'parent', { type: 'string' });
      new CloudRunBinaryAuthorizationGuardrail(s, 'G1', { parent: parent.stringValue });
      new CloudRunBinaryAuthorizationGuardrail(s, 'G2', { parent: parent.stringValue });
    },
    /\[stack\/G2\] invalid 'parent' \(known only at apply time: "\$\{var.parent\}"\): \[stack\/G1\] already sets/,
  ],
  [
    'a guardrail for a parent and one for a token that stands for it',
    (s) => {
      new CloudRunBinaryAuthorizationGuardrail(s, 'G1', { parent: 'folders/42' });
      new CloudRunBinaryAuthorizationGuardrail(s, 'G2', { parent: Lazy.stringValue({ produce: () => 'folders/42' }) });
    },
    /\[stack\/G2\] invalid 'parent' \(a token that stands for "folders\/42"\): \[stack\/G1\] already sets/,
  ],
  [
    'a guardrail twice for one parent in two stacks',
    (s) => {
      new CloudRunBinaryAuthorizationGuardrail(s, 'G', { parent: 'folders/42' });
      new CloudRunBinaryAuthorizationGuardrail(projectStack(s.node.root as App, 'other'), 'G', {
        parent: 'folders/42',
      });
    },
    /\[other\/G\] invalid 'parent' "folders\/42": \[stack\/G\] already sets/,
  ],
  [
    'a guardrail with dryRun "true"',
    (s) => new CloudRunBinaryAuthorizationGuardrail(s, 'G', any({ parent: 'folders/42', dryRun: 'true' })),
    /invalid 'dryRun' "true": expected true or false/,
  ],
  [
    'a guardrail with a parent that is a number',
    (s) => new CloudRunBinaryAuthorizationGuardrail(s, 'G', any({ parent: 42 })),
    /invalid 'parent' 42: expected a string/,
  ],
];

const DISCOVERY_CASES: Case[] = [
  [
    'a source deploy whose image_uri is on Docker Hub',
    (s) => {
      sourceService(s, { buildConfig: { sourceLocation: 'gs://b/s.zip', imageUri: 'docker.io/library/nginx' } });
      policy(s).allowDeploymentPathsFor(s);
    },
    /\[stack\/Policy\] \[stack\/src\] invalid 'build_config.image_uri' "docker.io\/library\/nginx": a source deploy pushes the image it builds to Artifact Registry/,
  ],
  [
    'a source deploy whose image_uri names no repository',
    (s) => {
      sourceService(s, {
        buildConfig: { sourceLocation: 'gs://b/s.zip', imageUri: 'us-docker.pkg.dev/example.com/my-proj/img' },
      });
      policy(s).allowDeploymentPathsFor(s);
    },
    /invalid 'build_config.image_uri' "us-docker.pkg.dev\/example.com\/my-proj\/img": a source deploy pushes/,
  ],
  [
    'a function of another project',
    (s) => {
      gcf(s, { project: 'acme-other' });
      policy(s).allowDeploymentPathsFor(s);
    },
    /\[stack\/Policy\] \[stack\/fn\] invalid 'project' "acme-other": the function deploys in another project than this policy's/,
  ],
  [
    'a source deploy of another project, by its provider',
    (s) => {
      const other = new GoogleProvider(s, 'other', { alias: 'other', project: 'acme-other' });
      sourceService(s, { provider: other });
      policy(s).allowDeploymentPathsFor(s);
    },
    /\[stack\/src\] invalid 'project' "acme-other": the function deploys in another project/,
  ],
  [
    'a function whose project is a variable, for a literal policy project',
    (s) => {
      gcf(s, { project: new TerraformVariable(s, 'p', { type: 'string' }).stringValue });
      policy(s).allowDeploymentPathsFor(s);
    },
    /\[stack\/fn\] invalid 'project' \(known only at apply time: "\$\{var.p\}"\): whether the function deploys in this policy's project is known only at apply time/,
  ],
];

const KEY_CASES: Case[] = [
  [
    'a header-less private key as publicKeyPem',
    pkix(HEADERLESS_PRIVATE),
    /^\[stack\/Attestor\] invalid 'keys\[0\].publicKeyPem' \(a value of \d+ characters, not shown: it may be key material\): this is a private key, which must never be put in configuration/,
  ],
  [
    'a header-less EC private key on one line',
    pkix(HEADERLESS_EC_PRIVATE),
    /this is a private key, which must never be put in configuration/,
  ],
  [
    'a PKCS#8 private key',
    pkix(RSA_PRIVATE_PKCS8),
    /\(a value of \d+ characters, not shown: it may be key material\): this is a private key/,
  ],
  [
    'a PEM whose body is not a key',
    pkix(GARBAGE_BODY_PEM),
    /invalid 'keys\[0\].publicKeyPem' \(a value of \d+ characters, not shown.*\): the body does not decode as a public key/,
  ],
  [
    'an Ed25519 key',
    pkix(ED25519_PEM),
    /a ed25519 key is not verifiable by Binary Authorization, which takes RSA and elliptic-curve/,
  ],
  [
    'an RSA key declared ECDSA_P256_SHA256',
    pkix(RSA_2048_PEM, SignatureAlgorithm.ECDSA_P256_SHA256),
    /invalid 'keys\[0\].publicKeyPem' \(a value .*\): the key is an RSA key of 2048 bits, but ECDSA_P256_SHA256 needs an elliptic-curve key on P-256; pass the algorithm the key was made for \(RSA_PSS_2048_SHA256, RSA_SIGN_PSS_2048_SHA256, RSA_SIGN_PKCS1_2048_SHA256\)/,
  ],
  [
    'an RSA 2048 key declared RSA_SIGN_PKCS1_4096_SHA512',
    pkix(RSA_2048_PEM, SignatureAlgorithm.RSA_SIGN_PKCS1_4096_SHA512),
    /the key is an RSA key of 2048 bits, but RSA_SIGN_PKCS1_4096_SHA512 needs an RSA key of 4096 bits/,
  ],
  [
    'a P-256 key declared ECDSA_P384_SHA384',
    pkix(EC_PUBLIC_KEY_PEM, SignatureAlgorithm.ECDSA_P384_SHA384),
    /the key is an elliptic-curve key on P-256, but ECDSA_P384_SHA384 needs an elliptic-curve key on P-384; pass the algorithm the key was made for \(ECDSA_P256_SHA256, EC_SIGN_P256_SHA256\)/,
  ],
  [
    'a P-384 key declared EC_SIGN_P521_SHA512',
    pkix(EC_384_PEM, SignatureAlgorithm.EC_SIGN_P521_SHA512),
    /on P-384, but EC_SIGN_P521_SHA512 needs an elliptic-curve key on P-521/,
  ],
  [
    'an EC key declared RSA_PSS_2048_SHA256',
    pkix(EC_PUBLIC_KEY_PEM, SignatureAlgorithm.RSA_PSS_2048_SHA256),
    /elliptic-curve key on P-256, but RSA_PSS_2048_SHA256 needs an RSA key of 2048 bits/,
  ],
  ['a publicKeyPem that is a number', pkix(5), /invalid 'keys\[0\].publicKeyPem' 5: expected a string/],
  [
    'a signature algorithm given as a string',
    pkix(EC_PUBLIC_KEY_PEM, 'ECDSA_P256_SHA256'),
    /invalid 'keys\[0\].signatureAlgorithm' "ECDSA_P256_SHA256": expected a SignatureAlgorithm, such as SignatureAlgorithm.ECDSA_P256_SHA256/,
  ],
  [
    'a signature algorithm that is missing',
    pkix(EC_PUBLIC_KEY_PEM, null),
    /invalid 'keys\[0\].signatureAlgorithm' null: expected a SignatureAlgorithm/,
  ],
  [
    'SignatureAlgorithm.of(5)',
    () => SignatureAlgorithm.of(any(5)),
    /^\[SignatureAlgorithm.of\] invalid 'value' 5: expected a string$/,
  ],
  [
    'SignatureAlgorithm.of an unknown name',
    pkix(EC_PUBLIC_KEY_PEM, SignatureAlgorithm.of('ECDSA_P256')),
    /invalid 'keys\[0\].signatureAlgorithm' "ECDSA_P256": Binary Authorization accepts one of/,
  ],
  [
    'AttestorKey.pkix without options',
    () => AttestorKey.pkix(any(undefined)),
    /^\[AttestorKey.pkix\] invalid 'options' \(not set\): expected an object/,
  ],
  [
    'AttestorKey.newKmsKey with options that are a string',
    () => AttestorKey.newKmsKey(any('HSM')),
    /^\[AttestorKey.newKmsKey\] invalid 'options' "HSM": expected an object/,
  ],
  [
    'a KMS protection level "FOO"',
    (s) => attestor(s, { keys: [AttestorKey.newKmsKey(any({ protectionLevel: 'FOO' }))] }),
    /^\[stack\/Attestor\] invalid 'keys\[0\].protectionLevel' "FOO": expected one of KmsProtectionLevel.SOFTWARE, KmsProtectionLevel.HSM$/,
  ],
  [
    'a KMS algorithm given as a string',
    (s) => attestor(s, { keys: [AttestorKey.newKmsKey(any({ algorithm: 'EC_SIGN_P256_SHA256' }))] }),
    /invalid 'keys\[0\].algorithm' "EC_SIGN_P256_SHA256": expected a SignatureAlgorithm/,
  ],
  [
    'a KMS key ring name that is a number',
    (s) => attestor(s, { keys: [AttestorKey.newKmsKey(any({ keyRingId: 7 }))] }),
    /invalid 'keys\[0\].keyRingId' 7: expected a string/,
  ],
  [
    'a KMS preventDestroy "false"',
    (s) => attestor(s, { keys: [AttestorKey.newKmsKey(any({ preventDestroy: 'false' }))] }),
    /invalid 'keys\[0\].preventDestroy' "false": expected true or false/,
  ],
  [
    'a KMS key version name that is a number',
    (s) => attestor(s, { keys: [AttestorKey.fromKmsKeyVersion(any(1))] }),
    /invalid 'keys\[0\]' 1: expected a string/,
  ],
  [
    'a PGP key that is a number',
    (s) => attestor(s, { keys: [AttestorKey.pgp(any(1))] }),
    /invalid 'keys\[0\]' 1: expected a string/,
  ],
  [
    'a bare PGP body that is not OpenPGP (base64 of text)',
    (s) => attestor(s, { keys: [AttestorKey.pgp('bm90IGFuIE9wZW5QR1Aga2V5LCBqdXN0IHRleHQ=')] }),
    new RegExp(
      `^\\[stack/Attestor\\] invalid 'keys\\[0\\]' ${PGP_SHOWN(40)}: the body does not start with an OpenPGP packet; ${PGP_FIX}$`,
    ),
  ],
  [
    'a bare PGP Secret-Key body',
    (s) => attestor(s, { keys: [AttestorKey.pgp(PGP_SECRET_BODY)] }),
    new RegExp(
      `^\\[stack/Attestor\\] invalid 'keys\\[0\\]' ${PGP_SHOWN(PGP_SECRET_BODY.length)}: this is a private key, which must never be put in configuration; ${PGP_FIX}$`,
    ),
  ],
  [
    'an armored PGP private key block',
    (s) => attestor(s, { keys: [AttestorKey.pgp(PGP_PUBLIC_KEY.replace(/PUBLIC KEY/g, 'PRIVATE KEY'))] }),
    new RegExp(
      `^\\[stack/Attestor\\] invalid 'keys\\[0\\]' ${PGP_SHOWN(PGP_PUBLIC_KEY.length + 2)}: this is a private key, which must never be put in configuration; ${PGP_FIX}$`,
    ),
  ],
  [
    'a PKCS#8 private key given as a PGP key',
    (s) => attestor(s, { keys: [AttestorKey.pgp(HEADERLESS_PRIVATE)] }),
    /^\[stack\/Attestor\] invalid 'keys\[0\]' \(a value of \d+ characters, not shown: it may be key material\): this is a private key, which must never be put in configuration/,
  ],
  [
    'an armored PGP key whose checksum does not match',
    (s) => attestor(s, { keys: [AttestorKey.pgp(PGP_PUBLIC_KEY.replace('=5uaV', '=5uaW'))] }),
    new RegExp(
      `^\\[stack/Attestor\\] invalid 'keys\\[0\\]' ${PGP_SHOWN(PGP_PUBLIC_KEY.length)}: the checksum line does not match the body, so the key was changed or cut; export it again: ${PGP_FIX}$`,
    ),
  ],
  [
    'a bare PGP body cut short',
    (s) => attestor(s, { keys: [AttestorKey.pgp(PGP_PUBLIC_KEY_BODY.split('\n')[0])] }),
    new RegExp(
      `^\\[stack/Attestor\\] invalid 'keys\\[0\\]' ${PGP_SHOWN(64)}: the public key packet is cut short; ${PGP_FIX}$`,
    ),
  ],
  [
    'a PGP key given as a PEM public key',
    (s) => attestor(s, { keys: [AttestorKey.pgp(EC_PUBLIC_KEY_PEM)] }),
    new RegExp(
      `^\\[stack/Attestor\\] invalid 'keys\\[0\\]' ${PGP_SHOWN(EC_PUBLIC_KEY_PEM.length)}: a "PUBLIC KEY" block is not an OpenPGP public key; ${PGP_FIX}$`,
    ),
  ],
  [
    'AttestorKey.pgp with options that are a string',
    () => AttestorKey.pgp(PGP_PUBLIC_KEY, any('a comment')),
    /^\[AttestorKey.pgp\] invalid 'options' "a comment": expected an object with the properties documented for it$/,
  ],
  [
    'AttestorKey.pgp with options null',
    () => AttestorKey.pgp(PGP_PUBLIC_KEY, any(null)),
    /^\[AttestorKey.pgp\] invalid 'options' null: expected an object with the properties documented for it$/,
  ],
  [
    'a PGP comment that is a number',
    (s) => attestor(s, { keys: [AttestorKey.pgp(PGP_PUBLIC_KEY, any({ comment: 7 }))] }),
    /^\[stack\/Attestor\] invalid 'keys\[0\].comment' 7: expected a string$/,
  ],
  [
    'a PKIX comment that is an object',
    (s) =>
      attestor(s, {
        keys: [
          AttestorKey.pkix({
            publicKeyPem: EC_PUBLIC_KEY_PEM,
            signatureAlgorithm: SignatureAlgorithm.ECDSA_P256_SHA256,
            comment: any({ text: 'x' }),
          }),
        ],
      }),
    /^\[stack\/Attestor\] invalid 'keys\[0\].comment' \{"text":"x"\}: expected a string$/,
  ],
  [
    'keys that are a key',
    (s) => attestor(s, { keys: AttestorKey.newKmsKey() }),
    /invalid 'keys' \(an object of class \w+\): expected an array/,
  ],
  [
    'keys holding a string',
    (s) => attestor(s, { keys: ['-----BEGIN PUBLIC KEY-----'] }),
    /invalid 'keys\[0\]' \(a string of 26 characters\): expected an AttestorKey/,
  ],
  [
    'keys holding undefined',
    (s) => attestor(s, { keys: [undefined] }),
    /invalid 'keys\[0\]' \(not set\): expected an AttestorKey/,
  ],
];

const IAM_CASES: Case[] = [
  [
    'applyBefore(undefined)',
    (s) => attestor(s).grantVerify(IamMember.user('a@example.com')).applyBefore(any(undefined)),
    /^\[Grant.applyBefore\] invalid 'resources\[0\]' \(not set\): expected a Terraform resource/,
  ],
  [
    "applyBefore('x')",
    (s) => attestor(s).grantVerify(IamMember.user('a@example.com')).applyBefore(service(s), any('x')),
    /^\[Grant.applyBefore\] invalid 'resources\[1\]' "x": expected a Terraform resource/,
  ],
  [
    'fromAttestorName(undefined, …)',
    () => Attestor.fromAttestorName(any(undefined), 'A', ATTESTOR),
    /^\[A\] invalid 'scope' \(not set\): expected a construct to define it in/,
  ],
  [
    'builtByCloudBuild with a scope that is not a construct',
    () => Attestor.builtByCloudBuild(any({ node: {} }), 'A', 'my-project'),
    /^\[A\] invalid 'scope' \{"node":\{\}\}: expected a construct to define it in/,
  ],
  [
    'IamMember.of("principalSet://goog/public:all")',
    () => IamMember.of('principalSet://goog/public:all'),
    /^\[IamMember.of\] invalid 'member' "principalSet:\/\/goog\/public:all": this member stands for everyone/,
  ],
  ['IamMember.of("allAuthenticatedUsers")', () => IamMember.of('allAuthenticatedUsers'), /stands for everyone/],
  ['IamMember.of("AllUsers")', () => IamMember.of('AllUsers'), /stands for everyone/],
  ['IamMember.of("domain:gmail.com")', () => IamMember.of('domain:gmail.com'), /stands for everyone/],
  ['IamMember.of(5)', () => IamMember.of(any(5)), /invalid 'member' 5: expected a string/],
  [
    'IamMember.serviceAccount(undefined)',
    () => IamMember.serviceAccount(any(undefined)),
    /^\[IamMember.serviceAccount\] invalid 'email' \(not set\): expected a string/,
  ],
  [
    'a grant of a role without "roles/"',
    (s) => attestor(s).grant(IamMember.user('a@example.com'), 'binaryauthorization.attestorsViewer'),
    /^\[stack\/Attestor\] invalid 'role' "binaryauthorization.attestorsViewer": a role looks like "roles\//,
  ],
  [
    'a grant of an empty role',
    (s) => attestor(s).grant(IamMember.user('a@example.com'), ''),
    /invalid 'role' "": a role looks like/,
  ],
  [
    'a grant of a role that is a number',
    (s) => attestor(s).grant(IamMember.user('a@example.com'), any(1)),
    /invalid 'role' 1: expected a string/,
  ],
  [
    'a grant to a member given as a string',
    (s) => attestor(s).grant(any('user:a@example.com'), 'roles/binaryauthorization.attestorsViewer'),
    /invalid 'member' "user:a@example.com": expected an IamMember/,
  ],
  [
    'a grant to a hand-made public member',
    (s) => attestor(s).grantVerify(any({ member: 'allUsers' })),
    /invalid 'member' "allUsers": this member stands for everyone/,
  ],
  [
    'grantSign to a hand-made public member',
    (s) => attestor(s).grantSign(any({ member: 'principalSet://goog/public:all' })),
    /invalid 'member' "principalSet:\/\/goog\/public:all": this member stands for everyone/,
  ],
  [
    'grantSign to nobody',
    (s) => attestor(s).grantSign(any(undefined)),
    /invalid 'member' \(not set\): expected an IamMember/,
  ],
  [
    'grantDeployerProject with a number',
    (s) => attestor(s).grantDeployerProject(any(123)),
    /invalid 'projectNumber' 123: expected a string/,
  ],
  [
    'grantDeployerProject with a project id',
    (s) => attestor(s).grantDeployerProject('my-project'),
    /invalid 'projectNumber' "my-project": a project number is all digits/,
  ],
];

const ATTESTOR_CASES: Case[] = [
  [
    'an attestor description with an interpolation',
    (s) => attestor(s, { description: 'reads ${file("/etc/passwd")}' }),
    /^\[stack\/Attestor\] invalid 'description' "reads \$\{file\(\\"\/etc\/passwd\\"\)\}": free text must not contain "\$\{" or "%\{"/,
  ],
  [
    'a note hint with a template directive',
    (s) => attestor(s, { noteHint: 'x %{ if true }y%{ endif }' }),
    /invalid 'noteHint' "x %\{ if true \}y%\{ endif \}": free text must not contain/,
  ],
  [
    'a note hint whose literal part around a token holds an interpolation',
    (s) => attestor(s, { noteHint: `\${path.cwd} ${new TerraformVariable(s, 'v', { type: 'string' }).stringValue}` }),
    /invalid 'noteHint' \(known only at apply time: "\$\{path.cwd\} \$\{var.v\}"\): free text must not contain/,
  ],
  [
    'two attestors with the same id in one project',
    (s) => {
      attestor(s, { attestorId: 'prod' });
      new Attestor(s, 'Again', {
        project: 'sec-project',
        attestorId: 'prod',
        noteId: 'other',
        keys: [AttestorKey.newKmsKey()],
      });
    },
    /^\[stack\/Again\] invalid 'attestorId' "projects\/sec-project\/attestors\/prod": \[stack\/Attestor\] defines an attestor of the same name/,
  ],
  [
    'two attestors whose derived ids are the same ("A-B" and "A/B")',
    (s) => {
      const key = () => [
        AttestorKey.pkix({ publicKeyPem: EC_PUBLIC_KEY_PEM, signatureAlgorithm: SignatureAlgorithm.ECDSA_P256_SHA256 }),
      ];
      new Attestor(s, 'A-B', { project: 'sec-project', keys: key() });
      new Attestor(new Construct(s, 'A'), 'B', { project: 'sec-project', keys: key() });
    },
    /^\[stack\/A\/B\] invalid 'attestorId' "projects\/sec-project\/attestors\/stack-a-b": \[stack\/A-B\] defines an attestor of the same name, .*; give each attestor its own 'attestorId' \(a derived id comes from the construct path/,
  ],
  [
    'two attestors with the same id, one through a token that stands for it, in two stacks',
    (s) => {
      attestor(s, { attestorId: Lazy.stringValue({ produce: () => 'prod' }) });
      attestor(projectStack(s.node.root as App, 'other'), { attestorId: 'prod', noteId: 'other' });
    },
    /\[stack\/Attestor\] invalid 'attestorId' \(a token that stands for "projects\/sec-project\/attestors\/prod"\): \[other\/Attestor\] defines an attestor of the same name/,
  ],
  [
    'two attestors that create the same note',
    (s) => {
      attestor(s, { attestorId: 'prod', noteId: 'shared' });
      attestor(new Construct(s, 'B'), { attestorId: 'qa', noteId: 'shared' });
    },
    /^\[stack\/B\/Attestor\] invalid 'noteId' "projects\/sec-project\/notes\/shared": \[stack\/Attestor\] creates a note of the same name, .*; give each attestor its own 'noteId', or pass 'note'/,
  ],
  [
    'two attestors that create the same KMS key ring',
    (s) => {
      attestor(s, { attestorId: 'prod', keys: [AttestorKey.newKmsKey({ keyRingId: 'ring' })] });
      attestor(new Construct(s, 'B'), { attestorId: 'qa', keys: [AttestorKey.newKmsKey({ keyRingId: 'ring' })] });
    },
    /^\[stack\/B\/Attestor\/KeyRing-sec-project-global-ring\] invalid 'name' "projects\/sec-project\/locations\/global\/keyRings\/ring": \[stack\/Attestor\/KeyRing-sec-project-global-ring\] creates a key ring of the same name.*give each new key its own 'keyRingId'/,
  ],
  [
    'two attestors that create the same crypto key in an existing key ring',
    (s) => {
      const existingKeyRing = 'projects/kms-project/locations/global/keyRings/ring';
      attestor(s, { attestorId: 'prod', keys: [AttestorKey.newKmsKey({ existingKeyRing, cryptoKeyId: 'signer' })] });
      attestor(new Construct(s, 'B'), {
        attestorId: 'qa',
        keys: [AttestorKey.newKmsKey({ existingKeyRing, cryptoKeyId: 'signer' })],
      });
    },
    /^\[stack\/B\/Attestor\/CryptoKey-signer\] invalid 'name' "projects\/kms-project\/locations\/global\/keyRings\/ring\/cryptoKeys\/signer": \[stack\/Attestor\/CryptoKey-signer\] creates a crypto key of the same name/,
  ],
  [
    'an attestor without props',
    (s) => new Attestor(s, 'Attestor', any(undefined)),
    /^\[stack\/Attestor\] invalid 'props' \(not set\): expected an object/,
  ],
  [
    'an attestor project that is a number',
    (s) => attestor(s, { project: 5 }),
    /invalid 'project' 5: expected a string/,
  ],
  [
    'an attestor id that is a number',
    (s) => attestor(s, { attestorId: 5 }),
    /invalid 'attestorId' 5: expected a string/,
  ],
  ['a note that is a number', (s) => attestor(s, { note: 5 }), /invalid 'note' 5: expected a string/],
  [
    'a note id that is a number',
    (s) => attestor(s, { noteId: 5 }),
    /^\[stack\/Attestor\] invalid 'noteId' 5: expected a string$/,
  ],
  [
    'a note id with a space',
    (s) => attestor(s, { noteId: 'qa 2-note' }),
    /^\[stack\/Attestor\] invalid 'noteId' "qa 2-note": an id has 1 to 100 letters, digits, hyphens or underscores and starts with a letter or digit$/,
  ],
  [
    'a note id that is a full name',
    (s) => attestor(s, { noteId: 'projects/sec-project/notes/qa-note' }),
    /^\[stack\/Attestor\] invalid 'noteId' "projects\/sec-project\/notes\/qa-note": an id has 1 to 100 letters, digits, hyphens or underscores and starts with a letter or digit$/,
  ],
  [
    'a note id of 101 characters',
    (s) => attestor(s, { noteId: 'n'.repeat(101) }),
    /^\[stack\/Attestor\] invalid 'noteId' "n{101}": an id has 1 to 100 letters/,
  ],
  [
    'an attestor id whose default note id is too long',
    (s) => attestor(s, { attestorId: 'a'.repeat(97) }),
    /^\[stack\/Attestor\] invalid 'noteId' \(not set\): the default note id, the attestor id with "-note" appended, is not a valid note id \(an id has 1 to 100 letters, digits, hyphens or underscores and starts with a letter or digit\); pass 'noteId'$/,
  ],
  [
    'a note hint that is a number',
    (s) => attestor(s, { noteHint: 2 }),
    /^\[stack\/Attestor\] invalid 'noteHint' 2: expected a string$/,
  ],
  [
    'a blank note hint',
    (s) => attestor(s, { noteHint: '' }),
    /^\[stack\/Attestor\] invalid 'noteHint' "": a note hint is a human-readable name, such as "Attestor qa note", not blank$/,
  ],
  [
    'a note id together with an existing note',
    (s) => attestor(s, { note: 'projects/sec-project/notes/qa-note', noteId: 'qa-note' }),
    /^\[stack\/Attestor\] invalid 'noteId' "qa-note": 'note' names an existing note, which this attestor does not create; drop 'noteId', or drop 'note' to create the note$/,
  ],
  [
    'a note hint together with an existing note',
    (s) => attestor(s, { note: 'projects/sec-project/notes/qa-note', noteHint: 'Attestor qa note' }),
    /^\[stack\/Attestor\] invalid 'noteHint' "Attestor qa note": 'note' names an existing note, which this attestor does not create; drop 'noteHint', or drop 'note' to create the note$/,
  ],
  [
    'adoptExisting "true"',
    (s) => attestor(s, { attestorId: 'qa', adoptExisting: 'true' }),
    /^\[stack\/Attestor\] invalid 'adoptExisting' "true": expected true or false$/,
  ],
  [
    'adoptExisting without an attestor id',
    (s) => attestor(s, { adoptExisting: true }),
    /^\[stack\/Attestor\] invalid 'attestorId' \(not set\): 'adoptExisting' imports the attestor and its note by name, which must be known at synth time; pass the id the existing attestor has \(the last part of "projects\/P\/attestors\/ID"\)$/,
  ],
  [
    'adoptExisting with a project known only at apply time',
    (s) =>
      attestor(s, {
        project: new TerraformVariable(s, 'project', { type: 'string' }).stringValue,
        attestorId: 'qa',
        adoptExisting: true,
      }),
    /^\[stack\/Attestor\] invalid 'project' \(known only at apply time: "\$\{var.project\}"\): 'adoptExisting' imports the attestor and its note by name, which must be known at synth time; pass a literal project$/,
  ],
  [
    'adoptExisting with an attestor id known only at apply time',
    (s) =>
      attestor(s, { attestorId: new TerraformVariable(s, 'id', { type: 'string' }).stringValue, adoptExisting: true }),
    /^\[stack\/Attestor\] invalid 'attestorId' \(known only at apply time: "\$\{var.id\}"\): 'adoptExisting' imports the attestor and its note by name, which must be known at synth time; pass a literal attestorId$/,
  ],
  [
    'adoptExisting with a note id known only at apply time',
    (s) =>
      attestor(s, {
        attestorId: 'qa',
        noteId: new TerraformVariable(s, 'note', { type: 'string' }).stringValue,
        adoptExisting: true,
      }),
    /^\[stack\/Attestor\] invalid 'noteId' \(known only at apply time: "\$\{var.note\}"\): 'adoptExisting' imports the attestor and its note by name, which must be known at synth time; pass a literal noteId$/,
  ],
  [
    'grantNoteViewerToDelegationAccount "false"',
    (s) => attestor(s, { grantNoteViewerToDelegationAccount: 'false' }),
    /^\[stack\/Attestor\] invalid 'grantNoteViewerToDelegationAccount' "false": expected true or false$/,
  ],
  [
    'grantNoteViewerToDelegationAccount 0',
    (s) => attestor(s, { grantNoteViewerToDelegationAccount: 0 }),
    /^\[stack\/Attestor\] invalid 'grantNoteViewerToDelegationAccount' 0: expected true or false$/,
  ],
  [
    'enableApis "true"',
    (s) => attestor(s, { enableApis: 'true' }),
    /invalid 'enableApis' "true": expected true or false/,
  ],
  [
    'fromAttestorName(5)',
    (s) => Attestor.fromAttestorName(s, 'A', any(5)),
    /^\[stack\/A\] invalid 'attestorName' 5: expected a string/,
  ],
  [
    'fromAttestorAttributes(undefined)',
    (s) => Attestor.fromAttestorAttributes(s, 'A', any(undefined)),
    /\[stack\/A\] invalid 'attrs' \(not set\): expected an object/,
  ],
  [
    'fromAttestorAttributes with a noteName that is a number',
    (s) => Attestor.fromAttestorAttributes(s, 'A', any({ attestorName: ATTESTOR, noteName: 7 })),
    /invalid 'noteName' 7: expected a string/,
  ],
  [
    'builtByCloudBuild(5)',
    (s) => Attestor.builtByCloudBuild(s, 'A', any(5)),
    /\[stack\/A\] invalid 'project' 5: expected a string/,
  ],
];

describe.each<[string, Case[]]>([
  ['allowlist patterns', PATTERN_CASES],
  ['the policy', POLICY_CASES],
  ['deployment paths', DEPLOYMENT_PATH_CASES],
  ['admission rules', RULE_CASES],
  ['the deploy side', DEPLOY_SIDE_CASES],
  ['functions found by allowDeploymentPathsFor', DISCOVERY_CASES],
  ['attestor keys', KEY_CASES],
  ['IAM', IAM_CASES],
  ['attestors', ATTESTOR_CASES],
])('bad input to the constructs: %s', (_, cases) => {
  test.each(cases)('%s', (_name, build, error) => {
    const stack = projectStack();
    let failure: unknown;
    try {
      build(stack);
      Testing.synth(stack, true);
    } catch (e) {
      failure = e;
    }
    // Thrown at once, or reported at synth (then the synth fails, and the error is among those reported).
    expect(failure).toBeInstanceOf(Error);
    const reported = BinauthzErrors.reportedIn(stack).map((e) => e.message);
    expect([(failure as Error).message, ...reported]).toContainEqual(expect.stringMatching(error));
  });
});

/** Private keys of each kind, as a careless paste would pass them. */
const PRIVATE_KEYS: Record<string, string> = {
  'RSA (PKCS#1)': pem(rsa2048.privateKey, 'pkcs1'),
  'RSA (PKCS#8)': RSA_PRIVATE_PKCS8,
  'EC (SEC1)': pem(ec384.privateKey, 'sec1'),
  'Ed25519 (PKCS#8)': pem(ed25519.privateKey, 'pkcs8'),
  'PGP private block': `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${PGP_SECRET_BODY}\n-----END PGP PRIVATE KEY BLOCK-----\n`,
  'EC body without its PEM lines': HEADERLESS_EC_PRIVATE,
  'RSA body without its PEM lines': HEADERLESS_PRIVATE,
  'PGP private body without its armour': PGP_SECRET_BODY,
};

/** The ways a value reaches a wrong place: as it is, in an array, in an object, nested deeper. */
const SHAPES: Record<string, (key: string) => unknown> = {
  string: (key) => key,
  array: (key) => [key],
  object: (key) => ({ pem: key }),
  nested: (key) => ({ keys: [{ publicKeyPem: [key] }] }),
};

/** Every public entry point that takes a value, given `v` where it does not belong. */
const ENTRY_POINTS: Record<string, (stack: Construct, v: unknown) => unknown> = {
  'AttestorKey.pkix(v)': (s, v) => attestor(s, { keys: [AttestorKey.pkix(any(v))] }),
  'pkix publicKeyPem': (s, v) => pkix(v)(s),
  'pkix signatureAlgorithm': (s, v) => pkix(EC_PUBLIC_KEY_PEM, v)(s),
  'pkix id': (s, v) =>
    attestor(s, {
      keys: [
        AttestorKey.pkix({
          publicKeyPem: EC_PUBLIC_KEY_PEM,
          signatureAlgorithm: SignatureAlgorithm.ECDSA_P256_SHA256,
          id: any(v),
        }),
      ],
    }),
  'AttestorKey.pgp(v)': (s, v) => attestor(s, { keys: [AttestorKey.pgp(any(v))] }),
  'AttestorKey.pgp options': (s, v) => attestor(s, { keys: [AttestorKey.pgp(PGP_PUBLIC_KEY, any(v))] }),
  'AttestorKey.fromKmsKeyVersion(v)': (s, v) => attestor(s, { keys: [AttestorKey.fromKmsKeyVersion(any(v))] }),
  'AttestorKey.newKmsKey(v)': (s, v) => attestor(s, { keys: [AttestorKey.newKmsKey(any(v))] }),
  'newKmsKey algorithm': (s, v) => attestor(s, { keys: [AttestorKey.newKmsKey({ algorithm: any(v) })] }),
  'SignatureAlgorithm.of(v)': (s, v) => pkix(EC_PUBLIC_KEY_PEM, SignatureAlgorithm.of(any(v)))(s),
  'keys[0]': (s, v) => attestor(s, { keys: [v] }),
  keys: (s, v) => attestor(s, { keys: v }),
  'attestor project': (s, v) => attestor(s, { project: v }),
  attestorId: (s, v) => attestor(s, { attestorId: v }),
  noteId: (s, v) => attestor(s, { noteId: v }),
  note: (s, v) => attestor(s, { note: v }),
  'attestor props': (s, v) => new Attestor(s, 'A', any(v)),
  'Attestor.fromAttestorName': (s, v) => Attestor.fromAttestorName(s, 'A', any(v)),
  'Attestor.fromAttestorAttributes': (s, v) => Attestor.fromAttestorAttributes(s, 'A', any(v)),
  'Attestor.builtByCloudBuild': (s, v) => Attestor.builtByCloudBuild(s, 'A', any(v)),
  'IamMember.of': (_, v) => IamMember.of(any(v)),
  'IamMember.serviceAccount': (_, v) => IamMember.serviceAccount(any(v)),
  'grant role': (s, v) => attestor(s).grant(IamMember.user('a@example.com'), any(v)),
  'grant member': (s, v) => attestor(s).grantVerify(any(v)),
  grantDeployerProject: (s, v) => attestor(s).grantDeployerProject(any(v)),
  'policy project': (s, v) => policy(s, { project: v }),
  'policy props': (s, v) => new BinaryAuthorizationPolicy(s, 'P', any(v)),
  allowlistPatterns: (s, v) => policy(s, { allowlistPatterns: v }),
  addAllowlistPattern: (s, v) => policy(s).addAllowlistPattern(any(v)),
  evaluate: (s, v) => policy(s).evaluate(any(v)),
  defaultAdmissionRule: (s, v) => policy(s, { defaultAdmissionRule: v }),
  'AdmissionRule.requireAttestations': (_, v) => AdmissionRule.requireAttestations(any(v)),
  'AdmissionRule.denyAll': (_, v) => AdmissionRule.denyAll(any(v)),
  allowDeploymentPath: (s, v) => policy(s).allowDeploymentPath(any(v), { regions: ['us-central1'] }),
  'allowDeploymentPath regions': (s, v) =>
    policy(s).allowDeploymentPath(DeploymentPath.CLOUD_RUN_ADMIN_API, { regions: any(v) }),
  addClusterAdmissionRule: (s, v) => policy(s).addClusterAdmissionRule(any(v), AdmissionRule.denyAll()),
  'guardrail parent': (s, v) => new CloudRunBinaryAuthorizationGuardrail(s, 'G', { parent: any(v) }),
};

describe('private keys in the wrong place never reach an error message', () => {
  const rows = Object.entries(ENTRY_POINTS).flatMap(([entry, build]) =>
    Object.entries(PRIVATE_KEYS).flatMap(([kind, key]) =>
      Object.entries(SHAPES).map(([shape, wrap]) => [entry, kind, shape, build, key, wrap] as const),
    ),
  );
  test.each(rows)('%s given %s as %s', (_entry, _kind, _shape, build, key, wrap) => {
    let message = '';
    try {
      const stack = projectStack();
      build(stack, wrap(key));
      Testing.synth(stack, true);
    } catch (e) {
      message = `${(e as Error).message} ${JSON.stringify(e)}`;
    }
    const lines = key.split(/\n/).filter((l) => l.length > 16 && !l.startsWith('-----'));
    const pieces = lines.length > 1 ? lines : (key.match(/.{1,40}/g) ?? []);
    expect(pieces.filter((piece) => message.includes(piece))).toEqual([]);
  });

  test('says what it left out', () => {
    expect(() => attestor(projectStack(), { keys: [AttestorKey.pkix(any(PRIVATE_KEYS['EC (SEC1)']))] })).toThrow(
      /invalid 'options' \(a string of \d+ characters holding a PEM block labelled "EC PRIVATE KEY", not shown\): expected an object/,
    );
    expect(() =>
      attestor(projectStack(), { keys: [AttestorKey.pgp(any([PRIVATE_KEYS['PGP private block']]))] }),
    ).toThrow(
      /invalid 'keys\[0\]' \(an array of 1 holding a PEM block labelled "PGP PRIVATE KEY BLOCK", not shown\): expected a string/,
    );
    expect(() => policy(projectStack()).evaluate(PRIVATE_KEYS['EC body without its PEM lines'])).toThrow(
      /invalid 'image' \(a string of \d+ characters holding text that may be a key body, not shown\): "…" is not an image reference/,
    );
  });
});

describe('the suite', () => {
  const all = [
    ...PATTERN_CASES,
    ...POLICY_CASES,
    ...DEPLOYMENT_PATH_CASES,
    ...RULE_CASES,
    ...DEPLOY_SIDE_CASES,
    ...DISCOVERY_CASES,
    ...KEY_CASES,
    ...IAM_CASES,
    ...ATTESTOR_CASES,
  ];

  test('holds distinct cases', () => {
    expect(new Set(all.map(([name]) => name)).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(90);
  });

  test('never prints key material', () => {
    const pastedKeys: Case[] = [
      ['a private key where an AttestorKey belongs', (s) => attestor(s, { keys: [RSA_PRIVATE_PKCS8] }), /./],
      ['a key object of its own making', (s) => attestor(s, { keys: [{ publicKeyPem: HEADERLESS_EC_PRIVATE }] }), /./],
    ];
    for (const [name, build] of [...KEY_CASES, ...pastedKeys]) {
      let message = '';
      try {
        build(projectStack());
      } catch (e) {
        message = (e as Error).message;
      }
      for (const secret of [HEADERLESS_PRIVATE, HEADERLESS_EC_PRIVATE, RSA_PRIVATE_PKCS8, PGP_SECRET_BODY]) {
        for (const line of secret.split('\n').filter((l) => l.length > 16 && !l.startsWith('-----'))) {
          expect({ name, leaked: message.includes(line) }).toEqual({ name, leaked: false });
        }
      }
    }
  });
});
