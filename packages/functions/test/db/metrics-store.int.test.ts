import { isChurnError } from "@churn/core";
import {
  type ColumnDriftRecord,
  createMetricsStore,
  type MetricRecord,
  type MetricsStore,
  type RunFinish,
  type RunStart,
} from "@churn/core/db";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OpenedDatabase } from "../../src/adapters/database.ts";
import { DATABASE_DRIVERS, openTestDatabase, truncateAll } from "../support/databases.ts";

const day = (n: number) => new Date(Date.UTC(2026, 0, n, 12, 0, 0));

function runStart(runId: string, startedAt: Date): RunStart {
  return {
    runId,
    fileName: `${runId}.csv`,
    objectKey: `data/input/${runId}.csv`,
    etag: `etag-${runId}`,
    executionName: `exec-${runId}`,
    startedAt,
    modelAlias: "staging",
  };
}

function column(columnName: string, driftScore: number, isDrifted: boolean): ColumnDriftRecord {
  return {
    columnName,
    kind: "numerical",
    testName: "ks",
    driftScore,
    threshold: 0.05,
    isDrifted,
    referenceCount: 630,
    currentCount: 1050,
    referenceMissingCount: 0,
    currentMissingCount: 2,
  };
}

function metric(name: string, value: number): MetricRecord {
  return {
    name,
    value,
    referenceValue: 0.9,
    threshold: 0.7,
    isBelowThreshold: value < 0.7,
    isEstimated: false,
  };
}

function runFinish(runId: string, finishedAt: Date, overrides: Partial<RunFinish> = {}): RunFinish {
  return {
    runId,
    finishedAt,
    modelVersion: "v1",
    rowCount: 1050,
    validRowCount: 1048,
    invalidRowCount: 2,
    hasLabels: true,
    drift: {
      columns: [column("seconds_of_use", 0.001, true), column("age_group", 0.4, false)],
      driftShare: 0.5,
      driftShareThreshold: 0.5,
      isDatasetDrifted: true,
    },
    metrics: [metric("accuracy", 0.91), metric("recall", 0.62)],
    estimates: [],
    report: { version: 1, file: `${runId}.csv`, nested: { values: [1, 2.5, null], flag: true } },
    reportKey: `reports/${runId}.json`,
    scoredKey: `data/processed/${runId}.scored.csv`,
    ...overrides,
  };
}

async function processRun(
  store: MetricsStore,
  runId: string,
  n: number,
  finish?: Partial<RunFinish>,
) {
  await store.startRun(runStart(runId, day(n)));
  await store.finishRun(runFinish(runId, day(n), finish));
}

describe.each(DATABASE_DRIVERS)("metrics store on %s", (driver) => {
  let opened: OpenedDatabase;
  let store: MetricsStore;

  beforeAll(async () => {
    opened = await openTestDatabase(driver);
    store = createMetricsStore(opened.db, { clock: { now: () => day(28) } });
  });
  afterAll(async () => {
    await opened?.close();
  });
  beforeEach(async () => {
    await truncateAll(opened);
  });

  it("records a run once when its start is recorded twice", async () => {
    const first = await store.startRun(runStart("r1", day(1)));
    const second = await store.startRun(runStart("r1", day(2)));

    const page = await store.listRuns();
    expect([first.isNew, second.isNew]).toEqual([true, false]);
    expect(page.totalCount).toBe(1);
    expect(page.runs[0]).toMatchObject({ id: "r1", status: "running", startedAt: day(1) });
  });

  it("stores a processed run's figures and its report JSON as given", async () => {
    await processRun(store, "r1", 1);

    const run = await store.getRun("r1");

    expect(run).toMatchObject({
      status: "processed",
      finishedAt: day(1),
      modelVersion: "v1",
      columnCount: 2,
      driftedColumnCount: 1,
      driftShare: 0.5,
      isDatasetDrifted: true,
      lowScoreCount: 1,
      report: runFinish("r1", day(1)).report,
    });
    expect(run?.driftResults.map((row) => row.columnName)).toEqual(["age_group", "seconds_of_use"]);
    expect(run?.driftResults[1]).toMatchObject({ driftScore: 0.001, currentMissingCount: 2 });
    expect(run?.metrics.map((row) => [row.name, row.value, row.isBelowThreshold])).toEqual([
      ["accuracy", 0.91, false],
      ["recall", 0.62, true],
    ]);
    expect("report" in (await store.listRuns()).runs[0]!).toBe(false);
  });

  it("replaces the figures when a run is finished again", async () => {
    await processRun(store, "r1", 1);

    await store.finishRun(
      runFinish("r1", day(2), {
        metrics: [metric("accuracy", 0.5)],
        estimates: [
          { name: "accuracy", method: "cbpe", value: 0.8, lowerBound: 0.7, upperBound: 0.9 },
        ],
      }),
    );

    const run = await store.getRun("r1");
    expect(run?.metrics.map((row) => [row.name, row.value])).toEqual([["accuracy", 0.5]]);
    expect(run?.estimates).toMatchObject([{ name: "accuracy", value: 0.8, referenceValue: null }]);
    expect(run?.driftResults).toHaveLength(2);
    expect(run?.finishedAt).toEqual(day(2));
  });

  it("keeps a metric that could not be computed as NaN", async () => {
    await store.startRun(runStart("r1", day(1)));

    await store.finishRun(runFinish("r1", day(1), { metrics: [metric("roc_auc", Number.NaN)] }));

    const run = await store.getRun("r1");
    expect(run?.metrics[0]?.value).toBeNaN();
  });

  it.each([
    ["rejectRun", "rejected"],
    ["failRun", "failed"],
  ] as const)("records the error when %s ends a run", async (method, status) => {
    await store.startRun(runStart("r1", day(1)));

    await store[method]({
      runId: "r1",
      finishedAt: day(2),
      errorCode: "csv.missing_columns",
      errorMessage: "File r1.csv lacks the column churn.",
      rowCounts: { rowCount: 10, validRowCount: 0, invalidRowCount: 10 },
    });

    expect(await store.getRun("r1")).toMatchObject({
      status,
      errorCode: "csv.missing_columns",
      rowCount: 10,
      report: null,
      finishedAt: day(2),
    });
  });

  it("throws db.run_not_found when a run that never started is finished", async () => {
    const error = await store.finishRun(runFinish("ghost", day(1))).catch((caught) => caught);

    expect(isChurnError(error, "db.run_not_found")).toBe(true);
  });

  it("lists runs newest first, filtered by status, one page at a time", async () => {
    await processRun(store, "a", 1);
    await store.startRun(runStart("b", day(2)));
    await processRun(store, "c", 3);
    await processRun(store, "d", 4);

    const first = await store.listRuns({ status: "processed", limit: 2 });
    const second = await store.listRuns({ status: "processed", limit: 2, offset: 2 });
    const running = await store.listRuns({ status: ["running"] });

    expect(first.runs.map((run) => run.id)).toEqual(["d", "c"]);
    expect(second.runs.map((run) => run.id)).toEqual(["a"]);
    expect(first.totalCount).toBe(3);
    expect(running.runs.map((run) => run.id)).toEqual(["b"]);
  });

  it("returns each metric's value from the latest processed run that has it", async () => {
    await processRun(store, "old", 1, { metrics: [metric("accuracy", 0.8), metric("f1", 0.6)] });
    await processRun(store, "new", 2, { metrics: [metric("accuracy", 0.95)] });
    await store.startRun(runStart("unfinished", day(3)));

    const latest = await store.latestScores();

    expect(latest.map((point) => [point.name, point.value, point.runId])).toEqual([
      ["accuracy", 0.95, "new"],
      ["f1", 0.6, "old"],
    ]);
  });

  it.each([
    {
      case: "an estimated score of a newer file without labels",
      runs: [
        { id: "old", n: 1, hasLabels: true, metrics: [metric("accuracy", 0.8), metric("f1", 0.6)] },
        { id: "new", n: 2, hasLabels: false, metrics: [metric("accuracy", 0.7)] },
      ],
      expected: [
        ["accuracy", 0.7, "new"],
        ["f1", 0.6, "old"],
      ],
    },
    {
      case: "metrics that only an older run recorded, on both sides of the newer names",
      runs: [
        {
          id: "old",
          n: 1,
          hasLabels: true,
          metrics: [metric("aaa", 0.1), metric("f1", 0.5), metric("zzz", 0.2)],
        },
        { id: "new", n: 2, hasLabels: true, metrics: [metric("f1", 0.6)] },
      ],
      expected: [
        ["aaa", 0.1, "old"],
        ["f1", 0.6, "new"],
        ["zzz", 0.2, "old"],
      ],
    },
    {
      case: "every run's metrics when no run has labels",
      runs: [
        { id: "a", n: 1, hasLabels: false, metrics: [metric("accuracy", 0.7)] },
        { id: "b", n: 2, hasLabels: false, metrics: [metric("f1", 0.6)] },
      ],
      expected: [
        ["accuracy", 0.7, "a"],
        ["f1", 0.6, "b"],
      ],
    },
    {
      case: "the run with the larger id of two started at once",
      runs: [
        { id: "b", n: 1, hasLabels: true, metrics: [metric("accuracy", 0.2)] },
        { id: "a", n: 1, hasLabels: true, metrics: [metric("accuracy", 0.1), metric("f1", 0.3)] },
      ],
      expected: [
        ["accuracy", 0.2, "b"],
        ["f1", 0.3, "a"],
      ],
    },
  ])("returns $case among the latest scores", async ({ runs, expected }) => {
    for (const run of runs) {
      await processRun(store, run.id, run.n, { hasLabels: run.hasLabels, metrics: run.metrics });
    }

    const latest = await store.latestScores();

    expect(latest.map((point) => [point.name, point.value, point.runId])).toEqual(expected);
  });

  it("returns score, drift and column series oldest first over the newest runs", async () => {
    await processRun(store, "a", 1, { metrics: [metric("accuracy", 0.7)] });
    await processRun(store, "b", 2, { metrics: [metric("accuracy", 0.8), metric("f1", 0.5)] });
    await processRun(store, "c", 3, {
      metrics: [metric("accuracy", 0.9)],
      drift: {
        columns: [column("age_group", 0.01, true)],
        driftShare: 1,
        driftShareThreshold: 0.5,
        isDatasetDrifted: true,
      },
    });

    const scores = await store.scoreSeries({ names: ["accuracy"], runLimit: 2 });
    const drift = await store.driftSeries({ since: day(2) });
    const columns = await store.columnDriftSeries({ columnNames: ["age_group"] });

    expect(scores.map((point) => [point.runId, point.value])).toEqual([
      ["b", 0.8],
      ["c", 0.9],
    ]);
    expect(drift.map((point) => [point.runId, point.driftedColumnCount, point.driftShare])).toEqual(
      [
        ["b", 1, 0.5],
        ["c", 1, 1],
      ],
    );
    expect(columns.map((point) => [point.runId, point.driftScore, point.threshold])).toEqual([
      ["a", 0.4, 0.05],
      ["b", 0.4, 0.05],
      ["c", 0.01, 0.05],
    ]);
  });

  it("records an alert once per run and kind", async () => {
    await processRun(store, "r1", 1);
    const alert = {
      runId: "r1",
      kind: "drift",
      subject: "Drift",
      messageId: "m1",
      sentAt: day(1),
    } as const;

    const first = await store.recordAlert(alert);
    const again = await store.recordAlert({ ...alert, messageId: "m2" });

    expect([first.isNew, again.isNew]).toEqual([true, false]);
    expect((await store.getRun("r1"))?.alerts).toMatchObject([{ kind: "drift", messageId: "m1" }]);
    expect(await store.listAlerts()).toHaveLength(1);
  });

  it("keeps model versions newest first with the aliases last recorded", async () => {
    const model = {
      version: "v1",
      createdAt: day(1),
      modelKey: "models/v1/",
      decisionThreshold: 0.5,
      featureNames: ["complains", "status"],
      params: { eta: 0.3 },
      metrics: { holdout: { rocAuc: 0.95 } },
      aliases: ["staging"],
    };
    await store.recordModelVersion(model);
    await store.recordModelVersion({ ...model, version: "v2", createdAt: day(2), aliases: [] });

    await store.recordAliases({ staging: "v2", production: "v1" });

    const versions = await store.listModelVersions();
    expect(versions.map((row) => [row.version, row.aliases])).toEqual([
      ["v2", ["staging"]],
      ["v1", ["production"]],
    ]);
    expect(versions[1]).toMatchObject({
      params: { eta: 0.3 },
      recordedAt: day(28),
      trainingRunId: null,
    });
  });

  it("stores a training run with its trials and replaces them when recorded again", async () => {
    const trials = [
      { trialNumber: 0, params: { maxDepth: 3 }, score: 0.91, scoreStd: 0.01 },
      { trialNumber: 1, params: { maxDepth: 6 }, score: 0.93 },
    ];
    await store.recordTrainingRun({ id: "t1", status: "running", startedAt: day(1) });

    await store.recordTrainingRun({
      id: "t1",
      status: "succeeded",
      startedAt: day(1),
      finishedAt: day(2),
      modelVersion: "v1",
      bestScore: 0.93,
      trials,
    });

    expect(await store.listTrainingRuns()).toMatchObject([
      { id: "t1", status: "succeeded", trialCount: 2 },
    ]);
    expect((await store.getTrainingRun("t1"))?.trials).toEqual(trials);
  });
});
