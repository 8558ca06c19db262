import { FEATURE_NAMES } from "@churn/core";
import type {
  ColumnDriftRecord,
  EstimateRecord,
  MetricRecord,
  MetricsStore,
  ModelVersionRecord,
  TuningTrialRecord,
} from "@churn/core/db";
import type { ClassificationMetrics } from "@churn/core/quality";
import type { RunReport, StepTiming } from "@churn/core/report";
import { createRandom, type Random } from "@churn/data";
import {
  buildReferenceSet,
  buildSeedReport,
  finishFromReport,
  type ReferenceSet,
  type RunKind,
} from "./seed-data.ts";

/**
 * Realistic figures for the site's tests and screenshots, written through the metrics store's
 * own writes: two model versions with their training runs, more than one page of processed runs
 * (a history of older files, then recent ones, one of them drifted and one degraded), a file
 * without labels, and a rejected file whose name, column names and values carry HTML.
 * Everything comes from a seeded generator and a fixed clock.
 */

/** Text that would run script if the site ever rendered it as markup. */
export const HOSTILE_TEXT = "<img src=x onerror=alert(1)>";
export const HOSTILE_FILE_NAME = `${HOSTILE_TEXT}.csv`;
export const HOSTILE_COLUMN = '<script>alert("column")</script>';

const START_MS = Date.parse("2026-11-20T08:00:00Z");
const HOUR_MS = 3_600_000;

export interface SeededRun {
  readonly runId: string;
  readonly fileName: string;
  readonly status: "processed" | "rejected" | "failed" | "running";
  readonly startedAt: Date;
  readonly metrics: readonly MetricRecord[];
  readonly estimates: readonly EstimateRecord[];
  readonly drift: readonly ColumnDriftRecord[];
  readonly quality?: ClassificationMetrics;
  readonly isDatasetDrifted: boolean;
  /** The report as stored with the run, its save step included. */
  readonly report?: RunReport;
}

export interface Seeded {
  readonly reference: ReferenceSet;
  readonly runs: readonly SeededRun[];
  readonly models: readonly ModelVersionRecord[];
  readonly trials: readonly TuningTrialRecord[];
}

/** Older weekly files, so that the run list has a second page: weeks 33 to 52 of 2025. */
const HISTORY: readonly { file: string; kind: RunKind }[] = Array.from(
  { length: 20 },
  (_, index) => ({
    file: `customers_2025_w${33 + index}.csv`,
    kind: index === 8 ? "degraded" : "stable",
  }),
);

const PLAN: readonly { file: string; kind: RunKind }[] = [
  ...HISTORY,
  { file: "customers_2026_w01.csv", kind: "stable" },
  { file: "customers_2026_w02.csv", kind: "stable" },
  { file: "customers_2026_w03.csv", kind: "stable" },
  { file: "customers_2026_w04.csv", kind: "degraded" },
  { file: "customers_2026_w05.csv", kind: "stable" },
  { file: "customers_2026_w06_unlabelled.csv", kind: "unlabelled" },
  { file: "customers_2026_w07.csv", kind: "stable" },
  { file: "customers_2026_w08_new_region.csv", kind: "drifted" },
];

/** Writes the standard seed through `store` and returns what it wrote, for assertions. */
export async function seedSite(store: MetricsStore): Promise<Seeded> {
  const random = createRandom(20261203);
  const reference = buildReferenceSet(random);
  const models = await seedModels(store, random, reference);

  const runs: SeededRun[] = [];
  for (const [index, entry] of PLAN.entries()) {
    runs.push(await seedProcessedRun(store, random, reference, index, entry.file, entry.kind));
  }
  runs.push(await seedRejectedRun(store, PLAN.length));
  runs.push(await seedUnfinishedRun(store, PLAN.length + 1, "failed"));
  runs.push(await seedUnfinishedRun(store, PLAN.length + 2, "running"));

  return { reference, runs, models: models.versions, trials: models.trials };
}

/**
 * Adds `count` processed runs after the standard seed, for measuring the pages against a large
 * store. They reuse one stable and one drifted report, since only their number matters there.
 */
export async function seedManyRuns(store: MetricsStore, count: number): Promise<void> {
  const random = createRandom(7);
  const reference = buildReferenceSet(random);
  const start = new Date(START_MS);
  const reports = {
    stable: buildSeedReport(random, reference, {
      runId: "",
      fileName: "",
      startedAt: start,
      kind: "stable",
    }),
    drifted: buildSeedReport(random, reference, {
      runId: "",
      fileName: "",
      startedAt: start,
      kind: "drifted",
    }),
  };
  for (let index = 0; index < count; index += 1) {
    const kind = index % 50 === 49 ? "drifted" : "stable";
    await seedProcessedRun(
      store,
      random,
      reference,
      // After the standard seed's processed, rejected, failed and running runs.
      PLAN.length + 3 + index,
      `bulk_${index}.csv`,
      kind,
      reports[kind],
    );
  }
}

async function seedModels(store: MetricsStore, random: Random, reference: ReferenceSet) {
  const trials: TuningTrialRecord[] = Array.from({ length: 12 }, (_, index) => ({
    trialNumber: index,
    params: {
      max_depth: 3 + (index % 4),
      eta: Number((0.05 + 0.05 * (index % 5)).toFixed(2)),
      subsample: Number((0.7 + 0.05 * (index % 6)).toFixed(2)),
      n_estimators: 100 + 50 * (index % 3),
    },
    score: Number((0.86 + 0.06 * random.uniform()).toFixed(4)),
    scoreStd: Number((0.01 + 0.02 * random.uniform()).toFixed(4)),
    durationMs: Math.round(800 + 1500 * random.uniform()),
  }));
  const best = trials.reduce((a, b) => (b.score > a.score ? b : a));
  const holdout = reference.quality;

  const versions: ModelVersionRecord[] = [];
  for (const [index, version] of ["v1", "v2"].entries()) {
    const createdAt = new Date(START_MS - (2 - index) * 24 * HOUR_MS);
    const trainingRunId = `training-${version}`;
    // The registry's evaluations: training rows fit better than the holdout, as they do.
    const train = {
      metrics: {
        ...holdout,
        accuracy: Math.min(1, holdout.accuracy + 0.03),
        f1: Math.min(1, holdout.f1 + 0.06),
      },
      calibration: [],
    };
    const holdoutScores = {
      metrics: { ...holdout, f1: holdout.f1 - (1 - index) * 0.04 },
      calibration: [],
    };
    await store.recordTrainingRun({
      id: trainingRunId,
      status: "succeeded",
      startedAt: createdAt,
      finishedAt: new Date(createdAt.getTime() + 95_000),
      modelVersion: version,
      trainRowCount: 2520,
      holdoutRowCount: 315,
      objectiveName: "roc_auc",
      bestScore: best.score,
      bestParams: best.params,
      metrics: { train, holdout: holdoutScores },
      durationMs: 95_000,
      ...(index === 1 ? { trials } : {}),
    });
    const record: ModelVersionRecord = {
      version,
      createdAt,
      trainingRunId,
      modelKey: `models/versions/${version}/`,
      decisionThreshold: 0.5,
      featureNames: [...FEATURE_NAMES],
      params: { objective: "binary:logistic", ...best.params },
      metrics: { train, holdout: holdoutScores },
      aliases: index === 1 ? ["production", "staging"] : [],
    };
    await store.recordModelVersion(record);
    versions.push(record);
  }
  await store.recordAliases({ staging: "v2", production: "v2" });
  return { versions, trials };
}

async function seedProcessedRun(
  store: MetricsStore,
  random: Random,
  reference: ReferenceSet,
  index: number,
  fileName: string,
  kind: RunKind,
  reuse?: RunReport,
): Promise<SeededRun> {
  const runId = `run-${String(index).padStart(5, "0")}`;
  const startedAt = new Date(START_MS + index * 12 * HOUR_MS);
  await startSeedRun(store, { runId, fileName, startedAt });

  const built =
    reuse === undefined
      ? buildSeedReport(random, reference, { runId, fileName, startedAt, kind })
      : { ...reuse, runId, fileName };
  const report = withSaveStep(built);
  const finish = finishFromReport(report, {
    runId,
    finishedAt: new Date(startedAt.getTime() + 4200 + Math.round(random.uniform() * 3000)),
  });
  await store.finishRun(finish);

  const driftedCount = finish.drift.columns.filter((column) => column.isDrifted).length;
  if (finish.drift.isDatasetDrifted) {
    await store.recordAlert({
      runId,
      kind: "drift",
      subject: `🚨 Customer Data Drift Alert: ${driftedCount} Column(s) Drifted`,
      messageId: `message-${runId}-drift`,
      sentAt: new Date(startedAt.getTime() + 8000),
    });
  }
  const lowCount = finish.metrics.filter((metric) => metric.isBelowThreshold).length;
  if (lowCount > 0) {
    await store.recordAlert({
      runId,
      kind: "score",
      subject: `🚨 Customer Prediction Scores Alert: ${lowCount} Score(s) Below Threshold`,
      messageId: `message-${runId}-score`,
      sentAt: new Date(startedAt.getTime() + 9000),
    });
  }

  return {
    runId,
    fileName,
    status: "processed",
    startedAt,
    metrics: finish.metrics,
    estimates: finish.estimates ?? [],
    drift: finish.drift.columns,
    ...(report.quality === null ? {} : { quality: report.quality }),
    isDatasetDrifted: finish.drift.isDatasetDrifted,
    report,
  };
}

async function seedRejectedRun(store: MetricsStore, index: number): Promise<SeededRun> {
  const runId = `run-${String(index).padStart(5, "0")}-rejected`;
  const startedAt = new Date(START_MS + index * 12 * HOUR_MS);
  const message = `File ${HOSTILE_FILE_NAME} lacks the columns call_failure, complains; export it again with every column of the schema.`;
  await startSeedRun(store, { runId, fileName: HOSTILE_FILE_NAME, startedAt });
  await store.rejectRun({
    runId,
    finishedAt: new Date(startedAt.getTime() + 900),
    errorCode: "csv.missing_columns",
    errorMessage: message,
    rowCounts: { rowCount: 120, validRowCount: 0, invalidRowCount: 120 },
    logKey: `data/logs/${runId}.log`,
    // A rejected run keeps only the validation section of its report, as the pipeline does.
    report: {
      validation: {
        isValid: false,
        code: "csv.missing_columns",
        message,
        rowCount: 120,
        validRowCount: 0,
        invalidRowCount: 120,
        hasTarget: true,
        columns: {
          found: [HOSTILE_COLUMN, "churn"],
          missing: ["call_failure", "complains"],
          unknown: [HOSTILE_COLUMN],
        },
        issues: [
          { rowNumber: 3, column: "customer_value", value: HOSTILE_TEXT, kind: "not_a_number" },
          { rowNumber: 7, column: HOSTILE_COLUMN, value: "-1", kind: "out_of_domain" },
        ],
        issueCount: 2,
      },
    },
  });
  return {
    runId,
    fileName: HOSTILE_FILE_NAME,
    status: "rejected",
    startedAt,
    metrics: [],
    estimates: [],
    drift: [],
    isDatasetDrifted: false,
  };
}

/** A run that a fault stopped while scoring, or one still under way. */
async function seedUnfinishedRun(
  store: MetricsStore,
  index: number,
  status: "failed" | "running",
): Promise<SeededRun> {
  const runId = `run-${String(index).padStart(5, "0")}-${status}`;
  const fileName = `customers_2026_w09_${status}.csv`;
  const startedAt = new Date(START_MS + index * 12 * HOUR_MS);
  await startSeedRun(store, { runId, fileName, startedAt });
  if (status === "failed") {
    await store.failRun({
      runId,
      finishedAt: new Date(startedAt.getTime() + 61_000),
      errorCode: "predictor.unavailable",
      errorMessage: `Scoring ${fileName} with model version v2 failed after 3 tries: the endpoint did not answer; check that it is in service and drop the file again.`,
    });
  }
  return {
    runId,
    fileName,
    status,
    startedAt,
    metrics: [],
    estimates: [],
    drift: [],
    isDatasetDrifted: false,
  };
}

/** The report as the pipeline stores it: the save step's own timing is added last. */
function withSaveStep(report: RunReport): RunReport {
  const saveStep: StepTiming = { name: "Save report", durationMs: 310, outcome: "done" };
  return { ...report, steps: [...report.steps, saveStep] };
}

/** Records a run's start as the pipeline's claim step does, scored by the `staging` version. */
function startSeedRun(
  store: MetricsStore,
  run: { runId: string; fileName: string; startedAt: Date },
): Promise<{ isNew: boolean }> {
  return store.startRun({
    ...run,
    objectKey: `data/input/${run.fileName}`,
    etag: `etag-${run.runId}`,
    executionName: run.runId,
    modelVersion: "v2",
    modelAlias: "staging",
    logKey: `data/logs/${run.runId}.log`,
  });
}
