'use strict';
/**
 * The benchmark (`npx projen bench`, which compiles lib/ first). Every measured run is a whole Node
 * process running compiled JavaScript (no ts-node), started after a warm-up run; medians are reported.
 *
 * 1. The typical stack: (a) this library's constructs, (b) the same Terraform JSON by hand with
 *    deep-imported provider classes (the baseline), (c) the same with the provider's root import.
 *    The bench fails unless (a), (b) and (c) synthesize the same Terraform JSON.
 * 2. Scale series: the typical stack with more allowlist patterns, attestors or Cloud Run workloads,
 *    (a) against (b) at each size (equivalence asserted at each size too).
 * 3. Module load: the library's own, on top of cdktf and the provider classes it uses.
 * 4. The evaluator: images per second against policies of 10, 1,000 and 10,000 patterns.
 * 5. The command line on a Terraform plan: `check plan.json` on generated plans of 5,000 and 50,000
 *    resources (bench/plan.js), and the command line's own module load.
 * 6. Attestations verified offline: `check --attestations` on 1,000 images and 2 required attestors
 *    (2,000 ECDSA signatures; bench/attestations.js).
 *
 * Options: BENCH_RUNS (default 15) runs per variant of the typical stack and module load; the scale
 * series use 5 runs (3 at their largest size); BENCH_QUICK=1 for a smoke test (2 runs, smaller series).
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { assertEquivalent, counts, readStack } = require('./compare');

const QUICK = process.env.BENCH_QUICK === '1';
const RUNS = Number(process.env.BENCH_RUNS || (QUICK ? 2 : 15));
const SCALE_RUNS = QUICK ? 2 : 5;
const LARGEST_RUNS = QUICK ? 1 : 3;

const here = (...p) => path.join(__dirname, ...p);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'binauthz-bench-out-'));

/** Runs one child process; returns its JSON line and its wall time. */
function once(script, args = [], env = {}) {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [script, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) {
    throw new Error(`${path.basename(script)} ${args.join(' ')} failed (${child.status}):\n${child.stderr}`);
  }
  return { wallMs, ...JSON.parse(child.stdout.trim().split('\n').pop()) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Measures variants side by side: one warm-up run of each (kept in `outdirs` when asked, for the
 * equivalence check), then `runs` rounds, each running every variant once in turn.
 */
function measure(variants, runs, keep) {
  const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const outdirs = {};
  for (const [name, [script, args]] of Object.entries(variants)) {
    const env = {};
    if (keep) env.BENCH_OUTDIR = outdirs[name] = fs.mkdtempSync(path.join(tmp, `${name}-`));
    once(script, args, env);
  }
  for (let r = 0; r < runs; r++) {
    for (const [name, [script, args]] of Object.entries(variants)) samples[name].push(once(script, args));
  }
  const result = {};
  for (const [name, list] of Object.entries(samples)) {
    result[name] = { runs: list.length };
    for (const key of Object.keys(list[0])) result[name][key] = median(list.map((s) => s[key]));
  }
  return { result, outdirs };
}

const f0 = (x) => x.toFixed(0);
const f1 = (x) => x.toFixed(1);
const f2 = (x) => x.toFixed(2);
const row = (cells) => `| ${cells.join(' | ')} |`;
const lines = [];
const out = (line = '') => {
  lines.push(line);
  process.stdout.write(line + '\n');
};
const verdict = (ok) => (ok ? 'met' : '**missed**');

// ---- Machine -------------------------------------------------------------------------------------
const version = (pkg) => require(`${pkg}/package.json`).version;
out('## Machine');
out();
out(`- CPU: ${os.cpus()[0].model}, ${os.availableParallelism ? os.availableParallelism() : os.cpus().length} cores (nproc)`);
out(`- memory: ${f1(os.totalmem() / 2 ** 30)} GiB`);
out(`- Node ${process.version}, ${os.type()} ${os.release()}`);
out(`- cdktf ${version('cdktf')}, constructs ${version('constructs')}, @cdktf/provider-google ${version('@cdktf/provider-google')}`);
out(`- runs: ${RUNS} per variant (typical stack, module load), ${SCALE_RUNS} per size in the series (${LARGEST_RUNS} at the largest), medians after one warm-up run each`);
out();

// ---- 1. The typical stack ------------------------------------------------------------------------
const typical = measure(
  {
    a: [here('typical', 'constructs.js'), []],
    b: [here('typical', 'deep.js'), []],
    c: [here('typical', 'root.js'), []],
  },
  RUNS,
  true,
);
const tfA = readStack(typical.outdirs.a);
const tfB = readStack(typical.outdirs.b);
assertEquivalent(tfA, tfB, 'typical stack, (a) constructs vs (b) deep imports');
assertEquivalent(readStack(typical.outdirs.c), tfB, 'typical stack, (c) root import vs (b) deep imports');
const resources = counts(tfB);
const total = Object.values(resources).reduce((x, y) => x + y, 0);

{
  const { a, b, c } = typical.result;
  out('## 1. The typical stack');
  out();
  out(
    `Policy (both deployment paths in three regions, two patterns, two KMS-backed attestors required), two attestors with KMS keys, sign and verify grants, APIs enabled, ten Cloud Run services and ten Cloud Run functions under \`RequireBinaryAuthorization\`, plus \`allowDeploymentPathsFor(stack)\` in (a): ${total} resources and data sources. Asserted: (a), (b) and (c) synthesize the same Terraform JSON (apart from cdktf's \`//\` metadata).`,
  );
  out();
  out(row(['variant', 'wall (ms)', 'peak RSS (MB)', 'load (ms)', 'build (ms)', 'synth (ms)', 'wall vs (b)', 'RSS vs (b)']));
  out(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  const line = (label, v) =>
    out(
      row([label, f0(v.wallMs), f1(v.maxRssMb), f0(v.load), f0(v.build), f0(v.synth), `${f2(v.wallMs / b.wallMs)}×`, `${f2(v.maxRssMb / b.maxRssMb)}×`]),
    );
  line('(a) cdktf-gcp-binauthz constructs', a);
  line('(b) by hand, deep imports (baseline)', b);
  line('(c) by hand, root import', c);
  out();
  out(
    `Target: (a) within 1.08× of (b) in wall time (issue 22) and 1.15× in memory: wall ${f2(a.wallMs / b.wallMs)}× ${verdict(a.wallMs / b.wallMs <= 1.08)}, memory ${f2(a.maxRssMb / b.maxRssMb)}× ${verdict(a.maxRssMb / b.maxRssMb <= 1.15)}. In-process build + synth: (a) ${f0(a.work)} ms, (b) ${f0(b.work)} ms.`,
  );
  out();
}

// ---- 2. Scale series -----------------------------------------------------------------------------
const SERIES = QUICK
  ? [
      ['patterns', 'allowlist patterns', [10, 100]],
      ['attestors', 'attestors', [1, 10]],
      ['workloads', 'Cloud Run services and functions under the aspect', [10, 100]],
    ]
  : [
      // Each series goes one size beyond the (10,000 patterns, 100 attestors, 1,000 workloads),
      // where the fixed cost of the typical stack no longer hides the growth.
      ['patterns', 'allowlist patterns', [10, 100, 1000, 10000, 100000]],
      ['attestors', 'attestors (KMS key, sign and verify grants each)', [1, 10, 100, 1000]],
      ['workloads', 'Cloud Run services and functions under the aspect', [10, 100, 1000, 10000]],
    ];
const growthTargets = [];
out('## 2. Scale series');
out();
out(
  `The typical stack with one dimension grown, (a) against (b) at each size; equivalence asserted at each size. "work" is the in-process time of defining the app and synthesizing it (after module load); "×prev" is the growth from the previous size (10× the input), and "per doubling" the same growth expressed per doubling of the input (ratio^0.301). The smaller sizes are dominated by the fixed cost of the rest of the typical stack; the largest size of each series goes beyond the sizes the issue asks for, to show the growth once the grown dimension dominates. ${SCALE_RUNS} runs per size, ${LARGEST_RUNS} at the largest.`,
);
out();
for (const [dimension, label, sizes] of SERIES) {
  out(`### ${label}`);
  out();
  out(row(['size', '(a) wall (ms)', '(a) work (ms)', '(a) RSS (MB)', '(b) work (ms)', '(b) RSS (MB)', '(a)/(b) work', '(a)/(b) RSS', '(a) work ×prev', 'per doubling', '(b) work ×prev', '(a) RSS ×prev']));
  out(row(['---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  let previous;
  for (const size of sizes) {
    const args = [`${dimension}=${size}`];
    const runs = size === sizes[sizes.length - 1] ? LARGEST_RUNS : SCALE_RUNS;
    const { result, outdirs } = measure(
      { a: [here('typical', 'constructs.js'), args], b: [here('typical', 'deep.js'), args] },
      runs,
      true,
    );
    assertEquivalent(readStack(outdirs.a), readStack(outdirs.b), `${dimension}=${size}, (a) vs (b)`);
    const { a, b } = result;
    const growth = previous ? a.work / previous.a.work : undefined;
    const perDoubling = growth ? growth ** Math.log10(2) : undefined;
    if (growth) growthTargets.push({ dimension, size, growth, perDoubling });
    out(
      row([
        size.toLocaleString('en-US'),
        f0(a.wallMs),
        f0(a.work),
        f1(a.maxRssMb),
        f0(b.work),
        f1(b.maxRssMb),
        `${f2(a.work / b.work)}×`,
        `${f2(a.maxRssMb / b.maxRssMb)}×`,
        growth ? `${f1(growth)}×` : '',
        perDoubling ? `${f2(perDoubling)}×` : '',
        previous ? `${f1(b.work / previous.b.work)}×` : '',
        previous ? `${f2(a.maxRssMb / previous.a.maxRssMb)}×` : '',
      ]),
    );
    previous = { a, b };
  }
  out();
}
const worst = growthTargets.reduce((w, g) => (!w || g.growth > w.growth ? g : w), undefined);
out(
  `Target: no step worse than linear (10× the input at most ~10-12× the time, doubling ≤ 2.3×): largest step ${f1(worst.growth)}× (${f2(worst.perDoubling)}× per doubling) for ${worst.dimension} at ${worst.size.toLocaleString('en-US')}: ${verdict(worst.perDoubling <= 2.3)}.`,
);
out();

// ---- 3. Module load ------------------------------------------------------------------------------
{
  const { result } = measure({ deep: [here('load.js'), ['deep']], lib: [here('load.js'), ['lib']] }, RUNS, false);
  const own = result.lib.wallMs - result.deep.wallMs;
  out('## 3. Module load');
  out();
  out(row(['process', 'wall (ms)', 'peak RSS (MB)', 'cdktf + constructs (ms)', 'provider classes (ms)', 'library (ms)']));
  out(row(['---', '---:', '---:', '---:', '---:', '---:']));
  out(row(['cdktf, constructs, the 11 provider classes the library uses', f0(result.deep.wallMs), f1(result.deep.maxRssMb), f0(result.deep.framework), f0(result.deep.provider), '']));
  out(row(['the same, then the library', f0(result.lib.wallMs), f1(result.lib.maxRssMb), f0(result.lib.framework), f0(result.lib.provider), f1(result.lib.library)]));
  out();
  out(
    `Target: the library's own module load under 50 ms: ${f1(result.lib.library)} ms in process, ${f0(own)} ms of whole-process wall time: ${verdict(result.lib.library < 50 && own < 50)}.`,
  );
  out();
}

// ---- 4. The evaluator ----------------------------------------------------------------------------
{
  const sizes = [10, 1000, 10000];
  const runs = QUICK ? 1 : 3;
  const samples = [];
  for (let r = 0; r < runs; r++) {
    const child = spawnSync(process.execPath, [here('evaluator.js'), ...sizes.map(String)], {
      env: { ...process.env, BENCH_EVAL_MS: QUICK ? '200' : '1000' },
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`evaluator.js failed:\n${child.stderr}`);
    samples.push(child.stdout.trim().split('\n').map((l) => JSON.parse(l)));
  }
  out('## 4. The evaluator');
  out();
  out(
    `Images per second (median of ${runs} processes, each rate measured over ${QUICK ? '0.2' : '1'} s after a warm-up); the images cycle through one admitted by the last pattern, one admitted half-way, and three that no pattern admits (by digest, by tag, another registry). Decisions are asserted.`,
  );
  out();
  out(row(['patterns', 'compile (ms)', 'compiled policy (CLI)', 'BinaryAuthorizationPolicy.evaluate', 'evaluate(model, image), compiles every call']));
  out(row(['---:', '---:', '---:', '---:', '---:']));
  const at = (i, key) => median(samples.map((s) => s[i][key]));
  sizes.forEach((size, i) =>
    out(
      row([
        size.toLocaleString('en-US'),
        f1(at(i, 'compileMs')),
        f0(at(i, 'compiled')).replace(/\B(?=(\d{3})+(?!\d))/g, ','),
        f0(at(i, 'construct')).replace(/\B(?=(\d{3})+(?!\d))/g, ','),
        f0(at(i, 'oneShot')).replace(/\B(?=(\d{3})+(?!\d))/g, ','),
      ]),
    ),
  );
  out();
  const rate = at(1, 'compiled');
  out(`Target: at least 100,000 images/s against 1,000 patterns: ${f0(rate)}/s compiled, ${f0(at(1, 'construct'))}/s through the construct: ${verdict(rate >= 100000 && at(1, 'construct') >= 100000)}.`);
  out();
}

// ---- 5. The command line on a plan ---------------------------------------------------------------
{
  const sizes = QUICK ? [5000] : [5000, 50000];
  const runs = QUICK ? 1 : 3;
  out('## 5. The command line on a Terraform plan');
  out();
  out(
    `\`cdktf-gcp-binauthz check plan.json --json\` (compiled lib/, in a process of its own) on plans that bench/plan.js generates in a temporary folder: one policy two modules deep, a tenth of the resources Cloud Run services (two containers each; half of them with an image known only after apply), the rest storage buckets with labels, over 50 modules each with a child module; planned values, resource changes and configuration as Terraform writes them. Median of ${runs} runs after a warm-up; the exit code (1: the unknown images are not admitted) and the number of rows are asserted.`,
  );
  out();
  out(row(['resources', 'plan (MB)', 'Cloud Run rows', 'wall (ms)', 'in process (ms)', 'peak RSS (MB)']));
  out(row(['---:', '---:', '---:', '---:', '---:', '---:']));
  let largest;
  for (const size of sizes) {
    const plan = path.join(tmp, `plan-${size}.json`);
    const generated = spawnSync(process.execPath, [here('plan.js'), 'generate', String(size), plan], { encoding: 'utf8' });
    if (generated.status !== 0) throw new Error(`plan.js generate failed:\n${generated.stderr}`);
    const { result } = measure({ check: [here('plan.js'), ['check', plan]] }, runs, false);
    const r = result.check;
    const rows = (size / 10) * 2;
    if (r.code !== 1 || r.rows !== rows) throw new Error(`check of ${size} resources: exit ${r.code}, ${r.rows} rows (expected 1, ${rows})`);
    out(row([size.toLocaleString('en-US'), f0(fs.statSync(plan).size / 1e6), rows.toLocaleString('en-US'), f0(r.wallMs), f0(r.ms), f1(r.maxRssMb)]));
    largest = { size, r, mb: fs.statSync(plan).size / 1e6 };
    fs.rmSync(plan);
  }
  out();
  const { result: load } = measure({ cli: [here('load.js'), ['cli']] }, RUNS, false);
  out(
    `Target: a plan of 50,000 resources (about 200 MB) judged in under 10 s with under 1.5 GB of memory: ${f0(largest.r.wallMs)} ms and ${f0(largest.r.maxRssMb)} MB for ${largest.size.toLocaleString('en-US')} resources (${f0(largest.mb)} MB): ${verdict(largest.size < 50000 || (largest.r.wallMs < 10000 && largest.r.maxRssMb < 1536))}. The command line's own module load (lib/cli/main.js, the YAML parser loaded only for YAML input): ${f1(load.cli.library)} ms in process.`,
  );
  out();
}

// ---- 6. Attestations verified offline ------------------------------------------------------------
{
  const images = 1000;
  const runs = QUICK ? 1 : 3;
  out('## 6. Attestations verified offline');
  out();
  out(
    `\`cdktf-gcp-binauthz check main.tf.json --attestations att.json --json\` (compiled lib/, in a process of its own) on a configuration that bench/attestations.js generates: a policy requiring 2 attestors (ECDSA P-256 PKIX keys), ${images.toLocaleString('en-US')} Cloud Run services each deploying its own image by digest, and one attestation per image and attestor (${(2 * images).toLocaleString('en-US')} signatures made with node:crypto, as \`gcloud container binauthz attestations list --format=json\` prints them). Median of ${runs} runs after a warm-up; the exit code (0: every image attested) and the rows admitted are asserted.`,
  );
  out();
  const dir = path.join(tmp, 'attestations');
  const generated = spawnSync(process.execPath, [here('attestations.js'), 'generate', String(images), dir], { encoding: 'utf8' });
  if (generated.status !== 0) throw new Error(`attestations.js generate failed:\n${generated.stderr}`);
  const { result } = measure({ check: [here('attestations.js'), ['check', dir]] }, runs, false);
  const r = result.check;
  if (r.code !== 0 || r.rows !== images || r.admitted !== images) {
    throw new Error(`check --attestations: exit ${r.code}, ${r.rows} rows, ${r.admitted} admitted (expected 0, ${images}, ${images})`);
  }
  out(row(['images', 'signatures', 'wall (ms)', 'in process (ms)', 'peak RSS (MB)']));
  out(row(['---:', '---:', '---:', '---:', '---:']));
  out(row([images.toLocaleString('en-US'), (2 * images).toLocaleString('en-US'), f0(r.wallMs), f0(r.ms), f1(r.maxRssMb)]));
  out();
  out(`Target: ${images.toLocaleString('en-US')} images and 2 required attestors (${(2 * images).toLocaleString('en-US')} ECDSA signatures) judged in under 2 s: ${f0(r.wallMs)} ms: ${verdict(r.wallMs < 2000)}.`);
  out();
}

fs.rmSync(tmp, { recursive: true, force: true });
