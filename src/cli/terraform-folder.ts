/**
 * Reads a Terraform configuration as Terraform does: the `.tf` and `.tf.json` files of a folder are one module,
 * and local modules (`source = "./…"`, `"../…"`) are read from their folders (`terraformModuleModel` in core
 * says what they mean). HCL is parsed only when a `.tf` file is there (`./hcl`, loaded at that point).
 */
import { realpathSync } from 'fs';
import { basename, dirname, join, normalize, resolve } from 'path';
import type { HclDocument, HclText } from './hcl';
import { entriesOf, exists, InputError, InputFile, parseFile, readOptionJson, readText, statOf } from './input';
import { terraformJsonLines } from './locate';
import { describeValue } from '../core/display';
import { isPlainObject, ModelError } from '../core/model';
import {
  asDeclared,
  LoadedModule,
  ModuleCallSite,
  ModuleFile,
  terraformModuleModel,
  variablesOf,
} from '../core/terraform-module';

/** Whether a file name is one of Terraform's configuration files (`.tf`, `.tf.json`). */
export function isTerraformFile(name: string): boolean {
  return name.endsWith('.tf') || name.endsWith('.tf.json');
}

/**
 * Reads a Terraform configuration, a folder (every `.tf` and `.tf.json` file in it) or one `.tf` file, into
 * one input: its root module and the local modules it calls. Each resource's `source` is its file, relative to
 * the folder given (as given, for one file), and the line of its block (`.tf` only).
 *
 * @throws InputError for a folder without Terraform, an override file, a file that cannot be read, HCL that is
 *   not valid (with the line), a local module whose folder is missing or holds no Terraform, a module cycle, or
 *   anything the readers refuse
 */
export function readTerraformConfiguration(path: string, varFiles: readonly string[] = []): InputFile {
  const folder = statOf(path).isDirectory();
  const root = folder
    ? loadFolder(path, '', path)
    : loadFiles(realpathOf(dirname(path)), dirname(path), [{ path, file: path, display: path }]);
  const inputs = varFiles.length === 0 ? undefined : rootVariables(varFiles, root);
  const model = asInputError(() =>
    terraformModuleModel(root, (source, caller, site) => loadCalled(source, caller as Loaded, site), inputs),
  );
  const stack = basename(resolve(path)).replace(/\.tf$/, '');
  return { stack, file: path, model, notes: varFiles.length === 0 ? unreadVarFiles(root) : [] };
}

/** The files Terraform loads variable values from by itself (`terraform.tfvars`, `*.auto.tfvars`, as JSON too). */
const AUTOMATIC_VAR_FILE = /^(terraform\.tfvars|.+\.auto\.tfvars)(\.json)?$/;

/**
 * A line for each variable definitions file Terraform would load from the root folder by itself, when no
 * `--var-file` is given: the root variables it sets are unknown here.
 */
function unreadVarFiles(root: Loaded): string[] {
  return entriesOf(root.folder)
    .filter((name) => AUTOMATIC_VAR_FILE.test(name))
    .map((name) => join(root.folder, name))
    .map(
      (file) =>
        `${file}: Terraform loads the root variables it sets by itself, and this command only with --var-file ${file}; without it, those variables are unknown here`,
    );
}

/**
 * The values of the root module's variables that variable definitions files set (`--var-file`: `.tfvars`, in
 * HCL, or `.tfvars.json`), a later file's over an earlier one's, as Terraform takes them. A file that sets a
 * variable the root module does not declare is refused (Terraform only warns, and the value would go nowhere).
 */
function rootVariables(varFiles: readonly string[], root: Loaded): Map<string, unknown> {
  const declared = asInputError(() => variablesOf(root.files));
  const values = new Map<string, unknown>();
  for (const file of varFiles) {
    const doc = file.endsWith('.json') ? readOptionJson('--var-file', file) : readVarFileHcl(file);
    if (!isPlainObject(doc)) {
      throw new InputError(
        `--var-file ${file}: a variable definitions file sets variables by name (an object), got: ${describeValue(doc)}`,
      );
    }
    for (const [name, value] of Object.entries(doc)) {
      const declaration = declared.get(name);
      if (declaration === undefined) {
        throw new InputError(
          `--var-file ${file}: sets ${JSON.stringify(name)}, which ${root.display} does not declare (variable "${name}" {}); remove it, or give the folder the variables file belongs to`,
        );
      }
      values.set(name, asDeclared(value, declaration.type));
    }
  }
  return values;
}

/** A `.tfvars` file through the HCL parser (loaded now); what it refuses names the option and the file. */
function readVarFileHcl(file: string): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { readHclValues } = require('./hcl') as typeof import('./hcl');
  try {
    return readHclValues({ display: file, text: readText(file) });
  } catch (e) {
    throw e instanceof InputError ? new InputError(`--var-file ${e.message}`) : e;
  }
}

/** A loaded module, with where its files are (to resolve the local sources it calls). */
interface Loaded extends LoadedModule {
  /** Its folder, as the command can open it. */
  readonly folder: string;
  /** Its folder, relative to the folder given (what `SourceLocation.file` starts with). */
  readonly relativeFolder: string;
}

/**
 * The `.tf` and `.tf.json` files of a folder, read (`loadFiles`).
 *
 * @param relativeFolder the folder relative to the folder the command was given
 */
function loadFolder(folder: string, relativeFolder: string, display: string): Loaded {
  const entries = entriesOf(folder);
  requireNoOpenTofuConfiguration(folder, display, entries);
  const names = entries.filter(isTerraformFile);
  const overrides = names.filter((n) => /^(.*_)?override\.tf(\.json)?$/.test(n));
  if (overrides.length > 0) {
    throw new InputError(
      `${display}: holds Terraform override files (${overrides.join(', ')}), which Terraform merges into the other files and this command does not; check the merged configuration (terraform show -json of a plan) instead`,
    );
  }
  if (names.length === 0) {
    throw new InputError(
      relativeFolder === ''
        ? `${display}: no cdk.tf.json, *.tf, *.tf.json or stacks/*/cdk.tf.json in this folder`
        : `${display}: holds no Terraform (*.tf, *.tf.json), so the module cannot be read`,
    );
  }
  const files = names.map((name) => ({
    path: join(folder, name),
    file: relativeFolder === '' ? name : join(relativeFolder, name),
    display: join(display, name),
  }));
  return { ...loadFiles(realpathOf(folder), display, files), folder, relativeFolder };
}

/**
 * Refuses OpenTofu files (`.tofu`, `.tofu.json`) that declare more than `terraform` settings: OpenTofu reads them
 * (in place of the `.tf` file of the same name), Terraform does not, and neither does this command, so what they
 * declare would go unchecked. Those that hold only `terraform` settings (as modules that support both tools ship,
 * `versions.tofu`) are left alone.
 */
function requireNoOpenTofuConfiguration(folder: string, display: string, entries: string[]): void {
  const tofu = entries.filter((name) => name.endsWith('.tofu') || name.endsWith('.tofu.json'));
  if (tofu.length === 0) {
    return;
  }
  const hcl = tofu.filter((name) => name.endsWith('.tofu'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { readHcl } = require('./hcl') as typeof import('./hcl');
  const docs = [
    ...readHcl(hcl.map((name) => ({ display: join(display, name), text: readText(join(folder, name)) }))).map(
      (d) => d.doc,
    ),
    ...tofu.filter((name) => name.endsWith('.tofu.json')).map((name) => parseFile(join(folder, name)).doc),
  ];
  const names = [...hcl, ...tofu.filter((name) => name.endsWith('.tofu.json'))];
  docs.forEach((doc, i) => {
    const declared = isPlainObject(doc) ? Object.keys(doc).filter((key) => key !== 'terraform' && key !== '//') : ['?'];
    if (declared.length > 0) {
      throw new InputError(
        `${join(display, names[i])}: an OpenTofu file that declares ${declared.join(', ')}, which OpenTofu reads and Terraform (and this command) does not, so it would go unchecked; check the plan instead (tofu show -json)`,
      );
    }
  });
}

/** Reads and parses files of one module: HCL through the parser (loaded now), Terraform JSON as any JSON input. */
function loadFiles(
  key: string,
  display: string,
  files: Array<{ path: string; file: string; display: string }>,
  folder = dirname(files[0].path),
  relativeFolder = dirname(files[0].file) === '.' ? '' : dirname(files[0].file),
): Loaded {
  const hcl = files.filter((f) => f.path.endsWith('.tf'));
  const texts: HclText[] = hcl.map((f) => ({ display: f.display, text: readText(f.path) }));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const parsed: HclDocument[] = texts.length === 0 ? [] : (require('./hcl') as typeof import('./hcl')).readHcl(texts);
  const read = files.map((f): ModuleFile => {
    const i = hcl.indexOf(f);
    if (i >= 0) {
      return { file: f.file, display: f.display, doc: parsed[i].doc, lineOf: parsed[i].lineOf };
    }
    const { format, doc, text } = parseFile(f.path);
    if (format !== 'terraform-json' || !isPlainObject(doc)) {
      throw new InputError(
        `${f.display}: a *.tf.json file of a Terraform folder must be Terraform JSON (like {"resource": {…}}), got ${format === 'terraform-json' ? describeValue(doc) : `a ${format}`}; move it out of the folder, or give it on its own`,
      );
    }
    const lines = terraformJsonLines(text ?? '');
    return { file: f.file, display: f.display, doc, lineOf: (address) => lines.get(address) };
  });
  return { key, display, files: read, folder, relativeFolder };
}

/** The module a local source names, relative to the module that calls it. */
function loadCalled(source: string, caller: Loaded, site: ModuleCallSite): Loaded {
  const folder = join(caller.folder, source);
  const display = normalize(join(caller.display, source));
  const at = site.line === undefined ? site.display : `${site.display}:${site.line}`;
  if (!exists(folder)) {
    throw new InputError(
      `${at}: ${site.address} has source ${describeValue(source)}, and ${display} does not exist; fix the source, or check the plan (terraform show -json)`,
    );
  }
  if (!statOf(folder).isDirectory()) {
    throw new InputError(`${at}: ${site.address} has source ${describeValue(source)}, and ${display} is not a folder`);
  }
  const relativeFolder = normalize(join(caller.relativeFolder, source));
  try {
    return loadFolder(folder, relativeFolder === '.' ? '' : relativeFolder, display);
  } catch (e) {
    if (e instanceof InputError && e.message.startsWith(`${display}: holds no Terraform`)) {
      throw new InputError(`${at}: ${site.address}: ${e.message}`);
    }
    throw e;
  }
}

/** What tells two folders apart: the real path (symbolic links followed). */
function realpathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Runs a reader, turning its `ModelError` (which names the file) into an `InputError`. */
function asInputError<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof ModelError) {
      throw new InputError(e.message);
    }
    throw e;
  }
}
