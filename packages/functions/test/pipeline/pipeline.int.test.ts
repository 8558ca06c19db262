import { createHash } from "node:crypto";
import type { Predictor } from "@churn/core";
import { generateChurnFile } from "@churn/data";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type OpenedDatabase,
  openEmbeddedDatabase,
  openPostgresDatabase,
} from "../../src/adapters/database.ts";
import { openTestPipeline, registerModel, type TestPipeline } from "./support.ts";

const SEED = 7;
const generated = (kind: Parameters<typeof generateChurnFile>[0], rowCount = 1000) =>
  generateChurnFile(kind, { seed: SEED + rowCount, rowCount });

describe("the pipeline on generated files", () => {
  let database: OpenedDatabase;
  let pipeline: TestPipeline;

  beforeAll(async () => {
    database = await openEmbeddedDatabase();
    pipeline = await openTestPipeline({ database });
    await registerModel(pipeline, generated("training", 3150), { fileName: "training.csv" });
  });
  afterAll(async () => {
    await pipeline.close();
    await database.close();
  });

  it("processes a stable file: scored copy, report, log and run record, no alert", async () => {
    const alertCount = pipeline.alerts.length;

    const run = await pipeline.drop("stable.csv", generated("stable"));

    expect(run.status).toBe("processed");
    expect(run.rows).toEqual({ total: 1000, scored: 1000, rejected: 0 });
    expect(run.modelVersion).toBe("v1");
    expect(run.driftShare).toBeLessThan(0.5);
    expect(pipeline.alerts.length).toBe(alertCount);
    expect(run.outputs).toMatchObject({
      original: `data/processed/${run.runId}/stable.csv`,
      scored: `data/processed/${run.runId}/stable.scored.csv`,
      report: `reports/${run.runId}.json`,
      log: `data/logs/${run.runId}.log`,
    });
    expect(await pipeline.keys(`data/processing/${run.runId}/`)).toEqual([]);
    expect(await pipeline.keys("data/input/")).toEqual([]);
    const stored = await pipeline.environment.metrics.getRun(run.runId);
    expect(stored?.status).toBe("processed");
  });

  it("writes every original column plus the probability, the prediction and the version", async () => {
    const run = await pipeline.drop("stable-columns.csv", generated("stable", 200));

    const scored = (await pipeline.read(run.outputs.scored ?? "")).trimEnd().split("\n");
    const original = generated("stable", 200).trimEnd().split("\n");

    expect(scored[0]).toBe(`${original[0]},churn_probability,churn_prediction,model_version`);
    expect(scored).toHaveLength(201);
    const [cells, extra] = [original[1]?.split(","), scored[1]?.split(",").slice(-3)];
    expect(scored[1]?.startsWith(`${cells?.join(",")},`)).toBe(true);
    expect(Number(extra?.[0])).toBeGreaterThanOrEqual(0);
    expect(Number(extra?.[0])).toBeLessThanOrEqual(1);
    expect(["0", "1"]).toContain(extra?.[1]);
    expect(extra?.[2]).toBe("v1");
  });

  it("sends the drift alert for a drifted file, naming the columns and the run page", async () => {
    const before = pipeline.alerts.length;

    const run = await pipeline.drop("drifted.csv", generated("drifted", 1050));

    expect(run.status).toBe("processed");
    expect(run.driftShare).toBeGreaterThanOrEqual(0.5);
    const alert = pipeline.alerts
      .slice(before)
      .find((message) => message.subject.includes("Drift"));
    expect(alert?.subject).toBe(
      `Customer Data Drift Alert: ${run.driftedColumns.length} Column(s) Drifted`,
    );
    for (const column of run.driftedColumns) expect(alert?.body).toContain(`- ${column}: `);
    expect(alert?.body).toContain("File: drifted.csv");
    expect(alert?.body).toContain("Model version: v1 (alias staging)");
    expect(alert?.body).toContain(`http://127.0.0.1:3000/runs/${run.runId}`);
    expect(run.alerts.map((sent) => sent.kind)).toContain("drift");
  });

  it("sends the score alert when the model degrades, with values, thresholds and references", async () => {
    const before = pipeline.alerts.length;

    const run = await pipeline.drop("degraded.csv", generated("degraded"));

    const alert = pipeline.alerts
      .slice(before)
      .find((message) => message.subject.includes("Scores"));
    const report = JSON.parse(await pipeline.read(run.report ?? ""));
    expect(run.status).toBe("processed");
    expect(run.hasLabels).toBe(true);
    expect(run.scores.f1).toBeLessThan(0.7);
    expect(report.quality.f1).toBe(run.scores.f1);
    expect(alert?.body).toMatch(
      /- F1 score: 0\.[0-6][0-9]* \(threshold 0\.7, reference 0\.[0-9]+\)/,
    );
    expect(alert?.body).toContain(`- F1 score: ${report.quality.f1.toFixed(3)} (threshold 0.7`);
    expect(run.alerts.map((sent) => sent.kind)).toContain("score");
  });

  it("estimates quality when the file has no labels", async () => {
    const run = await pipeline.drop("unlabelled.csv", generated("unlabelled"));

    const report = JSON.parse(await pipeline.read(run.report ?? ""));
    expect(run.status).toBe("processed");
    expect(run.hasLabels).toBe(false);
    expect(report.quality).toBeNull();
    expect(report.estimate).not.toBeNull();
    for (const name of ["f1", "precision", "recall", "accuracy"]) {
      const { value, lower, upper } = report.estimate[name];
      expect(value, name).toBeGreaterThan(0);
      expect(value, name).toBeLessThanOrEqual(1);
      expect(lower, name).toBeLessThanOrEqual(value);
      expect(upper, name).toBeGreaterThanOrEqual(value);
      expect(run.scores[name], name).toBe(value);
    }
    expect(run.alerts.map((sent) => sent.kind)).not.toContain("score");
  });

  it.each([
    ["header-only.csv", `${generated("stable", 1).split("\n")[0]}\n`, "csv.header_only"],
    ["empty.csv", "", "csv.empty"],
    ["missing-columns.csv", "a,b\n1,2\n", "csv.missing_columns"],
    ["stable.txt", generated("stable", 100), "file.not_csv"],
  ])("rejects %s into errored/ with the reason in its log", async (name, text, code) => {
    const run = await pipeline.drop(name, text);

    expect(run.status).toBe("rejected");
    expect(run.reason).not.toBeNull();
    expect(await pipeline.read(`data/errored/${run.runId}/${name}`)).toBe(text);
    const log = await pipeline.read(`data/logs/${run.runId}.log`);
    expect(log).toContain(`[${code}]`);
    expect(log).toContain(`→ data/errored/${run.runId}/${name}`);
    const stored = await pipeline.environment.metrics.getRun(run.runId);
    expect(stored?.status).toBe("rejected");
  });

  it("sets bad rows aside with their reasons and neutralises formulas in the scored copy", async () => {
    const lines = generated("stable", 300).trimEnd().split("\n");
    const withNote = lines.map((line, index) =>
      index === 0 ? `${line},Note` : `${line},${["=1+2", "-5", "@SUM(A1)"][index - 1] ?? "ok"}`,
    );
    withNote[5] = withNote[5]?.replace(/^[^,]*/, "lots") ?? "";

    const run = await pipeline.drop("with-bad-row.csv", `${withNote.join("\n")}\n`);

    expect(run.status).toBe("processed");
    expect(run.rows).toEqual({ total: 300, scored: 299, rejected: 1 });
    const rejected = await pipeline.read(run.outputs.rejectedRows ?? "");
    expect(rejected.split("\n")[0]).toContain("rejected_row_number,rejected_because");
    expect(rejected.split("\n")[1]).toMatch(/^lots,.*,5,.*call_failure/);
    const scored = (await pipeline.read(run.outputs.scored ?? "")).split("\n");
    expect(scored[1]).toContain(",'=1+2,");
    expect(scored[2]).toContain(",-5,");
    expect(scored[3]).toContain(",'@SUM(A1),");
  });

  it("runs a file dropped twice under one name twice, overwriting nothing", async () => {
    const text = generated("stable", 150);

    const first = await pipeline.drop("twice.csv", text);
    await new Promise((done) => setTimeout(done, 20));
    const second = await pipeline.drop("twice.csv", text);

    expect(second.runId).not.toBe(first.runId);
    expect(first.status).toBe("processed");
    expect(second.status).toBe("processed");
    const processed = await pipeline.keys("data/processed/");
    expect(processed).toContain(`data/processed/${first.runId}/twice.csv`);
    expect(processed).toContain(`data/processed/${second.runId}/twice.csv`);
    expect(await pipeline.read(`data/processed/${first.runId}/twice.csv`)).toBe(text);
  });

  it("fails a run whose file was dropped again before its claim, and runs the newer file", async () => {
    const key = "data/input/quick-redrop.csv";
    const announced = await pipeline.environment.store.write(key, generated("stable", 200));
    await pipeline.environment.store.write(key, generated("drifted", 150));
    const drop = { key, etag: announced.etag, version: announced.etag, sequencer: "0001" };

    const first = await pipeline.environment.runner.runDrop(drop);
    const second = await pipeline.environment.runner.runKey(key);

    expect(first.status).toBe("failed");
    expect(first.reason).toContain("[pipeline.input_replaced]");
    expect(await pipeline.keys(`data/errored/${first.runId}/`)).toEqual([]);
    expect(second.status).toBe("processed");
    expect(second.rows?.total).toBe(150);
    expect(await pipeline.read(`data/processed/${second.runId}/quick-redrop.csv`)).toBe(
      generated("drifted", 150),
    );
    expect(await pipeline.keys("data/input/")).toEqual([]);
  });

  it("starts one run when the same drop is handed over twice", async () => {
    const key = "data/input/same-event.csv";
    const info = await pipeline.environment.store.write(key, generated("stable", 120));
    const drop = { key, etag: info.etag, version: info.etag, sequencer: "0001" };

    const [first, second] = await Promise.all([
      pipeline.environment.runner.runDrop(drop),
      pipeline.environment.runner.runDrop({ ...drop }),
    ]);

    expect(second).toBe(first);
    expect(first.status).toBe("processed");
    const runs = await pipeline.environment.metrics.listRuns({ limit: 100 });
    expect(runs.runs.filter((run) => run.fileName === "same-event.csv")).toHaveLength(1);
  });
});

describe("the pipeline under faults", () => {
  it("retries a predictor that fails twice with a transient error, then processes the file", async () => {
    const database = await openEmbeddedDatabase();
    let calls = 0;
    const pipeline = await openTestPipeline({
      database,
      wrapPredictor: (predictor): Predictor => ({
        predict: async (request) => {
          calls += 1;
          if (calls <= 2) {
            throw Object.assign(new Error("The endpoint is throttling."), {
              name: "TransientError",
            });
          }
          return predictor.predict(request);
        },
      }),
    });
    try {
      await registerModel(pipeline, generated("training", 1500), { fileName: "training.csv" });

      const run = await pipeline.drop("flaky.csv", generated("stable", 200));

      expect(calls).toBe(3);
      expect(run.status).toBe("processed");
      expect(run.statesEntered.filter((name) => name === "Score with model")).toHaveLength(1);
    } finally {
      await pipeline.close();
      await database.close();
    }
  });

  it("files the input under errored/ intact with the reason when the database is down", async () => {
    // Port 9 (discard) has no PostgreSQL: every query fails to connect, as with a dead server.
    const database = await openPostgresDatabase("postgres://postgres@127.0.0.1:9/none", {
      migrate: false,
      connectTimeoutSeconds: 1,
    });
    const pipeline = await openTestPipeline({ database });
    try {
      await registerModel(pipeline, generated("training", 1500), { fileName: "training.csv" });
      const text = generated("stable", 200);

      const run = await pipeline.drop("db-down.csv", text);

      expect(run.status).toBe("failed");
      expect(run.reason).toContain("[db.unavailable]");
      const errored = await pipeline.read(`data/errored/${run.runId}/db-down.csv`);
      expect(sha256(errored)).toBe(sha256(text));
      const log = await pipeline.read(`data/logs/${run.runId}.log`);
      expect(log).toContain("db.unavailable");
      expect(log).toContain("Could not record the run in the metrics store");
      expect(await pipeline.keys("data/input/")).toEqual([]);
    } finally {
      await pipeline.close();
      await database.close();
    }
  });
});

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

describe("the model version of a run", () => {
  it("keeps the version its claim resolved when the alias moves while the file is scored", async () => {
    const database = await openEmbeddedDatabase();
    const scoredWith: string[] = [];
    let pipeline: Awaited<ReturnType<typeof openTestPipeline>> | undefined;
    pipeline = await openTestPipeline({
      database,
      wrapPredictor: (predictor): Predictor => ({
        predict: async (request) => {
          scoredWith.push(request.modelVersion);
          // A promotion lands between the claim and the scoring of the first run.
          if (scoredWith.length === 1) await pipeline?.environment.models.setAlias("staging", "v2");
          return predictor.predict(request);
        },
      }),
    });
    try {
      await registerModel(pipeline, generated("training", 1500), { fileName: "training.csv" });
      await registerModel(pipeline, generated("training", 1200), { fileName: "training-2.csv" });
      await pipeline.environment.models.setAlias("staging", "v1");

      const during = await pipeline.drop("during.csv", generated("stable", 200));
      const after = await pipeline.drop("after.csv", generated("stable", 200));

      expect(scoredWith).toEqual(["v1", "v2"]);
      expect([during.modelVersion, after.modelVersion]).toEqual(["v1", "v2"]);
      const scored = await pipeline.read(during.outputs.scored ?? "");
      const versions = new Set(
        scored
          .trim()
          .split("\n")
          .slice(1)
          .map((line) => line.split(",").at(-1)),
      );
      expect([...versions]).toEqual(["v1"]);
      expect((await pipeline.environment.metrics.getRun(during.runId))?.modelVersion).toBe("v1");
    } finally {
      await pipeline.close();
      await database.close();
    }
  });
});
