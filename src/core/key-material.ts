/**
 * Key material in values that messages would show: the constructs' errors and the command line's
 * messages describe such a value by its kind and size, never quote it. Framework-free and pure.
 */
/** An armour line, `-----BEGIN EC PRIVATE KEY-----` or `-----BEGIN PGP PRIVATE KEY BLOCK-----`, of any label. */
const ARMOUR = /-----\s*BEGIN\s*([^-\n]{0,60}?)\s*-----/i;
/**
 * A key body without its armour lines: a run of at least 64 base64 characters (line breaks removed) with
 * capitals, small letters and digits, as random data has them and resource names seldom do.
 */
const BASE64_BODY = /[A-Za-z0-9+/]{64,}/g;
/** How deep `keyMaterialOf` looks into arrays and objects. */
export const MAX_DEPTH = 8;

/**
 * What key material `value` holds, wherever it is (a string, or a string in arrays and plain objects):
 * "a PEM block labelled EC PRIVATE KEY", "text that may be a key body"; `undefined` when none. Messages
 * never quote such a value: a key pasted in the wrong place must not reach logs.
 *
 * @param isOpaque objects not to look into (the constructs' tokens)
 */
export function keyMaterialOf(
  value: unknown,
  isOpaque: (value: object) => boolean = () => false,
  depth = 0,
): string | undefined {
  if (typeof value === 'string') {
    const armour = ARMOUR.exec(value);
    if (armour) {
      return `a PEM block labelled ${JSON.stringify(armour[1].trim().toUpperCase())}`;
    }
    const bodies = value.replace(/\s+|\\n/g, '').match(BASE64_BODY) ?? [];
    return bodies.some((b) => count(b, /[A-Z]/g) >= 4 && count(b, /[a-z]/g) >= 4 && count(b, /[0-9]/g) >= 3)
      ? 'text that may be a key body'
      : undefined;
  }
  if (typeof value !== 'object' || value === null || isOpaque(value)) {
    return undefined;
  }
  if (depth >= MAX_DEPTH) {
    return 'values nested too deep to check for key material';
  }
  let entries: unknown[];
  try {
    entries = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : [];
  } catch {
    return undefined; // a proxy or getter that throws: nothing to read
  }
  for (const entry of entries) {
    const found = keyMaterialOf(entry, isOpaque, depth + 1);
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** Whether a value is a plain object (of `Object` or no prototype): what is looked into, not class instances. */
export function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
