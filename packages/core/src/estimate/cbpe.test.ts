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

  it("returns a confusion matrix whose expected counts sum to the row count", () => {
    const reference = calibratedRows(1000, 3);
    const calibration = fitConfidenceCalibration(reference);

    const estimate = estimatePerformance({ calibration, probabilities: [0.1, 0.7, 0.95, 0.3] });

    const m = estimate.expectedConfusionMatrix;
    expect(m.truePositive + m.falsePositive + m.trueNegative + m.falseNegative).toBeCloseTo(4, 12);
  });
});
