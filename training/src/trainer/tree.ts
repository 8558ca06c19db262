/**
 * A grown tree in XGBoost's own per-node arrays (the JSON model's layout), plus the bin each
 * split was chosen at, so training rows can be routed by their bins without their values.
 */
export interface TrainedTree {
  readonly leftChildren: number[];
  readonly rightChildren: number[];
  readonly parents: number[];
  readonly splitIndices: number[];
  /** Thresholds at splits, leaf values (already multiplied by the learning rate) at leaves. */
  readonly splitConditions: number[];
  readonly defaultLeft: number[];
  readonly baseWeights: number[];
  readonly lossChanges: number[];
  readonly sumHessian: number[];
  /** Per split, the global bin number (see BinnedMatrix) of the last bin that goes left. */
  readonly splitBins: number[];
}

/** XGBoost writes the root's parent as 0x7fffffff, its masked −1. */
export const ROOT_PARENT = 2147483647;

export function createTree(): TrainedTree {
  return {
    leftChildren: [],
    rightChildren: [],
    parents: [],
    splitIndices: [],
    splitConditions: [],
    defaultLeft: [],
    baseWeights: [],
    lossChanges: [],
    sumHessian: [],
    splitBins: [],
  };
}

/** Appends a leaf and returns its node id. */
export function addLeaf(tree: TrainedTree, parent: number, value: number, hessian: number): number {
  const id = tree.leftChildren.length;
  tree.leftChildren.push(-1);
  tree.rightChildren.push(-1);
  tree.parents.push(parent);
  tree.splitIndices.push(0);
  tree.splitConditions.push(value);
  tree.defaultLeft.push(0);
  tree.baseWeights.push(value);
  tree.lossChanges.push(0);
  tree.sumHessian.push(Math.fround(hessian));
  tree.splitBins.push(0);
  return id;
}

/** Turns a leaf into a split whose two children are the next two node ids, left first. */
export function setSplit(
  tree: TrainedTree,
  node: number,
  split: {
    feature: number;
    splitBin: number;
    threshold: number;
    isDefaultLeft: boolean;
    baseWeight: number;
    lossChange: number;
  },
  left: { value: number; hessian: number },
  right: { value: number; hessian: number },
): { leftId: number; rightId: number } {
  const leftId = addLeaf(tree, node, left.value, left.hessian);
  const rightId = addLeaf(tree, node, right.value, right.hessian);
  tree.leftChildren[node] = leftId;
  tree.rightChildren[node] = rightId;
  tree.splitIndices[node] = split.feature;
  tree.splitConditions[node] = split.threshold;
  tree.defaultLeft[node] = split.isDefaultLeft ? 1 : 0;
  tree.baseWeights[node] = split.baseWeight;
  tree.lossChanges[node] = split.lossChange;
  tree.splitBins[node] = split.splitBin;
  return { leftId, rightId };
}

/** The leaf value of a row given by its float32 features (`x < threshold` goes left). */
export function leafValueOf(tree: TrainedTree, features: Float32Array, rowOffset: number): number {
  let node = 0;
  let left = tree.leftChildren[0] ?? -1;
  while (left !== -1) {
    const value = features[rowOffset + (tree.splitIndices[node] ?? 0)] ?? Number.NaN;
    const goesLeft = Number.isNaN(value)
      ? tree.defaultLeft[node] === 1
      : value < (tree.splitConditions[node] ?? 0);
    node = goesLeft ? left : left + 1;
    left = tree.leftChildren[node] ?? -1;
  }
  return tree.splitConditions[node] ?? 0;
}

/** The leaf value of a training row given by its global bin numbers; equals `leafValueOf`. */
export function binnedLeafValueOf(
  tree: TrainedTree,
  bins: Uint16Array | Uint32Array,
  rowOffset: number,
  missingBin: number,
): number {
  let node = 0;
  let left = tree.leftChildren[0] ?? -1;
  while (left !== -1) {
    const bin = bins[rowOffset + (tree.splitIndices[node] ?? 0)] ?? missingBin;
    const goesLeft =
      bin === missingBin ? tree.defaultLeft[node] === 1 : bin <= (tree.splitBins[node] ?? 0);
    node = goesLeft ? left : left + 1;
    left = tree.leftChildren[node] ?? -1;
  }
  return tree.splitConditions[node] ?? 0;
}
