import { classificationMetrics } from "@churn/core/quality";
import type { CalibrationBin, DatasetEvaluation } from "@churn/core/registry";

/** Equal-width probability bins of the reliability diagram. */
const CALIBRATION_BIN_COUNT = 10;

/** The classification figures and calibration of one labelled set at the model's threshold. */
export function evaluateDataset(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  threshold: number,
): DatasetEvaluation {
  return {
    metrics: classificationMetrics({ labels, probabilities, threshold }),
    calibration: calibrationBins(labels, probabilities, CALIBRATION_BIN_COUNT),
  };
}

/**
 * Rows grouped by probability into equal-width bins [k/n, (k+1)/n), the last one closed, with
 * each bin's mean probability and observed churn rate (null for an empty bin).
 */
export function calibrationBins(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  binCount: number,
): CalibrationBin[] {
  const counts = new Float64Array(binCount);
  const probabilitySums = new Float64Array(binCount);
  const positives = new Float64Array(binCount);
  for (let row = 0; row < labels.length; row++) {
    const probability = probabilities[row] ?? 0;
    const bin = Math.min(binCount - 1, Math.floor(probability * binCount));
    counts[bin] = (counts[bin] ?? 0) + 1;
    probabilitySums[bin] = (probabilitySums[bin] ?? 0) + probability;
    positives[bin] = (positives[bin] ?? 0) + ((labels[row] ?? 0) === 1 ? 1 : 0);
  }
  return Array.from(counts, (rowCount, bin) => ({
    lowerBound: bin / binCount,
    upperBound: (bin + 1) / binCount,
    rowCount,
    meanProbability: rowCount === 0 ? null : (probabilitySums[bin] ?? 0) / rowCount,
    positiveRate: rowCount === 0 ? null : (positives[bin] ?? 0) / rowCount,
  }));
}

/** Mean |SHAP| per feature over the rows' contributions (rowCount × (featureCount + 1)). */
export function shapImportance(
  contributions: Float64Array,
  rowCount: number,
  featureNames: readonly string[],
): { feature: string; meanAbsShap: number }[] {
  const stride = featureNames.length + 1;
  const importance = featureNames.map((feature, column) => {
    let sum = 0;
    for (let row = 0; row < rowCount; row++)
      sum += Math.abs(contributions[row * stride + column] ?? 0);
    return { feature, meanAbsShap: rowCount === 0 ? 0 : sum / rowCount };
  });
  return importance.sort((a, b) => b.meanAbsShap - a.meanAbsShap);
}
