import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, resolve, sep } from "node:path";
import { Readable } from "node:stream";
import { getStore } from "../../../../../lib/store.ts";

export const dynamic = "force-dynamic";

const ARTIFACTS = {
  scored: { column: "scoredKey", contentType: "text/csv; charset=utf-8" },
  log: { column: "logKey", contentType: "text/plain; charset=utf-8" },
  report: { column: "reportKey", contentType: "application/json; charset=utf-8" },
} as const;

/**
 * Serves a run's scored file, log or report from the local bucket folder named by
 * CHURN_BUCKET_DIR. The object key comes from the run's stored record, never from the URL.
 * On AWS the site has no bucket folder; serving these objects from S3 is not implemented, so
 * there the links answer 404 with a message naming the object key to fetch from the bucket.
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ runId: string; artifact: string }> },
) {
  const { runId, artifact } = await params;
  const spec = Object.hasOwn(ARTIFACTS, artifact)
    ? ARTIFACTS[artifact as keyof typeof ARTIFACTS]
    : undefined;
  if (spec === undefined) return text(404, `No file "${artifact}" belongs to a run.`);
  const run = await getStore().getRun(runId);
  const key = run?.[spec.column] ?? null;
  if (key === null) return text(404, `Run ${runId} has no ${artifact} file.`);

  const bucketDir = process.env.CHURN_BUCKET_DIR;
  if (bucketDir === undefined || bucketDir === "") {
    return text(404, `The site cannot read the bucket; fetch s3 object ${key} from it directly.`);
  }
  const root = resolve(bucketDir);
  const path = resolve(root, key);
  if (!path.startsWith(root + sep)) return text(404, `Object key ${key} leaves the bucket.`);
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || !info.isFile()) return text(404, `Object ${key} is not in the bucket.`);

  const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "content-type": spec.contentType,
      "content-length": String(info.size),
      "content-disposition": `inline; filename="${basename(path).replace(/[^\w.-]/g, "_")}"`,
      "x-content-type-options": "nosniff",
    },
  });
}

function text(status: number, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" },
  });
}
