import { type BinnedMatrix, binMatrix } from "./binned-matrix.ts";
import { computeCuts } from "./cuts.ts";
import { type GrownTree, growTree } from "./grow-tree.ts";
import { parseTrainingParams, type TrainingParams } from "./params.ts";
import { type RandomSource, shuffleInPlace } from "./random.ts";
import { sigmoid32 } from "./sigmoid.ts";
import { binnedLeafValueOf, leafValueOf, type TrainedTree } from "./tree.ts";

/** Rows of float32 features (row-major, NaN = missing) with 0/1 labels. */
export interface LabelledMatrix {
  readonly features: Float32Array;
  readonly labels: ArrayLike<number>;
  readonly rowCount: number;
  readonly featureCount: number;
}

export interface BoostOptions {
  readonly params: TrainingParams;
  readonly random: RandomSource;
  /** Rows scored after every tree; with `earlyStoppingRounds`, they decide when to stop. */
  readonly validation?: LabelledMatrix;
  /** Stop once the validation log loss has not improved for this many trees. */
  readonly earlyStoppingRounds?: number;
}

export interface Booster {
  /** The trees in boosting order; after early stopping, only those up to the best one. */
  readonly trees: TrainedTree[];
  /** XGBoost 1.7's fixed intercept: base_score 0.5, so every margin starts at 0. */
  readonly baseScore: 0.5;
  readonly featureCount: number;
  /** The 0-based index of the tree after which the validation log loss was lowest. */
  readonly bestIteration: number;
  /** The validation log loss after each tree grown (empty without a validation set). */
  readonly validationLogLoss: readonly number[];
}

/**
 * Trains gradient-boosted trees for `binary:logistic` with XGBoost's `hist` method: cuts and
 * bins computed once, second-order gradients of the logistic loss in float32, depthwise trees,
 * float32 margins. Row sampling is Bernoulli per row and tree, column sampling draws
 * max(1, ⌊rate·n⌋) features per tree, both from `options.random`. Throws
 * `training.bad_params` for a parameter out of its range.
 */
export function trainBooster(train: LabelledMatrix, options: BoostOptions): Booster {
  const params = parseTrainingParams(options.params);
  const { random } = options;
  const { rowCount, featureCount } = train;
  const cuts = computeCuts(train.features, rowCount, featureCount, params.maxBin);
  const matrix = binMatrix(train.features, rowCount, featureCount, cuts);

  const margins = new Float32Array(rowCount);
  const gradients = new Float32Array(rowCount);
  const hessians = new Float32Array(rowCount);
  const rows = new Uint32Array(rowCount);
  const validationMargins = new Float32Array(options.validation?.rowCount ?? 0);
  const trees: TrainedTree[] = [];
  const validationLogLoss: number[] = [];
  let bestIteration = -1;
  let bestLoss = Number.POSITIVE_INFINITY;

  for (let iteration = 0; iteration < params.nEstimators; iteration++) {
    const sampledRowCount = sampleRows(rows, rowCount, params.subsample, random);
    computeGradients(
      train.labels,
      margins,
      rows,
      sampledRowCount,
      params.scalePosWeight,
      gradients,
      hessians,
    );
    const features = sampleFeatures(featureCount, params.colsampleBytree, random);
    const grown = growTree({
      matrix,
      gradients,
      hessians,
      rows,
      rowCount: sampledRowCount,
      features,
      rules: params,
    });
    trees.push(grown.tree);
    addTreeToTrainingMargins(grown, matrix, rows, sampledRowCount, margins);

    if (options.validation === undefined) continue;
    addTreeToMargins(grown.tree, options.validation, validationMargins);
    const loss = logLoss(options.validation.labels, validationMargins);
    validationLogLoss.push(loss);
    if (loss < bestLoss) {
      bestLoss = loss;
      bestIteration = iteration;
    }
    const patience = options.earlyStoppingRounds;
    if (patience !== undefined && iteration - bestIteration >= patience) break;
  }

  const keptTrees =
    options.validation !== undefined && options.earlyStoppingRounds !== undefined
      ? trees.slice(0, bestIteration + 1)
      : trees;
  return {
    trees: keptTrees,
    baseScore: 0.5,
    featureCount,
    bestIteration: bestIteration === -1 ? trees.length - 1 : bestIteration,
    validationLogLoss,
  };
}

/**
 * g = (p − y)·w and h = max(p(1 − p), 1e-16)·w in float32, w = scale_pos_weight on positives,
 * for the sampled rows only: XGBoost zeroes the others' pairs, which then add nothing anywhere.
 */
function computeGradients(
  labels: ArrayLike<number>,
  margins: Float32Array,
  rows: Uint32Array,
  sampledRowCount: number,
  scalePosWeight: number,
  gradients: Float32Array,
  hessians: Float32Array,
): void {
  const positiveWeight = Math.fround(scalePosWeight);
  for (let i = 0; i < sampledRowCount; i++) {
    const row = rows[i] as number;
    const probability = sigmoid32(margins[row] as number);
    const label = labels[row] ?? 0;
    const weight = label === 1 ? positiveWeight : 1;
    const hessian = Math.max(Math.fround(probability * Math.fround(1 - probability)), 1e-16);
    gradients[row] = Math.fround(Math.fround(probability - label) * weight);
    hessians[row] = Math.fround(Math.fround(hessian) * weight);
  }
}

/**
 * Bernoulli(rate) row sampling: fills `rows` with the sampled rows in increasing order, then the
 * others, and returns the sampled count. The gaps between unsampled rows are drawn directly
 * (geometric, by inversion), which gives the same distribution with far fewer draws.
 */
function sampleRows(
  rows: Uint32Array,
  rowCount: number,
  rate: number,
  random: RandomSource,
): number {
  if (rate >= 1) {
    for (let row = 0; row < rowCount; row++) rows[row] = row;
    return rowCount;
  }
  const logRate = Math.log(rate);
  const gap = () => Math.floor(Math.log(1 - random.nextFloat()) / logRate);
  let sampledCount = 0;
  let skippedEnd = rowCount;
  let nextSkipped = gap();
  for (let row = 0; row < rowCount; row++) {
    if (row === nextSkipped) {
      rows[--skippedEnd] = row;
      nextSkipped = row + 1 + gap();
    } else {
      rows[sampledCount++] = row;
    }
  }
  return sampledCount;
}

/** max(1, ⌊rate·n⌋) features drawn without replacement, returned in increasing order. */
function sampleFeatures(featureCount: number, rate: number, random: RandomSource): Int32Array {
  const all = Int32Array.from({ length: featureCount }, (_, feature) => feature);
  if (rate >= 1) return all;
  const keep = Math.max(1, Math.floor(rate * featureCount));
  return shuffleInPlace(random, all).subarray(0, keep).sort();
}

/** Sampled rows take their leaf from the partition; the rest are routed by their bins. */
function addTreeToTrainingMargins(
  grown: GrownTree,
  matrix: BinnedMatrix,
  rows: Uint32Array,
  sampledRowCount: number,
  margins: Float32Array,
): void {
  for (const leaf of grown.leaves) {
    for (let i = leaf.begin; i < leaf.end; i++) {
      const row = rows[i] as number;
      margins[row] = Math.fround((margins[row] as number) + leaf.value);
    }
  }
  const { bins, featureCount, missingBin } = matrix;
  for (let i = sampledRowCount; i < matrix.rowCount; i++) {
    const row = rows[i] as number;
    const value = binnedLeafValueOf(grown.tree, bins, row * featureCount, missingBin);
    margins[row] = Math.fround((margins[row] as number) + value);
  }
}

/** Adds one tree to float32 margins, tree by tree, as XGBoost's predictor accumulates them. */
export function addTreeToMargins(
  tree: TrainedTree,
  data: LabelledMatrix | { features: Float32Array; rowCount: number; featureCount: number },
  margins: Float32Array,
): void {
  for (let row = 0; row < data.rowCount; row++) {
    const leaf = leafValueOf(tree, data.features, row * data.featureCount);
    margins[row] = Math.fround((margins[row] ?? 0) + leaf);
  }
}

/** Mean negative log-likelihood with probabilities clipped to [1e-16, 1 − 1e-16], as XGBoost's. */
function logLoss(labels: ArrayLike<number>, margins: Float32Array): number {
  const eps = 1e-16;
  let sum = 0;
  for (let row = 0; row < margins.length; row++) {
    const probability = Math.min(Math.max(sigmoid32(margins[row] ?? 0), eps), 1 - eps);
    sum += (labels[row] ?? 0) === 1 ? -Math.log(probability) : -Math.log(1 - probability);
  }
  return margins.length === 0 ? 0 : sum / margins.length;
}

/** Margins of a whole booster for new rows (float32, tree by tree). */
export function predictBoosterMargins(
  booster: Booster,
  features: Float32Array,
  rowCount: number,
): Float32Array {
  const margins = new Float32Array(rowCount);
  const data = { features, rowCount, featureCount: booster.featureCount };
  for (const tree of booster.trees) addTreeToMargins(tree, data, margins);
  return margins;
}

/** Probabilities of a whole booster for new rows, through XGBoost's float32 sigmoid. */
export function predictBoosterProbabilities(
  booster: Booster,
  features: Float32Array,
  rowCount: number,
): Float32Array {
  const margins = predictBoosterMargins(booster, features, rowCount);
  return margins.map(sigmoid32);
}
