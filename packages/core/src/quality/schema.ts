import * as v from "valibot";

/** Counts of the four outcomes of a binary decision at the chosen threshold. */
export const ConfusionMatrixSchema = v.object({
  truePositive: v.number(),
  falsePositive: v.number(),
  trueNegative: v.number(),
  falseNegative: v.number(),
});
export type ConfusionMatrix = v.InferOutput<typeof ConfusionMatrixSchema>;

/** One point of a curve thinned for plotting; `threshold` is the score cut that produces it. */
export const RocPointSchema = v.object({
  falsePositiveRate: v.number(),
  truePositiveRate: v.number(),
  threshold: v.number(),
});
export type RocPoint = v.InferOutput<typeof RocPointSchema>;

export const PrecisionRecallPointSchema = v.object({
  recall: v.number(),
  precision: v.number(),
  threshold: v.number(),
});
export type PrecisionRecallPoint = v.InferOutput<typeof PrecisionRecallPointSchema>;

/**
 * The classification figures of one labelled data set. `rocAuc` is null when only one class is
 * present, because the curve is then undefined (scikit-learn raises in that case).
 */
export const ClassificationMetricsSchema = v.object({
  rowCount: v.number(),
  threshold: v.number(),
  accuracy: v.number(),
  precision: v.number(),
  recall: v.number(),
  f1: v.number(),
  rocAuc: v.nullable(v.number()),
  logLoss: v.number(),
  truePositiveRate: v.number(),
  trueNegativeRate: v.number(),
  falsePositiveRate: v.number(),
  falseNegativeRate: v.number(),
  confusionMatrix: ConfusionMatrixSchema,
  classBalance: v.object({ positiveCount: v.number(), negativeCount: v.number() }),
  rocCurve: v.array(RocPointSchema),
  precisionRecallCurve: v.array(PrecisionRecallPointSchema),
});
export type ClassificationMetrics = v.InferOutput<typeof ClassificationMetricsSchema>;
