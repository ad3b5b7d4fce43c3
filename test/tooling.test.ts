import { readFileSync } from 'fs';
import { join } from 'path';
import { ROOT } from './support';

const tasks = JSON.parse(readFileSync(join(ROOT, '.projen/tasks.json'), 'utf8')).tasks;
const commandsOf = (task: any): string[] =>
  (task.steps ?? []).map((s: any) => (s.exec ?? (s.execArgs ?? []).join(' ')) as string);

describe('the build checks, it does not fix', () => {
  test('the eslint task that the tests run lints without --fix', () => {
    expect(tasks.test.steps.map((s: any) => s.spawn).filter(Boolean)).toContain('eslint');
    expect(commandsOf(tasks.eslint).join(' ')).not.toMatch(/--fix/);
  });

  test('lint:fix fixes, for people, in the same folders', () => {
    const fix = commandsOf(tasks['lint:fix']).join(' ');
    expect(fix).toMatch(/eslint .*--fix/);
    for (const folder of ['src', 'test', 'examples', 'projenrc', '.projenrc.ts']) {
      expect(commandsOf(tasks.eslint).join(' ')).toContain(` ${folder}`);
      expect(fix).toContain(` ${folder}`);
    }
  });
});
