import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

// The release setup as projen generates it from .projenrc.ts (README, "Releasing"): read from the generated
// files, offline. The workflows cannot run here; these tests keep them, package.json, the tasks and the README
// from drifting apart.
const ROOT = join(__dirname, '..');
const WORKFLOWS = join(ROOT, '.github', 'workflows');

const read = (...path: string[]) => readFileSync(join(ROOT, ...path), 'utf8');
const workflow = (name: string) => read('.github', 'workflows', name);
const pkg = JSON.parse(read('package.json'));
const tasks: Record<string, { steps?: Array<{ spawn?: string; exec?: string; execArgs?: string[] }> }> = JSON.parse(
  read('.projen', 'tasks.json'),
).tasks;

/** The jobs of a workflow, each as its text (projen writes `jobs:` last, each job key indented by two spaces). */
function jobsOf(yaml: string): Record<string, string> {
  const jobs = yaml.slice(yaml.indexOf('\njobs:\n'));
  const parts = jobs.split(/^ {2}([\w-]+):\n/m).slice(1);
  const result: Record<string, string> = {};
  for (let i = 0; i < parts.length; i += 2) result[parts[i]] = parts[i + 1];
  return result;
}

/** Every secret a workflow reads, `${{ secrets.NAME }}`. */
const secretsIn = (yaml: string) => [...yaml.matchAll(/\$\{\{\s*secrets\.([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]);

/** Every task a task runs, itself included, following `spawn` steps. */
function spawnedBy(name: string, seen = new Set<string>()): Set<string> {
  if (seen.has(name)) return seen;
  seen.add(name);
  for (const step of tasks[name]?.steps ?? []) if (step.spawn) spawnedBy(step.spawn, seen);
  return seen;
}

const readme = read('README.md');
const contributing = readme.slice(readme.indexOf('\n## Contributing\n'));

describe('the release workflow', () => {
  const yaml = workflow('release.yml');
  const jobs = jobsOf(yaml);

  test('runs on every push to main and by hand', () => {
    expect(yaml).toMatch(/^on:\n {2}push:\n {4}branches:\n {6}- main\n {2}workflow_dispatch:/m);
  });

  test('builds once: the release job runs `projen release` with the full history and uploads dist', () => {
    expect(jobs.release).toContain('fetch-depth: 0');
    expect(jobs.release).toContain('run: npx projen release');
    expect(jobs.release).toMatch(/name: build-artifact\n\s+path: dist\n/);
  });

  test.each([
    ['release_npm', 'js', 'publib-npm'],
    ['release_pypi', 'python', 'publib-pypi'],
    ['release_maven', 'java', 'publib-maven'],
    ['release_nuget', 'dotnet', 'publib-nuget'],
    ['release_golang', 'go', 'publib-golang'],
  ])('%s packages %s from the built tarball and publishes it with %s', (job, language, publisher) => {
    const text = jobs[job];
    expect(text).toBeDefined();
    expect(text).toMatch(/needs: release\n/);
    expect(text).toContain('tar --strip-components=1 -xzvf dist/js/*.tgz -C .repo');
    expect(text).toContain(`run: cd .repo && npx projen package:${language}`);
    expect(text).toContain(`'publib@latest' '${publisher}'`);
  });

  test('npm: public, with provenance, with NPM_TOKEN', () => {
    expect(jobs.release_npm).toContain('NPM_REGISTRY: registry.npmjs.org');
    expect(jobs.release_npm).toContain('NPM_CONFIG_PROVENANCE: "true"');
    expect(secretsIn(jobs.release_npm)).toEqual(['NPM_TOKEN']);
  });

  test('PyPI: trusted publishing, no token', () => {
    expect(jobs.release_pypi).toContain('PYPI_TRUSTED_PUBLISHER: "true"');
    expect(jobs.release_pypi).toContain('id-token: write');
    expect(secretsIn(jobs.release_pypi)).toEqual([]);
  });

  test('Maven: the Central Portal', () => {
    expect(jobs.release_maven).toContain('MAVEN_SERVER_ID: central-ossrh');
  });

  test('Go: pushes with GO_GITHUB_TOKEN to the module repository that package.json names', () => {
    expect(jobs.release_golang).toContain('GITHUB_TOKEN: ${{ secrets.GO_GITHUB_TOKEN }}');
    expect(pkg.jsii.targets.go.moduleName).toBe('github.com/cdktf-gcp-binauthz/cdktf-gcp-binauthz-go');
  });

  test('the GitHub release, with the changelog, comes after every registry', () => {
    expect(jobs.release_github).toContain('CHANGELOG_FILE: dist/changelog.md');
    const needs = jobs.release_github.match(/needs:\n((?: {6}- \S+\n)+)/)![1];
    expect(needs.match(/\S+(?=\n)/g)).toEqual([
      'release',
      'release_npm',
      'release_maven',
      'release_pypi',
      'release_nuget',
      'release_golang',
    ]);
  });
});

describe('the tasks behind it', () => {
  test('`release` bumps, builds and resets the version, and fails if the build changed a committed file', () => {
    expect(tasks.release.steps).toEqual([
      { execArgs: ['rm', '-fr', 'dist'] },
      { spawn: 'bump' },
      { spawn: 'build' },
      { spawn: 'unbump' },
      { exec: 'git diff --ignore-space-at-eol --exit-code' },
    ]);
  });

  test('the local build never bumps, tags or releases', () => {
    const build = spawnedBy('build');
    for (const name of ['bump', 'unbump', 'release']) expect(build).not.toContain(name);
    expect(pkg.version).toBe('0.0.0');
  });

  test('`package` still generates the bindings, packs dist/js (what the publish jobs unpack) and tests the tarball', () => {
    expect(tasks.package.steps).toEqual([{ spawn: 'bindings' }, { spawn: 'package:js' }, { spawn: 'test:package' }]);
    expect(tasks['package:js'].steps).toEqual([{ execArgs: ['jsii-pacmak', '-v', '--target', 'js'] }]);
    expect(pkg.jsii.outdir).toBe('dist');
    // The bindings go to their own folder, so dist/js holds the one tarball the publish jobs unpack.
    expect(tasks.bindings.steps![0].exec).toMatch(/ -o dist\/bindings$/);
  });

  test.each(['python', 'java', 'dotnet', 'go'])('package:%s exists for its publish job', (language) => {
    expect(tasks[`package:${language}`].steps).toEqual([{ execArgs: ['jsii-pacmak', '-v', '--target', language] }]);
  });
});

describe('the build workflow', () => {
  test('runs on pull requests what the README promises, `npm ci && npx projen build`', () => {
    const build = jobsOf(workflow('build.yml')).build;
    expect(build).toMatch(/run: npm ci\n[\s\S]*run: npx projen build\n/);
  });
});

describe('the upgrade workflow', () => {
  const yaml = workflow('upgrade-main.yml');

  test('runs weekly and by hand, upgrades with projen and opens a pull request', () => {
    expect(yaml).toMatch(/^ {2}workflow_dispatch: \{\}\n {2}schedule:\n {4}- cron: 0 0 \* \* 1\n/m);
    expect(jobsOf(yaml).upgrade).toContain('run: npx projen upgrade');
    expect(jobsOf(yaml).pr).toContain('token: ${{ secrets.PROJEN_GITHUB_TOKEN }}');
  });
});

describe('package.json for npm and Construct Hub', () => {
  test('public, described, with the cdktf keyword and a jsii target for every language', () => {
    expect(pkg.publishConfig).toEqual({ access: 'public' });
    expect(pkg.description).toMatch(/Binary Authorization/);
    expect(pkg.keywords).toEqual(expect.arrayContaining(['cdktf', 'cdk']));
    expect(pkg.license).toBe('Apache-2.0');
    expect(Object.keys(pkg.jsii.targets).sort()).toEqual(['dotnet', 'go', 'java', 'python']);
  });
});

describe('the README', () => {
  const files = readdirSync(WORKFLOWS).filter((f) => f.endsWith('.yml'));
  const secrets = [...new Set(files.flatMap((f) => secretsIn(workflow(f))))].sort();

  test('the workflows read the secrets the release needs', () => {
    expect(secrets).toEqual(
      expect.arrayContaining([
        'GO_GITHUB_TOKEN',
        'NPM_TOKEN',
        'NUGET_API_KEY',
        'PROJEN_GITHUB_TOKEN',
        'MAVEN_PASSWORD',
      ]),
    );
  });

  test.each(secrets)('names the secret %s in its secrets table', (secret) => {
    expect(contributing).toMatch(new RegExp(`^\\| \`${secret}\` \\|`, 'm'));
  });

  test('names the Go repository and links the API reference', () => {
    expect(contributing).toContain('https://github.com/cdktf-gcp-binauthz/cdktf-gcp-binauthz-go');
    expect(readme.slice(0, readme.indexOf('\n## '))).toContain('[API.md](API.md)');
  });
});
