import { describe, expect, it } from "vitest";
import { fixtureFeatures, readSmallModelFixture, stumpTree } from "../../test/xgboost-fixture.ts";
import { buildXgbModel } from "./build.ts";
import { compileModel } from "./compile.ts";
import { predictMargins } from "./predict.ts";
import { treeShap } from "./tree-shap.ts";
import { parseXgbModel } from "./xgb-model.ts";

// Reference: XGBoost 1.7.4's predict(pred_contribs=True) on the committed fixture, computed in
// float32 there and in double here, hence the tolerance.
const TOLERANCE = 1e-5;
const fixture = readSmallModelFixture();
const compiled = compileModel(parseXgbModel(fixture.model));
const features = fixtureFeatures(fixture);
const rowCount = fixture.margins.length;
const width = compiled.featureCount + 1;

describe("treeShap", () => {
  it("matches XGBoost's contributions within float32 rounding", () => {
    const contributions = treeShap(compiled, features, rowCount);

    const worst = fixture.contributions
      .flat()
      .reduce(
        (max, expected, index) => Math.max(max, Math.abs(expected - contributions[index]!)),
        0,
      );
    expect(contributions).toHaveLength(rowCount * width);
    expect(worst).toBeLessThan(TOLERANCE);
  });

  it("sums each row's contributions to its margin", () => {
    const contributions = treeShap(compiled, features, rowCount);
    const margins = predictMargins(compiled, features, rowCount);

    for (let row = 0; row < rowCount; row += 1) {
      const sum = contributions.subarray(row * width, (row + 1) * width).reduce((a, b) => a + b);
      expect(Math.abs(sum - margins[row]!)).toBeLessThan(TOLERANCE);
    }
  });

  it.each([
    ["left", 0, [-0.28125, 0, 0.03125]],
    ["right", 5, [0.09375, 0, 0.03125]],
    ["by default left", Number.NaN, [-0.28125, 0, 0.03125]],
  ])("splits a stump's leaf into feature and bias when the row goes %s", (_side, x, expected) => {
    // Mean leaf = (-0.25·1 + 0.125·3) / 4 = 0.03125; the split feature gets leaf − mean.
    const stump = compileModel(
      buildXgbModel({
        trees: [stumpTree()],
        baseScore: 0.5,
        featureNames: ["x", "unused"],
      }),
    );

    const contributions = treeShap(stump, Float32Array.of(x, 1), 1);

    expect(Array.from(contributions)).toEqual(expected);
  });
});
