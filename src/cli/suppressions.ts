/**
 * Suppressions with a reason (`--suppressions FILE`): a reviewed decision that one finding on one resource
 * does not fail the pipeline. A suppressed finding stays in every output, marked with its reason; a
 * suppression without a reason is an input error; one past its expiry date does not apply and is reported;
 * one that matches nothing is reported as stale. Exemptions written into cdktf metadata
 * (`RequireBinaryAuthorization.exempt`) are shown the same way.
 */
import { readFileSync } from 'fs';
import { InputError } from './input';
import { JsonTextError, parseJsonText } from './json-text';
import { parseYamlText, YamlTextError } from './yaml-text';
import { describeValue } from '../core/display';
import { FINDING_CODES, FindingCode } from '../core/findings';

/** One entry of a suppressions file. */
export interface Suppression {
  /** The finding code it suppresses. */
  readonly rule: FindingCode;
  /** The resource address it applies to; a trailing `*` matches every address that starts with the rest. */
  readonly resource: string;
  /** Why the finding is accepted: required. */
  readonly reason: string;
  /** The last day it applies (`YYYY-MM-DD`, UTC); none: it does not expire. */
  readonly expires?: string;
}

/** Why a finding does not count: a suppression of the file, or an exemption written into the configuration. */
export interface Suppressed {
  /** SARIF's kind: `external` (a suppressions file), `inSource` (cdktf metadata, in the input itself). */
  readonly kind: 'external' | 'inSource';
  /** The reason given. */
  readonly reason: string;
  /** The suppression's expiry date, if any. */
  readonly expires?: string;
}

/** What became of a suppression of the file. */
export interface SuppressionOutcome extends Suppression {
  /** `applied`: it suppressed at least one finding; `expired`: past its date, it did not apply; `stale`: it matched nothing. */
  readonly status: 'applied' | 'expired' | 'stale';
  /** How many findings it suppressed. */
  readonly matched: number;
}

const KEYS = ['rule', 'resource', 'reason', 'expires'];

/**
 * Reads a suppressions file: YAML or JSON, a list of `{rule, resource, reason, expires?}` (or an object whose
 * one key `suppressions` holds that list). Anything else, an unknown rule, an address with `*` elsewhere than
 * at its end, a missing or empty reason, or a date that is not `YYYY-MM-DD`, is an input error naming the file
 * and the entry.
 */
export function readSuppressions(path: string): Suppression[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      `--suppressions ${path}: cannot read: ${code === 'ENOENT' ? 'no such file' : ((e as Error).message ?? String(e))}`,
    );
  }
  let doc: unknown;
  try {
    doc = /^\s*[[{]/.test(text) ? parseJsonText(text) : parseYamlText(text);
  } catch (e) {
    if (e instanceof JsonTextError || e instanceof YamlTextError) {
      throw new InputError(`--suppressions ${path}: ${e.message}`);
    }
    throw e;
  }
  const where = `--suppressions ${path}`;
  const list =
    typeof doc === 'object' && doc !== null && !Array.isArray(doc) && Object.keys(doc).join() === 'suppressions'
      ? (doc as { suppressions: unknown }).suppressions
      : doc;
  if (!Array.isArray(list)) {
    throw new InputError(
      `${where}: must be a list of suppressions ({rule, resource, reason, expires?}), got: ${describeValue(list)}`,
    );
  }
  return list.map((entry, i) => readEntry(entry, `${where}: suppression ${i + 1}`));
}

function readEntry(entry: unknown, where: string): Suppression {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new InputError(
      `${where}: must be an object {rule, resource, reason, expires?}, got: ${describeValue(entry)}`,
    );
  }
  const values = entry as Record<string, unknown>;
  const unknown = Object.keys(values).find((k) => !KEYS.includes(k));
  if (unknown !== undefined) {
    throw new InputError(`${where}: unknown key ${JSON.stringify(unknown)}; a suppression has ${KEYS.join(', ')}`);
  }
  const { rule, resource, reason, expires } = values;
  if (typeof rule !== 'string' || !(FINDING_CODES as readonly string[]).includes(rule)) {
    throw new InputError(
      `${where}: rule must be a finding code (${FINDING_CODES.join(', ')}), got: ${describeValue(rule)}`,
    );
  }
  if (typeof resource !== 'string' || resource === '' || resource.slice(0, -1).includes('*')) {
    throw new InputError(
      `${where}: resource must be a resource address (a trailing * matches every address that starts with the rest), got: ${describeValue(resource)}`,
    );
  }
  if (typeof reason !== 'string' || reason.trim() === '') {
    throw new InputError(
      `${where} (rule ${rule}, resource ${resource}) has no reason; every suppression says why the finding is accepted (reason: …)`,
    );
  }
  if (expires !== undefined && (typeof expires !== 'string' || !isDate(expires))) {
    throw new InputError(`${where}: expires must be a date YYYY-MM-DD, got: ${describeValue(expires)}`);
  }
  return { rule: rule as FindingCode, resource, reason, ...(expires === undefined ? {} : { expires }) };
}

function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    return false;
  }
  const date = new Date(`${text}T00:00:00Z`);
  return !isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Today, as `YYYY-MM-DD` in UTC: a suppression applies through its `expires` day. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Whether a suppression's address pattern matches an address. */
function matches(pattern: string, address: string): boolean {
  return pattern.endsWith('*') ? address.startsWith(pattern.slice(0, -1)) : address === pattern;
}

/**
 * Applies the suppressions to findings (each with its code and address; one already suppressed, by an
 * exemption, keeps that): the first suppression that matches a finding suppresses it. Returns, for each
 * finding, why it does not count (if it does not), and what became of each suppression.
 *
 * @param date the day it is (`today()`): a suppression past its `expires` does not apply
 */
export function applySuppressions(
  findings: ReadonlyArray<{ readonly code?: string; readonly address: string; readonly suppression?: Suppressed }>,
  suppressions: readonly Suppression[],
  date: string,
): { suppressions: Array<Suppressed | undefined>; outcomes: SuppressionOutcome[] } {
  const live = suppressions.map((s) => s.expires === undefined || s.expires >= date);
  const matched = suppressions.map(() => 0);
  const result = findings.map((f) => {
    if (f.suppression !== undefined || f.code === undefined) {
      return f.suppression;
    }
    const i = suppressions.findIndex((s, n) => live[n] && s.rule === f.code && matches(s.resource, f.address));
    if (i < 0) {
      return undefined;
    }
    matched[i]++;
    const s = suppressions[i];
    return { kind: 'external' as const, reason: s.reason, ...(s.expires === undefined ? {} : { expires: s.expires }) };
  });
  const outcomes = suppressions.map((s, i): SuppressionOutcome => ({
    ...s,
    status: !live[i] ? 'expired' : matched[i] > 0 ? 'applied' : 'stale',
    matched: matched[i],
  }));
  return { suppressions: result, outcomes };
}

/** A line for each suppression that did not apply: expired (the findings it named count again) or stale. */
export function suppressionWarnings(outcomes: readonly SuppressionOutcome[]): string[] {
  return outcomes.flatMap((o) =>
    o.status === 'expired'
      ? [
          `warning: the suppression of ${o.rule} on ${o.resource} expired on ${o.expires}, so it does not apply; renew it (a new expires) or fix the finding`,
        ]
      : o.status === 'stale'
        ? [`warning: the suppression of ${o.rule} on ${o.resource} matches no finding (stale); remove it`]
        : [],
  );
}

/** How a suppressed finding is shown: `suppressed: REASON (by the suppressions file, until DATE)`. */
export function suppressedText(s: Suppressed): string {
  const by = s.kind === 'external' ? 'the suppressions file' : 'an exemption in the configuration';
  return `suppressed: ${s.reason} (by ${by}${s.expires === undefined ? '' : `, until ${s.expires}`})`;
}
