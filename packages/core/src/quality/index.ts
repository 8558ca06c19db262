/**
 * Classification quality of a labelled file: the figures scikit-learn and Evidently report,
 * and the score thresholds that raise an alert.
 */
export { type ClassificationInput, classificationMetrics } from "./classification-metrics.ts";
export { logLoss } from "./log-loss.ts";
export { thinPoints } from "./ranking.ts";
export {
  type ClassificationMetrics,
  ClassificationMetricsSchema,
  type ConfusionMatrix,
  ConfusionMatrixSchema,
  type PrecisionRecallPoint,
  type RocPoint,
} from "./schema.ts";
export {
  DEFAULT_SCORE_THRESHOLDS,
  type ScoreName,
  type ScoreThresholds,
  scoresBelowThreshold,
} from "./score-thresholds.ts";
