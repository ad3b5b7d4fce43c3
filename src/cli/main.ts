#!/usr/bin/env node
/**
 * cdktf-gcp-binauthz: reads synthesized Terraform JSON (any of it, not only ours), Terraform plans and
 * state (`terraform show -json`) and policy YAML, and reports on their Binary Authorization policies and
 * Cloud Run workloads: the gate of a deploy pipeline. Exit codes: 0 fine, 1 findings, 2 usage, input or output errors and
 * internal errors. Fail closed: input it cannot fully read is exit 2 with one line naming it, never a
 * pass; no stack trace unless `--debug`.
 */
import { readFileSync, statSync } from 'fs';
import { join } from 'path';
import { parseArgs } from 'util';
import type { Language } from './codegen';
import { CLEAN, EXIT_CODE_LINES, FINDINGS, INPUT_ERROR } from './exit-codes';
import {
  checkJson,
  checkJunit,
  checkSarif,
  CheckRow,
  diffSarif,
  FAIL_ON,
  FailOn,
  findingFails,
  Format,
  FORMATS,
  LintItem,
  lintJson,
  lintJunit,
  lintSarif,
  rowFails,
  suppressionLines,
  suppressionWarningsFail,
} from './formats/reports';
import { codeOfRow } from './formats/rules';
import { exists, InputError, isTerraformConfiguration, setProjectOption, setVarFileOption } from './input';
import type { LintScope } from './lint';
import { Line, LineWriter, OutputError, PaintedLine, wantsColour } from './output';
import { applySuppressions, readSuppressions, Suppression, SuppressionOutcome, today } from './suppressions';
import { escapeControlCharacters } from '../core/text';

/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * The module of each command, loaded when the command runs: start-up pays for none of them, and each command
 * for its own (the review, the trust chain with its table of Google's roles, the code generator, the
 * attestation verifier are large; a `check` or `lint` of a small stack is mostly start-up).
 */
const commandModules = {
  check: () => require('./check') as typeof import('./check'),
  lint: () => require('./lint') as typeof import('./lint'),
  diff: () => require('./diff') as typeof import('./diff'),
  graph: () => require('./graph') as typeof import('./graph'),
  export: () => require('./export') as typeof import('./export'),
  payload: () => require('./payload') as typeof import('./payload'),
  import: () => require('./import') as typeof import('./import'),
  summary: () => require('./summary') as typeof import('./summary'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** Where to report a bug. */
export const ISSUES_URL = 'https://github.com/cdktf-gcp-binauthz/cdktf-gcp-binauthz/issues';

/** What every input may be. */
const INPUTS = `inputs (the format is told from the content):
  a cdk.tf.json or any Terraform JSON file, a Terraform configuration (a folder of *.tf and *.tf.json
  files, local modules followed; or one .tf file), a cdktf.out folder (or the cdktf project folder
  holding it, such as "."), a plan or a state as "terraform show -json" prints them, a policy YAML as
  "gcloud container binauthz policy export" prints it`;

/** Each command: its usage lines and the options it takes, besides --debug and --help. */
const COMMANDS: Record<string, { readonly usage: string; readonly options: readonly string[] }> = {
  summary: {
    usage: `  summary <input> [--stack NAME]           the default rule, allowlist patterns and attestors of each policy`,
    options: ['stack'],
  },
  check: {
    usage: `  check <input> [--policy FILE]...         whether every Cloud Run workload (each container; the build
        [--stack NAME] [--format F]        repository of functions and source deploys) enforces and is
                                           admitted by the policy of its project, judged offline; --policy
                                           adds policies (a policy YAML, or any input) for projects whose
                                           policy the input does not hold
  check <input> --image IMG [--image IMG]  whether each policy admits each image instead
        [--workloads] [--policy FILE]...   (--workloads: the images and the workloads)
        [--stack NAME] [--format F]        exit 0: all admitted; 1: any not enforced, without a policy,
        [--suppressions FILE]              denied, needing an attestation (not verified: see
        [--fail-on never]                  --attestations) or unknown until apply (and not suppressed);
        [--require-workloads]              a stack without workloads is a line, exit 0 (1 with
                                           --require-workloads); --format table|json|sarif|junit
                                           (--json: json)
  check <input> --attestations FILE...     verify attestations offline ("gcloud container binauthz
        [--attestor FILE]...               attestations list --format=json"): a REQUIRE_ATTESTATION
                                           image whose every required attestor is satisfied is ALLOW;
                                           --attestor adds the keys of attestors the input does not hold
                                           ("gcloud container binauthz attestors describe NAME --format=json")`,
    options: [
      'image',
      'workloads',
      'policy',
      'stack',
      'json',
      'format',
      'fail-on',
      'suppressions',
      'require-workloads',
      'attestations',
      'attestor',
    ],
  },
  payload: {
    usage: `  payload IMAGE@DIGEST                     the payload to sign for an image, byte for byte as "gcloud
                                           container binauthz create-signature-payload" prints it`,
    options: [],
  },
  lint: {
    usage: `  lint <input> [--stack NAME] [--format F]  findings on the policies and the Cloud Run resources; exit 1
        [--fail-on error|warning|info|never] on findings as severe as --fail-on (error by default) that
        [--suppressions FILE]              no suppression covers; --format table|json|sarif|junit`,
    options: ['stack', 'json', 'format', 'fail-on', 'suppressions'],
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
    usage: `  diff <before> <after> [--format F]       what a change does to what is admitted: each change to the
  diff <plan> [--format F]                 policies, workloads, attestor keys, grants over the chain of
        [--fail-on never]                  trust and the Cloud Run guardrail, weakening, strengthening or
                                           neutral; one plan compares its two sides;
                                           --format table|json|markdown|sarif
                                           (--json, --markdown: the same); markdown for a pull-request
                                           comment; exit 1 when anything weakens (or cannot be judged
                                           until apply)`,
    options: ['json', 'markdown', 'format', 'fail-on'],
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
  --var-file FILE                          values of a Terraform configuration's root variables (.tfvars
                                           or .tfvars.json; repeatable, a later file wins); without it
                                           they are unknown, terraform.tfvars included
  --debug                                  with an internal error, print its stack trace too
  -h, --help                               the usage (of one command: "cdktf-gcp-binauthz check --help")
  -v, --version                            the version of cdktf-gcp-binauthz

colour: on a terminal, decisions and severities are coloured; never when NO_COLOR is set, or when the
output is not a terminal

exit codes:
${EXIT_CODE_LINES.join('\n')}`;

/** The usage: of every command, or of one. */
function usage(command?: string): string {
  const commands = command === undefined ? Object.values(COMMANDS) : [COMMANDS[command]];
  const synopsis =
    command === undefined
      ? '<command> <input>'
      : `${command} ${command === 'diff' ? '<before> <after>' : command === 'payload' ? 'IMAGE@DIGEST' : '<input>'}`;
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
  attestations: { type: 'string', multiple: true },
  attestor: { type: 'string', multiple: true },
  address: { type: 'string' },
  json: { type: 'boolean' },
  markdown: { type: 'boolean' },
  format: { type: 'string' },
  'fail-on': { type: 'string' },
  suppressions: { type: 'string' },
  'require-workloads': { type: 'boolean' },
  language: { type: 'string' },
  project: { type: 'string' },
  'var-file': { type: 'string', multiple: true },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
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
      return INPUT_ERROR;
    }
    if (e instanceof InputError || e instanceof OutputError || isParseArgsError(e)) {
      say(`cdktf-gcp-binauthz: ${(e as Error).message}`);
      return INPUT_ERROR;
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
    return INPUT_ERROR;
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
    return CLEAN;
  }
  if (values.help) {
    if (command !== undefined && !known) {
      throw new UsageError(`unknown command "${command}"`);
    }
    usage(command).split('\n').forEach(print);
    return CLEAN;
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
        : command === 'payload'
          ? 'payload takes one image, with its digest (REGISTRY/PATH/IMAGE@sha256:…)'
          : `${command} takes one input (a cdk.tf.json, a Terraform JSON file, a Terraform folder or .tf file, a cdktf.out folder or project folder, a plan or state JSON, or a policy YAML)`,
    );
  }
  const accepted = COMMANDS[command].options;
  // --project and --var-file, like --debug, are for every command: each reads inputs, a policy YAML without name
  // or a Terraform configuration among them.
  const given = Object.keys(values).filter((k) => !['help', 'debug', 'project', 'var-file'].includes(k));
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
  setVarFileOption(values['var-file']);
  if (
    values['var-file'] !== undefined &&
    ![input, ...extra].some((path) => path !== undefined && (!exists(path) || isTerraformConfiguration(path)))
  ) {
    // Never dropped in silence: the values would set nothing.
    throw new UsageError(
      '--var-file sets the root variables of a Terraform configuration (a folder of .tf or .tf.json files, or a .tf file), and no input of this command is one; remove --var-file',
    );
  }
  // JSON.stringify escapes the characters that would break a line; `print` escapes the rest.
  const printJson = (value: unknown) => JSON.stringify(value, undefined, 2).split('\n').forEach(print);

  const format = command in FORMATS ? formatOf(command as keyof typeof FORMATS, values) : undefined;
  const failOn = failOnOf(command, values['fail-on']);
  // Every report's findings pass through the suppressions (none without --suppressions), checked first.
  const suppressions = values.suppressions === undefined ? [] : readSuppressions(values.suppressions);

  switch (command) {
    case 'check': {
      const { check, checkReport, checkWorkloads, workloadReport } = commandModules.check();
      const options = {
        images: values.image ?? [],
        policyFiles: values.policy ?? [],
        stack: values.stack,
        attestationFiles: values.attestations,
        attestorFiles: values.attestor,
      };
      if (values.attestor !== undefined && values.attestations === undefined) {
        throw new UsageError(
          '--attestor gives the keys that --attestations are verified with; pass the attestations too (--attestations FILE)',
        );
      }
      if (values.workloads && options.images.length === 0) {
        throw new UsageError(
          '--workloads adds the workloads to the --image images; without --image, check judges the workloads',
        );
      }
      if (values['require-workloads'] && options.images.length > 0 && !values.workloads) {
        throw new UsageError('--require-workloads is for the workloads; with --image, add --workloads');
      }
      const imagesOnly = options.images.length > 0 && !values.workloads;
      const notFound: string[] = [];
      const judged: CheckRow[] = imagesOnly
        ? check(input, options, notFound)
        : checkWorkloads(input, options, notFound);
      const { rows, outcomes } = suppressed(judged, suppressions, codeOfCheckRow, addressOfRow);
      const noWorkload = !imagesOnly && !rows.some((r) => r.workload !== '(--image)');
      const failed = rows.some(rowFails) || (values['require-workloads'] === true && noWorkload);
      const notes = [...notFound, ...(values['require-workloads'] && noWorkload ? [REQUIRED_WORKLOADS] : [])];
      if (format === 'json') {
        printJson(checkJson(rows, outcomes, notes));
      } else if (format === 'sarif') {
        printJson(checkSarif(rows, outcomes, notes, version()));
      } else if (format === 'junit') {
        checkJunit(rows, outcomes, notes).forEach(print);
      } else {
        const table = rows.length === 0 ? [] : imagesOnly ? checkReport(rows, colour) : workloadReport(rows, colour);
        const suppressedRows = rows.filter((r) => !r.admitted && r.suppression !== undefined);
        [
          ...table,
          ...suppressionLines(
            suppressedRows.map((r) => ({ what: `${r.workload} ${r.container}`, suppression: r.suppression! })),
            outcomes,
          ),
          ...notes.map((n) => `note: ${n}`),
        ].forEach(print);
      }
      return failed && failOn !== 'never' ? FINDINGS : CLEAN;
    }
    case 'lint': {
      const { lint, lintReport } = commandModules.lint();
      const scope: LintScope = { notFound: [], linted: 0 };
      const notFound = scope.notFound;
      const { rows: findings, outcomes } = suppressed(
        lint(input, values.stack, scope),
        suppressions,
        (f) => f.code,
        (f) => f.address,
      );
      const threshold = failOn ?? 'error';
      if (format === 'json') {
        printJson(lintJson(findings, outcomes, notFound));
      } else if (format === 'sarif') {
        printJson(lintSarif(findings, outcomes, notFound, version()));
      } else if (format === 'junit') {
        lintJunit(findings, outcomes, notFound, threshold).forEach(print);
      } else {
        [
          // "no findings" only when something was linted.
          ...(scope.linted === 0 ? [] : lintReport(findings, colour)),
          ...suppressionLines([], outcomes),
          ...notFound.map((n) => `note: ${n}`),
        ].forEach(print);
      }
      const failed = findings.some((f) => findingFails(f, threshold)) || suppressionWarningsFail(outcomes, threshold);
      return failed ? FINDINGS : CLEAN;
    }
    case 'diff': {
      if (values.json && values.markdown) {
        throw new UsageError('diff takes --json or --markdown, not both');
      }
      const { diff, diffJson, diffMarkdown, diffReport } = commandModules.diff();
      const result = diff([input, ...extra]);
      if (format === 'json') {
        printJson(diffJson(result));
      } else if (format === 'sarif') {
        const after = extra.length > 0 ? extra[0] : input;
        printJson(diffSarif(result, isFile(after) ? after : undefined, version()));
      } else {
        (format === 'markdown' ? diffMarkdown(result) : diffReport(result, colour)).forEach(print);
      }
      const weakened = result.changes.some((c) => c.kind === 'weakening');
      return weakened && failOn !== 'never' ? FINDINGS : CLEAN;
    }
    case 'graph': {
      const { graph, GRAPH_FORMATS } = commandModules.graph();
      const drawing = values.format ?? 'mermaid';
      if (!(GRAPH_FORMATS as readonly string[]).includes(drawing)) {
        throw new UsageError(`unknown --format "${drawing}" for graph; the formats are ${GRAPH_FORMATS.join(', ')}`);
      }
      graph(input, drawing as (typeof GRAPH_FORMATS)[number]).forEach(print);
      return CLEAN;
    }
    case 'export': {
      // One format, the default; --format names it, for scripts that say what they expect.
      if (values.format !== undefined && values.format !== 'gcloud-yaml') {
        throw new UsageError(`unknown --format "${values.format}"; the one format is gcloud-yaml`);
      }
      // Every value of the YAML is a JSON-quoted scalar: no line break inside one.
      commandModules
        .export()
        .exportGcloudYaml(input, values.stack, values.address)
        .trimEnd()
        .split('\n')
        .forEach(print);
      return CLEAN;
    }
    case 'payload':
      commandModules.payload().payloadLines(input).forEach(print);
      return CLEAN;
    case 'import': {
      const { importProgram, LANGUAGES } = commandModules.import();
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
      return refusals.length > 0 ? FINDINGS : CLEAN;
    }
    default:
      commandModules.summary().summary(input, values.stack).forEach(print);
      return CLEAN;
  }
}

/** The line that says why `--require-workloads` fails a run. */
const REQUIRED_WORKLOADS = '--require-workloads: no Cloud Run workload was found to judge, which this run requires';

/** The format a command reports in: `--format`, or its alias `--json` or `--markdown`, or the table. */
function formatOf(
  command: keyof typeof FORMATS,
  values: { json?: boolean; markdown?: boolean; format?: string },
): Format {
  const formats: readonly string[] = FORMATS[command];
  const aliases = [values.json ? 'json' : undefined, values.markdown ? 'markdown' : undefined].filter(
    (a): a is string => a !== undefined,
  );
  if (values.format !== undefined && !formats.includes(values.format)) {
    throw new UsageError(`unknown --format "${values.format}" for ${command}; the formats are ${formats.join(', ')}`);
  }
  if (values.format !== undefined && aliases.some((a) => a !== values.format)) {
    throw new UsageError(`--${aliases[0]} and --format ${values.format} disagree; give one of them`);
  }
  return (values.format ?? aliases[0] ?? 'table') as Format;
}

/** `--fail-on`: any threshold for lint; check and diff fail on what they always fail on, or `never`. */
function failOnOf(command: string, value: string | undefined): FailOn | undefined {
  if (value === undefined) {
    return undefined;
  }
  const accepted: readonly string[] = command === 'lint' ? FAIL_ON : ['error', 'never'];
  if (!accepted.includes(value)) {
    throw new UsageError(
      `unknown --fail-on "${value}" for ${command}; it takes ${accepted.join(', ')}${command === 'lint' ? '' : ' (never: report without failing)'}`,
    );
  }
  return value as FailOn;
}

/** The findings with the suppressions applied (an exemption already on one stays), and what became of each. */
function suppressed<T extends { readonly suppression?: LintItem['suppression'] }>(
  items: readonly T[],
  suppressions: readonly Suppression[],
  codeOf: (item: T) => string | undefined,
  addressOf: (item: T) => string,
): { rows: T[]; outcomes: SuppressionOutcome[] } {
  const applied = applySuppressions(
    items.map((item) => ({ code: codeOf(item), address: addressOf(item), suppression: item.suppression })),
    suppressions,
    today(),
  );
  return {
    rows: items.map((item, i) => {
      const suppression = applied.suppressions[i];
      return suppression === undefined ? item : { ...item, suppression };
    }),
    outcomes: applied.outcomes,
  };
}

/** The address a suppression names a row of check by: its workload, or for an `--image` row its policy. */
function addressOfRow(row: CheckRow): string {
  return row.workload === '(--image)' && row.policy !== undefined ? row.policy : row.workload;
}

/** The code a row of check is suppressed by: none for a row that is admitted. */
function codeOfCheckRow(row: CheckRow): string | undefined {
  return row.admitted ? undefined : codeOfRow(row);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
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
