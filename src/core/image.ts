/**
 * Container image references as Cloud Run deploys them: `host[:port]/path[:tag][@digest]`.
 * The same lexical rules serve the allowlist pattern grammar (./pattern.ts).
 */

/** A registry host: a dotted DNS name or `localhost`, with an optional port. */
export const REGISTRY_HOST =
  /^(localhost|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+)(:[0-9]{1,5})?$/;
/** One path component of a repository: lowercase letters and digits, joined by `.`, `_`, `__` or dashes. */
export const PATH_COMPONENT = /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*$/;
/** A tag. */
export const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/**
 * An image digest as registries compute them and Cloud Run deploys them: `sha256:` and 64 lowercase hex
 * digits. Anything else (another algorithm, uppercase, a short hash) names no image, so a pattern or an
 * image with it could never match or be judged.
 */
export const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** A parsed image reference. */
export interface ImageReference {
  /** The reference as given. */
  readonly reference: string;
  /** The registry host, with its port if any. */
  readonly registry: string;
  /** The repository path below the registry, without tag or digest. */
  readonly repository: string;
  /** The tag, if any. */
  readonly tag?: string;
  /** The digest, if any. */
  readonly digest?: string;
}

/** Parses an image reference; throws an error that says what is wrong with it. */
export function parseImageReference(reference: string): ImageReference {
  const problem = (why: string) =>
    new Error(
      `"${reference}" is not an image reference: ${why}; expected REGISTRY/PATH/IMAGE[:TAG][@sha256:DIGEST], like "us-docker.pkg.dev/my-project/repo/app@sha256:…"`,
    );
  if (reference.trim() !== reference || reference === '' || /\s/.test(reference)) {
    throw problem('it is empty or contains white space');
  }
  const at = reference.indexOf('@');
  const digest = at >= 0 ? reference.slice(at + 1) : undefined;
  const name = at >= 0 ? reference.slice(0, at) : reference;
  if (digest !== undefined && !DIGEST.test(digest)) {
    throw problem(`"${digest}" is not a digest ("sha256:" and 64 lowercase hex digits)`);
  }
  const slash = name.indexOf('/');
  if (slash < 0) {
    throw problem('it has no registry host');
  }
  const registry = name.slice(0, slash);
  if (!REGISTRY_HOST.test(registry)) {
    throw problem(`"${registry}" is not a registry host`);
  }
  let repository = name.slice(slash + 1);
  let tag: string | undefined;
  const lastSlash = repository.lastIndexOf('/');
  const colon = repository.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = repository.slice(colon + 1);
    repository = repository.slice(0, colon);
    if (!TAG.test(tag)) {
      throw problem(`"${tag}" is not a tag`);
    }
  }
  const bad = repository.split('/').find((c) => !PATH_COMPONENT.test(c));
  if (bad !== undefined) {
    throw problem(`path component "${bad}" is not lowercase letters and digits joined by ".", "_" or "-"`);
  }
  return { reference, registry, repository, tag, digest };
}
