/**
 * Text from configuration shown to people: control characters (C0, DEL, C1), line and paragraph
 * separators, bidirectional-text controls and the other format characters (zero-width characters, the
 * byte order mark, tag characters) and lone surrogates are escaped, so that a value can never break a
 * line, move the cursor, colour the terminal, reorder or hide what is printed around it. The one
 * escaping function of the constructs' messages and of every output of the command line.
 */

/** `\p{Cc}` C0, DEL and C1; `\p{Cf}` format characters (U+200E, U+202A–U+202E, U+2066–U+2069, U+061C, U+200B, U+FEFF, …); U+2028, U+2029; lone surrogates. */
const CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * `text` with every control character written as an escape (`\n`, `\u001b`, `\u202e`; a character
 * beyond U+FFFF as its two UTF-16 units). Escaping twice changes nothing, and the escapes are valid
 * inside JSON strings and YAML double-quoted scalars, so an escaped line of either stays valid.
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? unicodeEscapes(c));
}

function unicodeEscapes(c: string): string {
  let escaped = '';
  for (let i = 0; i < c.length; i++) {
    escaped += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
  }
  return escaped;
}
