/**
 * JUnit XML, the test report Jenkins, GitLab and CircleCI show: one test suite per stack, one test case
 * per row of `check` or finding of `lint`; a case that fails the run has a `<failure>`, a suppressed one is
 * `<skipped>` with its reason, the others pass. Counts are per suite and in total. Every value is escaped
 * for XML: control characters as visible escapes (`escapeControlCharacters`), then the five markup
 * characters; characters XML 1.0 cannot hold at all are written as `\uXXXX`.
 */
import { escapeControlCharacters } from '../../core/text';

/** One test case. */
export interface JunitCase {
  readonly name: string;
  readonly classname: string;
  /** Why it fails, when it does: a short message and the detail. */
  readonly failure?: { readonly message: string; readonly type: string; readonly detail: string };
  /** Why it is skipped (a suppressed finding), when it is. */
  readonly skipped?: string;
  /** What it says when it passes. */
  readonly output?: string;
}

/** One test suite. */
export interface JunitSuite {
  readonly name: string;
  readonly cases: readonly JunitCase[];
  /** Lines about the suite as a whole (nothing found, a stale suppression). */
  readonly output?: readonly string[];
}

/** The report as lines of XML. */
export function junitXml(name: string, suites: readonly JunitSuite[]): string[] {
  const count = (cases: readonly JunitCase[]) => ({
    tests: cases.length,
    failures: cases.filter((c) => c.failure !== undefined).length,
    skipped: cases.filter((c) => c.failure === undefined && c.skipped !== undefined).length,
  });
  const all = count(suites.flatMap((s) => s.cases));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name=${attr(name)} tests="${all.tests}" failures="${all.failures}" errors="0" skipped="${all.skipped}">`,
  ];
  for (const suite of suites) {
    const n = count(suite.cases);
    lines.push(
      `  <testsuite name=${attr(suite.name)} tests="${n.tests}" failures="${n.failures}" errors="0" skipped="${n.skipped}">`,
    );
    for (const c of suite.cases) {
      const open = `    <testcase name=${attr(c.name)} classname=${attr(c.classname)}`;
      if (c.failure !== undefined) {
        lines.push(
          `${open}>`,
          `      <failure message=${attr(c.failure.message)} type=${attr(c.failure.type)}>${text(c.failure.detail)}</failure>`,
          '    </testcase>',
        );
      } else if (c.skipped !== undefined) {
        lines.push(`${open}>`, `      <skipped message=${attr(c.skipped)}/>`, '    </testcase>');
      } else if (c.output !== undefined) {
        lines.push(`${open}>`, `      <system-out>${text(c.output)}</system-out>`, '    </testcase>');
      } else {
        lines.push(`${open}/>`);
      }
    }
    if (suite.output !== undefined && suite.output.length > 0) {
      lines.push(`    <system-out>${suite.output.map(text).join('&#10;')}</system-out>`);
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines;
}

/** Text as XML character data: on one line, the markup characters escaped. */
export function text(value: string): string {
  return escapeControlCharacters(value)
    .replace(/[\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A value as an XML attribute, quoted. */
export function attr(value: string): string {
  return `"${text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;')}"`;
}
