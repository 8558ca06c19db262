import * as v from "valibot";
import { ChurnError } from "../errors/index.ts";

/*
 * XGBoost's JSON model as versions 1.7, 2.x and 3.x write it (docs/model-format.md). Parameters
 * stay strings, as XGBoost writes and requires them; numbers stay as JSON read them, so a model
 * read and written again keeps every key the loaders need. Keys this schema does not name are
 * dropped: the writer emits the 1.7 layout, which every later version also reads.
 */

/** A numeric parameter as XGBoost writes it: a JSON string such as `"5E-1"` or `"200"`. */
const Parameter = v.string();
const Integer = v.pipe(v.number(), v.integer());
const Integers = v.array(Integer);
const Floats = v.array(v.number());

/** `default_left` is 0/1 in XGBoost's output, and its loader takes booleans too. */
const Flags = v.array(
  v.pipe(
    v.union([v.literal(0), v.literal(1), v.boolean()]),
    v.transform((flag): 0 | 1 => (flag === 1 || flag === true ? 1 : 0)),
  ),
);

export const XgbTreeSchema = v.object({
  id: Integer,
  tree_param: v.object({
    num_nodes: Parameter,
    num_deleted: v.optional(Parameter),
    num_feature: v.optional(Parameter),
    size_leaf_vector: v.optional(Parameter),
  }),
  left_children: Integers,
  right_children: Integers,
  parents: Integers,
  split_indices: Integers,
  /** Thresholds at internal nodes; at leaves, the value the leaf adds to the margin. */
  split_conditions: Floats,
  default_left: Flags,
  base_weights: Floats,
  loss_changes: Floats,
  sum_hessian: Floats,
  split_type: v.optional(Integers),
  categories: v.optional(Integers),
  categories_nodes: v.optional(Integers),
  categories_segments: v.optional(Integers),
  categories_sizes: v.optional(Integers),
});

export const XgbModelSchema = v.object({
  version: v.optional(v.array(Integer)),
  learner: v.object({
    attributes: v.record(v.string(), v.string()),
    feature_names: v.optional(v.array(v.string())),
    feature_types: v.optional(v.array(v.string())),
    learner_model_param: v.object({
      /** In probability space for logistic objectives; 3.1+ writes a vector such as `"[2E-1]"`. */
      base_score: Parameter,
      num_class: Parameter,
      num_feature: Parameter,
      num_target: v.optional(Parameter),
      boost_from_average: v.optional(Parameter),
    }),
    objective: v.object({
      name: v.string(),
      reg_loss_param: v.optional(v.record(v.string(), Parameter)),
    }),
    gradient_booster: v.object({
      name: v.literal("gbtree"),
      model: v.object({
        gbtree_model_param: v.object({
          num_trees: Parameter,
          num_parallel_tree: v.optional(Parameter),
          size_leaf_vector: v.optional(Parameter),
        }),
        trees: v.array(XgbTreeSchema),
        tree_info: Integers,
        iteration_indptr: v.optional(Integers),
      }),
    }),
  }),
});

export type XgbTree = v.InferOutput<typeof XgbTreeSchema>;
export type XgbModel = v.InferOutput<typeof XgbModelSchema>;

/** The value XGBoost writes in `parents` for a root: -1 masked to 31 bits. */
export const ROOT_PARENT = 2147483647;

const TREE_ARRAYS = [
  "left_children",
  "right_children",
  "parents",
  "split_indices",
  "split_conditions",
  "default_left",
  "base_weights",
  "loss_changes",
  "sum_hessian",
] as const;

/**
 * Checks a JSON value against XGBoost's model layout and the invariants its predictor relies
 * on; throws `ChurnError` `model.invalid` naming the first problem.
 */
export function parseXgbModel(json: unknown): XgbModel {
  const result = v.safeParse(XgbModelSchema, json);
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue === undefined ? "" : pathOf(issue.path);
    throw new ChurnError(
      "model.invalid",
      `The XGBoost model does not match XGBoost's JSON layout at ${path || "its root"}: ` +
        `${issue?.message ?? "unknown problem"}; save it again with XGBoost's save_model.`,
      { context: { path } },
    );
  }
  checkForest(result.output);
  return result.output;
}

/**
 * The number of features a model reads, from `learner_model_param.num_feature`; throws
 * `model.invalid` when it is not a non-negative integer.
 */
export function featureCountOf(model: XgbModel): number {
  return integerParameter(model.learner.learner_model_param.num_feature, "num_feature");
}

/**
 * `base_score` as a number in probability space, reading both the scalar form (1.7 to 3.0) and
 * the one-element vector form of 3.1 and later; throws `model.invalid` for anything else.
 */
export function baseScoreOf(model: XgbModel): number {
  const text = model.learner.learner_model_param.base_score.trim();
  const scalar = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1).trim() : text;
  const value = Number(scalar);
  if (scalar === "" || scalar.includes(",") || !Number.isFinite(value)) {
    throw new ChurnError(
      "model.invalid",
      `The XGBoost model's base_score "${text}" is not one number; write it as e.g. "5E-1".`,
      { context: { baseScore: text } },
    );
  }
  return value;
}

function checkForest(model: XgbModel): void {
  const {
    trees,
    tree_info: treeInfo,
    gbtree_model_param: param,
  } = model.learner.gradient_booster.model;
  const treeCount = integerParameter(param.num_trees, "num_trees");
  if (trees.length !== treeCount || treeInfo.length !== treeCount) {
    invalid(
      `num_trees is ${treeCount} but the model holds ${trees.length} trees and ` +
        `${treeInfo.length} tree_info entries`,
    );
  }
  const featureCount = featureCountOf(model);
  trees.forEach((tree, index) => {
    if (tree.id !== index) invalid(`tree ${index} carries id ${tree.id}`);
    checkTree(tree, index, featureCount);
  });
  baseScoreOf(model);
}

function checkTree(tree: XgbTree, treeIndex: number, featureCount: number): void {
  const nodeCount = integerParameter(tree.tree_param.num_nodes, `trees[${treeIndex}].num_nodes`);
  for (const name of TREE_ARRAYS) {
    if (tree[name].length !== nodeCount) {
      invalid(`tree ${treeIndex} has ${tree[name].length} ${name} for ${nodeCount} nodes`);
    }
  }
  for (let node = 0; node < nodeCount; node += 1) {
    const left = tree.left_children[node] ?? -1;
    if (left === -1) continue;
    const feature = tree.split_indices[node] ?? -1;
    // XGBoost's predictor takes the right child to be left + 1 and never reads right_children,
    // so a file breaking that rule predicts differently (or loops) in XGBoost.
    if (left <= node || left + 1 >= nodeCount || tree.right_children[node] !== left + 1) {
      invalid(`tree ${treeIndex} node ${node} does not have children at left and left + 1`);
    }
    if (feature < 0 || feature >= featureCount) {
      invalid(`tree ${treeIndex} node ${node} splits on feature ${feature} of ${featureCount}`);
    }
  }
}

function integerParameter(text: string, name: string): number {
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(value)) {
    invalid(`${name} "${text}" is not a non-negative integer`);
  }
  return value;
}

function invalid(problem: string): never {
  throw new ChurnError(
    "model.invalid",
    `The XGBoost model is inconsistent: ${problem}; save it again with XGBoost or the trainer.`,
  );
}

function pathOf(path: readonly { key: unknown }[] | undefined): string {
  return (path ?? []).map((item) => String(item.key)).join(".");
}
