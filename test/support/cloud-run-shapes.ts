/**
 * Cloud Run resources in every odd shape that does not enforce Binary Authorization: absent, turned off, or
 * in a shape the provider does not accept. Each is a lint error, never clean and never "known only at apply
 * time" (only an interpolation is unknown). One table for the core (lintTerraformJson) and the command line
 * (`lint`), so that both are held to the same shapes.
 */

/** An odd shape: what it is, the resource type, the resource's attributes, and the lint code it must get. */
export type NonEnforcingShape = [what: string, type: string, body: Record<string, unknown>, code: string];

const V2_SERVICE = 'google_cloud_run_v2_service';
const V2_JOB = 'google_cloud_run_v2_job';
const V2_WORKER_POOL = 'google_cloud_run_v2_worker_pool';
const V1_SERVICE = 'google_cloud_run_service';
const FUNCTION = 'google_cloudfunctions2_function';
const KEY = 'run.googleapis.com/binary-authorization';

/** The builder of the shapes that get the lint code `code`. */
const lintedAs =
  (code: string) =>
  (what: string, type: string, body: Record<string, unknown>): NonEnforcingShape => [what, type, body, code];
/** A shape that leaves Binary Authorization unset or off. */
const notEnforced = lintedAs('not-enforced');
/** A shape the provider does not accept. */
const invalid = lintedAs('invalid-binary-authorization');

export const NON_ENFORCING_SHAPES: NonEnforcingShape[] = [
  notEnforced('v2: no block', V2_SERVICE, {}),
  notEnforced('v2: an empty list (Terraform JSON for no block)', V2_SERVICE, { binary_authorization: [] }),
  notEnforced('v2: null', V2_JOB, { binary_authorization: null }),
  notEnforced('v2: an empty block', V2_WORKER_POOL, { binary_authorization: {} }),
  notEnforced('v2: use_default false', V2_SERVICE, { binary_authorization: { use_default: false } }),
  invalid('v2: a number', V2_SERVICE, { binary_authorization: 1 }),
  invalid('v2: true, on a service', V2_SERVICE, { binary_authorization: true }),
  invalid('v2: true, on a job', V2_JOB, { binary_authorization: true }),
  invalid('v2: a plain string', V2_SERVICE, { binary_authorization: 'default' }),
  invalid('v2: a plain string, on a worker pool', V2_WORKER_POOL, { binary_authorization: 'on' }),
  invalid('v2: two blocks', V2_SERVICE, { binary_authorization: [{ use_default: true }, {}] }),
  invalid('v2: two enforcing blocks', V2_SERVICE, {
    binary_authorization: [{ use_default: true }, { use_default: true }],
  }),
  invalid('v2: a list holding a number', V2_SERVICE, { binary_authorization: [7] }),
  invalid('v2: use_default "true"', V2_SERVICE, { binary_authorization: { use_default: 'true' } }),
  invalid('v2: use_default 1, on a service', V2_SERVICE, { binary_authorization: { use_default: 1 } }),
  invalid('v2: use_default 1, on a worker pool', V2_WORKER_POOL, { binary_authorization: { use_default: 1 } }),
  invalid('v2: policy 5', V2_SERVICE, { binary_authorization: { policy: 5 } }),
  invalid('v2: a malformed named policy', V2_SERVICE, {
    binary_authorization: { policy: 'projects/p/platforms/gke/policies/x' },
  }),
  notEnforced('v1: no metadata', V1_SERVICE, {}),
  notEnforced('v1: metadata an empty list', V1_SERVICE, { metadata: [] }),
  invalid('v1: metadata a number', V1_SERVICE, { metadata: 3 }),
  invalid('v1: metadata a string', V1_SERVICE, { metadata: 'default' }),
  invalid('v1: two metadata blocks', V1_SERVICE, { metadata: [{ annotations: { [KEY]: 'default' } }, {}] }),
  invalid('v1: annotations a list', V1_SERVICE, { metadata: { annotations: [{ [KEY]: 'default' }] } }),
  invalid('v1: annotations a string', V1_SERVICE, { metadata: { annotations: KEY } }),
  invalid('v1: the annotation a boolean', V1_SERVICE, { metadata: { annotations: { [KEY]: true } } }),
  notEnforced('v1: the annotation empty', V1_SERVICE, { metadata: { annotations: { [KEY]: '' } } }),
  notEnforced('function: no service_config', FUNCTION, {}),
  notEnforced('function: service_config an empty list', FUNCTION, { service_config: [] }),
  invalid('function: service_config a number', FUNCTION, { service_config: 2 }),
  invalid('function: service_config a string', FUNCTION, { service_config: 'default' }),
  invalid('function: the policy 5', FUNCTION, { service_config: { binary_authorization_policy: 5 } }),
  invalid('function: the policy a list', FUNCTION, { service_config: { binary_authorization_policy: ['default'] } }),
];
