/**
 * Terraform's `lifecycle.ignore_changes`: which of a resource's attributes Terraform leaves as they are
 * live, whatever the configuration says. An attribute it covers may differ from the configuration once
 * deployed (changed by hand, by another tool, or never applied), so the configuration does not tell what
 * is live. Written once, for the command line's readers and the constructs' checks.
 *
 * Framework-free and pure: it reads the value as Terraform JSON (and cdktf's `lifecycle.ignoreChanges`)
 * holds it.
 */

/**
 * The entry of `ignore_changes` that covers the attribute at `path`, as written (`"all"`, or an entry like
 * `"binary_authorization"` or `"template[0].containers"`), or `undefined` when none does.
 *
 * An entry covers the attribute when it names the attribute, a block that holds it (`"template"` covers
 * `template.containers`), or a part of it (`"template[0].containers[0].image"` covers `template.containers`:
 * a part of it may differ). List indexes (`[0]`, `.0`) are ignored; keys in brackets (`annotations["k"]`) are
 * path segments. `"all"`, `["all"]`, and any value of a shape Terraform does not accept (so its effect cannot
 * be told) cover every attribute: fail closed.
 *
 * @param ignoreChanges the value of `lifecycle.ignore_changes`: `"all"`, or a list of attribute references
 *   (`"NAME"`, or `"${NAME}"`); `undefined` or `null` when not set
 * @param path the attribute, one segment per block or key: `['metadata', 'annotations', 'run.googleapis.com/binary-authorization']`
 */
export function ignoredChangeCovering(ignoreChanges: unknown, path: readonly string[]): string | undefined {
  if (ignoreChanges === undefined || ignoreChanges === null) {
    return undefined;
  }
  if (!Array.isArray(ignoreChanges)) {
    return typeof ignoreChanges === 'string' ? ignoreChanges : JSON.stringify(ignoreChanges);
  }
  for (const entry of ignoreChanges) {
    if (typeof entry !== 'string') {
      return JSON.stringify(entry);
    }
    const segments = segmentsOf(entry);
    if (segments === undefined || segments[0] === 'all') {
      return entry;
    }
    const common = Math.min(segments.length, path.length);
    if (segments.slice(0, common).every((s, i) => s === path[i])) {
      return entry;
    }
  }
  return undefined;
}

/** An attribute reference's segments (`a[0].b["k"]` → `a`, `b`, `k`), or `undefined` when it is not one. */
function segmentsOf(entry: string): string[] | undefined {
  const reference = entry.replace(/^\$\{(.*)\}$/, '$1').trim();
  const segments: string[] = [];
  const part = /^(?:\.?([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\.(\d+)|\["((?:[^"\\]|\\.)*)"\])/;
  let rest = reference;
  while (rest !== '') {
    const match = part.exec(rest);
    if (match === null || (segments.length === 0 && match[1] === undefined)) {
      return undefined;
    }
    if (match[1] !== undefined) {
      segments.push(match[1]);
    } else if (match[4] !== undefined) {
      segments.push(match[4].replace(/\\(.)/g, '$1'));
    }
    rest = rest.slice(match[0].length);
  }
  return segments.length === 0 ? undefined : segments;
}

/**
 * The `lifecycle.ignore_changes` of a resource's attributes, as Terraform JSON, plans and the constructs
 * write `lifecycle` (an object, or a list of one); `undefined` when not set. A `lifecycle` of any other
 * shape stands for itself, as text, which `ignoredChangeCovering` counts as covering everything: fail closed.
 */
export function ignoreChangesOf(attributes: Record<string, unknown>): unknown {
  const value = attributes.lifecycle;
  const lifecycle = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (lifecycle === undefined || lifecycle === null) {
    return undefined;
  }
  if (typeof lifecycle === 'object' && !Array.isArray(lifecycle)) {
    return (lifecycle as Record<string, unknown>).ignore_changes;
  }
  return typeof lifecycle === 'string' ? lifecycle : JSON.stringify(lifecycle);
}
