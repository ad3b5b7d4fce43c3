'use strict';
/** Terraform JSON of two synthesized variants, compared without cdktf's `//` metadata (construct paths). */
const fs = require('fs');
const path = require('path');
const assert = require('assert');

function strip(value) {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== '//')
        .map(([k, v]) => [k, strip(v)]),
    );
  }
  return value;
}

exports.readStack = function readStack(outdir) {
  return strip(JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'typical', 'cdk.tf.json'), 'utf8')));
};

/** Resource and data source counts by type, such as `resource.google_kms_key_ring: 2`. */
exports.counts = function counts(tf) {
  const result = {};
  for (const kind of ['resource', 'data']) {
    for (const [type, byName] of Object.entries(tf[kind] || {})) result[`${kind}.${type}`] = Object.keys(byName).length;
  }
  return result;
};

/** Throws unless both synthesize the same resource types and counts, and the same Terraform JSON. */
exports.assertEquivalent = function assertEquivalent(a, b, what) {
  assert.deepStrictEqual(exports.counts(a), exports.counts(b), `${what}: resource types and counts differ`);
  assert.deepStrictEqual(a, b, `${what}: the Terraform JSON differs`);
};
