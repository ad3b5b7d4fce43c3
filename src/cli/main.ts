#!/usr/bin/env node
/**
 * cdktf-gcp-binauthz: reads synthesized Terraform JSON (any of it, not only ours) and reports on its
 * Binary Authorization policies. Exit codes: 0 fine, 1 findings, 2 usage or input errors.
 */
import { parseArgs } from 'util';
import { InputError } from './input';
import { summary } from './summary';

const USAGE = `usage: cdktf-gcp-binauthz <command> <cdk.tf.json | cdktf.out folder> [options]

commands:
  summary <input>   the default rule, allowlist patterns and attestors of each policy`;

/** Runs the command line; returns the exit code. */
export function main(argv: string[], out: (line: string) => void, err: (line: string) => void): number {
  try {
    const { positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: {} });
    const [command, input, ...extra] = positionals;
    if (command === 'summary' && input !== undefined && extra.length === 0) {
      summary(input).forEach((line) => out(line));
      return 0;
    }
    err(
      command === undefined
        ? USAGE
        : `${command === 'summary' ? 'summary takes one input' : `unknown command "${command}"`}\n${USAGE}`,
    );
    return 2;
  } catch (e) {
    if (e instanceof InputError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err(`cdktf-gcp-binauthz: ${(e as Error).message}`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  process.exitCode = main(
    process.argv.slice(2),
    (line) => console.log(line),
    (line) => console.error(line),
  );
}
