/**
 * The reports of `check`, `lint` and `diff` in the formats CI systems read, each rendered from the same rows,
 * findings or changes as the table: one JSON shape per command (`schemas/<command>.schema.json`), SARIF for
 * code scanning, JUnit for test reports; and what decides the exit code (`--fail-on`, suppressions).
 */
import { junitXml, JunitCase, JunitSuite } from './junit';
import { codeOfRow } from './rules';
import { findingRules, sarifLog, SarifItem, SarifLevel } from './sarif';
import { Severity } from '../../core/policy-findings';
import { WorkloadResult } from '../check';
import { DiffResult } from '../diff';
import { LocatedFinding } from '../lint';
import { Suppressed, suppressedText, SuppressionOutcome, suppressionWarnings } from '../suppressions';

/** The formats of each command that reports; the first is the default. */
export const FORMATS = {
  check: ['table', 'json', 'sarif', 'junit'],
  lint: ['table', 'json', 'sarif', 'junit'],
  diff: ['table', 'json', 'markdown', 'sarif'],
} as const;

/** A format of a command. */
export type Format = 'table' | 'json' | 'markdown' | 'sarif' | 'junit';

/** The thresholds of `--fail-on`: the least severity that fails the run (`never`: none). */
export const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;
/** A threshold. */
export type FailOn = (typeof FAIL_ON)[number];

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const THRESHOLD: Record<FailOn, number> = { error: 0, warning: 1, info: 2, never: -1 };

/** A row of `check`, with why it does not count when it does not. */
export interface CheckRow extends WorkloadResult {
  readonly suppression?: Suppressed;
}

/** A finding of `lint`, with why it does not count when it does not. */
export interface LintItem extends LocatedFinding {
  readonly suppression?: Suppressed;
}

/** Whether a row of `check` fails the run: not admitted, and not suppressed. */
export function rowFails(row: CheckRow): boolean {
  return !row.admitted && row.suppression === undefined;
}

/** Whether a lint finding fails the run at a threshold: as severe as it, and not suppressed. */
export function findingFails(finding: LintItem, failOn: FailOn): boolean {
  return finding.suppression === undefined && RANK[finding.severity] <= THRESHOLD[failOn];
}

/** Whether the warnings about suppressions (stale, expired) fail a lint at a threshold. */
export function suppressionWarningsFail(outcomes: readonly SuppressionOutcome[], failOn: FailOn): boolean {
  return THRESHOLD[failOn] >= RANK.warning && outcomes.some((o) => o.status !== 'applied');
}

/** The lines a table adds for suppressed rows or findings, and for suppressions that did not apply. */
export function suppressionLines(
  suppressed: ReadonlyArray<{ readonly what: string; readonly suppression: Suppressed }>,
  outcomes: readonly SuppressionOutcome[],
): string[] {
  return [...suppressed.map((s) => `${s.what}: ${suppressedText(s.suppression)}`), ...suppressionWarnings(outcomes)];
}

// --- check

/** `check --json`: one shape, with or without `--image`. */
export function checkJson(
  rows: readonly CheckRow[],
  outcomes: readonly SuppressionOutcome[],
  notes: string[],
): unknown {
  return {
    admitted: rows.every((r) => r.admitted),
    exempt: rows.filter((r) => r.exempt).length,
    suppressed: rows.filter((r) => !r.admitted && r.suppression !== undefined).length,
    results: rows,
    suppressions: outcomes,
    notes,
  };
}

/** What a row is, in words: its workload and container, or its image and policy. */
function rowName(row: CheckRow): string {
  return row.workload === '(--image)'
    ? `${row.image} by ${row.policy}`
    : `${row.workload}${row.container === '-' ? '' : ` ${row.container}`}`;
}

/** `check --format sarif`: one result per row that is not admitted, or admitted only by an exemption. */
export function checkSarif(
  rows: readonly CheckRow[],
  outcomes: readonly SuppressionOutcome[],
  notes: string[],
  version: string,
): unknown {
  const items = rows.flatMap((row): SarifItem[] => {
    const code = codeOfRow(row);
    if (code === undefined) {
      return [];
    }
    return [
      {
        ruleId: code,
        level: 'error',
        message: `${rowName(row)}: ${row.decision}: ${row.reason}`,
        file: row.file,
        line: row.line,
        address: row.workload === '(--image)' ? row.policy : row.workload,
        suppression: row.suppression,
      },
    ];
  });
  return sarifLog({ items, rules: findingRules(), notes: sarifNotes(outcomes, notes), version });
}

/** `check --format junit`: a suite per stack, a case per row. */
export function checkJunit(
  rows: readonly CheckRow[],
  outcomes: readonly SuppressionOutcome[],
  notes: string[],
): string[] {
  const cases = (stack: string) =>
    rows
      .filter((r) => r.stack === stack)
      .map((row): JunitCase => ({
        name: `${rowName(row)}${row.policy === undefined || row.workload === '(--image)' ? '' : ` (${row.policy})`}`,
        classname: `${row.stack}.${row.workload}`,
        ...(rowFails(row)
          ? { failure: { message: `${row.decision}: ${row.reason}`, type: row.decision, detail: row.reason } }
          : row.suppression !== undefined // suppressed, or admitted only by an exemption
            ? { skipped: suppressedText(row.suppression) }
            : { output: `${row.decision}: ${row.reason}` }),
      }));
  return junitXml('cdktf-gcp-binauthz check', suitesOf(rows, cases, outcomes, notes));
}

// --- lint

/** `lint --json`: the counts of findings that count, and every finding. */
export function lintJson(
  findings: readonly LintItem[],
  outcomes: readonly SuppressionOutcome[],
  notes: string[],
): unknown {
  const count = (s: Severity) => findings.filter((f) => f.severity === s && f.suppression === undefined).length;
  return {
    errors: count('error'),
    warnings: count('warning'),
    info: count('info'),
    suppressed: findings.filter((f) => f.suppression !== undefined).length,
    findings,
    suppressions: outcomes,
    notes,
  };
}

const LEVELS: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/** `lint --format sarif`: one result per finding. */
export function lintSarif(
  findings: readonly LintItem[],
  outcomes: readonly SuppressionOutcome[],
  notes: string[],
  version: string,
): unknown {
  const items = findings.map((f): SarifItem => ({
    ruleId: f.code,
    level: LEVELS[f.severity],
    message: f.message,
    file: f.file,
    line: f.line,
    address: f.address,
    suppression: f.suppression,
  }));
  return sarifLog({ items, rules: findingRules(), notes: sarifNotes(outcomes, notes), version });
}

/** `lint --format junit`: a suite per stack, a case per finding; a failure for each that fails the run. */
export function lintJunit(
  findings: readonly LintItem[],
  outcomes: readonly SuppressionOutcome[],
  notes: string[],
  failOn: FailOn,
): string[] {
  const cases = (stack: string) =>
    findings
      .filter((f) => f.stack === stack)
      .map((f): JunitCase => ({
        name: `${f.code} ${f.address}`,
        classname: `${f.stack}.${f.address}`,
        ...(findingFails(f, failOn)
          ? { failure: { message: `${f.severity}: ${f.message}`, type: f.severity, detail: f.message } }
          : f.suppression !== undefined
            ? { skipped: suppressedText(f.suppression) }
            : { output: `${f.severity}: ${f.message}` }),
      }));
  return junitXml('cdktf-gcp-binauthz lint', suitesOf(findings, cases, outcomes, notes));
}

// --- diff

const KIND_LEVELS: Record<string, SarifLevel> = { weakening: 'error', strengthening: 'note', neutral: 'note' };

/** The rules of `diff`: a change is weakening, strengthening or neutral. */
const DIFF_RULES = [
  {
    id: 'weakening',
    description: 'A change that lets in what was kept out before, checks less, or cannot be judged until apply.',
    help: 'Review the change: each weakening row says what more is admitted (an example image where there is one).',
  },
  {
    id: 'strengthening',
    description: 'A change that keeps out what was let in before, or checks more.',
    help: 'Nothing to do: it is reported so that the review is complete.',
  },
  {
    id: 'neutral',
    description: 'A change that does not change what is admitted.',
    help: 'Nothing to do: it is reported so that the review is complete.',
  },
];

/**
 * `diff --format sarif`: one result per change, at the after side when it is one file (a folder has no line
 * to point at), with the subject as a logical location.
 */
export function diffSarif(result: DiffResult, afterFile: string | undefined, version: string): unknown {
  const items = result.changes.map((c): SarifItem => ({
    ruleId: c.kind,
    level: KIND_LEVELS[c.kind],
    message: `${String(c.subject)}: ${String(c.what)}: ${String(c.reason)}`,
    file: afterFile,
    address: String(c.subject),
  }));
  return sarifLog({
    items,
    rules: DIFF_RULES,
    notes: result.notes.map((n) => ({ level: 'note' as const, message: n })),
    version,
  });
}

// --- shared

function sarifNotes(
  outcomes: readonly SuppressionOutcome[],
  notes: string[],
): Array<{ level: 'warning' | 'note'; message: string }> {
  return [
    ...suppressionWarnings(outcomes).map((message) => ({ level: 'warning' as const, message })),
    ...notes.map((message) => ({ level: 'note' as const, message })),
  ];
}

/** One suite per stack (in order of first appearance), the notes and suppression warnings in the first. */
function suitesOf(
  items: ReadonlyArray<{ readonly stack: string }>,
  cases: (stack: string) => JunitCase[],
  outcomes: readonly SuppressionOutcome[],
  notes: string[],
): JunitSuite[] {
  const stacks = [...new Set(items.map((i) => i.stack))];
  const output = [...suppressionWarnings(outcomes), ...notes];
  const suites: JunitSuite[] = stacks.map((stack) => ({ name: stack, cases: cases(stack) }));
  if (suites.length === 0) {
    return [{ name: 'cdktf-gcp-binauthz', cases: [], output }];
  }
  return [{ ...suites[0], output }, ...suites.slice(1)];
}
