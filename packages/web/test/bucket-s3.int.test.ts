import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { FEATURE_NAMES } from "@churn/core";
import { createMetricsStore } from "@churn/core/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalS3, startLocalS3 } from "../../functions/test/support/s3rver.ts";
import { GET } from "../src/app/runs/[runId]/files/[artifact]/route.ts";
import { readBucketObject } from "../src/lib/bucket.ts";
import { getDatabase } from "../src/lib/db.ts";
import { readModelFiles } from "../src/lib/model-files.ts";
import { createTestDatabase, type TestDatabase } from "./support/database.ts";
import { type Seeded, type SeededRun, seedSite } from "./support/seed.ts";
import { SCORED_CSV, seedLogOf, writeSeedObjects } from "./support/seed-bucket.ts";
import { seedFileKeys } from "./support/seed-data.ts";

/**
 * The deployed site's side of the bucket: run files and the model registry read from S3 (here
 * s3rver on 127.0.0.1), with the client configured from the environment as on AWS.
 */

let s3: LocalS3;
let database: TestDatabase;
let seeded: Seeded;
const savedEnv = { ...process.env };

beforeAll(async () => {
  s3 = await startLocalS3("churn-site-test");
  database = await createTestDatabase("churn_web_s3");
  seeded = await seedSite(createMetricsStore(database.db));
  await writeSeedObjects(seeded, async (key, body) => {
    await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: body }));
  });

  const endpoint = await s3.client.config.endpoint?.();
  delete process.env.CHURN_BUCKET_DIR;
  Object.assign(process.env, {
    CHURN_BUCKET: s3.bucket,
    DATABASE_URL: database.url,
    AWS_ENDPOINT_URL_S3: `http://${endpoint?.hostname}:${endpoint?.port}`,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
  });
});

afterAll(async () => {
  process.env = savedEnv;
  await getDatabase()
    .$client.end({ timeout: 5 })
    .catch(() => {});
  await database?.drop();
  await s3?.close();
});

function processedRun(): SeededRun {
  const run = seeded.runs.find((entry) => entry.status === "processed");
  if (run === undefined) throw new Error("the seed lacks a processed run");
  return run;
}

function requestFile(runId: string, artifact: string): Promise<Response> {
  return GET(new Request(`http://site.test/runs/${runId}/files/${artifact}`), {
    params: Promise.resolve({ runId, artifact }),
  });
}

describe("run file route on S3", () => {
  it.each([
    ["scored", "text/csv; charset=utf-8"],
    ["log", "text/plain; charset=utf-8"],
    ["report", "application/json; charset=utf-8"],
  ])("streams the run's %s file from the bucket by its stored key", async (artifact, type) => {
    const run = processedRun();
    const expected = {
      scored: SCORED_CSV,
      log: seedLogOf(run),
      report: JSON.stringify(run.report),
    };

    const response = await requestFile(run.runId, artifact);

    const body = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(type);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength(body)));
    expect(body).toBe(expected[artifact as keyof typeof expected]);
  });

  it("answers 404 with the key when the stored object is not in the bucket", async () => {
    const run = seeded.runs.filter((entry) => entry.status === "processed").at(-1);
    const key = seedFileKeys(run?.runId ?? "").logKey;
    await s3.client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: key }));

    const response = await requestFile(run?.runId ?? "", "log");

    expect(response.status).toBe(404);
    expect(await response.text()).toBe(`Object ${key} is not in the bucket.\n`);
  });
});

describe("readBucketObject on S3", () => {
  it("throws S3's own error when the bucket does not exist", async () => {
    process.env.CHURN_BUCKET = "no-such-bucket";
    try {
      const error = await readBucketObject("reports/a.json").catch((caught: unknown) => caught);

      expect((error as Error).name).toBe("NoSuchBucket");
    } finally {
      process.env.CHURN_BUCKET = s3.bucket;
    }
  });
});

describe("readModelFiles on S3", () => {
  it("reads a version's SHAP importance and reference rows from the registry", async () => {
    const version = seeded.models.at(-1)?.version ?? "";

    const files = await readModelFiles(version);

    expect(files.shapImportance.map((row) => row.feature)).toEqual([...FEATURE_NAMES]);
    expect(files.shapImportance[0]?.value).toBe(1.2);
    expect(files.profileRowCount).toBe(seeded.reference.csv.trim().split("\n").length - 1);
    expect(files.profile.map((column) => column.columnName)).toEqual([...FEATURE_NAMES]);
  });

  it("leaves the registry's parts empty for a version the registry lacks", async () => {
    const files = await readModelFiles("v99");

    expect(files).toEqual({ shapImportance: [], profile: [], profileRowCount: 0 });
  });
});
