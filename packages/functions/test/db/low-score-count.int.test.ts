import { createMetricsStore, type MetricsStore } from "@churn/core/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OpenedDatabase, openEmbeddedDatabase } from "../../src/adapters/database.ts";

const finishedAt = new Date("2026-01-02T00:00:00Z");

function scores(isEstimated: boolean, values: readonly number[]) {
  return ["f1", "precision", "recall"].map((name, index) => {
    const value = values[index] ?? 1;
    return { name, value, threshold: 0.7, isBelowThreshold: value < 0.7, isEstimated };
  });
}

describe("finishRun's lowScoreCount (PGlite)", () => {
  let database: OpenedDatabase;
  let store: MetricsStore;

  beforeAll(async () => {
    database = await openEmbeddedDatabase();
    store = createMetricsStore(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  it.each([
    ["realised scores", false, [0.5, 0.6, 0.9], 2],
    ["estimated scores", true, [0.5, 0.6, 0.9], 0],
    ["realised scores over threshold", false, [0.8, 0.9, 0.95], 0],
  ])(
    "counts only realised scores under threshold for %s",
    async (label, isEstimated, values, expected) => {
      const runId = `low-${label.replaceAll(" ", "-")}`;
      await store.startRun({
        runId,
        fileName: "a.csv",
        objectKey: "data/input/a.csv",
        etag: "e",
        executionName: runId,
        startedAt: finishedAt,
      });

      await store.finishRun({
        runId,
        finishedAt,
        modelVersion: "v1",
        rowCount: 100,
        validRowCount: 100,
        invalidRowCount: 0,
        hasLabels: !isEstimated,
        drift: { columns: [], driftShare: 0, driftShareThreshold: 0.5, isDatasetDrifted: false },
        metrics: scores(isEstimated, values),
        report: {},
        reportKey: `reports/${runId}.json`,
      });

      const run = await store.getRun(runId);
      expect(run?.lowScoreCount).toBe(expected);
      expect(run?.metrics.filter((metric) => metric.isBelowThreshold)).toHaveLength(
        values.filter((value) => value < 0.7).length,
      );
    },
  );
});
