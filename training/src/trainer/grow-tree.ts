import type { BinnedMatrix } from "./binned-matrix.ts";
import { buildHistogram, histogramLength, subtractHistogram } from "./histogram.ts";
import { findBestSplit, nodeWeight, type SplitCandidate, type SplitRules } from "./split.ts";
import { addLeaf, createTree, ROOT_PARENT, setSplit, type TrainedTree } from "./tree.ts";

export interface GrowRules extends SplitRules {
  readonly maxDepth: number;
  readonly gamma: number;
  readonly learningRate: number;
}

export interface GrowInput {
  readonly matrix: BinnedMatrix;
  readonly gradients: Float32Array;
  readonly hessians: Float32Array;
  /** The rows this tree learns from (the row sample); reordered in place by the partitions. */
  readonly rows: Uint32Array;
  readonly rowCount: number;
  /** The features this tree may split on, in increasing order. */
  readonly features: Int32Array;
  readonly rules: GrowRules;
}

/** A leaf and the rows of the sample that reached it: `rows[begin .. end)` after growth. */
export interface LeafRange {
  readonly begin: number;
  readonly end: number;
  readonly value: number;
}

export interface GrownTree {
  readonly tree: TrainedTree;
  readonly leaves: LeafRange[];
}

interface OpenNode {
  readonly id: number;
  readonly begin: number;
  readonly end: number;
  readonly gradient: number;
  readonly hessian: number;
  histogram: Float64Array | undefined;
}

/** XGBoost's `kRtEps`: a split must gain more than this to be made. */
const MIN_LOSS_CHANGE = 1e-6;

/**
 * Grows one tree depthwise as XGBoost's `hist` updater does: every node of a depth is split in
 * increasing node id, each split appends its left then its right child, and the larger child's
 * histogram is the parent's minus the smaller child's.
 */
export function growTree(input: GrowInput): GrownTree {
  const { matrix, rules } = input;
  const tree = createTree();
  const scratch = new Uint32Array(input.rowCount);
  const eta = Math.fround(rules.learningRate);

  const rootHistogram = new Float64Array(histogramLength(matrix));
  buildHistogram(
    matrix,
    input.gradients,
    input.hessians,
    input.rows,
    0,
    input.rowCount,
    input.features,
    rootHistogram,
  );
  const [rootGradient, rootHessian] = rootSums(input, rootHistogram);
  const rootWeight = nodeWeight(rules, rootGradient, rootHessian);
  addLeaf(tree, ROOT_PARENT, Math.fround(rootWeight * eta), rootHessian);
  tree.baseWeights[0] = rootWeight;

  const leaves: LeafRange[] = [];
  let level: OpenNode[] = [
    {
      id: 0,
      begin: 0,
      end: input.rowCount,
      gradient: rootGradient,
      hessian: rootHessian,
      histogram: rootHistogram,
    },
  ];
  for (let depth = 0; depth < rules.maxDepth && level.length > 0; depth++) {
    const next: OpenNode[] = [];
    for (const node of level) {
      const split = bestValidSplit(input, node);
      if (split === undefined) {
        leaves.push(leafRange(tree, node));
        continue;
      }
      const children = applySplit(input, tree, node, split, scratch, eta);
      next.push(children.left, children.right);
      if (depth + 1 < rules.maxDepth)
        fillChildHistograms(input, node, children.left, children.right);
      node.histogram = undefined;
    }
    level = next;
  }
  for (const node of level) leaves.push(leafRange(tree, node));
  return { tree, leaves };
}

function leafRange(tree: TrainedTree, node: OpenNode): LeafRange {
  return { begin: node.begin, end: node.end, value: tree.splitConditions[node.id] ?? 0 };
}

/**
 * The node sums. On a matrix without missing cells XGBoost takes them from feature 0's bins,
 * elsewhere it adds every row's pair; either way in double.
 */
function rootSums(input: GrowInput, histogram: Float64Array): [number, number] {
  let gradient = 0;
  let hessian = 0;
  const firstFeature = input.features[0] ?? 0;
  if (!input.matrix.hasMissing && firstFeature === 0) {
    const end = input.matrix.cuts.offsets[1] ?? 0;
    for (let bin = 0; bin < end; bin++) {
      gradient += histogram[2 * bin] ?? 0;
      hessian += histogram[2 * bin + 1] ?? 0;
    }
    return [gradient, hessian];
  }
  for (let i = 0; i < input.rowCount; i++) {
    const row = input.rows[i] ?? 0;
    gradient += input.gradients[row] ?? 0;
    hessian += input.hessians[row] ?? 0;
  }
  return [gradient, hessian];
}

function bestValidSplit(input: GrowInput, node: OpenNode): SplitCandidate | undefined {
  if (node.histogram === undefined) return undefined;
  const { rules } = input;
  const split = findBestSplit(
    node.histogram,
    input.matrix.cuts,
    input.features,
    node.gradient,
    node.hessian,
    rules,
  );
  if (split === undefined) return undefined;
  if (!(split.lossChange > MIN_LOSS_CHANGE)) return undefined;
  if (split.leftHessian === 0 || split.rightHessian === 0) return undefined;
  if (split.lossChange < rules.gamma) return undefined;
  return split;
}

function applySplit(
  input: GrowInput,
  tree: TrainedTree,
  node: OpenNode,
  split: SplitCandidate,
  scratch: Uint32Array,
  eta: number,
): { left: OpenNode; right: OpenNode } {
  const { rules } = input;
  const leftValue = Math.fround(nodeWeight(rules, split.leftGradient, split.leftHessian) * eta);
  const rightValue = Math.fround(nodeWeight(rules, split.rightGradient, split.rightHessian) * eta);
  const { leftId, rightId } = setSplit(
    tree,
    node.id,
    {
      feature: split.feature,
      splitBin: (input.matrix.cuts.offsets[split.feature] ?? 0) + split.splitBin,
      threshold: split.threshold,
      isDefaultLeft: split.isDefaultLeft,
      baseWeight: nodeWeight(rules, node.gradient, node.hessian),
      lossChange: split.lossChange,
    },
    { value: leftValue, hessian: split.leftHessian },
    { value: rightValue, hessian: split.rightHessian },
  );

  const middle = partitionRows(input, node, split, scratch);
  return {
    left: {
      id: leftId,
      begin: node.begin,
      end: middle,
      gradient: split.leftGradient,
      hessian: split.leftHessian,
      histogram: undefined,
    },
    right: {
      id: rightId,
      begin: middle,
      end: node.end,
      gradient: split.rightGradient,
      hessian: split.rightHessian,
      histogram: undefined,
    },
  };
}

/** Stable in-place partition of the node's rows: left rows first; returns where right starts. */
function partitionRows(
  input: GrowInput,
  node: OpenNode,
  split: SplitCandidate,
  scratch: Uint32Array,
): number {
  const { bins, featureCount, missingBin } = input.matrix;
  const rows = input.rows;
  const feature = split.feature;
  const splitBin = (input.matrix.cuts.offsets[feature] ?? 0) + split.splitBin;
  const isDefaultLeft = split.isDefaultLeft;
  let leftEnd = node.begin;
  let rightCount = 0;
  for (let i = node.begin; i < node.end; i++) {
    const row = rows[i] ?? 0;
    const bin = bins[row * featureCount + feature] ?? missingBin;
    const goesLeft = bin === missingBin ? isDefaultLeft : bin <= splitBin;
    if (goesLeft) rows[leftEnd++] = row;
    else scratch[rightCount++] = row;
  }
  rows.set(scratch.subarray(0, rightCount), leftEnd);
  return leftEnd;
}

/**
 * Gives each child that may still split its histogram: the smaller one is built from its rows
 * and the larger one is the parent's minus it; a child alone in needing one is built directly.
 */
function fillChildHistograms(
  input: GrowInput,
  parent: OpenNode,
  left: OpenNode,
  right: OpenNode,
): void {
  const parentHistogram = parent.histogram;
  if (parentHistogram === undefined) return;
  const isLeftOpen = mayStillSplit(input, left);
  const isRightOpen = mayStillSplit(input, right);
  if (!isLeftOpen && !isRightOpen) return;
  const build = (node: OpenNode, histogram: Float64Array) => {
    const { matrix, gradients, hessians, rows, features } = input;
    buildHistogram(matrix, gradients, hessians, rows, node.begin, node.end, features, histogram);
    node.histogram = histogram;
  };
  if (isLeftOpen !== isRightOpen) {
    build(isLeftOpen ? left : right, parentHistogram);
    return;
  }

  const isLeftSmaller = left.end - left.begin <= right.end - right.begin;
  const small = isLeftSmaller ? left : right;
  const large = isLeftSmaller ? right : left;
  const smallHistogram = new Float64Array(parentHistogram.length);
  build(small, smallHistogram);
  subtractHistogram(parentHistogram, smallHistogram);
  large.histogram = parentHistogram;
}

/**
 * False when no split of the node can leave min_child_weight on both sides, so its histogram
 * would never be read. The slack absorbs rounding between the node's and its bins' sums.
 */
function mayStillSplit(input: GrowInput, node: OpenNode): boolean {
  if (node.end - node.begin < 2) return false;
  const needed = 2 * input.rules.minChildWeight;
  return node.hessian >= needed - 1e-9 * Math.max(1, needed);
}
