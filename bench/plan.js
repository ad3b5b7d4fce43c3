'use strict';
/**
 * The command line on a large Terraform plan (`terraform show -json` output), as one process per run:
 *
 *   node bench/plan.js generate N FILE   writes a plan of N resources to FILE (not measured)
 *   node bench/plan.js check FILE        runs `cdktf-gcp-binauthz check FILE --json` in process (compiled lib/),
 *                                        output discarded; prints one JSON line: exit code, rows, in-process
 *                                        time, peak resident set size
 *
 * The plan: one policy (two modules deep), a tenth of the resources Cloud Run services (two containers each,
 * half of them with an image known only after apply), the rest storage buckets with labels, spread over 50
 * modules each with a child module; every resource in planned_values, resource_changes (after, after_unknown,
 * before for updates) and the configuration, as Terraform writes them. About 4 KB of JSON a resource.
 */
const fs = require('fs');
const path = require('path');

const D = (c) => `sha256:${c.repeat(64)}`;
const PROVIDER = 'registry.terraform.io/hashicorp/google';

function generate(count, file) {
  const fd = fs.openSync(file, 'w');
  let buffer = '';
  const write = (text) => {
    buffer += text;
    if (buffer.length > 1 << 20) {
      fs.writeSync(fd, buffer);
      buffer = '';
    }
  };
  const labels = Object.fromEntries(Array.from({ length: 24 }, (_, i) => [`label-${i}`, `value-${i}-${'x'.repeat(20)}`]));
  const resources = [];
  for (let i = 0; i < count; i++) {
    const module = `module.m${i % 50}.module.c`;
    if (i === 0) {
      resources.push({
        module,
        type: 'google_binary_authorization_policy',
        name: 'this',
        values: {
          project: 'app-project',
          default_admission_rule: [{ evaluation_mode: 'ALWAYS_DENY', enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG', require_attestations_by: [] }],
          admission_whitelist_patterns: [{ name_pattern: 'us-docker.pkg.dev/app-project/containers/**' }],
          cluster_admission_rules: [],
        },
        unknown: {},
      });
    } else if (i % 10 === 1) {
      const unknownImage = i % 20 === 1;
      resources.push({
        module,
        type: 'google_cloud_run_v2_service',
        name: `svc${i}`,
        values: {
          name: `svc-${i}`,
          location: 'us-central1',
          project: 'app-project',
          labels,
          binary_authorization: [{ use_default: true, policy: null, breakglass_justification: null }],
          template: [
            {
              containers: [
                { name: 'app', image: unknownImage ? undefined : `us-docker.pkg.dev/app-project/containers/app-${i}@${D('a')}`, args: [], env: [] },
                { name: 'proxy', image: `us-docker.pkg.dev/app-project/containers/proxy@${D('b')}`, args: [], env: [] },
              ],
              service_account: `svc-${i}@app-project.iam.gserviceaccount.com`,
            },
          ],
        },
        unknown: { id: true, uid: true, template: [{ containers: [unknownImage ? { image: true } : {}, {}] }] },
      });
    } else {
      resources.push({
        module,
        type: 'google_storage_bucket',
        name: `b${i}`,
        values: {
          name: `app-project-bucket-${i}`,
          location: 'US',
          project: 'app-project',
          labels,
          uniform_bucket_level_access: true,
          versioning: [{ enabled: true }],
          lifecycle_rule: [{ action: [{ type: 'Delete', storage_class: '' }], condition: [{ age: 30, with_state: 'ANY' }] }],
        },
        unknown: { id: true, self_link: true, url: true, effective_labels: true },
      });
    }
  }
  const byModule = new Map();
  for (const r of resources) {
    r.address = `${r.module}.${r.type}.${r.name}`;
    if (!byModule.has(r.module)) byModule.set(r.module, []);
    byModule.get(r.module).push(r);
  }
  const planned = (r) => ({ address: r.address, mode: 'managed', type: r.type, name: r.name, provider_name: PROVIDER, schema_version: 0, values: r.values, sensitive_values: {} });
  write('{"format_version":"1.2","terraform_version":"1.9.5","planned_values":{"root_module":{"resources":[],"child_modules":[');
  [...byModule.keys()].forEach((module, m) => {
    const parent = module.replace(/\.module\.c$/, '');
    write(`${m ? ',' : ''}{"address":${JSON.stringify(parent)},"resources":[],"child_modules":[{"address":${JSON.stringify(module)},"resources":[`);
    byModule.get(module).forEach((r, i) => write(`${i ? ',' : ''}${JSON.stringify(planned(r))}`));
    write(']}]}');
  });
  write(']}},"resource_changes":[');
  resources.forEach((r, i) => {
    const update = i % 3 === 0;
    const change = {
      address: r.address,
      module_address: r.module,
      mode: 'managed',
      type: r.type,
      name: r.name,
      provider_name: PROVIDER,
      change: { actions: [update ? 'update' : 'create'], before: update ? r.values : null, after: r.values, after_unknown: r.unknown, before_sensitive: update ? {} : false, after_sensitive: {} },
    };
    write(`${i ? ',' : ''}${JSON.stringify(change)}`);
  });
  write('],"configuration":{"provider_config":{"google":{"name":"google","full_name":"' + PROVIDER + '","expressions":{"project":{"constant_value":"app-project"}}}},"root_module":{"module_calls":{');
  [...byModule.keys()].forEach((module, m) => {
    const name = module.split('.')[1];
    const resourcesConfig = byModule.get(module).map((r) => ({ address: `${r.type}.${r.name}`, mode: 'managed', type: r.type, name: r.name, provider_config_key: 'google', expressions: { name: { constant_value: r.values.name } }, schema_version: 0 }));
    write(`${m ? ',' : ''}${JSON.stringify(name)}:{"source":"./modules/m","module":{"module_calls":{"c":{"source":"./c","module":{"resources":${JSON.stringify(resourcesConfig)}}}}}}`);
  });
  write('}}},"applyable":true,"complete":true,"errored":false}');
  fs.writeSync(fd, buffer);
  fs.closeSync(fd);
}

function check(file) {
  const start = performance.now();
  const { main } = require(path.join(__dirname, '..', 'lib', 'cli', 'main.js'));
  let rows = 0;
  const errors = [];
  const code = main(
    ['check', file, '--json'],
    (line) => {
      if (line.startsWith('      "workload"')) rows++;
    },
    (line) => errors.push(line),
  );
  process.stdout.write(
    JSON.stringify({ code, rows, error: errors[0], ms: performance.now() - start, maxRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n',
  );
}

const [command, ...args] = process.argv.slice(2);
if (command === 'generate') generate(Number(args[0]), args[1]);
else if (command === 'check') check(args[0]);
else throw new Error('usage: node bench/plan.js generate N FILE | check FILE');
