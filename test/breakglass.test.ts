import { Cloudfunctions2Function } from '@cdktf/provider-google/lib/cloudfunctions2-function';
import { Aspects, Testing } from 'cdktf';
import { BinaryAuthorization, RequireBinaryAuthorization, RequirementMode } from '../src';
import { errorsOf, newStack, resourceOf, synthRaw, warningsOf } from './support';
import { bucket, v1Service, v2Job, v2Service, v2WorkerPool } from './support/workloads';

describe('BinaryAuthorization.breakglass', () => {
  test('sets breakglass_justification on a v2 service and warns', () => {
    // GIVEN
    const stack = newStack({ project: 'my-project' });
    const service = v2Service(stack, 'service', { useDefault: true }, { name: 'api' });
    // WHEN
    BinaryAuthorization.breakglass(service, 'INC-42: attestor down, hotfix');
    // THEN
    const json = synthRaw(stack);
    expect(json).toMatchSnapshot();
    expect(resourceOf(json, 'google_cloud_run_v2_service', 'service').binary_authorization).toStrictEqual({
      breakglass_justification: 'INC-42: attestor down, hotfix',
      use_default: true,
    });
    expect(warningsOf(service)).toStrictEqual([
      '[binauthz:breakglass] Binary Authorization break-glass: INC-42: attestor down, hotfix',
    ]);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('sets breakglass_justification on v2 jobs and worker pools', () => {
    // GIVEN
    const stack = newStack({ project: 'my-project' });
    const job = v2Job(stack, 'job');
    const pool = v2WorkerPool(stack, 'pool');
    // WHEN
    BinaryAuthorization.breakglass(job, 'INC-7');
    BinaryAuthorization.breakglass(pool, 'INC-8');
    Aspects.of(stack).add(new RequireBinaryAuthorization());
    // THEN
    const json = synthRaw(stack);
    expect(resourceOf(json, 'google_cloud_run_v2_job', 'job').binary_authorization).toStrictEqual({
      breakglass_justification: 'INC-7',
      use_default: true,
    });
    expect(resourceOf(json, 'google_cloud_run_v2_worker_pool', 'pool').binary_authorization).toStrictEqual({
      breakglass_justification: 'INC-8',
      use_default: true,
    });
  });

  test('merges the break-glass annotation into a v1 service', () => {
    // GIVEN
    const stack = newStack({ project: 'my-project' });
    const legacy = v1Service(stack, 'legacy', { 'run.googleapis.com/ingress': 'internal' });
    // WHEN
    BinaryAuthorization.breakglass(legacy, 'INC-9');
    Aspects.of(stack).add(new RequireBinaryAuthorization());
    // THEN
    const json = synthRaw(stack);
    expect(json).toMatchSnapshot();
    expect(resourceOf(json, 'google_cloud_run_service', 'legacy').metadata).toStrictEqual({
      annotations: {
        'run.googleapis.com/binary-authorization': 'default',
        'run.googleapis.com/binary-authorization-breakglass': 'INC-9',
        'run.googleapis.com/ingress': 'internal',
      },
    });
    expect(warningsOf(legacy)).toStrictEqual(['[binauthz:breakglass] Binary Authorization break-glass: INC-9']);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  test('fails synth when the resource does not enforce Binary Authorization', () => {
    // GIVEN
    const stack = newStack({ project: 'my-project' });
    const service = v2Service(stack, 'service', undefined, { name: 'api' });
    // WHEN (no RequireBinaryAuthorization aspect)
    BinaryAuthorization.breakglass(service, 'INC-42');
    // THEN
    expect(() => Testing.synth(stack, true)).toThrow(
      '[stack/service] [google_cloud_run_v2_service.service] invalid \'binary_authorization\' {"breakglass_justification":"INC-42"}: a break-glass justification requires Binary Authorization to be enforced (the API refuses it otherwise); set binary_authorization { use_default = true }, or add the RequireBinaryAuthorization aspect',
    );
  });

  test('fails synth for a v1 service without the annotation', () => {
    // GIVEN
    const stack = newStack({ project: 'my-project' });
    const legacy = v1Service(stack, 'legacy');
    // WHEN
    BinaryAuthorization.breakglass(legacy, 'INC-9');
    // THEN
    expect(() => Testing.synth(stack, true)).toThrow(
      '[stack/legacy] [google_cloud_run_service.legacy] invalid \'metadata.annotations["run.googleapis.com/binary-authorization"]\' (not set): a break-glass justification requires Binary Authorization to be enforced (the API refuses it otherwise); set the annotation "run.googleapis.com/binary-authorization" to "default", or add the RequireBinaryAuthorization aspect',
    );
  });

  test('reports a justification on a resource that turns enforcement off once', () => {
    // GIVEN
    const stack = newStack({ project: 'my-project' });
    const service = v2Service(stack, 'service', { useDefault: false }, { name: 'api' });
    RequireBinaryAuthorization.exempt(service, 'sandbox');
    // WHEN
    BinaryAuthorization.breakglass(service, 'INC-1');
    Aspects.of(stack).add(new RequireBinaryAuthorization({ mode: RequirementMode.VERIFY }));
    // THEN
    let message = '';
    try {
      Testing.synth(stack, true);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.match(/a break-glass justification requires Binary Authorization to be enforced/g)).toHaveLength(1);
    expect(errorsOf(service)).toStrictEqual([]);
  });

  test('fails for a Cloud Run function', () => {
    const stack = newStack({ project: 'my-project' });
    const fn = new Cloudfunctions2Function(stack, 'fn', { name: 'fn', location: 'us-central1' });
    expect(() => BinaryAuthorization.breakglass(fn, 'INC-1')).toThrow(
      '[stack/fn] invalid \'resource\' "google_cloudfunctions2_function": Cloud Run functions (google_cloudfunctions2_function) have no break-glass field; deploy the function as a google_cloud_run_v2_service with a build_config to use break-glass, or exempt it with RequireBinaryAuthorization.exempt(resource, reason)',
    );
  });

  test('fails with an empty justification', () => {
    const stack = newStack({ project: 'my-project' });
    const service = v2Service(stack, 'service', undefined, { name: 'api' });
    expect(() => BinaryAuthorization.breakglass(service, '')).toThrow(
      '[stack/service] invalid \'justification\' "": break-glass needs a written justification, such as "incident INC-42: hotfix while the attestor is down"',
    );
    expect(warningsOf(service)).toStrictEqual([]);
  });

  test('fails for a resource that Cloud Run does not deploy', () => {
    const notCloudRun = bucket(newStack({ project: 'my-project' }));
    expect(() => BinaryAuthorization.breakglass(notCloudRun, 'INC-1')).toThrow(
      /^\[stack\/bucket\] invalid 'resource' "google_storage_bucket": expected a google_cloud_run_v2_service/,
    );
  });

  describe('set directly, not through BinaryAuthorization.breakglass', () => {
    test.each([RequirementMode.APPLY, RequirementMode.VERIFY])('is the same breakglass warning (%s)', (mode) => {
      // GIVEN a v2 service through the L1's own props, one through an override and a v1 annotation
      const stack = newStack({ project: 'my-project' });
      const props = v2Service(stack, 'props', { useDefault: true, breakglassJustification: 'INC-1' });
      const override = v2Job(stack, 'override');
      override.addOverride('binary_authorization', { use_default: true, breakglass_justification: 'INC-2' });
      const legacy = v1Service(stack, 'legacy', {
        'run.googleapis.com/binary-authorization': 'default',
        'run.googleapis.com/binary-authorization-breakglass': 'INC-3',
      });
      // WHEN
      Aspects.of(stack).add(new RequireBinaryAuthorization({ mode }));
      // THEN it passes, with a warning on each
      expect(() => Testing.synth(stack, true)).not.toThrow();
      expect(warningsOf(props)).toStrictEqual([
        '[binauthz:breakglass] Binary Authorization break-glass, set on the resource rather than with BinaryAuthorization.breakglass: INC-1',
      ]);
      expect(warningsOf(override)).toStrictEqual([
        '[binauthz:breakglass] Binary Authorization break-glass, set on the resource rather than with BinaryAuthorization.breakglass: INC-2',
      ]);
      expect(warningsOf(legacy)).toStrictEqual([
        '[binauthz:breakglass] Binary Authorization break-glass, set on the resource rather than with BinaryAuthorization.breakglass: INC-3',
      ]);
    });

    test('added by a later aspect, it is warned in the final check', () => {
      const stack = newStack({ project: 'my-project' });
      const service = v2Service(stack, 'service', { useDefault: true });
      Aspects.of(stack).add(new RequireBinaryAuthorization({ mode: RequirementMode.VERIFY }));
      Aspects.of(stack).add({
        visit: (node) =>
          node === service ? service.addOverride('binary_authorization.breakglass_justification', 'INC-4') : undefined,
      });
      expect(() => Testing.synth(stack, true)).not.toThrow();
      expect(warningsOf(service)).toStrictEqual([
        '[binauthz:breakglass] Binary Authorization break-glass, set on the resource rather than with BinaryAuthorization.breakglass: INC-4',
      ]);
    });

    test('through BinaryAuthorization.breakglass, it is warned once', () => {
      const stack = newStack({ project: 'my-project' });
      const service = v2Service(stack, 'service');
      BinaryAuthorization.breakglass(service, 'INC-5');
      Aspects.of(stack).add(new RequireBinaryAuthorization());
      Testing.synth(stack, true);
      expect(warningsOf(service)).toStrictEqual(['[binauthz:breakglass] Binary Authorization break-glass: INC-5']);
    });
  });
});
