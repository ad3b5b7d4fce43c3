import { escapeControlCharacters } from '../core/text';

/**
 * Renders rows as a plain text table: a header, then one line a row, columns padded to fit. Cells are
 * escaped (`escapeControlCharacters`) before they are measured, so no cell can break a row or hide text.
 */
export function table(header: string[], rows: string[][]): string[] {
  const cells = rows.map((r) => r.map(escapeControlCharacters));
  // A loop, not Math.max(...): spreading a long list of rows would overflow the stack.
  const widths = header.map((h, i) => cells.reduce((width, r) => Math.max(width, r[i].length), h.length));
  const line = (row: string[]) =>
    row
      .map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), ...cells.map(line)];
}
