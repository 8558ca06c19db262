import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isChurnError } from "../errors/index.ts";
import { classificationMetrics } from "./classification-metrics.ts";
import { scoresBelowThreshold } from "./score-thresholds.ts";

interface GoldenCase {
  name: string;
  threshold: number;
  labels: number[];
  probabilities: number[];
  expected: Record<string, number | null | Record<string, number>>;
}

// Produced by scripts/reference/drift_quality_golden.py with scikit-learn 1.2.1 (numpy 1.24.2);
// the versions are recorded inside the file.
const golden = JSON.parse(
  readFileSync(new URL("../../test/fixtures/quality-golden.json", import.meta.url), "utf8"),
) as { cases: GoldenCase[] };

const RELATIVE_TOLERANCE = 1e-12;

function expectClose(actual: number | null, expected: number | null): void {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
  expect(Math.abs((actual as number) - expected) / scale).toBeLessThanOrEqual(RELATIVE_TOLERANCE);
}

describe("classificationMetrics", () => {
  it.each(golden.cases.map((c) => [c.name, c] as const))(
    "returns scikit-learn's figures for %s",
    (_name, golden) => {
      const input = {
        labels: Int8Array.from(golden.labels),
        probabilities: Float64Array.from(golden.probabilities),
        threshold: golden.threshold,
      };

      const metrics = classificationMetrics(input);

      for (const name of ["accuracy", "precision", "recall", "f1", "rocAuc", "logLoss"] as const) {
        expectClose(metrics[name], golden.expected[name] as number | null);
      }
      expect(metrics.confusionMatrix).toEqual(golden.expected.confusionMatrix);
    },
  );

  it("returns the four rates from the confusion matrix when classes are mixed", () => {
    const labels = [1, 1, 1, 0, 0, 0, 0, 0];
    const probabilities = [0.9, 0.6, 0.2, 0.7, 0.1, 0.1, 0.3, 0.5];

    const metrics = classificationMetrics({ labels, probabilities });

    expect(metrics.confusionMatrix).toEqual({
      truePositive: 2,
      falsePositive: 2,
      trueNegative: 3,
      falseNegative: 1,
    });
    expect(metrics.truePositiveRate).toBe(2 / 3);
    expect(metrics.trueNegativeRate).toBe(3 / 5);
    expect(metrics.falsePositiveRate).toBe(2 / 5);
    expect(metrics.falseNegativeRate).toBe(1 / 3);
    expect(metrics.classBalance).toEqual({ positiveCount: 3, negativeCount: 5 });
  });

  it("returns curves from (0, 0) to (1, 1) thinned to the requested size when scores are many", () => {
    const labels = Array.from({ length: 5000 }, (_, row) => (row % 3 === 0 ? 1 : 0));
    const probabilities = labels.map((label, row) => (label * 0.3 + (row % 997) / 1400) / 1.1);

    const metrics = classificationMetrics({ labels, probabilities, maxCurvePoints: 50 });

    expect(metrics.rocCurve).toHaveLength(50);
    expect(metrics.rocCurve[0]).toMatchObject({ falsePositiveRate: 0, truePositiveRate: 0 });
    expect(metrics.rocCurve.at(-1)).toMatchObject({ falsePositiveRate: 1, truePositiveRate: 1 });
    expect(metrics.precisionRecallCurve.at(-1)?.recall).toBe(1);
  });

  it.each([
    ["a label of 2", [0, 2], [0.1, 0.2]],
    ["a probability above 1", [0, 1], [0.1, 1.2]],
    ["a NaN probability", [0, 1], [0.1, Number.NaN]],
    ["mismatched lengths", [0, 1, 1], [0.1, 0.2]],
    ["no rows", [], []],
  ])("throws quality.invalid_input when given %s", (_case, labels, probabilities) => {
    const act = () => classificationMetrics({ labels, probabilities });

    expect(act).toThrow();
    try {
      act();
    } catch (error) {
      expect(isChurnError(error, "quality.invalid_input")).toBe(true);
    }
  });
});

describe("scoresBelowThreshold", () => {
  it("returns only the scores strictly below their threshold", () => {
    const metrics = { f1: 0.69, precision: 0.7, recall: 0.5, accuracy: 0.95 };

    const below = scoresBelowThreshold(metrics);

    expect(below.map((entry) => entry.score)).toEqual(["f1", "recall"]);
  });
});
