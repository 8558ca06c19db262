import * as v from "valibot";

export const CONFIDENCE_CALIBRATION_VERSION = 1;

/**
 * What confidence-based estimation keeps from a labelled reference: the isotonic map from raw
 * score to calibrated probability, and the spread of each metric's per-row components, which
 * sets the sampling error of an estimate on n rows.
 */
export const ConfidenceCalibrationSchema = v.object({
  schemaVersion: v.literal(CONFIDENCE_CALIBRATION_VERSION),
  threshold: v.number(),
  referenceRowCount: v.number(),
  scores: v.array(v.number()),
  calibrated: v.array(v.number()),
  componentStds: v.object({
    accuracy: v.number(),
    precision: v.number(),
    recall: v.number(),
    f1: v.number(),
  }),
});
export type ConfidenceCalibration = v.InferOutput<typeof ConfidenceCalibrationSchema>;

export const EstimatedMetricSchema = v.object({
  value: v.number(),
  samplingError: v.number(),
  /** value ± 3 sampling errors, clipped to [0, 1]. */
  lower: v.number(),
  upper: v.number(),
});
export type EstimatedMetric = v.InferOutput<typeof EstimatedMetricSchema>;

export const PerformanceEstimateSchema = v.object({
  method: v.literal("cbpe"),
  rowCount: v.number(),
  threshold: v.number(),
  /** Expected counts; fractional because each row contributes its calibrated probability. */
  expectedConfusionMatrix: v.object({
    truePositive: v.number(),
    falsePositive: v.number(),
    trueNegative: v.number(),
    falseNegative: v.number(),
  }),
  accuracy: EstimatedMetricSchema,
  precision: EstimatedMetricSchema,
  recall: EstimatedMetricSchema,
  f1: EstimatedMetricSchema,
  rocAuc: v.nullable(v.number()),
});
export type PerformanceEstimate = v.InferOutput<typeof PerformanceEstimateSchema>;
