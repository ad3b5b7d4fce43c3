import { inFile, readInputs, selectStack } from './input';
import { placesOf } from './locate';
import { Colour, Line } from './output';
import { Suppressed, suppressedText } from './suppressions';
import { table } from './table';
import { hasCloudRunGuardrailIn, hasLintSubjectsIn, lintMissingGuardrailIn, lintModel } from '../core/lint';
import { Finding, Severity } from '../core/policy-findings';

/** A finding, with the stack and file it was found in. */
export interface LocatedFinding extends Finding {
  readonly stack: string;
  readonly file: string;
  /** The line of the resource in its file, when the format has lines. */
  readonly line?: number;
  /**
   * Why it does not count, when it does not: an `exempt` finding is the exemption written into cdktf metadata
   * (`RequireBinaryAuthorization.exempt`), a reviewed decision shown with its reason; a suppressions file adds others.
   */
  readonly suppression?: Suppressed;
}

/** What a lint looked at: how many stacks it linted, and the lines to say beside the findings. */
export interface LintScope {
  /** A line for each stack with nothing to lint, and what reading an input left out (`InputFile.notes`). */
  readonly notFound: string[];
  linted: number;
}

const SEVERITY_COLOURS: Record<Severity, Colour> = { error: 'red', warning: 'yellow', info: 'cyan' };

const ORDER = { error: 0, warning: 1, info: 2 };

/**
 * Lints every stack of the input; errors first. A value of the wrong type in a policy is an input
 * error; a Cloud Run resource whose setting has the wrong shape is an error finding. A stack with nothing
 * to lint is not an error: `scope.notFound` gets a line saying so, for each such stack (alone or beside others),
 * and `scope.linted` counts the others.
 */
export function lint(
  input: string,
  stack: string | undefined,
  scope: LintScope = { notFound: [], linted: 0 },
): LocatedFinding[] {
  const files = selectStack(readInputs(input), input, stack);
  for (const f of files) {
    scope.notFound.push(...(f.notes ?? []));
    if (hasLintSubjectsIn(f.model)) {
      scope.linted++;
    } else {
      scope.notFound.push(
        `${f.stack} (${f.file}): no google_binary_authorization_policy and no Cloud Run resource in it, so nothing to lint`,
      );
    }
  }
  const guarded = files.some((f) => inFile(f.file, () => hasCloudRunGuardrailIn(f.model)));
  const findings = files.flatMap(({ stack: name, file, model }) => {
    const places = placesOf(file, model);
    const exemptions = new Map(model.resources.map((r) => [r.address, r.exemption]));
    return inFile(file, () => [...lintModel(model), ...(guarded ? [] : lintMissingGuardrailIn(model))]).map(
      (f): LocatedFinding => {
        const place = places.get(f.address);
        const exemption = f.code === 'exempt' ? exemptions.get(f.address) : undefined;
        return {
          ...f,
          stack: name,
          file: place?.file ?? file,
          ...(place?.line === undefined ? {} : { line: place.line }),
          ...(exemption === undefined ? {} : { suppression: { kind: 'inSource', reason: exemption } }),
        };
      },
    );
  });
  // A stable sort: by severity, then in document order.
  return findings
    .map((f, i) => [f, i] as const)
    .sort((a, b) => ORDER[a[0].severity] - ORDER[b[0].severity] || a[1] - b[1])
    .map(([f]) => f);
}

/**
 * The findings as a table and a summary line, which counts the findings that count; each suppressed
 * finding stays in the table and has a "suppressed" line with its reason.
 */
export function lintReport(findings: LocatedFinding[], colour = false): Line[] {
  const count = (s: string) => findings.filter((f) => f.severity === s && f.suppression === undefined).length;
  const suppressed = findings.filter((f) => f.suppression !== undefined);
  const summary = `${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info${suppressed.length > 0 ? `, ${suppressed.length} suppressed` : ''}`;
  if (findings.length === 0) {
    return ['no findings'];
  }
  const rows = findings.map((f) => [f.severity, f.stack, f.address, f.code, f.message]);
  const colourOf = (row: string[], column: number): Colour | undefined =>
    column === 0 ? SEVERITY_COLOURS[row[0] as Severity] : undefined;
  return [
    ...table(['SEVERITY', 'STACK', 'RESOURCE', 'CODE', 'MESSAGE'], rows, { colour, colourOf }),
    '',
    summary,
    ...suppressed.map((f) => `${f.severity} ${f.code} ${f.address} (${f.stack}): ${suppressedText(f.suppression!)}`),
  ];
}
