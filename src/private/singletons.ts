import { TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { invalidProp, terraformExpression } from './errors';
import { sameExpression } from '../core/policy';

/** What a construct claimed with `claimSingleton`. */
interface Claim {
  /** The literal value, or the Terraform expression a token stands for (`${var.project}`). */
  readonly key: string;
  /** Whether the value is known only at apply time. */
  readonly unknown: boolean;
  readonly stack: TerraformStack;
}

/**
 * Claims `value` (a project, an organization policy parent) for a construct of which each value may have
 * only one, such as a project's policy; throws `invalidProp` for `property` when a construct of the same
 * `kind` already claimed the same value in the app.
 *
 * Values are compared by what they resolve to, not by their token strings: two reads of one Terraform
 * variable are different strings that stand for the same `${var.project}`. A literal is the same value
 * anywhere in the app; an expression is the same value only within one stack (`var.project` of two
 * stacks are two variables).
 *
 * @param kind a `Symbol.for(…)` naming the kind, so that copies of this library in one app agree
 * @param problem the error's problem, given the path of the construct that claimed the value first
 */
export function claimSingleton(
  construct: IConstruct,
  kind: symbol,
  property: string,
  value: string,
  problem: (otherPath: string) => string,
): void {
  const unknown = Token.isUnresolved(value);
  const claim: Claim = {
    key: unknown ? (terraformExpression(construct, value) ?? value) : value,
    unknown,
    stack: TerraformStack.of(construct),
  };
  const other = construct.node.root.node.findAll().find((c) => {
    const theirs = claimOf(c, kind);
    return (
      c !== construct &&
      theirs !== undefined &&
      theirs.key === claim.key &&
      theirs.unknown === claim.unknown &&
      (!unknown || theirs.stack === claim.stack)
    );
  });
  if (other !== undefined) {
    throw invalidProp(construct, property, value, problem(other.node.path));
  }
  Object.defineProperty(construct, kind, { value: claim, configurable: true });
}

function claimOf(construct: IConstruct, kind: symbol): Claim | undefined {
  return (construct as unknown as Record<symbol, Claim | undefined>)[kind];
}

/**
 * Whether two values are the same: literals by their text; values known only at apply time are the same
 * when they stand for the same Terraform expression (two reads of one variable), and otherwise unknown
 * (`undefined`), as is a literal compared with such a value. An expression that references a value of one
 * instance (`${each.key}`) is never the same across two resources (`sameExpression`): unknown.
 */
export function sameValue(scope: IConstruct, a: string, b: string): boolean | undefined {
  if (!Token.isUnresolved(a) && !Token.isUnresolved(b)) {
    return a === b;
  }
  const expression = (value: string) => (Token.isUnresolved(value) ? terraformExpression(scope, value) : undefined);
  const [ea, eb] = [expression(a), expression(b)];
  return ea !== undefined && eb !== undefined && sameExpression(ea, eb) ? true : undefined;
}
