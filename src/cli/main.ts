#!/usr/bin/env node
/**
 * cdktf-gcp-binauthz: reads synthesized Terraform JSON (any of it, not only ours) and reports on its
 * Binary Authorization policies. Exit codes: 0 fine, 1 findings, 2 usage or input errors.
 */
import { parseArgs } from 'util';
import { check, checkReport } from './check';
import { exportGcloudYaml } from './export';
import { InputError } from './input';
import { lint, lintReport } from './lint';
import { summary } from './summary';

const USAGE = `usage: cdktf-gcp-binauthz <command> <cdk.tf.json | cdktf.out folder> [options]

commands:
  summary <input>                          the default rule, allowlist patterns and attestors of each policy
  check <input> --image IMG [--image IMG]  whether each policy admits each image, judged offline
        [--stack NAME] [--json]            exit 0: all admitted; 1: any denied, needing an attestation
                                           (not verifiable offline) or unknown until apply
  lint <input> [--stack NAME] [--json]     findings on the policies and the Cloud Run resources; exit 1 on errors
  export <input> --format gcloud-yaml      the policy as YAML for "gcloud container binauthz policy import"
        [--stack NAME]

exit codes: 0 fine, 1 findings, 2 usage or input errors`;

const OPTIONS = {
  image: { type: 'string', multiple: true },
  stack: { type: 'string' },
  json: { type: 'boolean' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Which options each command takes. */
const ACCEPTS: Record<string, string[]> = {
  summary: [],
  check: ['image', 'stack', 'json'],
  lint: ['stack', 'json'],
  export: ['format', 'stack'],
};

/** A mistake in the command line: reported with the usage, exit code 2. */
class UsageError extends Error {}

/** Runs the command line; returns the exit code. */
export function main(argv: string[], out: (line: string) => void, err: (line: string) => void): number {
  try {
    return run(argv, out);
  } catch (e) {
    if (e instanceof UsageError) {
      // No arguments at all: just the usage.
      err(e.message === '' ? USAGE : `cdktf-gcp-binauthz: ${e.message}\n${USAGE}`);
      return 2;
    }
    if (e instanceof InputError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err(`cdktf-gcp-binauthz: ${(e as Error).message}`);
      return 2;
    }
    throw e;
  }
}

function run(argv: string[], out: (line: string) => void): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  const [command, input, ...extra] = positionals;
  if (values.help) {
    out(USAGE);
    return 0;
  }
  if (command === undefined) {
    throw new UsageError('');
  }
  const accepted = ACCEPTS[command];
  if (accepted === undefined) {
    throw new UsageError(`unknown command "${command}"`);
  }
  if (input === undefined || extra.length > 0) {
    throw new UsageError(`${command} takes one input (a cdk.tf.json, a Terraform JSON file or a cdktf.out folder)`);
  }
  const given = Object.keys(values).filter((k) => k !== 'help');
  const foreign = given.find((k) => !accepted.includes(k));
  if (foreign !== undefined) {
    throw new UsageError(`${command} does not take --${foreign}`);
  }

  switch (command) {
    case 'check': {
      const images = values.image ?? [];
      if (images.length === 0) {
        throw new UsageError('check needs at least one --image');
      }
      const results = check(input, images, values.stack);
      const admitted = results.every((r) => r.admitted);
      if (values.json) {
        out(JSON.stringify({ admitted, results }, undefined, 2));
      } else {
        checkReport(results).forEach((line) => out(line));
      }
      return admitted ? 0 : 1;
    }
    case 'lint': {
      const findings = lint(input, values.stack);
      const errors = findings.filter((f) => f.severity === 'error').length;
      if (values.json) {
        out(JSON.stringify({ errors, findings }, undefined, 2));
      } else {
        lintReport(findings).forEach((line) => out(line));
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
      out(exportGcloudYaml(input, values.stack).trimEnd());
      return 0;
    }
    default:
      summary(input).forEach((line) => out(line));
      return 0;
  }
}

if (require.main === module) {
  process.exitCode = main(
    process.argv.slice(2),
    (line) => console.log(line),
    (line) => console.error(line),
  );
}
