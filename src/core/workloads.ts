/**
 * The container images of Cloud Run workloads, read from their Terraform attributes (snake_case, as
 * Terraform JSON, plans and state hold them): written once for the deploy-side aspect's image check and
 * the command line's `check`.
 *
 * Nested blocks are objects in `cdk.tf.json` and lists of one object in plans and state; both are read.
 * A shape that is neither (a number where a block belongs, a list where one block belongs) is a
 * problem, never skipped: the caller fails on it. A value known only at apply time is `unknown`.
 */

/** Where the containers of each workload type are: the nested blocks down to the `containers` list. */
const CONTAINER_BLOCKS: Readonly<Record<string, readonly string[]>> = {
  google_cloud_run_v2_service: ['template', 'containers'],
  google_cloud_run_v2_job: ['template', 'template', 'containers'],
  google_cloud_run_v2_worker_pool: ['template', 'containers'],
  google_cloud_run_service: ['template', 'spec', 'containers'],
};

/** Where the containers of a workload type are (`['template', 'containers']`); `undefined` for a type without. */
export function containersPath(resourceType: string): readonly string[] | undefined {
  return CONTAINER_BLOCKS[resourceType];
}

/** Whether a resource type deploys container images that its configuration names. */
export function hasContainerImages(resourceType: string): boolean {
  return Object.prototype.hasOwnProperty.call(CONTAINER_BLOCKS, resourceType);
}

/** One container image of a workload. */
export interface ContainerImage {
  /** Where it is, such as `template.containers[1].image`. */
  readonly property: string;
  /** The container's name, when it has one. */
  readonly name?: string;
  /** The image, as written (a string; or unknown, see `unknown`). */
  readonly image: string;
  /** Whether the image is known only at apply time. */
  readonly unknown: boolean;
}

/** The images of one workload, and what could not be read. */
export interface WorkloadImages {
  /** The images, in order. */
  readonly images: ContainerImage[];
  /** Shapes that are not what the provider writes, as `property: what was found`; empty when all was read. */
  readonly problems: string[];
  /**
   * Where a block known only at apply time hides containers (`template`, or `template.containers`):
   * their images are unknown.
   */
  readonly unknownBlocks: string[];
}

/**
 * The container images of a workload of `resourceType` (see `hasContainerImages`).
 *
 * @param isUnknown tells values known only at apply time (a token, an interpolation)
 */
export function workloadImages(
  resourceType: string,
  attributes: Record<string, unknown>,
  isUnknown: (value: unknown) => boolean,
): WorkloadImages {
  const path = CONTAINER_BLOCKS[resourceType] ?? [];
  const result = { images: [] as ContainerImage[], problems: [] as string[], unknownBlocks: [] as string[] };
  let block: unknown = attributes;
  const walked: string[] = [];
  for (const [depth, name] of path.entries()) {
    const value = (block as Record<string, unknown>)[name];
    walked.push(name);
    const where = walked.join('.');
    if (value === undefined || value === null) {
      return result; // no template (or no containers): nothing to judge here
    }
    if (isUnknown(value)) {
      result.unknownBlocks.push(where);
      return result;
    }
    if (depth === path.length - 1) {
      readContainers(where, value, isUnknown, result);
      return result;
    }
    const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
    if (isUnknown(single)) {
      result.unknownBlocks.push(where);
      return result;
    }
    if (!isBlock(single)) {
      result.problems.push(`${where}: expected one block, found ${shapeOf(value)}`);
      return result;
    }
    block = single;
  }
  return result;
}

function readContainers(
  where: string,
  value: unknown,
  isUnknown: (value: unknown) => boolean,
  result: { images: ContainerImage[]; problems: string[]; unknownBlocks: string[] },
): void {
  const containers = Array.isArray(value) ? value : [value];
  containers.forEach((container, i) => {
    const at = `${where}[${i}]`;
    if (isUnknown(container)) {
      result.unknownBlocks.push(at);
      return;
    }
    if (!isBlock(container)) {
      result.problems.push(`${at}: expected a container block, found ${shapeOf(container)}`);
      return;
    }
    const image = container.image;
    const name = typeof container.name === 'string' ? container.name : undefined;
    if (typeof image === 'string') {
      result.images.push({ property: `${at}.image`, name, image, unknown: isUnknown(image) });
    } else if (image !== undefined && image !== null && isUnknown(image)) {
      result.images.push({ property: `${at}.image`, name, image: String(image), unknown: true });
    } else {
      result.problems.push(`${at}.image: expected an image, found ${shapeOf(image)}`);
    }
  });
}

function isBlock(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a value is, for messages: never its content. */
function shapeOf(value: unknown): string {
  if (Array.isArray(value)) {
    return `a list of ${value.length}`;
  }
  return value === null ? 'null' : value === undefined ? 'nothing' : `a ${typeof value}`;
}
