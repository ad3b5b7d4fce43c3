import { constants } from 'buffer';
import * as fs from 'fs';
import { basename, dirname, join, resolve } from 'path';
import * as v8 from 'v8';
import { JsonTextError, parseJsonText } from './json-text';
import { withSources } from './locate';
import { looksLikeYaml, parseYamlText, YamlTextError } from './yaml-text';
import { detectJsonFormat, InputFormat, InputModel, ModelError } from '../core/model';
import { checkProjectId } from '../core/names';
import { isPolicyDocument, policyYamlModel } from '../core/policy-yaml';
import { terraformJsonModel } from '../core/terraform-json';
import { planModel, stateModel } from '../core/terraform-plan';

/**
 * One input read into the reader model: a synthesized stack, a Terraform JSON file, a Terraform configuration
 * (a folder or a `.tf` file, with its local modules), a plan, a state or a policy YAML.
 */
export interface InputFile {
  /**
   * The stack name: the folder under `stacks/`, the folder of a Terraform configuration, or the file name
   * (without `.tf.json`, `.tf`, `.json`, `.yaml`).
   */
  readonly stack: string;
  /** The file it was read from (the folder, for a Terraform configuration: its resources say their file). */
  readonly file: string;
  /** What it holds. */
  readonly model: InputModel;
  /**
   * What reading it left out that a reader of the report should know, a line each: the variable definitions files
   * Terraform would load by itself, which only `--var-file` gives here.
   */
  readonly notes?: readonly string[];
}

/** An error in what the user gave us: reported on one line, exit code 2. */
export class InputError extends Error {}

/**
 * The largest input read, in bytes: the longest string Node.js can hold (about 512 MiB). A file of
 * at most this many bytes of UTF-8 always fits in a string, so it is checked before reading.
 */
export const MAX_INPUT_BYTES: number = constants.MAX_STRING_LENGTH;

/**
 * Reads an input into the reader model: a file (a `cdk.tf.json` or any Terraform JSON, a plan or a state
 * as `terraform show -json` prints them, a policy YAML as `gcloud container binauthz policy export` prints
 * it: the format is told from the content, not the name), a Terraform configuration (a folder of `.tf` and
 * `.tf.json` files, one module, with the local modules it calls; or one `.tf` file:
 * `readTerraformConfiguration`), or a `cdktf.out` folder with `stacks/NAME/cdk.tf.json` (or the `cdk.tf` of
 * `cdktf synth --hcl`).
 * Fail closed: whatever cannot be read (a dangling symbolic link, a symbolic link loop, a permission, a
 * folder where a file belongs, a file too large, text that is not UTF-8, JSON, YAML or HCL, a document of none
 * of the formats or of the wrong shape) is an `InputError` naming the path, never skipped.
 */
export function readInputs(path: string): InputFile[] {
  const { configuration, stacks } = layoutOf(path);
  if (configuration) {
    return [terraformFolder().readTerraformConfiguration(path, varFileOption)];
  }
  const files = stacks ?? [{ stack: stackName(path), file: path }];
  return files.map(({ stack, file }) => {
    if (file.endsWith('.tf')) {
      return { ...terraformFolder().readTerraformConfiguration(file), stack };
    }
    const { format, doc, text } = parseFile(file);
    return {
      stack,
      file,
      model: withSources(
        inFile(file, () => modelOf(format, doc)),
        file,
        format,
        text,
      ),
    };
  });
}

/** The project `--project` names, for a policy YAML without `name` (see `setProjectOption`). */
let projectOption: string | undefined;

/**
 * Sets the project that `--project` names, for the rest of a command's run: the project of a policy YAML
 * without `name` (which `gcloud container binauthz policy import` fills from its configuration). Each run
 * of the command line sets it, given or not.
 *
 * @throws InputError when it is not a project id
 */
export function setProjectOption(project: string | undefined): void {
  const problem = project === undefined ? undefined : checkProjectId(project);
  if (problem !== undefined) {
    projectOption = undefined;
    throw new InputError(`--project ${JSON.stringify(project)}: ${problem}`);
  }
  projectOption = project;
}

/**
 * Whether `readInputs` reads `path` as a Terraform configuration (a folder of `.tf` and `.tf.json` files that
 * is not a `cdktf.out` or cdktf project folder, or a `.tf` file), whose root variables `--var-file` sets.
 */
export function isTerraformConfiguration(path: string): boolean {
  return exists(path) && layoutOf(path).configuration;
}

/**
 * How `readInputs` reads a path: as a Terraform configuration (a folder that is not a `cdktf.out` or cdktf
 * project folder, or a `.tf` file), or as files, the stacks of a `cdktf.out` folder among them.
 */
function layoutOf(path: string): { configuration: boolean; stacks?: Array<{ stack: string; file: string }> } {
  if (!statOf(path).isDirectory()) {
    return { configuration: path.endsWith('.tf') };
  }
  const stacks = cdktfStacks(path);
  return { configuration: stacks === undefined, stacks };
}

/** The variable definitions files `--var-file` names (see `setVarFileOption`). */
let varFileOption: readonly string[] = [];

/**
 * Sets the variable definitions files that `--var-file` names, for the rest of a command's run: they give the
 * root variables of a Terraform configuration their values (`readTerraformConfiguration`), which are otherwise
 * unknown. Each run of the command line sets them, given or not.
 */
export function setVarFileOption(files: readonly string[] | undefined): void {
  varFileOption = files ?? [];
}

/**
 * The reader of Terraform folders and `.tf` files (and of the local modules they call), loaded only for them:
 * a JSON or YAML input pays nothing for it.
 */
function terraformFolder(): typeof import('./terraform-folder') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./terraform-folder');
}

/** The reader of each format. */
function modelOf(format: InputFormat, doc: unknown): InputModel {
  switch (format) {
    case 'plan':
      return planModel(doc as Record<string, unknown>);
    case 'state':
      return stateModel(doc as Record<string, unknown>);
    case 'policy-yaml':
      return policyYamlModel(doc, projectOption);
    case 'terraform-json':
      return terraformJsonModel(doc);
  }
}

/**
 * Runs a reader of one file's model, turning a `ModelError` (a shape or value the format does not
 * allow) into an `InputError` that names the file.
 */
export function inFile<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof ModelError) {
      throw new InputError(`${file}: ${e.message}`);
    }
    throw e;
  }
}

/**
 * The stacks of a `cdktf.out` folder (or of the cdktf project folder holding it), or `undefined` for any other
 * folder (a Terraform configuration: `readTerraformConfiguration`). Every entry of `stacks/` is a stack folder
 * holding a `cdk.tf.json` (or the `cdk.tf` of `cdktf synth --hcl`). A stack folder without one, or one that
 * cannot be read, is an error rather than a stack skipped: cdktf writes one for every stack, so a folder
 * without it is a synth cut short or an output tampered with, and skipping it would pass a stack nobody
 * checked. Hidden files there (`.DS_Store`) are not stacks and are left alone.
 */
function cdktfStacks(path: string): Array<{ stack: string; file: string }> | undefined {
  // A cdktf project folder: its output folder (cdktf.json's "output", cdktf.out by default).
  const output = join(path, cdktfOutput(path));
  if (!exists(join(path, 'stacks')) && exists(join(output, 'stacks'))) {
    return cdktfStacks(output);
  }
  const stacksDir = join(path, 'stacks');
  if (!exists(stacksDir) || !statOf(stacksDir).isDirectory()) {
    return undefined;
  }
  const stacks = entriesOf(stacksDir).filter(
    (name) => !(name.startsWith('.') && !statOf(join(stacksDir, name)).isDirectory()),
  );
  if (stacks.length === 0) {
    return undefined;
  }
  return stacks.map((stack) => {
    const folder = join(stacksDir, stack);
    if (!statOf(folder).isDirectory()) {
      throw new InputError(
        `${folder}: not a stack folder (cdktf writes only folders into stacks/); remove it, or run cdktf synth again`,
      );
    }
    const file = join(folder, 'cdk.tf.json');
    if (!exists(file) && exists(join(folder, 'cdk.tf'))) {
      return { stack, file: join(folder, 'cdk.tf') };
    }
    if (!exists(file)) {
      throw new InputError(
        `${folder}: a stack folder without cdk.tf.json (a synth cut short?), so the stack cannot be checked; run cdktf synth again`,
      );
    }
    return { stack, file };
  });
}

/** The output folder a cdktf project folder names in its cdktf.json (`output`), or `cdktf.out`. */
function cdktfOutput(path: string): string {
  const config = join(path, 'cdktf.json');
  if (!exists(config)) {
    return 'cdktf.out';
  }
  let output: unknown;
  try {
    output = (JSON.parse(fs.readFileSync(config, 'utf8')) as { output?: unknown }).output;
  } catch (e) {
    throw new InputError(
      `${config}: cannot read it as JSON (${(e as Error).message}); fix it, or pass the cdktf.out folder itself`,
    );
  }
  if (output !== undefined && typeof output !== 'string') {
    throw new InputError(`${config}: "output" must be a folder name, got: ${JSON.stringify(output)}`);
  }
  return output ?? 'cdktf.out';
}

/** `stacks/NAME/cdk.tf.json` is stack NAME; any other `X.tf.json`, `X.json`, `X.yaml` or `X.yml` is X. */
function stackName(file: string): string {
  const abs = resolve(file);
  return basename(abs) === 'cdk.tf.json'
    ? basename(dirname(abs))
    : basename(abs).replace(/((\.tf)?\.json|\.ya?ml)$/, '');
}

/**
 * The parsed content of a file and its format: read whole, checked for size and UTF-8, then parsed as
 * YAML when it starts like YAML (`looksLikeYaml`), else as JSON (see `parseJsonText`), whose format is
 * told from its keys (`detectJsonFormat`). The text is kept for Terraform JSON and a policy YAML, whose
 * resources are then located in it (`withSources`); not for plans and state, which can be large.
 */
export function parseFile(file: string): { format: InputFormat; doc: unknown; text?: string } {
  const text = readText(file);
  try {
    if (looksLikeYaml(text)) {
      return { format: 'policy-yaml', doc: parseYamlText(text), text };
    }
    const doc = parseJsonText(text);
    // A policy as gcloud prints it with --format=json: JSON is YAML.
    const format = isPolicyDocument(doc) ? 'policy-yaml' : detectJsonFormat(doc);
    return { format, doc, text: format === 'plan' || format === 'state' ? undefined : text };
  } catch (e) {
    let flow: unknown;
    try {
      flow = e instanceof JsonTextError && e.message.startsWith('not valid JSON') ? flowYaml(text) : undefined;
    } catch (reserved) {
      throw new InputError(`${file}: ${(reserved as Error).message}`);
    }
    if (flow !== undefined) {
      return { format: 'policy-yaml', doc: flow, text };
    }
    if (e instanceof JsonTextError && e.message.startsWith('not valid JSON') && !/^\s*[[{]/.test(text)) {
      // Neither: say so, for a YAML that does not start as gcloud writes it (an indented first line).
      throw new InputError(
        `${file}: ${e.message}, nor a policy YAML as gcloud prints it (its first line that is not blank or a comment must be a key at the start of the line, like "name:", or ---)`,
      );
    }
    if (e instanceof JsonTextError || e instanceof YamlTextError || e instanceof ModelError) {
      throw new InputError(`${file}: ${e.message}`);
    }
    throw e;
  }
}

/**
 * A JSON file that an option names (`--attestations`, `--var-file`), parsed; what cannot be read or parsed is an
 * `InputError` naming the option and the file.
 */
export function readOptionJson(option: string, path: string): unknown {
  try {
    return parseJsonText(readText(path));
  } catch (e) {
    if (e instanceof JsonTextError) {
      throw new InputError(`${option} ${path}: ${e.message.replace(/; expected Terraform JSON.*$/, '')}`);
    }
    if (e instanceof InputError) {
      throw new InputError(`${option} ${e.message}`);
    }
    throw e;
  }
}

/**
 * The text of a file: read whole, checked for size (and for the memory parsing it takes) and UTF-8; an
 * `InputError` naming the file otherwise.
 */
export function readText(file: string): string {
  const stats = statOf(file);
  if (stats.isDirectory()) {
    throw new InputError(`${file}: cannot read: a folder where a file was expected (EISDIR)`);
  }
  if (!stats.isFile() && !stats.isFIFO()) {
    throw new InputError(`${file}: cannot read: not a regular file (a device or a socket)`);
  }
  if (stats.size > MAX_INPUT_BYTES) {
    throw tooLarge(file, stats.size);
  }
  checkMemoryFor(file, stats.size);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw ioError(file, e);
  }
  if (bytes.length > MAX_INPUT_BYTES) {
    throw tooLarge(file, bytes.length); // a pipe, whose size is known only once read
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new InputError(`${file}: not valid UTF-8, which JSON, YAML and HCL must be; save it as UTF-8`);
  }
}

/**
 * A policy YAML written in flow style (`{name: …, defaultAdmissionRule: {…}}`), which starts as JSON does
 * but is not JSON: its parsed value when it is YAML and a policy (`isPolicyDocument`), else `undefined`
 * (the text is then reported as the JSON it is not).
 */
function flowYaml(text: string): unknown {
  if (!/^\s*\{/.test(text)) {
    return undefined;
  }
  let doc: unknown;
  try {
    doc = parseYamlText(text);
  } catch (e) {
    if (e instanceof YamlTextError && /JavaScript gives it a meaning/.test(e.message)) {
      throw e;
    }
    return undefined;
  }
  return isPolicyDocument(doc) ? doc : undefined;
}

/**
 * How many bytes of memory reading a JSON input of one byte takes at most: the text, its parsed values and
 * the reader model (measured: about 3.8 on plans of 200 and 470 MB; docs/benchmarks.md).
 */
const MEMORY_PER_INPUT_BYTE = 5;

/**
 * Refuses, with one line, an input that the JavaScript heap cannot hold once parsed, rather than crash
 * half-way (running out of heap ends the process without a word).
 */
function checkMemoryFor(file: string, size: number): void {
  const { heap_size_limit: limit, used_heap_size: used } = v8.getHeapStatistics();
  if (size * MEMORY_PER_INPUT_BYTE > limit - used) {
    const mb = (bytes: number) => Math.ceil(bytes / 2 ** 20);
    throw new InputError(
      `${file}: cannot read: ${size} bytes need about ${mb(size * MEMORY_PER_INPUT_BYTE)} MB of memory to judge, more than the ${Math.floor((limit - used) / 2 ** 20)} MB this process may use; run it with NODE_OPTIONS=--max-old-space-size=${mb(size * MEMORY_PER_INPUT_BYTE + used) + 256}, or split the configuration`,
    );
  }
}

function tooLarge(file: string, size: number): InputError {
  return new InputError(
    `${file}: cannot read: ${size} bytes, more than the ${MAX_INPUT_BYTES} this command can hold (the longest string Node.js allows); split the configuration into stacks`,
  );
}

/** The names in a folder, sorted. */
export function entriesOf(folder: string): string[] {
  try {
    return fs.readdirSync(folder).sort();
  } catch (e) {
    throw ioError(folder, e);
  }
}

/** The status of a path, following symbolic links; an `InputError` saying why it cannot be had. */
export function statOf(path: string): fs.Stats {
  try {
    return fs.statSync(path);
  } catch (e) {
    throw ioError(path, e);
  }
}

/** Whether a path exists: false only when nothing at all is there (a dangling link is there, and an error). */
export function exists(path: string): boolean {
  try {
    fs.statSync(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && !isSymbolicLink(path)) {
      return false;
    }
    throw ioError(path, e);
  }
}

function isSymbolicLink(path: string): boolean {
  try {
    return fs.lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** What an I/O error means, as an `InputError` naming the path. */
function ioError(path: string, e: unknown): Error {
  const code = (e as NodeJS.ErrnoException).code;
  if (typeof code !== 'string') {
    return e as Error; // not an I/O error: a bug, reported as one
  }
  switch (code) {
    case 'ENOENT':
      return new InputError(
        isSymbolicLink(path)
          ? `${path}: cannot read: a symbolic link to ${JSON.stringify(readLink(path))}, which does not exist (ENOENT)`
          : `${path}: no such file or folder${path === '-' ? '; standard input is read as /dev/stdin (check /dev/stdin < plan.json)' : ''}`,
      );
    case 'ELOOP':
      return new InputError(`${path}: cannot read: a loop of symbolic links (ELOOP)`);
    case 'EACCES':
    case 'EPERM':
      return new InputError(`${path}: cannot read: permission denied (${code})`);
    case 'EISDIR':
      return new InputError(`${path}: cannot read: a folder where a file was expected (EISDIR)`);
    case 'ENOTDIR':
      return new InputError(`${path}: cannot read: a file where a folder was expected on the way (ENOTDIR)`);
    case 'ENAMETOOLONG':
      return new InputError(`${path}: cannot read: the path is too long (ENAMETOOLONG)`);
    case 'ERR_FS_FILE_TOO_LARGE':
    case 'ERR_STRING_TOO_LONG':
      return new InputError(`${path}: cannot read: larger than the ${MAX_INPUT_BYTES} bytes this command can hold`);
    default:
      return new InputError(`${path}: cannot read: ${(e as Error).message}`);
  }
}

function readLink(path: string): string {
  try {
    return fs.readlinkSync(path);
  } catch {
    return '?';
  }
}

/** The stacks to work on: all of them, or the one named by `--stack`. */
export function selectStack(files: InputFile[], input: string, stack: string | undefined): InputFile[] {
  if (stack === undefined) {
    return files;
  }
  const selected = files.filter((f) => f.stack === stack);
  if (selected.length === 0) {
    throw new InputError(
      `--stack "${stack}": no such stack in ${input} (stacks: ${files.map((f) => f.stack).join(', ')})`,
    );
  }
  return selected;
}
