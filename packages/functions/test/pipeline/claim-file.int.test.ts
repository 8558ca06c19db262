import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { isChurnError, type ObjectStore, systemClock } from "@churn/core";
import { createMetricsStore, type MetricsStore } from "@churn/core/db";
import { claimFile, failRun, runKeys, toStepError } from "@churn/core/pipeline";
import { createModelRegistry, type ModelRegistry } from "@churn/core/registry";
import { generateChurnFile } from "@churn/data";
import { trainModel } from "@churn/training/pipeline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OpenedDatabase, openEmbeddedDatabase } from "../../src/adapters/database.ts";
import { createLocalObjectStore } from "../../src/adapters/local-object-store.ts";
import { createS3ObjectStore } from "../../src/adapters/s3-object-store.ts";
import { startLocalS3 } from "../support/s3rver.ts";
import { TEST_SETTINGS } from "./support.ts";

interface OpenedStore {
  readonly store: ObjectStore;
  close(): Promise<void>;
}

async function openLocalStore(): Promise<OpenedStore> {
  const root = await mkdtemp(path.join(tmpdir(), "churn-claim-"));
  return {
    store: createLocalObjectStore(root),
    close: () => rm(root, { recursive: true, force: true }),
  };
}

async function openS3Store(): Promise<OpenedStore> {
  const s3 = await startLocalS3();
  return { store: createS3ObjectStore(s3), close: s3.close };
}

const text = (rowCount: number) => generateChurnFile("stable", { seed: rowCount, rowCount });

// One registry serves both stores: the claim reads the model from it, the file from the store.
let registryHome: OpenedStore;
let models: ModelRegistry;
let database: OpenedDatabase;
let metrics: MetricsStore;

beforeAll(async () => {
  registryHome = await openLocalStore();
  models = createModelRegistry(registryHome.store);
  await trainModel({
    source: new TextEncoder().encode(generateChurnFile("training", { seed: 3, rowCount: 1000 })),
    fileName: "training.csv",
    seed: 42,
    trialCount: 0,
    registry: models,
    promoteAlias: "staging",
  });
  database = await openEmbeddedDatabase();
  metrics = createMetricsStore(database.db);
});
afterAll(async () => {
  await database?.close();
  await registryHome?.close();
});

describe.each([
  ["the local folder", openLocalStore],
  ["S3 on s3rver", openS3Store],
])("claimFile and failRun on %s", (label, open) => {
  let opened: OpenedStore;
  let store: ObjectStore;
  const deps = () => ({ store, metrics, models, clock: systemClock, settings: TEST_SETTINGS });
  const readText = async (key: string) => new TextDecoder().decode(await store.readBytes(key));
  const runId = (name: string) => `${label.replace(/\W+/g, "_")}-${name}`;

  beforeAll(async () => {
    opened = await open();
    store = opened.store;
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("fails a run whose file was dropped again before the claim, and leaves the newer one", async () => {
    const key = "data/input/redrop.csv";
    const announced = await store.write(key, text(120));
    const newer = await store.write(key, text(80));
    const [first, second] = [runId("redrop-1"), runId("redrop-2")];

    const error = await claimFile({ runId: first, key, etag: announced.etag }, deps()).catch(
      (caught: unknown) => caught,
    );
    const stepError = toStepError(error);
    const outcome = await failRun(
      {
        runId: first,
        key,
        etag: announced.etag,
        error: { Error: stepError.name, Cause: stepError.message },
      },
      deps(),
    );
    const claimed = await claimFile({ runId: second, key, etag: newer.etag }, deps());

    expect(isChurnError(error, "pipeline.input_replaced")).toBe(true);
    expect(outcome.status).toBe("failed");
    expect(outcome.reason).toContain("[pipeline.input_replaced]");
    expect(outcome.outputs.original).toBeUndefined();
    expect(await store.stat(runKeys(first, "redrop.csv").errored)).toBeUndefined();
    expect(await readText(runKeys(first, "redrop.csv").log)).toContain(
      `${key} holds a newer file, which stays there for its own run.`,
    );
    expect((await metrics.getRun(first))?.errorCode).toBe("pipeline.input_replaced");
    expect(claimed.etag).toBe(newer.etag);
    expect(await readText(runKeys(second, "redrop.csv").processing)).toBe(text(80));
    expect(await store.stat(key)).toBeUndefined();
  });

  it("deletes the input when a claim is retried after its copy, keeping the copy", async () => {
    const key = "data/input/retried.csv";
    const announced = await store.write(key, text(100));
    const keys = runKeys(runId("retried"), "retried.csv");
    await store.copy(key, keys.processing, { ifMatch: announced.etag, ifAbsent: true });

    const run = await claimFile({ runId: runId("retried"), key, etag: announced.etag }, deps());

    expect(run.modelVersion).toBe("v1");
    expect(await store.stat(key)).toBeUndefined();
    expect(await readText(keys.processing)).toBe(text(100));
    expect(await readText(keys.log)).toContain(
      "The copy was already in place from an earlier attempt.",
    );
  });

  it("keeps a newer file in data/input/ when a claim is retried after the input was replaced", async () => {
    const key = "data/input/retried-redrop.csv";
    const announced = await store.write(key, text(100));
    const keys = runKeys(runId("retried-redrop"), "retried-redrop.csv");
    await store.copy(key, keys.processing, { ifMatch: announced.etag, ifAbsent: true });
    await store.write(key, text(90));

    await claimFile({ runId: runId("retried-redrop"), key, etag: announced.etag }, deps());

    expect(await readText(keys.processing)).toBe(text(100));
    expect(await readText(key)).toBe(text(90));
  });
});

describe("claimFile on a metrics store that has never seen the model version", () => {
  let opened: OpenedStore;
  let fresh: OpenedDatabase;

  beforeAll(async () => {
    opened = await openLocalStore();
    fresh = await openEmbeddedDatabase();
  });
  afterAll(async () => {
    await fresh?.close();
    await opened?.close();
  });

  it("records the version with its training run, and the registry's aliases on every claim", async () => {
    const store = opened.store;
    const freshMetrics = createMetricsStore(fresh.db);
    const deps = {
      store,
      metrics: freshMetrics,
      models,
      clock: systemClock,
      settings: TEST_SETTINGS,
    };
    const claim = async (name: string) => {
      const key = `data/input/${name}.csv`;
      const { etag } = await store.write(key, text(60));
      return claimFile({ runId: `fresh-${name}`, key, etag }, deps);
    };

    await claim("first");
    await models.setAlias("candidate", "v1");
    await claim("second");

    const [version] = await freshMetrics.listModelVersions();
    expect(version).toMatchObject({
      version: "v1",
      trainingRunId: "training-v1",
      aliases: ["candidate", "staging"],
    });
    const trainingRun = await freshMetrics.getTrainingRun("training-v1");
    expect(trainingRun).toMatchObject({ status: "succeeded", modelVersion: "v1" });
    expect(trainingRun?.trainRowCount).toBeGreaterThan(0);
  });
});
