import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as ts from 'typescript';

// Every TypeScript block of the README is a whole program that a user could paste: it must compile
// against the library's sources, and it must run (synthesizing where it calls app.synth()).
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

  test.each(blocks.map((b) => b.name))('%s runs', (name) => {
    const outdir = mkdtempSync(join(tmpdir(), 'readme-'));
    const previous = process.env.CDKTF_OUTDIR;
    process.env.CDKTF_OUTDIR = outdir;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      expect(() => jest.isolateModules(() => require(join(BLOCKS_DIR, name)))).not.toThrow();
    } finally {
      if (previous === undefined) delete process.env.CDKTF_OUTDIR;
      else process.env.CDKTF_OUTDIR = previous;
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
