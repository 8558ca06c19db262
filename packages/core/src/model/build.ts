import { ChurnError } from "../errors/index.ts";
import { formatFloat32 } from "./float32-text.ts";
import { parseXgbModel, ROOT_PARENT, type XgbModel, type XgbTree } from "./xgb-model.ts";

/**
 * One tree as XGBoost's per-node arrays (docs/model-format.md, "The file"), node 0 the root.
 * Internal nodes keep their children at `left` and `left + 1`; leaves have -1 children and carry
 * the value they add to the margin (already multiplied by the learning rate) in
 * `split_conditions`.
 */
export interface XgbTreeArrays {
  readonly left_children: ArrayLike<number>;
  readonly right_children: ArrayLike<number>;
  /** The root's parent may be -1 or 2147483647; it is written as XGBoost writes it. */
  readonly parents: ArrayLike<number>;
  readonly split_indices: ArrayLike<number>;
  readonly split_conditions: ArrayLike<number>;
  readonly default_left: ArrayLike<number>;
  readonly base_weights: ArrayLike<number>;
  readonly loss_changes: ArrayLike<number>;
  readonly sum_hessian: ArrayLike<number>;
}

/**
 * Training parameters. XGBoost's model file keeps only `scale_pos_weight` (in the objective);
 * every other parameter belongs in the model version's metadata and is ignored here.
 */
export interface XgbTrainingParams {
  readonly scale_pos_weight?: number;
  readonly [name: string]: number | string | boolean | undefined;
}

export interface XgbBuildInput {
  readonly trees: readonly XgbTreeArrays[];
  /** The intercept in probability space, strictly between 0 and 1; 0.5 means a zero margin. */
  readonly baseScore: number;
  readonly featureNames: readonly string[];
  /** XGBoost's feature types (`"float"`, `"int"`, `"i"`, `"q"`); omitted means none recorded. */
  readonly featureTypes?: readonly string[];
  readonly params?: XgbTrainingParams;
  /** Free-form string attributes XGBoost keeps with the model (`set_attr`). */
  readonly attributes?: Readonly<Record<string, string>>;
}

/**
 * A complete `binary:logistic` gbtree model that XGBoost 1.7.4 and later load, from trees in
 * XGBoost's array form; throws `ChurnError` `model.invalid` when a tree breaks XGBoost's rules
 * (children at left and left + 1, split features in range, equal array lengths).
 */
export function buildXgbModel(input: XgbBuildInput): XgbModel {
  const featureCount = input.featureNames.length;
  if (!(input.baseScore > 0 && input.baseScore < 1)) {
    throw new ChurnError(
      "model.invalid",
      `base_score ${input.baseScore} is outside (0, 1); pass the intercept as a probability.`,
      { context: { baseScore: input.baseScore } },
    );
  }
  if (input.featureTypes !== undefined && input.featureTypes.length !== featureCount) {
    throw new ChurnError(
      "model.invalid",
      `${input.featureTypes.length} feature types were given for ${featureCount} features; ` +
        "give one type per feature name.",
    );
  }
  const scalePosWeight = input.params?.scale_pos_weight ?? 1;

  return parseXgbModel({
    version: [1, 7, 4],
    learner: {
      attributes: { ...input.attributes },
      feature_names: [...input.featureNames],
      feature_types: [...(input.featureTypes ?? [])],
      learner_model_param: {
        base_score: formatFloat32(input.baseScore),
        // "0" records that the intercept was given rather than fitted by XGBoost.
        boost_from_average: "0",
        num_class: "0",
        num_feature: String(featureCount),
        num_target: "1",
      },
      objective: {
        name: "binary:logistic",
        reg_loss_param: { scale_pos_weight: formatFloat32(scalePosWeight) },
      },
      gradient_booster: {
        name: "gbtree",
        model: {
          gbtree_model_param: {
            num_trees: String(input.trees.length),
            num_parallel_tree: "1",
            size_leaf_vector: "0",
          },
          trees: input.trees.map((tree, id) => toTree(tree, id, featureCount)),
          tree_info: input.trees.map(() => 0),
        },
      },
    },
  });
}

function toTree(arrays: XgbTreeArrays, id: number, featureCount: number): XgbTree {
  const nodeCount = arrays.left_children.length;
  const floats = (values: ArrayLike<number>) => Array.from(values, (value) => Math.fround(value));
  const integers = (values: ArrayLike<number>) => Array.from(values, (value) => value);
  return {
    id,
    tree_param: {
      num_deleted: "0",
      num_feature: String(featureCount),
      num_nodes: String(nodeCount),
      size_leaf_vector: "0",
    },
    left_children: integers(arrays.left_children),
    right_children: integers(arrays.right_children),
    parents: Array.from(arrays.parents, (parent) => (parent < 0 ? ROOT_PARENT : parent)),
    split_indices: integers(arrays.split_indices),
    split_conditions: floats(arrays.split_conditions),
    default_left: Array.from(arrays.default_left, (flag): 0 | 1 => (flag === 0 ? 0 : 1)),
    base_weights: floats(arrays.base_weights),
    loss_changes: floats(arrays.loss_changes),
    sum_hessian: floats(arrays.sum_hessian),
    split_type: new Array<number>(nodeCount).fill(0),
    categories: [],
    categories_nodes: [],
    categories_segments: [],
    categories_sizes: [],
  };
}
