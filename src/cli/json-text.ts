/**
 * JSON text to a value, refusing what `JSON.parse` would hide or what no reader should walk: one
 * `JSON.parse`, then one pass over the text (no recursion, no copy) for duplicate keys and depth.
 */

import { RESERVED_KEYS, reservedKeyMessage } from '../core/model';

/**
 * How deep objects and lists may nest: far deeper than Terraform JSON or a plan ever goes, and shallow
 * enough that no reader of the value can run out of stack.
 */
export const MAX_JSON_DEPTH = 512;

/** Why a JSON text was refused: a sentence without the file name. */
export class JsonTextError extends Error {}

/**
 * Parses JSON text as Terraform JSON must be: not empty, no byte order mark, valid JSON, no object
 * with the same key twice (`JSON.parse` keeps the last silently, where Terraform reads both blocks
 * or refuses a duplicate argument: what this command checked would not be what Terraform applies),
 * nested at most `MAX_JSON_DEPTH` levels, no key that JavaScript gives a meaning of its own
 * (`RESERVED_KEYS`: refused, never dropped).
 *
 * @throws JsonTextError with what is wrong
 */
export function parseJsonText(text: string): unknown {
  if (text.charCodeAt(0) === 0xfeff) {
    throw new JsonTextError('starts with a byte order mark (U+FEFF), which JSON does not allow; save it without one');
  }
  if (text.trim() === '') {
    throw new JsonTextError('is empty; expected Terraform JSON, like {"resource": {…}}');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new JsonTextError(`not valid JSON (${(e as Error).message})`);
  }
  const problem = structureProblem(text);
  if (problem !== undefined) {
    throw new JsonTextError(problem);
  }
  return value;
}

/** One open object (its keys so far) or list (its entries so far), and where it is. */
interface Container {
  readonly keys?: Set<string>;
  entries: number;
  /** The last key of an object, naming what is opened next. */
  lastKey?: string;
  readonly parent?: Container;
  /** Its key in the parent object, or its index in the parent list. */
  readonly name: string | number;
}

/** Where a container is, like `resource.google_cloud_run_v2_service.api` (built only for a message). */
function pathOf(container: Container): string {
  const names: Array<string | number> = [];
  for (let c: Container | undefined = container; c?.parent !== undefined; c = c.parent) {
    names.unshift(c.name);
  }
  return names.length === 0
    ? 'the top-level object'
    : names.map((n, i) => (typeof n === 'number' ? `[${n}]` : i === 0 ? n : `.${n}`)).join('');
}

/**
 * A reserved key, a duplicate key or too deep a nesting in text that `JSON.parse` accepted, or `undefined`. Strings
 * are skipped with `indexOf`; only keys are decoded.
 */
function structureProblem(text: string): string | undefined {
  const open: Container[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      const top = open[open.length - 1];
      if (top?.keys !== undefined && nextNonSpace(text, end + 1) === 0x3a /* : */) {
        const raw = text.slice(i + 1, end);
        const key: string = raw.includes('\\') ? JSON.parse(text.slice(i, end + 1)) : raw;
        if (RESERVED_KEYS.has(key)) {
          return `${reservedKeyMessage(key, pathOf(top))} (line ${line})`;
        }
        if (top.keys.has(key)) {
          return `has the key ${JSON.stringify(key)} twice in ${pathOf(top)} (line ${line}); JSON readers keep only the last, while Terraform reads both or refuses them: merge them into one`;
        }
        top.keys.add(key);
        top.lastKey = key;
      }
      i = end;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (open.length >= MAX_JSON_DEPTH) {
        return `nests objects and lists deeper than ${MAX_JSON_DEPTH} levels (line ${line}); Terraform JSON never does, so this command reads no deeper`;
      }
      const parent = open[open.length - 1];
      open.push({
        keys: c === 0x7b ? new Set() : undefined,
        entries: 0,
        parent,
        name: parent === undefined ? '' : parent.keys ? (parent.lastKey ?? '') : parent.entries,
      });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      open.pop();
    } else if (c === 0x2c /* , */) {
      open[open.length - 1].entries++;
    } else if (c === 0x0a /* \n */) {
      line++;
    }
  }
  return undefined;
}

/** The index of the quote that closes the string opening at `start` (the text is valid JSON). */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  for (;;) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 0x5c /* \ */) {
      backslashes++;
    }
    if (backslashes % 2 === 0) {
      return end;
    }
    end = text.indexOf('"', end + 1);
  }
}

/** The character code of the first character at or after `from` that is not JSON whitespace. */
function nextNonSpace(text: string, from: number): number {
  let i = from;
  let c = text.charCodeAt(i);
  while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
    c = text.charCodeAt(++i);
  }
  return c;
}
