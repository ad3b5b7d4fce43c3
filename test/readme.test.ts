import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as ts from 'typescript';
import { runCli } from './support';

// Every TypeScript block of the README is a whole program that a user could paste: it must compile
// against the library's sources, and it must synthesize, with cdktf's validations on (as app.synth()
// runs them), into Terraform JSON that passes the checks below.
const ROOT = join(__dirname, '..');
const BLOCKS_DIR = join(__dirname, '.readme-blocks');

const blocks = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => ({
  name: `block-${i + 1}.ts`,
  // The README imports the published package; here it resolves to the sources.
  code: m[1].replace(/from 'cdktf-gcp-binauthz'/g, "from '../../src'"),
}));

beforeAll(() => {
  rmSync(BLOCKS_DIR, { recursive: true, force: true });
  mkdirSync(BLOCKS_DIR, { recursive: true });
  blocks.forEach((b) => writeFileSync(join(BLOCKS_DIR, b.name), b.code));
});
afterAll(() => rmSync(BLOCKS_DIR, { recursive: true, force: true }));

describe('README', () => {
  test('has TypeScript examples', () => expect(blocks.length).toBeGreaterThanOrEqual(2));

  test('every TypeScript block compiles', () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      join(ROOT, 'test', 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    )!;
    const program = ts.createProgram(
      blocks.map((b) => join(BLOCKS_DIR, b.name)),
      { ...config.options, noEmit: true },
    );
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems).toEqual([]);
  });

  test.each(blocks.map((b) => b.name))(
    '%s synthesizes, with validations, into Terraform JSON that checks out',
    (name) => {
      const outdir = mkdtempSync(join(tmpdir(), 'readme-'));
      const previous = process.env.CDKTF_OUTDIR;
      process.env.CDKTF_OUTDIR = outdir;
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        expect(() => jest.isolateModules(() => require(join(BLOCKS_DIR, name)))).not.toThrow();
        const stacks = stacksIn(outdir);
        expect(Object.keys(stacks).length).toBeGreaterThan(0);
        for (const [stack, json] of Object.entries(stacks)) {
          expect({ stack, problems: schemaProblems(json) }).toEqual({ stack, problems: [] });
          if (json.resource?.google_binary_authorization_policy) {
            const summary = runCli('summary', join(outdir, 'stacks', stack, 'cdk.tf.json'));
            expect({ stack, code: summary.code, stderr: summary.stderr }).toEqual({ stack, code: 0, stderr: [] });
          }
        }
      } finally {
        if (previous === undefined) delete process.env.CDKTF_OUTDIR;
        else process.env.CDKTF_OUTDIR = previous;
        rmSync(outdir, { recursive: true, force: true });
      }
    },
  );
});

/** The synthesized stacks of an app's output folder, by name (none when the block never called app.synth()). */
function stacksIn(outdir: string): Record<string, any> {
  const dir = join(outdir, 'stacks');
  return existsSync(dir)
    ? Object.fromEntries(
        readdirSync(dir).map((s) => [s, JSON.parse(readFileSync(join(dir, s, 'cdk.tf.json'), 'utf8'))]),
      )
    : {};
}

/** Where the provider package defines its resources and data sources, one folder each. */
const PROVIDER_LIB = join(ROOT, 'node_modules', '@cdktf', 'provider-google', 'lib');

/**
 * What the synthesized JSON gets wrong that Terraform would refuse (no terraform binary here, so the
 * checks the other synth tests rely on, written out): every resource and data source is one the
 * Google provider package defines, the Google provider is configured and every body is an object (the
 * test also has the command line read each stack that holds a policy, without an input error).
 */
function schemaProblems(json: any): string[] {
  const problems: string[] = [];
  for (const kind of ['resource', 'data'] as const) {
    for (const [type, byName] of Object.entries<Record<string, unknown>>(json[kind] ?? {})) {
      // lib/binary-authorization-policy for google_binary_authorization_policy, lib/data-google-… for data sources
      const dir = (kind === 'data' ? `data_${type}` : type.replace(/^google_/, '')).replace(/_/g, '-');
      if (!existsSync(join(PROVIDER_LIB, dir, 'index.js'))) {
        problems.push(`${kind} ${type} is not a resource of the Google provider`);
      }
      for (const [name, body] of Object.entries(byName)) {
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
          problems.push(`${kind} ${type}.${name} is not an object`);
        }
      }
    }
  }
  if (Object.keys(json.resource ?? {}).length > 0 && json.provider?.google === undefined) {
    problems.push('no google provider is configured');
  }
  return problems;
}
