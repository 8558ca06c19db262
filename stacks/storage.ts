/** The platform's bucket: file drops, run outputs, reports and model versions. */
import { INPUT_PREFIX } from "@churn/core/pipeline";

/**
 * A private bucket: SST blocks public access and adds a policy that denies any request made
 * without TLS; objects are encrypted at rest with S3-managed keys and every overwrite keeps the
 * previous version, so a run never loses an input.
 */
export function createStorage() {
  const bucket = new sst.aws.Bucket("Data", {
    versioning: true,
    enforceHttps: true,
  });

  new aws.s3.BucketServerSideEncryptionConfiguration("DataEncryption", {
    bucket: bucket.name,
    rules: [
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" },
        bucketKeyEnabled: true,
      },
    ],
  });

  new aws.s3.BucketLifecycleConfiguration("DataOldVersions", {
    bucket: bucket.name,
    rules: [
      {
        // Old versions are only a safety net against overwrites; 90 days bound what they cost.
        id: "expire-old-versions",
        status: "Enabled",
        filter: {},
        noncurrentVersionExpiration: { noncurrentDays: 90 },
      },
    ],
  });

  return { bucket };
}

/** Starts a run for every object created under `data/input/`, and for nothing else. */
export function notifyStarter(bucket: sst.aws.Bucket, starterArn: $util.Input<string>) {
  return bucket.notify({
    notifications: [
      {
        name: "InputDropped",
        function: starterArn,
        events: ["s3:ObjectCreated:*"],
        filterPrefix: INPUT_PREFIX,
      },
    ],
  });
}
