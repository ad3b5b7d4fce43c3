/**
 * The one exit-code contract of every command, written once: the usage text prints it, the README's table
 * says the same (a test compares them), and each command returns one of these.
 */

/** Clean: nothing found that fails the run (or a valid input with nothing of the command's kind, said in one line). */
export const CLEAN = 0;
/** Findings: a workload or image not admitted (check), findings at the `--fail-on` threshold (lint), a weakening (diff), values refused (import). */
export const FINDINGS = 1;
/** An input error: usage, input that cannot be read or fully understood (one line names it), output that cannot be written, or a bug. */
export const INPUT_ERROR = 2;

/** The contract, as the usage prints it. */
export const EXIT_CODE_LINES: readonly string[] = [
  `  ${CLEAN}  clean: every workload and image admitted or suppressed (check), no finding at the --fail-on`,
  '     threshold that no suppression covers (lint), nothing weakened (diff), nothing refused (import);',
  '     also a valid input that holds nothing of the kind the command looks at (one line says what was',
  '     looked for: no workload for check, no policy or Cloud Run for lint, no policy for summary,',
  '     nothing to compare or draw for diff and graph)',
  `  ${FINDINGS}  findings: a workload or an image not admitted (check; also no workload at all with`,
  '     --require-workloads), findings at the threshold (lint), a change that weakens (diff), values the',
  '     library refuses (import); --fail-on never reports without failing',
  `  ${INPUT_ERROR}  a usage error; input that cannot be read or fully understood (one line names it: never a`,
  '     pass), a suppression without a reason; output that cannot be written; or an internal error (a bug:',
  '     please report it)',
];
