import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isChurnError } from "../errors/index.ts";
import { classificationMetrics } from "./classification-metrics.ts";
import { scoresBelowThreshold } from "./score-thresholds.ts";

/** scikit-learn's unthinned curves; null stands for the NaN roc_curve gives over an empty class. */
interface GoldenCurves {
  rocCurve: {
    falsePositiveRate: (number | null)[];
    truePositiveRate: (number | null)[];
    thresholds: number[];
  };
  precisionRecallCurve: { precision: number[]; recall: number[]; thresholds: number[] };
}

interface GoldenCase {
  name: string;
  threshold: number;
  labels: number[];
  probabilities: number[];
  expected: Record<string, number | null | Record<string, number>> & GoldenCurves;
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

/**
 * A rate of a curve point. Where roc_curve divides by an empty class it gives NaN (null in the
 * golden file); the curve here gives 0 there, because the report's JSON has no NaN.
 */
function expectRate(actual: number, expected: number | null): void {
  expectClose(actual, expected ?? 0);
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

      for (const name of [
        "accuracy",
        "precision",
        "recall",
        "f1",
        "rocAuc",
        "logLoss",
        "truePositiveRate",
        "trueNegativeRate",
        "falsePositiveRate",
        "falseNegativeRate",
      ] as const) {
        expectClose(metrics[name], golden.expected[name] as number | null);
      }
      expect(metrics.confusionMatrix).toEqual(golden.expected.confusionMatrix);
    },
  );

  it.each(golden.cases.map((c) => [c.name, c] as const))(
    "returns every point of scikit-learn's ROC curve for %s when nothing is thinned",
    (_name, golden) => {
      const expected = golden.expected.rocCurve;

      const { rocCurve } = classificationMetrics({
        labels: golden.labels,
        probabilities: golden.probabilities,
        maxCurvePoints: expected.thresholds.length,
      });

      expect(rocCurve.map((point) => point.threshold)).toEqual(expected.thresholds);
      rocCurve.forEach((point, k) => {
        expectRate(point.falsePositiveRate, expected.falsePositiveRate[k] ?? null);
        expectRate(point.truePositiveRate, expected.truePositiveRate[k] ?? null);
      });
    },
  );

  it.each(golden.cases.map((c) => [c.name, c] as const))(
    "returns every point of scikit-learn's precision-recall curve for %s when nothing is thinned",
    (_name, golden) => {
      const expected = golden.expected.precisionRecallCurve;
      const last = expected.thresholds.length;

      const { precisionRecallCurve } = classificationMetrics({
        labels: golden.labels,
        probabilities: golden.probabilities,
        maxCurvePoints: last + 1,
      });

      // scikit-learn lists thresholds ascending and ends on (precision 1, recall 0) without a
      // threshold; the curve here starts from that point and then descends the thresholds.
      expect(precisionRecallCurve).toHaveLength(last + 1);
      precisionRecallCurve.forEach((point, k) => {
        const index = last - k;
        if (k > 0) expect(point.threshold).toBe(expected.thresholds[index]);
        expectClose(point.precision, expected.precision[index] ?? Number.NaN);
        expectClose(point.recall, expected.recall[index] ?? Number.NaN);
      });
    },
  );

  it.each(golden.cases.map((c) => [c.name, c] as const))(
    "returns thinned curve points that lie on scikit-learn's curves at their thresholds for %s",
    (_name, golden) => {
      const roc = golden.expected.rocCurve;
      const pr = golden.expected.precisionRecallCurve;
      const rocIndex = new Map(roc.thresholds.map((threshold, index) => [threshold, index]));
      const prIndex = new Map(pr.thresholds.map((threshold, index) => [threshold, index]));

      const metrics = classificationMetrics({
        labels: golden.labels,
        probabilities: golden.probabilities,
        maxCurvePoints: 37,
      });

      expect(metrics.rocCurve).toHaveLength(Math.min(37, roc.thresholds.length));
      for (const point of metrics.rocCurve) {
        const index = rocIndex.get(point.threshold);

        expect(index).toBeDefined();
        expectRate(point.falsePositiveRate, roc.falsePositiveRate[index ?? 0] ?? null);
        expectRate(point.truePositiveRate, roc.truePositiveRate[index ?? 0] ?? null);
      }
      for (const [k, point] of metrics.precisionRecallCurve.entries()) {
        // The first point is scikit-learn's closing (1, 0), which has no threshold of its own.
        const index = k === 0 ? pr.thresholds.length : prIndex.get(point.threshold);

        expect(index).toBeDefined();
        expectClose(point.precision, pr.precision[index ?? 0] ?? Number.NaN);
        expectClose(point.recall, pr.recall[index ?? 0] ?? Number.NaN);
      }
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
