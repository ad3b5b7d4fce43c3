import { inFile, InputError, readInputs, selectStack } from './input';
import { Colour, Line } from './output';
import { table } from './table';
import { hasCloudRunGuardrailIn, hasLintSubjectsIn, lintMissingGuardrailIn, lintModel } from '../core/lint';
import { Finding, Severity } from '../core/policy-findings';

/** A finding, with the stack and file it was found in. */
export interface LocatedFinding extends Finding {
  readonly stack: string;
  readonly file: string;
}

const SEVERITY_COLOURS: Record<Severity, Colour> = { error: 'red', warning: 'yellow', info: 'cyan' };

const ORDER = { error: 0, warning: 1, info: 2 };

/**
 * Lints every stack of the input; errors first. A value of the wrong type in a policy is an input
 * error; a Cloud Run resource whose setting has the wrong shape is an error finding.
 */
export function lint(input: string, stack: string | undefined): LocatedFinding[] {
  const files = selectStack(readInputs(input), input, stack);
  if (!files.some((f) => hasLintSubjectsIn(f.model))) {
    throw new InputError(
      `${input}: no google_binary_authorization_policy and no Cloud Run resource in ${files.map((f) => f.file).join(', ')}`,
    );
  }
  const guarded = files.some((f) => inFile(f.file, () => hasCloudRunGuardrailIn(f.model)));
  const findings = files.flatMap(({ stack: name, file, model }) =>
    inFile(file, () => [...lintModel(model), ...(guarded ? [] : lintMissingGuardrailIn(model))]).map((f) => ({
      ...f,
      stack: name,
      file,
    })),
  );
  // A stable sort: by severity, then in document order.
  return findings
    .map((f, i) => [f, i] as const)
    .sort((a, b) => ORDER[a[0].severity] - ORDER[b[0].severity] || a[1] - b[1])
    .map(([f]) => f);
}

/** The findings as a table and a summary line. */
export function lintReport(findings: LocatedFinding[], colour = false): Line[] {
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const summary = `${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} info`;
  if (findings.length === 0) {
    return ['no findings'];
  }
  const rows = findings.map((f) => [f.severity, f.stack, f.address, f.code, f.message]);
  const colourOf = (row: string[], column: number): Colour | undefined =>
    column === 0 ? SEVERITY_COLOURS[row[0] as Severity] : undefined;
  return [...table(['SEVERITY', 'STACK', 'RESOURCE', 'CODE', 'MESSAGE'], rows, { colour, colourOf }), '', summary];
}
