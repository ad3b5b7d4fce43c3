import { readFileSync } from 'fs';
import { join } from 'path';
import { CloudRunV2Service } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { Cloudfunctions2Function } from '@cdktf/provider-google/lib/cloudfunctions2-function';
import { App, Aspects, TerraformResource, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { BinaryAuthorization, BinaryAuthorizationPolicy, RequireBinaryAuthorization, RequirementMode } from '../src';
import { errorsOf, newStack, policyPatterns, resourceOf, synthRaw, warningsOf } from './support';
import { bucket, gcfFunction, v1Service, v2Job, v2Service, v2WorkerPool } from './support/workloads';

const fn = (scope: Construct, id: string, serviceConfig?: any) => gcfFunction(scope, id, { serviceConfig });

/** Every Cloud Run resource type, none of them enforcing. */
function allTypes(stack: TerraformStack) {
  return {
    service: v2Service(stack, 'service'),
    job: v2Job(stack, 'job'),
    pool: v2WorkerPool(stack, 'pool'),
    legacy: v1Service(stack, 'legacy'),
    fn: fn(stack, 'fn'),
  };
}

describe('RequireBinaryAuthorization', () => {
  describe('APPLY (the default)', () => {
    test('turns enforcement on for every Cloud Run resource type', () => {
      // GIVEN
      const stack = newStack({ project: 'my-project' });
      allTypes(stack);
      // WHEN
      Aspects.of(stack).add(new RequireBinaryAuthorization());
      // THEN
      const json = synthRaw(stack);
      expect(json).toMatchSnapshot();
      for (const [type, name] of [
        ['google_cloud_run_v2_service', 'service'],
        ['google_cloud_run_v2_job', 'job'],
        ['google_cloud_run_v2_worker_pool', 'pool'],
      ]) {
        expect(resourceOf(json, type, name).binary_authorization).toStrictEqual({ use_default: true });
      }
      expect(resourceOf(json, 'google_cloud_run_service', 'legacy').metadata).toStrictEqual({
        annotations: { 'run.googleapis.com/binary-authorization': 'default' },
      });
      expect(resourceOf(json, 'google_cloudfunctions2_function', 'fn').service_config).toStrictEqual({
        binary_authorization_policy: 'default',
      });
    });

    test('is the default mode', () => {
      expect(new RequireBinaryAuthorization().mode).toBe(RequirementMode.APPLY);
      expect(RequirementMode.APPLY).toBe('APPLY');
      expect(RequirementMode.VERIFY).toBe('VERIFY');
    });

    test('merges the v1 annotation into existing annotations, from props and from overrides', () => {
      // GIVEN
      const stack = newStack({ project: 'my-project' });
      const legacy = v1Service(stack, 'legacy', { 'run.googleapis.com/ingress': 'internal' });
      legacy.addOverride('metadata.labels', { team: 'payments' });
      legacy.addOverride('metadata.annotations', { 'autoscaling.knative.dev/maxScale': '3' });
      // WHEN
      Aspects.of(stack).add(new RequireBinaryAuthorization());
      // THEN
      expect(resourceOf(synthRaw(stack), 'google_cloud_run_service', 'legacy').metadata).toStrictEqual({
        annotations: {
          'autoscaling.knative.dev/maxScale': '3',
          'run.googleapis.com/binary-authorization': 'default',
          'run.googleapis.com/ingress': 'internal',
        },
        labels: { team: 'payments' },
      });
    });

    test('merges into an existing function service_config', () => {
      // GIVEN
      const stack = newStack({ project: 'my-project' });
      fn(stack, 'fn', { maxInstanceCount: 3, availableMemory: '256M' });
      // WHEN
      Aspects.of(stack).add(new RequireBinaryAuthorization());
      // THEN
      expect(resourceOf(synthRaw(stack), 'google_cloudfunctions2_function', 'fn').service_config).toStrictEqual({
        available_memory: '256M',
        binary_authorization_policy: 'default',
        max_instance_count: 3,
      });
    });

    test('keeps a break-glass justification and adds use_default', () => {
      // GIVEN
      const stack = newStack({ project: 'my-project' });
      const service = v2Service(stack, 'service', { breakglassJustification: 'INC-42' });
      // WHEN
      Aspects.of(stack).add(new RequireBinaryAuthorization());
      // THEN
      expect(resourceOf(synthRaw(stack), 'google_cloud_run_v2_service', 'service').binary_authorization).toStrictEqual({
        breakglass_justification: 'INC-42',
        use_default: true,
      });
      expect(() => Testing.synth(stack, true)).not.toThrow();
      expect(errorsOf(service)).toStrictEqual([]);
    });

    test('leaves a resource that names a policy as it is', () => {
      // GIVEN
      const stack = newStack({ project: 'my-project' });
      const policy = 'projects/my-project/platforms/cloudRun/policies/strict';
      v2Service(stack, 'service', { policy });
      // WHEN
      Aspects.of(stack).add(new RequireBinaryAuthorization());
      // THEN
      expect(resourceOf(synthRaw(stack), 'google_cloud_run_v2_service', 'service').binary_authorization).toStrictEqual({
        policy,
      });
      expect(() => Testing.synth(stack, true)).not.toThrow();
    });

    test('covers nested constructs and leaves other resources and other stacks alone', () => {
      // GIVEN
      const app = Testing.app();
      const stack = newStack({ app, project: 'my-project' });
      const nested = new Construct(new Construct(stack, 'team'), 'api');
      v2Service(nested, 'service');
      bucket(stack);
      const other = new TerraformStack(app, 'other');
      const untouched = v2Service(other, 'service');
      // WHEN
      Aspects.of(stack).add(new RequireBinaryAuthorization());
      // THEN
      const json = synthRaw(stack);
      const [service] = Object.values(json.resource.google_cloud_run_v2_service) as any[];
      expect(service.binary_authorization).toStrictEqual({ use_default: true });
      expect(Object.keys(resourceOf(json, 'google_storage_bucket', 'bucket')).sort()).toStrictEqual([
        'location',
        'name',
      ]);
      expect(untouched.binaryAuthorizationInput).toBeUndefined();
      expect(
        (untouched.toTerraform() as any).resource.google_cloud_run_v2_service.service.binary_authorization,
      ).toBeUndefined();
    });

    test('recognizes resources by Terraform type, not by class', () => {
      // GIVEN a resource from "another copy" of the provider: not a CloudRunV2Service, same Terraform type
      const stack = newStack({ project: 'my-project' });
      class ForeignService extends TerraformResource {
        constructor(scope: Construct, id: string) {
          super(scope, id, { terraformResourceType: 'google_cloud_run_v2_service' });
        }
        protected synthesizeAttributes(): Record<string, any> {
          return { name: 'foreign', location: 'us-central1' };
        }
      }
      const foreign = new ForeignService(stack, 'foreign');
      expect(foreign).not.toBeInstanceOf(CloudRunV2Service);
      // WHEN
      Aspects.of(stack).add(new RequireBinaryAuthorization());
      // THEN
      expect(resourceOf(synthRaw(stack), 'google_cloud_run_v2_service', 'foreign')).toStrictEqual({
        binary_authorization: { use_default: true },
        location: 'us-central1',
        name: 'foreign',
      });
    });
  });

  describe('VERIFY', () => {
    test('changes nothing and reports one error per resource that does not enforce', () => {
      // GIVEN
      const stack = newStack({ project: 'my-project' });
      const resources = allTypes(stack);
      const enforcing = v2Service(stack, 'enforcing', { useDefault: true });
      // WHEN
      Aspects.of(stack).add(new RequireBinaryAuthorization({ mode: RequirementMode.VERIFY }));
      // THEN
      const json = synthRaw(stack);
      expect(json).toMatchSnapshot();
      expect(resourceOf(json, 'google_cloud_run_v2_service', 'service').binary_authorization).toBeUndefined();
      expect(resourceOf(json, 'google_cloud_run_service', 'legacy').metadata).toBeUndefined();
      expect(resourceOf(json, 'google_cloudfunctions2_function', 'fn').service_config).toBeUndefined();
      expect(errorsOf(enforcing)).toStrictEqual([]);
      expect(errorsOf(resources.service)).toStrictEqual([
        "[google_cloud_run_v2_service.service] invalid 'binary_authorization' (not set): Binary Authorization is not enforced (RequirementMode.VERIFY); set binary_authorization { use_default = true }, use RequirementMode.APPLY, or exempt the resource with RequireBinaryAuthorization.exempt(resource, reason)",
      ]);
      expect(errorsOf(resources.job)).toStrictEqual([
        "[google_cloud_run_v2_job.job] invalid 'binary_authorization' (not set): Binary Authorization is not enforced (RequirementMode.VERIFY); set binary_authorization { use_default = true }, use RequirementMode.APPLY, or exempt the resource with RequireBinaryAuthorization.exempt(resource, reason)",
      ]);
      expect(errorsOf(resources.pool)).toStrictEqual([
        "[google_cloud_run_v2_worker_pool.pool] invalid 'binary_authorization' (not set): Binary Authorization is not enforced (RequirementMode.VERIFY); set binary_authorization { use_default = true }, use RequirementMode.APPLY, or exempt the resource with RequireBinaryAuthorization.exempt(resource, reason)",
      ]);
      expect(errorsOf(resources.legacy)).toStrictEqual([
        '[google_cloud_run_service.legacy] invalid \'metadata.annotations["run.googleapis.com/binary-authorization"]\' (not set): Binary Authorization is not enforced (RequirementMode.VERIFY); set the annotation "run.googleapis.com/binary-authorization" to "default", use RequirementMode.APPLY, or exempt the resource with RequireBinaryAuthorization.exempt(resource, reason)',
      ]);
      expect(errorsOf(resources.fn)).toStrictEqual([
        '[google_cloudfunctions2_function.fn] invalid \'service_config.binary_authorization_policy\' (not set): Binary Authorization is not enforced (RequirementMode.VERIFY); set service_config.binary_authorization_policy = "default", use RequirementMode.APPLY, or exempt the resource with RequireBinaryAuthorization.exempt(resource, reason)',
      ]);
    });

    test('fails app.synth() on the error annotations, naming each resource', () => {
      // GIVEN
      const app = Testing.app();
      const stack = newStack({ app, project: 'my-project' });
      v2Service(stack, 'service');
      fn(stack, 'fn');
      // WHEN
      Aspects.of(stack).add(new RequireBinaryAuthorization({ mode: RequirementMode.VERIFY }));
      // THEN
      let message = '';
      try {
        app.synth();
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(
        /\[stack\/service\] \[google_cloud_run_v2_service\.service\] invalid 'binary_authorization'/,
      );
      expect(message).toMatch(
        /\[stack\/fn\] \[google_cloudfunctions2_function\.fn\] invalid 'service_config\.binary_authorization_policy'/,
      );
    });

    test('fails Testing.synth with validations, which ignores annotations', () => {
      // GIVEN
      const stack = newStack({ project: 'my-project' });
      v2Job(stack, 'job');
      // WHEN
      Aspects.of(stack).add(new RequireBinaryAuthorization({ mode: RequirementMode.VERIFY }));
      // THEN
      expect(() => Testing.synth(stack, true)).toThrow(
        /\[stack\/job\] \[google_cloud_run_v2_job\.job\] invalid 'binary_authorization' \(not set\): Binary Authorization is not enforced/,
      );
    });

    test('passes a stack where everything enforces', () => {
      // GIVEN
      const stack = newStack({ project: 'my-project' });
      v2Service(stack, 'service', { useDefault: true });
      v2Job(stack, 'job', { policy: 'projects/my-project/platforms/cloudRun/policies/p1' });
      v1Service(stack, 'legacy', { 'run.googleapis.com/binary-authorization': 'default' });
      fn(stack, 'fn', { binaryAuthorizationPolicy: 'default' });
      // WHEN
      Aspects.of(stack).add(new RequireBinaryAuthorization({ mode: RequirementMode.VERIFY }));
      // THEN
      expect(() => Testing.synth(stack, true)).not.toThrow();
    });

    test('reports each resource once when the stack is synthesized twice', () => {
      // GIVEN
      const stack = newStack({ project: 'my-project' });
      const service = v2Service(stack, 'service');
      Aspects.of(stack).add(new RequireBinaryAuthorization({ mode: RequirementMode.VERIFY }));
      // WHEN
      Testing.synth(stack);
      Testing.synth(stack);
      // THEN
      expect(errorsOf(service)).toHaveLength(1);
    });
  });

  describe('explicitly off', () => {
    test.each([RequirementMode.APPLY, RequirementMode.VERIFY])(
      'is an error in %s mode, and nothing changes',
      (mode) => {
        // GIVEN
        const stack = newStack({ project: 'my-project' });
        const service = v2Service(stack, 'service', { useDefault: false });
        const legacy = v1Service(stack, 'legacy', { 'run.googleapis.com/binary-authorization': '' });
        const func = fn(stack, 'fn', { binaryAuthorizationPolicy: '' });
        // WHEN
        Aspects.of(stack).add(new RequireBinaryAuthorization({ mode }));
        // THEN
        const json = synthRaw(stack);
        expect(resourceOf(json, 'google_cloud_run_v2_service', 'service').binary_authorization).toStrictEqual({
          use_default: false,
        });
        expect(errorsOf(service)).toStrictEqual([
          '[google_cloud_run_v2_service.service] invalid \'binary_authorization\' {"use_default":false}: Binary Authorization is turned off explicitly; set binary_authorization { use_default = true }, or exempt the resource with RequireBinaryAuthorization.exempt(resource, reason)',
        ]);
        expect(errorsOf(legacy)).toStrictEqual([
          '[google_cloud_run_service.legacy] invalid \'metadata.annotations["run.googleapis.com/binary-authorization"]\' "": Binary Authorization is turned off explicitly; set the annotation "run.googleapis.com/binary-authorization" to "default", or exempt the resource with RequireBinaryAuthorization.exempt(resource, reason)',
        ]);
        expect(errorsOf(func)).toStrictEqual([
          '[google_cloudfunctions2_function.fn] invalid \'service_config.binary_authorization_policy\' "": Binary Authorization is turned off explicitly; set service_config.binary_authorization_policy = "default", or exempt the resource with RequireBinaryAuthorization.exempt(resource, reason)',
        ]);
        expect(() => Testing.synth(stack, true)).toThrow(/Binary Authorization is turned off explicitly/);
      },
    );

    test('a setting known only at apply time is an error', () => {
      // GIVEN
      const stack = newStack({ project: 'my-project' });
      const enabled = new TerraformVariable(stack, 'binauthz', { type: 'bool' });
      const service = v2Service(stack, 'service', { useDefault: enabled.booleanValue });
      // WHEN
      Aspects.of(stack).add(new RequireBinaryAuthorization());
      // THEN
      expect(resourceOf(synthRaw(stack), 'google_cloud_run_v2_service', 'service').binary_authorization).toStrictEqual({
        use_default: '${var.binauthz}',
      });
      expect(errorsOf(service)).toHaveLength(1);
      expect(errorsOf(service)[0]).toMatch(
        /^\[google_cloud_run_v2_service\.service\] invalid 'binary_authorization' .*: whether Binary Authorization is enforced is known only at apply time; set binary_authorization \{ use_default = true \} with literal values, or exempt the resource/,
      );
    });
  });

  describe('exempt', () => {
    test('an exempted resource may turn enforcement off; the reason is a warning', () => {
      // GIVEN
      const stack = newStack({ project: 'my-project' });
      const service = v2Service(stack, 'service', { useDefault: false });
      // WHEN
      RequireBinaryAuthorization.exempt(service, 'public demo without data, SEC-123');
      Aspects.of(stack).add(new RequireBinaryAuthorization({ mode: RequirementMode.VERIFY }));
      // THEN
      expect(() => Testing.synth(stack, true)).not.toThrow();
      expect(errorsOf(service)).toStrictEqual([]);
      expect(warningsOf(service)).toStrictEqual([
        '[binauthz:exempt] exempt from Binary Authorization (RequireBinaryAuthorization): public demo without data, SEC-123',
      ]);
      expect(RequireBinaryAuthorization.exemptionOf(service)).toBe('public demo without data, SEC-123');
    });

    test('APPLY leaves an exempted resource as it is', () => {
      // GIVEN
      const stack = newStack({ project: 'my-project' });
      const func = fn(stack, 'fn');
      const other = fn(stack, 'other');
      // WHEN
      RequireBinaryAuthorization.exempt(func, 'load test fixture');
      Aspects.of(stack).add(new RequireBinaryAuthorization());
      // THEN
      const json = synthRaw(stack);
      expect(resourceOf(json, 'google_cloudfunctions2_function', 'fn').service_config).toBeUndefined();
      expect(resourceOf(json, 'google_cloudfunctions2_function', 'other').service_config).toStrictEqual({
        binary_authorization_policy: 'default',
      });
      expect(RequireBinaryAuthorization.exemptionOf(other)).toBeUndefined();
    });

    test('exempts a whole subtree, such as a third-party construct holding several services', () => {
      // GIVEN a construct holding two services that turn enforcement off, and one outside it
      const stack = newStack({ project: 'my-project' });
      const vendor = new Construct(stack, 'vendor');
      const inner = new Construct(vendor, 'inner');
      const a = v2Service(vendor, 'a', { useDefault: false });
      const b = v1Service(inner, 'b', { 'run.googleapis.com/binary-authorization': '' });
      const outside = v2Service(stack, 'outside', { useDefault: false });
      // WHEN
      RequireBinaryAuthorization.exempt(vendor, 'vendor demo, SEC-7');
      Aspects.of(stack).add(new RequireBinaryAuthorization({ mode: RequirementMode.VERIFY }));
      // THEN the subtree is left alone and reported once, on the exempted construct
      expect(() => Testing.synth(stack, true)).toThrow(/google_cloud_run_v2_service\.outside/);
      expect(errorsOf(a)).toStrictEqual([]);
      expect(errorsOf(b)).toStrictEqual([]);
      expect(errorsOf(outside)).toHaveLength(1);
      expect(RequireBinaryAuthorization.exemptionOf(b)).toBe('vendor demo, SEC-7');
      expect(RequireBinaryAuthorization.exemptionOf(outside)).toBeUndefined();
      expect(warningsOf(vendor)).toStrictEqual([
        '[binauthz:exempt] exempt from Binary Authorization (RequireBinaryAuthorization): vendor demo, SEC-7',
      ]);
      expect(vendor.node.metadata.filter((m) => m.type === 'binauthz:exempt').map((m) => m.data)).toStrictEqual([
        'vendor demo, SEC-7',
      ]);
    });

    test('the nearest exemption gives the reason', () => {
      const stack = newStack({ project: 'my-project' });
      const vendor = new Construct(stack, 'vendor');
      const service = v2Service(vendor, 'svc');
      RequireBinaryAuthorization.exempt(vendor, 'whole vendor');
      RequireBinaryAuthorization.exempt(service, 'this one service');
      expect(RequireBinaryAuthorization.exemptionOf(service)).toBe('this one service');
    });

    test('writes the exemption into the synthesized JSON of each exempted resource', () => {
      const stack = newStack({ project: 'my-project' });
      const vendor = new Construct(stack, 'vendor');
      v2Service(vendor, 'a', { useDefault: false });
      v2Service(stack, 'enforced');
      RequireBinaryAuthorization.exempt(vendor, 'vendor demo, SEC-7');
      Aspects.of(stack).add(new RequireBinaryAuthorization());
      const json = JSON.parse(readFileSync(join(Testing.fullSynth(stack), 'stacks', 'stack', 'cdk.tf.json'), 'utf8'));
      const byName = (name: string) =>
        (Object.values(json.resource.google_cloud_run_v2_service) as any[]).find((r) => r.name === name);
      expect(byName('a')['//'].binauthz).toStrictEqual({ exempt: 'vendor demo, SEC-7' });
      expect(byName('enforced')['//'].binauthz).toBeUndefined();
    });

    test('fails with an empty reason', () => {
      const stack = newStack({ project: 'my-project' });
      const service = v2Service(stack, 'service');
      expect(() => RequireBinaryAuthorization.exempt(service, '  ')).toThrow(
        '[stack/service] invalid \'reason\' "  ": an exemption needs a written reason, such as "public demo without production data, ticket SEC-123"',
      );
    });

    test.each([
      ['the App', (app: App) => app, 'the App'],
      ['a construct between the App and the stacks', (app: App) => new Construct(app, 'org'), 'org'],
    ])('refuses %s: it would exempt every stack, and its warning is reported nowhere', (_what, scopeOf, shown) => {
      const app = Testing.app();
      const stack = newStack({ app, project: 'my-project' });
      v2Service(stack, 'service');
      expect(() => RequireBinaryAuthorization.exempt(scopeOf(app), 'legacy')).toThrow(
        `[RequireBinaryAuthorization.exempt] invalid 'scope' "${shown}": an exemption must be inside a stack: an exemption above the stacks would exempt every stack, and cdktf reports its warning nowhere; exempt the stack or the constructs inside it`,
      );
    });

    test('accepts a stack, and a stack nested in another', () => {
      const stack = newStack({ project: 'my-project' });
      const nested = new TerraformStack(stack, 'nested');
      RequireBinaryAuthorization.exempt(stack, 'sandbox stack');
      RequireBinaryAuthorization.exempt(nested, 'sandbox stack too');
      expect(RequireBinaryAuthorization.exemptionOf(v2Service(nested, 'svc'))).toBe('sandbox stack too');
    });

    test('exemptionOf a value that is not a construct is a validation error', () => {
      expect(() => RequireBinaryAuthorization.exemptionOf(undefined as any)).toThrow(
        "[RequireBinaryAuthorization.exemptionOf] invalid 'construct' (not set): expected a construct",
      );
    });

    test('fails for a resource that Cloud Run does not deploy', () => {
      const notCloudRun = bucket(newStack({ project: 'my-project' }));
      expect(() => RequireBinaryAuthorization.exempt(notCloudRun, 'why not')).toThrow(
        '[stack/bucket] invalid \'resource\' "google_storage_bucket": expected a google_cloud_run_v2_service, google_cloud_run_v2_job, google_cloud_run_v2_worker_pool, google_cloud_run_service or google_cloudfunctions2_function resource',
      );
    });
  });

  describe('consistency', () => {
    test('use_default and policy are mutually exclusive', () => {
      // GIVEN
      const stack = newStack({ project: 'my-project' });
      const service = v2Service(stack, 'service', {
        useDefault: true,
        policy: 'projects/my-project/platforms/cloudRun/policies/p1',
      });
      // WHEN
      Aspects.of(stack).add(new RequireBinaryAuthorization());
      // THEN
      expect(errorsOf(service)).toStrictEqual([]); // reported at synth
      Testing.synth(stack);
      expect(errorsOf(service)).toStrictEqual([
        '[google_cloud_run_v2_service.service] invalid \'binary_authorization.policy\' "projects/my-project/platforms/cloudRun/policies/p1": use_default (true) and policy are mutually exclusive in the Cloud Run API (the provider does not check it); set only one of them',
      ]);
    });

    test.each([RequirementMode.APPLY, RequirementMode.VERIFY])('a named platform policy is a warning (%s)', (mode) => {
      const stack = newStack({ project: 'my-project' });
      const service = v2Service(stack, 'service', {
        policy: 'projects/other-project/platforms/cloudRun/policies/allow-all',
      });
      const enforcing = v2Service(stack, 'enforcing', { useDefault: true });
      Aspects.of(stack).add(new RequireBinaryAuthorization({ mode }));
      expect(() => Testing.synth(stack, true)).not.toThrow();
      expect(warningsOf(service)).toStrictEqual([
        '[binauthz:named-policy] binary_authorization.policy names a platform policy (projects/other-project/platforms/cloudRun/policies/allow-all): RequireBinaryAuthorization does not check what it admits, and a CloudRunBinaryAuthorizationGuardrail (which allows only "default") refuses it; set use_default = true to use the project\'s policy',
      ]);
      expect(warningsOf(enforcing)).toStrictEqual([]);
    });

    test('a v2 policy must be projects/P/platforms/cloudRun/policies/NAME', () => {
      // GIVEN
      const stack = newStack({ project: 'my-project' });
      const job = v2Job(stack, 'job', { policy: 'default' });
      // WHEN
      Aspects.of(stack).add(new RequireBinaryAuthorization());
      // THEN
      expect(() => Testing.synth(stack, true)).toThrow(
        '[google_cloud_run_v2_job.job] invalid \'binary_authorization.policy\' "default": a policy looks like "projects/PROJECT_ID/platforms/cloudRun/policies/NAME"; to use the project\'s policy set use_default = true instead',
      );
      expect(errorsOf(job)).toHaveLength(1);
    });

    test('the annotation and the function policy accept only "default"', () => {
      // GIVEN
      const stack = newStack({ project: 'my-project' });
      const legacy = v1Service(stack, 'legacy', { 'run.googleapis.com/binary-authorization': 'enabled' });
      const func = fn(stack, 'fn', { binaryAuthorizationPolicy: 'projects/my-project/platforms/cloudRun/policies/p1' });
      // WHEN
      Aspects.of(stack).add(new RequireBinaryAuthorization({ mode: RequirementMode.VERIFY }));
      Testing.synth(stack);
      // THEN
      expect(errorsOf(legacy)).toStrictEqual([
        '[google_cloud_run_service.legacy] invalid \'metadata.annotations["run.googleapis.com/binary-authorization"]\' "enabled": the only accepted value is "default" (the project\'s policy)',
      ]);
      expect(errorsOf(func)).toStrictEqual([
        '[google_cloudfunctions2_function.fn] invalid \'service_config.binary_authorization_policy\' "projects/my-project/platforms/cloudRun/policies/p1": the only accepted value is "default" (the project\'s policy)',
      ]);
    });

    test('a break-glass justification requires enforcement', () => {
      // GIVEN
      const stack = newStack({ project: 'my-project' });
      const service = v2Service(stack, 'service', { useDefault: false, breakglassJustification: 'INC-1' });
      RequireBinaryAuthorization.exempt(service, 'legacy workload');
      // WHEN
      Aspects.of(stack).add(new RequireBinaryAuthorization());
      Testing.synth(stack);
      // THEN: exempt from the requirement, but still inconsistent
      expect(errorsOf(service)).toStrictEqual([
        '[google_cloud_run_v2_service.service] invalid \'binary_authorization.breakglass_justification\' "INC-1": a break-glass justification requires Binary Authorization to be enforced (the API refuses it otherwise); set use_default = true, or remove the justification',
      ]);
    });
  });

  test('a stack that mixes everything', () => {
    // GIVEN
    const stack = newStack({ project: 'my-project' });
    v2Service(stack, 'missing');
    v2Service(stack, 'named', { policy: 'projects/my-project/platforms/cloudRun/policies/strict' });
    v2Job(stack, 'enforcing', { useDefault: true });
    const off = v2WorkerPool(stack, 'off', { useDefault: false });
    RequireBinaryAuthorization.exempt(off, 'batch sandbox');
    v1Service(stack, 'legacy', { 'run.googleapis.com/ingress': 'all' });
    fn(stack, 'fn', { maxInstanceCount: 1 });
    // WHEN
    Aspects.of(stack).add(new RequireBinaryAuthorization());
    // THEN
    expect(() => Testing.synth(stack, true)).not.toThrow();
    const json = synthRaw(stack);
    expect(json).toMatchSnapshot();
    expect(resourceOf(json, 'google_cloud_run_v2_service', 'missing').binary_authorization).toStrictEqual({
      use_default: true,
    });
    expect(resourceOf(json, 'google_cloud_run_v2_worker_pool', 'off').binary_authorization).toStrictEqual({
      use_default: false,
    });
    expect(resourceOf(json, 'google_cloud_run_service', 'legacy').metadata.annotations).toStrictEqual({
      'run.googleapis.com/binary-authorization': 'default',
      'run.googleapis.com/ingress': 'all',
    });
  });
});

describe('the deploy side together', () => {
  test('aspect, break-glass, exemption and derived patterns in one stack, with tokens', () => {
    // GIVEN
    const stack = newStack({ project: 'my-project' });
    const region = new TerraformVariable(stack, 'region', { type: 'string' });
    const project = new TerraformVariable(stack, 'project', { type: 'string' });
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: project.stringValue });
    const gcf = new Cloudfunctions2Function(stack, 'gcf', {
      name: 'gcf',
      location: region.stringValue,
      project: project.stringValue,
      buildConfig: { runtime: 'nodejs22', entryPoint: 'handler' },
    });
    const source = new CloudRunV2Service(stack, 'source', {
      name: 'source',
      location: 'europe-west1',
      project: project.stringValue,
      buildConfig: { sourceLocation: 'gs://b/source.zip', functionTarget: 'handler' },
      template: { containers: [{ image: 'us-docker.pkg.dev/cloudrun/container/hello' }] },
    });
    const legacy = v1Service(stack, 'legacy', { 'run.googleapis.com/ingress': 'internal' });
    const sandbox = v2Job(stack, 'sandbox', { useDefault: false });
    // WHEN
    policy.allowDeploymentPathsFor(stack);
    BinaryAuthorization.breakglass(legacy, 'INC-77');
    RequireBinaryAuthorization.exempt(sandbox, 'throwaway load test');
    Aspects.of(stack).add(new RequireBinaryAuthorization());
    // THEN
    expect(() => Testing.synth(stack, true)).not.toThrow();
    const json = synthRaw(stack);
    expect(json).toMatchSnapshot();
    expect(policyPatterns(json)).toStrictEqual([
      '${var.region}-docker.pkg.dev/${replace(var.project, ":", "/")}/gcf-artifacts/**',
      'europe-west1-docker.pkg.dev/${replace(var.project, ":", "/")}/cloud-run-source-deploy/**',
    ]);
    expect(resourceOf(json, 'google_cloudfunctions2_function', 'gcf').service_config).toStrictEqual({
      binary_authorization_policy: 'default',
    });
    expect(resourceOf(json, 'google_cloud_run_v2_service', 'source').binary_authorization).toStrictEqual({
      use_default: true,
    });
    expect(resourceOf(json, 'google_cloud_run_service', 'legacy').metadata.annotations).toStrictEqual({
      'run.googleapis.com/binary-authorization': 'default',
      'run.googleapis.com/binary-authorization-breakglass': 'INC-77',
      'run.googleapis.com/ingress': 'internal',
    });
    expect(resourceOf(json, 'google_cloud_run_v2_job', 'sandbox').binary_authorization).toStrictEqual({
      use_default: false,
    });
    expect(warningsOf(legacy)).toStrictEqual(['[binauthz:breakglass] Binary Authorization break-glass: INC-77']);
    expect(warningsOf(sandbox)).toStrictEqual([
      '[binauthz:exempt] exempt from Binary Authorization (RequireBinaryAuthorization): throwaway load test',
    ]);
    for (const construct of [gcf, source, legacy, sandbox]) {
      expect(errorsOf(construct)).toStrictEqual([]);
    }
  });
});
