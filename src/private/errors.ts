import {
  AnnotationMetadataEntryType,
  DefaultTokenResolver,
  StringConcat,
  TerraformStack,
  Token,
  Tokenization,
} from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { isPlainObject, keyMaterialOf, MAX_DEPTH } from '../core/key-material';
import { checkFreeText } from '../core/names';
import { escapeControlCharacters } from '../core/text';
import type { IValidationError } from '../validation-error';

/** Marks the validation errors of this library (`Symbol.for`, so that copies of the library agree). */
export const VALIDATION_ERROR = Symbol.for('cdktf-gcp-binauthz.ValidationError');

/** The one error type of the library's validations: an `Error` with the fields of `IValidationError`. */
class ValidationError extends Error implements IValidationError {
  constructor(
    public readonly constructPath: string,
    public readonly property: string,
    public readonly value: string,
    public readonly fix: string,
  ) {
    super(`[${constructPath}] invalid '${property}' ${value}: ${fix}`);
    this.name = 'ValidationError';
    Object.defineProperty(this, VALIDATION_ERROR, { value: true });
  }
}

/**
 * A value that a message must not quote (it may be key material): the description is shown instead.
 */
export class Undisclosed {
  /** @param description what the value is, without any of it, such as "a value of 1600 characters" */
  constructor(public readonly description: string) {}
}

/** Marks the list of the errors a construct reports at synth (`Symbol.for`, so that copies of the library agree). */
const REPORTED = Symbol.for('cdktf-gcp-binauthz.reportedErrors');
/** Marks a stack that reports the errors of the app's other stacks. */
const REPORTS_OTHER_STACKS = Symbol.for('cdktf-gcp-binauthz.reportedErrors.otherStacks');

/**
 * Reports an invalid value when the app is synthesized, instead of throwing: the call that received it
 * returns (and leaves the value out), so that one synth names every invalid value of every construct.
 *
 * Each construct gets one validation (`node.addValidation`), which cdktf runs at synth (`app.synth()`,
 * `Testing.synth(stack, true)`) and reports, for every construct of a stack, in one error; and each error is
 * an error annotation without a stack trace, so that an app with `skipValidation` still fails (cdktf stops
 * on error annotations, and the cdktf CLI prints them, one line each). cdktf writes the construct path in
 * front of each, so the message is given without its own. cdktf stops at the first stack whose validations
 * fail, so every stack of the app also reports the errors of the other stacks (each with its own path):
 * whichever stack fails first names every invalid value of the app.
 *
 * The rule of what is reported so and what is thrown at once is written in the README ("What the library
 * refuses").
 */
export function reportInvalid(scope: IConstruct, error: Error): void {
  const holder = scope as unknown as Record<symbol, Error[] | undefined>;
  let reported = holder[REPORTED];
  if (reported === undefined) {
    const list: Error[] = [];
    reported = list;
    Object.defineProperty(scope, REPORTED, { value: list });
    scope.node.addValidation({ validate: () => list.map((e) => withoutPath(scope, e)) });
  }
  reported.push(error);
  reportOtherStacksIn(scope.node.root);
  scope.node.addMetadata(AnnotationMetadataEntryType.ERROR, withoutPath(scope, error), { stackTrace: false });
}

/** The message of an error of `scope` without the `[path] ` that cdktf writes in front of it anyway. */
function withoutPath(scope: IConstruct, error: Error): string {
  const prefix = `[${scope.node.path}] `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/** The errors `reportInvalid` reported for `scope` and every construct in it, in construct order. */
export function reportedErrorsIn(scope: IConstruct): Error[] {
  return scope.node.findAll().flatMap(reportedErrorsOf);
}

function reportedErrorsOf(construct: IConstruct): Error[] {
  return (construct as unknown as Record<symbol, Error[] | undefined>)[REPORTED] ?? [];
}

/** Gives each stack of the app (once) a validation that returns the errors reported in its other stacks. */
function reportOtherStacksIn(root: IConstruct): void {
  for (const stack of root.node.findAll()) {
    if (!TerraformStack.isStack(stack) || (stack as unknown as Record<symbol, unknown>)[REPORTS_OTHER_STACKS]) {
      continue;
    }
    Object.defineProperty(stack, REPORTS_OTHER_STACKS, { value: true });
    stack.node.addValidation({
      validate: () =>
        root.node
          .findAll()
          .filter((c) => stackOf(c) !== stack)
          .flatMap(reportedErrorsOf)
          .map((e) => `${e.message} (in another stack)`),
    });
  }
}

/** The nearest stack that holds a construct, if any. */
function stackOf(construct: IConstruct): IConstruct | undefined {
  return [...construct.node.scopes].reverse().find((scope) => TerraformStack.isStack(scope));
}

/**
 * `checkLiteral` for a construct that can go on without the value: a literal that fails `check` is reported
 * at synth (`reportInvalid`) instead of thrown. A value that is not a string still throws.
 *
 * @returns whether the value may be used: true for a valid literal and for a token (checked by Terraform)
 */
export function checkLiteralAtSynth(
  scope: IConstruct,
  property: string,
  value: string,
  check: (value: string) => string | undefined,
): boolean {
  requireString(scope, property, value);
  if (Token.isUnresolved(value)) {
    return true;
  }
  const problem = check(value);
  if (problem !== undefined) {
    reportInvalid(scope, invalidProp(scope, property, value, problem));
    return false;
  }
  return true;
}

/**
 * The one formatter of our errors: the construct path (or the helper, before there is a construct), the
 * property, the value received and what to do about it.
 */
export function invalidProp(where: IConstruct | string, property: string, value: unknown, problem: string): Error {
  const scope = typeof where === 'string' ? undefined : where;
  const secret = keyMaterialIn(value) !== undefined;
  return new ValidationError(
    scope?.node.path ?? (where as string),
    property,
    describeValue(value, scope),
    secret ? withoutPartsOf(value, problem) : problem,
  );
}

/**
 * A problem without the quotes it makes of a value that holds key material (a parser says
 * `"MIGkAgEB…" is not a registry`): each is replaced by `"…"`; a problem that still holds key material is
 * replaced by one that says only that the value is not valid here.
 */
function withoutPartsOf(value: unknown, problem: string): string {
  const texts = stringsIn(value);
  const scrubbed = problem.replace(/"((?:[^"\\]|\\.)*)"/g, (quoted, inner: string) => {
    let text = inner;
    try {
      text = JSON.parse(quoted) as string;
    } catch {
      // not JSON-quoted: compared as it is
    }
    return text.length >= 6 && texts.some((t) => t.includes(text)) ? '"…"' : quoted;
  });
  return keyMaterialIn(scrubbed) === undefined && !texts.some((t) => scrubbed.includes(t))
    ? scrubbed
    : 'this value is not valid here (what is wrong would quote it, and it may be key material)';
}

/** The strings in a value, in arrays and plain objects. */
function stringsIn(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') {
    return [value];
  }
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) {
    return [];
  }
  try {
    const entries = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : [];
    return entries.flatMap((entry) => stringsIn(entry, depth + 1));
  } catch {
    return [];
  }
}

/**
 * The message of an error raised elsewhere, as a `problem` for `invalidProp`: the core's parsers throw
 * plain errors that say what the value must look like.
 */
function problemOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Parses a value with one of the core's parsers (which throw what is wrong), turning its error into
 * `invalidProp`: the one place that catches and rethrows.
 */
export function parseProp<T>(
  where: IConstruct | string,
  property: string,
  value: string,
  parse: (value: string) => T,
): T {
  try {
    return parse(value);
  } catch (e) {
    throw invalidProp(where, property, value, problemOf(e));
  }
}

/** A core parser used as a check: `undefined` when it parses, what is wrong otherwise. */
export function parses(parse: (value: string) => unknown): (value: string) => string | undefined {
  return (value) => {
    try {
      parse(value);
      return undefined;
    } catch (e) {
      return problemOf(e);
    }
  };
}

/**
 * The path a construct will have, for errors raised before it exists. Refuses a scope that is not a
 * construct (from a caller without types), naming `id`.
 */
export function childPath(scope: IConstruct, id: string): string {
  if (!Construct.isConstruct(scope)) {
    throw invalidProp(
      typeof id === 'string' ? id : '(no id)',
      'scope',
      scope,
      'expected a construct to define it in, such as the stack',
    );
  }
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}

/** The longest string a message quotes in full. */
const MAX_SHOWN = 200;

/**
 * A value as a message shows it: strings quoted (long ones shortened, control characters escaped),
 * values known only at apply time as the Terraform expression they stand for (when a scope to resolve
 * them in is given), absent values as "(not set)", and objects by their kind. Never throws.
 */
export function describeValue(value: unknown, scope?: IConstruct): string {
  if (value instanceof Undisclosed) {
    return `(${value.description})`;
  }
  const secret = keyMaterialIn(value);
  if (secret !== undefined) {
    return `(${describeKind(value)} holding ${secret}, not shown)`;
  }
  if (value === undefined) {
    return '(not set)';
  }
  if (Token.isUnresolved(value)) {
    const expression = scope ? terraformExpression(scope, value) : undefined;
    if (expression === undefined) {
      return '(a value known only at apply time)';
    }
    return expression.includes('${')
      ? `(known only at apply time: ${quote(expression)})`
      : `(a token that stands for ${quote(expression)})`;
  }
  if (typeof value === 'string') {
    return quote(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return String(value);
  }
  if (typeof value === 'function') {
    return '(a function)';
  }
  if (typeof value !== 'object') {
    return `(a ${typeof value})`;
  }
  if (!Array.isArray(value) && !isPlainObject(value)) {
    return `(${describeKind(value)})`; // never the state of an instance, which may hold anything
  }
  try {
    const json = JSON.stringify(value);
    if (json !== undefined && json.length <= MAX_SHOWN) {
      return escapeControlCharacters(json);
    }
  } catch {
    // circular or otherwise not JSON: described by its kind below
  }
  return `(${describeKind(value)})`;
}

/** What a value is, without any of its content: "a string of 12 characters", "an object of class X". */
export function describeKind(value: unknown): string {
  if (typeof value === 'string') {
    return `a string of ${value.length} characters`;
  }
  if (Array.isArray(value)) {
    return `an array of ${value.length}`;
  }
  if (typeof value === 'object' && value !== null) {
    return `an object of class ${classNameOf(value)}`;
  }
  return value === null ? 'null' : `a ${typeof value}`;
}

/**
 * What key material `value` holds, wherever it is (see `keyMaterialOf`); a token is not looked into.
 */
export function keyMaterialIn(value: unknown): string | undefined {
  return keyMaterialOf(value, (v) => Token.isUnresolved(v));
}

/**
 * The Terraform expression a token stands for, such as `${var.project}`, for messages and comparisons;
 * `undefined` when it cannot be resolved. Resolves without preparing, so no cross-stack reference is
 * created as a side effect.
 */
export function terraformExpression(scope: IConstruct, value: unknown): string | undefined {
  try {
    const resolved = Tokenization.resolve(value, {
      scope,
      resolver: new DefaultTokenResolver(new StringConcat()),
      preparing: false,
    });
    return typeof resolved === 'string' ? resolved : JSON.stringify(resolved);
  } catch {
    return undefined;
  }
}

function quote(text: string): string {
  const shown = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}… (${text.length} characters)` : text;
  return escapeControlCharacters(JSON.stringify(shown));
}

function classNameOf(value: object): string {
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? name : 'Object';
}

/**
 * Runs a literal check unless the value is an unresolved token (known only at apply time), and throws
 * `invalidProp` with the problem the check returns. A value that is not a string at all (from a caller
 * without type checking) is refused first.
 */
export function checkLiteral(
  scope: IConstruct | string,
  property: string,
  value: string,
  check: (value: string) => string | undefined,
): void {
  checkKnown(scope, property, value, check, (v) => v);
}

/**
 * `checkLiteral` for values that may be key material: the error never quotes the value (a private key
 * pasted by mistake, with or without its PEM lines, must not reach logs), only its size.
 */
export function checkSecretLiteral(
  scope: IConstruct | string,
  property: string,
  value: string,
  check: (value: string) => string | undefined,
): void {
  checkKnown(
    scope,
    property,
    value,
    check,
    (v) => new Undisclosed(`a value of ${v.length} characters, not shown: it may be key material`),
  );
}

/** `checkLiteral`, showing the value in the error as `shown` makes it. */
function checkKnown(
  scope: IConstruct | string,
  property: string,
  value: unknown,
  check: (value: string) => string | undefined,
  shown: (value: string) => unknown,
): void {
  requireString(scope, property, value);
  if (Token.isUnresolved(value)) {
    return;
  }
  const problem = check(value);
  if (problem !== undefined) {
    throw invalidProp(scope, property, shown(value), problem);
  }
}

/**
 * Refuses free text (a description) that is not a string or `undefined`, or whose literal parts hold what
 * Terraform would evaluate (`${…}`, `%{…}`); the tokens in it are left to Terraform, as they should be.
 */
export function checkOptionalFreeText(where: IConstruct | string, property: string, value: unknown): void {
  requireOptionalString(where, property, value);
  const problem = freeTextProblem(value);
  if (problem !== undefined) {
    throw invalidProp(where, property, value, problem);
  }
}

/**
 * `checkOptionalFreeText` for a construct that can go on without the text: a problem is reported at synth
 * (`reportInvalid`) instead of thrown. A value that is not a string or `undefined` still throws.
 *
 * @returns whether the text may be used
 */
export function checkOptionalFreeTextAtSynth(scope: IConstruct, property: string, value: unknown): boolean {
  requireOptionalString(scope, property, value);
  const problem = freeTextProblem(value);
  if (problem !== undefined) {
    reportInvalid(scope, invalidProp(scope, property, value, problem));
    return false;
  }
  return true;
}

/** What is wrong with free text, in its literal parts (a token's own parts are left to Terraform). */
function freeTextProblem(value: string | undefined): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  const literals = Token.isUnresolved(value) ? Tokenization.reverseString(value).literals.map(String) : [value];
  return literals.map(checkFreeText).find((p) => p !== undefined);
}

/**
 * Refuses anything but a written text, such as a reason or a justification: a string with more than
 * white space in it.
 *
 * @param example what such a text looks like, for the message
 */
export function requireText(where: IConstruct | string, property: string, value: unknown, example: string): void {
  requireString(where, property, value);
  if (value.trim() === '') {
    throw invalidProp(where, property, value, example);
  }
}

/*
 * Argument checks at run time: a JavaScript caller (or a binding in another language that passes null)
 * gets the same clear errors as a TypeScript caller, never a TypeError from deep inside, and never a
 * value written through unchecked.
 */

/** Refuses anything but a string (a token string is a string). */
export function requireString(where: IConstruct | string, property: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') {
    throw invalidProp(where, property, value, 'expected a string');
  }
}

/** Refuses anything but a string or `undefined`. */
export function requireOptionalString(
  where: IConstruct | string,
  property: string,
  value: unknown,
): asserts value is string | undefined {
  if (value !== undefined) {
    requireString(where, property, value);
  }
}

/** Refuses anything but `true`, `false` or `undefined`. */
export function requireOptionalBoolean(
  where: IConstruct | string,
  property: string,
  value: unknown,
): asserts value is boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') {
    throw invalidProp(where, property, value, 'expected true or false');
  }
}

/** Refuses anything but an object (a props or options struct). */
export function requireObject(where: IConstruct | string, property: string, value: unknown): asserts value is object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidProp(where, property, value, 'expected an object with the properties documented for it');
  }
}

/** Refuses anything but an array. */
export function requireArray(where: IConstruct | string, property: string, value: unknown): asserts value is unknown[] {
  if (!Array.isArray(value)) {
    throw invalidProp(where, property, value, 'expected an array');
  }
}

/**
 * Refuses anything but a value of a string enum, such as `EnforcementMode.DRYRUN_AUDIT_LOG_ONLY`.
 *
 * @param enumName the enum's name, for the message
 * @param values the enum object
 */
export function requireEnum(
  where: IConstruct | string,
  property: string,
  value: unknown,
  enumName: string,
  values: Record<string, string>,
): void {
  if (typeof value !== 'string' || !Object.values(values).includes(value)) {
    const names = Object.keys(values)
      .map((k) => `${enumName}.${k}`)
      .join(', ');
    throw invalidProp(where, property, value, `expected one of ${names}`);
  }
}

/** Like `requireEnum`, for an optional value: `undefined` passes. */
export function requireOptionalEnum(...args: Parameters<typeof requireEnum>): void {
  if (args[2] !== undefined) {
    requireEnum(...args);
  }
}
