import { ChurnError } from "../errors/index.ts";
import { probabilityToMarginf } from "./float32-math.ts";
import { baseScoreOf, featureCountOf, parseXgbModel, type XgbModel } from "./xgb-model.ts";

/**
 * A model flattened for evaluation: every tree's nodes in one set of typed arrays, indexed by
 * a global node number. Node numbers keep XGBoost's within-tree order, so an internal node's
 * right child is its left child + 1, as XGBoost's predictor assumes.
 */
export interface CompiledModel {
  readonly featureCount: number;
  readonly treeCount: number;
  readonly objective: string;
  /** The float32 margin every row starts from: XGBoost's ProbToMargin(base_score). */
  readonly baseMargin: number;
  /** The global node number of each tree's root, and after the last tree, the node count. */
  readonly treeOffsets: Int32Array;
  readonly splitFeatures: Int32Array;
  /** float32 split thresholds, `x < threshold` going left; NaN at leaves, which no value passes. */
  readonly thresholds: Float32Array;
  /** Global number of the left child; -1 marks a leaf. */
  readonly leftChildren: Int32Array;
  /** 1 when a missing value goes to the left child. */
  readonly defaultLeft: Uint8Array;
  /**
   * Where one traversal step starts from: the left child of an internal node, a leaf itself.
   * A step lands on `stepBases[node] + (goes right ? 1 : 0)`, and never leaves a leaf.
   */
  readonly stepBases: Int32Array;
  /** 1 when a missing value goes right at an internal node; 0 at leaves. */
  readonly missingGoesRight: Uint8Array;
  /** The depth of each tree's deepest leaf: the traversal steps that reach every leaf. */
  readonly treeDepths: Int32Array;
  /** What a leaf adds to the margin (XGBoost's `split_conditions` at leaves); 0 elsewhere. */
  readonly leafValues: Float32Array;
  /** Σ hessian of each node (XGBoost's cover), which TreeSHAP weighs paths by. */
  readonly sumHessians: Float32Array;
  /** The deepest leaf's depth over all trees, the root being at depth 0. */
  readonly maxDepth: number;
}

/** Objectives whose margin is a log-odds and whose base_score is a probability. */
const LOGISTIC_OBJECTIVES = new Set(["binary:logistic", "reg:logistic", "binary:logitraw"]);

/**
 * Flattens a parsed model for `predictMargins`, `predictProbabilities` and `treeShap`; throws
 * `ChurnError` `model.unsupported` for anything but a single-output logistic gbtree with
 * numerical splits, and `model.invalid` for a model breaking XGBoost's invariants.
 */
export function compileModel(model: XgbModel): CompiledModel {
  const checked = parseXgbModel(model);
  checkSupported(checked);
  const baseScore = baseScoreOf(checked);
  if (!(baseScore > 0 && baseScore < 1)) {
    throw new ChurnError(
      "model.invalid",
      `The model's base_score ${baseScore} is not a probability strictly between 0 and 1, ` +
        "which XGBoost also refuses; write the intercept as a probability.",
      { context: { baseScore } },
    );
  }
  const trees = checked.learner.gradient_booster.model.trees;
  const treeOffsets = new Int32Array(trees.length + 1);
  trees.forEach((tree, index) => {
    treeOffsets[index + 1] = (treeOffsets[index] ?? 0) + tree.left_children.length;
  });
  const nodeCount = treeOffsets[trees.length] ?? 0;
  const compiled = {
    featureCount: featureCountOf(checked),
    treeCount: trees.length,
    objective: checked.learner.objective.name,
    baseMargin: probabilityToMarginf(baseScore),
    treeOffsets,
    splitFeatures: new Int32Array(nodeCount),
    thresholds: new Float32Array(nodeCount),
    leftChildren: new Int32Array(nodeCount),
    defaultLeft: new Uint8Array(nodeCount),
    stepBases: new Int32Array(nodeCount),
    missingGoesRight: new Uint8Array(nodeCount),
    treeDepths: new Int32Array(trees.length),
    leafValues: new Float32Array(nodeCount),
    sumHessians: new Float32Array(nodeCount),
    maxDepth: 0,
  };

  trees.forEach((tree, index) => {
    const offset = treeOffsets[index] ?? 0;
    const depths = new Int32Array(tree.left_children.length);
    tree.left_children.forEach((left, node) => {
      const at = offset + node;
      compiled.sumHessians[at] = tree.sum_hessian[node] ?? 0;
      if (left === -1) {
        compiled.leftChildren[at] = -1;
        compiled.stepBases[at] = at;
        compiled.thresholds[at] = Number.NaN;
        compiled.leafValues[at] = tree.split_conditions[node] ?? 0;
        compiled.treeDepths[index] = Math.max(compiled.treeDepths[index] ?? 0, depths[node] ?? 0);
        return;
      }
      const defaultLeft = tree.default_left[node] ?? 0;
      compiled.leftChildren[at] = offset + left;
      compiled.stepBases[at] = offset + left;
      compiled.splitFeatures[at] = tree.split_indices[node] ?? 0;
      compiled.thresholds[at] = tree.split_conditions[node] ?? 0;
      compiled.defaultLeft[at] = defaultLeft;
      compiled.missingGoesRight[at] = 1 - defaultLeft;
      // Children always follow their parent (checked on parsing), so depths fill in order.
      depths[left] = (depths[node] ?? 0) + 1;
      depths[left + 1] = (depths[node] ?? 0) + 1;
    });
  });
  return { ...compiled, maxDepth: Math.max(0, ...compiled.treeDepths) };
}

function checkSupported(model: XgbModel): void {
  const { learner } = model;
  const forest = learner.gradient_booster.model;
  const problems = [
    LOGISTIC_OBJECTIVES.has(learner.objective.name)
      ? undefined
      : `objective ${learner.objective.name} (only logistic objectives are evaluated)`,
    Number(learner.learner_model_param.num_class) > 1 ? "more than one class" : undefined,
    Number(learner.learner_model_param.num_target ?? "1") > 1 ? "more than one target" : undefined,
    forest.tree_info.some((group) => group !== 0) ? "trees for several output groups" : undefined,
    forest.trees.some((tree) => tree.split_type?.some((type) => type !== 0))
      ? "categorical splits"
      : undefined,
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0) {
    throw new ChurnError(
      "model.unsupported",
      `The XGBoost model uses ${problems.join(", ")}, which the evaluator does not support; ` +
        "train a binary:logistic model on numerical features.",
      { context: { problems } },
    );
  }
}
