import { describe, expect, it } from "vitest";
import { createRandom } from "../trainer/index.ts";
import { f1Score } from "./cross-validate.ts";
import { stratifiedFolds } from "./folds.ts";
import { formatTuningProgress } from "./progress.ts";
import { fromUnit, type SearchDimension, toUnit } from "./search-space.ts";
import { type ScoredPoint, suggestPoint } from "./tpe.ts";

const x: SearchDimension = { name: "x", low: 0, high: 1, isLog: false, isInteger: false };

describe("suggestPoint", () => {
  it("returns points inside the space during the random start", () => {
    const random = createRandom(1);
    const space: SearchDimension[] = [
      x,
      { name: "n", low: 3, high: 12, isLog: false, isInteger: true },
    ];

    const points = Array.from({ length: 50 }, () => suggestPoint([], { space, random }));

    for (const point of points) {
      expect(point.x).toBeGreaterThanOrEqual(0);
      expect(point.x).toBeLessThanOrEqual(1);
      expect(Number.isInteger(point.n)).toBe(true);
    }
  });

  it("returns points near the best ones once it has a history", () => {
    const random = createRandom(2);
    const history: ScoredPoint[] = Array.from({ length: 40 }, (_, i) => {
      const value = i / 39;
      return { point: { x: value }, score: -Math.abs(value - 0.8) };
    });

    const points = Array.from({ length: 30 }, () => suggestPoint(history, { space: [x], random }));

    const mean = points.reduce((sum, point) => sum + (point.x ?? 0), 0) / points.length;
    expect(Math.abs(mean - 0.8)).toBeLessThan(0.1);
  });
});

describe("toUnit and fromUnit", () => {
  it.each([
    [{ name: "lr", low: 1e-3, high: 0.3, isLog: true, isInteger: false }, 0.01],
    [{ name: "depth", low: 3, high: 12, isLog: false, isInteger: true }, 7],
    [{ name: "rate", low: 0.5, high: 1, isLog: false, isInteger: false }, 0.75],
  ])("returns the value it was given for %o", (dimension, value) => {
    expect(fromUnit(dimension, toUnit(dimension, value))).toBeCloseTo(value, 9);
  });
});

describe("stratifiedFolds", () => {
  it("returns folds with the same class shares, within one row", () => {
    const labels = Array.from({ length: 100 }, (_, i) => (i % 5 === 0 ? 1 : 0));

    const folds = stratifiedFolds(labels, 3, createRandom(3));

    for (const fold of [0, 1, 2]) {
      const rows = labels.filter((_, row) => folds[row] === fold);
      const positives = rows.filter((label) => label === 1).length;
      expect(Math.abs(rows.length - 100 / 3)).toBeLessThanOrEqual(1);
      expect(Math.abs(positives - 20 / 3)).toBeLessThanOrEqual(1);
    }
  });
});

describe("f1Score", () => {
  it.each([
    [[1, 1, 0, 0], [0.9, 0.4, 0.6, 0.1], 0.5, 0.5],
    [[1, 1, 0, 0], [0.9, 0.4, 0.6, 0.1], 0.3, 0.8],
    [[0, 0], [0.1, 0.2], 0.5, 0],
  ])(
    "returns the F1 of labels %j and probabilities %j at %d",
    (labels, probabilities, threshold, f1) => {
      expect(f1Score(labels, probabilities, threshold)).toBeCloseTo(f1, 12);
    },
  );
});

describe("formatTuningProgress", () => {
  it("returns a bar, the trial count and the best score", () => {
    const line = formatTuningProgress(
      { completedTrialCount: 5, trialCount: 10, bestScore: 0.81234, lastScore: 0.7 },
      10,
    );

    expect(line).toBe("tuning [#####-----] 5/10 trials, best mean F1 0.8123");
  });
});
