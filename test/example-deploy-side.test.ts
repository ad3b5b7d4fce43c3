import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

describe('examples/deploy-side', () => {
  test('synthesizes both deployment paths, the derived patterns and enforcement', () => {
    // GIVEN an output directory of our own
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-side.'));
    const previous = process.env.CDKTF_OUTDIR;
    process.env.CDKTF_OUTDIR = outdir;
    try {
      // WHEN the example app runs (it calls app.synth())
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      jest.isolateModules(() => require('../examples/deploy-side/main'));
    } finally {
      if (previous === undefined) {
        delete process.env.CDKTF_OUTDIR;
      } else {
        process.env.CDKTF_OUTDIR = previous;
      }
    }
    // THEN
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'deploy-side', 'cdk.tf.json'), 'utf8'));
    const [policy] = Object.values(json.resource.google_binary_authorization_policy) as any[];
    expect(policy.admission_whitelist_patterns.map((p: any) => p.name_pattern)).toStrictEqual([
      'us-docker.pkg.dev/cloudrun/container/hello@*',
      'us-central1-docker.pkg.dev/my-project/gcf-artifacts/**',
      'us-central1-docker.pkg.dev/my-project/cloud-run-source-deploy/**',
    ]);
    expect(policy.default_admission_rule).toStrictEqual({
      enforcement_mode: 'ENFORCED_BLOCK_AND_AUDIT_LOG',
      evaluation_mode: 'ALWAYS_DENY',
    });
    expect(json.resource.google_cloudfunctions2_function['hello-gcf'].service_config).toStrictEqual({
      binary_authorization_policy: 'default',
      max_instance_count: 1,
    });
    expect(json.resource.google_cloud_run_v2_service['hello-run'].binary_authorization).toStrictEqual({
      use_default: true,
    });
    fs.rmSync(outdir, { recursive: true, force: true });
  });
});
