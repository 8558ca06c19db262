import { describe, expect, it } from "vitest";
import { fixtureFeatures, readSmallModelFixture, stumpTree } from "../../test/xgboost-fixture.ts";
import { buildXgbModel } from "./build.ts";
import { compileModel } from "./compile.ts";
import { predictMargins, predictProbabilities } from "./predict.ts";
import { parseXgbModel } from "./xgb-model.ts";

// Reference: XGBoost 1.7.4's predict(output_margin=True) and predict() on the committed fixture
// (scripts/reference/xgboost_models.py fixture); the tools that made it are in its `tools`.
const fixture = readSmallModelFixture();
const compiled = compileModel(parseXgbModel(fixture.model));
const features = fixtureFeatures(fixture);
const rowCount = fixture.margins.length;

describe("predictMargins", () => {
  it("equals XGBoost's margins bit for bit on rows with missing values", () => {
    const margins = predictMargins(compiled, features, rowCount);

    expect(Array.from(margins)).toEqual(fixture.margins);
    expect(features.some(Number.isNaN)).toBe(true);
  });

  it("starts from ProbToMargin(base_score 0.3) computed in float32", () => {
    expect(compiled.baseMargin).toBe(Math.fround(-0.8472978603872037));
  });

  it.each([
    ["below the threshold goes left", 2.4999, -0.25],
    ["equal to the threshold goes right", 2.5, 0.125],
    ["missing follows default_left", Number.NaN, -0.25],
    ["negative infinity goes left", Number.NEGATIVE_INFINITY, -0.25],
  ])("routes a value %s", (_name, value, leaf) => {
    const stump = compileModel(
      buildXgbModel({
        trees: [stumpTree()],
        baseScore: 0.5,
        featureNames: ["x"],
      }),
    );

    const [margin] = predictMargins(stump, Float32Array.of(value), 1);

    expect(margin).toBe(leaf);
  });

  it("throws model.bad_input when the rows do not fill the feature matrix", () => {
    expect(() => predictMargins(compiled, new Float32Array(10), 1)).toThrow(
      expect.objectContaining({ code: "model.bad_input" }),
    );
  });
});

describe("predictProbabilities", () => {
  it("equals XGBoost's probabilities bit for bit", () => {
    const probabilities = predictProbabilities(compiled, features, rowCount);

    expect(Array.from(probabilities)).toEqual(fixture.probabilities);
  });
});
