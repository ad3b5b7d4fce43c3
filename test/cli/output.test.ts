import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LineWriter, OutputError } from '../../src/cli/output';

describe('LineWriter', () => {
  test('writes every line whole, each with a newline', () => {
    const dir = mkdtempSync(join(tmpdir(), 'writer-'));
    const file = join(dir, 'out');
    const fd = openSync(file, 'w');
    const writer = new LineWriter(fd, 'the file');
    const long = 'x'.repeat(1_000_000);
    writer.line('first ü');
    writer.line(long);
    closeSync(fd);
    expect(readFileSync(file, 'utf8')).toBe(`first ü\n${long}\n`);
    rmSync(dir, { recursive: true });
  });

  test('a failed write throws OutputError with the reason', () => {
    const fd = openSync('/dev/full', 'w');
    try {
      const writer = new LineWriter(fd, 'standard output');
      expect(() => writer.line('x')).toThrow(OutputError);
      expect(() => writer.line('x')).toThrow('cannot write to standard output: no space left on device (ENOSPC)');
    } finally {
      closeSync(fd);
    }
  });

  test('a descriptor that is not open throws OutputError', () => {
    expect(() => new LineWriter(99_999, 'standard output').line('x')).toThrow(
      /^cannot write to standard output: .*\(EBADF\)$/,
    );
  });
});
