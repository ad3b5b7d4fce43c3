#!/usr/bin/env bash
# The package as a new user gets it: check what the tarball holds, install it into a fresh folder next to
# cdktf, constructs and the Google provider (from the npm cache that `npm ci` filled, else the registry),
# synthesize an app with it and run the packaged command on the result.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tarball=$(ls "$root"/dist/js/*.tgz)
passed=0
failed=0
check() { # name, command...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok: $name"; else failed=$((failed + 1)); echo "FAILED: $name"; fi
}

contents=$(tar tzf "$tarball")
holds() { grep -qx "package/$1" <<<"$contents"; }
holds_nothing_under() { ! grep -q "^package/$1" <<<"$contents"; }
check 'the tarball holds the library, the jsii assembly, README, API.md and LICENSE' \
  bash -c "$(declare -f holds); contents='$contents'; holds lib/index.js && holds lib/index.d.ts && holds lib/cli/main.js && holds .jsii && holds README.md && holds API.md && holds LICENSE"
check 'the tarball holds the JSON Schemas of check, lint and diff --json' \
  bash -c "$(declare -f holds); contents='$contents'; holds schemas/check.schema.json && holds schemas/lint.schema.json && holds schemas/diff.schema.json"
for dir in src/ test/ examples/ .ci/ dist/ coverage/ .projen/; do
  check "the tarball holds nothing under $dir" holds_nothing_under "$dir"
done
# node_modules/ holds the bundled dependencies (package.json bundledDependencies: the CLI's YAML parser), nothing else.
bundled=$(node -p "(require('$root/package.json').bundledDependencies || []).join('|')")
only_bundled() { ! grep "^package/node_modules/" <<<"$contents" | grep -Ev "^package/node_modules/($bundled)/" | grep -q .; }
check "the tarball's node_modules holds only the bundled dependencies ($bundled)" only_bundled

# Against the lowest provider the peer range accepts (the one we develop with) and the newest.
dev=$(node -e "const p=require('$root/package.json').devDependencies; console.log(['cdktf','constructs'].map(n => n + '@' + p[n]).join(' '))")
lowest=$(node -p "require('$root/package.json').devDependencies['@cdktf/provider-google']")
newest=$(node -p "require('$root/package.json').devDependencies['provider-google-newest'].split('@').pop()")
for provider in "$newest" "$lowest"; do
  work=$(mktemp -d)
  cp "$root/test/package/app.js" "$work/"
  (
    cd "$work"
    npm init -y >/dev/null
    # shellcheck disable=SC2086
    npm install --prefer-offline --no-audit --no-fund --loglevel=error "$tarball" $dev "@cdktf/provider-google@$provider" >/dev/null
  )
  check "the package installs next to its peers (provider $provider)" test -f "$work/node_modules/cdktf-gcp-binauthz/lib/index.js"
  check "an app synthesizes against it (provider $provider)" bash -c "cd '$work' && node app.js"
  check "the synthesized policy allowlists both deployment paths (provider $provider)" node -e "
    const p = Object.values(require('$work/cdktf.out/stacks/packaged/cdk.tf.json').resource.google_binary_authorization_policy)[0];
    const want = ['us-central1-docker.pkg.dev/my-project/cloud-run-source-deploy/**', 'us-central1-docker.pkg.dev/my-project/gcf-artifacts/**'];
    process.exit(JSON.stringify(p.admission_whitelist_patterns.map(x => x.name_pattern)) === JSON.stringify(want) ? 0 : 1);"
  check "the packaged command summarizes it (provider $provider)" bash -c "cd '$work' && npx --no-install cdktf-gcp-binauthz summary cdktf.out | grep -q 'gcf-artifacts/\\*\\*'"
  check "the packaged command reads a policy YAML with its bundled parser (provider $provider)" bash -c "cd '$work' && printf 'defaultAdmissionRule:\\n  evaluationMode: ALWAYS_DENY\\n  enforcementMode: ENFORCED_BLOCK_AND_AUDIT_LOG\\nname: projects/my-project/policy\\n' > policy.yaml && npx --no-install cdktf-gcp-binauthz summary policy.yaml | grep -q 'ALWAYS_DENY, ENFORCED_BLOCK_AND_AUDIT_LOG'"
  rm -rf "$work"
done

echo "package: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
