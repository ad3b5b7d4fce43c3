import { inFile, InputError, InputFile, readInputs } from './input';
import { codeSpan, markdownOf, markdownProse } from './markdown';
import { Colour, Line } from './output';
import { policiesFound, requireKnownProject, requireValidPolicy } from './policies';
import { table } from './table';
import { InputModel } from '../core/model';
import { policyResetsOf } from '../core/policy-reset';
import { q } from '../core/quoted';
import { Review, ReviewChange, reviewChange, ReviewInput } from '../core/review';
import { trustViewOf } from '../core/trust';

/** The review of a change, with where its two sides came from. */
export interface DiffResult extends Review {
  /** What the before side was read from. */
  readonly before: string;
  /** What the after side was read from. */
  readonly after: string;
  /** When neither side holds anything to compare: the line that says what was looked for (exit 0, not an error). */
  readonly nothing?: string;
}

/**
 * Reviews a change: `diff BEFORE AFTER` compares two inputs of any format the command reads (two
 * configurations, a live policy YAML against a synthesized stack, two plans' outcomes); `diff PLAN` compares
 * the two sides of one plan (each change's `before` and what it plans). Fail closed: a module call whose
 * resources cannot be seen, a policy that cannot be used as it stands, a plan change without its `before`,
 * are input errors, never "no change"; inputs that hold nothing to compare say so (`nothing`).
 */
export function diff(inputs: string[]): DiffResult {
  if (inputs.length === 1) {
    return diffPlan(inputs[0]);
  }
  const [before, after] = inputs.map((input) => sideOf(readInputs(input)));
  const nothing = nothingToCompare(before, after, inputs.join(' and '));
  return { before: inputs[0], after: inputs[1], ...withNothing(reviewChange(before, after), nothing) };
}

/** The two sides of one plan. */
function diffPlan(input: string): DiffResult {
  const files = readInputs(input);
  const [file] = files;
  const prior = file.model.prior;
  if (files.length !== 1 || prior === undefined) {
    throw new InputError(
      `${input}: diff with one input compares the two sides of a plan (terraform show -json PLANFILE), and this is not one; give two inputs: diff BEFORE AFTER`,
    );
  }
  if (prior.missing.length > 0) {
    throw new InputError(
      `${file.file}: ${prior.missing[0]} is not set, though the change is of a resource that exists, so what it was cannot be compared; show the plan again (terraform show -json PLANFILE)`,
    );
  }
  const beforeModel: InputModel = { format: 'plan', resources: prior.resources, deleted: [], hiddenModules: [] };
  // A resource the plan forgets (a removed block) stays as it is, only no longer managed.
  const forgotten = prior.resources.filter((r) => prior.actions.get(r.address)?.join() === 'forget');
  const afterModel: InputModel = { ...file.model, resources: [...file.model.resources, ...forgotten] };
  const [before, after] = [beforeModel, afterModel].map((model) =>
    sideOf([{ stack: file.stack, file: file.file, model }]),
  );
  const nothing = nothingToCompare(before, after, input);
  return {
    before: `${input} (before apply)`,
    after: `${input} (after apply)`,
    ...withNothing(reviewChange(before, after, prior.actions, policyResetsOf(file.model)), nothing),
  };
}

/**
 * Inputs that hold nothing to compare: the line that says what was looked for and not found (exit 0, as for
 * every command given a valid input with nothing of its kind), never a silent "no change".
 */
function nothingToCompare(before: ReviewInput[], after: ReviewInput[], inputs: string): string | undefined {
  const holds = ({ view }: ReviewInput) =>
    view.policies.length + view.workloads.length + view.attestors.length + view.grants.length + view.guardrails.length >
    0;
  return !before.some(holds) && !after.some(holds)
    ? `${inputs}: nothing to compare: no policy, attestor, grant on the chain of trust, Cloud Run guardrail or Cloud Run workload in either`
    : undefined;
}

function withNothing(review: Review, nothing: string | undefined): Review & { nothing?: string } {
  return nothing === undefined ? review : { ...review, notes: [nothing, ...review.notes], nothing };
}

/**
 * One side of the review: the trust chain of each file, with its stack (by which the review matches
 * workloads across sides, whatever the number of stacks on each). Checked as `check` checks: policies that cannot be used as they stand, and module
 * calls (whose resources cannot be seen), are input errors.
 */
function sideOf(files: InputFile[]): ReviewInput[] {
  const hidden = files.flatMap((f) => f.model.hiddenModules.map((m) => `${f.file}: ${m}`));
  if (hidden.length > 0) {
    throw new InputError(
      `${hidden[0]}: a module's resources cannot be read from the configuration that calls it, so what changes in it cannot be told; diff the plans instead (terraform show -json)`,
    );
  }
  policiesFound(files).forEach((p) => (requireValidPolicy(p), requireKnownProject(p)));
  return files.map(({ stack, file, model }) => ({ stack, view: inFile(file, () => trustViewOf(model)) }));
}

/** How many changes of each kind. */
function counts(review: Review): Record<'weakening' | 'strengthening' | 'neutral', number> {
  const count = (kind: string) => review.changes.filter((c) => c.kind === kind).length;
  return { weakening: count('weakening'), strengthening: count('strengthening'), neutral: count('neutral') };
}

/** The review for `--json`. */
export function diffJson(result: DiffResult): unknown {
  return {
    before: result.before,
    after: result.after,
    ...counts(result),
    changes: result.changes,
    notes: result.notes,
  };
}

/** How the table colours a kind of change. */
const KIND_COLOURS: Record<string, Colour> = { weakening: 'red', strengthening: 'green', neutral: 'cyan' };

/** The review as a table, a summary line and the notes. */
export function diffReport(result: DiffResult, colour = false): Line[] {
  if (result.nothing !== undefined) {
    return [result.nothing];
  }
  if (result.changes.length === 0) {
    return ['no change', ...result.notes.map((n) => `note: ${n}`)];
  }
  const rows = result.changes.map((c) => [c.kind, String(c.subject), String(c.what), String(c.reason)]);
  const n = counts(result);
  return [
    ...table(['KIND', 'SUBJECT', 'CHANGE', 'REASON'], rows, {
      colour,
      colourOf: (row, column) => (column === 0 ? KIND_COLOURS[row[0]] : undefined),
    }),
    '',
    `${n.weakening} weakening, ${n.strengthening} strengthening, ${n.neutral} neutral`,
    ...(n.weakening > 0
      ? ['this change lets in what was kept out before (or cannot tell until apply): review the weakening rows']
      : []),
    ...result.notes.map((note) => `note: ${note}`),
  ];
}

/**
 * The review as Markdown for a pull-request comment: a heading with the verdict, the counts, then one line
 * per change, weakening first. Every value read from an input is a code span (`markdownOf`).
 */
export function diffMarkdown(result: DiffResult): string[] {
  const n = counts(result);
  const verdict =
    result.changes.length === 0
      ? 'no change'
      : n.weakening > 0
        ? 'this change lets in what was kept out before'
        : 'nothing is let in that was kept out before';
  const lines = [
    `### Binary Authorization review: ${verdict}`,
    '',
    `${codeSpan(result.before)} → ${codeSpan(result.after)}`,
  ];
  if (result.changes.length > 0) {
    lines.push(
      '',
      '| weakening | strengthening | neutral |',
      '| ---: | ---: | ---: |',
      `| ${n.weakening} | ${n.strengthening} | ${n.neutral} |`,
      '',
      ...result.changes.map(changeLine),
    );
  }
  if (result.notes.length > 0) {
    lines.push('', ...result.notes.map((note) => `> ${markdownProse(`note: ${note}`)}`));
  }
  return lines;
}

const MARKS = { weakening: '🔴', strengthening: '🟢', neutral: '⚪' } as const;

function changeLine(change: ReviewChange): string {
  return `- ${MARKS[change.kind]} **${change.kind}** · ${markdownOf(q`${change.subject}: ${change.what}`)}: ${markdownOf(change.reason)}`;
}
