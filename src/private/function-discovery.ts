import { Fn, TerraformResource, TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { terraformAttributes } from './cloud-run-resource';
import { checkLiteral, invalidProp, parseProp, terraformExpression } from './errors';
import { ProviderProjectOf, providerProjects } from './projects';
import {
  DEFAULT_REPOSITORY,
  dockerRepositoryOf,
  imageUriRepositoryOf,
  repositoryPattern,
  SOURCE_BUILD_RESOURCE_TYPES,
  sourceBuildOf,
} from '../core/deployment-path';
import { checkProjectId, checkRegion, projectImagePath } from '../core/names';

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
  /** Whether the policy allowlists `pattern` explicitly (`addAllowlistPattern`, `allowlistPatterns`). */
  readonly allowlisted: (pattern: string) => boolean;
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
  const providerProjectOf = providerProjects();
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

function functionPatternOf(
  node: TerraformResource,
  target: DiscoveryTarget,
  providerProjectOf: ProviderProjectOf,
): string | undefined {
  if (!SOURCE_BUILD_RESOURCE_TYPES.has(node.terraformResourceType)) {
    return undefined; // not a Cloud Run function: reading its attributes would cost a render of each resource
  }
  const attributes = terraformAttributes(node);
  const build = sourceBuildOf(node.terraformResourceType, attributes);
  if (build === undefined) {
    return undefined; // deployed from an image, not from source: its images are the policy's business
  }
  const project = deployProject(node, attributes, target, providerProjectOf);
  if (project === undefined) {
    return undefined; // another project's function, allowlisted by that project's policy
  }
  if (build.value !== undefined) {
    const pattern =
      build.property === 'build_config.docker_repository'
        ? dockerRepositoryPattern(node, build.value)
        : imageUriPattern(node, build.value);
    const value = build.value;
    let same: boolean | undefined;
    if (typeof value === 'string' && Token.isUnresolved(value)) {
      const repositoryProject = referencedRepositoryProject(node, value, target, providerProjectOf);
      same = repositoryProject === undefined ? undefined : target.sameProject(repositoryProject, project);
    } else {
      same = target.sameProject(repositoryProjectPath(pattern), imagePath(project));
    }
    if (same !== true && !target.allowlisted(pattern)) {
      throw otherProjectsRepository(node, build.property, build.value, pattern, same);
    }
    return pattern;
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
  return repositoryPattern(location, imagePath(project), DEFAULT_REPOSITORY[build.path]);
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

/** The project path of a repository pattern: `L-docker.pkg.dev/P/R/**` → `P` (`example.com/p` when domain-scoped). */
function repositoryProjectPath(pattern: string): string {
  return pattern.split('/').slice(1, -2).join('/');
}

/**
 * The project of the `google_artifact_registry_repository` of this stack that `value` references
 * (`google_artifact_registry_repository.x.id`): its `project`, else its provider's, else the policy's, as
 * for functions; `undefined` when `value` references no such repository.
 */
function referencedRepositoryProject(
  node: TerraformResource,
  value: string,
  target: DiscoveryTarget,
  providerProjectOf: ProviderProjectOf,
): string | undefined {
  const expression = terraformExpression(node, value);
  const repository = TerraformStack.of(node)
    .node.findAll()
    .find(
      (c): c is TerraformResource =>
        TerraformResource.isTerraformResource(c) &&
        c.terraformResourceType === 'google_artifact_registry_repository' &&
        expression !== undefined &&
        terraformExpression(c, c.getStringAttribute('id')) === expression,
    );
  if (repository === undefined) {
    return undefined;
  }
  const own = terraformAttributes(repository).project;
  return (typeof own === 'string' ? own : undefined) ?? providerProjectOf(repository) ?? target.project;
}

/**
 * A function whose build writes to a repository of another project (or of one that may be another):
 * allowlisting that repository here would silently admit what that project's members push there.
 */
function otherProjectsRepository(
  node: TerraformResource,
  property: string,
  value: unknown,
  pattern: string,
  same: boolean | undefined,
): Error {
  const where =
    same === false
      ? "the function's images are built into a repository of another project than this policy's"
      : "whether the function's images are built into a repository of this policy's project is known only at apply time";
  const shown = Token.isUnresolved(pattern) ? '"REGION-docker.pkg.dev/PROJECT/REPOSITORY/**"' : JSON.stringify(pattern);
  return invalidProp(
    node,
    property,
    value,
    `${where}, and allowlisting it would admit whatever that project's members push there; if this policy must admit those images, add the pattern explicitly with addAllowlistPattern(${shown}), or build into a repository of the policy's project`,
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
    return repositoryPattern(part(3), imagePath(part(1)), part(5));
  }
  return `${parseProp(resource, 'build_config.docker_repository', value, dockerRepositoryOf)}/**`;
}

/**
 * `build_config.image_uri` of a source-deployed service (see `imageUriRepositoryOf`): its repository's
 * pattern, `L-docker.pkg.dev/P/R/**`, like the default repository's.
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
  return `${parseProp(resource, 'build_config.image_uri', value, imageUriRepositoryOf)}/**`;
}

/**
 * The project as it appears in image names: a domain-scoped id `example.com:p` is `example.com/p`. A token
 * is converted in Terraform (`replace(var.project, ":", "/")`).
 */
export function imagePath(project: string): string {
  return Token.isUnresolved(project) ? Fn.replace(project, ':', '/') : projectImagePath(project);
}
