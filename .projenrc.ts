import { cdktf, javascript, ReleasableCommits } from 'projen';
import { UpdateSnapshot, UpgradeDependenciesSchedule } from 'projen/lib/javascript';
import { ReleaseTrigger } from 'projen/lib/release';

const project = new cdktf.ConstructLibraryCdktf({
  name: 'cdktf-gcp-binauthz',
  description:
    'CDK for Terraform constructs for Google Cloud Binary Authorization in front of Cloud Run: policy, allowlists for both Cloud Run functions deployment paths, attestors',
  author: 'cdktf-gcp-binauthz maintainers',
  authorAddress: 'maintainers@users.noreply.github.com',
  repositoryUrl: 'https://github.com/cdktf-gcp-binauthz/cdktf-gcp-binauthz.git',
  defaultReleaseBranch: 'main',
  keywords: [
    'cdktf',
    'cdk',
    'terraform',
    'gcp',
    'google-cloud',
    'binary-authorization',
    'binauthz',
    'cloud-run',
    'cloud-functions',
    'security',
    'google',
    'constructs',
  ],
  license: 'Apache-2.0',
  homepage: 'https://github.com/cdktf-gcp-binauthz/cdktf-gcp-binauthz#readme',
  stability: 'experimental',
  // util.parseArgs (the CLI) needs Node 18.3; cdktf 0.21 supports Node 18 and later.
  minNodeVersion: '18.12.0',
  projenrcTs: true,
  sampleCode: false,
  packageManager: javascript.NodePackageManager.NPM,
  prettier: true,
  prettierOptions: { settings: { singleQuote: true, printWidth: 120 } },

  jsiiVersion: '~6.0.0',
  cdktfVersion: '^0.21.0',
  constructsVersion: '^10.4.2',
  // Every 16.x of the provider (Google provider 6.38 and later) has what we emit. We compile and test
  // against the lowest (projen pins it as a dev dependency); the package test also installs the newest
  // (kept in the npm cache by the alias below, so no network is needed).
  peerDeps: ['@cdktf/provider-google@^16.0.0'],
  devDeps: [
    // The newest 16.x, for the package test; the build itself compiles against the lowest (jsii's rule).
    'provider-google-newest@npm:@cdktf/provider-google@16.12.1',
    'cdktf@0.21.0',
    'constructs@10.4.2',
    'ts-node',
    'fast-check',
    '@types/node@^20',
    // HCL input (src/cli/hcl.ts loads it only for .tf files; users have it through cdktf-cli).
    '@cdktf/hcl2json@0.21.0',
    // What `cdktf synth --hcl` runs after cdktf renders HCL: the examples' HCL output is checked through it.
    '@cdktf/hcl-tools@0.21.0',
    // Tests: every SARIF log against the OASIS schema (draft-04), every --json output against ours (draft-07),
    // and every JUnit report parsed.
    'ajv@^8',
    'ajv-draft-04@^1',
    'ajv-formats@^3',
    'fast-xml-parser@^5',
  ],

  bin: { 'cdktf-gcp-binauthz': 'lib/cli/main.js' },
  // The command line reads policy YAML (gcloud container binauthz policy export) with a maintained parser,
  // bundled into the package so that it never appears in the jsii API (jsii refuses plain dependencies).
  // openpgp verifies PGP attestations (`check --attestations`); loaded only when one is read.
  bundledDeps: ['yaml@^2.9.1', 'openpgp@^6.3.2'],

  // jsii bindings for the other languages; their source is generated offline in every build (`bindings`).
  // PyPI by trusted publishing (OIDC from the release workflow, no token); npm, Maven, NuGet and Go by the
  // secrets named in the README's "Releasing" section.
  publishToPypi: { distName: 'cdktf-gcp-binauthz', module: 'cdktf_gcp_binauthz', trustedPublishing: true },
  publishToMaven: {
    javaPackage: 'io.github.cdktf_gcp_binauthz',
    mavenGroupId: 'io.github.cdktf-gcp-binauthz',
    mavenArtifactId: 'cdktf-gcp-binauthz',
  },
  publishToNuget: { dotNetNamespace: 'CdktfGcpBinauthz', packageId: 'CdktfGcpBinauthz' },
  publishToGo: { moduleName: 'github.com/cdktf-gcp-binauthz/cdktf-gcp-binauthz-go' },

  // Publishing, as construct libraries publish (README, "Releasing"). Workflows are files that GitHub runs;
  // the local build (`npm ci && npx projen build`) neither bumps versions nor needs git tags or GitHub.
  github: true,
  githubOptions: {
    // Mergify needs a third-party app; upgrade pull requests are merged by a maintainer.
    mergify: false,
    // Pull request titles are conventional commits (they become the squashed commit that the bump reads);
    // only feat and fix release.
    pullRequestLintOptions: {
      semanticTitleOptions: { types: ['feat', 'fix', 'perf', 'docs', 'test', 'refactor', 'build', 'ci', 'chore'] },
    },
  },
  // Pull requests: build once, then package every language from the tarball (build.yml). The install is
  // `npm ci`, as in the README and in the release workflow: a mutable `npm install` with another npm than the
  // one that wrote the lockfile rewrites it (npm 10 drops its `libc` fields), and the build would fail as mutated.
  buildWorkflow: true,
  buildWorkflowOptions: { mutableInstall: false },
  // Every push to main that holds a feat or fix commit releases (release.yml): bump from the conventional
  // commits, build once, publish npm, PyPI, Maven Central, NuGet and the Go module repository, then a
  // GitHub release with the changelog.
  release: true,
  releaseToNpm: true,
  npmAccess: javascript.NpmAccess.PUBLIC,
  releaseTrigger: ReleaseTrigger.continuous(),
  // The bump tool supports the Node the project declares and the machines run (20): commit-and-tag-version 13
  // and its conventional-changelog dependencies want Node 22 and print EBADENGINE warnings on every `npm ci`.
  bumpPackage: 'commit-and-tag-version@^12',
  releasableCommits: ReleasableCommits.featuresAndFixes(),
  // 0.x while CDK for Terraform's future is open (archived upstream; see the README): a breaking change
  // bumps the minor version, and the bump fails rather than reach 1.0 by accident.
  majorVersion: 0,
  // The workflows' Node (minNodeVersion is the users'): jsii 6 supports 20, 22 and 24; 20 is past its end of
  // life and 24 is supported the longest (April 2028).
  workflowNodeVersion: '24.x',
  // Weekly pull request that upgrades the dependencies (upgrade-main.yml), also runnable by hand.
  depsUpgrade: true,
  depsUpgradeOptions: { workflowOptions: { schedule: UpgradeDependenciesSchedule.WEEKLY } },
  pullRequestTemplate: false,

  jestOptions: {
    // A snapshot that differs fails the run; `npm run test:update` rewrites snapshots on purpose.
    updateSnapshot: UpdateSnapshot.NEVER,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
      collectCoverage: false,
      // One worker per core (jest's default leaves one core to itself): on the 2-core machines the suite takes
      // about 90 s instead of 155 s; the tests that spawn the command line share the cores as well.
      maxWorkers: '100%',
    },
  },
  // Source maps in .js.map files beside the JavaScript (with the TypeScript source in them), not inline: jsii's
  // default inlines both, which made 70% of every compiled file a base64 comment that each synth read and scanned
  // (2.1 of 3.0 MB in lib/). Debuggers and --enable-source-maps read the .map file when they need it.
  tsconfig: { compilerOptions: { inlineSourceMap: false, inlineSources: true, sourceMap: true } },
  // test/tsconfig.json (paths relative to test/) also type-checks the example apps.
  tsconfigDev: { compilerOptions: {}, include: ['../examples/**/*.ts'] },
  // The build (and CI) lints without fixing: a formatting or lint error in a commit fails it, instead of
  // being fixed in CI's copy only. `npx projen lint:fix` fixes for people.
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'projenrc', '.projenrc.ts'],
    commandOptions: { fix: false },
  },
  gitignore: [
    'test/.readme-blocks/',
    'test/.codegen-programs/',
    'cdktf.out/',
    'examples/**/cdktf.out/',
    'examples/**/.gen/',
    '.terraform/',
  ],
});

// jsii prints an end-of-life banner for Node 20 on every run; the machines run Node 20.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

// The layers (shared/DESIGN.md): the core is framework-free, and the command line is the core plus files,
// never the constructs. Checked by the linter, so that a stray import fails the build.
const FRAMEWORK = ['cdktf', 'cdktf/*', 'constructs', 'constructs/*', '@cdktf/*'];
project.eslint?.addRules({
  'import/no-restricted-paths': [
    'error',
    {
      zones: [
        { target: './src/core', from: './src', except: ['./core'], message: 'src/core imports only src/core.' },
        {
          target: './src/cli',
          from: './src',
          except: ['./core', './cli'],
          message: 'src/cli imports src/core and src/cli, never the constructs.',
        },
      ],
    },
  ],
});
for (const layer of ['core', 'cli']) {
  project.eslint?.addOverride({
    files: [`src/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: FRAMEWORK, message: `src/${layer} does not depend on cdktf or constructs.` }] },
      ],
    },
  });
}

project.addTask('lint:fix', {
  description: 'Fix what eslint and prettier can fix, in every linted folder (the build only checks)',
  env: { ESLINT_USE_FLAT_CONFIG: 'false', NODE_NO_WARNINGS: '1' },
  exec: 'eslint --ext .ts,.tsx --fix --no-error-on-unmatched-pattern src test examples projenrc .projenrc.ts',
});

// ts-jest transpiles each file alone (isolatedModules), so type-check the tests, examples and scripts for real.
project.testTask.prependExec('tsc --noEmit -p test/tsconfig.json', { name: 'typecheck' });

project.addTask('example', {
  description: 'Synthesize the default example (examples/cloud-run-functions) and summarize the Terraform JSON',
  steps: [
    { exec: 'ts-node --project ../../test/tsconfig.json main.ts', cwd: 'examples/cloud-run-functions' },
    {
      exec: 'ts-node --project ../../test/tsconfig.json ../../src/cli/main.ts summary cdktf.out',
      cwd: 'examples/cloud-run-functions',
    },
  ],
});

// Synth cost against the bare provider classes, growth at scale, module load and evaluator throughput
// (docs/benchmarks.md). Not part of the build or the tests: timings belong in benchmarks, not assertions.
project.addTask('bench', {
  description:
    'Benchmark: the typical stack against hand-written provider classes, scale series, module load, evaluator (docs/benchmarks.md)',
  steps: [{ spawn: 'compile' }, { exec: 'node bench/run.js' }],
});

project.npmignore?.exclude('/examples/', '/scripts/', '/docs/', '/bench/', '/.ci/', 'cdktf.out/');
// The JSON Schemas of the command line's --json outputs (check, lint, diff) ship in the package, for consumers to
// validate against; test/package/run.sh checks that the tarball holds them.
project.npmignore?.include('/schemas/*.schema.json');

// The package task packs the npm tarball and generates the other languages' bindings as source, which
// needs no toolchain or registry (their own builds and publishing happen in a release workflow).
// jsii's own package task runs package:js in CI and package-all (every language, each with its toolchain)
// elsewhere; this one runs the same steps everywhere. The build and release workflows need from it only what
// jsii's gave them: the one tarball in dist/js (their package-* and release_* jobs unpack dist/js/*.tgz over a
// checkout and run package:<language> with that language's toolchain), next to the changelog.md, version.txt
// and releasetag.txt that `bump` wrote. The bindings go to dist/bindings, so dist/js holds that one tarball and
// the bump's files stay (test/release-config.test.ts checks the layout).
project.packageTask.reset();
project.packageTask.spawn(
  project.addTask('bindings', {
    description:
      'Generate the Python, Java, .NET and Go bindings as source (offline), so a jsii incompatibility fails the build',
    exec: 'jsii-pacmak --code-only --target python --target java --target dotnet --target go -o dist/bindings',
  }),
);
// After the bindings: their generation empties dist/js.
project.packageTask.spawn(project.tasks.tryFind('package:js')!);
// Install the packed tarball into a fresh folder, as a new user would, and synthesize an app against it.
project.packageTask.spawn(
  project.addTask('test:package', {
    description:
      'Install the packed tarball next to cdktf, constructs and the Google provider, and synthesize an app with it',
    exec: 'bash test/package/run.sh',
  }),
);

project.synth();
