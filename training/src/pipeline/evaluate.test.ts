import { describe, expect, it } from "vitest";
import { calibrationBins, shapImportance } from "./evaluate.ts";

describe("calibrationBins", () => {
  it("returns each bin's row count, mean probability and churn rate, null when empty", () => {
    const labels = [0, 1, 1, 0, 1];
    const probabilities = [0.05, 0.15, 0.95, 0.9, 1];

    const bins = calibrationBins(labels, probabilities, 10);

    expect(bins).toHaveLength(10);
    expect(bins[0]).toEqual({
      lowerBound: 0,
      upperBound: 0.1,
      rowCount: 1,
      meanProbability: 0.05,
      positiveRate: 0,
    });
    expect(bins[5]).toMatchObject({ rowCount: 0, meanProbability: null, positiveRate: null });
    // Probability 1 belongs to the last bin, which is closed on the right.
    expect(bins[9]?.rowCount).toBe(3);
    expect(bins[9]?.meanProbability).toBeCloseTo((0.95 + 0.9 + 1) / 3, 12);
    expect(bins[9]?.positiveRate).toBeCloseTo(2 / 3, 12);
  });
});

describe("shapImportance", () => {
  it("returns mean |SHAP| per feature, largest first, ignoring the bias column", () => {
    // Two rows × (2 features + bias).
    const contributions = Float64Array.of(0.1, -2, 5, -0.3, 1, 5);

    const importance = shapImportance(contributions, 2, ["a", "b"]);

    expect(importance.map((entry) => entry.feature)).toEqual(["b", "a"]);
    expect(importance[0]?.meanAbsShap).toBeCloseTo(1.5, 12);
    expect(importance[1]?.meanAbsShap).toBeCloseTo(0.2, 12);
  });
});
