/**
 * Cloud Run workloads for the tests: each kind the library knows, with the least configuration the
 * provider takes, and the props a test cares about on top.
 */
import { CloudRunService } from '@cdktf/provider-google/lib/cloud-run-service';
import { CloudRunV2Job } from '@cdktf/provider-google/lib/cloud-run-v2-job';
import { CloudRunV2Service, CloudRunV2ServiceConfig } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { CloudRunV2WorkerPool } from '@cdktf/provider-google/lib/cloud-run-v2-worker-pool';
import {
  Cloudfunctions2Function,
  Cloudfunctions2FunctionConfig,
} from '@cdktf/provider-google/lib/cloudfunctions2-function';
import { StorageBucket, StorageBucketConfig } from '@cdktf/provider-google/lib/storage-bucket';
import { Construct } from 'constructs';

/** The image the workloads run unless a test gives one. */
export const IMAGE = `us-docker.pkg.dev/my-project/apps/api@sha256:${'a'.repeat(64)}`;

/** A `google_cloud_run_v2_service` named after its id, in us-central1, running `IMAGE`. */
export function v2Service(
  scope: Construct,
  id: string,
  binaryAuthorization?: any,
  props: Partial<CloudRunV2ServiceConfig> = {},
): CloudRunV2Service {
  return new CloudRunV2Service(scope, id, {
    name: id,
    location: 'us-central1',
    template: { containers: [{ image: IMAGE }] },
    binaryAuthorization,
    ...props,
  });
}

/** A `google_cloud_run_v2_job`. */
export function v2Job(scope: Construct, id: string, binaryAuthorization?: any): CloudRunV2Job {
  return new CloudRunV2Job(scope, id, {
    name: id,
    location: 'us-central1',
    template: { template: { containers: [{ image: IMAGE }] } },
    binaryAuthorization,
  });
}

/** A `google_cloud_run_v2_worker_pool`. */
export function v2WorkerPool(scope: Construct, id: string, binaryAuthorization?: any): CloudRunV2WorkerPool {
  return new CloudRunV2WorkerPool(scope, id, {
    name: id,
    location: 'us-central1',
    template: { containers: [{ image: IMAGE }] },
    binaryAuthorization,
  });
}

/** A v1 `google_cloud_run_service`, with these annotations if any. */
export function v1Service(scope: Construct, id: string, annotations?: Record<string, string>): CloudRunService {
  return new CloudRunService(scope, id, {
    name: id,
    location: 'us-central1',
    metadata: annotations ? { annotations } : undefined,
    template: { spec: { containers: [{ image: IMAGE }] } },
  });
}

/** A `google_cloudfunctions2_function` built from source; a `buildConfig` in `props` is merged into the default one. */
export function gcfFunction(
  scope: Construct,
  id: string,
  props: Partial<Cloudfunctions2FunctionConfig> = {},
): Cloudfunctions2Function {
  return new Cloudfunctions2Function(scope, id, {
    name: id,
    location: 'us-central1',
    ...props,
    buildConfig: { runtime: 'nodejs20', entryPoint: 'handler', ...props.buildConfig },
  });
}

/**
 * A source-deployed `google_cloud_run_v2_service` (with a `build_config`; a `buildConfig` in `props` is merged into
 * the default one), running the usual placeholder.
 */
export function sourceService(
  scope: Construct,
  id: string,
  props: Partial<CloudRunV2ServiceConfig> = {},
): CloudRunV2Service {
  return v2Service(scope, id, undefined, {
    template: { containers: [{ image: 'us-docker.pkg.dev/cloudrun/container/hello' }] },
    ...props,
    buildConfig: { sourceLocation: 'gs://my-bucket/source.zip', functionTarget: 'handler', ...props.buildConfig },
  });
}

/** A `google_storage_bucket` "bucket": a resource that Cloud Run does not deploy. */
export function bucket(scope: Construct, props: Partial<StorageBucketConfig> = {}): StorageBucket {
  return new StorageBucket(scope, 'bucket', { name: 'b', location: 'US', ...props });
}
