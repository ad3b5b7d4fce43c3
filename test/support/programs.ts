/**
 * Programs written by the command line (`import`), run as a user would run them: type-checked under a
 * new cdktf app's compiler options, and synthesized against the library's sources.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as ts from 'typescript';
import { PolicyModel } from '../../src/core/policy';
import { policiesFromTerraformJson } from '../../src/core/terraform-json';

/** Where the programs are written (inside the tests, so that they import the sources; ignored by git). */
const PROGRAMS = join(__dirname, '..', '.codegen-programs');

/** Writes a program, importing the sources instead of the published package. */
function write(code: string, name: string): string {
  mkdirSync(PROGRAMS, { recursive: true });
  const file = join(PROGRAMS, `${name}.ts`);
  writeFileSync(file, code.replace(/from 'cdktf-gcp-binauthz'/g, "from '../../src'"));
  return file;
}

/** What a program synthesized: the stack's Terraform JSON, its file, and its policy. */
export interface Synthesized {
  readonly json: any;
  readonly model: PolicyModel;
}

/**
 * Runs a TypeScript program that synthesizes the stack `binauthz`; returns what it synthesized. Pass
 * `keep` to have the output folder's cdk.tf.json copied there.
 */
export function synthesize(code: string, name: string, keep?: string): Synthesized {
  const file = write(code, name);
  const outdir = mkdtempSync(join(tmpdir(), 'codegen-'));
  const previous = process.env.CDKTF_OUTDIR;
  process.env.CDKTF_OUTDIR = outdir;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    jest.isolateModules(() => require(file));
    const text = readFileSync(join(outdir, 'stacks', 'binauthz', 'cdk.tf.json'), 'utf8');
    if (keep !== undefined) {
      writeFileSync(keep, text);
    }
    const json = JSON.parse(text);
    const [found] = policiesFromTerraformJson(json);
    return { json, model: found.policy };
  } finally {
    if (previous === undefined) delete process.env.CDKTF_OUTDIR;
    else process.env.CDKTF_OUTDIR = previous;
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * The type errors of a program under a new cdktf app's compiler options (`cdktf init`: strict, no unused
 * locals or parameters), against the sources; the sources' own are the build's business.
 */
export function compileProblems(code: string, name: string): string[] {
  const file = write(code, name);
  const program = ts.createProgram([file], {
    strict: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    noImplicitReturns: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.CommonJS,
    esModuleInterop: true,
    skipLibCheck: true,
    types: ['node'],
  });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** Removes the programs written. */
export function removePrograms(): void {
  rmSync(PROGRAMS, { recursive: true, force: true });
}
