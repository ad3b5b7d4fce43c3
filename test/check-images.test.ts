import { CloudRunService } from '@cdktf/provider-google/lib/cloud-run-service';
import { CloudRunV2Job } from '@cdktf/provider-google/lib/cloud-run-v2-job';
import { CloudRunV2Service } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import {
  Aspects,
  TerraformIterator,
  TerraformStack,
  TerraformVariable,
  Testing,
  AnnotationMetadataEntryType,
} from 'cdktf';
import { Construct } from 'constructs';
import {
  AdmissionRule,
  Attestor,
  BinaryAuthorizationPolicy,
  EnforcementMode,
  RequireBinaryAuthorization,
} from '../src';
import { annotationsOf, errorsOf, newStack, warningsOf } from './support';

const D = 'a'.repeat(64);
const TRUSTED = `us-docker.pkg.dev/my-project/trusted/api@sha256:${D}`;

function service(scope: Construct, id: string, images: string[], props: object = {}) {
  return new CloudRunV2Service(scope, id, {
    name: id,
    location: 'us-central1',
    template: { containers: images.map((image, i) => ({ name: `c${i}`, image })) },
    ...props,
  });
}

/** A stack (provider project my-project) with a deny-all policy that allowlists the trusted repository. */
function denyAll(rule?: AdmissionRule): { stack: TerraformStack; policy: BinaryAuthorizationPolicy } {
  const stack = newStack({ project: 'my-project' });
  const policy = new BinaryAuthorizationPolicy(stack, 'Policy', {
    project: 'my-project',
    defaultAdmissionRule: rule,
    allowlistPatterns: ['us-docker.pkg.dev/my-project/trusted/**'],
  });
  Aspects.of(stack).add(new RequireBinaryAuthorization({ checkImages: true }));
  return { stack, policy };
}

describe('RequireBinaryAuthorization checkImages', () => {
  test('an image the policy denies fails synth, naming the workload, the image and a pattern that admits it', () => {
    // GIVEN
    const { stack } = denyAll();
    const svc = service(stack, 'api', [TRUSTED, 'docker.io/library/nginx:1.25']);
    // THEN
    expect(() => Testing.synth(stack, true)).toThrow(
      `[google_cloud_run_v2_service.api] invalid 'template.containers[1].image' "docker.io/library/nginx:1.25": the policy of project my-project ([stack/Policy]) denies this image (no allowlist pattern matches; the default rule is ALWAYS_DENY); deploy an image the policy admits, or allowlist this one with addAllowlistPattern("docker.io/library/nginx@*")`,
    );
    expect(errorsOf(svc)).toHaveLength(1);
  });

  test('catches a source-deployed service whose placeholder image a deny-all policy does not allowlist', () => {
    const { stack, policy } = denyAll();
    const source = service(stack, 'source', ['us-docker.pkg.dev/cloudrun/container/hello'], {
      buildConfig: { sourceLocation: 'gs://b/s.zip', functionTarget: 'handler' },
    });
    policy.allowDeploymentPathsFor(stack);
    expect(() => Testing.synth(stack, true)).toThrow(
      /\[google_cloud_run_v2_service\.source\] invalid 'template\.containers\[0\]\.image' "us-docker\.pkg\.dev\/cloudrun\/container\/hello": the policy of project my-project .* denies this image/,
    );
    expect(errorsOf(source)).toHaveLength(1);
  });

  test('admitted images pass; jobs, v1 services and every container are judged', () => {
    const { stack } = denyAll();
    service(stack, 'api', [TRUSTED, TRUSTED]);
    const job = new CloudRunV2Job(stack, 'job', {
      name: 'job',
      location: 'us-central1',
      template: { template: { containers: [{ image: `gcr.io/other-project/batch@sha256:${D}` }] } },
    });
    const legacy = new CloudRunService(stack, 'legacy', {
      name: 'legacy',
      location: 'us-central1',
      template: { spec: { containers: [{ image: TRUSTED }, { image: `gcr.io/other-project/sidecar:v1` }] } },
    });
    expect(() => Testing.synth(stack, true)).toThrow(
      /google_cloud_run_v2_job\.job\] invalid 'template\.template\.containers\[0\]\.image'/,
    );
    expect(errorsOf(job)).toHaveLength(1);
    expect(errorsOf(legacy)).toStrictEqual([
      expect.stringContaining(`invalid 'template.spec.containers[1].image' "gcr.io/other-project/sidecar:v1"`),
    ]);
  });

  test('an image that needs attestations is a warning, as is a rule in dry run', () => {
    const { stack } = denyAll(
      AdmissionRule.requireAttestations([
        Attestor.fromAttestorName(newStack({ project: 'my-project' }), 'A', 'projects/sec-project/attestors/ci'),
      ]),
    );
    const attested = service(stack, 'attested', [`gcr.io/other-project/app@sha256:${D}`]);
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(warningsOf(attested)).toStrictEqual([
      `[binauthz:attestation-required] template.containers[0].image gcr.io/other-project/app@sha256:${D}: the policy of project my-project ([stack/Policy]) admits it only with attestations by projects/sec-project/attestors/ci, which cannot be checked at synth time`,
    ]);

    const dry = denyAll(AdmissionRule.denyAll({ enforcementMode: EnforcementMode.DRYRUN_AUDIT_LOG_ONLY }));
    const logged = service(dry.stack, 'logged', [`gcr.io/other-project/app@sha256:${D}`]);
    expect(() => Testing.synth(dry.stack, true)).not.toThrow();
    expect(warningsOf(logged)).toStrictEqual([
      expect.stringMatching(/^\[binauthz:dry-run\] template.containers\[0\].image .* is in dry run and only logs it/),
    ]);
  });

  test('images known only at apply time, exempt workloads and workloads without a policy in the app are not judged', () => {
    const { stack } = denyAll();
    const image = new TerraformVariable(stack, 'image', { type: 'string' });
    const unknown = service(stack, 'unknown', [image.stringValue]);
    const exempt = service(stack, 'exempt', ['docker.io/library/nginx:1']);
    RequireBinaryAuthorization.exempt(exempt, 'a demo');
    const elsewhere = service(stack, 'elsewhere', ['docker.io/library/nginx:1'], { project: 'acme-other' });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(errorsOf(unknown)).toStrictEqual([]);
    expect(errorsOf(exempt)).toStrictEqual([]);
    expect(annotationsOf(elsewhere, AnnotationMetadataEntryType.INFO)).toStrictEqual([
      '[binauthz:unknown-value] images not checked (checkImages): no policy for project acme-other in the app',
    ]);
  });

  test('an image that is not an image reference fails synth', () => {
    const { stack } = denyAll();
    service(stack, 'bad', ['scratch']);
    expect(() => Testing.synth(stack, true)).toThrow(
      /\[google_cloud_run_v2_service\.bad\] invalid 'template\.containers\[0\]\.image' "scratch": "scratch" is not an image reference/,
    );
  });

  test('is off by default', () => {
    const stack = newStack({ project: 'my-project' });
    new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    Aspects.of(stack).add(new RequireBinaryAuthorization());
    service(stack, 'api', ['docker.io/library/nginx:1.25']);
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  describe('images set by an override merge into the list, as cdktf merges them', () => {
    test.each([
      [
        'by index',
        'template.containers.0.image',
        'docker.io/evil/x',
        /containers\[0\]\.image' "docker\.io\/evil\/x": .* denies this image/,
      ],
      [
        'by index, the second container',
        'template.containers.1.image',
        'docker.io/evil/y',
        /containers\[1\]\.image' "docker\.io\/evil\/y": .* denies this image/,
      ],
    ])('%s', (_what, path, image, message) => {
      const { stack } = denyAll();
      const svc = service(stack, 'api', [TRUSTED, TRUSTED]);
      svc.addOverride(path, image);
      expect(() => Testing.synth(stack, true)).toThrow(message);
      const json = JSON.parse(Testing.synth(stack));
      expect(JSON.stringify(json.resource.google_cloud_run_v2_service.api.template)).toContain(image);
    });

    test('an override that keeps the trusted image passes', () => {
      const { stack } = denyAll();
      const svc = service(stack, 'api', [TRUSTED]);
      svc.addOverride('template.containers.0.name', 'main');
      expect(() => Testing.synth(stack, true)).not.toThrow();
      expect(errorsOf(svc)).toStrictEqual([]);
    });
  });
});

describe('RequireBinaryAuthorization checkImages: expressions of one instance', () => {
  test('a policy and a service whose projects are each.key of their own for_each: not judged by each other', () => {
    // GIVEN
    const stack = newStack();
    const policies = TerraformIterator.fromMap({ p1: 'x' });
    const services = TerraformIterator.fromMap({ p2: 'y' });
    new BinaryAuthorizationPolicy(stack, 'Policy', { project: policies.key });
    const svc = service(stack, 'api', ['docker.io/library/nginx:1.25'], { forEach: services, project: services.key });
    Aspects.of(stack).add(new RequireBinaryAuthorization({ checkImages: true }));
    // WHEN
    Testing.synth(stack, true);
    // THEN: not denied by the other resource's policy; said to be unchecked
    expect(errorsOf(svc)).toEqual([]);
    expect(annotationsOf(svc, AnnotationMetadataEntryType.INFO)).toContainEqual(
      expect.stringContaining('images not checked (checkImages): no policy for project'),
    );
  });

  test('two reads of one variable are still one project', () => {
    const stack = newStack();
    const project = new TerraformVariable(stack, 'project', { type: 'string' });
    new BinaryAuthorizationPolicy(stack, 'Policy', { project: project.stringValue });
    const svc = service(stack, 'api', ['docker.io/library/nginx:1.25'], { project: project.stringValue });
    Aspects.of(stack).add(new RequireBinaryAuthorization({ checkImages: true }));
    expect(() => Testing.synth(stack, true)).toThrow(/the policy of project .* denies this image/);
    expect(errorsOf(svc)).toHaveLength(1);
  });
});
