/**
 * Values that came from an input, for messages: shortened, bounded in depth, control characters
 * escaped (`escapeControlCharacters`).
 */
import { keyMaterialOf } from './key-material';
import { escapeControlCharacters } from './text';

/** How many characters `describeValue` shows at most. */
const MAX_SHOWN = 80;
/** How deep into lists and objects `describeValue` looks. */
const MAX_SHOWN_DEPTH = 2;
/** How many entries of a list or object `describeValue` shows. */
const MAX_SHOWN_ENTRIES = 3;

/**
 * A value received from an input, for a message: JSON-like, at most two levels deep and a few
 * entries wide, shortened to about 80 characters, control characters escaped; a string that holds key
 * material (`keyMaterialOf`) is not shown. Never walks more of the value than it shows, however deep or
 * large the value is.
 */
export function describeValue(value: unknown): string {
  const text = render(value, 0);
  const shortened = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
  return escapeControlCharacters(shortened);
}

function render(value: unknown, depth: number): string {
  if (typeof value === 'string') {
    const secret = keyMaterialOf(value);
    if (secret !== undefined) {
      return `(not shown: ${secret})`;
    }
    // Only the start of a long string is shown: never copy or quote all of it.
    return value.length > MAX_SHOWN ? `${JSON.stringify(value.slice(0, MAX_SHOWN))}…` : JSON.stringify(value);
  }
  if (value === undefined) {
    return 'undefined';
  }
  if (typeof value !== 'object' || value === null) {
    return String(value);
  }
  const isList = Array.isArray(value);
  const [open, close] = isList ? ['[', ']'] : ['{', '}'];
  const size = isList ? value.length : Object.keys(value).length;
  if (size === 0) {
    return `${open}${close}`;
  }
  if (depth >= MAX_SHOWN_DEPTH) {
    return `${open}…${close}`;
  }
  const entries = isList
    ? value.slice(0, MAX_SHOWN_ENTRIES).map((v) => render(v, depth + 1))
    : Object.entries(value as Record<string, unknown>)
        .slice(0, MAX_SHOWN_ENTRIES)
        .map(([k, v]) => `${render(k, depth + 1)}: ${render(v, depth + 1)}`);
  return `${open}${entries.join(', ')}${size > MAX_SHOWN_ENTRIES ? ', …' : ''}${close}`;
}
