import type { ConfusionMatrix } from "./schema.ts";

/**
 * Counts outcomes with the positive decision at `probability >= threshold`, the rule Evidently
 * applies to probabilities (default 0.5).
 */
export function countConfusion(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  threshold: number,
): ConfusionMatrix {
  let truePositive = 0;
  let falsePositive = 0;
  let trueNegative = 0;
  let falseNegative = 0;
  for (let row = 0; row < labels.length; row++) {
    const isPredictedPositive = (probabilities[row] as number) >= threshold;
    if (labels[row] === 1) {
      if (isPredictedPositive) truePositive++;
      else falseNegative++;
    } else if (isPredictedPositive) falsePositive++;
    else trueNegative++;
  }
  return { truePositive, falsePositive, trueNegative, falseNegative };
}

/** `numerator / denominator`, or 0 when the denominator is 0 (scikit-learn's zero_division). */
export function safeRatio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

/** Accuracy, precision, recall, F1 and the four rates of a confusion matrix. */
export function scoreConfusion(matrix: ConfusionMatrix) {
  const { truePositive: tp, falsePositive: fp, trueNegative: tn, falseNegative: fn } = matrix;
  const total = tp + fp + tn + fn;
  const precision = safeRatio(tp, tp + fp);
  const recall = safeRatio(tp, tp + fn);

  // scikit-learn 1.2 forms F1 from the rounded precision and recall, (1 + 1)·p·r / (p + r); the
  // same expression here keeps the two in agreement to the last bit.
  const f1 = safeRatio(2 * precision * recall, precision + recall);
  return {
    accuracy: safeRatio(tp + tn, total),
    precision,
    recall,
    f1,
    truePositiveRate: recall,
    trueNegativeRate: safeRatio(tn, tn + fp),
    falsePositiveRate: safeRatio(fp, fp + tn),
    falseNegativeRate: safeRatio(fn, fn + tp),
  };
}
