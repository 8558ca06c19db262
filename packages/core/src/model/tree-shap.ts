import type { CompiledModel } from "./compile.ts";
import { checkInput } from "./predict.ts";

/*
 * Exact TreeSHAP for one tree (Lundberg, Erion & Lee, "Consistent Individualized Feature
 * Attribution for Tree Ensembles", 2018, Algorithm 2), summed over the trees, with XGBoost's
 * conventions: a node's cover is its sum_hessian, missing values follow the default side, and
 * the last column holds the bias (the base margin plus each tree's cover-weighted mean leaf).
 * It runs in double precision where XGBoost uses float32, so values agree with
 * `pred_contribs=True` to float32 rounding, not bit for bit.
 */

/** The unique path of features from the root, stacked one segment per recursion depth. */
interface Workspace {
  readonly compiled: CompiledModel;
  readonly features: Float32Array;
  readonly nodeMeans: Float64Array;
  readonly pathFeature: Int32Array;
  readonly zeroFraction: Float64Array;
  readonly oneFraction: Float64Array;
  readonly weight: Float64Array;
  readonly phi: Float64Array;
  rowStart: number;
  phiStart: number;
}

/**
 * SHAP contributions of each feature to each row's margin: rowCount × (featureCount + 1)
 * values, row by row, the last of each row the bias; a row's values sum to its margin. Throws
 * `ChurnError` `model.bad_input` when `features` does not hold rowCount × featureCount values.
 */
export function treeShap(
  compiled: CompiledModel,
  features: Float32Array,
  rowCount: number,
): Float64Array {
  checkInput(compiled, features, rowCount);
  const width = compiled.featureCount + 1;
  const pathDepth = compiled.maxDepth + 2;
  const pathSize = (pathDepth * (pathDepth + 1)) / 2;
  const space: Workspace = {
    compiled,
    features,
    nodeMeans: computeNodeMeans(compiled),
    pathFeature: new Int32Array(pathSize),
    zeroFraction: new Float64Array(pathSize),
    oneFraction: new Float64Array(pathSize),
    weight: new Float64Array(pathSize),
    phi: new Float64Array(rowCount * width),
    rowStart: 0,
    phiStart: 0,
  };
  let bias = compiled.baseMargin;
  for (let tree = 0; tree < compiled.treeCount; tree += 1) {
    bias += space.nodeMeans[compiled.treeOffsets[tree] ?? 0] ?? 0;
  }

  for (let row = 0; row < rowCount; row += 1) {
    space.rowStart = row * compiled.featureCount;
    space.phiStart = row * width;
    space.phi[space.phiStart + compiled.featureCount] = bias;
    for (let tree = 0; tree < compiled.treeCount; tree += 1) {
      visit(space, compiled.treeOffsets[tree] ?? 0, 0, 0, 1, 1, -1);
    }
  }
  return space.phi;
}

/** Each node's expected leaf value, weighing its subtrees by cover; children follow parents. */
function computeNodeMeans(compiled: CompiledModel): Float64Array {
  const { leftChildren, leafValues, sumHessians } = compiled;
  const means = new Float64Array(leftChildren.length);
  for (let node = leftChildren.length - 1; node >= 0; node -= 1) {
    const left = leftChildren[node] ?? -1;
    means[node] =
      left === -1
        ? (leafValues[node] ?? 0)
        : ((means[left] ?? 0) * (sumHessians[left] ?? 0) +
            (means[left + 1] ?? 0) * (sumHessians[left + 1] ?? 0)) /
          (sumHessians[node] ?? 0);
  }
  return means;
}

function visit(
  space: Workspace,
  node: number,
  uniqueDepth: number,
  parentStart: number,
  parentZero: number,
  parentOne: number,
  parentFeature: number,
): void {
  const { compiled, pathFeature, zeroFraction, oneFraction, weight } = space;
  const start = parentStart + uniqueDepth + 1;
  for (let i = 0; i <= uniqueDepth; i += 1) {
    pathFeature[start + i] = pathFeature[parentStart + i] ?? 0;
    zeroFraction[start + i] = zeroFraction[parentStart + i] ?? 0;
    oneFraction[start + i] = oneFraction[parentStart + i] ?? 0;
    weight[start + i] = weight[parentStart + i] ?? 0;
  }
  extendPath(space, start, uniqueDepth, parentZero, parentOne, parentFeature);

  const left = compiled.leftChildren[node] ?? -1;
  if (left === -1) {
    const leaf = compiled.leafValues[node] ?? 0;
    for (let i = 1; i <= uniqueDepth; i += 1) {
      const at = start + i;
      const share = unwoundPathSum(space, start, uniqueDepth, i);
      const feature = space.phiStart + (pathFeature[at] ?? 0);
      space.phi[feature] =
        (space.phi[feature] ?? 0) +
        share * ((oneFraction[at] ?? 0) - (zeroFraction[at] ?? 0)) * leaf;
    }
    return;
  }

  const split = compiled.splitFeatures[node] ?? 0;
  const value = space.features[space.rowStart + split] ?? Number.NaN;
  const goesLeft =
    value < (compiled.thresholds[node] ?? 0) ||
    (Number.isNaN(value) && compiled.defaultLeft[node] === 1);
  const hot = goesLeft ? left : left + 1;
  const cold = goesLeft ? left + 1 : left;
  const cover = compiled.sumHessians[node] ?? 0;
  const hotZero = (compiled.sumHessians[hot] ?? 0) / cover;
  const coldZero = (compiled.sumHessians[cold] ?? 0) / cover;

  // A feature already on the path is taken off it and put back with this split's fractions.
  let incomingZero = 1;
  let incomingOne = 1;
  let depth = uniqueDepth;
  let pathIndex = 0;
  while (pathIndex <= depth && pathFeature[start + pathIndex] !== split) pathIndex += 1;
  if (pathIndex <= depth) {
    incomingZero = zeroFraction[start + pathIndex] ?? 0;
    incomingOne = oneFraction[start + pathIndex] ?? 0;
    unwindPath(space, start, depth, pathIndex);
    depth -= 1;
  }
  visit(space, hot, depth + 1, start, hotZero * incomingZero, incomingOne, split);
  visit(space, cold, depth + 1, start, coldZero * incomingZero, 0, split);
}

function extendPath(
  space: Workspace,
  start: number,
  depth: number,
  zero: number,
  one: number,
  feature: number,
): void {
  const { weight } = space;
  space.pathFeature[start + depth] = feature;
  space.zeroFraction[start + depth] = zero;
  space.oneFraction[start + depth] = one;
  weight[start + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i -= 1) {
    const current = weight[start + i] ?? 0;
    weight[start + i + 1] = (weight[start + i + 1] ?? 0) + (one * current * (i + 1)) / (depth + 1);
    weight[start + i] = (zero * current * (depth - i)) / (depth + 1);
  }
}

function unwindPath(space: Workspace, start: number, depth: number, pathIndex: number): void {
  const { pathFeature, zeroFraction, oneFraction, weight } = space;
  const one = oneFraction[start + pathIndex] ?? 0;
  const zero = zeroFraction[start + pathIndex] ?? 0;
  let next = weight[start + depth] ?? 0;
  for (let i = depth - 1; i >= 0; i -= 1) {
    if (one !== 0) {
      const current = weight[start + i] ?? 0;
      const restored = (next * (depth + 1)) / ((i + 1) * one);
      weight[start + i] = restored;
      next = current - (restored * zero * (depth - i)) / (depth + 1);
    } else {
      weight[start + i] = ((weight[start + i] ?? 0) * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = pathIndex; i < depth; i += 1) {
    pathFeature[start + i] = pathFeature[start + i + 1] ?? 0;
    zeroFraction[start + i] = zeroFraction[start + i + 1] ?? 0;
    oneFraction[start + i] = oneFraction[start + i + 1] ?? 0;
  }
}

/** The total path weight as if the feature at `pathIndex` had been unwound from the path. */
function unwoundPathSum(space: Workspace, start: number, depth: number, pathIndex: number): number {
  const { zeroFraction, oneFraction, weight } = space;
  const one = oneFraction[start + pathIndex] ?? 0;
  const zero = zeroFraction[start + pathIndex] ?? 0;
  let next = weight[start + depth] ?? 0;
  let total = 0;
  for (let i = depth - 1; i >= 0; i -= 1) {
    if (one !== 0) {
      const share = (next * (depth + 1)) / ((i + 1) * one);
      total += share;
      next = (weight[start + i] ?? 0) - share * zero * ((depth - i) / (depth + 1));
    } else {
      total += (weight[start + i] ?? 0) / zero / ((depth - i) / (depth + 1));
    }
  }
  return total;
}
