import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { CloudRunBinaryAuthorizationGuardrail } from '../src';
import { bodiesOf, newStack, reportedAtSynth, synthValidated, warningsOf } from './support';

const ORG_POLICY = 'google_org_policy_policy';

describe('CloudRunBinaryAuthorizationGuardrail', () => {
  test.each([
    ['a project', 'projects/my-project'],
    ['a project number', 'projects/123456789012'],
    ['a folder', 'folders/1234567890'],
    ['an organization', 'organizations/987654321'],
  ])('allows only the default policy under %s', (_kind, parent) => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const guardrail = new CloudRunBinaryAuthorizationGuardrail(stack, 'Guardrail', { parent });
    // THEN
    const json = synthValidated(stack);
    expect(json.resource[ORG_POLICY]).toMatchSnapshot();
    expect(bodiesOf(json, ORG_POLICY)).toEqual([
      {
        parent,
        name: `${parent}/policies/run.allowedBinaryAuthorizationPolicies`,
        spec: { rules: [{ values: { allowed_values: ['default'] } }] },
      },
    ]);
    expect(guardrail.policyName).toBe(`${parent}/policies/run.allowedBinaryAuthorizationPolicies`);
    expect(guardrail.node.defaultChild?.node.id).toBe('Resource');
  });

  test('a dry run writes the rule as dry_run_spec only', () => {
    const stack = newStack();
    new CloudRunBinaryAuthorizationGuardrail(stack, 'Guardrail', { parent: 'folders/1234567890', dryRun: true });
    const [body] = bodiesOf(synthValidated(stack), ORG_POLICY);
    expect(body.dry_run_spec).toEqual({ rules: [{ values: { allowed_values: ['default'] } }] });
    expect(body.spec).toBeUndefined();
  });

  test('a dry run is a warning; an enforced guardrail is not', () => {
    const stack = newStack();
    const dry = new CloudRunBinaryAuthorizationGuardrail(stack, 'Dry', { parent: 'folders/1', dryRun: true });
    const enforced = new CloudRunBinaryAuthorizationGuardrail(stack, 'Enforced', { parent: 'folders/2' });
    expect(warningsOf(dry)).toStrictEqual([
      '[binauthz:dry-run] the guardrail folders/1/policies/run.allowedBinaryAuthorizationPolicies is in dry run: Cloud Run services and jobs without Binary Authorization are only audited, not refused; remove dryRun to enforce it',
    ]);
    expect(warningsOf(enforced)).toStrictEqual([]);
  });

  test('one guardrail per parent: other parents, and variables of other stacks, are fine', () => {
    // GIVEN
    const app = Testing.app();
    const stack = newStack({ app });
    const other = newStack({ app, id: 'other' });
    const parent = (s: TerraformStack) => new TerraformVariable(s, 'parent', { type: 'string' }).stringValue;
    // WHEN
    new CloudRunBinaryAuthorizationGuardrail(stack, 'Org', { parent: 'organizations/123' });
    new CloudRunBinaryAuthorizationGuardrail(stack, 'Folder', { parent: 'folders/123' });
    new CloudRunBinaryAuthorizationGuardrail(stack, 'Var', { parent: parent(stack) });
    new CloudRunBinaryAuthorizationGuardrail(other, 'Var', { parent: parent(other) });
    // THEN
    expect(bodiesOf(synthValidated(stack), ORG_POLICY)).toHaveLength(3);
    expect(bodiesOf(synthValidated(other), ORG_POLICY)).toHaveLength(1);
  });

  test('a parent that is a token is kept as it is', () => {
    const stack = newStack();
    const folder = new TerraformVariable(stack, 'folder', { type: 'string' });
    new CloudRunBinaryAuthorizationGuardrail(stack, 'Guardrail', { parent: folder.stringValue });
    const [body] = bodiesOf(synthValidated(stack), ORG_POLICY);
    expect(body.parent).toBe('${var.folder}');
    expect(body.name).toBe('${var.folder}/policies/run.allowedBinaryAuthorizationPolicies');
  });

  test.each([
    'my-project',
    'projects/My_Project',
    'folders/abc',
    'organizations/',
    'billingAccounts/123',
    'projects/my-project/x',
  ])('fails on the invalid parent %j, at synth', (parent) => {
    const stack = newStack();
    expect(
      reportedAtSynth(stack, () => {
        new CloudRunBinaryAuthorizationGuardrail(stack, 'Guardrail', { parent });
      }),
    ).toEqual([
      expect.stringMatching(
        /^\[stack\/Guardrail\] invalid 'parent' ".*": a parent is "projects\/PROJECT_ID" \(or its number\), "folders\/FOLDER_NUMBER" or "organizations\/ORGANIZATION_NUMBER"/,
      ),
    ]);
  });

  test('a parent that is not a string is refused at once', () =>
    expect(() => new CloudRunBinaryAuthorizationGuardrail(newStack(), 'Guardrail', { parent: 42 as any })).toThrow(
      /^\[stack\/Guardrail\] invalid 'parent' 42: expected a string/,
    ));
});
