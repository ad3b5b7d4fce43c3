'use strict';
/**
 * Evaluator throughput, in this process: images evaluated per second against policies of N allowlist
 * patterns: a policy compiled once (`compilePolicy` + `evaluateCompiled`, what the CLI runs),
 * `BinaryAuthorizationPolicy.evaluate` (which keeps its compiled policy), and the one-shot
 * `evaluate(model, image)` (which compiles the policy on every call). Prints one JSON line per size.
 *
 *   node bench/evaluator.js 10 1000 10000
 */
const { LIB } = require('./harness');
const { compilePolicy, evaluate, evaluateCompiled } = require(`${LIB}/core/evaluate`);
const { App, TerraformStack } = require('cdktf');
const { AdmissionRule, BinaryAuthorizationPolicy } = require(LIB);

const DIGEST = `sha256:${'b'.repeat(64)}`;

/** N patterns of the kinds policies hold: repositories, images, digests, name prefixes. */
function patterns(n) {
  return Array.from({ length: n }, (_, i) => {
    switch (i % 4) {
      case 0:
        return `us-docker.pkg.dev/bench-project/repo-${i}/**`;
      case 1:
        return `us-docker.pkg.dev/bench-project/apps/app-${i}@*`;
      case 2:
        return `gcr.io/bench-project/pinned-${i}@${DIGEST}`;
      default:
        return `europe-docker.pkg.dev/bench-project/team-${i}/svc*`;
    }
  });
}

/**
 * The images evaluated, in turn: one the last pattern admits, one admitted half-way, and three that no
 * pattern admits (by digest, by tag, in another registry), so most evaluations scan the whole allowlist.
 */
function images(list) {
  const last = list[list.length - 1];
  const middle = list[Math.floor(list.length / 2)];
  const admitted = (p) =>
    p.endsWith('/**')
      ? `${p.slice(0, -2)}img@${DIGEST}`
      : p.endsWith('@*')
        ? `${p.slice(0, -2)}@${DIGEST}`
        : p.endsWith('*')
          ? `${p.slice(0, -1)}-x@${DIGEST}`
          : p;
  return [
    admitted(last),
    admitted(middle),
    `us-docker.pkg.dev/bench-project/unknown/app@${DIGEST}`,
    'us-docker.pkg.dev/bench-project/apps/other:latest',
    `docker.io/library/nginx@${DIGEST}`,
  ];
}

/** Evaluations per second, over at least `ms` milliseconds, after a warm-up. */
function rate(fn, list, ms) {
  for (let i = 0; i < 200; i++) fn(list[i % list.length]);
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < 50; i++) fn(list[n++ % list.length]);
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return (n / elapsed) * 1000;
}

const ms = Number(process.env.BENCH_EVAL_MS || 1000);
for (const size of process.argv.slice(2).map(Number)) {
  const list = patterns(size);
  const model = {
    project: 'bench-project',
    defaultAdmissionRule: { evaluationMode: 'ALWAYS_DENY', enforcementMode: 'ENFORCED_BLOCK_AND_AUDIT_LOG', requireAttestationsBy: [] },
    allowlistPatterns: list,
  };
  const imgs = images(list);
  // The decisions are checked, so that a faster evaluator cannot be a wrong one.
  const compileStart = performance.now();
  const compiled = compilePolicy(model);
  const compileMs = performance.now() - compileStart;
  for (const [what, judge] of [
    ['evaluate', (image) => evaluate(model, image)],
    ['evaluateCompiled', (image) => evaluateCompiled(compiled, image)],
  ]) {
    const decisions = imgs.map((image) => judge(image).decision).join(',');
    if (decisions !== 'ALLOW,ALLOW,DENY,DENY,DENY') {
      throw new Error(`${what}: unexpected decisions for ${size} patterns: ${decisions}`);
    }
  }

  const stack = new TerraformStack(new App(), 'evaluate');
  const policy = new BinaryAuthorizationPolicy(stack, 'Policy', {
    project: 'bench-project',
    defaultAdmissionRule: AdmissionRule.denyAll(),
    allowlistPatterns: list,
  });
  process.stdout.write(
    JSON.stringify({
      patterns: size,
      compileMs,
      compiled: rate((image) => evaluateCompiled(compiled, image), imgs, ms),
      construct: rate((image) => policy.evaluate(image), imgs, ms),
      oneShot: rate((image) => evaluate(model, image), imgs, ms),
    }) + '\n',
  );
}
