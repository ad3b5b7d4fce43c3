/**
 * The command line on bad input, table-driven: every input it cannot fully understand is exit 2 with
 * exactly one line on standard error naming the input (and the resource and attribute, where there is
 * one), no stack trace and nothing on standard output; never exit 0 or 1 because something was skipped.
 * Cloud Run resources that do not enforce are lint errors (exit 1), never clean.
 *
 * Run in-process through `main()` (fast); a few at the end through a child process, for real exit
 * codes and streams.
 */
// The module itself (not a namespace copy), so that jest.spyOn replaces what src/cli/input.ts calls.
import fs from 'fs';
import { dirname, join } from 'path';
import v8 from 'v8';
import * as lintCommand from '../../src/cli/lint';
import { DENY_RULE, policyJson, runCli, scratchFolder, spawnCli } from '../support';
import { NON_ENFORCING_SHAPES } from '../support/cloud-run-shapes';

const D = `sha256:${'a'.repeat(64)}`;
const IMAGE = `gcr.io/my-project/app@${D}`;
const POLICY = 'google_binary_authorization_policy.p';

type Command = 'summary' | 'check' | 'lint' | 'export' | 'diff' | 'graph';
const COMMANDS: Command[] = ['summary', 'check', 'lint', 'export', 'diff', 'graph'];

function argvFor(command: Command, input: string): string[] {
  switch (command) {
    case 'summary':
      return ['summary', input];
    case 'check':
      return ['check', input, '--image', IMAGE];
    case 'lint':
      return ['lint', input];
    case 'export':
      return ['export', input, '--format', 'gcloud-yaml'];
    case 'diff':
      return ['diff', input, input];
    case 'graph':
      return ['graph', input];
  }
}

/** A file's content, or something else at its path. */
type Entry = string | Buffer | { symlink: string } | { folder: true } | { sparse: number };

/** The attributes of a valid policy: my-project's, denying, that Terraform will not destroy. */
const VALID_POLICY = { project: 'my-project', default_admission_rule: DENY_RULE, lifecycle: { prevent_destroy: true } };

/** Terraform JSON holding one policy `p`: a valid one, changed by `body` (`undefined` removes a key). */
function policyDoc(body: Record<string, unknown> = {}): string {
  return JSON.stringify(policyJson({ ...VALID_POLICY, ...body }));
}

/** Terraform JSON with a valid policy, the Cloud Run guardrail, and the given resources of other types. */
function withResources(resources: Record<string, unknown>): string {
  const guardrail = { g: { name: 'projects/my-project/policies/run.allowedBinaryAuthorizationPolicies' } };
  return JSON.stringify(policyJson(VALID_POLICY, { google_org_policy_policy: guardrail, ...resources }));
}

function nested(depth: number, bottom: string): string {
  return `${'['.repeat(depth)}${bottom}${']'.repeat(depth)}`;
}

/** Makes `fs[method]` fail with EACCES for paths ending with `path` (the tests run as root, who may read anything). */
function eaccesOn(path: string, method: 'readFileSync' | 'readdirSync' | 'statSync'): void {
  const real = (fs as any)[method].bind(fs);
  jest.spyOn(fs, method).mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
    if (String(p).endsWith(path)) {
      throw Object.assign(new Error(`EACCES: permission denied, open '${String(p)}'`), { code: 'EACCES' });
    }
    return real(p, ...rest);
  }) as any);
}

interface BadInput {
  /** What is bad. */
  readonly what: string;
  /** The files to create in the case's folder. */
  readonly files: Record<string, Entry>;
  /** The input given to the command, relative to the case's folder (`.` for the folder). */
  readonly input?: string;
  /** The exit code, the same for every command or by command (default 2). */
  readonly code?: number | Partial<Record<Command, number>>;
  /** What the one line on standard error names, besides the prefix (`@` is the case's folder). */
  readonly names: string[];
  /** Sets up mocks, undone after the test. */
  readonly mock?: (folder: string) => void;
}

/** A bad input that is the one file in.tf.json, holding `content`. */
function inFile(what: string, content: Entry, ...names: string[]): BadInput {
  return { what, files: { 'in.tf.json': content }, names };
}

/** A bad input that is the one file in.tf.json, holding a valid policy `p` changed by `body` (see policyDoc). */
function policyWith(what: string, body: Record<string, unknown>, ...names: string[]): BadInput {
  return inFile(what, policyDoc(body), ...names);
}

/** A bad input that is the case's folder, holding `files`. */
function inTheFolder(what: string, files: Record<string, Entry>, ...names: string[]): BadInput {
  return { what, files, input: '.', names };
}

/** Valid JSON whose policy (`policyWith`) the API refuses: an input error (2), except for lint, which reports it (1). */
function refusedPolicy(what: string, body: Record<string, unknown>, ...names: string[]): BadInput {
  return { ...policyWith(what, body, ...names), code: { lint: 1 } };
}

/** Inputs every command reads the same way: run through each of the four commands. */
const EVERY_COMMAND: BadInput[] = [
  // --- the file itself
  { what: 'a missing file', files: {}, names: ['@/in.tf.json: no such file or folder'] },
  inFile('an empty file', '', '@/in.tf.json: is empty'),
  inFile('a file of white space', ' \n\t\n', '@/in.tf.json: is empty'),
  inFile('a byte order mark before valid JSON', `\ufeff${policyDoc()}`, '@/in.tf.json: starts with a byte order mark'),
  inFile('truncated JSON', policyDoc().slice(0, 40), '@/in.tf.json: not valid JSON ('),
  inFile('JSON followed by garbage', `${policyDoc()}}`, '@/in.tf.json: not valid JSON ('),
  inFile(
    'a YAML whose first line is indented',
    '  name: projects/my-project/policy\n  defaultAdmissionRule: {}\n',
    '@/in.tf.json: not valid JSON (',
    '), nor a policy YAML as gcloud prints it (its first line that is not blank or a comment must be a key at the start of the line',
  ),
  inFile('JSON with a comment', `// x\n${policyDoc()}`, '@/in.tf.json: not valid JSON'),
  inFile('JSON with a trailing comma', '{"resource": {},}', 'not valid JSON'),
  inFile(
    'bytes that are not UTF-8',
    Buffer.concat([Buffer.from('{"resource": {"x": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}}')]),
    '@/in.tf.json: not valid UTF-8',
  ),
  inFile('UTF-16 text', Buffer.from(`\ufeff${policyDoc()}`, 'utf16le'), '@/in.tf.json: not valid UTF-8'),
  inFile(
    'the key "resource" twice (JSON.parse keeps the last)',
    `{"resource": {"google_cloud_run_v2_service": {"s": {}}}, "resource": ${policyDoc().slice(12, -1)}}`,
    '@/in.tf.json: has the key "resource" twice in the top-level object (line 1)',
  ),
  inFile(
    'a resource name twice',
    `{"resource": {"google_binary_authorization_policy": {"p": {"project": "a"},\n "p": {"project": "b"}}}}`,
    'has the key "p" twice in resource.google_binary_authorization_policy (line 2)',
  ),
  inFile(
    'an attribute twice, once escaped',
    `{"resource": {"google_binary_authorization_policy": {"p": {"project": "a", "proj\\u0065ct": "b"}}}}`,
    'has the key "project" twice in resource.google_binary_authorization_policy.p',
  ),
  inFile(
    'a value nested 20,000 levels deep',
    `{"resource": {"google_binary_authorization_policy": {"p": {"project": ${nested(20_000, '1')}}}}}`,
    '@/in.tf.json: nests objects and lists deeper than 512 levels',
  ),
  inFile(
    'a resource body nested 20,000 levels deep',
    `{"resource": {"google_binary_authorization_policy": {"p": ${nested(20_000, '{}')}}}}`,
    '@/in.tf.json: nests objects and lists deeper than 512 levels',
  ),
  // --- the document's shape
  inFile('a list at the top', '[]', '@/in.tf.json: the document must be a JSON object'),
  inFile('a list of policies at the top', `[${policyDoc()}]`, '@/in.tf.json: the document must be a JSON object'),
  inFile('a string at the top', '"resource"', 'the document must be a JSON object', 'got: "resource"'),
  inFile('a number at the top', '42', 'the document must be a JSON object', 'got: 42'),
  inFile('null at the top', 'null', 'the document must be a JSON object', 'got: null'),
  inFile('resource null', '{"resource": null}', '@/in.tf.json: resource must be an object'),
  inFile('resource a string', '{"resource": "x"}', 'resource must be an object', 'got: "x"'),
  inFile('resource a list', `{"resource": [${policyDoc().slice(12, -1)}]}`, '@/in.tf.json: resource is a list'),
  inFile(
    'the policy type a list',
    '{"resource": {"google_binary_authorization_policy": []}}',
    'resource.google_binary_authorization_policy must be an object keyed by resource name, got: []',
  ),
  inFile(
    'the policy type null',
    '{"resource": {"google_binary_authorization_policy": null}}',
    'resource.google_binary_authorization_policy must be an object keyed by resource name, got: null',
  ),
  // --- a policy body
  inFile(
    'a policy body that is a string',
    '{"resource": {"google_binary_authorization_policy": {"p": "x"}}}',
    `@/in.tf.json: ${POLICY} must be an object (the resource's attributes), got: "x"`,
  ),
  inFile(
    'a policy body that is null',
    '{"resource": {"google_binary_authorization_policy": {"p": null}}}',
    `${POLICY} must be an object`,
    'got: null',
  ),
  inFile(
    'a policy body that is a list of lists',
    `{"resource": {"google_binary_authorization_policy": {"p": [[${JSON.stringify(DENY_RULE)}]]}}}`,
    `${POLICY} must be an object`,
    'got: [[{…}]]',
  ),
  inFile(
    'a policy declared twice (a list of two bodies)',
    '{"resource": {"google_binary_authorization_policy": {"p": [{}, {}]}}}',
    `${POLICY}: declared 2 times`,
  ),
  // --- the policy's attributes: each wrong type names the file, the address and the attribute
  policyWith('project a number', { project: 7 }, `@/in.tf.json: ${POLICY}: project must be a string`, 'got: 7'),
  policyWith('project a list', { project: ['a'] }, `${POLICY}: project must be a string`, 'got: ["a"]'),
  policyWith('project an object', { project: {} }, `${POLICY}: project must be a string`, 'got: {}'),
  policyWith('project true', { project: true }, `${POLICY}: project must be a string`, 'got: true'),
  policyWith('no default rule', { default_admission_rule: undefined }, `${POLICY}: default_admission_rule is not set`),
  policyWith(
    'a default rule that is an empty list',
    { default_admission_rule: [] },
    `${POLICY}: default_admission_rule is not set`,
  ),
  policyWith(
    'two default rules',
    { default_admission_rule: [DENY_RULE, DENY_RULE] },
    `${POLICY}: default_admission_rule must be a single block`,
  ),
  policyWith(
    'a default rule that is a number',
    { default_admission_rule: 5 },
    `${POLICY}: default_admission_rule must be a block`,
    'got: 5',
  ),
  policyWith(
    'a default rule that is a list of lists',
    { default_admission_rule: [[DENY_RULE]] },
    `${POLICY}: default_admission_rule must be a block`,
  ),
  policyWith(
    'evaluation_mode a number',
    { default_admission_rule: { ...DENY_RULE, evaluation_mode: 5 } },
    `${POLICY}: default_admission_rule.evaluation_mode must be a string`,
    'got: 5',
  ),
  policyWith(
    'evaluation_mode an object',
    { default_admission_rule: { ...DENY_RULE, evaluation_mode: { mode: 'ALWAYS_DENY' } } },
    `${POLICY}: default_admission_rule.evaluation_mode must be a string`,
  ),
  policyWith(
    'evaluation_mode nested 300 levels deep (under the depth limit)',
    { default_admission_rule: { ...DENY_RULE, evaluation_mode: JSON.parse(nested(300, '"ALWAYS_DENY"')) } },
    `${POLICY}: default_admission_rule.evaluation_mode must be a string`,
    'got: [[[…]]]',
  ),
  policyWith(
    'evaluation_mode null (not set)',
    { default_admission_rule: { ...DENY_RULE, evaluation_mode: null } },
    `${POLICY}: default_admission_rule.evaluation_mode is not set`,
  ),
  policyWith(
    'enforcement_mode a boolean',
    { default_admission_rule: { ...DENY_RULE, enforcement_mode: false } },
    `${POLICY}: default_admission_rule.enforcement_mode must be a string`,
    'got: false',
  ),
  policyWith(
    'no enforcement_mode',
    { default_admission_rule: { evaluation_mode: 'ALWAYS_DENY' } },
    `${POLICY}: default_admission_rule.enforcement_mode is not set`,
  ),
  policyWith(
    'require_attestations_by [1]',
    { default_admission_rule: { ...DENY_RULE, require_attestations_by: [1] } },
    `${POLICY}: default_admission_rule.require_attestations_by[0] must be a string`,
    'got: 1',
  ),
  policyWith(
    'require_attestations_by [null]',
    { default_admission_rule: { ...DENY_RULE, require_attestations_by: [null] } },
    `${POLICY}: default_admission_rule.require_attestations_by[0] must be a string`,
    'got: null',
  ),
  policyWith(
    'require_attestations_by a plain string',
    { default_admission_rule: { ...DENY_RULE, require_attestations_by: 'projects/p/attestors/a' } },
    `${POLICY}: default_admission_rule.require_attestations_by must be a list of strings`,
  ),
  policyWith(
    'require_attestations_by an object',
    { default_admission_rule: { ...DENY_RULE, require_attestations_by: {} } },
    `${POLICY}: default_admission_rule.require_attestations_by must be a list of strings`,
    'got: {}',
  ),
  policyWith(
    'name_pattern an object',
    { admission_whitelist_patterns: [{ name_pattern: {} }] },
    `${POLICY}: admission_whitelist_patterns[0].name_pattern must be a string`,
    'got: {}',
  ),
  policyWith(
    'name_pattern a number',
    { admission_whitelist_patterns: [{ name_pattern: 'gcr.io/a/b@*' }, { name_pattern: 5 }] },
    `${POLICY}: admission_whitelist_patterns[1].name_pattern must be a string`,
    'got: 5',
  ),
  policyWith(
    'a pattern block without name_pattern',
    { admission_whitelist_patterns: [{}] },
    `${POLICY}: admission_whitelist_patterns[0].name_pattern is not set`,
  ),
  policyWith(
    'patterns as a list of strings',
    { admission_whitelist_patterns: ['gcr.io/a/b@*'] },
    `${POLICY}: admission_whitelist_patterns[0] must be a block`,
  ),
  policyWith(
    'patterns as a plain string',
    { admission_whitelist_patterns: 'gcr.io/a/b@*' },
    `${POLICY}: admission_whitelist_patterns must be a block`,
  ),
  policyWith(
    'patterns as a number',
    { admission_whitelist_patterns: 3 },
    `${POLICY}: admission_whitelist_patterns must be a block`,
    'got: 3',
  ),
  policyWith(
    'a cluster rule without cluster',
    { cluster_admission_rules: [DENY_RULE] },
    `${POLICY}: cluster_admission_rules[0].cluster is not set`,
  ),
  policyWith(
    'a cluster rule whose cluster is a number',
    { cluster_admission_rules: [{ ...DENY_RULE, cluster: 1 }] },
    `${POLICY}: cluster_admission_rules[0].cluster must be a string`,
  ),
  policyWith(
    'two rules for one cluster',
    {
      cluster_admission_rules: [
        { ...DENY_RULE, cluster: 'us-central1-a.c' },
        { ...DENY_RULE, cluster: 'us-central1-a.c' },
      ],
    },
    `${POLICY}: cluster_admission_rules[1].cluster "us-central1-a.c" has two rules`,
  ),
  policyWith(
    'a cluster rule whose evaluation mode is a list',
    { cluster_admission_rules: [{ ...DENY_RULE, cluster: 'us-central1-a.c', evaluation_mode: [] }] },
    `${POLICY}: cluster_admission_rules[0].evaluation_mode must be a string`,
  ),
  policyWith(
    'prevent_destroy "true"',
    { lifecycle: { prevent_destroy: 'true' } },
    `${POLICY}: lifecycle.prevent_destroy must be true or false`,
    'got: "true"',
  ),
  policyWith('lifecycle a number', { lifecycle: 1 }, `${POLICY}: lifecycle must be a block`),
  policyWith('description a number', { description: 1 }, `${POLICY}: description must be a string`),
  policyWith(
    'global_policy_evaluation_mode a list',
    { global_policy_evaluation_mode: ['ENABLE'] },
    `${POLICY}: global_policy_evaluation_mode must be a string`,
  ),
  policyWith('dynamic a string', { dynamic: 'x' }, `${POLICY}: dynamic must be a block`),
  // --- paths that cannot be read
  inFile(
    'a dangling symbolic link',
    { symlink: 'gone.tf.json' },
    '@/in.tf.json: cannot read: a symbolic link to "gone.tf.json", which does not exist (ENOENT)',
  ),
  {
    what: 'a loop of symbolic links',
    files: { 'in.tf.json': { symlink: 'loop.tf.json' }, 'loop.tf.json': { symlink: 'in.tf.json' } },
    names: ['@/in.tf.json: cannot read: a loop of symbolic links (ELOOP)'],
  },
  {
    what: 'a path through a file',
    files: { 'in.tf.json': policyDoc() },
    input: 'in.tf.json/cdk.tf.json',
    names: ['@/in.tf.json/cdk.tf.json: cannot read: a file where a folder was expected on the way (ENOTDIR)'],
  },
  {
    what: 'permission denied on the file (readFileSync mocked to fail with EACCES: the tests run as root)',
    files: { 'in.tf.json': policyDoc() },
    mock: () => eaccesOn('in.tf.json', 'readFileSync'),
    names: ['@/in.tf.json: cannot read: permission denied (EACCES)'],
  },
  inFile(
    'a file larger than Node.js can hold as a string (a sparse file: only its size is read)',
    { sparse: 600 * 1024 * 1024 },
    '@/in.tf.json: cannot read: 629145600 bytes, more than the 536870888 this command can hold',
  ),
  {
    what: 'a device',
    files: {},
    input: '/dev/null',
    names: ['/dev/null: cannot read: not a regular file'],
  },
  // --- folders
  inTheFolder('an empty folder', {}, '@: no cdk.tf.json, *.tf, *.tf.json or stacks/*/cdk.tf.json in this folder'),
  inTheFolder(
    'a folder whose only *.tf.json is a dangling link',
    { 'main.tf.json': { symlink: 'nowhere' } },
    '@/main.tf.json: cannot read: a symbolic link to "nowhere", which does not exist',
  ),
  inTheFolder(
    'a folder whose *.tf.json is a folder',
    { 'main.tf.json': { folder: true } },
    '@/main.tf.json: cannot read: a folder where a file was expected (EISDIR)',
  ),
  inTheFolder(
    'a folder holding HCL that is not valid besides JSON',
    { 'main.tf.json': policyDoc(), 'services.tf': 'resource "google_cloud_run_v2_service" "s" {' },
    '@/services.tf:1: not valid HCL: Unclosed configuration block',
  ),
  inTheFolder(
    'a folder calling a local module whose folder is missing',
    { 'main.tf': 'module "api" {\n  source = "./modules/api"\n}\n' },
    '@/main.tf:1: module.api has source "./modules/api", and @/modules/api does not exist',
  ),
  inTheFolder(
    'a folder holding an override file',
    {
      'main.tf.json': policyDoc(),
      'main_override.tf.json': policyDoc({ default_admission_rule: { ...DENY_RULE, evaluation_mode: 'ALWAYS_ALLOW' } }),
    },
    '@: holds Terraform override files (main_override.tf.json)',
  ),
  {
    what: 'a folder that cannot be listed (readdirSync mocked to fail with EACCES: the tests run as root)',
    files: { 'main.tf.json': policyDoc() },
    input: '.',
    mock: (folder) => eaccesOn(folder, 'readdirSync'),
    names: ['@: cannot read: permission denied (EACCES)'],
  },
  // --- cdktf.out folders
  inTheFolder(
    'a stack whose cdk.tf.json is a dangling link',
    { 'stacks/a/cdk.tf.json': policyDoc(), 'stacks/b/cdk.tf.json': { symlink: '../../missing.json' } },
    '@/stacks/b/cdk.tf.json: cannot read: a symbolic link to "../../missing.json", which does not exist',
  ),
  inTheFolder(
    'a stack whose cdk.tf.json is a loop of links',
    { 'stacks/a/cdk.tf.json': policyDoc(), 'stacks/b/cdk.tf.json': { symlink: 'cdk.tf.json' } },
    '@/stacks/b/cdk.tf.json: cannot read: a loop of symbolic links (ELOOP)',
  ),
  inTheFolder(
    'a stack whose cdk.tf.json is a folder',
    { 'stacks/a/cdk.tf.json': policyDoc(), 'stacks/b/cdk.tf.json': { folder: true } },
    '@/stacks/b/cdk.tf.json: cannot read: a folder where a file was expected (EISDIR)',
  ),
  {
    what: 'a stack whose cdk.tf.json cannot be read (readFileSync mocked to fail with EACCES: the tests run as root)',
    files: { 'stacks/a/cdk.tf.json': policyDoc(), 'stacks/b/cdk.tf.json': policyDoc() },
    input: '.',
    mock: () => eaccesOn(join('b', 'cdk.tf.json'), 'readFileSync'),
    names: ['@/stacks/b/cdk.tf.json: cannot read: permission denied (EACCES)'],
  },
  {
    what: 'a stack folder that cannot be looked into (statSync mocked to fail with EACCES: the tests run as root)',
    files: { 'stacks/a/cdk.tf.json': policyDoc(), 'stacks/b/cdk.tf.json': policyDoc() },
    input: '.',
    mock: () => eaccesOn(join('b', 'cdk.tf.json'), 'statSync'),
    names: ['@/stacks/b/cdk.tf.json: cannot read: permission denied (EACCES)'],
  },
  {
    what: 'a stacks folder that cannot be listed (readdirSync mocked to fail with EACCES: the tests run as root)',
    files: { 'stacks/a/cdk.tf.json': policyDoc() },
    input: '.',
    mock: () => eaccesOn('stacks', 'readdirSync'),
    names: ['@/stacks: cannot read: permission denied (EACCES)'],
  },
  inTheFolder(
    'a stack folder without cdk.tf.json',
    { 'stacks/a/cdk.tf.json': policyDoc(), 'stacks/b/plan.out': 'x' },
    '@/stacks/b: a stack folder without cdk.tf.json',
  ),
  inTheFolder(
    'a stack synthesized as HCL that is not valid',
    { 'stacks/a/cdk.tf.json': policyDoc(), 'stacks/b/cdk.tf': 'resource "x" "y" {\n  a =\n}\n' },
    '@/stacks/b/cdk.tf:2: not valid HCL: Invalid expression',
  ),
  inTheFolder(
    'a file among the stack folders',
    { 'stacks/a/cdk.tf.json': policyDoc(), 'stacks/b.json': policyDoc() },
    '@/stacks/b.json: not a stack folder',
  ),
  inTheFolder(
    'a dangling link among the stack folders',
    { 'stacks/a/cdk.tf.json': policyDoc(), 'stacks/b': { symlink: '/nonexistent/stack' } },
    '@/stacks/b: cannot read: a symbolic link to "/nonexistent/stack", which does not exist',
  ),
  inTheFolder(
    'a stack with invalid JSON beside a good one',
    { 'stacks/a/cdk.tf.json': policyDoc(), 'stacks/b/cdk.tf.json': '{' },
    '@/stacks/b/cdk.tf.json: not valid JSON',
  ),
  inTheFolder(
    'a stack with a wrong type beside a good one',
    { 'stacks/a/cdk.tf.json': policyDoc(), 'stacks/b/cdk.tf.json': policyDoc({ project: 1 }) },
    `@/stacks/b/cdk.tf.json: ${POLICY}: project must be a string`,
  ),
];

/** A plan (`terraform show -json`) holding one policy `p` in a module, changed by `change`. */
function planDoc(change: (plan: any) => void = () => undefined): string {
  const values = {
    project: 'my-project',
    default_admission_rule: [DENY_RULE],
    admission_whitelist_patterns: [{ name_pattern: 'gcr.io/my-project/**' }],
  };
  const plan: any = {
    format_version: '1.2',
    planned_values: {
      root_module: {
        child_modules: [
          {
            address: 'module.m',
            resources: [
              {
                address: `module.m.${POLICY}`,
                mode: 'managed',
                type: 'google_binary_authorization_policy',
                name: 'p',
                values,
              },
            ],
          },
        ],
      },
    },
    resource_changes: [
      {
        address: `module.m.${POLICY}`,
        mode: 'managed',
        type: 'google_binary_authorization_policy',
        name: 'p',
        change: { actions: ['create'], before: null, after: values, after_unknown: { id: true } },
      },
    ],
  };
  change(plan);
  return JSON.stringify(plan);
}

/** A state (`terraform show -json`) holding one policy `p`, its values changed by `values`. */
function stateDoc(values: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format_version: '1.0',
    values: {
      root_module: {
        resources: [
          {
            address: POLICY,
            mode: 'managed',
            type: 'google_binary_authorization_policy',
            name: 'p',
            values: { project: 'my-project', default_admission_rule: [DENY_RULE], ...values },
          },
        ],
      },
    },
  });
}

const YAML_POLICY =
  'defaultAdmissionRule:\n  evaluationMode: ALWAYS_DENY\n  enforcementMode: ENFORCED_BLOCK_AND_AUDIT_LOG\nname: projects/my-project/policy\n';

/** Plans, state, policy YAML and JSON of no format, as every command reads them (named in.tf.json: the format is told by the content). */
const NEW_FORMATS: BadInput[] = [
  inFile(
    'JSON that is none of the formats',
    '{"foo": 1, "resource": {}}',
    '@/in.tf.json: is none of the formats this command reads: its top-level keys ["foo"]',
  ),
  inFile(
    'a plan whose after_unknown is a string',
    planDoc((p) => (p.resource_changes[0].change.after_unknown = 'yes')),
    '@/in.tf.json: resource_changes[0].change.after_unknown must be an object',
    'got: "yes"',
  ),
  inFile(
    'a plan whose after_unknown holds a string where a block is',
    planDoc((p) => (p.resource_changes[0].change.after_unknown = { default_admission_rule: 'x' })),
    'resource_changes[0].change.after_unknown.default_admission_rule must be true, false, a list or an object, got: "x"',
  ),
  inFile(
    'a plan whose after_unknown is a list where the value is a string',
    planDoc((p) => (p.resource_changes[0].change.after_unknown = { project: [true] })),
    'resource_changes[0].change.after_unknown.project is a list where the value is "my-project"',
  ),
  inFile(
    'a plan of another major format version',
    planDoc((p) => (p.format_version = '2.0')),
    '@/in.tf.json: format_version must be "1.x"',
    'got: "2.0"',
  ),
  inFile(
    'a plan without planned_values',
    planDoc((p) => delete p.planned_values),
    '@/in.tf.json: planned_values must be an object, got: undefined',
  ),
  inFile(
    'a plan whose child_modules is an object',
    planDoc((p) => (p.planned_values.root_module.child_modules = {})),
    'planned_values.root_module.child_modules must be a list, got: {}',
  ),
  inFile(
    'a plan resource without a change',
    planDoc((p) => (p.resource_changes = [])),
    `planned_values.root_module.child_modules[0].resources[0] (module.m.${POLICY}): resource_changes holds no change for it`,
  ),
  inFile(
    'a plan that errored',
    planDoc((p) => (p.errored = true)),
    '@/in.tf.json: the plan errored (terraform plan failed)',
  ),
  inFile(
    'an incomplete plan',
    planDoc((p) => (p.complete = false)),
    '@/in.tf.json: the plan is incomplete',
  ),
  inFile(
    'a plan with an action Terraform does not have',
    planDoc((p) => (p.resource_changes[0].change.actions = ['destroy'])),
    'resource_changes[0].change.actions[0]',
    'unknown action "destroy"',
  ),
  inFile(
    'a plan whose change planned_values does not hold',
    planDoc((p) =>
      p.resource_changes.push({
        address: 'google_cloud_run_v2_service.evil',
        mode: 'managed',
        type: 'google_cloud_run_v2_service',
        name: 'evil',
        change: {
          actions: ['create'],
          before: null,
          after: { template: [{ containers: [{ image: 'docker.io/x' }] }] },
        },
      }),
    ),
    '@/in.tf.json: resource_changes[1] (google_cloud_run_v2_service.evil): its actions ["create"] leave it in place, but planned_values does not hold it',
  ),
  inFile(
    'a plan that deletes a policy planned_values still holds',
    planDoc((p) => Object.assign(p.resource_changes[0].change, { actions: ['delete'], after: null })),
    `@/in.tf.json: resource_changes[0] (module.m.${POLICY}): its actions ["delete"] remove it, but planned_values still holds it`,
  ),
  inFile(
    'a plan whose change has no after',
    planDoc((p) => (p.resource_changes[0].change.after = null)),
    `@/in.tf.json: resource_changes[0] (module.m.${POLICY}): its actions ["create"] leave it in place, but its change has no "after"`,
  ),
  inFile(
    'a plan whose change has no actions',
    planDoc((p) => (p.resource_changes[0].change.actions = [])),
    `@/in.tf.json: resource_changes[0].change.actions (module.m.${POLICY}) must be one of the lists Terraform writes`,
  ),
  inFile(
    'a plan resource whose type is a number',
    planDoc((p) => (p.planned_values.root_module.child_modules[0].resources[0].type = 5)),
    'planned_values.root_module.child_modules[0].resources[0].type must be a string, got: 5',
  ),
  inFile(
    'a plan module with an address that is not one',
    planDoc((p) => (p.planned_values.root_module.child_modules[0].address = 'modules/m')),
    'a module address must look like "module.NAME"',
    'got: "modules/m"',
  ),
  inFile(
    'a plan policy whose default rule is a number',
    planDoc((p) => (p.planned_values.root_module.child_modules[0].resources[0].values.default_admission_rule = 5)),
    `module.m.${POLICY}: default_admission_rule must be a block`,
    'got: 5',
  ),
  inFile(
    'a state whose policy has two default rules',
    stateDoc({ default_admission_rule: [DENY_RULE, DENY_RULE] }),
    `${POLICY}: default_admission_rule must be a single block`,
  ),
  inFile('a state whose policy project is a list', stateDoc({ project: ['a'] }), `${POLICY}: project must be a string`),
  inFile(
    'a state whose resource values are a list',
    JSON.stringify({
      format_version: '1.0',
      values: {
        root_module: {
          resources: [
            { address: POLICY, mode: 'managed', type: 'google_binary_authorization_policy', name: 'p', values: [] },
          ],
        },
      },
    }),
    `values.root_module.resources[0].values (${POLICY}) must be an object, got: []`,
  ),
  inFile(
    'a state whose root module is a list',
    '{"format_version": "1.0", "values": {"root_module": []}}',
    'values.root_module must be an object, got: []',
  ),
  inFile(
    'a YAML policy whose default rule is a list',
    'defaultAdmissionRule: [1]\nname: projects/my-project/policy\n',
    '@/in.tf.json: defaultAdmissionRule must be a mapping',
    'got: [1]',
  ),
  inFile(
    'a YAML policy whose evaluation mode is a number',
    YAML_POLICY.replace('ALWAYS_DENY', '5'),
    'defaultAdmissionRule.evaluationMode must be a string',
    'got: 5',
  ),
  inFile(
    'a YAML policy whose pattern is a mapping',
    `${YAML_POLICY}admissionWhitelistPatterns:\n- namePattern: {a: 1}\n`,
    'admissionWhitelistPatterns[0].namePattern must be a string',
  ),
  // YAML has no interpolation: "${…}" is the literal text, invalid where a mode, a name or a pattern belongs.
  ...(
    [
      [
        'evaluation mode',
        YAML_POLICY.replace('ALWAYS_DENY', '"${var.mode}"'),
        'defaultAdmissionRule.evaluationMode must be ALWAYS_ALLOW, ALWAYS_DENY or REQUIRE_ATTESTATION, got: "${var.mode}"',
      ],
      [
        'enforcement mode',
        YAML_POLICY.replace('ENFORCED_BLOCK_AND_AUDIT_LOG', '${var.e}'),
        'defaultAdmissionRule.enforcementMode must be ENFORCED_BLOCK_AND_AUDIT_LOG or DRYRUN_AUDIT_LOG_ONLY, got: "${var.e}"',
      ],
      [
        'pattern',
        `${YAML_POLICY}admissionWhitelistPatterns:\n- namePattern: gcr.io/\${var.p}/**\n`,
        'admissionWhitelistPatterns[0].namePattern must be an image pattern, got: "gcr.io/${var.p}/**"',
      ],
      [
        'project',
        YAML_POLICY.replace('projects/my-project/policy', 'projects/${var.project}/policy'),
        'name must be "projects/PROJECT_ID/policy", got: "projects/${var.project}/policy"',
      ],
      [
        'cluster key',
        `${YAML_POLICY}clusterAdmissionRules:\n  \${var.c}:\n    evaluationMode: ALWAYS_DENY\n    enforcementMode: ENFORCED_BLOCK_AND_AUDIT_LOG\n`,
        'clusterAdmissionRules key "${var.c}" must be LOCATION.CLUSTER_ID, got: "${var.c}"',
      ],
      [
        'global evaluation mode',
        `${YAML_POLICY}globalPolicyEvaluationMode: \${var.g}\n`,
        'globalPolicyEvaluationMode must be ENABLE or DISABLE, got: "${var.g}"',
      ],
    ] as const
  ).map(([what, yaml, message]) =>
    inFile(`a YAML policy with "\${" in its ${what}`, yaml, `@/in.tf.json: ${message}`, '(YAML has no interpolation'),
  ),
  inFile(
    'a YAML policy with "${" in an attestor name',
    YAML_POLICY.replace('ALWAYS_DENY', 'REQUIRE_ATTESTATION').replace(
      'ENFORCED_BLOCK_AND_AUDIT_LOG\n',
      'ENFORCED_BLOCK_AND_AUDIT_LOG\n  requireAttestationsBy:\n  - projects/my-project/attestors/${var.a}\n',
    ),
    '@/in.tf.json: defaultAdmissionRule.requireAttestationsBy[0] must be an attestor name like "projects/P/attestors/N", got: "projects/my-project/attestors/${var.a}"',
  ),
  inFile(
    'a YAML policy with a key the format does not have',
    `${YAML_POLICY}defaultAdmisionRule: {}\n`,
    'the policy has the key "defaultAdmisionRule", which is not one of',
  ),
  inFile(
    'a YAML that is not a policy (a Kubernetes manifest)',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n',
    'the policy has the key "apiVersion"',
  ),
  inFile(
    'a YAML policy whose name is not a policy name',
    YAML_POLICY.replace('projects/my-project/policy', 'projects/my-project/attestors/a'),
    'name must be "projects/PROJECT_ID/policy"',
  ),
  inFile(
    'a YAML policy with GKE-only rule maps',
    `${YAML_POLICY}kubernetesNamespaceAdmissionRules: {}\n`,
    'kubernetesNamespaceAdmissionRules: GKE-only rules',
  ),
  inFile(
    'YAML anchors and aliases (a billion laughs)',
    `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n`,
    '@/in.tf.json: uses YAML anchors and aliases',
  ),
  inFile('a YAML of two documents', `${YAML_POLICY}---\n${YAML_POLICY}`, 'holds 2 YAML documents'),
  inFile(
    'a YAML with a key twice',
    `${YAML_POLICY}name: projects/other-project/policy\n`,
    'not valid YAML (Map keys must be unique',
  ),
  inFile(
    'a YAML larger than any policy',
    `${YAML_POLICY}description: "${'x'.repeat(9 * 1024 * 1024)}"\n`,
    'characters of YAML, more than the 8388608 a policy YAML can be',
  ),
  inFile(
    'an exemption marker of the wrong shape',
    withResources({
      google_cloud_run_v2_service: { s: { '//': { binauthz: 'yes' }, binary_authorization: { use_default: true } } },
    }),
    'google_cloud_run_v2_service.s: "//".binauthz must be {"exempt": "REASON"}',
    'got: "yes"',
  ),
  inFile(
    'a provider block that is a number',
    JSON.stringify({ ...JSON.parse(policyDoc()), provider: { google: 5 } }),
    'provider.google[0] must be an object',
    'got: 5',
  ),
  inFile(
    'module a list',
    JSON.stringify({ ...JSON.parse(policyDoc()), module: [] }),
    'module must be an object keyed by module name, got: []',
  ),
];

/** Valid JSON, a policy the API refuses: check, export and summary refuse it (2), lint reports it (1). */
const INVALID_POLICIES: BadInput[] = [
  refusedPolicy(
    'an evaluation mode the API does not know',
    { default_admission_rule: { ...DENY_RULE, evaluation_mode: 'ALWAYS_DENYX' } },
    `@/in.tf.json: ${POLICY}: the default rule's evaluation mode "ALWAYS_DENYX" is not one of`,
  ),
  refusedPolicy(
    'an enforcement mode the API does not know',
    { default_admission_rule: { ...DENY_RULE, enforcement_mode: 'ENFORCED' } },
    `${POLICY}: the default rule's enforcement mode "ENFORCED" is not one of`,
  ),
  refusedPolicy(
    'REQUIRE_ATTESTATION without attestors',
    { default_admission_rule: { ...DENY_RULE, evaluation_mode: 'REQUIRE_ATTESTATION' } },
    `${POLICY}: the default rule is invalid: REQUIRE_ATTESTATION needs at least one attestor`,
  ),
  refusedPolicy(
    'ALWAYS_DENY with attestors',
    { default_admission_rule: { ...DENY_RULE, require_attestations_by: ['projects/p/attestors/a'] } },
    `${POLICY}: the default rule is invalid: ALWAYS_DENY takes no attestors`,
  ),
  refusedPolicy(
    'a cluster rule with a mode the API does not know',
    { cluster_admission_rules: [{ ...DENY_RULE, cluster: 'us-central1-a.c', evaluation_mode: 'NEVER' }] },
    `${POLICY}: the rule for GKE cluster us-central1-a.c's evaluation mode "NEVER" is not one of`,
  ),
  refusedPolicy(
    'a global policy evaluation mode the API does not know',
    { global_policy_evaluation_mode: 'ON' },
    `${POLICY}: the global policy evaluation mode "ON" is not one of ENABLE, DISABLE`,
  ),
  refusedPolicy(
    'two problems at once',
    { default_admission_rule: { evaluation_mode: 'X', enforcement_mode: 'Y' } },
    `${POLICY}: the default rule's evaluation mode "X" is not one of`,
    '(and 1 more; lint lists them all)',
  ),
  refusedPolicy(
    'a mode with control characters',
    { default_admission_rule: { ...DENY_RULE, evaluation_mode: 'ALWAYS_DENY\n\u001b[2K ALLOW' } },
    'evaluation mode "ALWAYS_DENY\\n\\u001b[2K ALLOW" is not one of',
  ),
];

/** Cloud Run resource bodies that are not objects: the document is malformed, exit 2 for lint. */
const CLOUD_RUN_BODIES: BadInput[] = [
  inFile(
    'a Cloud Run body that is a string',
    withResources({ google_cloud_run_v2_service: { s: 'x' } }),
    '@/in.tf.json: google_cloud_run_v2_service.s must be an object',
    'got: "x"',
  ),
  inFile(
    'a Cloud Run body that is an empty list',
    withResources({ google_cloud_run_service: { s: [] } }),
    'google_cloud_run_service.s must be an object',
    'got: []',
  ),
  inFile(
    'a Cloud Run service declared twice',
    withResources({ google_cloudfunctions2_function: { f: [{}, {}] } }),
    'google_cloudfunctions2_function.f: declared 2 times',
  ),
  inFile(
    'the Cloud Run type a list',
    withResources({ google_cloud_run_v2_job: [] }),
    'resource.google_cloud_run_v2_job must be an object keyed by resource name',
  ),
];

/** Inputs that diff and graph cannot fully read (what the trust chain needs beyond the policies): exit 2, one line. */
const TRUST_CHAIN: Array<BadInput & { readonly commands: Command[] }> = [
  {
    what: 'a module call, whose resources cannot be seen',
    files: { 'in.tf.json': JSON.stringify({ ...JSON.parse(policyDoc()), module: { m: { source: './m' } } }) },
    commands: ['diff', 'graph'],
    names: ["@/in.tf.json: module.m: a module's resources cannot be read from the configuration that calls it"],
  },
  {
    what: 'an attestor key that is no key',
    files: {
      'in.tf.json': withResources({
        google_binary_authorization_attestor: {
          a: { project: 'sec', name: 'a', attestation_authority_note: { note_reference: 'n', public_keys: [{}] } },
        },
      }),
    },
    commands: ['diff', 'graph'],
    names: ['google_binary_authorization_attestor.a: attestation_authority_note.public_keys[0] has no id'],
  },
  {
    what: 'an IAM member whose role is a number',
    files: {
      'in.tf.json': withResources({
        google_kms_crypto_key_iam_member: { m: { crypto_key_id: 'k', role: 5, member: 'user:a@example.com' } },
      }),
    },
    commands: ['diff', 'graph'],
    names: ['google_kms_crypto_key_iam_member.m: role must be a string', 'got: 5'],
  },
  {
    what: 'an IAM policy whose policy_data is not JSON',
    files: {
      'in.tf.json': withResources({
        google_container_analysis_note_iam_policy: { p: { note: 'n', policy_data: '{bindings' } },
      }),
    },
    commands: ['diff', 'graph'],
    names: ['google_container_analysis_note_iam_policy.p: policy_data must be an IAM policy as JSON'],
  },
  {
    what: 'an IAM binding whose members are a string',
    files: {
      'in.tf.json': withResources({
        google_container_analysis_note_iam_binding: {
          b: { note: 'n', role: 'roles/containeranalysis.notes.attacher', members: 'user:a@example.com' },
        },
      }),
    },
    commands: ['diff', 'graph'],
    names: ['google_container_analysis_note_iam_binding.b: members must be a list of members'],
  },
  {
    what: 'a note IAM member without note',
    files: {
      'in.tf.json': withResources({
        google_container_analysis_note_iam_member: {
          m: { role: 'roles/containeranalysis.notes.attacher', member: 'user:a@example.com' },
        },
      }),
    },
    commands: ['diff', 'graph'],
    names: ['google_container_analysis_note_iam_member.m: note is not set'],
  },
  {
    what: 'a plan that updates a resource without its before (diff of one plan)',
    files: { 'in.tf.json': planDoc((p) => (p.resource_changes[0].change.actions = ['update'])) },
    commands: ['diff'],
    names: [
      `@/in.tf.json: resource_changes[0].change.before (module.m.${POLICY}) is not set, though the change is of a resource that exists`,
    ],
  },
  {
    what: 'one input that is not a plan (diff of one input)',
    files: { 'in.tf.json': policyDoc() },
    commands: ['diff'],
    names: ['@/in.tf.json: diff with one input compares the two sides of a plan'],
  },
];

/** Command lines that are wrong: one line, exit 2. */
const BAD_ARGUMENTS: Array<[string, string[], string]> = [
  ['an unknown command', ['deploy', 'x'], 'unknown command "deploy"'],
  ['a command that looks like a prototype key', ['constructor', 'x'], 'unknown command "constructor"'],
  ['no input', ['lint'], 'lint takes one input'],
  ['two inputs', ['summary', 'a', 'b'], 'summary takes one input'],
  ['an unknown option', ['lint', 'x', '--colour'], "Unknown option '--colour'"],
  ['an option without its value', ['check', 'x', '--image'], "Option '--image <value>' argument missing"],
  ['--stack without its value', ['lint', 'x', '--stack'], "Option '--stack <value>' argument missing"],
  ['a value given to a flag', ['lint', 'x', '--json=yes'], "Option '--json' does not take an argument"],
  [
    '--workloads without --image',
    ['check', 'x', '--workloads'],
    '--workloads adds the workloads to the --image images',
  ],
  ['lint with --image', ['lint', 'x', '--image', IMAGE], 'lint does not take --image'],
  ['summary with --json', ['summary', 'x', '--json'], 'summary does not take --json'],
  [
    'check with a --policy file that is not there',
    ['check', 'x', '--image', IMAGE, '--policy', 'p'],
    'p: no such file or folder',
  ],
  [
    'export with --policy (now --address)',
    ['export', 'x', '--policy', 'p'],
    'export chooses a policy with --address ADDRESS',
  ],
  ['lint with --policy', ['lint', 'x', '--policy', 'p'], 'lint does not take --policy'],
  [
    'import in another language',
    ['import', 'x', '--language', 'go'],
    'unknown --language "go"; the languages are typescript, python',
  ],
  ['help of an unknown command', ['deploy', '--help'], 'unknown command "deploy"'],
  [
    'standard input as "-"',
    ['summary', '-'],
    '-: no such file or folder; standard input is read as /dev/stdin (check /dev/stdin < plan.json)',
  ],
  ['diff without input', ['diff'], 'diff takes two inputs (before and after'],
  ['diff with three inputs', ['diff', 'x', 'x', 'x'], 'diff takes two inputs (before and after'],
  ['diff with --stack', ['diff', 'x', 'x', '--stack', 's'], 'diff does not take --stack'],
  [
    'diff with --json and --markdown',
    ['diff', 'x', 'x', '--json', '--markdown'],
    'diff takes --json or --markdown, not both',
  ],
  [
    'graph with another format',
    ['graph', 'x', '--format', 'png'],
    'unknown --format "png" for graph; the formats are mermaid, dot',
  ],
  ['graph with two inputs', ['graph', 'x', 'x'], 'graph takes one input'],
  ['graph with --json', ['graph', 'x', '--json'], 'graph does not take --json'],
  ['export with another format', ['export', 'x', '--format', 'json'], 'unknown --format "json"'],
  [
    'an image without a registry',
    ['check', 'x', '--image', 'nginx:latest'],
    '--image "nginx:latest": "nginx:latest" is not an image reference',
  ],
  ['an empty image', ['check', 'x', '--image', ''], '--image "":'],
  [
    'an image with a short digest',
    ['check', 'x', '--image', 'gcr.io/p/a@sha256:abc'],
    '--image "gcr.io/p/a@sha256:abc":',
  ],
  ['an image with a newline', ['check', 'x', '--image', 'gcr.io/p/a\nALLOW'], '--image "gcr.io/p/a\\nALLOW":'],
  [
    'a second image that is bad',
    ['check', 'x', '--image', IMAGE, '--image', 'gcr.io/p/A@*'],
    '--image "gcr.io/p/A@*":',
  ],
];

// ---------------------------------------------------------------------------------------------------

const scratch = scratchFolder('bad-input-');
afterEach(() => jest.restoreAllMocks());

let count = 0;
/** Creates the case's files in a folder of its own; returns the folder. */
function materialize(files: Record<string, Entry>): string {
  const folder = join(scratch.path, `case-${++count}`);
  fs.mkdirSync(folder);
  for (const [path, entry] of Object.entries(files)) {
    const full = join(folder, path);
    fs.mkdirSync(dirname(full), { recursive: true });
    if (typeof entry === 'string' || Buffer.isBuffer(entry)) {
      fs.writeFileSync(full, entry);
    } else if ('symlink' in entry) {
      fs.symlinkSync(entry.symlink, full);
    } else if ('folder' in entry) {
      fs.mkdirSync(full);
    } else {
      fs.writeFileSync(full, '');
      fs.truncateSync(full, entry.sparse);
    }
  }
  return folder;
}

/** Runs the command in-process. */
const run = (argv: string[]) => runCli(...argv);

/** Exit 2: nothing on standard output, one line on standard error naming what it must, no stack trace. */
function expectOneLine(result: { code: number; stdout: string[]; stderr: string[] }, names: string[]): void {
  expect(result.stderr).toHaveLength(1);
  const [line] = result.stderr;
  for (const name of names) {
    expect(line).toContain(name);
  }
  expect(line.startsWith('cdktf-gcp-binauthz: ')).toBe(true);
  expect(line).not.toMatch(/[\n\r]|\bat .*:\d+:\d+|^\w*Error:/);
  expect(line).not.toContain('internal error');
  expect(result.stdout).toEqual([]);
  expect(result.code).toBe(2);
}

function runCase(c: BadInput, command: Command) {
  const folder = materialize(c.files);
  const input =
    c.input === undefined ? join(folder, 'in.tf.json') : c.input.startsWith('/') ? c.input : join(folder, c.input);
  c.mock?.(folder);
  const result = run(argvFor(command, input.replace(/\/\.$/, '')));
  const code = typeof c.code === 'number' ? c.code : (c.code?.[command] ?? 2);
  return { result, code, names: c.names.map((n) => n.replace(/@/g, folder)) };
}

test('the suite holds at least 90 distinct bad inputs', () => {
  const distinct =
    EVERY_COMMAND.length +
    NEW_FORMATS.length +
    INVALID_POLICIES.length +
    NON_ENFORCING_SHAPES.length +
    CLOUD_RUN_BODIES.length +
    TRUST_CHAIN.length +
    BAD_ARGUMENTS.length;
  expect(distinct).toBeGreaterThanOrEqual(90);
});

describe.each(COMMANDS)('%s', (command) => {
  test.each([...EVERY_COMMAND, ...NEW_FORMATS].map((c) => [c.what, c] as const))('%s: exit 2, one line', (_, c) => {
    const { result, names } = runCase(c, command);
    expectOneLine(result, names);
  });

  test.each(INVALID_POLICIES.map((c) => [c.what, c] as const))('%s', (_, c) => {
    const { result, code, names } = runCase(c, command);
    if (code === 2) {
      expectOneLine(result, names);
    } else {
      // lint: an error finding for it, exit 1, nothing on standard error.
      expect(result.stderr).toEqual([]);
      expect(result.stdout.join('\n')).toMatch(/^error +in +google_binary_authorization_policy\.p +invalid-rule /m);
      expect(result.code).toBe(code);
    }
  });
});

describe('diff and graph: what the trust chain needs is read whole', () => {
  test.each(TRUST_CHAIN.flatMap((c) => c.commands.map((command) => [c.what, command, c] as const)))(
    '%s (%s): exit 2, one line',
    (_, command, c) => {
      const folder = materialize(c.files);
      const input = join(folder, 'in.tf.json');
      const argv = c.what.includes('(diff of one') ? ['diff', input] : argvFor(command, input);
      expectOneLine(
        run(argv),
        c.names.map((n) => n.replace(/@/g, folder)),
      );
    },
  );
});

describe('lint: Cloud Run resources that do not enforce are errors, never clean', () => {
  test.each(NON_ENFORCING_SHAPES)('%s', (_, type, body, code) => {
    const folder = materialize({ 'in.tf.json': withResources({ [type]: { r: body } }) });
    const result = run(['lint', join(folder, 'in.tf.json'), '--json']);
    expect(result.stderr).toEqual([]);
    const { errors, findings } = JSON.parse(result.stdout.join('\n'));
    expect(findings).toContainEqual(expect.objectContaining({ severity: 'error', code, address: `${type}.r` }));
    expect(findings.filter((f: { address: string }) => f.address === `${type}.r`)).not.toContainEqual(
      expect.objectContaining({ code: 'unknown-value' }),
    );
    expect(errors).toBeGreaterThan(0);
    expect(result.code).toBe(1);
  });

  test.each(CLOUD_RUN_BODIES.map((c) => [c.what, c] as const))('%s: exit 2, one line', (_, c) => {
    const { result, names } = runCase(c, 'lint');
    expectOneLine(result, names);
  });
});

describe('check of the workloads: what cannot be read is exit 2, what cannot be decided is not admitted', () => {
  /** A state with the policy and one v2 service of the given values. */
  const withService = (values: Record<string, unknown>) =>
    JSON.stringify({
      format_version: '1.0',
      values: {
        root_module: {
          resources: [
            ...JSON.parse(stateDoc()).values.root_module.resources,
            {
              address: 'google_cloud_run_v2_service.s',
              mode: 'managed',
              type: 'google_cloud_run_v2_service',
              name: 's',
              values: { project: 'my-project', binary_authorization: [{ use_default: true }], ...values },
            },
          ],
        },
      },
    });

  test.each<[string, Record<string, unknown>, string]>([
    [
      'containers a number',
      { template: [{ containers: 5 }] },
      'google_cloud_run_v2_service.s: the container images cannot be read: template.containers[0]: expected a container block, found a number',
    ],
    [
      'an image that is a number',
      { template: [{ containers: [{ image: 5 }] }] },
      'template.containers[0].image: expected an image, found a number',
    ],
    ['two templates', { template: [{}, {}] }, 'template: expected one block, found a list of 2'],
    [
      'project a number',
      { project: 5, template: [{ containers: [{ image: IMAGE }] }] },
      'google_cloud_run_v2_service.s: project must be a string (a project id), got: 5',
    ],
  ])('%s: exit 2, one line', (_, values, message) => {
    const folder = materialize({ 'state.json': withService(values) });
    expectOneLine(run(['check', join(folder, 'state.json')]), [`${folder}/state.json: `, message]);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['an image that is not an image reference', { template: [{ containers: [{ image: 'nginx' }] }] }, 'UNKNOWN'],
    ['no containers at all', { template: [{}] }, 'UNKNOWN'],
    [
      'binary_authorization turned off',
      { binary_authorization: [{ use_default: false }], template: [{ containers: [{ image: IMAGE }] }] },
      'NOT_ENFORCED',
    ],
    [
      'a break-glass justification',
      {
        binary_authorization: [{ use_default: true, breakglass_justification: 'INC-1' }],
        template: [{ containers: [{ image: IMAGE }] }],
      },
      'NOT_ENFORCED',
    ],
    [
      'a platform policy',
      {
        binary_authorization: [{ policy: 'projects/my-project/platforms/cloudRun/policies/p' }],
        template: [{ containers: [{ image: IMAGE }] }],
      },
      'UNKNOWN',
    ],
    [
      'use_default a string',
      { binary_authorization: [{ use_default: 'true' }], template: [{ containers: [{ image: IMAGE }] }] },
      'NOT_ENFORCED',
    ],
  ])('%s: a row not admitted, exit 1', (_, values, decision) => {
    const folder = materialize({ 'state.json': withService(values) });
    const result = run(['check', join(folder, 'state.json'), '--json']);
    expect(result.stderr).toEqual([]);
    expect(JSON.parse(result.stdout.join('\n')).results).toEqual([
      expect.objectContaining({ workload: 'google_cloud_run_v2_service.s', decision, admitted: false }),
    ]);
    expect(result.code).toBe(1);
  });
});

describe('an input larger than the memory this process may use', () => {
  test('is one line before it is read, never a crash half-way', () => {
    const folder = materialize({ 'plan.json': '{"format_version": "1.2", "planned_values": {}}' + ' '.repeat(4000) });
    const real = v8.getHeapStatistics();
    jest.spyOn(v8, 'getHeapStatistics').mockReturnValue({ ...real, heap_size_limit: 10_000, used_heap_size: 0 });
    expectOneLine(run(['check', join(folder, 'plan.json')]), [
      `${folder}/plan.json: cannot read: 4047 bytes need about 1 MB of memory to judge, more than the 0 MB this process may use; run it with NODE_OPTIONS=--max-old-space-size=257, or split the configuration`,
    ]);
  });
});

describe('bad command lines: exit 2, one line', () => {
  test.each(BAD_ARGUMENTS)('%s', (_, argv, message) => {
    const folder = materialize({ 'in.tf.json': policyDoc() });
    const result = run(argv.map((a) => (a === 'x' ? join(folder, 'in.tf.json') : a)));
    expectOneLine(result, [`cdktf-gcp-binauthz: ${message}`]);
  });

  test.each([
    ['summary', 'stack'],
    ['check', 'stack'],
    ['lint', 'stack'],
    ['export', 'stack'],
    ['export', 'address'],
    ['export', 'format'],
    ['import', 'stack'],
    ['import', 'address'],
    ['import', 'language'],
    ['graph', 'format'],
  ])('%s: --%s given twice is refused, never the last one kept', (command, option) => {
    const folder = materialize({ 'in.tf.json': policyDoc() });
    const input = join(folder, 'in.tf.json');
    const values =
      option === 'language' ? ['typescript', 'python'] : option === 'format' ? ['dot', 'mermaid'] : ['a', 'b'];
    const message = `cdktf-gcp-binauthz: --${option} given twice ("${values[0]}" and "${values[1]}"); it takes one value: run the command once for each (--help shows the usage)`;
    expectOneLine(run([command, input, `--${option}`, values[0], `--${option}`, values[1]]), [message]);
    expectOneLine(run([command, input, `--${option}=${values[0]}`, `--${option}=${values[1]}`]), [message]);
  });

  test('check --stack given twice on two stacks, one of them not enforcing: exit 2, not the clean one alone', () => {
    const folder = materialize({
      'stacks/a/cdk.tf.json': JSON.stringify({
        resource: {
          google_cloud_run_v2_service: {
            s: { name: 's', location: 'l', template: { containers: [{ image: IMAGE }] } },
          },
        },
      }),
      'stacks/b/cdk.tf.json': policyDoc(),
    });
    expect(run(['check', folder]).code).toBe(1);
    expectOneLine(run(['check', folder, '--stack', 'a', '--stack', 'b']), [
      'cdktf-gcp-binauthz: --stack given twice ("a" and "b"); it takes one value: run the command once for each (--help shows the usage)',
    ]);
  });

  test('--image takes several values', () => {
    const folder = materialize({ 'in.tf.json': policyDoc() });
    const input = join(folder, 'in.tf.json');
    const result = run(['check', input, '--image', IMAGE, '--image', 'gcr.io/my-project/other:v1', '--json']);
    expect(result.stderr).toEqual([]);
    expect(JSON.parse(result.stdout.join('\n')).results.map((r: any) => r.image)).toEqual([
      IMAGE,
      'gcr.io/my-project/other:v1',
    ]);
  });

  test('no arguments at all prints the usage, exit 2', () => {
    const result = run([]);
    expect(result.stderr[0]).toMatch(/^usage: cdktf-gcp-binauthz <command>/);
    expect(result.code).toBe(2);
  });
});

describe('export: what can help, when it cannot choose', () => {
  const two = JSON.stringify({
    resource: {
      google_binary_authorization_policy: {
        a: { project: 'project-a', default_admission_rule: DENY_RULE },
        b: { project: 'project-b', default_admission_rule: DENY_RULE },
      },
    },
  });

  test('two policies in one stack: --address, not --stack (which cannot help)', () => {
    const folder = materialize({ 'in.tf.json': two });
    const result = run(['export', join(folder, 'in.tf.json'), '--format', 'gcloud-yaml']);
    expectOneLine(result, [
      `${join(folder, 'in.tf.json')}: 2 policies (in: google_binary_authorization_policy.a, in: google_binary_authorization_policy.b); export one at a time, choosing the policy with --address (its address or name)`,
    ]);
    expect(result.stderr[0]).not.toContain('--stack');
  });

  test('--address chooses one, by name or address', () => {
    const folder = materialize({ 'in.tf.json': two });
    for (const policy of ['b', 'google_binary_authorization_policy.b']) {
      const result = run(['export', join(folder, 'in.tf.json'), '--format', 'gcloud-yaml', '--address', policy]);
      expect(result.stdout[result.stdout.length - 1]).toBe('name: "projects/project-b/policy"');
      expect(result.code).toBe(0);
    }
  });

  test('--address naming no policy lists the policies', () => {
    const folder = materialize({ 'in.tf.json': two });
    const result = run(['export', join(folder, 'in.tf.json'), '--format', 'gcloud-yaml', '--address', 'c']);
    expectOneLine(result, [
      '--address "c": no such policy in',
      '(policies: in: google_binary_authorization_policy.a, in: google_binary_authorization_policy.b)',
    ]);
  });

  test('policies in several stacks, one of them with two: both options', () => {
    const folder = materialize({ 'stacks/x/cdk.tf.json': two, 'stacks/y/cdk.tf.json': policyDoc() });
    const result = run(['export', folder, '--format', 'gcloud-yaml']);
    expectOneLine(result, ['3 policies', 'choosing its stack with --stack and the policy with --address']);
  });

  test.each([
    [
      'a policy without a default rule (was "enforcementMode: undefined", exit 0)',
      policyDoc({ default_admission_rule: undefined }),
      `${POLICY}: default_admission_rule is not set`,
    ],
    [
      'an evaluation mode ALWAYS_DENYX (was exported, exit 0)',
      policyDoc({ default_admission_rule: { ...DENY_RULE, evaluation_mode: 'ALWAYS_DENYX' } }),
      '"ALWAYS_DENYX" is not one of',
    ],
    ['a policy with no project', policyDoc({ project: undefined }), 'the policy names no project'],
    [
      'a pattern known only at apply time',
      policyDoc({ admission_whitelist_patterns: [{ name_pattern: '${var.p}' }] }),
      'values known only at apply time cannot be exported (namePattern: ${var.p})',
    ],
  ])('refuses %s', (_, doc, message) => {
    const folder = materialize({ 'in.tf.json': doc });
    expectOneLine(run(['export', join(folder, 'in.tf.json'), '--format', 'gcloud-yaml']), [message]);
  });
});

describe('internal errors: one line, the stack trace only with --debug', () => {
  const boom = () => {
    jest.spyOn(lintCommand, 'lint').mockImplementation(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    });
  };

  test('without --debug', () => {
    boom();
    const folder = materialize({ 'in.tf.json': policyDoc() });
    const result = run(['lint', join(folder, 'in.tf.json')]);
    expect(result.stderr).toEqual([
      "cdktf-gcp-binauthz: internal error: Cannot read properties of undefined (reading 'x') (TypeError); please report this at https://github.com/cdktf-gcp-binauthz/cdktf-gcp-binauthz/issues (--debug prints the stack trace)",
    ]);
    expect(result.stdout).toEqual([]);
    expect(result.code).toBe(2);
  });

  test('with --debug, accepted by every command', () => {
    boom();
    const folder = materialize({ 'in.tf.json': policyDoc() });
    const result = run(['lint', join(folder, 'in.tf.json'), '--debug']);
    expect(result.stderr[0]).toMatch(
      /^cdktf-gcp-binauthz: internal error: .*please report this at https:\/\/github.com\/\S+\/issues$/,
    );
    expect(result.stderr[1]).toBe("TypeError: Cannot read properties of undefined (reading 'x')");
    expect(result.stderr.slice(2).every((l) => /^ +at /.test(l))).toBe(true);
    expect(result.code).toBe(2);
  });

  test.each(COMMANDS)('--debug changes nothing else (%s)', (command) => {
    const folder = materialize({ 'in.tf.json': policyDoc() });
    const input = join(folder, 'in.tf.json');
    expect(run([...argvFor(command, input), '--debug'])).toEqual(run(argvFor(command, input)));
  });
});

describe('control characters never reach the terminal raw', () => {
  // A resource name, a pattern and a stack name that try to forge a row "… ALLOW yes" or hide text.
  const evil = 'p\n' + 'secure  google_binary_authorization_policy.x  gcr.io/evil/app  ALLOW  yes\u001b[8m\u202e';
  const doc = JSON.stringify(
    policyJson(
      {
        project: 'my-project',
        default_admission_rule: DENY_RULE,
        admission_whitelist_patterns: [{ name_pattern: `gcr.io/my-project/x\u2028@*\u0085` }],
      },
      {
        google_binary_authorization_attestor: { ['a\r\u0007']: { project: 'p\u061c', name: 'n\u200b' } },
        google_cloud_run_v2_service: {
          [`s\u001b]0;title\u0007`]: { binary_authorization: { use_default: '\u202etrue' } },
        },
      },
      evil,
    ),
  );

  test.each<[string, (input: string) => string[]]>([
    ['summary', (input) => ['summary', input]],
    ['check', (input) => ['check', input, '--image', `gcr.io/evil/app@${D}`]],
    ['check --json', (input) => ['check', input, '--image', `gcr.io/evil/app@${D}`, '--json']],
    ['lint', (input) => ['lint', input]],
    ['lint --json', (input) => ['lint', input, '--json']],
    ['export', (input) => ['export', input, '--format', 'gcloud-yaml']],
    ['diff', (input) => ['diff', input, input]],
    [
      'diff --markdown',
      (input) => ['diff', join(materialize({ 'e.tf.json': '{"resource": {}}' }), 'e.tf.json'), input, '--markdown'],
    ],
    ['graph', (input) => ['graph', input]],
    ['graph --format dot', (input) => ['graph', input, '--format', 'dot']],
  ])('%s', (_, argv) => {
    const folder = materialize({ [`stack\u001b[31m\u202e.tf.json`]: doc });
    const result = run(argv(folder));
    const lines = [...result.stdout, ...result.stderr];
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toMatch(/[\p{Cc}\p{Cf}\u2028\u2029]/u);
    }
    // Not a row of its own: the forged text stays on the line of the resource it names.
    expect(result.stdout.filter((l) => l.startsWith('secure'))).toEqual([]);
  });

  test('--json stays valid JSON with the same values', () => {
    const folder = materialize({ 'in.tf.json': doc });
    const result = run(['lint', join(folder, 'in.tf.json'), '--json']);
    const parsed = JSON.parse(result.stdout.join('\n'));
    expect(parsed.findings.map((f: { address: string }) => f.address)).toContain(
      `google_cloud_run_v2_service.s\u001b]0;title\u0007`,
    );
  });
});

describe('the command, as a child process', () => {
  const spawn = (argv: string[], shell?: string) => spawnCli(argv, { shell });

  test.each<[string, () => string[], string]>([
    [
      'a value nested 20,000 levels deep (was a RangeError and a stack trace, exit 1)',
      () => [
        'summary',
        join(
          materialize({
            'in.tf.json': `{"resource": {"google_binary_authorization_policy": {"p": {"project": "p", "default_admission_rule": {"evaluation_mode": ${nested(20_000, '"ALWAYS_DENY"')}}}}}}`,
          }),
          'in.tf.json',
        ),
      ],
      'nests objects and lists deeper than 512 levels',
    ],
    [
      'require_attestations_by [1] (was a TypeError on export)',
      () => [
        'export',
        join(
          materialize({
            'in.tf.json': policyDoc({ default_admission_rule: { ...DENY_RULE, require_attestations_by: [1] } }),
          }),
          'in.tf.json',
        ),
        '--format',
        'gcloud-yaml',
      ],
      `${POLICY}: default_admission_rule.require_attestations_by[0] must be a string`,
    ],
    [
      'a dangling link in a cdktf.out (was skipped silently)',
      () => [
        'lint',
        materialize({ 'stacks/a/cdk.tf.json': policyDoc(), 'stacks/b/cdk.tf.json': { symlink: 'nowhere' } }),
      ],
      'stacks/b/cdk.tf.json: cannot read: a symbolic link to "nowhere", which does not exist',
    ],
    ['a bad flag', () => ['lint', 'x', '--colour'], "Unknown option '--colour'"],
  ])('%s: exit 2, one line on stderr, nothing on stdout', (_, argv, message) => {
    const { code, stdout, stderr } = spawn(argv());
    expect(stdout).toBe('');
    expect(stderr.endsWith('\n')).toBe(true);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/^\s+at |Error:/m);
    expect(code).toBe(2);
  });

  test('a Cloud Run service with binary_authorization [] fails lint (was exit 0)', () => {
    const folder = materialize({
      'in.tf.json': withResources({ google_cloud_run_v2_service: { s: { binary_authorization: [] } } }),
    });
    const { code, stdout, stderr } = spawn(['lint', join(folder, 'in.tf.json')]);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^error +in +google_cloud_run_v2_service\.s +not-enforced /m);
    expect(code).toBe(1);
  });

  test('a failed write of standard output (/dev/full) is exit 2 with one line (was exit 0)', () => {
    const folder = materialize({ 'in.tf.json': policyDoc() });
    const { code, stdout, stderr } = spawn(['summary', join(folder, 'in.tf.json')], 'CLI > /dev/full');
    expect(stdout).toBe('');
    expect(stderr).toBe('cdktf-gcp-binauthz: cannot write to standard output: no space left on device (ENOSPC)\n');
    expect(code).toBe(2);
  });

  test("a reader that goes away early (EPIPE) is quiet, and the exit code stays the command's", () => {
    const folder = materialize({ 'in.tf.json': withResources({ google_cloud_run_v2_service: { s: {} } }) });
    // `true` exits at once, before the command writes: every write meets a closed pipe.
    const { stdout, stderr } = spawn(['lint', join(folder, 'in.tf.json')], 'CLI | true; echo "exit ${PIPESTATUS[0]}"');
    expect(stderr).toBe('');
    expect(stdout).toBe('exit 1\n');
  });

  test('the usage documents the exit codes and --debug', () => {
    const { code, stdout } = spawn(['--help']);
    expect(stdout).toContain('--debug');
    expect(stdout).toMatch(/^ {2}2 {2}a usage error; input that cannot be read or fully understood/m);
    expect(code).toBe(0);
  });
});
