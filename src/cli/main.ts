#!/usr/bin/env node
/**
 * cdktf-gcp-binauthz: reads synthesized Terraform JSON (any of it, not only ours), Terraform plans and
 * state (`terraform show -json`) and policy YAML, and reports on their Binary Authorization policies and
 * Cloud Run workloads: the gate of a deploy pipeline. Exit codes: 0 fine, 1 findings, 2 usage, input or output errors and
 * internal errors. Fail closed: input it cannot fully read is exit 2 with one line naming it, never a
 * pass; no stack trace unless `--debug`.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseArgs } from 'util';
import { check, checkReport, checkWorkloads, workloadReport } from './check';
import { Language } from './codegen';
import { diff, diffJson, diffMarkdown, diffReport } from './diff';
import { exportGcloudYaml } from './export';
import { graph, GRAPH_FORMATS } from './graph';
import { importProgram, LANGUAGES } from './import';
import { InputError, setProjectOption } from './input';
import { lint, lintReport } from './lint';
import { Line, LineWriter, OutputError, PaintedLine, wantsColour } from './output';
import { summary } from './summary';
import { escapeControlCharacters } from '../core/text';

/** Where to report a bug. */
export const ISSUES_URL = 'https://github.com/cdktf-gcp-binauthz/cdktf-gcp-binauthz/issues';

/** What every input may be. */
const INPUTS = `inputs (the format is told from the content):
  a cdk.tf.json or any Terraform JSON file, a folder of *.tf.json files, a cdktf.out folder (or the
  cdktf project folder holding it, such as "."), a plan or a state as "terraform show -json" prints
  them, a policy YAML as "gcloud container binauthz policy export" prints it`;

/** Each command: its usage lines and the options it takes, besides --debug and --help. */
const COMMANDS: Record<string, { readonly usage: string; readonly options: readonly string[] }> = {
  summary: {
    usage: `  summary <input> [--stack NAME]           the default rule, allowlist patterns and attestors of each policy`,
    options: ['stack'],
  },
  check: {
    usage: `  check <input> [--policy FILE]...         whether every Cloud Run workload (each container; the build
        [--stack NAME] [--json]            repository of functions and source deploys) enforces and is
                                           admitted by the policy of its project, judged offline; --policy
                                           adds policies (a policy YAML, or any input) for projects whose
                                           policy the input does not hold
  check <input> --image IMG [--image IMG]  whether each policy admits each image instead
        [--workloads] [--policy FILE]...   (--workloads: the images and the workloads)
        [--stack NAME] [--json]            exit 0: all admitted; 1: any not enforced, without a policy,
                                           denied, needing an attestation (not verifiable offline) or
                                           unknown until apply`,
    options: ['image', 'workloads', 'policy', 'stack', 'json'],
  },
  lint: {
    usage: `  lint <input> [--stack NAME] [--json]     findings on the policies and the Cloud Run resources; exit 1 on errors`,
    options: ['stack', 'json'],
  },
  export: {
    usage: `  export <input> [--format gcloud-yaml]    the policy as YAML for "gcloud container binauthz policy import"
        [--stack NAME] [--address ADDRESS] (--address chooses one of several policies, by address or name)`,
    options: ['format', 'stack', 'address'],
  },
  import: {
    usage: `  import <policy.yaml>                     a program that defines the policy with this library and adopts
        [--language typescript|python]     the live one (adoptExisting), on standard output; what the library
        [--stack NAME] [--address ADDRESS] refuses is kept with a comment, and listed on standard error
                                           (exit 1); the input may be any input with one policy`,
    options: ['language', 'stack', 'address'],
  },
  diff: {
    usage: `  diff <before> <after> [--json|--markdown]  what a change does to what is admitted: each change to the
  diff <plan> [--json|--markdown]          policies, workloads, attestor keys, signing grants and the Cloud
                                           Run guardrail, weakening, strengthening or neutral; one plan
                                           compares its two sides; --markdown for a pull-request comment;
                                           exit 1 when anything weakens (or cannot be judged until apply)`,
    options: ['json', 'markdown'],
  },
  graph: {
    usage: `  graph <input> [--format mermaid|dot]     the trust chain: signers → keys → attestors → policies →
                                           workloads, grouped by project; Mermaid by default`,
    options: ['format'],
  },
};

const COMMON = `options of every command:
  --project PROJECT_ID                     the project of a policy YAML without name (gcloud takes it
                                           from its configuration), wherever a command needs it
  --debug                                  with an internal error, print its stack trace too
  -h, --help                               the usage (of one command: "cdktf-gcp-binauthz check --help")
  --version                                the version of cdktf-gcp-binauthz

colour: on a terminal, decisions and severities are coloured; never when NO_COLOR is set, or when the
output is not a terminal

exit codes:
  0  fine: every workload and image admitted (check), no error found (lint), nothing refused (import),
     nothing weakened (diff)
  1  findings: a workload or an image not admitted (check), errors found (lint), values the library
     refuses (import), a change that weakens (diff)
  2  a usage error; input that cannot be read or fully understood (one line names it: never a pass);
     output that cannot be written; or an internal error (a bug: please report it)`;

/** The usage: of every command, or of one. */
function usage(command?: string): string {
  const commands = command === undefined ? Object.values(COMMANDS) : [COMMANDS[command]];
  const synopsis =
    command === undefined ? '<command> <input>' : `${command} ${command === 'diff' ? '<before> <after>' : '<input>'}`;
  return [
    `usage: cdktf-gcp-binauthz ${synopsis} [options]`,
    '',
    INPUTS,
    '',
    command === undefined ? 'commands:' : 'command:',
    ...commands.map((c) => c.usage),
    '',
    COMMON,
  ].join('\n');
}

const OPTIONS = {
  image: { type: 'string', multiple: true },
  workloads: { type: 'boolean' },
  stack: { type: 'string' },
  policy: { type: 'string', multiple: true },
  address: { type: 'string' },
  json: { type: 'boolean' },
  markdown: { type: 'boolean' },
  format: { type: 'string' },
  language: { type: 'string' },
  project: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/**
 * Refuses an option that takes one value given more than once: parseArgs would keep the last one, and
 * `--stack a --stack b` would silently check only b.
 */
function refuseRepeatedValues(tokens: ReadonlyArray<{ kind: string; name?: string; value?: string }>): void {
  const seen = new Map<string, string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined || !(token.name in OPTIONS)) {
      continue;
    }
    const option: { type: string; multiple?: boolean } = OPTIONS[token.name as keyof typeof OPTIONS];
    if (option.type !== 'string' || option.multiple === true) {
      continue;
    }
    const first = seen.get(token.name);
    if (first !== undefined) {
      throw new UsageError(
        `--${token.name} given twice (${JSON.stringify(first)} and ${JSON.stringify(token.value)}); it takes one value: run the command once for each`,
      );
    }
    seen.set(token.name, token.value ?? '');
  }
}

/** How many inputs each command takes, when it is not one. */
const INPUT_COUNTS: Record<string, [number, number]> = { diff: [1, 2] };

/** A mistake in the command line: one line, exit code 2. */
class UsageError extends Error {}

/** How the command line is run. */
export interface MainOptions {
  /** Whether standard output wants colour (a terminal, without NO_COLOR). @default false */
  readonly colour?: boolean;
}

/**
 * Runs the command line; returns the exit code. Every line of output goes through `out` (standard
 * output) or `err` (standard error), one call a line, control characters escaped (a painted line is
 * escaped already). `out` may throw `OutputError` (a failed write): that is exit 2 too.
 */
export function main(
  argv: string[],
  out: (line: string) => void,
  err: (line: string) => void,
  options: MainOptions = {},
): number {
  const print = (line: Line) => out(line instanceof PaintedLine ? line.text : escapeControlCharacters(line));
  const say = (line: string) => err(escapeControlCharacters(line));
  try {
    return run(argv, print, say, options.colour === true);
  } catch (e) {
    if (e instanceof UsageError) {
      // No arguments at all: the usage; a mistake: one line.
      if (e.message === '') {
        usage().split('\n').forEach(say);
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

/** The version of the package the command belongs to. */
function version(): string {
  // src/cli/main.ts and lib/cli/main.js both sit two folders below the package's root.
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
}

function run(argv: string[], print: (line: Line) => void, say: (line: string) => void, colour: boolean): number {
  const { values, positionals, tokens } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: OPTIONS,
    tokens: true,
  });
  const [command, input, ...extra] = positionals;
  const known = command !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, command);
  if (values.version) {
    print(`cdktf-gcp-binauthz ${version()}`);
    return 0;
  }
  if (values.help) {
    if (command !== undefined && !known) {
      throw new UsageError(`unknown command "${command}"`);
    }
    usage(command).split('\n').forEach(print);
    return 0;
  }
  if (command === undefined) {
    throw new UsageError('');
  }
  if (!known) {
    throw new UsageError(`unknown command "${command}"`);
  }
  const [fewest, most] = INPUT_COUNTS[command] ?? [1, 1];
  if (positionals.length - 1 < fewest || positionals.length - 1 > most) {
    throw new UsageError(
      command === 'diff'
        ? 'diff takes two inputs (before and after: any two of the inputs above), or one plan (terraform show -json)'
        : `${command} takes one input (a cdk.tf.json, a Terraform JSON file, a cdktf.out folder or project folder, a plan or state JSON, or a policy YAML)`,
    );
  }
  const accepted = COMMANDS[command].options;
  // --project, like --debug, is for every command: each reads inputs, a policy YAML without name among them.
  const given = Object.keys(values).filter((k) => k !== 'help' && k !== 'debug' && k !== 'project');
  const foreign = given.find((k) => !accepted.includes(k));
  if (foreign === 'policy' && command === 'export') {
    throw new UsageError(
      'export chooses a policy with --address ADDRESS (its address or name); --policy names policy files, for check',
    );
  }
  if (foreign !== undefined) {
    throw new UsageError(`${command} does not take --${foreign}`);
  }
  refuseRepeatedValues(tokens);
  setProjectOption(values.project);
  // JSON.stringify escapes the characters that would break a line; `print` escapes the rest.
  const printJson = (value: unknown) => JSON.stringify(value, undefined, 2).split('\n').forEach(print);

  switch (command) {
    case 'check': {
      const options = { images: values.image ?? [], policyFiles: values.policy ?? [], stack: values.stack };
      if (values.workloads && options.images.length === 0) {
        throw new UsageError(
          '--workloads adds the workloads to the --image images; without --image, check judges the workloads',
        );
      }
      if (options.images.length > 0 && !values.workloads) {
        const results = check(input, options);
        const admitted = results.every((r) => r.admitted);
        if (values.json) {
          printJson({ admitted, results });
        } else {
          checkReport(results, colour).forEach(print);
        }
        return admitted ? 0 : 1;
      }
      const results = checkWorkloads(input, options);
      const admitted = results.every((r) => r.admitted);
      if (values.json) {
        printJson({ admitted, exempt: results.filter((r) => r.exempt).length, results });
      } else {
        workloadReport(results, colour).forEach(print);
      }
      return admitted ? 0 : 1;
    }
    case 'lint': {
      const findings = lint(input, values.stack);
      const errors = findings.filter((f) => f.severity === 'error').length;
      if (values.json) {
        printJson({ errors, findings });
      } else {
        lintReport(findings, colour).forEach(print);
      }
      return errors > 0 ? 1 : 0;
    }
    case 'diff': {
      if (values.json && values.markdown) {
        throw new UsageError('diff takes --json or --markdown, not both');
      }
      const result = diff([input, ...extra]);
      if (values.json) {
        printJson(diffJson(result));
      } else {
        (values.markdown ? diffMarkdown(result) : diffReport(result, colour)).forEach(print);
      }
      return result.changes.some((c) => c.kind === 'weakening') ? 1 : 0;
    }
    case 'graph': {
      const format = values.format ?? 'mermaid';
      if (!(GRAPH_FORMATS as readonly string[]).includes(format)) {
        throw new UsageError(`unknown --format "${format}" for graph; the formats are ${GRAPH_FORMATS.join(', ')}`);
      }
      graph(input, format as (typeof GRAPH_FORMATS)[number]).forEach(print);
      return 0;
    }
    case 'export': {
      // One format, the default; --format names it, for scripts that say what they expect.
      if (values.format !== undefined && values.format !== 'gcloud-yaml') {
        throw new UsageError(`unknown --format "${values.format}"; the one format is gcloud-yaml`);
      }
      // Every value of the YAML is a JSON-quoted scalar: no line break inside one.
      exportGcloudYaml(input, values.stack, values.address).trimEnd().split('\n').forEach(print);
      return 0;
    }
    case 'import': {
      const language = (values.language ?? 'typescript') as Language;
      if (!LANGUAGES.includes(language)) {
        throw new UsageError(`unknown --language "${values.language}"; the languages are ${LANGUAGES.join(', ')}`);
      }
      const { code, refusals } = importProgram(input, language, values.stack, values.address);
      code.trimEnd().split('\n').forEach(print);
      if (refusals.length > 0) {
        say(
          `cdktf-gcp-binauthz: ${refusals.length} value(s) of the policy are refused by the library; the program keeps them, each with a comment, and fails synth until they are changed:`,
        );
        refusals.forEach((r) => say(`  ${r.field} ${JSON.stringify(r.value)}: ${r.reason}`));
      }
      return refusals.length > 0 ? 1 : 0;
    }
    default:
      summary(input, values.stack).forEach(print);
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
    { colour: wantsColour(process.stdout.isTTY, process.env) },
  );
}
