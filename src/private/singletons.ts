import { TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { terraformExpression } from './errors';

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
 * only one, such as a project's policy: returns the construct of the same `kind` that already claimed
 * the same value in the app, if any.
 *
 * Values are compared by what they resolve to, not by their token strings: two reads of one Terraform
 * variable are different strings that stand for the same `${var.project}`. A literal is the same value
 * anywhere in the app; an expression is the same value only within one stack (`var.project` of two
 * stacks are two variables).
 *
 * @param kind a `Symbol.for(…)` naming the kind, so that copies of this library in one app agree
 */
export function claimSingleton(construct: IConstruct, kind: symbol, value: string): IConstruct | undefined {
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
  Object.defineProperty(construct, kind, { value: claim, configurable: true });
  return other;
}

function claimOf(construct: IConstruct, kind: symbol): Claim | undefined {
  return (construct as unknown as Record<symbol, Claim | undefined>)[kind];
}
