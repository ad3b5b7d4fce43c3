/**
 * Every problem at once: invalid values given to a construct are reported when the app is synthesized, all
 * of them in one failure, instead of one thrown error per run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AnnotationMetadataEntryType, App, Aspects, Testing } from 'cdktf';
import {
  AdmissionRule,
  BinauthzErrors,
  BinaryAuthorizationPolicy,
  CloudRunBinaryAuthorizationGuardrail,
  DeploymentPath,
  RequireBinaryAuthorization,
  RequirementMode,
} from '../src';
import { newStack, reportedAtSynth, synthRaw } from './support';
import { v2Service } from './support/workloads';

const BAD_PATTERNS = ['gcr.io/my-project/app:latest', 'my-project/app', 'gcr.io/my-project/n*x'];

/** A message without its fix: up to the value. */
function withoutFix(message: string): string {
  return message.slice(0, message.indexOf('": ') + 1);
}

/** The error `fn` throws. */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('every problem at once', () => {
  test('three bad allowlist patterns: the calls return, and synth fails once naming all three', () => {
    // GIVEN
    const stack = newStack();
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    // WHEN
    for (const pattern of BAD_PATTERNS) {
      expect(() => policy.addAllowlistPattern(pattern)).not.toThrow();
    }
    policy.addAllowlistPattern('us-docker.pkg.dev/my-project/apps/api@*');
    // THEN one failure, naming the three in the order they were added
    const failure = thrown(() => Testing.synth(stack, true));
    const lines = failure.message.split('\n').filter((line) => line.includes("invalid 'pattern'"));
    expect(lines).toEqual([
      expect.stringMatching(
        /^ {2}\[stack\/Policy\] invalid 'pattern' "gcr.io\/my-project\/app:latest": Cloud Run does not accept tags/,
      ),
      expect.stringMatching(
        /^ {2}\[stack\/Policy\] invalid 'pattern' "my-project\/app": a pattern starts with a registry host/,
      ),
      expect.stringMatching(/^ {2}\[stack\/Policy\] invalid 'pattern' "gcr.io\/my-project\/n\*x": a wildcard/),
    ]);
    // the bad patterns are left out, the good one stays
    expect(policy.allowlistPatterns).toEqual(['us-docker.pkg.dev/my-project/apps/api@*']);
    const [rendered] = Object.values<any>(synthRaw(stack).resource.google_binary_authorization_policy);
    expect(rendered.admission_whitelist_patterns).toEqual([
      { name_pattern: 'us-docker.pkg.dev/my-project/apps/api@*' },
    ]);
  });

  test('callers still get the errors, with their type and fields', () => {
    const stack = newStack();
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    BAD_PATTERNS.forEach((p) => policy.addAllowlistPattern(p));
    const errors = BinauthzErrors.reportedIn(stack);
    expect(errors.map((e) => BinauthzErrors.isValidationError(e))).toEqual([true, true, true]);
    expect(errors.map(({ constructPath, property, value }) => ({ constructPath, property, value }))).toEqual(
      BAD_PATTERNS.map((p) => ({ constructPath: 'stack/Policy', property: 'pattern', value: JSON.stringify(p) })),
    );
    for (const error of errors) {
      expect(error.message).toBe(`[${error.constructPath}] invalid '${error.property}' ${error.value}: ${error.fix}`);
    }
    expect(BinauthzErrors.reportedIn(policy)).toEqual(errors);
    expect(BinauthzErrors.reportedIn(policy.node.defaultChild!)).toEqual([]);
    expect(() => BinauthzErrors.reportedIn('stack' as any)).toThrow(/invalid 'scope' "stack": expected a construct/);
  });

  test('a mix of invalid values across the props and methods of one policy, all reported', () => {
    const stack = newStack();
    const messages = reportedAtSynth(stack, () => {
      const policy = new BinaryAuthorizationPolicy(stack, 'Policy', {
        project: 'My_Project',
        description: 'costs ${var.x}',
        allowlistPatterns: ['gcr.io/my-project/app:latest'],
      });
      policy.allowDeploymentPath(DeploymentPath.CLOUD_RUN_ADMIN_API, { regions: ['US-EAST1', 'us_central1'] });
      policy.addClusterAdmissionRule('prod-cluster', AdmissionRule.denyAll());
    });
    expect(messages.map(withoutFix)).toEqual([
      `[stack/Policy] invalid 'project' "My_Project"`,
      `[stack/Policy] invalid 'description' "costs \${var.x}"`,
      `[stack/Policy] invalid 'allowlistPatterns' "gcr.io/my-project/app:latest"`,
      `[stack/Policy] invalid 'regions' "US-EAST1"`,
      `[stack/Policy] invalid 'regions' "us_central1"`,
      `[stack/Policy] invalid 'cluster' "prod-cluster"`,
    ]);
  });

  test('two constructs with errors in one stack, and in two stacks of one app: one failure names both', () => {
    // one stack
    const stack = newStack();
    new BinaryAuthorizationPolicy(stack, 'One', { project: 'one-project', allowlistPatterns: ['bad/one'] });
    new BinaryAuthorizationPolicy(stack, 'Two', { project: 'two-project', allowlistPatterns: ['bad/two'] });
    const inOneStack = thrown(() => Testing.synth(stack, true)).message;
    expect(inOneStack).toMatch(/\[stack\/One\] invalid 'allowlistPatterns' "bad\/one"/);
    expect(inOneStack).toMatch(/\[stack\/Two\] invalid 'allowlistPatterns' "bad\/two"/);

    // two stacks of one app: cdktf stops at the first stack that fails, which names the other's too
    const outdir = mkdtempSync(join(tmpdir(), 'every-problem-'));
    try {
      const app = new App({ outdir });
      for (const id of ['first', 'second']) {
        new BinaryAuthorizationPolicy(newStack({ app, id }), 'Policy', {
          project: `${id}-project`,
          allowlistPatterns: [`bad/${id}`],
        });
      }
      const failure = thrown(() => app.synth()).message;
      expect(failure.match(/Validation failed/g)).toHaveLength(1);
      expect(failure).toMatch(/\[first\/Policy\] invalid 'allowlistPatterns' "bad\/first"/);
      expect(failure).toMatch(/\[second\/Policy\] invalid 'allowlistPatterns' "bad\/second".* \(in another stack\)/);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('a policy and a guardrail with errors in one stack: both reported', () => {
    const stack = newStack();
    const messages = reportedAtSynth(stack, () => {
      new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project', allowlistPatterns: ['bad/one'] });
      new CloudRunBinaryAuthorizationGuardrail(stack, 'Guardrail', { parent: 'folders/abc' });
    });
    expect(messages.map(withoutFix)).toEqual([
      `[stack/Policy] invalid 'allowlistPatterns' "bad/one"`,
      `[stack/Guardrail] invalid 'parent' "folders/abc"`,
    ]);
  });

  test('an app that skips validations still fails, and the errors carry no stack trace for the CLI to print', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'every-problem-'));
    const previous = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    try {
      // without the cdktf CLI: cdktf stops on the error annotations
      const app = new App({ outdir, skipValidation: true });
      const policy = new BinaryAuthorizationPolicy(newStack({ app }), 'Policy', { project: 'my-project' });
      BAD_PATTERNS.forEach((p) => policy.addAllowlistPattern(p));
      const failure = thrown(() => app.synth()).message;
      expect(failure).toMatch(/^Encountered Annotations with level "ERROR"/);
      expect(failure.match(/\[stack\/Policy\] invalid 'pattern'/g)).toHaveLength(3);

      // as the cdktf CLI runs the app: it prints each annotation of the manifest, and a stack trace if one is there
      process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = 'true';
      const cliApp = new App({ outdir, skipValidation: true });
      const cliPolicy = new BinaryAuthorizationPolicy(newStack({ app: cliApp }), 'Policy', { project: 'my-project' });
      BAD_PATTERNS.forEach((p) => cliPolicy.addAllowlistPattern(p));
      cliApp.synth();
      const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
      const annotations = manifest.stacks.stack.annotations.filter(
        (a: any) => a.level === AnnotationMetadataEntryType.ERROR,
      );
      expect(annotations.map((a: any) => [a.constructPath, withoutFix(a.message), a.stacktrace])).toEqual(
        BAD_PATTERNS.map((p) => ['stack/Policy', `invalid 'pattern' ${JSON.stringify(p)}`, undefined]),
      );
    } finally {
      if (previous === undefined) delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
      else process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = previous;
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  test("RequireBinaryAuthorization's errors carry no stack trace either", () => {
    const stack = newStack({ project: 'my-project' });
    const service = v2Service(stack, 'service');
    Aspects.of(stack).add(new RequireBinaryAuthorization({ mode: RequirementMode.VERIFY }));
    expect(() => Testing.synth(stack, true)).toThrow(/Binary Authorization is not enforced/);
    const errors = service.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.ERROR);
    expect(errors.map((m) => [typeof m.data, m.trace])).toEqual([['string', undefined]]);
  });

  test('what cannot wait is still thrown at once: a value of the wrong type, a helper without a construct', () => {
    const stack = newStack();
    const policy = new BinaryAuthorizationPolicy(stack, 'Policy', { project: 'my-project' });
    const wrongType = thrown(() => policy.addAllowlistPattern(42 as any));
    expect(BinauthzErrors.isValidationError(wrongType)).toBe(true);
    expect(wrongType.message).toBe("[stack/Policy] invalid 'pattern' 42: expected a string");
    expect(() => policy.evaluate('not an image')).toThrow(/invalid 'image'/);
    expect(() => AdmissionRule.requireAttestations('x' as any)).toThrow(/expected an array/);
    // also beside an invalid value of the right type
    expect(() => policy.addClusterAdmissionRule('bad', 'deny' as any)).toThrow(/invalid 'rule for cluster bad'/);
    expect(() =>
      policy.allowDeploymentPath(DeploymentPath.CLOUD_RUN_ADMIN_API, { regions: [], project: 7 as any }),
    ).toThrow(/invalid 'project' 7: expected a string/);
    expect(BinauthzErrors.reportedIn(stack).map((e) => e.message)).toEqual([
      expect.stringMatching(/invalid 'cluster' "bad"/),
    ]);
  });
});
