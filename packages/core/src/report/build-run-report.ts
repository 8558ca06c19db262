import { checkDataQuality, DEFAULT_MAX_MISSING_SHARE_INCREASE } from "../data-quality/index.ts";
import {
  DEFAULT_DRIFT_SHARE_THRESHOLD,
  DEFAULT_MIN_CONFIDENT_ROW_COUNT,
  type DriftOptions,
  detectDrift,
  type ReferenceStatistics,
} from "../drift/index.ts";
import { type ConfidenceCalibration, estimatePerformance } from "../estimate/index.ts";
import {
  type ClassificationMetrics,
  classificationMetrics,
  DEFAULT_SCORE_THRESHOLDS,
  type ScoreThresholds,
  scoresBelowThreshold,
} from "../quality/index.ts";
import { PREDICTION_NAME } from "../schema/index.ts";
import {
  RUN_REPORT_VERSION,
  type RunReport,
  type StepTiming,
  type ValidationSummary,
} from "./schema.ts";

export interface RunReportInput {
  readonly runId: string;
  readonly fileName: string;
  readonly createdAt: Date;
  readonly modelVersion?: string | null;
  readonly modelAlias?: string | null;
  readonly validation: ValidationSummary;
  /** The model version's reference statistics; without them drift and data quality are skipped. */
  readonly reference?: ReferenceStatistics | null;
  readonly referenceQuality?: ClassificationMetrics | null;
  readonly calibration?: ConfidenceCalibration | null;
  /** The current file's valid rows by canonical column name; NaN for missing. */
  readonly columns: Readonly<Record<string, ArrayLike<number>>>;
  /** True labels, when the file has them. */
  readonly labels?: ArrayLike<number> | null;
  /** The model's probability of churn per row, when the file was scored. */
  readonly probabilities?: ArrayLike<number> | null;
  readonly decisionThreshold?: number;
  readonly scoreThresholds?: ScoreThresholds;
  readonly drift?: DriftOptions;
  readonly maxMissingShareIncrease?: number;
  /** Pipeline steps already done, in order. */
  readonly steps?: readonly StepTiming[];
  /** Milliseconds from an arbitrary origin; injected so tests are deterministic. */
  readonly clock?: () => number;
}

/**
 * Builds a run's report: drift against the reference (the prediction column added from the
 * probabilities when the file lacks it), realised quality when labels exist, the label-free
 * estimate when a calibration exists, data quality, the alert decisions and the timings.
 * Throws `quality.invalid_input` when labels or probabilities are malformed.
 */
export function buildRunReport(input: RunReportInput): RunReport {
  const clock = input.clock ?? (() => performance.now());
  const steps: StepTiming[] = [...(input.steps ?? [])];
  const timed = <T>(name: string, work: () => T): T => {
    const start = clock();
    const result = work();
    steps.push({ name, durationMs: clock() - start });
    return result;
  };

  const decision = input.decisionThreshold ?? 0.5;
  const scoreThresholds = input.scoreThresholds ?? DEFAULT_SCORE_THRESHOLDS;
  const columns = withPredictions(input.columns, input.probabilities, decision);
  const reference = input.reference ?? null;
  const labels = input.labels ?? null;
  const probabilities = input.probabilities ?? null;
  const calibration = input.calibration ?? null;

  const drift =
    reference === null || !input.validation.isValid
      ? null
      : timed("Detect drift", () =>
          detectDrift({ reference, current: columns, ...withOptions(input.drift) }),
        );
  const quality =
    labels === null || probabilities === null
      ? null
      : timed("Score quality", () =>
          classificationMetrics({ labels, probabilities, threshold: decision }),
        );
  const estimate =
    calibration === null || probabilities === null || probabilities.length === 0
      ? null
      : timed("Estimate quality", () => estimatePerformance({ calibration, probabilities }));
  const dataQuality =
    reference === null
      ? []
      : timed(
          "Check data quality",
          () =>
            checkDataQuality({
              reference,
              current: columns,
              fileRowCount: input.validation.rowCount,
              ...(input.validation.missingCellCounts === undefined
                ? {}
                : { missingCellCounts: input.validation.missingCellCounts }),
              ...(input.maxMissingShareIncrease === undefined
                ? {}
                : { maxMissingShareIncrease: input.maxMissingShareIncrease }),
            }).columns,
        );

  const belowThreshold = quality === null ? [] : scoresBelowThreshold(quality, scoreThresholds);
  return {
    schemaVersion: RUN_REPORT_VERSION,
    runId: input.runId,
    fileName: input.fileName,
    createdAt: input.createdAt.toISOString(),
    modelVersion: input.modelVersion ?? null,
    modelAlias: input.modelAlias ?? null,
    validation: input.validation,
    thresholds: {
      driftShare: input.drift?.driftShareThreshold ?? DEFAULT_DRIFT_SHARE_THRESHOLD,
      scores: { ...scoreThresholds },
      decision,
      maxMissingShareIncrease: input.maxMissingShareIncrease ?? DEFAULT_MAX_MISSING_SHARE_INCREASE,
      minConfidentRowCount: input.drift?.minConfidentRowCount ?? DEFAULT_MIN_CONFIDENT_ROW_COUNT,
    },
    drift,
    quality,
    referenceQuality: input.referenceQuality ?? null,
    scoresBelowThreshold: belowThreshold,
    estimate,
    dataQuality,
    alerts: {
      isDriftAlert: drift?.isDatasetDrift ?? false,
      isScoreAlert: belowThreshold.length > 0,
    },
    steps,
  };
}

/** Adds the 0/1 prediction column from the probabilities when the file does not carry one. */
function withPredictions(
  columns: Readonly<Record<string, ArrayLike<number>>>,
  probabilities: ArrayLike<number> | null | undefined,
  decision: number,
): Readonly<Record<string, ArrayLike<number>>> {
  if (columns[PREDICTION_NAME] !== undefined || probabilities == null) return columns;
  const predictions = Float64Array.from(probabilities, (p) =>
    Number.isNaN(p) ? Number.NaN : p >= decision ? 1 : 0,
  );
  return { ...columns, [PREDICTION_NAME]: predictions };
}

function withOptions(options: DriftOptions | undefined): { options?: DriftOptions } {
  return options === undefined ? {} : { options };
}
