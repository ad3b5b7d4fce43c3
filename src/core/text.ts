/**
 * Text from configuration shown to people: control characters (C0, DEL, C1), line and paragraph
 * separators and bidirectional-text controls are escaped, so that a value can never break a line,
 * move the cursor, colour the terminal or reorder what is printed around it.
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every control character written as an escape (`\n`, `\u001b`, `\u202e`). */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
