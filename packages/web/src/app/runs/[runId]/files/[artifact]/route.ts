import { basename } from "node:path";
import { readBucketObject } from "../../../../../lib/bucket.ts";
import { getStore } from "../../../../../lib/store.ts";

export const dynamic = "force-dynamic";

const ARTIFACTS = {
  scored: { column: "scoredKey", contentType: "text/csv; charset=utf-8" },
  log: { column: "logKey", contentType: "text/plain; charset=utf-8" },
  report: { column: "reportKey", contentType: "application/json; charset=utf-8" },
} as const;

/**
 * Serves a run's scored file, log or report JSON from the bucket, by the object key stored with
 * the run. Text is served with `nosniff`, so a browser never runs a file's content as a page.
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

  const read = await readBucketObject(key);
  if (!read.isFound) return text(404, read.reason);
  const { body, sizeBytes } = read.object;
  return new Response(body, {
    headers: {
      "content-type": spec.contentType,
      ...(sizeBytes === undefined ? {} : { "content-length": String(sizeBytes) }),
      "content-disposition": `inline; filename="${basename(key).replace(/[^\w.-]/g, "_")}"`,
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
