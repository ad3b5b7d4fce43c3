/**
 * The Artifact Registry repositories where Cloud Run functions keep their images, per deployment path
 * (Cloud Run docs, "Use Binary Authorization": the policy administrator must exempt every image from
 * these repositories and their subdirectories).
 */

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
  return `${region}-docker.pkg.dev/${projectPath}/${repository}/**`;
}
