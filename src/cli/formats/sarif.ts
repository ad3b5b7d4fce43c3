/**
 * SARIF 2.1.0 (OASIS), the format code scanning ingests (GitHub, GitLab, Azure DevOps): one run, the rules
 * described once in `tool.driver.rules`, one result per finding with its level, message and location: the
 * input file (a URI relative to the folder the command runs in) and the line of the resource, or, where the
 * input has no lines (a plan), the resource address as a logical location. Suppressed findings stay, with
 * `suppressions[{kind, justification}]`. Rendered from the same findings as every other format.
 */
import { relative, sep } from 'path';
import { pathToFileURL } from 'url';
import { RULE_TEXTS } from './rules';
import { Suppressed } from '../suppressions';

/** SARIF's levels. */
export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

/** One rule of the run. */
export interface SarifRule {
  readonly id: string;
  readonly description: string;
  readonly help: string;
}

/** One result: what it is about, where, and why it may not count. */
export interface SarifItem {
  readonly ruleId: string;
  readonly level: SarifLevel;
  readonly message: string;
  /** The input file it was found in, when there is one file (not a folder). */
  readonly file?: string;
  /** The 1-based line of the resource in the file. */
  readonly line?: number;
  /** The resource address (or what the result is about): a logical location. */
  readonly address?: string;
  readonly suppression?: Suppressed;
}

/** What the run says besides its results: a notification per line (a stale suppression, nothing found). */
export interface SarifRun {
  readonly items: readonly SarifItem[];
  /** The rules the results may cite: all of them are described, once. */
  readonly rules: readonly SarifRule[];
  /** Notes about the run, as tool execution notifications. */
  readonly notes?: ReadonlyArray<{ readonly level: 'warning' | 'note'; readonly message: string }>;
  /** The tool's version. */
  readonly version: string;
  /** Whether the run found what it needed (false: the exit code is 1). */
  readonly successful?: boolean;
}

/** The SARIF schema's address, for the `$schema` key. */
export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The rules of every finding code, as SARIF describes them. */
export function findingRules(): SarifRule[] {
  return Object.entries(RULE_TEXTS).map(([id, text]) => ({ id, description: text.description, help: text.help }));
}

/**
 * The SARIF log of one run, as a value (`JSON.stringify` it). Paths are written relative to `cwd`, against the
 * base id `%SRCROOT%` (`cwd` as a file URI), as code scanning expects paths relative to the checkout.
 */
export function sarifLog(run: SarifRun, cwd: string = process.cwd()): unknown {
  const ruleIndex = new Map(run.rules.map((r, i) => [r.id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cdktf-gcp-binauthz',
            version: run.version,
            informationUri: 'https://github.com/cdktf-gcp-binauthz/cdktf-gcp-binauthz#readme',
            rules: run.rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              fullDescription: { text: r.description },
              help: { text: r.help },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: directoryUri(cwd) } },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: (run.notes ?? []).map((n) => ({
              level: n.level,
              message: { text: n.message },
            })),
          },
        ],
        results: run.items.map((item) => {
          const index = ruleIndex.get(item.ruleId);
          return {
            ruleId: item.ruleId,
            ...(index === undefined ? {} : { ruleIndex: index }),
            level: item.level,
            message: { text: item.message },
            locations: [location(item, cwd)],
            ...(item.suppression === undefined
              ? {}
              : {
                  suppressions: [
                    {
                      kind: item.suppression.kind,
                      status: 'accepted',
                      justification: item.suppression.reason,
                    },
                  ],
                }),
          };
        }),
      },
    ],
  };
}

function location(item: SarifItem, cwd: string): unknown {
  const logical =
    item.address === undefined ? {} : { logicalLocations: [{ fullyQualifiedName: item.address, kind: 'resource' }] };
  if (item.file === undefined) {
    return logical;
  }
  return {
    physicalLocation: {
      artifactLocation: { uri: relativeUri(item.file, cwd), uriBaseId: '%SRCROOT%' },
      ...(item.line === undefined ? {} : { region: { startLine: item.line } }),
    },
    ...logical,
  };
}

/** A path as a URI reference relative to `cwd`: forward slashes, each segment percent-encoded. */
export function relativeUri(file: string, cwd: string): string {
  return relative(cwd, file)
    .split(sep)
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function directoryUri(dir: string): string {
  const url = pathToFileURL(dir).href;
  return url.endsWith('/') ? url : `${url}/`;
}
