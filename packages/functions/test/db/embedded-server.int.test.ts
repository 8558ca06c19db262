import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createMetricsStore, type RunFinish } from "@churn/core/db";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type EmbeddedDatabaseServer,
  openEmbeddedDatabase,
  openPostgresDatabase,
  serveEmbeddedDatabase,
} from "../../src/adapters/database.ts";

const startedAt = new Date("2026-01-01T00:00:00Z");

function finish(runId: string, value: number): RunFinish {
  return {
    runId,
    finishedAt: startedAt,
    modelVersion: "v1",
    rowCount: 10,
    validRowCount: 10,
    invalidRowCount: 0,
    hasLabels: true,
    drift: { columns: [], driftShare: 0, driftShareThreshold: 0.5, isDatasetDrifted: false },
    metrics: [
      { name: "accuracy", value, isBelowThreshold: false, isEstimated: false },
      { name: "f1", value: value / 2, isBelowThreshold: false, isEstimated: false },
    ],
    report: { runId },
    reportKey: `reports/${runId}.json`,
  };
}

describe("serveEmbeddedDatabase", () => {
  let dataDir: string;
  let server: EmbeddedDatabaseServer;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "churn-db-"));
    server = await serveEmbeddedDatabase({ dataDir });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("serves two one-connection clients whose concurrent runs both land", async () => {
    const runner = await openPostgresDatabase(server.url);
    const site = await openPostgresDatabase(server.url, { migrate: false });
    const runnerStore = createMetricsStore(runner.db);
    const siteStore = createMetricsStore(site.db);

    const write = async (store: typeof runnerStore, prefix: string) => {
      for (let index = 0; index < 15; index += 1) {
        const runId = `${prefix}-${index}`;
        await store.startRun({
          runId,
          fileName: `${runId}.csv`,
          objectKey: `data/input/${runId}.csv`,
          etag: runId,
          executionName: runId,
          startedAt,
        });
        await store.finishRun(finish(runId, index / 100));
      }
    };
    const reads = async () => {
      for (let index = 0; index < 15; index += 1) await siteStore.latestScores();
    };
    await Promise.all([write(runnerStore, "runner"), write(siteStore, "site"), reads()]);

    const page = await siteStore.listRuns({ limit: 100 });
    const scores = await runnerStore.scoreSeries();
    await runner.close();
    await site.close();

    expect(page.totalCount).toBe(30);
    expect(scores).toHaveLength(60);
    for (const point of scores) {
      const index = Number(point.runId.split("-")[1]) / 100;
      expect(point.value).toBe(point.name === "accuracy" ? index : index / 2);
    }
  });

  it("refuses a third connection while two are open", async () => {
    const first = postgres(server.url, { max: 1, onnotice: () => {} });
    const second = postgres(server.url, { max: 1, onnotice: () => {} });
    const third = postgres(server.url, { max: 1, onnotice: () => {}, connect_timeout: 2 });
    await Promise.all([first`select 1`, second`select 1`]);

    const error = await third`select 1`.catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Error);
    await Promise.all([first.end(), second.end(), third.end()]);
  });

  it("keeps what the clients wrote when the directory is opened again", async () => {
    await server.close();

    const reopened = await openEmbeddedDatabase({ dataDir });
    const page = await createMetricsStore(reopened.db).listRuns({ status: "processed" });
    await reopened.close();
    server = await serveEmbeddedDatabase({ dataDir });

    expect(page.totalCount).toBe(30);
  });
});
