import { gunzipSync } from "node:zlib";
import { COLUMNS } from "@churn/core";
import { createModelRegistry } from "@churn/core/registry";
import { describe, expect, it } from "vitest";
import { createMemoryObjectStore } from "../test-support/index.ts";
import { createRandom, XGBOOST_DEFAULT_PARAMS } from "../trainer/index.ts";
import { trainModel } from "./train-model.ts";

/** A labelled file in the original format: churn follows complaints and short subscriptions. */
function churnCsv(rowCount: number, seed: number): Uint8Array {
  const random = createRandom(seed);
  const lines = [COLUMNS.map((column) => column.rawHeader).join(",")];
  for (let row = 0; row < rowCount; row++) {
    const complains = random.nextFloat() < 0.15 ? 1 : 0;
    const length = 3 + Math.floor(random.nextFloat() * 43);
    const churn = complains === 1 || (length < 12 && random.nextFloat() < 0.7) ? 1 : 0;
    const values = [
      Math.floor(random.nextFloat() * 30),
      complains,
      length,
      Math.floor(random.nextFloat() * 10),
      Math.floor(random.nextFloat() * 16000),
      Math.floor(random.nextFloat() * 250),
      Math.floor(random.nextFloat() * 500),
      Math.floor(random.nextFloat() * 95),
      1 + Math.floor(random.nextFloat() * 5),
      1,
      1 + (random.nextFloat() < 0.25 ? 1 : 0),
      30,
      Math.round(random.nextFloat() * 200000) / 100,
      churn,
    ];
    lines.push(values.join(","));
  }
  return new TextEncoder().encode(`${lines.join("\n")}\n`);
}

const clock = { now: () => new Date("2026-02-03T04:05:06.000Z") };
const params = { ...XGBOOST_DEFAULT_PARAMS, nEstimators: 20, maxDepth: 3 };

describe("trainModel", () => {
  it("registers a version with a stratified 80/20 split and leaves aliases alone", async () => {
    const store = createMemoryObjectStore();
    const registry = createModelRegistry(store, { clock });
    const source = churnCsv(300, 1);

    const { metadata, alias } = await trainModel({
      source,
      fileName: "train.csv",
      seed: 5,
      trialCount: 0,
      params,
      registry,
      clock,
    });

    expect(metadata.version).toBe("v1");
    expect(alias).toBeUndefined();
    expect(await registry.aliases()).toEqual([]);
    expect(metadata.data).toMatchObject({
      rowCount: 300,
      trainRowCount: 240,
      holdoutRowCount: 60,
      split: "stratified",
    });
    const trainShare = metadata.metrics.train.metrics.classBalance.positiveCount / 240;
    const holdoutShare = metadata.metrics.holdout.metrics.classBalance.positiveCount / 60;
    expect(Math.abs(trainShare - holdoutShare)).toBeLessThan(0.02);
    expect(metadata.metrics.holdout.metrics.rocAuc).toBeGreaterThan(0.8);
    expect(metadata.model.treeCount).toBe(20);
    expect(metadata.shapImportance[0]?.feature).toMatch(/complains|subscription_length/);
  });

  it("returns the same model and metrics when given the same seed and data", async () => {
    const source = churnCsv(200, 2);
    const run = async () => {
      const registry = createModelRegistry(createMemoryObjectStore(), { clock });
      const { metadata } = await trainModel({
        source,
        fileName: "a.csv",
        seed: 9,
        trialCount: 0,
        params: { ...params, subsample: 0.8 },
        registry,
        clock,
      });
      return { metadata, model: await registry.readModelJson(metadata.version) };
    };

    const [first, second] = [await run(), await run()];

    expect(second.model).toBe(first.model);
    expect(second.metadata.metrics).toEqual(first.metadata.metrics);
  });

  it("holds out exactly the rows it is given and promotes only when asked", async () => {
    const store = createMemoryObjectStore();
    const registry = createModelRegistry(store, { clock });
    const holdoutRows = Array.from({ length: 40 }, (_, i) => i * 5);

    const { metadata, alias } = await trainModel({
      source: churnCsv(200, 3),
      fileName: "b.csv",
      seed: 1,
      trialCount: 0,
      params,
      holdoutRows,
      registry,
      promoteAlias: "staging",
      clock,
    });

    expect(metadata.data).toMatchObject({ holdoutRowCount: 40, split: "explicit" });
    expect(alias).toEqual({
      alias: "staging",
      version: "v1",
      updatedAt: clock.now().toISOString(),
    });
    const reference = new TextDecoder().decode(
      await store.readBytes("models/versions/v1/reference.csv"),
    );
    expect(reference.trim().split("\n")).toHaveLength(41);
  });

  it("stores a gzip tar archive holding only xgboost-model, the model JSON", async () => {
    const store = createMemoryObjectStore();
    const registry = createModelRegistry(store, { clock });
    await trainModel({
      source: churnCsv(120, 4),
      fileName: "c.csv",
      seed: 1,
      trialCount: 0,
      params,
      registry,
      clock,
    });

    const tar = gunzipSync(await store.readBytes("models/versions/v1/model.tar.gz"));
    const model = await registry.readModelJson("v1");

    const name = new TextDecoder().decode(tar.subarray(0, 100)).replace(/\0+$/, "");
    const size = Number.parseInt(new TextDecoder().decode(tar.subarray(124, 135)), 8);
    expect(name).toBe("xgboost-model");
    expect(new TextDecoder().decode(tar.subarray(512, 512 + size))).toBe(model);
    expect(tar.length).toBe(512 + Math.ceil(size / 512) * 512 + 1024);
    expect(tar.subarray(512 + Math.ceil(size / 512) * 512).every((byte) => byte === 0)).toBe(true);
  });

  it("records the tuning trials and the tuned threshold when tuning", async () => {
    const registry = createModelRegistry(createMemoryObjectStore(), { clock });
    const progress: number[] = [];

    const { metadata } = await trainModel({
      source: churnCsv(150, 5),
      fileName: "d.csv",
      seed: 3,
      trialCount: 2,
      registry,
      clock,
      onTuningProgress: (step) => progress.push(step.completedTrialCount),
    });

    expect(progress).toEqual([1, 2]);
    expect(metadata.tuning?.trials).toHaveLength(2);
    expect(metadata.threshold).toBe(metadata.tuning?.trials[metadata.tuning.bestTrial]?.threshold);
  });

  it.each([
    ["a file with one class only", churnCsvWithoutChurners(), undefined, "training.bad_data"],
    ["a holdout row outside the file", churnCsv(100, 6), [100], "training.bad_holdout"],
  ])("throws for %s", async (_, source, holdoutRows, code) => {
    const registry = createModelRegistry(createMemoryObjectStore(), { clock });

    await expect(
      trainModel({
        source,
        fileName: "e.csv",
        seed: 1,
        trialCount: 0,
        params,
        registry,
        ...(holdoutRows ? { holdoutRows } : {}),
      }),
    ).rejects.toMatchObject({ code });
  });

  it("throws registry.bad_name for a bad alias before it trains or registers anything", async () => {
    const store = createMemoryObjectStore();
    const registry = createModelRegistry(store, { clock });

    const training = trainModel({
      source: churnCsv(100, 8),
      fileName: "f.csv",
      seed: 1,
      trialCount: 0,
      params,
      registry,
      promoteAlias: "BadName",
    });

    await expect(training).rejects.toMatchObject({ code: "registry.bad_name" });
    expect(await registry.list()).toEqual([]);
    const keys: string[] = [];
    for await (const object of store.list("models/")) keys.push(object.key);
    expect(keys).toEqual([]);
  });
});

function churnCsvWithoutChurners(): Uint8Array {
  const text = new TextDecoder().decode(churnCsv(100, 7));
  const lines = text.trim().split("\n");
  return new TextEncoder().encode(
    `${[lines[0], ...lines.slice(1).map((line) => line.replace(/,[01]$/, ",0"))].join("\n")}\n`,
  );
}
