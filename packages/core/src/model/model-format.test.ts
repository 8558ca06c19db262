import { describe, expect, it } from "vitest";
import {
  fixtureFeatures,
  readSmallModelFixture,
  stumpTree,
  toVersion31Layout,
} from "../../test/xgboost-fixture.ts";
import { buildXgbModel } from "./build.ts";
import { compileModel } from "./compile.ts";
import { predictMargins } from "./predict.ts";
import { readXgbModel } from "./read.ts";
import { writeXgbModel } from "./write.ts";
import { baseScoreOf, parseXgbModel, type XgbModel } from "./xgb-model.ts";

const stump = stumpTree(1);

function buildStumps(treeCount = 2): XgbModel {
  return buildXgbModel({
    trees: Array.from({ length: treeCount }, () => stump),
    baseScore: 0.3,
    featureNames: ["a", "b"],
    params: { scale_pos_weight: 2, max_depth: 1 },
  });
}

describe("readXgbModel", () => {
  it("reads a model saved by XGBoost 1.7.4 and keeps its parameters as strings", () => {
    const fixture = readSmallModelFixture();

    const model = readXgbModel(JSON.stringify(fixture.model));

    expect(model.learner.learner_model_param.base_score).toBe("3E-1");
    expect(model.learner.gradient_booster.model.trees).toHaveLength(8);
    expect(fixtureFeatures(fixture)).toHaveLength(64 * 11);
  });

  it.each([
    ["not JSON", "{", "model.invalid_json"],
    ["a dart booster", '{"learner":{"gradient_booster":{"name":"dart"}}}', "model.invalid"],
  ])("throws for %s", (_name, text, code) => {
    expect(() => readXgbModel(text)).toThrow(expect.objectContaining({ code }));
  });

  it("reads the vector base_score of XGBoost 3.1 as a number", () => {
    const model = buildStumps();
    model.learner.learner_model_param.base_score = "[2.5E-1]";

    expect(baseScoreOf(model)).toBe(0.25);
  });
});

describe("parseXgbModel", () => {
  it("reads XGBoost 3.1's layout and predicts as from 1.7's", () => {
    const fixture = readSmallModelFixture();
    const features = fixtureFeatures(fixture);

    const model = parseXgbModel(toVersion31Layout(parseXgbModel(fixture.model)));
    const rewritten = readXgbModel(writeXgbModel(model));

    const margins = predictMargins(compileModel(model), features, fixture.margins.length);
    expect(Array.from(margins)).toEqual(fixture.margins);
    expect(rewritten.learner.learner_model_param.base_score).toBe("0.3");
    expect(rewritten.learner.gradient_booster.model.gbtree_model_param.size_leaf_vector).toBe("0");
  });

  it.each<[string, (model: XgbModel) => void]>([
    ["a right child that is not left + 1", (m) => tree(m).right_children.splice(0, 1, 1)],
    ["a child before its parent", (m) => tree(m).left_children.splice(0, 1, 0)],
    ["a split on a feature the model lacks", (m) => tree(m).split_indices.splice(0, 1, 2)],
    ["an array shorter than num_nodes", (m) => tree(m).sum_hessian.pop()],
    [
      "num_trees unequal to the trees",
      (m) => {
        m.learner.gradient_booster.model.gbtree_model_param.num_trees = "3";
      },
    ],
    [
      "a base_score vector of two",
      (m) => {
        m.learner.learner_model_param.base_score = "[0.2,0.3]";
      },
    ],
  ])("throws model.invalid for %s", (_name, damage) => {
    const model = buildStumps();

    damage(model);

    expect(() => parseXgbModel(model)).toThrow(expect.objectContaining({ code: "model.invalid" }));
  });
});

describe("writeXgbModel", () => {
  it("round-trips a model XGBoost saved", () => {
    const fixture = readSmallModelFixture();
    const model = parseXgbModel(fixture.model);

    const again = readXgbModel(writeXgbModel(model));

    expect(again.learner.gradient_booster).toEqual(model.learner.gradient_booster);
    expect(again.learner.learner_model_param.base_score).toBe("0.3");
    // XGBoost 1.7's own attributes describe all 8 trees, so they stay.
    expect(again.learner.attributes).toEqual({ best_iteration: "7", best_ntree_limit: "8" });
  });

  it("writes every float with a decimal point or exponent and every parameter as a string", () => {
    const text = writeXgbModel(buildStumps());

    expect(text.startsWith("{")).toBe(true);
    expect(text).toContain('"sum_hessian":[4.0,1.0,3.0]');
    expect(text).toContain('"loss_changes":[3.0,0.0,0.0]');
    expect(text).toContain('"split_indices":[1,0,0]');
    expect(text).toContain('"parents":[2147483647,0,0]');
    expect(text).toContain('"num_trees":"2"');
    expect(text).toContain('"scale_pos_weight":"2.0"');
    expect(text).toContain('"attributes":{}');
  });

  it.each([
    [Math.fround(0.3), "0.3"],
    [0.30000001192092896, "0.3"],
    [0.231502280123, "0.23150228"],
    [Math.fround(1 / 3), "0.33333334"],
  ])("writes base_score %s as the scalar %s", (baseScore, expected) => {
    const model = buildStumps();
    model.learner.learner_model_param.base_score = `[${baseScore}]`;

    const written = readXgbModel(writeXgbModel(model));

    expect(written.learner.learner_model_param.base_score).toBe(expected);
  });

  it("drops a best_ntree_limit that would truncate the forest", () => {
    const model = buildStumps(3);
    model.learner.attributes = { best_ntree_limit: "1", best_iteration: "0", note: "kept" };

    const written = readXgbModel(writeXgbModel(model));

    expect(written.learner.attributes).toEqual({ note: "kept" });
  });
});

describe("buildXgbModel", () => {
  it("builds a binary:logistic document with XGBoost's required keys", () => {
    const model = buildStumps();

    expect(model.learner.objective).toEqual({
      name: "binary:logistic",
      reg_loss_param: { scale_pos_weight: "2.0" },
    });
    expect(model.learner.learner_model_param).toMatchObject({
      base_score: "0.3",
      num_class: "0",
      num_feature: "2",
    });
    expect(tree(model).tree_param).toEqual({
      num_deleted: "0",
      num_feature: "2",
      num_nodes: "3",
      size_leaf_vector: "0",
    });
    expect(tree(model).split_type).toEqual([0, 0, 0]);
  });

  it.each([0, 1, Number.NaN])("throws model.invalid for base score %s", (baseScore) => {
    expect(() => buildXgbModel({ trees: [stump], baseScore, featureNames: ["a", "b"] })).toThrow(
      expect.objectContaining({ code: "model.invalid" }),
    );
  });
});

function tree(model: XgbModel) {
  return model.learner.gradient_booster.model.trees[0]!;
}
