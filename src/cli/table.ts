import { Colour, Line, paint, painted } from './output';
import { escapeControlCharacters } from '../core/text';

/** How a table is drawn. */
export interface TableOptions {
  /** Whether to colour cells (a terminal that wants colour). */
  readonly colour?: boolean;
  /** The colour of a cell, by its row and column; none by default. */
  readonly colourOf?: (row: string[], column: number) => Colour | undefined;
}

/**
 * Renders rows as a plain text table: a header, then one line a row, columns padded to fit. Cells are
 * escaped (`escapeControlCharacters`) before they are measured, so no cell can break a row or hide text;
 * colour, when asked for, is added around the escaped, padded cells only.
 */
export function table(header: string[], rows: string[][], options: TableOptions = {}): Line[] {
  const cells = rows.map((r) => r.map(escapeControlCharacters));
  // A loop, not Math.max(...): spreading a long list of rows would overflow the stack.
  const widths = header.map((h, i) => cells.reduce((width, r) => Math.max(width, r[i].length), h.length));
  const line = (row: string[], colours: Array<Colour | undefined> = []): Line => {
    const text = row
      .map((c, i) => {
        const padded = i === row.length - 1 ? c : c.padEnd(widths[i]);
        return colours[i] === undefined ? padded : paint(padded, colours[i]!);
      })
      .join('  ')
      .trimEnd();
    return colours.some((c) => c !== undefined) ? painted(text) : text;
  };
  const colourOf = options.colour ? options.colourOf : undefined;
  return [line(header), ...cells.map((row, r) => line(row, colourOf ? row.map((_, i) => colourOf(rows[r], i)) : []))];
}
