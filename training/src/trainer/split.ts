import type { HistogramCuts } from "./cuts.ts";

/**
 * Node weights, gains and the split search of XGBoost's `hist` updater (src/tree/param.h,
 * split_evaluator.h, hist/evaluate_splits.h, 1.7). Sums of gradients arrive in double; weights
 * and gains are float32, as XGBoost stores them.
 */

export interface SplitRules {
  readonly minChildWeight: number;
  readonly regAlpha: number;
  readonly regLambda: number;
  readonly maxDeltaStep: number;
}

export interface SplitCandidate {
  readonly feature: number;
  /** Present values in bins 0 … splitBin go left; −1 sends every present value right. */
  readonly splitBin: number;
  /** The float32 threshold: `x < threshold` goes left. */
  readonly threshold: number;
  readonly isDefaultLeft: boolean;
  /** XGBoost's `loss_chg`: the children's scores minus the parent's, with no ½ and no γ. */
  readonly lossChange: number;
  readonly leftGradient: number;
  readonly leftHessian: number;
  readonly rightGradient: number;
  readonly rightHessian: number;
}

function thresholdL1(gradient: number, alpha: number): number {
  if (gradient > alpha) return gradient - alpha;
  if (gradient < -alpha) return gradient + alpha;
  return 0;
}

/** The optimal leaf weight −ThresholdL1(G, α)/(H + λ), clipped to ±max_delta_step. */
export function nodeWeight(rules: SplitRules, gradient: number, hessian: number): number {
  if (hessian < rules.minChildWeight || hessian <= 0) return 0;
  let weight = -thresholdL1(gradient, rules.regAlpha) / (hessian + rules.regLambda);
  if (rules.maxDeltaStep !== 0 && Math.abs(weight) > rules.maxDeltaStep) {
    weight = Math.sign(weight) * rules.maxDeltaStep;
  }
  return Math.fround(weight);
}

/** A node's score; the unclipped closed form unless max_delta_step bounds the weight. */
export function nodeGain(rules: SplitRules, gradient: number, hessian: number): number {
  if (hessian <= 0) return 0;
  if (rules.maxDeltaStep === 0) {
    const shrunk = thresholdL1(gradient, rules.regAlpha);
    return Math.fround(Math.fround(shrunk * shrunk) / Math.fround(hessian + rules.regLambda));
  }
  // With a bounded weight XGBoost evaluates −(2·G·w + (H+λ)·w²) in float32.
  const weight = nodeWeight(rules, gradient, hessian);
  const gradient32 = Math.fround(gradient);
  const denominator = Math.fround(Math.fround(hessian) + Math.fround(rules.regLambda));
  const linear = Math.fround(Math.fround(2 * gradient32) * weight);
  const quadratic = Math.fround(denominator * Math.fround(weight * weight));
  return Math.fround(-Math.fround(linear + quadratic));
}

/**
 * The best split of one node over the given features, from its histogram (Σg, Σh per bin,
 * interleaved), or `undefined` when no split improves the score. Features are visited in
 * increasing index, each forward (missing values right) and, when the node has missing values
 * in that feature, backward (missing values left); a later candidate wins only when strictly
 * better, which is XGBoost's tie rule for this visiting order.
 */
export function findBestSplit(
  histogram: Float64Array,
  cuts: HistogramCuts,
  features: Int32Array,
  nodeGradient: number,
  nodeHessian: number,
  rules: SplitRules,
): SplitCandidate | undefined {
  const parentGain = nodeGain(rules, nodeGradient, nodeHessian);
  const minChildWeight = rules.minChildWeight;
  let best: SplitCandidate | undefined;
  let bestLoss = 0;

  const consider = (
    feature: number,
    splitBin: number,
    threshold: number,
    isDefaultLeft: boolean,
    leftGradient: number,
    leftHessian: number,
    rightGradient: number,
    rightHessian: number,
  ): void => {
    const childGain = Math.fround(
      nodeGain(rules, leftGradient, leftHessian) + nodeGain(rules, rightGradient, rightHessian),
    );
    const lossChange = Math.fround(childGain - parentGain);
    if (!Number.isFinite(lossChange) || !(lossChange > bestLoss)) return;
    bestLoss = lossChange;
    best = {
      feature,
      splitBin,
      threshold,
      isDefaultLeft,
      lossChange,
      leftGradient,
      leftHessian,
      rightGradient,
      rightHessian,
    };
  };

  for (const feature of features) {
    const begin = cuts.offsets[feature] ?? 0;
    const end = cuts.offsets[feature + 1] ?? 0;

    let sumGradient = 0;
    let sumHessian = 0;
    for (let bin = begin; bin < end; bin++) {
      sumGradient += histogram[2 * bin] ?? 0;
      sumHessian += histogram[2 * bin + 1] ?? 0;
      if (sumHessian < minChildWeight) continue;
      const restGradient = nodeGradient - sumGradient;
      const restHessian = nodeHessian - sumHessian;
      if (restHessian < minChildWeight) continue;
      const threshold = cuts.values[bin] ?? 0;
      consider(
        feature,
        bin - begin,
        threshold,
        false,
        sumGradient,
        sumHessian,
        restGradient,
        restHessian,
      );
    }
    if (sumGradient === nodeGradient && sumHessian === nodeHessian) continue;

    sumGradient = 0;
    sumHessian = 0;
    for (let bin = end - 1; bin >= begin; bin--) {
      sumGradient += histogram[2 * bin] ?? 0;
      sumHessian += histogram[2 * bin + 1] ?? 0;
      if (sumHessian < minChildWeight) continue;
      const restGradient = nodeGradient - sumGradient;
      const restHessian = nodeHessian - sumHessian;
      if (restHessian < minChildWeight) continue;
      const threshold =
        bin === begin ? (cuts.minValues[feature] ?? 0) : (cuts.values[bin - 1] ?? 0);
      consider(
        feature,
        bin - 1 - begin,
        threshold,
        true,
        restGradient,
        restHessian,
        sumGradient,
        sumHessian,
      );
    }
  }
  return best;
}
