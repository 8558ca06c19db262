import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { resolve, sep } from "node:path";
import { Readable } from "node:stream";

/** An object's bytes as a web stream, and its size when known. */
export interface BucketObject {
  readonly body: ReadableStream<Uint8Array>;
  readonly sizeBytes?: number;
}

export type BucketRead =
  | { readonly isFound: true; readonly object: BucketObject }
  | { readonly isFound: false; readonly reason: string };

/**
 * Reads an object of the platform's bucket: from the local bucket folder CHURN_BUCKET_DIR
 * (the embedded default), else from the S3 bucket CHURN_BUCKET (the deployed site). The key
 * always comes from a run's stored record, never from a request.
 */
export async function readBucketObject(key: string): Promise<BucketRead> {
  const folder = process.env.CHURN_BUCKET_DIR;
  if (folder !== undefined && folder !== "") return readFromFolder(folder, key);
  const bucket = process.env.CHURN_BUCKET;
  if (bucket !== undefined && bucket !== "") return readFromS3(bucket, key);
  return {
    isFound: false,
    reason: `The site has no bucket to read ${key} from: set CHURN_BUCKET_DIR or CHURN_BUCKET.`,
  };
}

async function readFromFolder(folder: string, key: string): Promise<BucketRead> {
  const root = resolve(folder);
  const path = resolve(root, key);
  if (!path.startsWith(root + sep)) {
    return { isFound: false, reason: `Object key ${key} leaves the bucket.` };
  }
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || !info.isFile()) {
    return { isFound: false, reason: `Object ${key} is not in the bucket.` };
  }
  const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
  return { isFound: true, object: { body, sizeBytes: info.size } };
}

async function readFromS3(bucket: string, key: string): Promise<BucketRead> {
  // Loaded on demand so the local site never loads the AWS SDK.
  const { GetObjectCommand, NoSuchKey, S3Client } = await import("@aws-sdk/client-s3");
  const client = new S3Client({});
  try {
    const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (answer.Body === undefined) {
      return { isFound: false, reason: `Object ${key} is empty.` };
    }
    return {
      isFound: true,
      object: {
        body: answer.Body.transformToWebStream() as ReadableStream<Uint8Array>,
        ...(answer.ContentLength === undefined ? {} : { sizeBytes: answer.ContentLength }),
      },
    };
  } catch (error) {
    if (error instanceof NoSuchKey) {
      return { isFound: false, reason: `Object ${key} is not in the bucket.` };
    }
    throw error;
  }
}
