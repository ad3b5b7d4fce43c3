import { parseAllowlistPattern, PatternProblemCode } from '../../src/core/pattern';

describe('allowlist pattern validation', () => {
  test.each([
    // Google's documented examples (policy YAML reference; Cloud Run section of "configure a policy").
    'gcr.io/my-project/nginx*',
    'gcr.io/my-project/nginx-1.14.2/image',
    'us-docker.pkg.dev/myproject/container/hello@*',
    'us-docker.pkg.dev/myproject/**',
    'us-central1-docker.pkg.dev/my-project/cloud-run-source-deploy/**',
    'europe-west1-docker.pkg.dev/my-project/gcf-artifacts/**',
    'gcr.io/my-project/helloworld@sha256:77b0b75136b9bd0fd36fb50f4c92ae0dbdbdd1d2f13c38ae5b0735a1e6d4a09b',
    // Registry root, directory wildcards, domain-scoped projects, registries with ports.
    'gcr.io/**',
    'gcr.io/my-project/*',
    'us-docker.pkg.dev/example.com/my-project/repo/**',
    'localhost:5000/app',
    'registry.example.com:8443/team/app@*',
  ])('accepts %s', (pattern) => expect(parseAllowlistPattern(pattern).problems).toEqual([]));

  test.each<[string, PatternProblemCode, RegExp]>([
    ['', 'empty', /cannot be empty/],
    ['gcr.io/my project/app', 'whitespace', /white space/],
    ['gcr.io/my-project/n*x', 'wildcard-not-at-end', /only at the end/],
    ['gcr.io/*/app', 'wildcard-not-at-end', /only at the end/],
    ['gcr.io/my-project/**/app', 'wildcard-not-at-end', /only at the end/],
    ['my-project/app', 'no-registry', /registry host/],
    ['app', 'no-registry', /registry host/],
    ['gcr.io*', 'wildcard-in-registry', /after the "registry\/" part, like "gcr.io\/\*\*"/],
    ['**', 'wildcard-in-registry', /after the "registry\/" part/],
    ['gcr..io/app', 'invalid-registry', /"gcr..io" is not one/],
    ['gcr.io/my-project/app:latest', 'tag', /does not accept tags.*"gcr.io\/my-project\/app@\*"/],
    ['gcr.io/my-project/app:v1.*', 'tag', /does not accept tags/],
    ['gcr.io/my-project/app@sha256:abc', 'invalid-digest', /full digest/],
    ['gcr.io/my-project/app@sha256:*', 'invalid-digest', /full digest/],
    ['gcr.io/my-project**', 'prefix-double-star', /"my-project\*\*" also matches sibling directories.*"\/\*\*"/],
    ['us-docker.pkg.dev/p/repo/app**', 'prefix-double-star', /end the pattern with "\/\*\*"/],
    ['gcr.io/My-Project/app', 'invalid-path', /"My-Project" is not lowercase/],
    ['gcr.io/my-project//app', 'invalid-path', /path component ""/],
    ['gcr.io/', 'invalid-path', /path component/],
    ['gcr.io/my-project/App*', 'invalid-path', /"App" is not lowercase/],
  ])('refuses %j (%s)', (pattern, code, message) => {
    const { problems } = parseAllowlistPattern(pattern);
    expect(problems.map((p) => p.code)).toEqual([code]);
    expect(problems[0].message).toMatch(message);
  });

  test('takes the trailing wildcard apart', () => {
    expect(parseAllowlistPattern('gcr.io/p/app@*')).toMatchObject({ prefix: 'gcr.io/p/app', wildcard: '@*' });
    expect(parseAllowlistPattern('gcr.io/p/**')).toMatchObject({ prefix: 'gcr.io/p/', wildcard: '**' });
    expect(parseAllowlistPattern('gcr.io/p/app*')).toMatchObject({ prefix: 'gcr.io/p/app', wildcard: '*' });
    expect(parseAllowlistPattern('gcr.io/p/app')).toMatchObject({ prefix: 'gcr.io/p/app', wildcard: 'none' });
  });
});
