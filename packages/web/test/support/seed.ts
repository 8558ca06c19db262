import { columnSpec, FEATURE_NAMES, PREDICTION_NAME, TARGET_NAME } from "@churn/core";
import type {
  ColumnDriftRecord,
  MetricRecord,
  MetricsStore,
  ModelVersionRecord,
  TuningTrialRecord,
} from "@churn/core/db";
import { type ClassificationMetrics, classificationMetrics } from "@churn/core/quality";

/**
 * Realistic figures for the site's tests and screenshots, written through the metrics store's
 * own writes: two model versions with their training runs, a series of processed runs, one of
 * them drifted and one degraded, a file without labels, and a rejected file whose name, column
 * names and values carry HTML. Everything comes from a seeded generator and a fixed clock.
 */

/** Text that would run script if the site ever rendered it as markup. */
export const HOSTILE_TEXT = "<img src=x onerror=alert(1)>";
export const HOSTILE_FILE_NAME = `${HOSTILE_TEXT}.csv`;
export const HOSTILE_COLUMN = '<script>alert("column")</script>';

const START_MS = Date.parse("2026-11-20T08:00:00Z");
const HOUR_MS = 3_600_000;
const DRIFT_SHARE_THRESHOLD = 0.5;
const SCORE_THRESHOLD = 0.7;
const P_VALUE_THRESHOLD = 0.05;
const DRIFT_COLUMNS = [...FEATURE_NAMES, TARGET_NAME, PREDICTION_NAME];

export interface SeededRun {
  readonly runId: string;
  readonly fileName: string;
  readonly status: "processed" | "rejected";
  readonly metrics: readonly MetricRecord[];
  readonly drift: readonly ColumnDriftRecord[];
  readonly quality?: ClassificationMetrics;
  readonly isDatasetDrifted: boolean;
}

export interface Seeded {
  readonly runs: readonly SeededRun[];
  readonly models: readonly ModelVersionRecord[];
  readonly trials: readonly TuningTrialRecord[];
}

type RunKind = "stable" | "drifted" | "degraded" | "unlabelled";

const PLAN: readonly { file: string; kind: RunKind }[] = [
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
  const random = seededRandom(20261203);
  const models = await seedModels(store, random);
  const trials = models.trials;

  const runs: SeededRun[] = [];
  for (const [index, entry] of PLAN.entries()) {
    runs.push(await seedProcessedRun(store, random, index, entry.file, entry.kind));
  }
  runs.push(await seedRejectedRun(store, PLAN.length));

  return { runs, models: models.versions, trials };
}

/**
 * Adds `count` plain processed runs after the standard seed, for measuring the pages against a
 * large store. Each goes through the store's writes, like every pipeline run.
 */
export async function seedManyRuns(store: MetricsStore, count: number): Promise<void> {
  const random = seededRandom(7);
  for (let index = 0; index < count; index += 1) {
    const kind: RunKind = index % 50 === 49 ? "drifted" : "stable";
    await seedProcessedRun(store, random, PLAN.length + 1 + index, `bulk_${index}.csv`, kind);
  }
}

async function seedModels(store: MetricsStore, random: () => number) {
  const trials: TuningTrialRecord[] = Array.from({ length: 12 }, (_, index) => ({
    trialNumber: index,
    params: {
      max_depth: 3 + (index % 4),
      eta: Number((0.05 + 0.05 * (index % 5)).toFixed(2)),
      subsample: Number((0.7 + 0.05 * (index % 6)).toFixed(2)),
      n_estimators: 100 + 50 * (index % 3),
    },
    score: Number((0.86 + 0.08 * random()).toFixed(4)),
    scoreStd: Number((0.01 + 0.02 * random()).toFixed(4)),
    durationMs: Math.round(800 + 1500 * random()),
  }));
  const best = trials.reduce((a, b) => (b.score > a.score ? b : a));

  const versions: ModelVersionRecord[] = [];
  for (const [index, version] of ["1", "2"].entries()) {
    const createdAt = new Date(START_MS - (2 - index) * 24 * HOUR_MS);
    const trainingRunId = `training-${version}`;
    const holdout = qualityOf(random, 315, 1.5 + index * 0.1);
    const train = qualityOf(random, 2520, 1.8);
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
      metrics: { train: scoresOf(train), holdout: scoresOf(holdout) },
      durationMs: 95_000,
      ...(index === 1 ? { trials } : {}),
    });
    const record: ModelVersionRecord = {
      version,
      createdAt,
      trainingRunId,
      modelKey: `models/${version}/`,
      decisionThreshold: 0.5,
      featureNames: [...FEATURE_NAMES],
      params: { objective: "binary:logistic", ...best.params },
      metrics: {
        train: scoresOf(train),
        holdout: scoresOf(holdout),
        shapImportance: Object.fromEntries(
          FEATURE_NAMES.map((name, rank) => [name, Number((1.2 / (rank + 1)).toFixed(4))]),
        ),
      },
      aliases: index === 1 ? ["production", "staging"] : [],
    };
    await store.recordModelVersion(record);
    versions.push(record);
  }
  await store.recordAliases({ staging: "2", production: "2" });
  return { versions, trials };
}

async function seedProcessedRun(
  store: MetricsStore,
  random: () => number,
  index: number,
  fileName: string,
  kind: RunKind,
): Promise<SeededRun> {
  const runId = `run-${String(index).padStart(5, "0")}`;
  const startedAt = new Date(START_MS + index * 12 * HOUR_MS);
  const rowCount = 300 + Math.round(random() * 200);
  await store.startRun({
    runId,
    fileName,
    objectKey: `data/input/${fileName}`,
    etag: `etag-${index}`,
    executionName: runId,
    startedAt,
    modelVersion: "2",
    modelAlias: "staging",
    logKey: `data/logs/${runId}.log`,
  });

  const drift = driftOf(random, kind === "drifted");
  const driftedCount = drift.filter((column) => column.isDrifted).length;
  const driftShare = driftedCount / drift.length;
  const hasLabels = kind !== "unlabelled";
  const separation = kind === "degraded" ? 0.7 : kind === "drifted" ? 1.1 : 1.4 + random() * 0.3;
  const quality = qualityOf(random, rowCount, separation);
  const reference = qualityOf(seededRandom(1), 315, 1.6);
  const metrics = hasLabels ? metricsOf(quality, reference) : [];
  const isDatasetDrifted = driftShare >= DRIFT_SHARE_THRESHOLD;

  await store.finishRun({
    runId,
    finishedAt: new Date(startedAt.getTime() + 4200 + Math.round(random() * 3000)),
    modelVersion: "2",
    rowCount,
    validRowCount: rowCount - 2,
    invalidRowCount: 2,
    hasLabels,
    drift: {
      columns: drift,
      driftShare,
      driftShareThreshold: DRIFT_SHARE_THRESHOLD,
      isDatasetDrifted,
    },
    metrics,
    estimates: [
      {
        name: "accuracy",
        method: "CBPE",
        value: 0.9,
        lowerBound: 0.87,
        upperBound: 0.93,
        referenceValue: 0.91,
      },
      {
        name: "f1",
        method: "CBPE",
        value: 0.74,
        lowerBound: 0.68,
        upperBound: 0.8,
        referenceValue: 0.77,
      },
    ],
    report: reportOf(random, {
      drift,
      quality: hasLabels ? quality : undefined,
      reference,
      rowCount,
      startedAt,
    }),
    reportKey: `reports/${runId}.json`,
    scoredKey: `data/processed/${runId}/scored.csv`,
    logKey: `data/logs/${runId}.log`,
  });

  if (isDatasetDrifted) {
    await store.recordAlert({
      runId,
      kind: "drift",
      subject: `🚨 Customer Data Drift Alert: ${driftedCount} Column(s) Drifted`,
      messageId: `message-${runId}-drift`,
      sentAt: new Date(startedAt.getTime() + 8000),
    });
  }
  if (metrics.some((metric) => metric.isBelowThreshold)) {
    const lowCount = metrics.filter((metric) => metric.isBelowThreshold).length;
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
    metrics,
    drift,
    ...(hasLabels ? { quality } : {}),
    isDatasetDrifted,
  };
}

async function seedRejectedRun(store: MetricsStore, index: number): Promise<SeededRun> {
  const runId = `run-${String(index).padStart(5, "0")}-rejected`;
  const startedAt = new Date(START_MS + index * 12 * HOUR_MS);
  await store.startRun({
    runId,
    fileName: HOSTILE_FILE_NAME,
    objectKey: `data/input/${HOSTILE_FILE_NAME}`,
    etag: `etag-${index}`,
    executionName: runId,
    startedAt,
    modelVersion: "2",
    modelAlias: "staging",
  });
  await store.rejectRun({
    runId,
    finishedAt: new Date(startedAt.getTime() + 900),
    errorCode: "csv.missing_columns",
    errorMessage: `File ${HOSTILE_FILE_NAME} lacks the columns call_failure, complains; export it again with every column of the schema.`,
    rowCounts: { rowCount: 120, validRowCount: 0, invalidRowCount: 120 },
    logKey: `data/logs/${runId}.log`,
    report: {
      validation: {
        isValid: false,
        message: "The file lacks 2 of the schema's columns.",
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
      steps: [
        {
          name: "Claim file",
          startedAt: startedAt.toISOString(),
          durationMs: 120,
          outcome: "claimed",
        },
        {
          name: "Validate file",
          startedAt: startedAt.toISOString(),
          durationMs: 640,
          outcome: "rejected",
        },
      ],
    },
  });
  return {
    runId,
    fileName: HOSTILE_FILE_NAME,
    status: "rejected",
    metrics: [],
    drift: [],
    isDatasetDrifted: false,
  };
}

function driftOf(random: () => number, isDrifted: boolean): ColumnDriftRecord[] {
  return DRIFT_COLUMNS.map((columnName, index) => {
    const kind = columnSpec(columnName)?.kind ?? "categorical";
    // In the drifted file, two columns in three move; p-values then collapse towards zero.
    const hasMoved = isDrifted && index % 3 !== 2;
    const driftScore = hasMoved ? 10 ** -(2 + random() * 6) : 0.08 + random() * 0.9;
    return {
      columnName,
      kind,
      testName:
        kind === "numerical"
          ? "K-S p_value"
          : columnName === "age_group"
            ? "chi-square p_value"
            : "Z-test p_value",
      driftScore,
      threshold: P_VALUE_THRESHOLD,
      isDrifted: driftScore < P_VALUE_THRESHOLD,
      referenceCount: 315,
      currentCount: 400,
      referenceMissingCount: 0,
      currentMissingCount: index === 4 ? 3 : 0,
    };
  });
}

/**
 * Labels with a 16 % churn rate (the real data set's) and probabilities from a logistic of the
 * label's sign times `separation` plus standard normal noise: 1.4 gives a ROC AUC near 0.95.
 */
function qualityOf(
  random: () => number,
  rowCount: number,
  separation: number,
): ClassificationMetrics {
  const labels = new Uint8Array(rowCount);
  const probabilities = new Float64Array(rowCount);
  for (let row = 0; row < rowCount; row += 1) {
    const label = random() < 0.16 ? 1 : 0;
    const noise = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    labels[row] = label;
    probabilities[row] =
      1 / (1 + Math.exp(-((label === 1 ? 1 : -1) * separation * 1.5 + noise - 0.8)));
  }
  return classificationMetrics({ labels, probabilities, threshold: 0.5 });
}

function scoresOf(quality: ClassificationMetrics) {
  return {
    accuracy: quality.accuracy,
    precision: quality.precision,
    recall: quality.recall,
    f1: quality.f1,
    rocAuc: quality.rocAuc,
    logLoss: quality.logLoss,
  };
}

function metricsOf(
  quality: ClassificationMetrics,
  reference: ClassificationMetrics,
): MetricRecord[] {
  const watched = ["f1", "precision", "recall", "accuracy"] as const;
  const records: MetricRecord[] = watched.map((name) => ({
    name,
    value: quality[name],
    referenceValue: reference[name],
    threshold: SCORE_THRESHOLD,
    isBelowThreshold: quality[name] < SCORE_THRESHOLD,
    isEstimated: false,
  }));
  if (quality.rocAuc !== null) {
    records.push({
      name: "rocAuc",
      value: quality.rocAuc,
      ...(reference.rocAuc === null ? {} : { referenceValue: reference.rocAuc }),
      isBelowThreshold: false,
      isEstimated: false,
    });
  }
  return records;
}

function reportOf(
  random: () => number,
  parts: {
    drift: readonly ColumnDriftRecord[];
    quality: ClassificationMetrics | undefined;
    reference: ClassificationMetrics;
    rowCount: number;
    startedAt: Date;
  },
) {
  let clockMs = parts.startedAt.getTime();
  const steps = [
    "Claim file",
    "Validate file",
    "Score with model",
    "Build report",
    "Save report",
    "Finish run",
  ].map((name) => {
    const durationMs = Math.round(80 + random() * 1400);
    const step = { name, startedAt: new Date(clockMs).toISOString(), durationMs, outcome: "done" };
    clockMs += durationMs;
    return step;
  });
  return {
    quality: parts.quality,
    referenceQuality: parts.reference,
    drift: {
      columns: parts.drift.map((column) => ({
        columnName: column.columnName,
        distribution: distributionOf(random, column),
      })),
    },
    dataQuality: parts.drift.slice(0, FEATURE_NAMES.length).map((column, index) => ({
      columnName: column.columnName,
      rowCount: parts.rowCount,
      missingCount: column.currentMissingCount,
      outOfDomainCount: 0,
      distinctCount: column.kind === "numerical" ? 40 + index * 7 : 2,
      min: 0,
      max: column.kind === "numerical" ? 100 + index * 20 : 1,
      mean: 10 + index * 3.3,
      referenceMean: 10 + index * 3.1,
    })),
    validation: {
      isValid: true,
      columns: { found: [...DRIFT_COLUMNS.slice(0, -1)], missing: [], unknown: [] },
      issues: [
        { rowNumber: 17, column: "seconds_of_use", value: "n/a", kind: "not_a_number" },
        { rowNumber: 211, column: "age_group", value: "9", kind: "out_of_domain" },
      ],
      issueCount: 2,
    },
    steps,
  };
}

function distributionOf(random: () => number, column: ColumnDriftRecord) {
  const isNumerical = column.kind === "numerical";
  const labels = isNumerical
    ? Array.from({ length: 10 }, (_, bin) => `${bin * 10}–${bin * 10 + 10}`)
    : column.columnName === "age_group"
      ? ["1", "2", "3", "4", "5"]
      : ["0", "1"];
  const shift = column.isDrifted ? 2.5 : 0;
  const centre = labels.length / 2.5;
  const shape = (offset: number) =>
    labels.map((_, bin) =>
      Math.round(100 * Math.exp(-(((bin - centre - offset) / 2) ** 2)) + random() * 8),
    );
  return { labels, reference: shape(0), current: shape(shift) };
}

/** A small deterministic generator (mulberry32): the same seed gives the same data everywhere. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
