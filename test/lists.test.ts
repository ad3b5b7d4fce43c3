/**
 * Each list of values is written once: the public enums and the core's lists are tied at compile time
 * (the type-check of the tests fails when they drift) and at run time.
 */
import { AdmissionVerdict, DeploymentPath, EnforcementMode, EvaluationMode, SignatureAlgorithm } from '../src';
import { DEFAULT_REPOSITORY, DeploymentPathValue } from '../src/core/deployment-path';
import { DECISIONS, DecisionValue } from '../src/core/evaluate';
import { BINAUTHZ_SIGNATURE_ALGORITHMS } from '../src/core/keys';
import { ENFORCEMENT_MODES, EnforcementModeValue, EVALUATION_MODES, EvaluationModeValue } from '../src/core/policy';

/** `true` only when A and B are the same set of string values. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const TIES: [
  Same<`${EvaluationMode}`, EvaluationModeValue>,
  Same<`${EnforcementMode}`, EnforcementModeValue>,
  Same<`${AdmissionVerdict}`, DecisionValue>,
  Same<`${DeploymentPath}`, DeploymentPathValue>,
] = [true, true, true, true];

const sorted = (values: readonly string[]) => [...values].sort();

describe('each list of values is written once', () => {
  test('the enums and the core lists hold the same values', () => {
    expect(TIES).toEqual([true, true, true, true]);
    expect(sorted(Object.values(EvaluationMode))).toEqual(sorted(EVALUATION_MODES));
    expect(sorted(Object.values(EnforcementMode))).toEqual(sorted(ENFORCEMENT_MODES));
    expect(sorted(Object.values(AdmissionVerdict))).toEqual(sorted(DECISIONS));
    expect(sorted(Object.values(DeploymentPath))).toEqual(sorted(Object.keys(DEFAULT_REPOSITORY)));
  });

  test('SignatureAlgorithm has a constant for every algorithm Binary Authorization accepts, and no other', () => {
    const constants = Object.entries(SignatureAlgorithm)
      .filter(([, value]) => value instanceof SignatureAlgorithm)
      .map(([name, value]) => {
        expect((value as SignatureAlgorithm).value).toBe(name);
        return name;
      });
    expect(sorted(constants)).toEqual(sorted(BINAUTHZ_SIGNATURE_ALGORITHMS));
  });
});
