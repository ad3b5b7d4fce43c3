import { Aspects } from 'cdktf';
import { RequireBinaryAuthorization, RequirementMode } from '../src';
import { errorsOf, newStack, synthRaw } from './support';
import { v1Service, v2Service } from './support/workloads';

// The deploy-side aspect reads the setting with the same core reader as `lint`: a shape the provider
// does not accept, written through an escape hatch, is an error naming the attribute, never "known
// only at apply time" and never enforced.
describe('RequireBinaryAuthorization, settings of the wrong shape', () => {
  test.each([RequirementMode.APPLY, RequirementMode.VERIFY])(
    'use_default "true" (a string) is an error (%s)',
    (mode) => {
      // GIVEN
      const stack = newStack({ project: 'my-project' });
      const service = v2Service(stack, 'service');
      service.addOverride('binary_authorization.use_default', 'true');
      // WHEN
      Aspects.of(stack).add(new RequireBinaryAuthorization({ mode }));
      synthRaw(stack);
      // THEN
      expect(errorsOf(service)).toStrictEqual([
        '[google_cloud_run_v2_service.service] invalid \'binary_authorization.use_default\' "true": must be true or false (a boolean), got a string; set use_default = true',
      ]);
    },
  );

  test('annotations that are a list are an error, even on an exempt resource', () => {
    // GIVEN
    const stack = newStack({ project: 'my-project' });
    const legacy = v1Service(stack, 'legacy');
    legacy.addOverride('metadata.annotations', ['run.googleapis.com/binary-authorization']);
    RequireBinaryAuthorization.exempt(legacy, 'legacy service, ticket SEC-1');
    // WHEN
    Aspects.of(stack).add(new RequireBinaryAuthorization());
    synthRaw(stack);
    // THEN
    expect(errorsOf(legacy)).toStrictEqual([
      '[google_cloud_run_service.legacy] invalid \'metadata.annotations\' ["run.googleapis.com/binary-authorization"]: must be a map of strings, like { "run.googleapis.com/binary-authorization" = "default" }, got a list of 1 entry',
    ]);
  });
});
