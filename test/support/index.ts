/**
 * The one test toolkit: stacks, synthesis (the names say whether validations run), accessors of the
 * synthesized JSON, annotations, hand-written Terraform JSON, a core policy model builder, tables of a pure
 * function's answers and of a check's verdicts, the command line run in-process or as a child process, and a
 * scratch folder for the inputs a test writes.
 */
// The types of cdktf's jest matchers (Testing.setupJest() in test/setup.ts installs them).
import 'cdktf/lib/testing/adapters/jest';
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, resolve } from 'path';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { AnnotationMetadataEntryType, App, TerraformStack, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { main } from '../../src/cli/main';
import { EnforcementModeValue, EvaluationModeValue, PolicyModel, RuleModel } from '../../src/core/policy';
import { BinauthzErrors } from '../../src/validation-error';

/** The repository's root. */
export const ROOT = resolve(__dirname, '..', '..');

/** Where a stack is made. */
export interface StackOptions {
  /** The app. @default a new testing app */
  readonly app?: App;
  /** The stack's id. @default 'stack' */
  readonly id?: string;
  /** The Google provider's project. @default none (the provider then reads it from its environment) */
  readonly project?: string;
}

/** A stack with a Google provider (cdktf's validations require one). */
export function newStack(options: StackOptions = {}): TerraformStack {
  const stack = new TerraformStack(options.app ?? Testing.app(), options.id ?? 'stack');
  new GoogleProvider(stack, 'google', options.project === undefined ? {} : { project: options.project });
  return stack;
}

/** The synthesized Terraform JSON, parsed, after the stack's validations ran (they throw on problems). */
export function synthValidated(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack, true));
}

/**
 * The messages of the invalid values that `build` gives the stack's constructs and that they report at
 * synth rather than throw: `build` returns, synth with validations fails, and its error names each of them.
 */
export function reportedAtSynth(stack: TerraformStack, build: () => void): string[] {
  expect(build).not.toThrow();
  const messages = BinauthzErrors.reportedIn(stack).map((e) => e.message);
  expect(messages.length).toBeGreaterThan(0);
  let failure: unknown;
  try {
    Testing.synth(stack, true);
  } catch (e) {
    failure = e;
  }
  expect(failure).toBeInstanceOf(Error);
  for (const message of messages) {
    // cdktf writes each as `[path] message`, and the message starts with the same path
    expect((failure as Error).message).toContain(message);
  }
  return messages;
}

/** The synthesized Terraform JSON, parsed: aspects run, validations do not. */
export function synthRaw(stack: TerraformStack): any {
  return JSON.parse(Testing.synth(stack));
}

/** The resources (or data sources) of one type, by logical id. */
export function resourcesOf(json: any, type: string, kind: 'resource' | 'data' = 'resource'): Record<string, any> {
  return json[kind]?.[type] ?? {};
}

/** The bodies of the resources (or data sources) of one type, in document order. */
export function bodiesOf(json: any, type: string, kind: 'resource' | 'data' = 'resource'): any[] {
  return Object.values(resourcesOf(json, type, kind));
}

/** The single resource (or data source) of a type; fails if there is not exactly one. */
export function onlyResource(json: any, type: string, kind: 'resource' | 'data' = 'resource'): any {
  const all = bodiesOf(json, type, kind);
  if (all.length !== 1) {
    throw new Error(`expected one ${type}, found ${all.length}`);
  }
  return all[0];
}

/** One resource by its logical id; fails if there is none. */
export function resourceOf(json: any, type: string, name: string): any {
  const body = resourcesOf(json, type)[name];
  if (body === undefined) {
    throw new Error(`no ${type}.${name} in ${JSON.stringify(Object.keys(json.resource ?? {}))}`);
  }
  return body;
}

/** The allowlist patterns of the (only) policy in the synthesized JSON. */
export function policyPatterns(json: any): string[] {
  return (onlyResource(json, 'google_binary_authorization_policy').admission_whitelist_patterns ?? []).map(
    (p: any) => p.name_pattern,
  );
}

/** The default rule of most hand-written Terraform JSON in the tests: ALWAYS_DENY, enforced. */
export const DENY_RULE = { evaluation_mode: 'ALWAYS_DENY', enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG' };

/** The `resource` block of Terraform JSON: resources by type, then by name. */
export type Resources = Record<string, Record<string, Record<string, unknown>>>;

/**
 * The `resource` block of hand-written Terraform JSON: a denying policy of project `app` (changed by `policy`)
 * beside the given resources.
 */
export function withAppPolicy(resources: Resources = {}, policy: Record<string, unknown> = {}): Resources {
  return {
    google_binary_authorization_policy: {
      p: { project: 'app', default_admission_rule: DENY_RULE, lifecycle: { prevent_destroy: true }, ...policy },
    },
    ...resources,
  };
}

/** A policy model whose default rule requires an attestation by `attestor`, enforced, with no allowlist. */
export function requireAttestationPolicy(attestor: string): PolicyModel {
  return {
    project: 'p',
    allowlistPatterns: [],
    defaultAdmissionRule: {
      evaluationMode: 'REQUIRE_ATTESTATION',
      enforcementMode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
      requireAttestationsBy: [attestor],
    },
  };
}

/**
 * Hand-written Terraform JSON (an object, as JSON.parse gives it): one google_binary_authorization_policy `name`
 * with these attributes, beside `others` (more resources, by type).
 */
export function policyJson(
  attributes: Record<string, unknown>,
  others: Record<string, unknown> = {},
  name = 'p',
): { resource: Record<string, any> } {
  return { resource: { google_binary_authorization_policy: { [name]: attributes }, ...others } };
}

/**
 * Hand-written Terraform JSON resources (by type): attestor `a` of project `sec`, reading note `note`, trusting
 * version 1 of each Cloud KMS key of `keys` (`projects/P/locations/L/keyRings/R/cryptoKeys/K`).
 */
export function kmsAttestorJson(keys: string[], note = 'projects/sec/notes/n'): Record<string, any> {
  return {
    google_binary_authorization_attestor: {
      a: {
        project: 'sec',
        name: 'a',
        attestation_authority_note: {
          note_reference: note,
          public_keys: keys.map((k) => ({ id: `//cloudkms.googleapis.com/v1/${k}/cryptoKeyVersions/1` })),
        },
      },
    },
  };
}

/** The messages of the annotations of one level on a construct. */
export function annotationsOf(construct: IConstruct, level: AnnotationMetadataEntryType): string[] {
  return construct.node.metadata.filter((m) => m.type === level).map((m) => m.data as string);
}

/** The error annotations on a construct. */
export function errorsOf(construct: IConstruct): string[] {
  return annotationsOf(construct, AnnotationMetadataEntryType.ERROR);
}

/** The warning annotations on a construct. */
export function warningsOf(construct: IConstruct): string[] {
  return annotationsOf(construct, AnnotationMetadataEntryType.WARN);
}

/** What a policy model is made of; every field has a default. */
export interface ModelOptions {
  /** @default 'my-project' */
  readonly project?: string;
  /** @default none */
  readonly patterns?: string[];
  /** @default 'ALWAYS_DENY' (any string, to test invalid modes) */
  readonly evaluationMode?: string;
  /** @default 'ENFORCED_BLOCK_AND_AUDIT_LOG' */
  readonly enforcementMode?: string;
  /** @default one attestor under REQUIRE_ATTESTATION, none otherwise */
  readonly attestors?: string[];
  /** @default none */
  readonly clusterRules?: Record<string, RuleModel>;
}

/** The attestor `policyModel` requires by default under REQUIRE_ATTESTATION. */
export const MODEL_ATTESTOR = 'projects/sec-project/attestors/built-by-ci';

/** A core policy model, for the core's tests. */
export function policyModel(options: ModelOptions = {}): PolicyModel {
  const evaluationMode = options.evaluationMode ?? 'ALWAYS_DENY';
  return {
    project: options.project ?? 'my-project',
    allowlistPatterns: options.patterns ?? [],
    defaultAdmissionRule: ruleModel(
      evaluationMode,
      options.enforcementMode,
      options.attestors ?? (evaluationMode === 'REQUIRE_ATTESTATION' ? [MODEL_ATTESTOR] : []),
    ),
    clusterAdmissionRules: options.clusterRules,
  };
}

/** A core rule model; the modes may be any string, to test invalid ones. */
export function ruleModel(
  evaluationMode: string,
  enforcementMode = 'ENFORCED_BLOCK_AND_AUDIT_LOG',
  requireAttestationsBy: string[] = [],
): RuleModel {
  return {
    evaluationMode: evaluationMode as EvaluationModeValue,
    enforcementMode: enforcementMode as EnforcementModeValue,
    requireAttestationsBy,
  };
}

/** One test per row of a table of inputs and what the pure function `fn`, named `name`, returns for each. */
export function testReturns<I, O>(name: string, fn: (input: I) => O, rows: Array<[input: I, output: O]>): void {
  test.each<[I, O]>(rows)(`${name}(%j) is %j`, (input, output) => expect(fn(input)).toStrictEqual(output));
}

/** A check of a value, as the core has them: nothing when the value is good, else what is wrong with it. */
export type Check = (value: string) => string | undefined;

/** One test per value that `check` accepts (finds nothing wrong with). */
export function testAccepts(check: Check, values: readonly string[], title = 'accepts %j'): void {
  test.each(values)(title, (value) => expect(check(value)).toBeUndefined());
}

/** One test per value that `check` refuses, saying what `message` matches. */
export function testRefuses(check: Check, values: readonly string[], message: RegExp, title = 'refuses %j'): void {
  test.each(values)(title, (value) => expect(check(value)).toMatch(message));
}

/** What a run of the command line printed, line by line, and its exit code. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string[];
  readonly stderr: string[];
}

/** Runs the command line in-process (fast; the exit code is what `main` returns). */
export function runCli(...argv: string[]): CliRun {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = main(
    argv,
    (l) => stdout.push(l),
    (l) => stderr.push(l),
  );
  return { code, stdout, stderr };
}

/** What a child process of the command line printed, whole, and its exit code. */
export interface CliProcess {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** How `spawnCli` runs the command. */
export interface SpawnOptions {
  /**
   * A bash command line around the command, which stands in it as `CLI`, such as `CLI > /dev/full`.
   * @default the command alone, without a shell
   */
  readonly shell?: string;
  /** More environment variables. @default none */
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs src/cli/main.ts with node as a child process, as `npx cdktf-gcp-binauthz` runs lib/cli/main.js. */
export function spawnCli(argv: string[], options: SpawnOptions = {}): CliProcess {
  const command = [process.execPath, '-r', 'ts-node/register', join(ROOT, 'src/cli/main.ts'), ...argv];
  const quoted = command.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const [file, args] =
    options.shell === undefined
      ? [command[0], command.slice(1)]
      : ['bash', ['-c', options.shell.replace('CLI', () => quoted)]];
  const result = spawnSync(file, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      TS_NODE_PROJECT: join(ROOT, 'test/tsconfig.json'),
      TS_NODE_TRANSPILE_ONLY: 'true',
      ...options.env,
    },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `runCli`, with standard output and error joined into one text each. */
export function runCliText(...argv: string[]): { code: number; stdout: string; stderr: string } {
  const { code, stdout, stderr } = runCli(...argv);
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

/** A folder of a test file's own, in the system's temporary folder, for the inputs its tests write. */
export interface ScratchFolder {
  /** The folder's path; there is a folder only while the tests run (read it in a test or a hook). */
  readonly path: string;
  /** Writes a file below the folder (a string as it is, anything else as JSON), making its folders; returns its path. */
  file(name: string, content: unknown): string;
}

/**
 * A scratch folder, made before the file's tests (`each`: before each test) and removed after them. Call it
 * at the top of a file or a `describe`, before the hooks that use it.
 */
export function scratchFolder(prefix: string, options: { each?: boolean } = {}): ScratchFolder {
  let current: string | undefined;
  const [setUp, tearDown] = options.each ? [beforeEach, afterEach] : [beforeAll, afterAll];
  setUp(() => (current = mkdtempSync(join(tmpdir(), prefix))));
  tearDown(() => rmSync(folder.path, { recursive: true, force: true }));
  const folder: ScratchFolder = {
    get path() {
      if (current === undefined) {
        throw new Error(`the scratch folder ${prefix}… is made when the tests begin`);
      }
      return current;
    },
    file: (name, content) => {
      const path = join(folder.path, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
      return path;
    },
  };
  return folder;
}

/** Runs `run` with `folder` as the working folder, as a pipeline would run a command there; returns what it returns. */
export function inFolder<T>(folder: string, run: () => T): T {
  const previous = process.cwd();
  process.chdir(folder);
  try {
    return run();
  } finally {
    process.chdir(previous);
  }
}

/** The example apps' folder. */
export const EXAMPLES = join(ROOT, 'examples');

/**
 * Runs an example app (`examples/NAME/main.ts`) as `cdktf synth` would, into `outdir` (a fresh temporary
 * folder by default); returns that folder, a `cdktf.out`.
 */
export function synthesizeExample(
  name: string,
  outdir: string = mkdtempSync(join(tmpdir(), `example-${name}-`)),
): string {
  const previous = process.env.CDKTF_OUTDIR;
  process.env.CDKTF_OUTDIR = outdir;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    jest.isolateModules(() => require(join(EXAMPLES, name, 'main.ts')));
  } finally {
    if (previous === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = previous;
  }
  return outdir;
}

export { mermaidProblems } from './mermaid';
