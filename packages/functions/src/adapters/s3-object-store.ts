import { Readable } from "node:stream";
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { ChurnError, type ObjectInfo, type ObjectStore } from "@churn/core";
import { httpStatusOf, isTransientAwsError } from "./aws-errors.ts";

/** lib-storage's smallest part; a stream is sent in parts of this size, four at a time. */
const PART_SIZE_BYTES = 5 * 1024 * 1024;

/**
 * The bucket on Amazon S3 (or any S3-compatible server). Reads stream, streamed writes go up in
 * multipart uploads, and `ifAbsent` sends `If-None-Match: *` so S3 itself refuses an overwrite.
 * Errors: `store.not_found`, `store.exists`, `store.changed` (the source of a conditional copy or
 * delete holds other bytes), `store.unavailable` (throttling, 5xx, network; worth retrying) and
 * `store.request_failed`.
 */
export function createS3ObjectStore(options: {
  client: S3Client;
  bucket: string;
  /** Keys per ListObjectsV2 page; S3's own default (1000) when omitted. */
  listPageSize?: number;
}): ObjectStore {
  const { client, bucket } = options;
  const pageSize = options.listPageSize === undefined ? {} : { MaxKeys: options.listPageSize };

  async function head(key: string): Promise<ObjectInfo | undefined> {
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return {
        key,
        sizeBytes: head.ContentLength ?? 0,
        etag: unquote(head.ETag),
        lastModified: head.LastModified ?? new Date(0),
      };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw translate(error, "stat", key);
    }
  }

  async function headWritten(key: string): Promise<ObjectInfo> {
    const written = await head(key);
    if (written === undefined) throw notFound(bucket, key);
    return written;
  }

  async function get(key: string) {
    try {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (object.Body === undefined) throw notFound(bucket, key);
      return object.Body;
    } catch (error) {
      throw translate(error, "read", key);
    }
  }

  return {
    async *read(key) {
      const body = await get(key);
      if (!(body instanceof Readable)) {
        yield await body.transformToByteArray();
        return;
      }
      for await (const chunk of body) yield chunk as Uint8Array;
    },

    async readBytes(key) {
      return (await get(key)).transformToByteArray();
    },

    async write(key, body, writeOptions = {}) {
      const params = {
        Bucket: bucket,
        Key: key,
        ...(writeOptions.contentType === undefined
          ? {}
          : { ContentType: writeOptions.contentType }),
        ...(writeOptions.ifAbsent ? { IfNoneMatch: "*" } : {}),
      };
      try {
        if (typeof body === "string" || body instanceof Uint8Array) {
          await client.send(new PutObjectCommand({ ...params, Body: body }));
        } else {
          const upload = new Upload({
            client,
            params: { ...params, Body: Readable.from(body) },
            partSize: PART_SIZE_BYTES,
            queueSize: 4,
            leavePartsOnError: false,
          });
          await upload.done();
        }
      } catch (error) {
        throw translate(error, "write", key);
      }
      return headWritten(key);
    },

    stat: head,

    async *list(prefix) {
      try {
        const pages = paginateListObjectsV2(
          { client },
          { Bucket: bucket, Prefix: prefix, ...pageSize },
        );
        for await (const page of pages) {
          for (const object of page.Contents ?? []) {
            if (object.Key === undefined) continue;
            yield {
              key: object.Key,
              sizeBytes: object.Size ?? 0,
              etag: unquote(object.ETag),
              lastModified: object.LastModified ?? new Date(0),
            };
          }
        }
      } catch (error) {
        throw translate(error, "list", prefix);
      }
    },

    // A single CopyObject handles objects up to 5 GB, far above any file this platform takes;
    // larger objects would need a multipart copy, which is not implemented.
    async copy(fromKey, toKey, copyOptions = {}) {
      const { ifMatch } = copyOptions;
      // The HEADs refuse a replaced source or an existing target before any byte moves;
      // CopySourceIfMatch and If-None-Match make S3 itself refuse a change between HEAD and copy.
      if (ifMatch !== undefined) await checkEtag(fromKey, ifMatch);
      if (copyOptions.ifAbsent && (await head(toKey)) !== undefined) {
        throw exists(bucket, toKey);
      }
      try {
        await client.send(
          new CopyObjectCommand({
            Bucket: bucket,
            Key: toKey,
            CopySource: `${bucket}/${fromKey.split("/").map(encodeURIComponent).join("/")}`,
            ...(ifMatch === undefined ? {} : { CopySourceIfMatch: `"${ifMatch}"` }),
            ...(copyOptions.ifAbsent ? { IfNoneMatch: "*" } : {}),
          }),
        );
      } catch (error) {
        // One 412 answers both conditions; the source's ETag tells which one failed.
        if (ifMatch !== undefined && httpStatusOf(error) === 412) {
          await checkEtag(fromKey, ifMatch);
        }
        throw translate(error, "copy", copyOptions.ifAbsent ? toKey : fromKey);
      }
      return headWritten(toKey);
    },

    async delete(key, deleteOptions = {}) {
      const { ifMatch } = deleteOptions;
      if (ifMatch !== undefined) {
        const current = await head(key);
        if (current === undefined) return;
        if (current.etag !== ifMatch) throw changed(bucket, key, ifMatch, current.etag);
      }
      try {
        await client.send(
          new DeleteObjectCommand({
            Bucket: bucket,
            Key: key,
            ...(ifMatch === undefined ? {} : { IfMatch: `"${ifMatch}"` }),
          }),
        );
      } catch (error) {
        if (ifMatch !== undefined && isMissing(error)) return;
        if (ifMatch !== undefined && httpStatusOf(error) === 412) {
          throw changed(bucket, key, ifMatch, (await head(key))?.etag ?? "none");
        }
        throw translate(error, "delete", key);
      }
    },
  };

  /** Throws `store.not_found` or `store.changed` unless `key` holds the object of `etag`. */
  async function checkEtag(key: string, etag: string): Promise<void> {
    const current = await head(key);
    if (current === undefined) throw notFound(bucket, key);
    if (current.etag !== etag) throw changed(bucket, key, etag, current.etag);
  }

  function translate(error: unknown, action: string, key: string): ChurnError {
    if (error instanceof ChurnError) return error;
    if (isMissing(error)) return notFound(bucket, key);
    const status = httpStatusOf(error);
    const name = error instanceof Error ? error.name : "Error";
    const context = { bucket, key, status, awsError: name };
    if (status === 412 || name === "PreconditionFailed") return exists(bucket, key, error);
    const isTransient = isTransientAwsError(error);
    return new ChurnError(
      isTransient ? "store.unavailable" : "store.request_failed",
      `Could not ${action} s3://${bucket}/${key}: ${name} (HTTP ${status ?? "none"}); ${
        isTransient ? "retry later" : "check the bucket name and the role's permissions"
      }.`,
      { context, cause: error },
    );
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && (error.name === "NoSuchKey" || error.name === "NotFound");
}

/** S3 wraps ETags in double quotes; the port's etag is the bare tag. */
function unquote(etag: string | undefined): string {
  return (etag ?? "").replaceAll('"', "");
}

function exists(bucket: string, key: string, cause?: unknown): ChurnError {
  return new ChurnError(
    "store.exists",
    `Object s3://${bucket}/${key} already exists; nothing is overwritten, so write it under a new key.`,
    { context: { bucket, key, status: 412 }, ...(cause === undefined ? {} : { cause }) },
  );
}

function changed(bucket: string, key: string, expected: string, found: string): ChurnError {
  return new ChurnError(
    "store.changed",
    `Object s3://${bucket}/${key} now holds other bytes (ETag ${found}, expected ${expected}); ` +
      "it was replaced after it was announced.",
    { context: { bucket, key, expectedEtag: expected, etag: found } },
  );
}

function notFound(bucket: string, key: string): ChurnError {
  return new ChurnError("store.not_found", `Object s3://${bucket}/${key} does not exist.`, {
    context: { bucket, key },
  });
}
