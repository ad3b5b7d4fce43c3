import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { basename, dirname, join, resolve } from 'path';

/** One synthesized stack (or one Terraform JSON file). */
export interface TerraformJsonFile {
  /** The stack name: the folder under `stacks/`, or the file name. */
  readonly stack: string;
  /** The file it was read from. */
  readonly file: string;
  /** The parsed document. */
  readonly doc: unknown;
}

/** An error in what the user gave us: reported on one line, exit code 2. */
export class InputError extends Error {}

/**
 * Reads a `cdk.tf.json` (or any Terraform JSON file), a folder holding one, or a `cdktf.out` folder
 * with `stacks/NAME/cdk.tf.json`.
 */
export function readTerraformJson(path: string): TerraformJsonFile[] {
  if (!existsSync(path)) {
    throw new InputError(`${path}: no such file or folder`);
  }
  return terraformJsonFiles(path).map(({ stack, file }) => ({ stack, file, doc: parseJson(file) }));
}

function terraformJsonFiles(path: string): Array<{ stack: string; file: string }> {
  if (!statSync(path).isDirectory()) {
    return [{ stack: stackName(path), file: path }];
  }
  const stacksDir = join(path, 'stacks');
  if (existsSync(stacksDir) && statSync(stacksDir).isDirectory()) {
    const stacks = readdirSync(stacksDir)
      .filter((name) => existsSync(join(stacksDir, name, 'cdk.tf.json')))
      .sort();
    if (stacks.length > 0) {
      return stacks.map((stack) => ({ stack, file: join(stacksDir, stack, 'cdk.tf.json') }));
    }
  }
  const files = readdirSync(path)
    .filter((name) => name.endsWith('.tf.json'))
    .sort();
  if (files.length === 0) {
    throw new InputError(`${path}: no cdk.tf.json, *.tf.json or stacks/*/cdk.tf.json in this folder`);
  }
  return files.map((name) => ({ stack: stackName(join(path, name)), file: join(path, name) }));
}

/** `stacks/NAME/cdk.tf.json` is stack NAME; any other `X.tf.json` or `X.json` is X. */
function stackName(file: string): string {
  const abs = resolve(file);
  return basename(abs) === 'cdk.tf.json' ? basename(dirname(abs)) : basename(abs).replace(/(\.tf)?\.json$/, '');
}

function parseJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}
