/**
 * The two ways Cloud Run functions are deployed. Each builds the function's image into its own
 * Artifact Registry repository, which an enforced policy must allowlist.
 *
 * @see https://cloud.google.com/run/docs/securing/binary-authorization
 */
export enum DeploymentPath {
  /**
   * Functions deployed through the Cloud Run Admin API (`gcloud run deploy --source … --binary-authorization default`).
   * Images: `REGION-docker.pkg.dev/PROJECT_ID/cloud-run-source-deploy/**`.
   */
  CLOUD_RUN_ADMIN_API = 'CLOUD_RUN_ADMIN_API',
  /**
   * Functions deployed through the Cloud Functions v2 API (`gcloud functions deploy … --binary-authorization default`).
   * Images: `REGION-docker.pkg.dev/PROJECT_ID/gcf-artifacts/**`.
   */
  CLOUD_FUNCTIONS_V2_API = 'CLOUD_FUNCTIONS_V2_API',
}

/**
 * Where the functions of a deployment path are deployed.
 */
export interface DeploymentPathOptions {
  /**
   * The regions the functions are deployed in, such as `us-central1`: one pattern per region.
   */
  readonly regions: string[];

  /**
   * The project the functions are deployed in (and whose Artifact Registry holds their images).
   * @default - the policy's project
   */
  readonly project?: string;
}
