import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { Aspects, IAspect, TerraformHclModule, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { RequireBinaryAuthorization, RequirementMode } from '../src';
import { newStack, resourceOf, synthRaw, synthValidated, warningsOf } from './support';
import { IMAGE, v1Service, v2Job, v2Service } from './support/workloads';

// The aspect visits each resource once; what the stack synthesizes is judged again after every aspect
// and override (a validation of the stack), so that nothing changed afterwards passes silently.

const verify = () => new RequireBinaryAuthorization({ mode: RequirementMode.VERIFY });
const MODES = [RequirementMode.APPLY, RequirementMode.VERIFY];

/** An aspect that runs `fn` on one construct. */
function on(target: IConstruct, fn: () => void): IAspect {
  return { visit: (node) => (node === target ? fn() : undefined) };
}

/** An app with a stack `stack` and a stack `inner` nested in it (or in the construct `parentOf` makes in it). */
function nestedStacks(parentOf: (outer: TerraformStack) => Construct = (outer) => outer) {
  const app = Testing.app();
  const outer = newStack({ app, project: 'my-project' });
  const inner = new TerraformStack(parentOf(outer), 'inner');
  new GoogleProvider(inner, 'google', { project: 'my-project' });
  return { app, outer, inner };
}

describe('RequireBinaryAuthorization judges what the stack synthesizes', () => {
  describe('stack-level overrides', () => {
    test.each(MODES)('one that turns enforcement off is an error (%s)', (mode) => {
      // GIVEN
      const stack = newStack({ project: 'my-project' });
      v2Service(stack, 'Api', { useDefault: true });
      stack.addOverride('resource.google_cloud_run_v2_service.Api.binary_authorization.use_default', false);
      // WHEN
      Aspects.of(stack).add(new RequireBinaryAuthorization({ mode }));
      // THEN
      expect(() => synthValidated(stack)).toThrow(
        /\[stack\] \[google_cloud_run_v2_service\.Api\] invalid 'binary_authorization' \{"use_default":false\}: Binary Authorization is turned off explicitly; .* \(in the synthesized configuration: a later aspect or a stack-level override changed the resource after RequireBinaryAuthorization visited it\)/,
      );
    });

    test('one that removes the block APPLY added is an error', () => {
      const stack = newStack({ project: 'my-project' });
      v2Job(stack, 'job');
      stack.addOverride('resource.google_cloud_run_v2_job.job.binary_authorization', undefined);
      Aspects.of(stack).add(new RequireBinaryAuthorization());
      expect(() => synthValidated(stack)).toThrow(
        /\[google_cloud_run_v2_job\.job\] invalid 'binary_authorization' \(not set\): Binary Authorization is not enforced: it was removed after RequirementMode\.APPLY turned it on/,
      );
    });

    test('one that empties the v1 annotation is an error', () => {
      const stack = newStack({ project: 'my-project' });
      v1Service(stack, 'legacy');
      stack.addOverride('resource.google_cloud_run_service.legacy.metadata.annotations', {
        'run.googleapis.com/binary-authorization': '',
      });
      Aspects.of(stack).add(new RequireBinaryAuthorization());
      expect(() => synthValidated(stack)).toThrow(/\[google_cloud_run_service\.legacy\] .*turned off explicitly/);
    });

    test('one that keeps enforcement, or deletes the resource, passes', () => {
      const stack = newStack({ project: 'my-project' });
      v2Service(stack, 'kept');
      v2Service(stack, 'gone');
      stack.addOverride('resource.google_cloud_run_v2_service.kept.labels', { team: 'a' });
      stack.addOverride('resource.google_cloud_run_v2_service.gone', undefined);
      Aspects.of(stack).add(new RequireBinaryAuthorization());
      const json = synthValidated(stack);
      expect(resourceOf(json, 'google_cloud_run_v2_service', 'kept').binary_authorization).toStrictEqual({
        use_default: true,
      });
    });

    test('one that enforces what the resource lacks passes VERIFY only if the visit saw it too', () => {
      // The visit reports what it sees; the override fixes it only in the final JSON: still an error, once.
      const stack = newStack({ project: 'my-project' });
      v2Service(stack, 'Api');
      stack.addOverride('resource.google_cloud_run_v2_service.Api.binary_authorization.use_default', true);
      Aspects.of(stack).add(verify());
      expect(() => synthValidated(stack)).toThrow(/not enforced \(RequirementMode\.VERIFY\)/);
    });

    test.each(MODES)('a Cloud Run resource that only an override holds is judged (%s)', (mode) => {
      const stack = newStack({ project: 'my-project' });
      stack.addOverride('resource.google_cloud_run_v2_service.sneaky', {
        name: 'sneaky',
        location: 'us-central1',
        template: { containers: [{ image: 'docker.io/evil/x' }] },
      });
      Aspects.of(stack).add(new RequireBinaryAuthorization({ mode }));
      expect(() => synthValidated(stack)).toThrow(
        /\[stack\] \[google_cloud_run_v2_service\.sneaky\] invalid 'binary_authorization' \(not set\): Binary Authorization is not enforced.* \(the resource exists only as a stack-level override, stack\.addOverride\('resource\.google_cloud_run_v2_service\.sneaky', …\), which no construct holds and which cannot be exempted; define it as a construct\)/,
      );
    });

    test('an override-only resource that enforces passes, with its break-glass warned', () => {
      const stack = newStack({ project: 'my-project' });
      stack.addOverride('resource.google_cloud_run_v2_job.extra', {
        name: 'extra',
        location: 'us-central1',
        template: { template: { containers: [{ image: IMAGE }] } },
        binary_authorization: { use_default: true, breakglass_justification: 'INC-5' },
      });
      Aspects.of(stack).add(verify());
      expect(() => synthValidated(stack)).not.toThrow();
      expect(warningsOf(stack)).toContain(
        '[binauthz:breakglass] Binary Authorization break-glass, set on the resource rather than with BinaryAuthorization.breakglass: INC-5',
      );
    });

    test.each([
      ['a token for a whole resource', 'resource.google_cloud_run_v2_service.Api', 'token'],
      ['a list for a resource type', 'resource.google_cloud_run_v2_service', [1]],
    ])('%s cannot be read: an error', (_what, path, value) => {
      const stack = newStack({ project: 'my-project' });
      v2Service(stack, 'Api', { useDefault: true });
      const token = new TerraformVariable(stack, 'v', { type: 'any' }).value;
      stack.addOverride(path, value === 'token' ? token : value);
      Aspects.of(stack).add(verify());
      expect(() => synthValidated(stack)).toThrow(
        /the stack-level override of "resource\.google_cloud_run_v2_service.*" is not an object/,
      );
    });
  });

  describe('later aspects', () => {
    test('an aspect added after VERIFY that turns enforcement off is an error', () => {
      const stack = newStack({ project: 'my-project' });
      const service = v2Service(stack, 'Api', { useDefault: true });
      Aspects.of(stack).add(verify());
      Aspects.of(stack).add(on(service, () => service.addOverride('binary_authorization.use_default', false)));
      expect(() => synthValidated(stack)).toThrow(/\[google_cloud_run_v2_service\.Api\] .*turned off explicitly/);
    });

    test("a third-party construct's own aspect, which runs after the stack's, is caught in APPLY", () => {
      const stack = newStack({ project: 'my-project' });
      const vendor = new Construct(stack, 'vendor');
      const service = v2Service(vendor, 'svc');
      Aspects.of(vendor).add(on(service, () => service.addOverride('binary_authorization', undefined)));
      Aspects.of(stack).add(new RequireBinaryAuthorization());
      expect(() => synthValidated(stack)).toThrow(/removed after RequirementMode\.APPLY turned it on/);
    });

    test.each(MODES)('a Cloud Run resource created by a later aspect is judged (%s)', (mode) => {
      const stack = newStack({ project: 'my-project' });
      const first = v2Service(stack, 'first', { useDefault: true });
      Aspects.of(stack).add(new RequireBinaryAuthorization({ mode }));
      Aspects.of(stack).add(on(first, () => v2Service(stack, 'late')));
      expect(() => synthValidated(stack)).toThrow(
        /\[google_cloud_run_v2_service\.late\] invalid 'binary_authorization' \(not set\): .* \(RequireBinaryAuthorization never visited this resource: another aspect created it after the aspect ran\)/,
      );
    });

    test('a change that keeps enforcement passes, and what the visit reported is not reported twice', () => {
      const stack = newStack({ project: 'my-project' });
      const service = v2Service(stack, 'Api', { useDefault: false });
      Aspects.of(stack).add(verify());
      Aspects.of(stack).add(on(service, () => service.addOverride('labels', { team: 'a' })));
      let message = '';
      try {
        synthValidated(stack);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message.match(/turned off explicitly/g)).toHaveLength(1);
      expect(message).toMatch(/\[stack\/Api\] \[google_cloud_run_v2_service\.Api\]/);
    });
  });

  describe('moved resources', () => {
    test('a resource moved away is not synthesized, so not judged; the one it moved to is', () => {
      const stack = newStack({ project: 'my-project' });
      const old = v2Service(stack, 'Old');
      const renamed = v2Service(stack, 'New', { useDefault: true });
      renamed.addMoveTarget('new');
      old.moveTo('new');
      Aspects.of(stack).add(verify());
      const json = synthValidated(stack);
      expect(Object.keys(json.resource.google_cloud_run_v2_service)).toEqual(['New']);
      expect(json.moved).toEqual([{ from: 'google_cloud_run_v2_service.Old', to: 'google_cloud_run_v2_service.New' }]);
    });

    test('the resource moved to is judged as any other', () => {
      const stack = newStack({ project: 'my-project' });
      const old = v2Service(stack, 'Old', { useDefault: true });
      v2Service(stack, 'New').addMoveTarget('new');
      old.moveTo('new');
      Aspects.of(stack).add(verify());
      expect(() => synthValidated(stack)).toThrow(
        /\[google_cloud_run_v2_service\.New\] invalid 'binary_authorization' \(not set\): Binary Authorization is not enforced/,
      );
    });
  });

  describe('lifecycle.ignore_changes', () => {
    test.each<[string, string[] | 'all']>([
      ['the block', ['binary_authorization']],
      ['use_default', ['binary_authorization[0].use_default']],
      ['all', 'all'],
    ])('covering the v2 setting (%s) is an error in both modes', (_what, ignoreChanges) => {
      for (const mode of MODES) {
        const stack = newStack({ project: 'my-project' });
        const service = v2Service(stack, 'Api', { useDefault: true });
        service.lifecycle = { ignoreChanges };
        Aspects.of(stack).add(new RequireBinaryAuthorization({ mode }));
        expect(() => synthValidated(stack)).toThrow(
          /\[google_cloud_run_v2_service\.Api\] invalid 'lifecycle\.ignore_changes' ".*": Terraform ignores changes to the Binary Authorization setting, .*; remove ".*" from ignore_changes, or exempt the resource/,
        );
      }
    });

    test('metadata[0].annotations on a v1 service is an error, even where APPLY wrote the annotation', () => {
      const stack = newStack({ project: 'my-project' });
      const legacy = v1Service(stack, 'legacy');
      legacy.lifecycle = { ignoreChanges: ['metadata[0].annotations'] };
      Aspects.of(stack).add(new RequireBinaryAuthorization());
      expect(() => synthValidated(stack)).toThrow(
        /\[google_cloud_run_service\.legacy\] invalid 'lifecycle\.ignore_changes' "metadata\[0\]\.annotations"/,
      );
    });

    test('set by an override, and on an override-only resource, it is an error too', () => {
      const stack = newStack({ project: 'my-project' });
      const service = v2Service(stack, 'Api', { useDefault: true });
      service.addOverride('lifecycle.ignore_changes', ['binary_authorization']);
      Aspects.of(stack).add(verify());
      expect(() => synthValidated(stack)).toThrow(/invalid 'lifecycle\.ignore_changes' "binary_authorization"/);
    });

    test('other entries pass, and an exempt resource may ignore anything', () => {
      const stack = newStack({ project: 'my-project' });
      const service = v2Service(stack, 'Api', { useDefault: true });
      service.lifecycle = {
        ignoreChanges: ['labels', 'template[0].containers[0].image', 'template[0].scaling'],
      };
      const exempt = v2Service(stack, 'exempt');
      exempt.lifecycle = { ignoreChanges: 'all' };
      RequireBinaryAuthorization.exempt(exempt, 'legacy, SEC-9');
      Aspects.of(stack).add(verify());
      expect(() => synthValidated(stack)).not.toThrow();
    });
  });

  describe('modules', () => {
    test.each(MODES)('a module in scope is an error (%s)', (mode) => {
      const stack = newStack({ project: 'my-project' });
      new TerraformHclModule(stack, 'run', { source: 'GoogleCloudPlatform/cloud-run/google', variables: {} });
      Aspects.of(stack).add(new RequireBinaryAuthorization({ mode }));
      expect(() => synthValidated(stack)).toThrow(
        /\[stack\/run\] invalid 'source' "GoogleCloudPlatform\/cloud-run\/google": RequireBinaryAuthorization cannot verify what a module deploys .*; exempt it with RequireBinaryAuthorization\.exempt\(module, reason\)/,
      );
    });

    test('a module call that only a stack-level override holds is an error', () => {
      const stack = newStack({ project: 'my-project' });
      const held = new TerraformHclModule(stack, 'held', { source: 'terraform-google-modules/network/google' });
      RequireBinaryAuthorization.exempt(held, 'deploys only a VPC');
      stack.addOverride('module.held.version', '9.0.0');
      stack.addOverride('module.hidden', { source: 'GoogleCloudPlatform/cloud-run/google' });
      Aspects.of(stack).add(verify());
      let message = '';
      try {
        synthValidated(stack);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(
        /\[module\.hidden\] a module call that exists only as a stack-level override, stack\.addOverride\('module\.hidden', …\): RequireBinaryAuthorization cannot verify what a module deploys/,
      );
      expect(message).not.toMatch(/module\.held/);
    });

    test('an exempt module, or one out of scope, passes', () => {
      const stack = newStack({ project: 'my-project' });
      const inScope = new Construct(stack, 'checked');
      new TerraformHclModule(stack, 'outside', { source: 'terraform-google-modules/network/google' });
      const module = new TerraformHclModule(inScope, 'network', { source: 'terraform-google-modules/network/google' });
      RequireBinaryAuthorization.exempt(module, 'deploys only a VPC');
      Aspects.of(inScope).add(verify());
      expect(() => synthValidated(stack)).not.toThrow();
      expect(warningsOf(module)).toHaveLength(1);
    });
  });

  describe('scope', () => {
    test('an aspect on a construct judges only that construct, finally too', () => {
      const stack = newStack({ project: 'my-project' });
      const team = new Construct(stack, 'team');
      v2Service(stack, 'outside');
      const inside = v2Service(team, 'inside', { useDefault: true });
      Aspects.of(team).add(verify());
      // the resource's own aspect runs after the one it inherits from its parent
      Aspects.of(inside).add(on(inside, () => inside.addOverride('binary_authorization.use_default', false)));
      expect(() => synthValidated(stack)).toThrow(/google_cloud_run_v2_service\.team_inside_[0-9A-F]+\] .*turned off/);
      const json = synthRaw(stack);
      expect(Object.keys(json.resource.google_cloud_run_v2_service)).toHaveLength(2);
    });

    test('an aspect on an outer stack judges a nested stack, which gets enforcement', () => {
      const { app, outer, inner } = nestedStacks();
      v2Service(inner, 'Inner');
      Aspects.of(outer).add(new RequireBinaryAuthorization());
      expect(() => app.synth()).not.toThrow();
      expect(
        resourceOf(synthValidated(inner), 'google_cloud_run_v2_service', 'Inner').binary_authorization,
      ).toStrictEqual({ use_default: true });
    });

    test("VERIFY on an outer stack reports the nested stack's resources, not a misplaced aspect", () => {
      const { app, outer, inner } = nestedStacks();
      v2Service(inner, 'Inner');
      Aspects.of(outer).add(verify());
      expect(() => app.synth()).toThrow(
        /\[stack\/inner\/Inner\] \[google_cloud_run_v2_service\.Inner\] invalid 'binary_authorization' \(not set\)/,
      );
      expect(() => app.synth()).not.toThrow(/above the stacks/);
    });

    test('an aspect on the App is still reported when the library is used only in a nested stack', () => {
      const { app, inner } = nestedStacks();
      RequireBinaryAuthorization.exempt(v2Service(inner, 'Inner'), 'demo');
      Aspects.of(app).add(verify());
      expect(() => app.synth()).toThrow(/\[stack\] RequireBinaryAuthorization was added to the App, above the stacks/);
    });

    test('an aspect on a construct between an outer and a nested stack runs, and is not reported', () => {
      const { app, inner } = nestedStacks((o) => new Construct(o, 'between'));
      const between = inner.node.scope!;
      v2Service(inner, 'Inner');
      Aspects.of(between).add(new RequireBinaryAuthorization());
      expect(() => app.synth()).not.toThrow();
      expect(resourceOf(synthRaw(inner), 'google_cloud_run_v2_service', 'Inner').binary_authorization).toStrictEqual({
        use_default: true,
      });
    });
  });
});
