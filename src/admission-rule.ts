import { Construct, IConstruct } from 'constructs';
import { IAttestor } from './attestor';
import { checkAttestorName } from './core/names';
import { RuleModel } from './core/policy';
import { checkLiteral, invalidProp, requireArray, requireObject, requireOptionalEnum } from './private/errors';

/**
 * How an admission rule decides whether an image may be deployed.
 * @see https://cloud.google.com/binary-authorization/docs/reference/rest/v1/projects.attestors#evaluationmode
 */
export enum EvaluationMode {
  /** Every image is admitted. */
  ALWAYS_ALLOW = 'ALWAYS_ALLOW',
  /** Only images with valid attestations from every required attestor are admitted. */
  REQUIRE_ATTESTATION = 'REQUIRE_ATTESTATION',
  /** No image is admitted (allowlisted images excepted). */
  ALWAYS_DENY = 'ALWAYS_DENY',
}

/**
 * What happens when an image does not satisfy a rule.
 */
export enum EnforcementMode {
  /** The deployment is blocked and the decision is written to the audit log. */
  ENFORCED_BLOCK_AND_AUDIT_LOG = 'ENFORCED_BLOCK_AND_AUDIT_LOG',
  /**
   * Dry run: the deployment is admitted and the violation is only logged. Useful to roll a policy out;
   * it protects nothing.
   */
  DRYRUN_AUDIT_LOG_ONLY = 'DRYRUN_AUDIT_LOG_ONLY',
}

/**
 * Options common to every admission rule.
 */
export interface AdmissionRuleOptions {
  /**
   * What happens to an image that does not satisfy the rule.
   * @default EnforcementMode.ENFORCED_BLOCK_AND_AUDIT_LOG
   */
  readonly enforcementMode?: EnforcementMode;
}

/**
 * Defines an admission rule of a Binary Authorization policy: how images that no allowlist pattern
 * exempts are judged.
 *
 * Cloud Run evaluates the policy's default rule (and the allowlist) on every new revision of a service
 * and at every execution of a job.
 */
export class AdmissionRule {
  /**
   * Admits every image. Secure only for projects that rely on something else; prefer `denyAll` with an
   * allowlist, or `requireAttestations`.
   */
  public static allowAll(options: AdmissionRuleOptions = {}): AdmissionRule {
    return new AdmissionRule('AdmissionRule.allowAll', EvaluationMode.ALWAYS_ALLOW, [], options);
  }

  /** Denies every image that the allowlist does not exempt. */
  public static denyAll(options: AdmissionRuleOptions = {}): AdmissionRule {
    return new AdmissionRule('AdmissionRule.denyAll', EvaluationMode.ALWAYS_DENY, [], options);
  }

  /**
   * Admits only images that carry a valid attestation from each of the given attestors.
   * Attestors are referenced by their full resource name `projects/P/attestors/N`, so attestors in
   * other projects work.
   *
   * @param attestors at least one attestor
   */
  public static requireAttestations(attestors: IAttestor[], options: AdmissionRuleOptions = {}): AdmissionRule {
    const where = 'AdmissionRule.requireAttestations';
    requireArray(where, 'attestors', attestors);
    attestors.forEach((attestor, i) => checkAttestor(where, `attestors[${i}]`, attestor));
    return new AdmissionRule(where, EvaluationMode.REQUIRE_ATTESTATION, [...attestors], options);
  }

  /** How the rule evaluates images. */
  public readonly evaluationMode: EvaluationMode;
  /** What happens to images that do not satisfy the rule. */
  public readonly enforcementMode: EnforcementMode;
  private readonly requiredAttestors: IAttestor[];

  private constructor(
    where: string,
    evaluationMode: EvaluationMode,
    attestors: IAttestor[],
    options: AdmissionRuleOptions,
  ) {
    requireObject(where, 'options', options);
    requireOptionalEnum(where, 'enforcementMode', options.enforcementMode, 'EnforcementMode', EnforcementMode);
    this.evaluationMode = evaluationMode;
    this.enforcementMode = options.enforcementMode ?? EnforcementMode.ENFORCED_BLOCK_AND_AUDIT_LOG;
    this.requiredAttestors = attestors;
  }

  /** The attestors this rule requires (empty unless it requires attestations). */
  public get attestors(): IAttestor[] {
    return [...this.requiredAttestors];
  }

  /** @internal */
  public _toModel(): RuleModel {
    const ids = this.requiredAttestors.map((a) => a.attestorName);
    return {
      evaluationMode: this.evaluationMode,
      enforcementMode: this.enforcementMode,
      // One entry per attestor, in a stable order: the provider keeps them in a set.
      requireAttestationsBy: ids.filter((id, i) => ids.indexOf(id) === i),
    };
  }
}

/**
 * Refuses what is not an attestor construct with a full name, `projects/P/attestors/N`: a JavaScript caller
 * may pass an object of its own making, whose short name the provider would resolve against the policy's
 * own project. Also used by the policy for the attestors of rules of another copy of this library.
 */
export function checkAttestor(where: IConstruct | string, property: string, attestor: unknown): void {
  const name = (attestor as { attestorName?: unknown } | undefined)?.attestorName;
  if (!Construct.isConstruct(attestor) || typeof name !== 'string') {
    throw invalidProp(
      where,
      property,
      attestor,
      'expected an attestor (IAttestor), such as new Attestor(…) or Attestor.fromAttestorName(scope, id, "projects/P/attestors/N")',
    );
  }
  checkLiteral(where, `${property}.attestorName`, name, checkAttestorName);
}
