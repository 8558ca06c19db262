import { describe, expect, it } from "vitest";
import { type LabelledMatrix, predictBoosterProbabilities, trainBooster } from "./boost.ts";
import { XGBOOST_DEFAULT_PARAMS } from "./params.ts";
import { createRandom } from "./random.ts";

/** A noisy two-feature problem: churn when x0 + x1 > 1, with 10 % missing x1 and 5 % label noise. */
function syntheticMatrix(seed: number, rowCount: number): LabelledMatrix {
  const random = createRandom(seed);
  const features = new Float32Array(rowCount * 3);
  const labels = new Uint8Array(rowCount);
  for (let row = 0; row < rowCount; row++) {
    const x0 = random.nextFloat();
    const x1 = random.nextFloat();
    features[row * 3] = x0;
    features[row * 3 + 1] = random.nextFloat() < 0.1 ? Number.NaN : x1;
    features[row * 3 + 2] = random.nextFloat();
    const isPositive = x0 + x1 > 1;
    labels[row] = (random.nextFloat() < 0.05 ? !isPositive : isPositive) ? 1 : 0;
  }
  return { features, labels, rowCount, featureCount: 3 };
}

function accuracy(probabilities: Float32Array, labels: ArrayLike<number>): number {
  let correct = 0;
  probabilities.forEach((p, row) => {
    if ((p >= 0.5 ? 1 : 0) === labels[row]) correct++;
  });
  return correct / probabilities.length;
}

const params = {
  ...XGBOOST_DEFAULT_PARAMS,
  nEstimators: 40,
  maxDepth: 3,
  subsample: 0.8,
  colsampleBytree: 0.7,
};

describe("trainBooster", () => {
  it("returns identical trees when given the same seed", () => {
    const train = syntheticMatrix(1, 500);

    const first = trainBooster(train, { params, random: createRandom(9) });
    const second = trainBooster(train, { params, random: createRandom(9) });

    expect(first.trees).toEqual(second.trees);
  });

  it("returns different trees for a different seed when sampling", () => {
    const train = syntheticMatrix(1, 500);

    const first = trainBooster(train, { params, random: createRandom(9) });
    const second = trainBooster(train, { params, random: createRandom(10) });

    expect(first.trees).not.toEqual(second.trees);
  });

  it("learns a held-out problem to about its noise level", () => {
    const train = syntheticMatrix(1, 2000);
    const test = syntheticMatrix(2, 1000);

    const booster = trainBooster(train, { params, random: createRandom(3) });
    const probabilities = predictBoosterProbabilities(booster, test.features, test.rowCount);

    expect(accuracy(probabilities, test.labels)).toBeGreaterThan(0.88);
  });

  it("keeps only the trees up to the best validation loss when stopping early", () => {
    const train = syntheticMatrix(1, 300);
    const validation = syntheticMatrix(2, 300);

    const booster = trainBooster(train, {
      params: { ...params, nEstimators: 500, learningRate: 0.5, maxDepth: 6 },
      random: createRandom(3),
      validation,
      earlyStoppingRounds: 10,
    });

    expect(booster.trees.length).toBe(booster.bestIteration + 1);
    expect(booster.validationLogLoss.length).toBe(booster.bestIteration + 11);
    expect(booster.trees.length).toBeLessThan(500);
  });

  it("writes children as consecutive node ids, left first, with leaves marked −1", () => {
    const booster = trainBooster(syntheticMatrix(1, 500), { params, random: createRandom(3) });

    for (const tree of booster.trees) {
      tree.leftChildren.forEach((left, node) => {
        if (left === -1) expect(tree.rightChildren[node]).toBe(-1);
        else expect(tree.rightChildren[node]).toBe(left + 1);
      });
    }
  });
});

describe("trainBooster parameters", () => {
  it.each([
    ["maxDepth", 2.5, /maxDepth is 2.5/],
    ["subsample", 1.5, /subsample is 1.5/],
    ["learningRate", 0, /learningRate is 0/],
    ["nEstimators", Number.NaN, /nEstimators is NaN/],
    ["regLambda", -1, /regLambda is -1/],
  ])("throws training.bad_params naming %s when it is %d", (name, value, message) => {
    const train = () =>
      trainBooster(syntheticMatrix(1, 50), {
        params: { ...params, [name]: value },
        random: createRandom(1),
      });

    expect(train).toThrow(message);
    expect(train).toThrow(expect.objectContaining({ code: "training.bad_params" }));
  });
});
