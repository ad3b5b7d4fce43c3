import { Fn, TerraformProvider, TerraformResource, TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { terraformAttributes } from './cloud-run-resource';
import { checkLiteral, invalidProp, parseProp } from './errors';
import { parseRepositoryName, singleBlock } from '../core/cloud-run';
import { DEFAULT_REPOSITORY, DeploymentPathValue, repositoryPattern } from '../core/deployment-path';
import { parseImageReference } from '../core/image';
import { checkProjectId, checkRegion, projectImagePath } from '../core/names';
import { isArtifactRegistryHost } from '../core/registries';

/** What `discoverFunctionPatterns` found. */
export interface DiscoveredPatterns {
  /** The patterns, one of each. */
  readonly patterns: string[];
  /** One error message per function whose pattern cannot be derived (that function is left out). */
  readonly problems: string[];
}

/** Where the functions are judged: the policy's project, and who else judges functions of other projects. */
export interface DiscoveryTarget {
  /** The policy's project (may be a token). */
  readonly project: string;
  /** Whether two projects are the same: `undefined` when that is known only at apply time. */
  readonly sameProject: (a: string, b: string) => boolean | undefined;
  /**
   * Whether the policy of `project`, elsewhere in the app, allowlists the functions it finds under a
   * scope that holds `resource`.
   */
  readonly coveredElsewhere: (resource: TerraformResource, project: string) => boolean;
  /** Throws for a pattern the policy refuses. */
  readonly check: (pattern: string) => void;
}

/**
 * The allowlist patterns that the Cloud Run functions in `scopes` need, on both deployment paths:
 *
 * - `google_cloudfunctions2_function` (Cloud Functions v2 API): `LOCATION-docker.pkg.dev/PROJECT/gcf-artifacts/**`,
 *   or the repository in `build_config.docker_repository` (`projects/P/locations/L/repositories/R`
 *   becomes `L-docker.pkg.dev/P/R/**`, also when it is a reference such as `google_artifact_registry_repository.x.id`);
 * - `google_cloud_run_v2_service` with a `build_config` (Cloud Run Admin API, source deploys):
 *   `LOCATION-docker.pkg.dev/PROJECT/cloud-run-source-deploy/**`, or the repository of
 *   `build_config.image_uri` when it is set.
 *
 * The project a function deploys in is the resource's `project`; without one, the `project` of the
 * provider that deploys it (the resource's `provider`, or the stack's google provider without alias);
 * without one either (the provider then takes it from its environment, which synth cannot see), the
 * policy's. Only functions of the policy's own project are allowlisted: another project's function is
 * judged by that project's policy, and its repository would only widen this one. Such a function is left
 * to the policy of its project when that policy, in the app, allowlists it; otherwise it is a problem.
 * Region and project may be tokens; a domain-scoped project `example.com:p` becomes `example.com/p`.
 */
export function discoverFunctionPatterns(scopes: IConstruct[], target: DiscoveryTarget): DiscoveredPatterns {
  const patterns: string[] = [];
  const problems: string[] = [];
  const seen = new Set<IConstruct>();
  // One walk of each stack for its default provider, and one read of each provider's project, however
  // many functions rely on them (a walk per function made discovery quadratic in the stack's size).
  const defaultProviders = new Map<TerraformStack, TerraformProvider | undefined>();
  const providerProjects = new Map<TerraformProvider, string | undefined>();
  const providerProjectOf = (resource: TerraformResource) =>
    providerProject(resource, defaultProviders, providerProjects);
  for (const node of scopes.flatMap((scope) => scope.node.findAll())) {
    if (seen.has(node) || !TerraformResource.isTerraformResource(node)) {
      continue;
    }
    seen.add(node);
    try {
      const pattern = functionPatternOf(node, target, providerProjectOf);
      if (pattern !== undefined) {
        target.check(pattern);
        patterns.push(pattern);
      }
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  return { patterns: [...new Set(patterns)], problems };
}

/** The provider's project of a resource without `project`, if its provider sets one. */
type ProviderProjectOf = (resource: TerraformResource) => string | undefined;

/** Where a deployment path writes images when the resource names a repository of its own. */
interface CustomRepository {
  readonly property: string;
  readonly value: unknown;
}

function functionPatternOf(
  node: TerraformResource,
  target: DiscoveryTarget,
  providerProjectOf: ProviderProjectOf,
): string | undefined {
  let path: DeploymentPathValue;
  let custom: CustomRepository;
  if (node.terraformResourceType === 'google_cloudfunctions2_function') {
    path = 'CLOUD_FUNCTIONS_V2_API';
    custom = { property: 'build_config.docker_repository', value: buildConfigOf(node)?.docker_repository };
  } else if (node.terraformResourceType === 'google_cloud_run_v2_service') {
    const buildConfig = buildConfigOf(node);
    if (buildConfig === undefined) {
      return undefined; // deployed from an image, not from source: its images are the policy's business
    }
    path = 'CLOUD_RUN_ADMIN_API';
    custom = { property: 'build_config.image_uri', value: buildConfig.image_uri };
  } else {
    return undefined;
  }
  const attributes = terraformAttributes(node);
  const project = deployProject(node, attributes, target, providerProjectOf);
  if (project === undefined) {
    return undefined; // another project's function, allowlisted by that project's policy
  }
  if (custom.value !== undefined && custom.value !== null && custom.value !== '') {
    return custom.property === 'build_config.docker_repository'
      ? dockerRepositoryPattern(node, custom.value)
      : imageUriPattern(node, custom.value);
  }
  const location = attributes.location;
  if (typeof location !== 'string') {
    throw invalidProp(
      node,
      'location',
      location,
      'the region decides the repository of the function images; set location, such as "us-central1"',
    );
  }
  checkLiteral(node, 'location', location, checkRegion);
  return repositoryPattern(location, imagePath(project), DEFAULT_REPOSITORY[path]);
}

function buildConfigOf(node: TerraformResource): Record<string, unknown> | undefined {
  const block = singleBlock(terraformAttributes(node).build_config);
  return typeof block === 'object' && block !== null ? (block as Record<string, unknown>) : undefined;
}

/**
 * The project the function deploys in, when it is the policy's; `undefined` when it is another project
 * whose own policy in the app allowlists it. Throws when it is (or may be) another project that nothing
 * here allowlists.
 */
function deployProject(
  node: TerraformResource,
  attributes: Record<string, unknown>,
  target: DiscoveryTarget,
  providerProjectOf: ProviderProjectOf,
): string | undefined {
  const own = attributes.project;
  if (own !== undefined && own !== null && typeof own !== 'string') {
    throw invalidProp(node, 'project', own, 'expected a project id');
  }
  const project = own ?? providerProjectOf(node) ?? target.project;
  checkLiteral(node, 'project', project, checkProjectId);
  const same = target.sameProject(project, target.project);
  if (same === true) {
    return project;
  }
  if (same === false && target.coveredElsewhere(node, project)) {
    return undefined;
  }
  const why =
    same === false
      ? "the function deploys in another project than this policy's, so that project's policy judges its images, and allowlisting its repository here would only widen this policy"
      : "whether the function deploys in this policy's project is known only at apply time, and allowlisting another project's repository would only widen this policy";
  throw invalidProp(
    node,
    'project',
    project,
    `${why}; call allowDeploymentPathsFor on the policy of the function's project, pass this policy a scope without the function, or deploy the function in the policy's project (the same literal or variable)`,
  );
}

/** `projects/P/locations/L/repositories/R` → `L-docker.pkg.dev/P/R/**`. */
function dockerRepositoryPattern(resource: TerraformResource, value: unknown): string {
  if (typeof value !== 'string') {
    throw invalidProp(resource, 'build_config.docker_repository', value, 'expected a string');
  }
  if (Token.isUnresolved(value)) {
    // Known at apply time only (for example google_artifact_registry_repository.x.id): take it apart in Terraform.
    const parts = Fn.split('/', value);
    const part = (index: number) => Token.asString(Fn.element(parts, index));
    return repositoryPattern(part(3), Fn.replace(part(1), ':', '/'), part(5));
  }
  const name = parseProp(resource, 'build_config.docker_repository', value, parseRepositoryName);
  checkLiteral(resource, 'build_config.docker_repository', name.location, checkRegion);
  checkLiteral(resource, 'build_config.docker_repository', name.project, checkProjectId);
  return repositoryPattern(name.location, projectImagePath(name.project), name.repository);
}

/**
 * `build_config.image_uri` of a source-deployed service, where Cloud Build pushes the image it builds:
 * an Artifact Registry image `L-docker.pkg.dev/P/R/IMAGE[:tag]` (`L-docker.pkg.dev/DOMAIN/P/R/IMAGE` for a
 * domain-scoped project) allowlists its repository `L-docker.pkg.dev/P/R/**`, like the default repository.
 * Anything else is refused: the build writes to Artifact Registry, and allowlisting an image elsewhere
 * (`docker.io/library/nginx`) would admit what others push there.
 */
function imageUriPattern(resource: TerraformResource, value: unknown): string {
  if (typeof value !== 'string' || Token.isUnresolved(value)) {
    throw invalidProp(
      resource,
      'build_config.image_uri',
      value,
      'the image repository is known only at apply time, so no allowlist pattern can be derived; add the pattern of its repository with addAllowlistPattern("REGION-docker.pkg.dev/PROJECT/REPOSITORY/**")',
    );
  }
  const image = parseProp(resource, 'build_config.image_uri', value, parseImageReference);
  const segments = image.repository.split('/');
  // A domain-scoped project `example.com:p` is two segments, `example.com/p`.
  const repositoryEnd = segments[0].includes('.') ? 3 : 2;
  if (!isArtifactRegistryHost(image.registry) || segments.length <= repositoryEnd) {
    throw invalidProp(
      resource,
      'build_config.image_uri',
      value,
      'a source deploy pushes the image it builds to Artifact Registry, so image_uri names an image in an Artifact Registry repository, "REGION-docker.pkg.dev/PROJECT_ID/REPOSITORY/IMAGE"; an image anywhere else is not allowlisted, as that would admit what others push there',
    );
  }
  return `${image.registry}/${segments.slice(0, repositoryEnd).join('/')}/**`;
}

/** The project as it appears in image names; tokens are converted in Terraform. */
function imagePath(project: string): string {
  return Token.isUnresolved(project) ? Fn.replace(project, ':', '/') : projectImagePath(project);
}

/** The `project` of the provider that deploys the resource, when it sets one. */
function providerProject(
  resource: TerraformResource,
  defaultProviders: Map<TerraformStack, TerraformProvider | undefined>,
  providerProjects: Map<TerraformProvider, string | undefined>,
): string | undefined {
  let provider = resource.provider;
  if (provider === undefined) {
    const stack = TerraformStack.of(resource);
    if (!defaultProviders.has(stack)) {
      defaultProviders.set(stack, defaultGoogleProvider(stack));
    }
    provider = defaultProviders.get(stack);
  }
  if (provider === undefined) {
    return undefined;
  }
  if (!providerProjects.has(provider)) {
    const project = terraformAttributes(provider).project;
    providerProjects.set(provider, typeof project === 'string' ? project : undefined);
  }
  return providerProjects.get(provider);
}

/** The stack's google provider without alias: the one Terraform uses for resources that name none. */
function defaultGoogleProvider(stack: TerraformStack): TerraformProvider | undefined {
  return stack.node
    .findAll()
    .find(
      (c): c is TerraformProvider =>
        TerraformProvider.isTerraformProvider(c) &&
        c.terraformResourceType === 'google' &&
        c.alias === undefined &&
        TerraformStack.of(c) === stack,
    );
}
