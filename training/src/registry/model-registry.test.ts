import { createModelRegistry, type RegisterModelInput } from "@churn/core/registry";
import { describe, expect, it } from "vitest";
import { createMemoryObjectStore } from "../test-support/index.ts";

// The registry lives in @churn/core; its unit tests run here, beside the in-memory ObjectStore
// double, because core may not depend on the training package.

const clock = { now: () => new Date("2026-01-02T03:04:05.000Z") };

const evaluation = {
  metrics: {
    rowCount: 2,
    threshold: 0.5,
    accuracy: 1,
    precision: 1,
    recall: 1,
    f1: 1,
    rocAuc: 1,
    logLoss: 0.1,
    truePositiveRate: 1,
    trueNegativeRate: 1,
    falsePositiveRate: 0,
    falseNegativeRate: 0,
    confusionMatrix: { truePositive: 1, falsePositive: 0, trueNegative: 1, falseNegative: 0 },
    classBalance: { positiveCount: 1, negativeCount: 1 },
    rocCurve: [],
    precisionRecallCurve: [],
  },
  calibration: [],
};

function input(note: string): RegisterModelInput {
  return {
    modelJson: `{"note":"${note}"}`,
    modelArchive: Uint8Array.of(1, 2, 3),
    referenceCsv: "a,churn\n1,0\n",
    referenceStatistics: { note },
    metadata: {
      formatVersion: 1,
      model: { format: "xgboost-json", objective: "binary:logistic", treeCount: 1, baseScore: 0.5 },
      features: [{ name: "a", kind: "numerical", min: 0, max: null, isInteger: true }],
      target: "churn",
      params: { max_depth: 3 },
      threshold: 0.4,
      seed: 1,
      metrics: { train: evaluation, holdout: evaluation },
      data: {
        fileName: "train.csv",
        sha256: "0".repeat(64),
        rowCount: 10,
        trainRowCount: 8,
        holdoutRowCount: 2,
        split: "stratified",
      },
      tuning: null,
      shapImportance: [{ feature: "a", meanAbsShap: 0.5 }],
      trainer: { name: "test", durationMs: 1 },
    },
  };
}

describe("createModelRegistry", () => {
  it("returns versions numbered in registration order, with their files under models/", async () => {
    const store = createMemoryObjectStore();
    const registry = createModelRegistry(store, { clock });

    const first = await registry.register(input("one"));
    const second = await registry.register(input("two"));

    expect([first.version, second.version]).toEqual(["v1", "v2"]);
    expect(first.createdAt).toBe("2026-01-02T03:04:05.000Z");
    expect((await registry.list()).map((metadata) => metadata.version)).toEqual(["v1", "v2"]);
    expect(store.keys().filter((key) => key.startsWith("models/versions/v1/"))).toEqual([
      "models/versions/v1/metadata.json",
      "models/versions/v1/model.json",
      "models/versions/v1/model.tar.gz",
      "models/versions/v1/reference-statistics.json",
      "models/versions/v1/reference.csv",
    ]);
    expect(await registry.readModelJson("v2")).toBe('{"note":"two"}');
    expect(await registry.readReferenceStatistics("v1")).toEqual({ note: "one" });
  });

  it("resolves an alias only after it is set, and moves it only when asked", async () => {
    const registry = createModelRegistry(createMemoryObjectStore(), { clock });
    await registry.register(input("one"));
    await registry.register(input("two"));

    await expect(registry.resolve("staging")).rejects.toMatchObject({ code: "registry.not_found" });
    await registry.setAlias("staging", "v1");
    await registry.register(input("three"));

    expect((await registry.resolve("staging")).version).toBe("v1");
    await registry.setAlias("staging", "v3");
    expect((await registry.resolve("staging")).version).toBe("v3");
    expect(await registry.aliases()).toEqual([
      { alias: "staging", version: "v3", updatedAt: "2026-01-02T03:04:05.000Z" },
    ]);
  });

  it("skips a version whose metadata was never written", async () => {
    const store = createMemoryObjectStore();
    const registry = createModelRegistry(store, { clock });
    await store.write("models/versions/v1/model.json", "{}");

    const registered = await registry.register(input("two"));

    expect(registered.version).toBe("v2");
    expect((await registry.list()).map((metadata) => metadata.version)).toEqual(["v2"]);
  });

  it.each([
    [
      "setAlias to a missing version",
      (r: ReturnType<typeof createModelRegistry>) => r.setAlias("staging", "v9"),
      "registry.not_found",
    ],
    [
      "a bad alias name",
      (r: ReturnType<typeof createModelRegistry>) => r.setAlias("Staging!", "v1"),
      "registry.bad_name",
    ],
    [
      "resolving a bad name",
      (r: ReturnType<typeof createModelRegistry>) => r.resolve("../x"),
      "registry.bad_name",
    ],
    [
      "resolving a missing version",
      (r: ReturnType<typeof createModelRegistry>) => r.resolve("v7"),
      "registry.not_found",
    ],
  ])("throws for %s", async (_, act, code) => {
    const registry = createModelRegistry(createMemoryObjectStore(), { clock });
    await registry.register(input("one"));

    await expect(act(registry)).rejects.toMatchObject({ code });
  });
});
