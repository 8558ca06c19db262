import type { ClassificationMetrics } from "./schema.ts";

/** The scores that raise an alert when they fall below their threshold. */
export type ScoreName = "f1" | "precision" | "recall" | "accuracy";

export type ScoreThresholds = Readonly<Record<ScoreName, number>>;

/** The original platform's floor: 0.7 for each score. */
export const DEFAULT_SCORE_THRESHOLDS: ScoreThresholds = {
  f1: 0.7,
  precision: 0.7,
  recall: 0.7,
  accuracy: 0.7,
};

/** The scores strictly below their threshold, in the order F1, precision, recall, accuracy. */
export function scoresBelowThreshold(
  metrics: Pick<ClassificationMetrics, ScoreName>,
  thresholds: ScoreThresholds = DEFAULT_SCORE_THRESHOLDS,
): { score: ScoreName; value: number; threshold: number }[] {
  const names: ScoreName[] = ["f1", "precision", "recall", "accuracy"];
  return names
    .filter((score) => metrics[score] < thresholds[score])
    .map((score) => ({ score, value: metrics[score], threshold: thresholds[score] }));
}
