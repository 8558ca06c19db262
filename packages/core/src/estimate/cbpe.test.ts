import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { seededUniform } from "../../test/drift-fixtures.ts";
import { estimatePerformance, fitConfidenceCalibration } from "./cbpe.ts";
import { fitIsotonic, predictIsotonic } from "./isotonic.ts";

// Produced by scripts/reference/drift_quality_golden.py with scikit-learn 1.2.1's
// IsotonicRegression(out_of_bounds="clip"); versions are recorded in the file.
const golden = JSON.parse(
  readFileSync(new URL("../../test/fixtures/quality-golden.json", import.meta.url), "utf8"),
) as { isotonic: { labels: number[]; scores: number[]; probe: number[]; predicted: number[] } };

/** Rows whose label is drawn with P(y = 1) = score, i.e. perfectly calibrated scores. */
function calibratedRows(rowCount: number, seed: number) {
  const next = seededUniform(seed);
  const probabilities = Float64Array.from({ length: rowCount }, () => next() ** 2);
  const labels = Int8Array.from(probabilities, (p) => (next() < p ? 1 : 0));
  return { labels, probabilities };
}

const LEVELS = [0.1, 0.3, 0.6, 0.9];

/**
 * `perLevel` rows at each score of LEVELS, of which exactly score × perLevel are positive, so
 * the isotonic fit maps every level to itself and the calibrated probabilities are known.
 */
function levelledReference(perLevel: number) {
  const probabilities: number[] = [];
  const labels: number[] = [];
  for (const level of LEVELS) {
    for (let k = 0; k < perLevel; k++) {
      probabilities.push(level);
      labels.push(k < Math.round(level * perLevel) ? 1 : 0);
    }
  }
  return { labels, probabilities };
}

describe("fitIsotonic", () => {
  it("predicts as scikit-learn's IsotonicRegression within 1e-12", () => {
    const { labels, scores, probe, predicted } = golden.isotonic;

    const fit = fitIsotonic(scores, labels);

    probe.forEach((score, k) => {
      expect(predictIsotonic(fit, score)).toBeCloseTo(predicted[k] as number, 12);
    });
  });
});

describe("estimatePerformance", () => {
  it("lands within its band of the realised accuracy and F1 when scores are calibrated", () => {
    const reference = calibratedRows(5000, 1);
    const current = calibratedRows(3000, 2);
    const calibration = fitConfidenceCalibration(reference);

    const estimate = estimatePerformance({ calibration, probabilities: current.probabilities });

    let tp = 0;
    let fp = 0;
    let fn = 0;
    let correct = 0;
    current.labels.forEach((label, row) => {
      const isPredicted = (current.probabilities[row] as number) >= 0.5;
      if (isPredicted && label === 1) tp++;
      if (isPredicted && label === 0) fp++;
      if (!isPredicted && label === 1) fn++;
      if (isPredicted === (label === 1)) correct++;
    });
    const accuracy = correct / 3000;
    const f1 = (2 * tp) / (2 * tp + fp + fn);
    expect(accuracy).toBeGreaterThanOrEqual(estimate.accuracy.lower);
    expect(accuracy).toBeLessThanOrEqual(estimate.accuracy.upper);
    expect(f1).toBeGreaterThanOrEqual(estimate.f1.lower);
    expect(f1).toBeLessThanOrEqual(estimate.f1.upper);
    expect(estimate.accuracy.samplingError).toBeGreaterThan(0);
  });

  it("returns the hand-computed expected matrix when the reference fixes each level's probability", () => {
    const calibration = fitConfidenceCalibration(levelledReference(10));

    const estimate = estimatePerformance({
      calibration,
      probabilities: [0.1, 0.1, 0.3, 0.6, 0.9, 0.9, 0.9],
    });

    // Predicted positive (≥ 0.5): 0.6 and three 0.9, so TP = 0.6 + 2.7 and FP = 0.4 + 0.3;
    // predicted negative: 0.1, 0.1 and 0.3, so FN = 0.5 and TN = 2.5.
    const m = estimate.expectedConfusionMatrix;
    expect(m.truePositive).toBeCloseTo(3.3, 12);
    expect(m.falsePositive).toBeCloseTo(0.7, 12);
    expect(m.falseNegative).toBeCloseTo(0.5, 12);
    expect(m.trueNegative).toBeCloseTo(2.5, 12);
    expect(estimate.precision.value).toBeCloseTo(3.3 / 4, 12);
    expect(estimate.recall.value).toBeCloseTo(3.3 / 3.8, 12);
    expect(estimate.accuracy.value).toBeCloseTo(5.8 / 7, 12);
    expect(estimate.f1.value).toBeCloseTo(3.3 / 3.9, 12);
  });

  it("brackets the realised precision and recall of labels drawn from the calibrated levels", () => {
    const calibration = fitConfidenceCalibration(levelledReference(100));
    const next = seededUniform(4);
    const probabilities = Float64Array.from({ length: 2000 }, (_, row) => LEVELS[row % 4] ?? 0);
    const labels = Int8Array.from(probabilities, (p) => (next() < p ? 1 : 0));

    const estimate = estimatePerformance({ calibration, probabilities });

    // 500 rows per level: precision (0.6 + 0.9)/2 and recall 1.5/1.9, by hand.
    expect(estimate.precision.value).toBeCloseTo(0.75, 12);
    expect(estimate.recall.value).toBeCloseTo(1.5 / 1.9, 12);
    let tp = 0;
    let predicted = 0;
    let positive = 0;
    labels.forEach((label, row) => {
      const isPredicted = (probabilities[row] as number) >= 0.5;
      if (isPredicted) predicted++;
      if (label === 1) positive++;
      if (isPredicted && label === 1) tp++;
    });
    for (const [metric, realised] of [
      [estimate.precision, tp / predicted],
      [estimate.recall, tp / positive],
    ] as const) {
      expect(metric.upper - metric.lower).toBeLessThan(0.1);
      expect(realised).toBeGreaterThanOrEqual(metric.lower);
      expect(realised).toBeLessThanOrEqual(metric.upper);
    }
  });
});
