import { formatFloat32 } from "./float32-text.ts";
import { baseScoreOf, parseXgbModel, type XgbModel, type XgbTree } from "./xgb-model.ts";

/** Tree arrays XGBoost reads as floats: each element needs a `.` or an exponent. */
const FLOAT_ARRAYS = new Set(["split_conditions", "base_weights", "loss_changes", "sum_hessian"]);

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/**
 * Serialises a model as JSON text that XGBoost 1.7 to 3.x load (docs/model-format.md): the 1.7
 * layout, a scalar `base_score` of at most 9 significant digits, float arrays whose every element
 * reads as a float, `{` as the first byte, and no stale `best_ntree_limit`. Throws `ChurnError`
 * `model.invalid` when the model breaks XGBoost's invariants.
 */
export function writeXgbModel(model: XgbModel): string {
  const checked = parseXgbModel(model);
  return serialise(toDocument(checked), "");
}

function toDocument(model: XgbModel): Json {
  const { learner } = model;
  const forest = learner.gradient_booster.model;
  const treeCount = forest.trees.length;
  return {
    version: model.version ?? [1, 7, 4],
    learner: {
      attributes: currentAttributes(learner.attributes, treeCount),
      feature_names: learner.feature_names ?? [],
      feature_types: learner.feature_types ?? [],
      gradient_booster: {
        name: "gbtree",
        model: {
          gbtree_model_param: {
            num_parallel_tree: forest.gbtree_model_param.num_parallel_tree ?? "1",
            num_trees: String(treeCount),
            size_leaf_vector: "0",
          },
          tree_info: forest.tree_info,
          trees: forest.trees.map((tree) =>
            toTreeDocument(tree, learner.learner_model_param.num_feature),
          ),
        },
      },
      learner_model_param: {
        base_score: formatFloat32(baseScoreOf(model)),
        boost_from_average: learner.learner_model_param.boost_from_average ?? "1",
        num_class: learner.learner_model_param.num_class,
        num_feature: learner.learner_model_param.num_feature,
        num_target: learner.learner_model_param.num_target ?? "1",
      },
      objective: {
        name: learner.objective.name,
        reg_loss_param: learner.objective.reg_loss_param ?? {},
      },
    },
  };
}

function toTreeDocument(tree: XgbTree, featureCount: string): Json {
  const nodeCount = tree.left_children.length;
  const hasCategories = tree.split_type !== undefined;
  return {
    base_weights: tree.base_weights,
    categories: tree.categories ?? [],
    categories_nodes: tree.categories_nodes ?? [],
    categories_segments: tree.categories_segments ?? [],
    categories_sizes: tree.categories_sizes ?? [],
    default_left: tree.default_left,
    id: tree.id,
    left_children: tree.left_children,
    loss_changes: tree.loss_changes,
    parents: tree.parents,
    right_children: tree.right_children,
    split_conditions: tree.split_conditions,
    split_indices: tree.split_indices,
    // XGBoost refuses split_type without the categories arrays, so both are always written.
    split_type: hasCategories ? (tree.split_type ?? []) : new Array<number>(nodeCount).fill(0),
    sum_hessian: tree.sum_hessian,
    tree_param: {
      num_deleted: tree.tree_param.num_deleted ?? "0",
      num_feature: tree.tree_param.num_feature ?? featureCount,
      num_nodes: String(nodeCount),
      size_leaf_vector: "0",
    },
  };
}

/**
 * Drops `best_iteration` and `best_ntree_limit` unless they name the whole forest: SageMaker's
 * 1.7 container predicts with only `best_ntree_limit` trees, which would disagree with every
 * other reader of the file.
 */
function currentAttributes(
  attributes: Readonly<Record<string, string>>,
  treeCount: number,
): Record<string, string> {
  const kept = { ...attributes };
  const isWhole =
    kept.best_ntree_limit === String(treeCount) &&
    (kept.best_iteration === undefined || kept.best_iteration === String(treeCount - 1));
  if (!isWhole) {
    delete kept.best_ntree_limit;
    delete kept.best_iteration;
  }
  return kept;
}

function serialise(value: Json, key: string): string {
  if (Array.isArray(value)) {
    const items = FLOAT_ARRAYS.has(key)
      ? value.map((item) => formatFloat32(Number(item)))
      : value.map((item: Json) => serialise(item, ""));
    return `[${items.join(",")}]`;
  }
  if (value !== null && typeof value === "object") {
    const fields = Object.entries(value).map(
      ([name, item]) => `${JSON.stringify(name)}:${serialise(item as Json, name)}`,
    );
    return `{${fields.join(",")}}`;
  }
  return JSON.stringify(value);
}
