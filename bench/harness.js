'use strict';
/**
 * The child side of the benchmark: one process per measured run. `run` times the phases of one
 * synthesis (loading the modules, defining the constructs, `app.synth()`) and prints them, with the
 * process's peak resident set size, as one JSON line on stdout. The parent measures the wall time of
 * the whole process (Node's start-up included) from outside.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

/** The compiled library (`npx projen compile` writes lib/). */
exports.LIB = path.join(__dirname, '..', 'lib');

/**
 * @param {() => any} load requires what the variant needs
 * @param {(modules: any, outdir: string) => { synth(): void }} build defines the app
 */
exports.run = function run(load, build) {
  const start = performance.now(); // ms since the process started: Node's own start-up
  const keep = process.env.BENCH_OUTDIR;
  const outdir = keep || fs.mkdtempSync(path.join(os.tmpdir(), 'binauthz-bench-'));
  try {
    const modules = load();
    const loaded = performance.now();
    const app = build(modules, outdir);
    const built = performance.now();
    app.synth();
    const synthesized = performance.now();
    process.stdout.write(
      JSON.stringify({
        boot: start,
        load: loaded - start,
        build: built - loaded,
        synth: synthesized - built,
        work: synthesized - loaded,
        maxRssMb: process.resourceUsage().maxRSS / 1024,
      }) + '\n',
    );
  } finally {
    if (!keep) fs.rmSync(outdir, { recursive: true, force: true });
  }
};
