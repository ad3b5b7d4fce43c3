import { Token } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * The one shape of our synth-time errors: the construct path, the property, the value received and
 * what to do about it.
 */
export function invalidProp(where: IConstruct | string, property: string, value: unknown, problem: string): Error {
  const path = typeof where === 'string' ? where : where.node.path;
  const shown = Token.isUnresolved(value) ? '(a value known only at apply time)' : JSON.stringify(value);
  return new Error(`[${path}] invalid '${property}' ${shown}: ${problem}`);
}

/** The path a construct will have, for errors raised before it exists. */
export function childPath(scope: IConstruct, id: string): string {
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}

/**
 * Runs a literal check unless the value is an unresolved token (known only at apply time), and throws
 * `invalidProp` with the problem the check returns.
 */
export function checkLiteral(
  scope: IConstruct,
  property: string,
  value: string,
  check: (value: string) => string | undefined,
): void {
  if (Token.isUnresolved(value)) {
    return;
  }
  const problem = check(value);
  if (problem !== undefined) {
    throw invalidProp(scope, property, value, problem);
  }
}
