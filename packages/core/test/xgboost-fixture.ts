import { readFileSync } from "node:fs";
import type { XgbModel, XgbTreeArrays } from "../src/model/index.ts";

/**
 * The committed reference written by scripts/reference/xgboost_models.py (`fixture`): a model
 * trained by XGBoost 1.7.4 on 400 generated rows with 15 % missing values, and XGBoost's own
 * margins, probabilities and SHAP contributions for its first 64 rows, and glibc's expf and logf
 * of random inputs.
 */
export interface SmallModelFixture {
  readonly tools: Readonly<Record<string, string>>;
  readonly model: XgbModel;
  readonly featureNames: readonly string[];
  readonly features: readonly (readonly (number | null)[])[];
  readonly margins: readonly number[];
  readonly probabilities: readonly number[];
  readonly contributions: readonly (readonly number[])[];
  /** [x, f(x)] pairs from the C library XGBoost calls (glibc 2.36 here), inputs float32. */
  readonly libm: {
    readonly library: string;
    readonly expf: readonly (readonly [number, number])[];
    readonly logf: readonly (readonly [number, number])[];
  };
}

const path = new URL("./fixtures/xgboost/small-model.json", import.meta.url);

/** Reads the fixture afresh, so a test may change its copy freely. */
export function readSmallModelFixture(): SmallModelFixture {
  return JSON.parse(readFileSync(path, "utf8")) as SmallModelFixture;
}

/** The fixture's rows as the evaluator takes them: row-major float32, NaN for missing. */
export function fixtureFeatures(fixture: SmallModelFixture): Float32Array {
  return Float32Array.from(fixture.features.flat(), (value) => value ?? Number.NaN);
}

/**
 * A one-split tree: feature `feature` below 2.5 goes to the left leaf (-0.25), else to the right
 * leaf (0.125); missing values go left; covers 4 = 1 + 3.
 */
export function stumpTree(feature = 0): XgbTreeArrays {
  return {
    left_children: [1, -1, -1],
    right_children: [2, -1, -1],
    parents: [-1, 0, 0],
    split_indices: [feature, 0, 0],
    split_conditions: [2.5, -0.25, 0.125],
    default_left: [1, 0, 0],
    base_weights: [0.1, -0.25, 0.125],
    loss_changes: [3, 0, 0],
    sum_hessian: [4, 1, 3],
  };
}

/**
 * A model as XGBoost 3.1 lays it out: a vector base_score, iteration_indptr, leaf vectors of
 * size 1 and no size_leaf_vector in gbtree_model_param.
 */
export function toVersion31Layout(model: XgbModel): unknown {
  const forest = model.learner.gradient_booster.model;
  return {
    version: [3, 1, 0],
    learner: {
      ...model.learner,
      attributes: {},
      learner_model_param: {
        ...model.learner.learner_model_param,
        base_score: `[${model.learner.learner_model_param.base_score}]`,
      },
      gradient_booster: {
        name: "gbtree",
        model: {
          gbtree_model_param: { num_trees: String(forest.trees.length), num_parallel_tree: "1" },
          iteration_indptr: forest.trees.map((_, index) => index).concat(forest.trees.length),
          tree_info: forest.tree_info,
          trees: forest.trees.map((tree) => ({
            ...tree,
            tree_param: { ...tree.tree_param, size_leaf_vector: "1" },
          })),
        },
      },
    },
  };
}
