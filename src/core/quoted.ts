/**
 * Sentences that quote values read from an input (resource names, patterns, images, members, reasons),
 * each value kept apart from the prose around it, so that every output renders it safely: as it is in a
 * table or JSON (escaped on output), as a code span in Markdown, where a value written into prose could
 * otherwise open a link, mention someone, inject HTML or break a table.
 */

/** A value quoted in a sentence. */
export interface QuotedValue {
  /** The value, as read from the input. */
  readonly value: string;
}

/** One part of a sentence: prose (the command's own words) or a quoted value. */
export type QuotedPart = string | QuotedValue;

/** A sentence whose quoted values are kept apart from its prose. */
export class Quoted {
  /** The parts, in order. */
  public readonly parts: readonly QuotedPart[];

  constructor(parts: readonly QuotedPart[]) {
    this.parts = parts;
  }

  /** The sentence as plain text. */
  public toString(): string {
    return this.parts.map((p) => (typeof p === 'string' ? p : p.value)).join('');
  }

  /** In JSON, plain text. */
  public toJSON(): string {
    return this.toString();
  }
}

/**
 * A tagged template: ``q`the pattern ${pattern} is added` `` quotes every interpolated string or number;
 * an interpolated `Quoted` keeps its own parts (its prose stays prose).
 */
export function q(strings: TemplateStringsArray, ...values: Array<string | number | Quoted>): Quoted {
  const parts: QuotedPart[] = [];
  strings.forEach((prose, i) => {
    if (prose !== '') {
      parts.push(prose);
    }
    if (i < values.length) {
      const value = values[i];
      if (value instanceof Quoted) {
        parts.push(...value.parts);
      } else {
        parts.push({ value: String(value) });
      }
    }
  });
  return new Quoted(parts);
}

/** The sentences joined by `separator` (prose). */
export function joinQuoted(sentences: readonly Quoted[], separator: string): Quoted {
  return new Quoted(sentences.flatMap((s, i) => (i === 0 ? s.parts : [separator, ...s.parts])));
}
