import {
  COLUMNS,
  type ColumnKind,
  FEATURE_NAMES,
  PREDICTION_NAME,
  PROBABILITY_NAME,
  TARGET_NAME,
} from "@churn/core";
import type { ColumnDriftRecord, EstimateRecord, MetricRecord, RunFinish } from "@churn/core/db";
import { computeReferenceStatistics, type ReferenceStatistics } from "@churn/core/drift";
import { type ConfidenceCalibration, fitConfidenceCalibration } from "@churn/core/estimate";
import { type ClassificationMetrics, classificationMetrics } from "@churn/core/quality";
import { buildRunReport, type RunReport } from "@churn/core/report";
import type { Random } from "@churn/data";

/**
 * Synthetic customers shaped like the telecom churn data set, and run reports built from them by
 * the platform's own report builder, so the site is tested on reports as the pipeline writes
 * them. Means and shares follow the original data set's column summaries.
 */

export type RunKind = "stable" | "drifted" | "degraded" | "unlabelled";

/** What a model version's reference holds: statistics, quality and calibration. */
export interface ReferenceSet {
  /** The reference rows as the registry keeps them: features, label, probability, prediction. */
  readonly csv: string;
  readonly statistics: ReferenceStatistics;
  readonly quality: ClassificationMetrics;
  readonly calibration: ConfidenceCalibration;
}

interface Customers {
  readonly columns: Record<string, Float64Array>;
  readonly labels: Float64Array;
  readonly probabilities: Float64Array;
}

const KINDS: Readonly<Record<string, ColumnKind>> = {
  ...Object.fromEntries(COLUMNS.map((spec) => [spec.name, spec.kind])),
  [PREDICTION_NAME]: "categorical",
};

const DECISION_THRESHOLD = 0.5;

/** The reference of the seeded model version: its holdout customers and their predictions. */
export function buildReferenceSet(random: Random): ReferenceSet {
  const customers = generateCustomers(random, 315, "stable");
  const columns = {
    ...customers.columns,
    [TARGET_NAME]: customers.labels,
    [PREDICTION_NAME]: customers.probabilities.map((p) => (p >= DECISION_THRESHOLD ? 1 : 0)),
  };
  const header = [...FEATURE_NAMES, TARGET_NAME, PROBABILITY_NAME, PREDICTION_NAME];
  const lines = Array.from(customers.labels, (label, row) =>
    [
      ...FEATURE_NAMES.map((name) => String(customers.columns[name]?.[row])),
      String(label),
      String(customers.probabilities[row]),
      String(columns[PREDICTION_NAME][row]),
    ].join(","),
  );
  return {
    csv: `${[header.join(","), ...lines].join("\n")}\n`,
    statistics: computeReferenceStatistics(columns, KINDS),
    quality: classificationMetrics({
      labels: customers.labels,
      probabilities: customers.probabilities,
      threshold: DECISION_THRESHOLD,
    }),
    calibration: fitConfidenceCalibration({
      labels: customers.labels,
      probabilities: customers.probabilities,
      threshold: DECISION_THRESHOLD,
    }),
  };
}

/** The report of one run over a generated file of the given kind. */
export function buildSeedReport(
  random: Random,
  reference: ReferenceSet,
  run: { runId: string; fileName: string; startedAt: Date; kind: RunKind },
): RunReport {
  const rowCount = 300 + Math.round(random.uniform() * 200);
  const customers = generateCustomers(random, rowCount, run.kind);
  const hasLabels = run.kind !== "unlabelled";
  const columns = hasLabels
    ? { ...customers.columns, [TARGET_NAME]: customers.labels }
    : customers.columns;
  let offsetMs = 0;
  const steps = ["Claim file", "Validate file", "Score with model"].map((name) => {
    const durationMs = Math.round(120 + random.uniform() * 1500);
    const startedAt = new Date(run.startedAt.getTime() + offsetMs).toISOString();
    offsetMs += durationMs;
    return { name, startedAt, durationMs, outcome: "done" };
  });
  // The report builder times its own steps; a fixed tick keeps the seed deterministic.
  let tickMs = 0;

  return buildRunReport({
    runId: run.runId,
    fileName: run.fileName,
    createdAt: run.startedAt,
    modelVersion: "v2",
    modelAlias: "staging",
    validation: {
      isValid: true,
      rowCount: rowCount + 2,
      validRowCount: rowCount,
      invalidRowCount: 2,
      hasTarget: hasLabels,
      columns: { found: Object.keys(columns), missing: [], unknown: [] },
      issues: [
        { rowNumber: 17, column: "seconds_of_use", value: "n/a", kind: "not_a_number" },
        { rowNumber: 211, column: "age_group", value: "9", kind: "out_of_domain" },
      ],
      issueCount: 2,
    },
    reference: reference.statistics,
    referenceQuality: reference.quality,
    calibration: reference.calibration,
    columns,
    labels: hasLabels ? customers.labels : null,
    probabilities: customers.probabilities,
    decisionThreshold: DECISION_THRESHOLD,
    steps,
    clock: () => {
      tickMs += 37;
      return tickMs;
    },
  });
}

/** Where a processed run's files lie in the bucket, as the pipeline lays them out. */
export function seedFileKeys(runId: string) {
  return {
    reportKey: `reports/${runId}.json`,
    scoredKey: `data/processed/${runId}/scored.csv`,
    logKey: `data/logs/${runId}.log`,
  };
}

/**
 * The store record of a processed run from its report, as the pipeline's save step builds it:
 * tested columns, realised scores (or estimated ones without labels), the estimate, and the
 * report itself, stored whole.
 */
export function finishFromReport(
  report: RunReport,
  run: { runId: string; finishedAt: Date },
): RunFinish {
  const scoreNames = ["f1", "precision", "recall", "accuracy"] as const;
  const drift: ColumnDriftRecord[] = (report.drift?.columns ?? []).flatMap((column) =>
    column.score === null
      ? []
      : [
          {
            columnName: column.columnName,
            kind: column.kind,
            testName: column.test,
            driftScore: column.score,
            threshold: column.threshold,
            isDrifted: column.isDrifted,
            referenceCount: column.referenceCount,
            currentCount: column.currentCount,
            referenceMissingCount: column.referenceMissingCount,
            currentMissingCount: column.currentMissingCount,
          },
        ],
  );
  const { quality, estimate, referenceQuality } = report;
  const metrics: MetricRecord[] = scoreNames.flatMap((name) => {
    const value = quality?.[name] ?? estimate?.[name].value;
    if (value === undefined) return [];
    const threshold = report.thresholds.scores[name];
    return [
      {
        name,
        value,
        threshold,
        isBelowThreshold: value < threshold,
        isEstimated: quality === null,
        ...(referenceQuality === null ? {} : { referenceValue: referenceQuality[name] }),
      },
    ];
  });
  if (quality?.rocAuc !== null && quality?.rocAuc !== undefined) {
    metrics.push({
      name: "rocAuc",
      value: quality.rocAuc,
      isBelowThreshold: false,
      isEstimated: false,
      ...(referenceQuality?.rocAuc == null ? {} : { referenceValue: referenceQuality.rocAuc }),
    });
  }
  const estimates: EstimateRecord[] =
    estimate === null
      ? []
      : scoreNames.map((name) => ({
          name,
          method: estimate.method,
          value: estimate[name].value,
          lowerBound: estimate[name].lower,
          upperBound: estimate[name].upper,
          ...(quality === null ? {} : { referenceValue: quality[name] }),
        }));

  return {
    runId: run.runId,
    finishedAt: run.finishedAt,
    modelVersion: report.modelVersion ?? "v2",
    rowCount: report.validation.rowCount,
    validRowCount: report.validation.validRowCount,
    invalidRowCount: report.validation.invalidRowCount,
    hasLabels: quality !== null,
    drift: {
      columns: drift,
      driftShare: report.drift?.driftedShare ?? 0,
      driftShareThreshold: report.thresholds.driftShare,
      isDatasetDrifted: report.drift?.isDatasetDrift ?? false,
    },
    metrics,
    estimates,
    report,
    ...seedFileKeys(run.runId),
  };
}

/**
 * Customers with the data set's column shapes; a drifted file moves usage up and status over,
 * and a degraded file keeps the columns but changes who churns, so the model's ranking fails.
 */
function generateCustomers(random: Random, rowCount: number, kind: RunKind): Customers {
  const isDrifted = kind === "drifted";
  const usage = isDrifted ? 1.4 : 1;
  const exponential = (mean: number) => Math.round(-Math.log(1 - random.uniform()) * mean);
  const pick = (shares: readonly number[]) => {
    let draw = random.uniform();
    for (const [index, share] of shares.entries()) {
      draw -= share;
      if (draw < 0) return index + 1;
    }
    return shares.length;
  };
  const columns: Record<string, Float64Array> = Object.fromEntries(
    FEATURE_NAMES.map((name) => [name, new Float64Array(rowCount)]),
  );
  const labels = new Float64Array(rowCount);
  const probabilities = new Float64Array(rowCount);

  for (let row = 0; row < rowCount; row += 1) {
    const values: Record<string, number> = {
      call_failure: exponential(7.6 * usage),
      complains: random.uniform() < (isDrifted ? 0.2 : 0.08) ? 1 : 0,
      subscription_length: Math.min(47, Math.max(3, Math.round(32 + 8.5 * random.normal()))),
      charge_amount: Math.min(10, exponential(0.94 * usage)),
      seconds_of_use: exponential(4472 * usage),
      frequency_of_use: exponential(70 * usage),
      frequency_of_sms: exponential(73 * usage),
      distinct_called_numbers: exponential(23 * usage),
      age_group: pick(isDrifted ? [0.02, 0.18, 0.3, 0.3, 0.2] : [0.04, 0.38, 0.41, 0.11, 0.06]),
      status: random.uniform() < (isDrifted ? 0.55 : 0.25) ? 2 : 1,
      customer_value: Math.round(-Math.log(1 - random.uniform()) * 470 * usage * 100) / 100,
    };
    for (const name of FEATURE_NAMES) (columns[name] as Float64Array)[row] = values[name] ?? 0;

    const churnLogit =
      -5.5 +
      6 * (values.complains ?? 0) +
      4 * ((values.status ?? 1) - 1) +
      0.3 * ((values.call_failure ?? 0) - 7) -
      0.08 * ((values.frequency_of_use ?? 0) - 70);
    const modelLogit = churnLogit + 0.5 * random.normal();
    // In a degraded file, churn of almost half the customers no longer follows the model's
    // pattern: their labels are drawn at random.
    const isUnpredictable = kind === "degraded" && random.uniform() < 0.45;
    const churnProbability = isUnpredictable ? 0.3 : sigmoid(churnLogit + 0.5 * random.normal());
    labels[row] = random.uniform() < churnProbability ? 1 : 0;
    probabilities[row] = sigmoid(modelLogit);
  }
  return { columns, labels, probabilities };
}

function sigmoid(value: number): number {
  return 1 / (1 + Math.exp(-value));
}
