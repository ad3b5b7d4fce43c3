/**
 * Container registries that many owners share: on these, the first path segment (or two) names a
 * tenant (a Google Cloud project, a Docker Hub namespace, a GitHub owner), and anyone can become a
 * tenant and push images. An allowlist pattern whose wildcard stands before the tenant is named admits
 * anyone's images, so the pattern grammar refuses it (see `pattern.ts`).
 *
 * The list (binauthz-facts §8, and each registry's own documentation of its namespaces):
 * - Docker Hub: `docker.io`, `index.docker.io`, `registry-1.docker.io`, `registry.hub.docker.com`, and
 *   Google's Docker Hub mirror `mirror.gcr.io`; the tenant is the namespace (`library` for official images);
 * - Container Registry: `gcr.io`, `us.gcr.io`, `eu.gcr.io`, `asia.gcr.io`; the tenant is the project;
 * - Artifact Registry: `LOCATION-docker.pkg.dev`; the tenant is the project;
 * - GitHub `ghcr.io` and its older `docker.pkg.github.com`, Quay `quay.io`, Amazon ECR Public
 *   `public.ecr.aws`, GitLab `registry.gitlab.com`, Chainguard `cgr.dev`, NVIDIA NGC `nvcr.io`, DigitalOcean
 *   `registry.digitalocean.com`, Cloudsmith `docker.cloudsmith.io`, the Forgejo and Gitea hosts
 *   `codeberg.org` and `gitea.com`, IBM Cloud `icr.io` and its regional hosts (`us.icr.io`,
 *   `private.de.icr.io`), Oracle Cloud `REGION.ocir.io`; the tenant is the owner, namespace, registry
 *   alias, organization, group or tenancy namespace.
 * - `ttl.sh`, where anyone pushes any name without an account: no pattern there names an owner, so only a
 *   pattern pinned to a digest (`ttl.sh/NAME@sha256:…`) is accepted.
 *
 * A project id that is domain-scoped (`example.com:my-project`) appears as two segments,
 * `example.com/my-project`: the tenant is then both.
 *
 * Google's single-owner registries (`k8s.gcr.io`, `gke.gcr.io`, `registry.k8s.io`) and a private registry
 * (`registry.example.com`) are not in the list: a pattern for all of such a registry is the owner's choice.
 */

/** Registries whose tenants are Google Cloud projects. */
const PROJECT_REGISTRIES: readonly string[] = ['gcr.io', 'us.gcr.io', 'eu.gcr.io', 'asia.gcr.io'];

/** Registries whose tenants are namespaces, owners, aliases or groups. */
const NAMESPACE_REGISTRIES: readonly string[] = [
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'registry.hub.docker.com',
  'mirror.gcr.io',
  'ghcr.io',
  'quay.io',
  'public.ecr.aws',
  'registry.gitlab.com',
  'docker.pkg.github.com',
  'cgr.dev',
  'nvcr.io',
  'registry.digitalocean.com',
  'docker.cloudsmith.io',
  'codeberg.org',
  'gitea.com',
];

/** Registry hosts with one host per region, whose tenants are namespaces: IBM Cloud's and Oracle Cloud's. */
const REGIONAL_NAMESPACE_HOST = /^(?:(?:[a-z0-9-]+\.)*icr\.io|[a-z0-9-]+\.ocir\.io)$/;

/** Registries where anyone pushes any name, without an account. */
const ANONYMOUS_REGISTRIES: readonly string[] = ['ttl.sh'];

/** The multi-tenant registry hosts, those with one host per location or region aside. */
export const MULTI_TENANT_REGISTRIES: readonly string[] = [
  ...PROJECT_REGISTRIES,
  ...NAMESPACE_REGISTRIES,
  ...ANONYMOUS_REGISTRIES,
];

/** Artifact Registry's Docker hosts, one per location: `us-docker.pkg.dev`, `europe-west1-docker.pkg.dev`. */
const ARTIFACT_REGISTRY_HOST = /^[a-z0-9]+(-[a-z0-9]+)*-docker\.pkg\.dev$/;

/** What a tenant is called on a registry, for messages; `anyone` where there are no tenants. */
export type TenantKind = 'project' | 'namespace' | 'anyone';

/**
 * Whether `registry` (a host, with or without a port) is shared by many owners, and what its tenants
 * are; `undefined` for a registry with one owner.
 */
export function tenantKindOf(registry: string): TenantKind | undefined {
  const host = registry.replace(/:[0-9]+$/, '');
  if (isArtifactRegistryHost(host) || PROJECT_REGISTRIES.includes(host)) {
    return 'project';
  }
  if (NAMESPACE_REGISTRIES.includes(host) || REGIONAL_NAMESPACE_HOST.test(host)) {
    return 'namespace';
  }
  return ANONYMOUS_REGISTRIES.includes(host) ? 'anyone' : undefined;
}

/** Whether `registry` is an Artifact Registry Docker host, `LOCATION-docker.pkg.dev`. */
export function isArtifactRegistryHost(registry: string): boolean {
  return ARTIFACT_REGISTRY_HOST.test(registry);
}

/**
 * How many leading path segments of `path` (what follows `registry/`) name the tenant on a multi-tenant
 * registry: one, or two for a domain-scoped project (`example.com/my-project`); `undefined` when the
 * registry is not multi-tenant; `Infinity` where anyone pushes any name (no number of segments names an
 * owner).
 */
export function tenantSegments(registry: string, path: string): number | undefined {
  const kind = tenantKindOf(registry);
  if (kind === undefined) {
    return undefined;
  }
  if (kind === 'anyone') {
    return Infinity;
  }
  return kind === 'project' && path.split('/')[0].includes('.') ? 2 : 1;
}
