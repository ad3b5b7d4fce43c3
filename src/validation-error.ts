import { Construct, IConstruct } from 'constructs';
import { invalidProp, reportedErrorsIn, VALIDATION_ERROR } from './private/errors';

/**
 * What every validation error of this library carries besides its message: where the bad value was
 * given, which property, the value as the message shows it, and what to do.
 *
 * The errors thrown while an app is defined are JavaScript `Error`s that implement this interface (jsii
 * does not let a class of the public API extend `Error`): tell them with
 * `BinauthzErrors.isValidationError(e)`. Invalid values that a construct takes without throwing (so that
 * one synth names all of them) and problems found only at synth time are reported by cdktf, in its own
 * error, with the same messages; `BinauthzErrors.reportedIn(scope)` returns the former as these errors.
 *
 * The message is `[CONSTRUCT_PATH] invalid 'PROPERTY' VALUE: FIX`.
 */
export interface IValidationError {
  /** The whole message. */
  readonly message: string;

  /**
   * The path of the construct the value was given to (`stack/Policy`), or the helper that took it when
   * there is no construct yet (`IamMember.of`, `AdmissionRule.denyAll`).
   */
  readonly constructPath: string;

  /** The property or argument, such as `allowlistPatterns` or `keys[0].publicKeyPem`. */
  readonly property: string;

  /**
   * The value received, as the message shows it: quoted and shortened, the Terraform expression of a
   * value known only at apply time, `(not set)`, or a description where the value may be key material.
   */
  readonly value: string;

  /** What is wrong with the value and how to fix it. */
  readonly fix: string;
}

/**
 * Tells the errors of this library apart from others.
 */
export class BinauthzErrors {
  /**
   * Whether `x` is a validation error of this library, with the fields of `IValidationError`.
   *
   * @param x anything caught
   */
  public static isValidationError(x: any): x is IValidationError {
    return typeof x === 'object' && x !== null && x[VALIDATION_ERROR] === true;
  }

  /**
   * The validation errors reported so far for `scope` and every construct in it, which fail the synth:
   * the invalid values that the constructs and their methods took without throwing, so that one synth
   * names every one of them (three bad patterns added to one policy are three errors of one failed
   * synth). In construct order, then in the order they were found. Errors thrown at once (a value of the
   * wrong type, a helper without a construct) and the checks cdktf runs at synth are not among them.
   *
   * @param scope a construct, such as the stack or a policy
   */
  public static reportedIn(scope: IConstruct): IValidationError[] {
    if (!Construct.isConstruct(scope)) {
      throw invalidProp('BinauthzErrors.reportedIn', 'scope', scope, 'expected a construct, such as the stack');
    }
    return reportedErrorsIn(scope).filter((e): e is Error & IValidationError => BinauthzErrors.isValidationError(e));
  }

  private constructor() {}
}
