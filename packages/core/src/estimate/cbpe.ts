/**
 * Confidence-based performance estimation (NannyML's CBPE, binary case): when the calibrated
 * probabilities are right, the expected confusion matrix of an unlabelled file follows from the
 * scores alone. This holds under covariate shift and fails under concept drift, when P(y | x)
 * itself changes. Calibration is always applied here; NannyML first checks on ten stratified
 * splits that isotonic calibration lowers the calibration error, and that check is not done.
 */
import { ChurnError } from "../errors/index.ts";
import { fitIsotonic, predictIsotonic } from "./isotonic.ts";
import {
  CONFIDENCE_CALIBRATION_VERSION,
  type ConfidenceCalibration,
  type EstimatedMetric,
  type PerformanceEstimate,
} from "./schema.ts";

/**
 * Fits the isotonic calibration on a labelled reference and records each metric's per-row
 * component spread. Throws `estimate.invalid_reference` when the reference is empty or the
 * arrays differ in length.
 */
export function fitConfidenceCalibration(input: {
  labels: ArrayLike<number>;
  probabilities: ArrayLike<number>;
  threshold?: number;
}): ConfidenceCalibration {
  const { labels, probabilities } = input;
  const threshold = input.threshold ?? 0.5;
  if (labels.length === 0 || labels.length !== probabilities.length) {
    throw new ChurnError(
      "estimate.invalid_reference",
      `Cannot fit a calibration on ${labels.length} labels and ${probabilities.length} probabilities; pass the labelled reference rows.`,
      { context: { labelCount: labels.length, probabilityCount: probabilities.length } },
    );
  }
  const fit = fitIsotonic(probabilities, labels);
  const correct: number[] = [];
  const precision: number[] = [];
  const recall: number[] = [];
  const f1: number[] = [];
  for (let row = 0; row < labels.length; row++) {
    const isPositive = labels[row] === 1;
    const isPredicted = (probabilities[row] as number) >= threshold;
    correct.push(isPositive === isPredicted ? 1 : 0);
    if (isPredicted) precision.push(isPositive ? 1 : 0);
    if (isPositive) recall.push(isPredicted ? 1 : 0);
    if (isPositive || isPredicted) f1.push(isPositive && isPredicted ? 1 : 0);
  }
  return {
    schemaVersion: CONFIDENCE_CALIBRATION_VERSION,
    threshold,
    referenceRowCount: labels.length,
    scores: fit.scores,
    calibrated: fit.values,
    componentStds: {
      accuracy: populationStd(correct),
      precision: populationStd(precision),
      recall: populationStd(recall),
      f1: populationStd(f1),
    },
  };
}

/**
 * Estimated accuracy, precision, recall, F1 and ROC AUC of an unlabelled file, each with the
 * sampling error σ_ref/√(n·fraction) and a ±3σ band (NannyML's formulation), where `fraction` is
 * the expected share of rows a metric is computed over. Throws `estimate.no_rows` on no rows.
 */
export function estimatePerformance(input: {
  calibration: ConfidenceCalibration;
  probabilities: ArrayLike<number>;
}): PerformanceEstimate {
  const { calibration, probabilities } = input;
  const n = probabilities.length;
  if (n === 0) {
    throw new ChurnError("estimate.no_rows", "Cannot estimate performance on a file with no rows.");
  }
  const fit = { scores: calibration.scores, values: calibration.calibrated };
  const calibrated = Float64Array.from(probabilities, (p) => predictIsotonic(fit, p));

  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  let predictedCount = 0;
  for (let row = 0; row < n; row++) {
    const p = calibrated[row] as number;
    if ((probabilities[row] as number) >= calibration.threshold) {
      tp += p;
      fp += 1 - p;
      predictedCount++;
    } else {
      fn += p;
      tn += 1 - p;
    }
  }

  const stds = calibration.componentStds;
  const band = (value: number, std: number, rowCount: number): EstimatedMetric => {
    const samplingError = rowCount > 0 ? std / Math.sqrt(rowCount) : Number.NaN;
    const spread = Number.isNaN(samplingError) ? 0 : 3 * samplingError;
    return {
      value,
      samplingError: Number.isNaN(samplingError) ? 0 : samplingError,
      lower: Math.max(0, value - spread),
      upper: Math.min(1, value + spread),
    };
  };
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  return {
    method: "cbpe",
    rowCount: n,
    threshold: calibration.threshold,
    expectedConfusionMatrix: {
      truePositive: tp,
      falsePositive: fp,
      trueNegative: tn,
      falseNegative: fn,
    },
    accuracy: band((tp + tn) / n, stds.accuracy, n),
    precision: band(ratio(tp, tp + fp), stds.precision, predictedCount),
    recall: band(ratio(tp, tp + fn), stds.recall, tp + fn),
    f1: band(ratio(tp, tp + 0.5 * (fp + fn)), stds.f1, tp + fp + fn),
    rocAuc: expectedRocAuc(probabilities, calibrated),
  };
}

/**
 * ROC AUC from the expected curve: rows sorted by raw score, each adding p to the expected true
 * positives and 1 − p to the false positives, tied scores entering together.
 */
function expectedRocAuc(scores: ArrayLike<number>, calibrated: Float64Array): number | null {
  const order = Array.from({ length: scores.length }, (_, row) => row).sort(
    (a, b) => (scores[b] as number) - (scores[a] as number),
  );
  let tp = 0;
  let fp = 0;
  let doubledArea = 0;
  for (let k = 0; k < order.length; ) {
    const score = scores[order[k] as number] as number;
    const previousTp = tp;
    const previousFp = fp;
    while (k < order.length && scores[order[k] as number] === score) {
      const p = calibrated[order[k] as number] as number;
      tp += p;
      fp += 1 - p;
      k++;
    }
    doubledArea += (fp - previousFp) * (tp + previousTp);
  }
  if (tp === 0 || fp === 0) return null;
  return doubledArea / (2 * tp * fp);
}

function populationStd(values: number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / values.length;
  let squares = 0;
  for (const value of values) squares += (value - mean) * (value - mean);
  return Math.sqrt(squares / values.length);
}
