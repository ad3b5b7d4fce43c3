#!/usr/bin/env node
/**
 * cdktf-gcp-binauthz: reads synthesized Terraform JSON (any of it, not only ours) and reports on its
 * Binary Authorization policies. Exit codes: 0 fine, 1 findings, 2 usage, input or output errors and
 * internal errors. Fail closed: input it cannot fully read is exit 2 with one line naming it, never a
 * pass; no stack trace unless `--debug`.
 */
import { parseArgs } from 'util';
import { check, checkReport } from './check';
import { exportGcloudYaml } from './export';
import { InputError } from './input';
import { lint, lintReport } from './lint';
import { LineWriter, OutputError } from './output';
import { summary } from './summary';
import { escapeControlCharacters } from '../core/text';

/** Where to report a bug. */
export const ISSUES_URL = 'https://github.com/cdktf-gcp-binauthz/cdktf-gcp-binauthz/issues';

const USAGE = `usage: cdktf-gcp-binauthz <command> <cdk.tf.json | *.tf.json | folder of them | cdktf.out folder> [options]

commands:
  summary <input>                          the default rule, allowlist patterns and attestors of each policy
  check <input> --image IMG [--image IMG]  whether each policy admits each image, judged offline
        [--stack NAME] [--json]            exit 0: all admitted; 1: any denied, needing an attestation
                                           (not verifiable offline) or unknown until apply
  lint <input> [--stack NAME] [--json]     findings on the policies and the Cloud Run resources; exit 1 on errors
  export <input> --format gcloud-yaml      the policy as YAML for "gcloud container binauthz policy import"
        [--stack NAME] [--policy ADDRESS]  (--policy chooses one of several policies, by address or name)

options of every command:
  --debug                                  with an internal error, print its stack trace too
  -h, --help                               this text

exit codes:
  0  fine: every image admitted (check), no error found (lint)
  1  findings: an image not admitted (check), errors found (lint)
  2  a usage error; input that cannot be read or fully understood (one line names it: never a pass);
     output that cannot be written; or an internal error (a bug: please report it)`;

const OPTIONS = {
  image: { type: 'string', multiple: true },
  stack: { type: 'string' },
  policy: { type: 'string' },
  json: { type: 'boolean' },
  format: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Which options each command takes, besides --debug and --help. */
const ACCEPTS: Record<string, string[]> = {
  summary: [],
  check: ['image', 'stack', 'json'],
  lint: ['stack', 'json'],
  export: ['format', 'stack', 'policy'],
};

/** A mistake in the command line: one line, exit code 2. */
class UsageError extends Error {}

/**
 * Runs the command line; returns the exit code. Every line of output goes through `out` (standard
 * output) or `err` (standard error), one call a line, control characters escaped. `out` may throw
 * `OutputError` (a failed write): that is exit 2 too.
 */
export function main(argv: string[], out: (line: string) => void, err: (line: string) => void): number {
  const print = (line: string) => out(escapeControlCharacters(line));
  const say = (line: string) => err(escapeControlCharacters(line));
  try {
    return run(argv, print);
  } catch (e) {
    if (e instanceof UsageError) {
      // No arguments at all: the usage; a mistake: one line.
      if (e.message === '') {
        USAGE.split('\n').forEach(say);
      } else {
        say(`cdktf-gcp-binauthz: ${e.message} (--help shows the usage)`);
      }
      return 2;
    }
    if (e instanceof InputError || e instanceof OutputError || isParseArgsError(e)) {
      say(`cdktf-gcp-binauthz: ${(e as Error).message}`);
      return 2;
    }
    // A bug: one line by default, the stack trace with --debug.
    const debug = argv.includes('--debug');
    const what = e instanceof Error ? `${e.message} (${e.name})` : String(e);
    say(
      `cdktf-gcp-binauthz: internal error: ${what}; please report this at ${ISSUES_URL}${debug ? '' : ' (--debug prints the stack trace)'}`,
    );
    if (debug && e instanceof Error && e.stack !== undefined) {
      e.stack.split('\n').forEach(say);
    }
    return 2;
  }
}

function isParseArgsError(e: unknown): boolean {
  return (e as { code?: unknown }).code?.toString().startsWith('ERR_PARSE_ARGS') === true;
}

function run(argv: string[], print: (line: string) => void): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  const [command, input, ...extra] = positionals;
  if (values.help) {
    USAGE.split('\n').forEach(print);
    return 0;
  }
  if (command === undefined) {
    throw new UsageError('');
  }
  const accepted = Object.prototype.hasOwnProperty.call(ACCEPTS, command) ? ACCEPTS[command] : undefined;
  if (accepted === undefined) {
    throw new UsageError(`unknown command "${command}"`);
  }
  if (input === undefined || extra.length > 0) {
    throw new UsageError(`${command} takes one input (a cdk.tf.json, a Terraform JSON file or a cdktf.out folder)`);
  }
  const given = Object.keys(values).filter((k) => k !== 'help' && k !== 'debug');
  const foreign = given.find((k) => !accepted.includes(k));
  if (foreign !== undefined) {
    throw new UsageError(`${command} does not take --${foreign}`);
  }
  // JSON.stringify escapes the characters that would break a line; `print` escapes the rest.
  const printJson = (value: unknown) => JSON.stringify(value, undefined, 2).split('\n').forEach(print);

  switch (command) {
    case 'check': {
      const images = values.image ?? [];
      if (images.length === 0) {
        throw new UsageError('check needs at least one --image');
      }
      const results = check(input, images, values.stack);
      const admitted = results.every((r) => r.admitted);
      if (values.json) {
        printJson({ admitted, results });
      } else {
        checkReport(results).forEach(print);
      }
      return admitted ? 0 : 1;
    }
    case 'lint': {
      const findings = lint(input, values.stack);
      const errors = findings.filter((f) => f.severity === 'error').length;
      if (values.json) {
        printJson({ errors, findings });
      } else {
        lintReport(findings).forEach(print);
      }
      return errors > 0 ? 1 : 0;
    }
    case 'export': {
      if (values.format !== 'gcloud-yaml') {
        throw new UsageError(
          values.format === undefined
            ? 'export needs --format gcloud-yaml'
            : `unknown --format "${values.format}"; the one format is gcloud-yaml`,
        );
      }
      // Every value of the YAML is a JSON-quoted scalar: no line break inside one.
      exportGcloudYaml(input, values.stack, values.policy).trimEnd().split('\n').forEach(print);
      return 0;
    }
    default:
      summary(input).forEach(print);
      return 0;
  }
}

if (require.main === module) {
  const stdout = new LineWriter(1, 'standard output');
  const stderr = new LineWriter(2, 'standard error');
  process.exitCode = main(
    process.argv.slice(2),
    (line) => stdout.line(line),
    (line) => {
      try {
        stderr.line(line);
      } catch {
        // Standard error cannot be written: there is nowhere left to say so; the exit code does.
      }
    },
  );
}
