import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMetricsStore } from "@churn/core/db";
import { generateChurnFile } from "@churn/data";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/adapters/database.ts";
import { runCli } from "../src/cli/main.ts";

const dir = mkdtempSync(join(tmpdir(), "churn-train-metrics-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("churn train with a metrics store", () => {
  it("records the training run, the version and later aliases in the store DATABASE_URL names", async () => {
    writeFileSync(
      join(dir, "train.csv"),
      generateChurnFile("training", { seed: 21, rowCount: 200 }),
    );
    const databaseDir = join(dir, "metrics-db");
    const output: string[] = [];
    const io = {
      stdout: (text: string) => output.push(text),
      stderr: (text: string) => output.push(text),
      cwd: dir,
      env: { DATABASE_URL: databaseDir },
    };

    const code = await runCli(
      ["train", "--data", "train.csv", "--trials", "1", "--promote", "production"],
      io,
    );

    const promoted = await runCli(["model", "promote", "v1", "--alias", "staging"], io);

    expect(code, output.join("\n")).toBe(0);
    expect(promoted, output.join("\n")).toBe(0);
    const metadata = JSON.parse(
      readFileSync(join(dir, ".churn/bucket/models/versions/v1/metadata.json"), "utf8"),
    );
    const database = await openDatabase(databaseDir);
    try {
      const metrics = createMetricsStore(database.db);
      const versions = await metrics.listModelVersions();
      expect(versions).toHaveLength(1);
      expect(versions[0]).toMatchObject({
        version: "v1",
        trainingRunId: "training-v1",
        aliases: ["production", "staging"],
      });
      expect(await metrics.listTrainingRuns()).toHaveLength(1);
      const run = await metrics.getTrainingRun("training-v1");
      expect(run).toMatchObject({
        status: "succeeded",
        modelVersion: "v1",
        dataFingerprint: metadata.data.sha256,
        trainRowCount: 160,
        holdoutRowCount: 40,
        objectiveName: metadata.tuning.objective,
        bestScore: metadata.tuning.bestScore,
        trialCount: 1,
        durationMs: metadata.trainer.durationMs,
      });
      expect(run?.trials).toEqual([
        {
          trialNumber: 0,
          score: metadata.tuning.trials[0].score,
          params: { ...metadata.tuning.trials[0].params, threshold: metadata.threshold },
        },
      ]);
    } finally {
      await database.close();
    }
  });
});
