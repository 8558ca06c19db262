/**
 * The run report: one JSON document per run, read by the metrics store, the alerts and the
 * report site. `schemaVersion` changes only when a field changes meaning or disappears; new
 * optional fields keep the version. docs/monitoring.md describes every field.
 */
import * as v from "valibot";
import { ColumnDataQualitySchema } from "../data-quality/schema.ts";
import { DriftReportSchema } from "../drift/schema.ts";
import { PerformanceEstimateSchema } from "../estimate/schema.ts";
import { ClassificationMetricsSchema } from "../quality/schema.ts";

export const RUN_REPORT_VERSION = 1;

const ScoreNameSchema = v.picklist(["f1", "precision", "recall", "accuracy"]);

export const ValidationSummarySchema = v.object({
  isValid: v.boolean(),
  /** The rejection code and message when the file was rejected. */
  code: v.optional(v.string()),
  message: v.optional(v.string()),
  rowCount: v.number(),
  validRowCount: v.number(),
  invalidRowCount: v.number(),
  hasTarget: v.boolean(),
  columns: v.object({
    found: v.array(v.string()),
    missing: v.array(v.string()),
    unknown: v.array(v.string()),
  }),
  /** The first issues found (at most 100); `issueCount` counts them all. */
  issues: v.array(
    v.object({ rowNumber: v.number(), column: v.string(), value: v.string(), kind: v.string() }),
  ),
  issueCount: v.number(),
  /**
   * Blank or missing-token cells per known column over every data row, kept or set aside.
   * Reports written before this was recorded lack it.
   */
  missingCellCounts: v.optional(v.record(v.string(), v.number())),
});
export type ValidationSummary = v.InferOutput<typeof ValidationSummarySchema>;

export const ReportThresholdsSchema = v.object({
  /** Dataset drift when drifted/tested ≥ this. */
  driftShare: v.number(),
  /** A score alert when a realised score is strictly below its threshold. */
  scores: v.object({
    f1: v.number(),
    precision: v.number(),
    recall: v.number(),
    accuracy: v.number(),
  }),
  /** The probability at or above which a row is predicted to churn. */
  decision: v.number(),
  maxMissingShareIncrease: v.number(),
  minConfidentRowCount: v.number(),
});
export type ReportThresholds = v.InferOutput<typeof ReportThresholdsSchema>;

export const StepTimingSchema = v.object({
  name: v.string(),
  startedAt: v.optional(v.string()),
  durationMs: v.number(),
  outcome: v.optional(v.string()),
});
export type StepTiming = v.InferOutput<typeof StepTimingSchema>;

export const RunReportSchema = v.object({
  schemaVersion: v.literal(RUN_REPORT_VERSION),
  runId: v.string(),
  fileName: v.string(),
  /** ISO 8601 UTC time the report was built. */
  createdAt: v.string(),
  modelVersion: v.nullable(v.string()),
  modelAlias: v.nullable(v.string()),
  validation: ValidationSummarySchema,
  thresholds: ReportThresholdsSchema,
  /** Null when the file was rejected or no reference was available. */
  drift: v.nullable(DriftReportSchema),
  /** Realised quality of the file; null when it has no labels or no probabilities. */
  quality: v.nullable(ClassificationMetricsSchema),
  /** The model version's quality on its reference, for comparison. */
  referenceQuality: v.nullable(ClassificationMetricsSchema),
  /** Realised scores strictly below their threshold; empty without labels. */
  scoresBelowThreshold: v.array(
    v.object({ score: ScoreNameSchema, value: v.number(), threshold: v.number() }),
  ),
  /** Label-free estimate from the scores; null without probabilities or calibration. */
  estimate: v.nullable(PerformanceEstimateSchema),
  dataQuality: v.array(ColumnDataQualitySchema),
  alerts: v.object({ isDriftAlert: v.boolean(), isScoreAlert: v.boolean() }),
  /** Pipeline steps so far, then the statistics computed here. */
  steps: v.array(StepTimingSchema),
});
export type RunReport = v.InferOutput<typeof RunReportSchema>;
