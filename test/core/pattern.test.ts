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
    // Google's own single-owner registries, as Google's default policies list them.
    'k8s.gcr.io/**',
    'gke.gcr.io/**',
    'gcr.io/google_containers/*',
    'gcr.io/google-containers/*',
    'gcr.io/stackdriver-agents/*',
    // Multi-tenant registries, narrowed to a tenant; a private registry, whole.
    'gcr.io/acme-prod/**',
    'us-docker.pkg.dev/acme-prod/apps/**',
    'docker.io/library/nginx@*',
    'docker.io/library/**',
    'ghcr.io/acme/*',
    'cgr.dev/chainguard/**',
    'nvcr.io/nvidia/**',
    'us.icr.io/acme/*',
    'iad.ocir.io/acmetenancy/**',
    'registry.digitalocean.com/acme/**',
    `ttl.sh/acme-build@sha256:${'a'.repeat(64)}`,
    'registry.example.com/**',
    'registry.example.com:5000/*',
    // Directory wildcards, domain-scoped projects, registries with ports.
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
    [
      'gcr.io*',
      'wildcard-in-registry',
      /after the "registry\/" part; write one like "us-docker.pkg.dev\/my-project\/repo\/\*\*"/,
    ],
    [
      'registry.example.com*',
      'wildcard-in-registry',
      /after the "registry\/" part; write one like "registry.example.com\/\*\*"/,
    ],
    ['**', 'wildcard-in-registry', /wildcards alone would admit every image\); write one like "us-docker/],
    ['*', 'wildcard-in-registry', /wildcards alone would admit every image/],
    // Registry-wide on registries anyone can push to.
    [
      'docker.io/**',
      'multi-tenant-registry',
      /"docker.io" is shared by many owners.*like "docker.io\/NAMESPACE\/\*\*"/,
    ],
    ['docker.io/*', 'multi-tenant-registry', /wildcard before the namespace admits anyone's images/],
    ['index.docker.io/**', 'multi-tenant-registry', /shared by many owners/],
    [
      'gcr.io/**',
      'multi-tenant-registry',
      /wildcard before the project admits anyone's images.*"gcr.io\/PROJECT_ID\/\*\*"/,
    ],
    ['gcr.io/*', 'multi-tenant-registry', /shared by many owners/],
    ['gcr.io/acme*', 'multi-tenant-registry', /name the project before the wildcard/],
    ['eu.gcr.io/**', 'multi-tenant-registry', /shared by many owners/],
    ['us-docker.pkg.dev/**', 'multi-tenant-registry', /shared by many owners/],
    ['us-central1-docker.pkg.dev/*', 'multi-tenant-registry', /shared by many owners/],
    ['us-central1-docker.pkg.dev/example.com/**', 'multi-tenant-registry', /name the project/],
    ['ghcr.io/**', 'multi-tenant-registry', /shared by many owners/],
    ['quay.io/*', 'multi-tenant-registry', /shared by many owners/],
    ['public.ecr.aws/**', 'multi-tenant-registry', /shared by many owners/],
    ['registry.gitlab.com/**', 'multi-tenant-registry', /shared by many owners/],
    ['mirror.gcr.io/**', 'multi-tenant-registry', /shared by many owners/],
    ['docker.io:443/**', 'multi-tenant-registry', /shared by many owners/],
    ['docker.pkg.github.com/**', 'multi-tenant-registry', /shared by many owners/],
    ['cgr.dev/**', 'multi-tenant-registry', /shared by many owners/],
    ['nvcr.io/*', 'multi-tenant-registry', /shared by many owners/],
    ['registry.digitalocean.com/**', 'multi-tenant-registry', /shared by many owners/],
    ['docker.cloudsmith.io/**', 'multi-tenant-registry', /shared by many owners/],
    ['codeberg.org/**', 'multi-tenant-registry', /shared by many owners/],
    ['gitea.com/*', 'multi-tenant-registry', /shared by many owners/],
    ['icr.io/**', 'multi-tenant-registry', /shared by many owners/],
    ['us.icr.io/**', 'multi-tenant-registry', /shared by many owners/],
    ['private.de.icr.io/*', 'multi-tenant-registry', /shared by many owners/],
    ['iad.ocir.io/**', 'multi-tenant-registry', /shared by many owners/],
    // Anyone pushes any name to ttl.sh: nothing but a digest names a known image.
    ['ttl.sh/**', 'multi-tenant-registry', /anyone can push any name to "ttl.sh".*"ttl.sh\/NAME@sha256:…"/],
    ['ttl.sh/acme/**', 'multi-tenant-registry', /anyone can push any name/],
    ['ttl.sh/acme/app*', 'multi-tenant-registry', /anyone can push any name/],
    ['ttl.sh/acme/app@*', 'multi-tenant-registry', /pinned to a digest/],
    ['ttl.sh/acme/app', 'multi-tenant-registry', /pinned to a digest/],
    ['gcr..io/app', 'invalid-registry', /"gcr..io" is not one/],
    ['gcr.io/my-project/app:latest', 'tag', /does not accept tags.*"gcr.io\/my-project\/app@\*"/],
    ['gcr.io/my-project/app:v1.*', 'tag', /does not accept tags/],
    ['gcr.io/my-project/app@sha256:abc', 'invalid-digest', /full digest/],
    ['gcr.io/my-project/app@sha256:*', 'invalid-digest', /full digest/],
    [`gcr.io/my-project/app@sha256:${'a'.repeat(32)}`, 'invalid-digest', /64 lowercase hex digits/],
    [`gcr.io/my-project/app@sha256:${'A'.repeat(64)}`, 'invalid-digest', /64 lowercase hex digits/],
    [`gcr.io/my-project/app@md5:${'a'.repeat(32)}`, 'invalid-digest', /"sha256:"/],
    [`gcr.io/my-project/app@sha512:${'a'.repeat(128)}`, 'invalid-digest', /"sha256:"/],
    [`gcr.io/my-project/app@sha256:${'a'.repeat(65)}`, 'invalid-digest', /64 lowercase/],
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
