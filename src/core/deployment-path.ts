/**
 * The Artifact Registry repositories where Cloud Run functions keep their images, per deployment path
 * (Cloud Run docs, "Use Binary Authorization": the policy administrator must exempt every image from
 * these repositories and their subdirectories), and how a resource's Terraform attributes name the
 * repository its build writes to: written once for `allowDeploymentPathsFor` (at synth) and the command
 * line's `check` (on Terraform JSON, plans and state).
 */
import { parseRepositoryName, singleBlock } from './cloud-run';
import { parseImageReference } from './image';
import { checkProjectId, checkRegion, checkRepositoryLocation, projectImagePath } from './names';
import { isArtifactRegistryHost } from './registries';

/** The deployment paths of Cloud Run functions, by their wire value. */
export type DeploymentPathValue = 'CLOUD_RUN_ADMIN_API' | 'CLOUD_FUNCTIONS_V2_API';

/** The repository each deployment path builds images into when none is configured. */
export const DEFAULT_REPOSITORY: Record<DeploymentPathValue, string> = {
  // `gcloud run deploy --source … --binary-authorization default`
  CLOUD_RUN_ADMIN_API: 'cloud-run-source-deploy',
  // `gcloud functions deploy … --binary-authorization default`
  CLOUD_FUNCTIONS_V2_API: 'gcf-artifacts',
};

/**
 * `REGION-docker.pkg.dev/PROJECT_PATH/REPOSITORY/**`, the pattern Google documents.
 * `projectPath` is the project id as it appears in image names (see `projectImagePath`).
 */
export function repositoryPattern(region: string, projectPath: string, repository: string): string {
  return `${repositoryPath(region, projectPath, repository)}/**`;
}

/** `REGION-docker.pkg.dev/PROJECT_PATH/REPOSITORY`: where the images of a repository are. */
export function repositoryPath(region: string, projectPath: string, repository: string): string {
  return `${region}-docker.pkg.dev/${projectPath}/${repository}`;
}

/** The resource types whose images may be built from source (see `sourceBuildOf`): no other type ever is. */
export const SOURCE_BUILD_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  'google_cloudfunctions2_function',
  'google_cloud_run_v2_service',
]);

/** A resource whose images are built from source, and the attribute that may name a repository of its own. */
export interface SourceBuild {
  /** The deployment path whose build writes the images. */
  readonly path: DeploymentPathValue;
  /** `build_config.docker_repository` (functions) or `build_config.image_uri` (source-deployed services). */
  readonly property: 'build_config.docker_repository' | 'build_config.image_uri';
  /** Its value, or `undefined` when it is not set (absent, `null` or empty): the default repository. */
  readonly value: unknown;
}

/**
 * Whether a resource's images are built from source, from its Terraform attributes:
 * - `google_cloudfunctions2_function` (the Cloud Functions v2 API): always, into `gcf-artifacts` or
 *   `build_config.docker_repository`;
 * - `google_cloud_run_v2_service` with a `build_config` (source deploys through the Cloud Run Admin API):
 *   into `cloud-run-source-deploy`, or the repository of `build_config.image_uri`.
 *
 * `build_config` may be an object or a list of one (plans and state). A `build_config` that is a string (an
 * interpolation: known only at apply time) is a build whose repository is that string, for the caller to
 * judge as unknown.
 */
export function sourceBuildOf(resourceType: string, attributes: Record<string, unknown>): SourceBuild | undefined {
  if (!SOURCE_BUILD_RESOURCE_TYPES.has(resourceType)) {
    return undefined;
  }
  const block = singleBlock(attributes.build_config);
  const isBlock = typeof block === 'object' && block !== null && !Array.isArray(block);
  const field = (key: string): unknown => {
    if (typeof block === 'string') {
      return block;
    }
    const value = isBlock ? (block as Record<string, unknown>)[key] : undefined;
    return value === null || value === '' ? undefined : value;
  };
  if (resourceType === 'google_cloudfunctions2_function') {
    return {
      path: 'CLOUD_FUNCTIONS_V2_API',
      property: 'build_config.docker_repository',
      value: field('docker_repository'),
    };
  }
  if (resourceType === 'google_cloud_run_v2_service' && (isBlock || typeof block === 'string')) {
    return { path: 'CLOUD_RUN_ADMIN_API', property: 'build_config.image_uri', value: field('image_uri') };
  }
  return undefined;
}

/**
 * The repository a build writes to by default, `REGION-docker.pkg.dev/PROJECT_PATH/REPOSITORY`, with the
 * region and project checked (a literal project `example.com:p` appears as `example.com/p`).
 *
 * @throws Error naming what is wrong with the region or the project
 */
export function defaultRepositoryOf(region: string, project: string, path: DeploymentPathValue): string {
  const problem = checkRegion(region) ?? checkProjectId(project);
  if (problem !== undefined) {
    throw new Error(problem);
  }
  return repositoryPath(region, projectImagePath(project), DEFAULT_REPOSITORY[path]);
}

/**
 * `build_config.docker_repository`, `projects/P/locations/L/repositories/R`, as the repository of its
 * images: `L-docker.pkg.dev/P/R`.
 *
 * @throws Error naming what is wrong with the name, its region or its project
 */
export function dockerRepositoryOf(name: string): string {
  const { project, location, repository } = parseRepositoryName(name);
  const problem = checkRepositoryLocation(location) ?? checkProjectId(project);
  if (problem !== undefined) {
    throw new Error(problem);
  }
  return repositoryPath(location, projectImagePath(project), repository);
}

/**
 * The repository of a source deploy's `build_config.image_uri`, where Cloud Build pushes the image it
 * builds: an Artifact Registry image `L-docker.pkg.dev/P/R/IMAGE[:tag]` (`L-docker.pkg.dev/DOMAIN/P/R/IMAGE`
 * for a domain-scoped project) is in `L-docker.pkg.dev/P/R`. Anything else is refused: the build writes to
 * Artifact Registry, and allowlisting an image elsewhere (`docker.io/library/nginx`) would admit what
 * others push there.
 *
 * @throws Error naming what is wrong
 */
export function imageUriRepositoryOf(uri: string): string {
  const image = parseImageReference(uri);
  const segments = image.repository.split('/');
  // A domain-scoped project `example.com:p` is two segments, `example.com/p`.
  const repositoryEnd = segments[0].includes('.') ? 3 : 2;
  const location = image.registry.replace(/-docker\.pkg\.dev$/, '');
  if (
    !isArtifactRegistryHost(image.registry) ||
    checkRepositoryLocation(location) !== undefined ||
    segments.length <= repositoryEnd
  ) {
    throw new Error(
      'a source deploy pushes the image it builds to Artifact Registry, so image_uri names an image in an Artifact Registry repository, "REGION-docker.pkg.dev/PROJECT_ID/REPOSITORY/IMAGE"; an image anywhere else is not allowlisted, as that would admit what others push there',
    );
  }
  return `${image.registry}/${segments.slice(0, repositoryEnd).join('/')}`;
}
