import {
  BinaryAuthorizationPolicy as PolicyResource,
  BinaryAuthorizationPolicyClusterAdmissionRules,
} from '@cdktf/provider-google/lib/binary-authorization-policy';
import { dependable, IResolveContext, Lazy, TerraformResource, TerraformStack, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { AdmissionDecision, AdmissionVerdict, EvaluateOptions } from './admission-decision';
import { AdmissionRule, checkAttestor, EnforcementMode, EvaluationMode } from './admission-rule';
import type { AttestorKeys } from './core/attestation-keys';
import type { AttestationIndex } from './core/attestation-verify';
import { DEFAULT_REPOSITORY, repositoryPattern } from './core/deployment-path';
import { CompiledPolicy, compilePolicy, evaluateCompiled } from './core/evaluate';
import { parseImageReference } from './core/image';
import { checkAttestorName, checkClusterKey, checkProjectId, checkRegion } from './core/names';
import { AllowlistPattern, parseAllowlistPattern } from './core/pattern';
import { checkAttestorCount, checkRequiredAttestors, isInterpolated, PolicyModel, RuleModel } from './core/policy';
import { lintParsedPattern, NO_PREVENT_DESTROY, ruleFindings, RuleFinding } from './core/policy-findings';
import { DeploymentPath, DeploymentPathOptions } from './deployment-path';
import { checkConstruct } from './private/aspect-placement';
import {
  checkLiteral,
  checkLiteralAtSynth,
  checkOptionalFreeTextAtSynth,
  invalidProp,
  parses,
  reportInvalid,
  requireArray,
  requireEnum,
  requireObject,
  requireOptionalBoolean,
  requireString,
  terraformExpression,
} from './private/errors';
import { discoverFunctionPatterns, DiscoveredPatterns, imagePath } from './private/function-discovery';
import { BINAUTHZ_API, enableProjectServices } from './private/project-services';
import { providerProjects } from './private/projects';
import { claimSingleton, sameAtSynth, sameValue } from './private/singletons';
import { addWarning } from './private/warnings';

const POLICY_MARKER = Symbol.for('cdktf-gcp-binauthz.BinaryAuthorizationPolicy');
/** The project a policy claims: a project has one policy. */
const POLICY_PROJECT = Symbol.for('cdktf-gcp-binauthz.BinaryAuthorizationPolicy.project');

/**
 * Properties of a `BinaryAuthorizationPolicy`.
 */
export interface BinaryAuthorizationPolicyProps {
  /**
   * The project whose policy this is. A project has exactly one policy.
   */
  readonly project: string;

  /**
   * A description of the policy.
   * @default - no description
   */
  readonly description?: string;

  /**
   * The rule for every image that no allowlist pattern exempts.
   * @default - `AdmissionRule.denyAll()`: deny every image that is not allowlisted, enforced
   */
  readonly defaultAdmissionRule?: AdmissionRule;

  /**
   * Image name patterns exempt from the policy, such as `us-docker.pkg.dev/my-project/trusted/**` or
   * `gcr.io/my-project/app@*`. More can be added with `addAllowlistPattern`.
   * @default - none
   */
  readonly allowlistPatterns?: string[];

  /**
   * Whether Google-maintained system images are exempt (`globalPolicyEvaluationMode`).
   * Google applies this to GKE (and Distributed Cloud) only; Cloud Run ignores it.
   * @default - not set: the API's own default applies
   */
  readonly globalPolicyEvaluation?: boolean;

  /**
   * Adopt the project's existing policy instead of overwriting it blindly: emits a Terraform `import`
   * block (Terraform 1.5 or later) for `projects/PROJECT_ID`, so that the first plan shows the difference
   * between the live policy and this one. Remove it once the policy is in the state (it is harmless to
   * keep). Needs a literal project id.
   * @default false
   */
  readonly adoptExisting?: boolean;

  /**
   * Enable the Binary Authorization API (`binaryauthorization.googleapis.com`) in the project, with a
   * `google_project_service` that the policy depends on and that never disables the API on destroy. A
   * `google_project_service` for the same project and API already in the stack is reused.
   * @default false
   */
  readonly enableApis?: boolean;

  /**
   * Whether Terraform refuses to destroy the policy (`lifecycle.prevent_destroy`). The policy is a
   * per-project singleton: destroying it does not remove it but resets the project to Google's default
   * policy, which admits every image. Opt out only for throwaway projects.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * Defines the Binary Authorization policy of a project: the default admission rule, its enforcement
 * mode and the allowlist of exempt images.
 *
 * Secure by default: without a `defaultAdmissionRule`, every image that is not allowlisted is denied,
 * and the deny is enforced. Creating the policy overwrites any policy the project already has.
 *
 * An invalid value of the right type (a pattern, a region, a project id, a cluster key) does not throw: it
 * is left out and reported when the app is synthesized, with every other such value, in one failed synth
 * (`BinauthzErrors.reportedIn(scope)` returns them). A value of the wrong type throws at once.
 *
 * @see https://cloud.google.com/binary-authorization/docs/policy-yaml-reference
 */
export class BinaryAuthorizationPolicy extends Construct {
  /**
   * Whether `x` is a `BinaryAuthorizationPolicy` (of any copy of this library in the app).
   *
   * @param x anything
   */
  public static isBinaryAuthorizationPolicy(x: any): x is BinaryAuthorizationPolicy {
    return isPolicy(x);
  }

  /**
   * The project whose policy this is.
   * @attribute
   */
  public readonly project: string;

  /**
   * The rule for every image that no allowlist pattern exempts.
   */
  public readonly defaultAdmissionRule: AdmissionRule;

  /**
   * The policy's Terraform id, `projects/PROJECT_ID`.
   * @attribute
   */
  public readonly policyId: string;

  private readonly resource: PolicyResourceWithAllowlist;
  /** Whether `project` passed its check (an invalid one is reported once, at synth). */
  private readonly projectIsValid: boolean;
  private readonly patterns = new Set<string>();
  /** The allowlist as it resolves at synth: rendered only when it is not empty (see `putAllowlist`). */
  private readonly allowlistValue = Lazy.anyValue({ produce: (context) => this.renderAllowlist(context) });
  /** Whether a pattern added holds a token (its value is known only at apply time). */
  private hasTokenPattern = false;
  private readonly functionScopes: IConstruct[] = [];
  private readonly clusterRules = new Map<string, RuleModel>();
  private readonly dependencies = new Set<TerraformResource>();
  /** The policy compiled for `evaluate`, reused while the allowlist stays the same. */
  private compiled?: CompiledPolicy;
  /** The allowlist `compiled` was made from, as `allowlistPatterns` returned it. */
  private compiledPatterns: string[] = [];
  /** The size of `patterns` when `compiled` was made (patterns are only ever added). */
  private compiledPatternCount = -1;

  constructor(scope: Construct, id: string, props: BinaryAuthorizationPolicyProps) {
    super(scope, id);
    Object.defineProperty(this, POLICY_MARKER, { value: true });
    checkConstruct(this, props);
    // Invalid values of the right type are reported at synth, all of them (see `reportInvalid`).
    this.projectIsValid = checkLiteralAtSynth(this, 'project', props.project, checkProjectId);
    const description = checkOptionalFreeTextAtSynth(this, 'description', props.description)
      ? props.description
      : undefined;
    for (const name of ['globalPolicyEvaluation', 'adoptExisting', 'enableApis', 'preventDestroy'] as const) {
      requireOptionalBoolean(this, name, props[name]);
    }
    if (props.allowlistPatterns !== undefined) {
      requireArray(this, 'allowlistPatterns', props.allowlistPatterns);
    }
    this.project = props.project;
    this.defaultAdmissionRule = props.defaultAdmissionRule ?? AdmissionRule.denyAll();
    const defaultRule = this.checkedRule('defaultAdmissionRule', this.defaultAdmissionRule);
    this.warnAbout(ruleFindings(defaultRule, 'the default rule'));
    if (props.preventDestroy === false) {
      addWarning(this, 'no-prevent-destroy', NO_PREVENT_DESTROY);
    }
    this.assertOnlyPolicyForProject();

    this.resource = new PolicyResourceWithAllowlist(this, 'Resource', {
      project: this.project,
      description,
      globalPolicyEvaluationMode:
        props.globalPolicyEvaluation === undefined ? undefined : props.globalPolicyEvaluation ? 'ENABLE' : 'DISABLE',
      defaultAdmissionRule: {
        evaluationMode: defaultRule.evaluationMode,
        enforcementMode: defaultRule.enforcementMode,
        requireAttestationsBy: defaultRule.requireAttestationsBy.length ? defaultRule.requireAttestationsBy : undefined,
      },
      lifecycle: props.preventDestroy === false ? undefined : { preventDestroy: true },
    });
    this.resource.beforeRender = () => this.putAllowlist();
    this.policyId = this.resource.id;
    if (props.enableApis && this.projectIsValid) {
      this.resource.dependsOn = enableProjectServices(this, this.project, [BINAUTHZ_API]).map((s) => dependable(s));
    }
    this.dependOnAttestors(this.defaultAdmissionRule);
    if (props.adoptExisting) {
      if (Token.isUnresolved(this.project)) {
        throw invalidProp(
          this,
          'project',
          this.project,
          "'adoptExisting' imports the policy by its id, which must be a literal at synth time, not a token; pass a literal project id",
        );
      }
      this.resource.importFrom(`projects/${this.project}`);
    }

    for (const pattern of props.allowlistPatterns ?? []) {
      this.addAllowlistPatternFor('allowlistPatterns', pattern);
    }
  }

  /**
   * The allowlist patterns, in the order they are rendered.
   */
  public get allowlistPatterns(): string[] {
    return this.withDiscovered(this.discoveredFunctionPatterns().patterns);
  }

  /**
   * Exempts the images that match `pattern` from the policy. Adding a pattern that is already there
   * changes nothing.
   *
   * @param pattern such as `us-docker.pkg.dev/my-project/trusted/**`, `gcr.io/my-project/app*` or `gcr.io/my-project/app@*`
   */
  public addAllowlistPattern(pattern: string): void {
    this.addAllowlistPatternFor('pattern', pattern);
  }

  /**
   * Allowlists the repository that a deployment path of Cloud Run functions builds images into, in each
   * of the given regions: exactly the pattern Google documents,
   * `REGION-docker.pkg.dev/PROJECT_ID/cloud-run-source-deploy/**` or `REGION-docker.pkg.dev/PROJECT_ID/gcf-artifacts/**`.
   */
  public allowDeploymentPath(path: DeploymentPath, options: DeploymentPathOptions): void {
    requireEnum(this, 'path', path, 'DeploymentPath', DeploymentPath);
    requireObject(this, 'options', options);
    requireArray(this, 'regions', options.regions);
    const project = options.project ?? this.project;
    const projectIsValid =
      options.project === undefined
        ? this.projectIsValid // reported by the constructor if not
        : checkLiteralAtSynth(this, 'project', project, checkProjectId);
    if (options.regions.length === 0) {
      reportInvalid(
        this,
        invalidProp(this, 'regions', options.regions, 'name at least one region, such as ["us-central1"]'),
      );
    }
    // Every region is checked, also when the project is not valid, so that one synth names every problem.
    const regions = options.regions.filter((region) => checkLiteralAtSynth(this, 'regions', region, checkRegion));
    if (!projectIsValid) {
      return;
    }
    const projectPath = imagePath(project);
    for (const region of regions) {
      this.addAllowlistPatternFor('regions', repositoryPattern(region, projectPath, DEFAULT_REPOSITORY[path]));
    }
  }

  /**
   * Evaluates the policy offline for one image, as Cloud Run would at deploy time: the allowlist first,
   * then the default admission rule. Cluster admission rules are not consulted: Cloud Run evaluates only
   * the default rule and the allowlist. Values that are unresolved tokens give `AdmissionVerdict.UNKNOWN` when
   * they could change the answer.
   *
   * Attestations: without `options.attestations`, `REQUIRE_ATTESTATION` is never admitted under an enforced
   * rule. With them, they are verified offline as Binary Authorization verifies them (the same
   * implementation as `cdktf-gcp-binauthz check --attestations`): an image given by digest whose every
   * required attestor is satisfied is `ALLOW`; otherwise each attestor says why not
   * (`AdmissionDecision.attestors`). The attestors' keys are read from this stack's attestors where they
   * are literal (a key known only at apply time, such as a Cloud KMS key's PEM, never verifies), and from
   * `options.attestors` for attestors the stack does not hold.
   *
   * @param image an image reference, best with its digest: `REGISTRY/PATH/IMAGE@sha256:…`
   * @param options attestations to verify, and the keys of attestors the stack does not hold
   * @throws when `image` is not an image reference, or an attestation or attestor is not of the shape gcloud prints
   */
  public evaluate(image: string, options: EvaluateOptions = {}): AdmissionDecision {
    checkLiteral(this, 'image', image, parses(parseImageReference));
    if (Token.isUnresolved(image)) {
      throw invalidProp(
        this,
        'image',
        image,
        'the image must be known at synth time to be evaluated; pass a literal image reference',
      );
    }
    const attestations = this.attestationIndex(options);
    const result = evaluateCompiled(
      attestations === undefined
        ? this.compiledPolicy()
        : compilePolicy(this.compiledPolicy().model, isInterpolated, attestations),
      image,
    );
    return {
      image: result.image,
      decision: AdmissionVerdict[result.decision],
      admitted: result.admitted,
      evaluationMode: result.evaluationMode === undefined ? undefined : EvaluationMode[result.evaluationMode],
      enforcementMode: result.enforcementMode === undefined ? undefined : EnforcementMode[result.enforcementMode],
      matchedPattern: result.matchedPattern,
      requiredAttestors: result.requiredAttestors,
      reason: result.reason,
      attestors: result.attestors?.map((v) => ({
        attestor: v.attestor,
        satisfied: v.satisfied,
        reason: v.text,
        occurrences: v.occurrences,
      })),
    };
  }

  /** The attestations of `evaluate`'s options, verified with the keys of this stack and of `options.attestors`. */
  private attestationIndex(options: EvaluateOptions): AttestationIndex | undefined {
    if (options.attestations === undefined) {
      return undefined;
    }
    requireArray(this, 'attestations', options.attestations);
    // Loaded only when attestations are given: their readers and verification (and the Terraform JSON reader
    // they need) stay off the library's load path, which every synth pays.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { readAttestations } = require('./core/attestation') as typeof import('./core/attestation');
    const keys = require('./core/attestation-keys') as typeof import('./core/attestation-keys');
    const { AttestationIndex: Index } =
      require('./core/attestation-verify') as typeof import('./core/attestation-verify');
    const { terraformJsonModel } = require('./core/terraform-json') as typeof import('./core/terraform-json');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const parsed = (property: string, text: unknown, read: (doc: unknown, where: string) => unknown) => {
      if (typeof text !== 'string') {
        throw invalidProp(this, property, text, 'pass the JSON text that gcloud prints');
      }
      try {
        return read(JSON.parse(text), property);
      } catch (e) {
        throw invalidProp(this, property, '(JSON text)', (e as Error).message);
      }
    };
    const records = options.attestations.flatMap(
      (text, i) => parsed(`attestations[${i}]`, text, readAttestations) as ReturnType<typeof readAttestations>,
    );
    const stackAttestors = keys.attestorKeysOf(terraformJsonModel(TerraformStack.of(this).toTerraform()));
    const given = (options.attestors ?? []).map(
      (text, i) => parsed(`attestors[${i}]`, text, keys.readAttestorDescription) as AttestorKeys,
    );
    return new Index([...stackAttestors, ...given], records);
  }

  /**
   * Allowlists the images of every Cloud Run function in `scope`, on both deployment paths:
   * `google_cloudfunctions2_function` (Cloud Functions v2 API, images in `gcf-artifacts`) and
   * `google_cloud_run_v2_service` with a `build_config` (source deploys through the Cloud Run Admin
   * API, images in `cloud-run-source-deploy`). One pattern per function region (`location`) and
   * project (the resource's `project`, else its provider's: see below), such as
   * `us-central1-docker.pkg.dev/my-project/gcf-artifacts/**`. A custom repository is followed:
   * `build_config.docker_repository` (`projects/P/locations/L/repositories/R` becomes
   * `L-docker.pkg.dev/P/R/**`) or `build_config.image_uri`; a repository of another project (or one that
   * may be: a reference to no repository of the stack) fails synth unless the policy already allowlists its
   * pattern explicitly, as allowlisting it would admit what that project's members push there. Regions,
   * projects and repositories may be tokens.
   *
   * The functions are found at synth time, so functions defined after this call are included.
   * `allowlistPatterns` returns the patterns found at the time it is read. A function whose pattern
   * cannot be derived (a literal region that is not one, a malformed `docker_repository`, an
   * `image_uri` known only at apply time) fails synth with a validation error of this policy, and is
   * left out of the rendered policy.
   *
   * A resource without `project` is deployed in its provider's project: the `project` of the
   * resource's `provider`, or of the stack's google provider without alias. When that provider sets
   * no project either (it then reads one from its environment, which synth cannot see), this policy's
   * project is assumed; if that is wrong the pattern names the wrong project and the function's images
   * are denied (the policy fails closed, it never admits more): set `project` on such resources.
   *
   * @param scope the construct to search, such as the stack
   */
  public allowDeploymentPathsFor(scope: IConstruct): void {
    if (typeof (scope as { node?: { findAll?: unknown } } | undefined)?.node?.findAll !== 'function') {
      throw invalidProp(this, 'scope', scope, 'expected a construct to search, such as the stack');
    }
    if (this.functionScopes.length === 0) {
      // A function whose pattern cannot be derived is left out of the policy (its images stay denied) and fails synth.
      this.node.addValidation({ validate: () => this.discoveredFunctionPatterns().problems });
    }
    if (!this.functionScopes.includes(scope)) {
      this.functionScopes.push(scope);
    }
  }

  /**
   * Adds a rule for one GKE cluster (`cluster_admission_rules`), which takes the place of the default
   * rule for images deployed to that cluster. Cloud Run evaluates only the default rule and the
   * allowlist; cluster rules matter to projects that also run GKE, whose rules share this one policy.
   *
   * @param cluster `LOCATION.CLUSTER_ID`, such as `us-central1-a.prod-cluster`
   * @param rule the rule for that cluster
   */
  public addClusterAdmissionRule(cluster: string, rule: AdmissionRule): void {
    const clusterIsValid = checkLiteralAtSynth(this, 'cluster', cluster, checkClusterKey);
    const model = this.checkedRule(`rule for cluster ${cluster}`, rule); // a rule of the wrong type throws
    if (!clusterIsValid) {
      return;
    }
    if (this.clusterRules.has(cluster)) {
      reportInvalid(
        this,
        invalidProp(
          this,
          'cluster',
          cluster,
          'the cluster already has a rule in this policy; a cluster has one rule, so add it once',
        ),
      );
      return;
    }
    this.warnAbout(ruleFindings(model, `the rule for GKE cluster ${cluster}`));
    this.clusterRules.set(cluster, model);
    this.resource.putClusterAdmissionRules(this.renderClusterRules());
    this.dependOnAttestors(rule);
  }

  /**
   * The policy as plain data.
   * @internal
   */
  public _toModel(): PolicyModel {
    return {
      project: this.project,
      defaultAdmissionRule: this.defaultAdmissionRule._toModel(),
      allowlistPatterns: this.allowlistPatterns,
      clusterAdmissionRules: Object.fromEntries(this.clusterRules),
    };
  }

  /**
   * The policy compiled for evaluation, compiled again only when the allowlist changed (the default
   * rule never does). Patterns are only ever added, so their count tells whether they changed; functions
   * found by `allowDeploymentPathsFor` may appear at any time, so with those the allowlist is read and
   * compared on every call.
   */
  private compiledPolicy(): CompiledPolicy {
    if (this.compiled && this.functionScopes.length === 0 && this.compiledPatternCount === this.patterns.size) {
      return this.compiled;
    }
    const model = this._toModel();
    const previous = this.compiledPatterns;
    const patterns = model.allowlistPatterns;
    if (!this.compiled || previous.length !== patterns.length || patterns.some((p, i) => p !== previous[i])) {
      this.compiled = compilePolicy(this.withExpressions(model), isInterpolated);
      this.compiledPatterns = patterns;
    }
    this.compiledPatternCount = this.patterns.size;
    return this.compiled;
  }

  /**
   * The model with each value known only at apply time written as the Terraform expression it stands for
   * (`${var.region}-docker.pkg.dev/…`), as decisions and their reasons show it.
   */
  private withExpressions(model: PolicyModel): PolicyModel {
    const show = (value: string) => (Token.isUnresolved(value) ? (terraformExpression(this, value) ?? value) : value);
    const rule = (r: RuleModel): RuleModel => ({ ...r, requireAttestationsBy: r.requireAttestationsBy.map(show) });
    return {
      project: show(model.project),
      defaultAdmissionRule: rule(model.defaultAdmissionRule),
      allowlistPatterns: model.allowlistPatterns.map(show),
      clusterAdmissionRules: Object.fromEntries(
        Object.entries(model.clusterAdmissionRules ?? {}).map(([cluster, r]) => [cluster, rule(r)]),
      ),
    };
  }

  /** The patterns added, then those discovered that are not among them. */
  private withDiscovered(discovered: string[]): string[] {
    return discovered.length ? [...new Set([...this.patterns, ...discovered])] : [...this.patterns];
  }

  private renderAllowlist(context: IResolveContext): Array<{ name_pattern: string }> | undefined {
    const discovered = this.discoveredFunctionPatterns().patterns;
    let patterns = this.withDiscovered(discovered);
    // Patterns with tokens (a function's `${var.region}`) are distinct strings until resolved, so only they can
    // repeat a pattern once resolved. A literal resolves to itself: resolving or even testing every literal cost
    // more than the rest of rendering for a long allowlist.
    if (this.hasTokenPattern || discovered.some((p) => Token.isUnresolved(p))) {
      const seen = new Set<string>();
      patterns = patterns.filter((p) => {
        const resolved: unknown = Token.isUnresolved(p) ? context.resolve(p) : p;
        const key = typeof resolved === 'string' ? resolved : `\0${JSON.stringify(resolved)}`;
        return seen.has(key) ? false : (seen.add(key), true);
      });
    }
    return patterns.length ? patterns.map((p) => ({ name_pattern: p })) : undefined;
  }

  private discoveredFunctionPatterns(): DiscoveredPatterns {
    return discoverFunctionPatterns(this.functionScopes, {
      project: this.project,
      sameProject: (a, b) => sameValue(this, a, b),
      coveredElsewhere: (resource, project) => this.coveredByPolicyOf(resource, project),
      check: (p) => this.checkPattern('allowDeploymentPathsFor', p),
      allowlisted: (p) => this.patterns.has(p),
    });
  }

  /** Whether the policy of `project` in this app finds `resource` with `allowDeploymentPathsFor`. */
  private coveredByPolicyOf(resource: IConstruct, project: string): boolean {
    const policy = this.node.root.node
      .findAll()
      .find(
        (c): c is BinaryAuthorizationPolicy =>
          isPolicy(c) && c !== this && sameValue(this, c.project, project) === true,
      );
    const ancestors = new Set(resource.node.scopes);
    return policy !== undefined && policy.functionScopes.some((scope) => ancestors.has(scope));
  }

  /** Adds a pattern; one the grammar refuses is reported at synth and left out. */
  private addAllowlistPatternFor(property: string, pattern: string): void {
    requireString(this, property, pattern);
    const parsed = Token.isUnresolved(pattern) ? undefined : parseAllowlistPattern(pattern);
    if (parsed !== undefined && parsed.problems.length > 0) {
      reportInvalid(this, invalidProp(this, property, pattern, patternProblem(parsed)));
      return;
    }
    if (parsed === undefined) {
      this.hasTokenPattern = true;
    } else if (!this.patterns.has(pattern)) {
      // The warning is attached to this construct, so the finding needs no address (and `node.path`, a
      // walk to the root, would cost more than the check itself for a long allowlist).
      this.warnAbout(lintParsedPattern('', parsed));
    }
    this.patterns.add(pattern);
  }

  /**
   * Reports the lint's findings that the constructs accept but are risky (allow-all, dry run, broad or
   * never-matching patterns) as warnings with the lint's code as id; errors are refused before this,
   * and unknown values are not findings at synth time.
   */
  private warnAbout(findings: RuleFinding[]): void {
    for (const finding of findings.filter((f) => f.severity !== 'info')) {
      addWarning(this, finding.code, finding.message);
    }
  }

  /** Refuses a pattern the grammar refuses; returns it taken apart, unless it is known only at apply time. */
  private checkPattern(property: string, pattern: string): AllowlistPattern | undefined {
    requireString(this, property, pattern);
    if (Token.isUnresolved(pattern)) {
      return undefined;
    }
    const parsed = parseAllowlistPattern(pattern);
    if (parsed.problems.length > 0) {
      throw invalidProp(this, property, pattern, patternProblem(parsed));
    }
    return parsed;
  }

  private checkedRule(property: string, rule: AdmissionRule): RuleModel {
    // Not `instanceof`: another copy of this library in the app makes rules of another class.
    if (typeof (rule as { _toModel?: unknown } | undefined)?._toModel !== 'function') {
      throw invalidProp(this, property, rule, 'expected an AdmissionRule, such as AdmissionRule.denyAll()');
    }
    requireArray(this, `${property}.attestors`, rule.attestors);
    rule.attestors.forEach((attestor, i) => checkAttestor(this, `${property}.attestors[${i}]`, attestor));
    const model = rule._toModel();
    requireObject(this, property, model);
    requireEnum(this, `${property}.evaluationMode`, model.evaluationMode, 'EvaluationMode', EvaluationMode);
    requireEnum(this, `${property}.enforcementMode`, model.enforcementMode, 'EnforcementMode', EnforcementMode);
    requireArray(this, `${property}.requireAttestationsBy`, model.requireAttestationsBy);
    for (const name of model.requireAttestationsBy) {
      checkLiteral(this, `${property}.requireAttestationsBy`, name, checkAttestorName);
    }
    const count = checkAttestorCount(model);
    if (count !== undefined) {
      throw invalidProp(
        this,
        property,
        model.evaluationMode,
        `${count}; pass the attestors to AdmissionRule.requireAttestations([attestor, …])`,
      );
    }
    const names = model.requireAttestationsBy;
    const attestors = checkRequiredAttestors(names, (value) => Token.isUnresolved(value));
    if (attestors !== undefined) {
      throw invalidProp(this, `${property}.requireAttestationsBy`, names, attestors);
    }
    return model;
  }

  /** Applies the policy after the attestors of `rule` that are created in this stack. */
  private dependOnAttestors(rule: AdmissionRule): void {
    const stack = TerraformStack.of(this);
    for (const attestor of rule.attestors) {
      const resource = attestor.node.defaultChild;
      if (
        resource instanceof TerraformResource &&
        TerraformStack.of(resource) === stack &&
        !this.dependencies.has(resource)
      ) {
        this.dependencies.add(resource);
        this.resource.dependsOn = [...(this.resource.dependsOn ?? []), dependable(resource)];
      }
    }
  }

  /** Cluster rules in key order: the provider keeps them in a set, so order carries no meaning. */
  private renderClusterRules(): BinaryAuthorizationPolicyClusterAdmissionRules[] {
    return [...this.clusterRules.keys()].sort().map((cluster) => {
      const rule = this.clusterRules.get(cluster)!;
      return {
        cluster,
        evaluationMode: rule.evaluationMode,
        enforcementMode: rule.enforcementMode,
        requireAttestationsBy: rule.requireAttestationsBy.length ? rule.requireAttestationsBy : undefined,
      };
    });
  }

  /**
   * Gives the resource its allowlist just before it is rendered (Terraform JSON or HCL): the patterns
   * added, and those `allowDeploymentPathsFor` finds then. An empty allowlist is no attribute at all, so
   * that the HCL renderer has no empty block list to write; a non-empty one is one block per pattern,
   * deduplicated as its values resolve.
   */
  private putAllowlist(): void {
    if (this.patterns.size === 0 && this.discoveredFunctionPatterns().patterns.length === 0) {
      this.resource.resetAdmissionWhitelistPatterns();
    } else {
      this.resource.putAdmissionWhitelistPatterns(this.allowlistValue);
    }
  }

  /**
   * A `google_binary_authorization_policy` written without this library (the provider's class) for this
   * policy's project, anywhere in the app: the two would overwrite each other on every apply. Projects are
   * compared as they resolve at synth; a resource whose project is unknown (no `project`, and a provider
   * that sets none) cannot be compared.
   */
  private otherPoliciesOfProject(): string[] {
    const providerProjectOf = providerProjects();
    const raw = this.node.root.node
      .findAll()
      .filter(
        (c): c is TerraformResource =>
          TerraformResource.isTerraformResource(c) &&
          c.terraformResourceType === 'google_binary_authorization_policy' &&
          !isPolicy(c.node.scope),
      )
      .find((c) => {
        const project = (c as { projectInput?: unknown }).projectInput ?? providerProjectOf(c);
        return typeof project === 'string' && sameAtSynth(c, project, this, this.project);
      });
    return raw === undefined
      ? []
      : [
          invalidProp(
            this,
            'project',
            this.project,
            `a google_binary_authorization_policy for the same project is defined at [${raw.node.path}], and the two would overwrite each other on every apply (a project has exactly one policy); remove one of them`,
          ).message,
        ];
  }

  private assertOnlyPolicyForProject(): void {
    this.node.addValidation({ validate: () => this.otherPoliciesOfProject() });
    claimSingleton(
      this,
      POLICY_PROJECT,
      'project',
      this.project,
      (other) =>
        `the project already has a policy at [${other}]; a project has exactly one policy, so define it once and add to it (addAllowlistPattern, allowDeploymentPath)`,
    );
  }
}

/** What is wrong with a pattern, for its error. */
function patternProblem(parsed: AllowlistPattern): string {
  return parsed.problems.map((p) => p.message).join('; ');
}

function isPolicy(c: unknown): c is BinaryAuthorizationPolicy {
  return typeof c === 'object' && c !== null && (c as any)[POLICY_MARKER] === true;
}

/**
 * The provider's policy resource, told just before each rendering (`synthesizeAttributes` for Terraform
 * JSON, `synthesizeHclAttributes` for `cdktf synth --hcl`) to bring its allowlist up to date: what the
 * allowlist holds is known only then (`allowDeploymentPathsFor` finds functions at synth time), and a
 * block list must be absent rather than a value that resolves to nothing, which cdktf's HCL renderer would
 * write as its type information instead of zero blocks.
 */
class PolicyResourceWithAllowlist extends PolicyResource {
  /** Called before each rendering. */
  public beforeRender: () => void = () => {};

  protected synthesizeAttributes(): { [name: string]: any } {
    this.beforeRender();
    return super.synthesizeAttributes();
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    this.beforeRender();
    return super.synthesizeHclAttributes();
  }
}
