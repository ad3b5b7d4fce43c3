import { Construct } from 'constructs';
import { ALLOWED_POLICIES_CONSTRAINT } from './core/cloud-run';
import { checkOrgPolicyParent } from './core/names';
import { checkConstruct } from './private/aspect-placement';
import { checkLiteralAtSynth, requireOptionalBoolean } from './private/errors';
import { claimSingleton } from './private/singletons';
import { addWarning } from './private/warnings';

/** The parent a guardrail claims: a parent has one organization policy per constraint. */
const GUARDRAIL_PARENT = Symbol.for('cdktf-gcp-binauthz.CloudRunBinaryAuthorizationGuardrail.parent');

/**
 * Properties of a `CloudRunBinaryAuthorizationGuardrail`.
 */
export interface CloudRunBinaryAuthorizationGuardrailProps {
  /**
   * Where the guardrail applies, with everything below it: `projects/PROJECT_ID` (or the project
   * number), `folders/FOLDER_NUMBER` or `organizations/ORGANIZATION_NUMBER`. Another string is reported
   * when the app is synthesized (with every other invalid value of the app), not thrown.
   */
  readonly parent: string;

  /**
   * Only audit what would be refused, without refusing it: the rule is written as the policy's
   * `dry_run_spec` and no `spec` is set. Whether the Organization Policy Service supports dry run for
   * this (legacy, list) constraint is UNCONFIRMED; if it does not, the apply fails, and nothing is
   * enforced either way. A guardrail in dry run is a synth warning (`binauthz:dry-run`).
   * @default false
   */
  readonly dryRun?: boolean;
}

/**
 * Defines an organization policy that requires Binary Authorization for every Cloud Run service and job
 * under a project, folder or organization, however they are deployed (this stack, gcloud, the console,
 * other repositories): the list constraint `constraints/run.allowedBinaryAuthorizationPolicies` with the
 * single allowed value `default`, the policy of the resource's own project.
 *
 * The deploy-side aspect checks only the resources of a stack; this guardrail is enforced by Google for
 * all of them. Setting it needs `roles/orgpolicy.policyAdmin` on the parent.
 *
 * @see https://cloud.google.com/binary-authorization/docs/run/requiring-binauthz-cloud-run
 */
export class CloudRunBinaryAuthorizationGuardrail extends Construct {
  /**
   * The organization policy's name, `PARENT/policies/run.allowedBinaryAuthorizationPolicies`.
   * @attribute
   */
  public readonly policyName: string;

  constructor(scope: Construct, id: string, props: CloudRunBinaryAuthorizationGuardrailProps) {
    super(scope, id);
    checkConstruct(this, props);
    // An invalid parent is reported at synth, with every other invalid value of the app (see `reportInvalid`).
    checkLiteralAtSynth(this, 'parent', props.parent, checkOrgPolicyParent);
    requireOptionalBoolean(this, 'dryRun', props.dryRun);
    claimSingleton(
      this,
      GUARDRAIL_PARENT,
      'parent',
      props.parent,
      (other) =>
        `[${other}] already sets this organization policy for the same parent, and a parent has one policy per constraint (the second would overwrite the first); define the guardrail once`,
    );
    this.policyName = `${props.parent}/policies/${ALLOWED_POLICIES_CONSTRAINT}`;
    if (props.dryRun === true) {
      addWarning(
        this,
        'dry-run',
        `the guardrail ${this.policyName} is in dry run: Cloud Run services and jobs without Binary Authorization are only audited, not refused; remove dryRun to enforce it`,
      );
    }
    const spec = { rules: [{ values: { allowedValues: ['default'] } }] };
    // Loaded here, not at the top: the organization policy class is the largest the library uses (220 KB), and a
    // stack without a guardrail, which is most of them, should not load it on every synth.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { OrgPolicyPolicy } =
      require('@cdktf/provider-google/lib/org-policy-policy') as typeof import('@cdktf/provider-google/lib/org-policy-policy');
    /* eslint-enable @typescript-eslint/no-require-imports */
    new OrgPolicyPolicy(this, 'Resource', {
      parent: props.parent,
      name: this.policyName,
      spec: props.dryRun ? undefined : spec,
      dryRunSpec: props.dryRun ? spec : undefined,
    });
  }
}
