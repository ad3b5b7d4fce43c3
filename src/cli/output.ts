import { writeSync } from 'fs';

/** The colours the command uses on a terminal. */
export type Colour = 'red' | 'green' | 'yellow' | 'cyan';

const CODES: Record<Colour, string> = { red: '31', green: '32', yellow: '33', cyan: '36' };

/**
 * A line that is already escaped (every value from an input in it went through
 * `escapeControlCharacters`) and holds colour codes of the command's own: written as it is.
 */
export class PaintedLine {
  constructor(public readonly text: string) {}
}

/** A line of output: plain text, escaped when written, or a painted line. */
export type Line = string | PaintedLine;

/** `text` in a colour, for a painted line (the text must be escaped already). */
export function paint(text: string, colour: Colour): string {
  return `\u001b[${CODES[colour]}m${text}\u001b[0m`;
}

/** Marks escaped text holding colour codes as a painted line. */
export function painted(text: string): PaintedLine {
  return new PaintedLine(text);
}

/**
 * Whether output to a stream should be coloured: only a terminal, and never when `NO_COLOR` is set to
 * something (https://no-color.org).
 */
export function wantsColour(isTerminal: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return isTerminal === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

/** Output that could not be written (a full disk, `/dev/full`, an I/O error): exit code 2. */
export class OutputError extends Error {}

/**
 * Writes lines to a file descriptor synchronously and completely (`fs.writeSync` in a loop), so that
 * the exit code knows whether the output was written: `process.stdout` would report a failed write
 * only after the exit code is set, or never.
 *
 * A failed write throws `OutputError`. A reader that has gone away (EPIPE, as in `… | head`) is not
 * an error: the rest of the output is dropped quietly and the exit code stays the command's.
 */
export class LineWriter {
  private gone = false;

  /**
   * @param fd the file descriptor (1 for standard output)
   * @param name what it is, for messages ("standard output")
   */
  constructor(
    private readonly fd: number,
    private readonly name: string,
  ) {}

  /** Writes one line and a newline. */
  public line(text: string): void {
    if (this.gone) {
      return;
    }
    const bytes = Buffer.from(`${text}\n`, 'utf8');
    let written = 0;
    while (written < bytes.length) {
      try {
        written += writeSync(this.fd, bytes, written, bytes.length - written);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          pause(); // a non-blocking pipe that is full: wait for the reader
        } else if (code === 'EPIPE') {
          this.gone = true;
          return;
        } else {
          // "ENOSPC: no space left on device, write" reads "no space left on device (ENOSPC)".
          const reason = (e as Error).message.replace(/^[A-Z]+: /, '').replace(/, write$/, '');
          throw new OutputError(`cannot write to ${this.name}: ${reason}${code ? ` (${code})` : ''}`);
        }
      }
    }
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Waits a few milliseconds, synchronously. */
function pause(): void {
  Atomics.wait(sleeper, 0, 0, 5);
}
