import { describe, expect, it } from "vitest";
import { stumpTree } from "../../test/xgboost-fixture.ts";
import { buildXgbModel } from "./build.ts";
import { compileModel } from "./compile.ts";
import type { XgbModel } from "./xgb-model.ts";

function buildModel(): XgbModel {
  const deeper = {
    ...stumpTree(),
    left_children: [1, 3, -1, -1, -1],
    right_children: [2, 4, -1, -1, -1],
    parents: [-1, 0, 0, 1, 1],
    split_indices: [0, 1, 0, 0, 0],
    split_conditions: [2.5, 1, 0.125, -0.5, 0.25],
    default_left: [1, 0, 0, 0, 0],
    base_weights: [0, 0, 0.125, -0.5, 0.25],
    loss_changes: [3, 1, 0, 0, 0],
    sum_hessian: [6, 4, 2, 1, 3],
  };
  return buildXgbModel({ trees: [stumpTree(), deeper], baseScore: 0.5, featureNames: ["a", "b"] });
}

describe("compileModel", () => {
  it("lays every tree's nodes out one after another, keeping right = left + 1", () => {
    const compiled = compileModel(buildModel());

    expect(Array.from(compiled.treeOffsets)).toEqual([0, 3, 8]);
    expect(Array.from(compiled.leftChildren)).toEqual([1, -1, -1, 4, 6, -1, -1, -1]);
    expect(Array.from(compiled.stepBases)).toEqual([1, 1, 2, 4, 6, 5, 6, 7]);
    expect(Array.from(compiled.treeDepths)).toEqual([1, 2]);
    expect(compiled.maxDepth).toBe(2);
    expect(Number.isNaN(compiled.thresholds[1])).toBe(true);
    expect(Array.from(compiled.missingGoesRight)).toEqual([0, 0, 0, 0, 1, 0, 0, 0]);
  });

  it.each<[string, (model: XgbModel) => void, string]>([
    [
      "a multi-class objective",
      (m) => {
        m.learner.objective.name = "multi:softprob";
      },
      "model.unsupported",
    ],
    [
      "categorical splits",
      (m) => {
        m.learner.gradient_booster.model.trees[0]?.split_type?.splice(0, 1, 1);
      },
      "model.unsupported",
    ],
    [
      "a base_score of 1",
      (m) => {
        m.learner.learner_model_param.base_score = "1.0";
      },
      "model.invalid",
    ],
  ])("throws for %s", (_name, change, code) => {
    const model = buildModel();

    change(model);

    expect(() => compileModel(model)).toThrow(expect.objectContaining({ code }));
  });
});
