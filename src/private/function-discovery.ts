import { Fn, TerraformProvider, TerraformResource, TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { terraformAttributes } from './cloud-run-resource';
import { checkLiteral, invalidProp } from './errors';
import { parseRepositoryName, singleBlock } from '../core/cloud-run';
import { DEFAULT_REPOSITORY, DeploymentPathValue, repositoryPattern } from '../core/deployment-path';
import { parseImageReference } from '../core/image';
import { checkProjectId, checkRegion, projectImagePath } from '../core/names';

/** What `discoverFunctionPatterns` found. */
export interface DiscoveredPatterns {
  /** The patterns, one of each. */
  readonly patterns: string[];
  /** One error message per function whose pattern cannot be derived (that function is left out). */
  readonly problems: string[];
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
 * The project is the resource's `project`; without one, the `project` of the provider that deploys it
 * (the resource's `provider`, or the stack's google provider without alias); without one either (the
 * provider then takes it from its environment, which synth cannot see), `defaultProject`. Region and project
 * may be tokens; a domain-scoped project `example.com:p` becomes `example.com/p`. `check` throws for a
 * pattern the policy refuses.
 */
export function discoverFunctionPatterns(
  scopes: IConstruct[],
  defaultProject: string,
  check: (pattern: string) => void,
): DiscoveredPatterns {
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
      const pattern = functionPatternOf(node, defaultProject, providerProjectOf);
      if (pattern !== undefined) {
        check(pattern);
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

function functionPatternOf(
  node: TerraformResource,
  defaultProject: string,
  providerProjectOf: ProviderProjectOf,
): string | undefined {
  if (node.terraformResourceType === 'google_cloudfunctions2_function') {
    const attributes = terraformAttributes(node);
    const buildConfig = singleBlock(attributes.build_config) as Record<string, unknown> | undefined;
    return functionPattern(node, attributes, defaultProject, providerProjectOf, 'CLOUD_FUNCTIONS_V2_API', {
      property: 'build_config.docker_repository',
      value: buildConfig?.docker_repository,
    });
  }
  if (node.terraformResourceType === 'google_cloud_run_v2_service') {
    const attributes = terraformAttributes(node);
    const buildConfig = singleBlock(attributes.build_config) as Record<string, unknown> | undefined;
    if (buildConfig === undefined || buildConfig === null) {
      return undefined; // deployed from an image, not from source: its images are the policy's business
    }
    return functionPattern(node, attributes, defaultProject, providerProjectOf, 'CLOUD_RUN_ADMIN_API', {
      property: 'build_config.image_uri',
      value: buildConfig.image_uri,
    });
  }
  return undefined;
}

interface CustomRepository {
  readonly property: string;
  readonly value: unknown;
}

function functionPattern(
  resource: TerraformResource,
  attributes: Record<string, unknown>,
  defaultProject: string,
  providerProjectOf: ProviderProjectOf,
  path: DeploymentPathValue,
  custom: CustomRepository,
): string {
  if (custom.value !== undefined && custom.value !== null && custom.value !== '') {
    return custom.property === 'build_config.docker_repository'
      ? dockerRepositoryPattern(resource, custom.value)
      : imageUriPattern(resource, custom.value);
  }
  const location = attributes.location;
  if (typeof location !== 'string') {
    throw invalidProp(
      resource,
      'location',
      location,
      'the region decides the repository of the function images; set location, such as "us-central1"',
    );
  }
  checkLiteral(resource, 'location', location, checkRegion);
  const project =
    typeof attributes.project === 'string' ? attributes.project : (providerProjectOf(resource) ?? defaultProject);
  checkLiteral(resource, 'project', project, checkProjectId);
  return repositoryPattern(location, imagePath(project), DEFAULT_REPOSITORY[path]);
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
  let name;
  try {
    name = parseRepositoryName(value);
  } catch (e) {
    throw invalidProp(resource, 'build_config.docker_repository', value, (e as Error).message);
  }
  checkLiteral(resource, 'build_config.docker_repository', name.location, checkRegion);
  checkLiteral(resource, 'build_config.docker_repository', name.project, checkProjectId);
  return repositoryPattern(name.location, projectImagePath(name.project), name.repository);
}

/**
 * `build_config.image_uri` of a source-deployed service: an Artifact Registry image
 * `L-docker.pkg.dev/P/R/IMAGE[:tag]` allowlists its repository `L-docker.pkg.dev/P/R/**` (like the
 * default repository); any other image allowlists every version of that image, `IMAGE@*`.
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
  let image;
  try {
    image = parseImageReference(value);
  } catch (e) {
    throw invalidProp(resource, 'build_config.image_uri', value, (e as Error).message);
  }
  const segments = image.repository.split('/');
  if (image.registry.endsWith('-docker.pkg.dev') && segments.length >= 3) {
    return `${image.registry}/${segments[0]}/${segments[1]}/**`;
  }
  return `${image.registry}/${image.repository}@*`;
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
