import { describe, expect, it } from "vitest";
import {
  createRandom,
  type LabelledMatrix,
  type RandomSource,
  XGBOOST_DEFAULT_PARAMS,
} from "../trainer/index.ts";
import { f1Score } from "./cross-validate.ts";
import { stratifiedFolds } from "./folds.ts";
import { formatTuningProgress } from "./progress.ts";
import { fromUnit, type SearchDimension, toUnit } from "./search-space.ts";
import { type ScoredPoint, suggestPoint } from "./tpe.ts";
import { type TuningProgress, tuneHyperparameters } from "./tune.ts";

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

describe("suggestPoint start-up", () => {
  it("returns plain uniform draws until the history reaches the start-up count", () => {
    const space = [x, { ...x, name: "y" }];
    const history: ScoredPoint[] = [0.1, 0.2, 0.9].map((value) => ({
      point: { x: value, y: value },
      score: value,
    }));
    const uniform = (random: RandomSource) => ({ x: random.nextFloat(), y: random.nextFloat() });
    const suggest = (count: number, seed: number) =>
      suggestPoint(history.slice(0, count), {
        space,
        random: createRandom(seed),
        startupTrialCount: 3,
      });

    expect(suggest(2, 4)).toEqual(uniform(createRandom(4)));
    expect(suggest(3, 4)).not.toEqual(uniform(createRandom(4)));
  });
});

/**
 * A small search, so that tuning takes milliseconds: many trees at a high learning rate on few
 * rows, so that every fold stops early.
 */
const smallSpace: SearchDimension[] = [
  { name: "n_estimators", low: 200, high: 300, isLog: false, isInteger: true },
  { name: "learning_rate", low: 0.2, high: 0.5, isLog: false, isInteger: false },
  { name: "max_depth", low: 1, high: 4, isLog: false, isInteger: true },
  { name: "threshold", low: 0.2, high: 0.8, isLog: false, isInteger: false },
];

/** Rows whose label follows feature 0 with noise; `featureSeed` redraws the features alone. */
function tuningData(featureSeed: number): LabelledMatrix {
  const rowCount = 150;
  const labelRandom = createRandom(1);
  const labels = Uint8Array.from({ length: rowCount }, () =>
    labelRandom.nextFloat() < 0.3 ? 1 : 0,
  );
  const random = createRandom(featureSeed);
  const features = new Float32Array(rowCount * 3);
  labels.forEach((label, row) => {
    features[row * 3] = label + 1.2 * random.nextFloat();
    features[row * 3 + 1] = random.nextFloat();
    features[row * 3 + 2] = Math.floor(random.nextFloat() * 4);
  });
  return { features, labels, rowCount, featureCount: 3 };
}

function tune(data: LabelledMatrix, trialCount: number, onTrial?: (p: TuningProgress) => void) {
  return tuneHyperparameters(data, {
    trialCount,
    random: createRandom(5),
    baseParams: XGBOOST_DEFAULT_PARAMS,
    space: smallSpace,
    ...(onTrial === undefined ? {} : { onTrial }),
  });
}

describe("tuneHyperparameters", () => {
  it("returns the same trials and best result for the same seed", () => {
    const data = tuningData(2);

    const [first, second] = [tune(data, 4), tune(data, 4)];

    expect(second).toEqual(first);
    expect(new Set(first.trials.map((trial) => trial.score)).size).toBeGreaterThan(1);
  });

  it("reports a best score that never drops and ends at the best trial's", () => {
    const progress: TuningProgress[] = [];

    const result = tune(tuningData(2), 12, (step) => progress.push(step));

    const scores = result.trials.map((trial) => trial.score);
    const runningBest = scores.map((_, i) => Math.max(...scores.slice(0, i + 1)));
    expect(progress.map((step) => step.bestScore)).toEqual(runningBest);
    expect(progress.map((step) => step.lastScore)).toEqual(scores);
    expect(result.bestScore).toBe(Math.max(...scores));
    expect(result.trials[result.bestTrial]?.score).toBe(result.bestScore);
    expect(runningBest.at(-1)).toBeGreaterThan(runningBest[0] ?? 1);
  });

  it("draws the first 10 trials at random and then follows the scores (TPE)", () => {
    // Same labels and folds, other features: other scores, but the same random start-up draws.
    const [a, b] = [tune(tuningData(2), 12), tune(tuningData(3), 12)];

    const points = (result: typeof a) => result.trials.map((trial) => trial.point);
    expect(points(b).slice(0, 10)).toEqual(points(a).slice(0, 10));
    expect(b.trials.map((t) => t.score)).not.toEqual(a.trials.map((t) => t.score));
    expect(points(b)[10]).not.toEqual(points(a)[10]);
  });

  it("refits n_estimators to the mean tree count its folds kept, and keeps its threshold", () => {
    const result = tune(tuningData(2), 3);

    const best = result.trials[result.bestTrial];
    expect(best).toBeDefined();
    if (best === undefined) return;
    const meanTreeCount = best.foldTreeCounts.reduce((sum, count) => sum + count, 0) / 3;
    expect(best.foldTreeCounts.every((count) => count < best.params.nEstimators)).toBe(true);
    expect(result.params).toEqual({ ...best.params, nEstimators: Math.round(meanTreeCount) });
    expect(result.threshold).toBe(best.threshold);
    expect(result.threshold).toBe(best.point.threshold);
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
