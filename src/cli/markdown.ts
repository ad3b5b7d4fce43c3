import { Quoted } from '../core/quoted';
import { escapeControlCharacters } from '../core/text';

/**
 * Markdown for a pull-request comment, in which nothing read from an input is ever interpreted: every
 * quoted value is a code span (inside which Markdown, HTML, links, mentions and autolinks are text), its
 * control characters escaped first so that it cannot end the line it is on; the command's own prose has
 * the characters that open inline Markdown escaped.
 */
export function markdownOf(text: Quoted): string {
  return text.parts.map((p) => (typeof p === 'string' ? markdownProse(p) : codeSpan(p.value))).join('');
}

/**
 * A value as a code span: fenced with one backtick more than its longest run of backticks, padded with a
 * space on each side (CommonMark strips one), control characters escaped (a line break would end the span).
 */
export function codeSpan(value: string): string {
  const text = escapeControlCharacters(value);
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${text} ${fence}`;
}

/** Prose with the characters that start inline Markdown or HTML escaped. */
export function markdownProse(text: string): string {
  return escapeControlCharacters(text).replace(/[\\`*_[\]<>|~&!]/g, (c) => `\\${c}`);
}
