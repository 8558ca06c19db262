import { silentLogger } from "@churn/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenedDatabase } from "../src/adapters/database.ts";
import { ensureModel } from "../src/runner/ensure-model.ts";
import { openTestPipeline, type TestPipeline } from "./pipeline/support.ts";
import { openTestDatabase } from "./support/databases.ts";

describe("ensureModel", () => {
  let database: OpenedDatabase;
  let pipeline: TestPipeline;

  beforeAll(async () => {
    database = await openTestDatabase("embedded");
    pipeline = await openTestPipeline({ database });
  });

  afterAll(async () => {
    await pipeline.close();
    await database.close();
  });

  it("records the training run with its tuning trials and the version it trains on a fresh clone", async () => {
    const output: string[] = [];

    const metadata = await ensureModel(pipeline.environment, {
      io: { stdout: (text) => output.push(text) },
      logger: silentLogger,
      trialCount: 2,
    });

    const metrics = pipeline.environment.metrics;
    const [version] = await metrics.listModelVersions();
    expect(version).toMatchObject({
      version: metadata.version,
      trainingRunId: `training-${metadata.version}`,
      aliases: ["staging"],
    });
    const run = await metrics.getTrainingRun(`training-${metadata.version}`);
    expect(run).toMatchObject({
      status: "succeeded",
      modelVersion: metadata.version,
      dataFingerprint: metadata.data.sha256,
      trainRowCount: metadata.data.trainRowCount,
      holdoutRowCount: metadata.data.holdoutRowCount,
      trialCount: 2,
      bestScore: metadata.tuning?.bestScore,
    });
    expect(run?.trials.map((trial) => [trial.trialNumber, trial.score])).toEqual(
      metadata.tuning?.trials.map((trial) => [trial.number, trial.score]),
    );
    expect(output.join("\n")).toContain(`Registered model version ${metadata.version}`);
  });

  it("returns the registered version without training again", async () => {
    const [before] = await pipeline.environment.metrics.listTrainingRuns();

    const metadata = await ensureModel(pipeline.environment, {
      io: { stdout: () => {} },
      logger: silentLogger,
    });

    expect(metadata.version).toBe("v1");
    expect(await pipeline.environment.metrics.listTrainingRuns()).toEqual([before]);
  });
});
