/**
 * The ranking side of classification quality: ROC AUC and the ROC and precision–recall curves,
 * all from one descending walk over the distinct scores (O(n log n), no loop per threshold).
 */
import type { PrecisionRecallPoint, RocPoint } from "./schema.ts";

/** Cumulative counts at each distinct score, highest score first. */
interface ScoreSteps {
  readonly thresholds: Float64Array;
  readonly truePositives: Float64Array;
  readonly falsePositives: Float64Array;
}

/**
 * Splits the scores by label and sorts each half natively, which is far faster than an index
 * sort.
 */
function stepThroughScores(labels: ArrayLike<number>, scores: ArrayLike<number>): ScoreSteps {
  let positiveCount = 0;
  for (let row = 0; row < labels.length; row++) if (labels[row] === 1) positiveCount++;
  const positives = new Float64Array(positiveCount);
  const negatives = new Float64Array(labels.length - positiveCount);
  let p = 0;
  let n = 0;
  for (let row = 0; row < labels.length; row++) {
    if (labels[row] === 1) positives[p++] = scores[row] as number;
    else negatives[n++] = scores[row] as number;
  }
  positives.sort();
  negatives.sort();

  const thresholds = new Float64Array(labels.length);
  const truePositives = new Float64Array(labels.length);
  const falsePositives = new Float64Array(labels.length);
  let stepCount = 0;
  let i = positives.length - 1;
  let j = negatives.length - 1;
  let tp = 0;
  let fp = 0;
  while (i >= 0 || j >= 0) {
    const top = Math.max(
      i >= 0 ? (positives[i] as number) : Number.NEGATIVE_INFINITY,
      j >= 0 ? (negatives[j] as number) : Number.NEGATIVE_INFINITY,
    );
    while (i >= 0 && positives[i] === top) {
      tp++;
      i--;
    }
    while (j >= 0 && negatives[j] === top) {
      fp++;
      j--;
    }
    thresholds[stepCount] = top;
    truePositives[stepCount] = tp;
    falsePositives[stepCount] = fp;
    stepCount++;
  }
  return {
    thresholds: thresholds.subarray(0, stepCount),
    truePositives: truePositives.subarray(0, stepCount),
    falsePositives: falsePositives.subarray(0, stepCount),
  };
}

/**
 * Area under the ROC curve by the trapezoid rule over the distinct scores, so tied scores count
 * one half as in scikit-learn's `roc_auc_score`. Sums stay integers until the one division, which
 * keeps the result exact for any realistic row count. Null when a class is absent.
 */
function areaUnderRoc(steps: ScoreSteps): number | null {
  const last = steps.thresholds.length - 1;
  const positiveTotal = last < 0 ? 0 : (steps.truePositives[last] as number);
  const negativeTotal = last < 0 ? 0 : (steps.falsePositives[last] as number);
  if (positiveTotal === 0 || negativeTotal === 0) return null;

  let doubledArea = 0;
  let previousTp = 0;
  let previousFp = 0;
  for (let k = 0; k <= last; k++) {
    const tp = steps.truePositives[k] as number;
    const fp = steps.falsePositives[k] as number;
    doubledArea += (fp - previousFp) * (tp + previousTp);
    previousTp = tp;
    previousFp = fp;
  }
  return doubledArea / (2 * positiveTotal * negativeTotal);
}

/** Picks at most `maxPoints` evenly spaced entries, always keeping the first and the last. */
export function thinPoints<T>(points: readonly T[], maxPoints: number): T[] {
  return thinIndices(points.length, maxPoints).map((index) => points[index] as T);
}

/** The indices `thinPoints` keeps out of `length` entries. */
function thinIndices(length: number, maxPoints: number): number[] {
  if (length <= maxPoints) return Array.from({ length }, (_, index) => index);
  const step = (length - 1) / (maxPoints - 1);
  return Array.from({ length: maxPoints }, (_, k) => Math.round(k * step));
}

/** ROC AUC and both curves, thinned to `maxCurvePoints` points each. */
export function rankScores(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  maxCurvePoints: number,
): { rocAuc: number | null; rocCurve: RocPoint[]; precisionRecallCurve: PrecisionRecallPoint[] } {
  const steps = stepThroughScores(labels, scores);
  const last = steps.thresholds.length - 1;
  const positiveTotal = last < 0 ? 0 : (steps.truePositives[last] as number);
  const negativeTotal = last < 0 ? 0 : (steps.falsePositives[last] as number);
  // scikit-learn 1.2 starts the ROC curve at a threshold one above the highest score; point 0
  // here is that start, point k > 0 the k-th distinct score from the top.
  const startThreshold = last < 0 ? 1 : (steps.thresholds[0] as number) + 1;

  const rocCurve: RocPoint[] = [];
  const precisionRecallCurve: PrecisionRecallPoint[] = [];
  for (const index of thinIndices(last + 2, maxCurvePoints)) {
    if (index === 0) {
      rocCurve.push({ falsePositiveRate: 0, truePositiveRate: 0, threshold: startThreshold });
      precisionRecallCurve.push({ recall: 0, precision: 1, threshold: startThreshold });
      continue;
    }
    const tp = steps.truePositives[index - 1] as number;
    const fp = steps.falsePositives[index - 1] as number;
    const threshold = steps.thresholds[index - 1] as number;
    // Over an empty class roc_curve gives NaN, which JSON cannot hold, so the rate is 0 there;
    // precision_recall_curve sets recall to 1 when no row is positive, and so does this curve.
    rocCurve.push({
      falsePositiveRate: negativeTotal === 0 ? 0 : fp / negativeTotal,
      truePositiveRate: positiveTotal === 0 ? 0 : tp / positiveTotal,
      threshold,
    });
    const recall = positiveTotal === 0 ? 1 : tp / positiveTotal;
    precisionRecallCurve.push({ recall, precision: tp / (tp + fp), threshold });
  }
  return { rocAuc: areaUnderRoc(steps), rocCurve, precisionRecallCurve };
}
