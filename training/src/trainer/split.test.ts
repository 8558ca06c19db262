import { describe, expect, it } from "vitest";
import { computeCuts } from "./cuts.ts";
import { findBestSplit, nodeGain, nodeWeight, type SplitRules } from "./split.ts";

const rules: SplitRules = { minChildWeight: 1, regAlpha: 0, regLambda: 1, maxDeltaStep: 0 };

describe("nodeWeight", () => {
  it.each([
    [{}, -4, 3, 1],
    [{ regAlpha: 1 }, -4, 3, 0.75],
    [{ regAlpha: 5 }, -4, 3, 0],
    [{ maxDeltaStep: 0.5 }, -4, 3, 0.5],
    [{ minChildWeight: 5 }, -4, 3, 0],
  ])("with %o returns −ThresholdL1(G,α)/(H+λ) clipped: G=%d H=%d → %d", (overrides, g, h, w) => {
    expect(nodeWeight({ ...rules, ...overrides }, g, h)).toBeCloseTo(w, 6);
  });
});

describe("nodeGain", () => {
  it("returns G²/(H+λ) without a delta step and −(2Gw + (H+λ)w²) with one", () => {
    expect(nodeGain(rules, -4, 3)).toBeCloseTo(4, 6);
    expect(nodeGain({ ...rules, maxDeltaStep: 0.5 }, -4, 3)).toBeCloseTo(3, 6);
  });
});

describe("findBestSplit", () => {
  it.each([
    // Missing row with the high values: the forward scan (missing right) wins.
    { missingGradient: 1, isDefaultLeft: false, leftHessian: 2, rightHessian: 3 },
    // Missing row with the low values: only the backward scan (missing left) puts it there.
    { missingGradient: -1, isDefaultLeft: true, leftHessian: 3, rightHessian: 2 },
  ])(
    "splits at 3 and returns default_left $isDefaultLeft when the missing row has g = $missingGradient",
    ({ missingGradient, isDefaultLeft, leftHessian, rightHessian }) => {
      // Rows: values 1,2 have g = −1; values 3,4 have g = +1; h = 1 each.
      const values = Float32Array.from([1, 2, 3, 4, Number.NaN]);
      const gradients = [-1, -1, 1, 1, missingGradient];
      const cuts = computeCuts(values, 5, 1, 256);
      const histogram = new Float64Array(2 * cuts.values.length);
      [1, 2, 3, 4].forEach((value, row) => {
        const bin = Array.from(cuts.values).findIndex((cut) => cut > value);
        histogram[2 * bin] = (histogram[2 * bin] ?? 0) + (gradients[row] ?? 0);
        histogram[2 * bin + 1] = (histogram[2 * bin + 1] ?? 0) + 1;
      });
      const nodeGradient = gradients.reduce((sum, gradient) => sum + gradient, 0);

      const split = findBestSplit(histogram, cuts, Int32Array.of(0), nodeGradient, 5, rules);

      expect(split?.threshold).toBe(3);
      expect(split?.isDefaultLeft).toBe(isDefaultLeft);
      expect(split?.leftHessian).toBe(leftHessian);
      expect(split?.rightHessian).toBe(rightHessian);
    },
  );

  it("returns undefined when no split leaves min_child_weight on both sides", () => {
    const cuts = computeCuts(Float32Array.from([1, 2]), 2, 1, 256);
    const histogram = Float64Array.from([-1, 1, 1, 1, 0, 0]);

    expect(
      findBestSplit(histogram, cuts, Int32Array.of(0), 0, 2, { ...rules, minChildWeight: 1.5 }),
    ).toBe(undefined);
  });
});
