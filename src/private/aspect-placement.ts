import { Aspects, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { requireObject } from './errors';

/** Marks `RequireBinaryAuthorization` aspects (`Symbol.for`, so that copies of this library agree). */
export const REQUIRE_BINARY_AUTHORIZATION = Symbol.for('cdktf-gcp-binauthz.RequireBinaryAuthorization');

/** The stacks that already check where the aspect was added. */
const CHECKED = new WeakSet<TerraformStack>();

/**
 * Makes the stack of `scope` fail synth (a validation) when a `RequireBinaryAuthorization` aspect was
 * added above any stack, to the App or a construct between it and the stacks: cdktf runs only the
 * aspects of a stack and of the constructs in it, so such an aspect would check nothing, silently.
 *
 * For a nested stack, the outermost stack is checked: cdktf runs the aspects of the outer stack (and of the
 * constructs between the two) on the nested stack's constructs as well.
 *
 * Every construct and helper of this library calls it, so the mistake is reported in any app that uses
 * the library for anything else than the aspect alone.
 */
export function checkAspectPlacement(scope: IConstruct): void {
  const stack = outermostStackOf(scope);
  if (stack === undefined || CHECKED.has(stack)) {
    return;
  }
  CHECKED.add(stack);
  stack.node.addValidation({
    validate: () => {
      for (let node = stack.node.scope; node !== undefined; node = node.node.scope) {
        if (Aspects.of(node).all.some((aspect) => (aspect as any)[REQUIRE_BINARY_AUTHORIZATION] === true)) {
          const where = node.node.path === '' ? 'the App' : `[${node.node.path}]`;
          return [
            `RequireBinaryAuthorization was added to ${where}, above the stacks, where cdktf never runs aspects, so it would check nothing; add it to each stack instead: Aspects.of(stack).add(new RequireBinaryAuthorization(…))`,
          ];
        }
      }
      return [];
    },
  });
}

/**
 * What every construct of this library checks first: where `RequireBinaryAuthorization` was added
 * (`checkAspectPlacement`), and that its props are an object (a caller without types may pass anything).
 */
export function checkConstruct(construct: IConstruct, props: unknown): asserts props is object {
  checkAspectPlacement(construct);
  requireObject(construct, 'props', props);
}

/** Whether `value` is a construct (a caller without types may pass anything). */
export function isConstruct(value: unknown): value is IConstruct {
  return Construct.isConstruct(value);
}

/**
 * The outermost stack that holds `scope`: cdktf runs the aspects of a stack, and of the constructs in it,
 * on nested stacks too, so only the levels above the outermost stack are out of reach.
 */
function outermostStackOf(scope: IConstruct): TerraformStack | undefined {
  return scope.node.scopes.find((node): node is TerraformStack => TerraformStack.isStack(node));
}
