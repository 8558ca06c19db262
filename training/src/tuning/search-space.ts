import type { TrainingParams } from "../trainer/index.ts";

/** One tuned quantity and the range it is searched over. */
export interface SearchDimension {
  readonly name: string;
  readonly low: number;
  readonly high: number;
  /** Searched uniformly in the logarithm. */
  readonly isLog: boolean;
  readonly isInteger: boolean;
}

/**
 * The original platform's search space (its Optuna objective), less the two column-sampling
 * rates per level and per node, which this trainer does not implement, plus the decision
 * threshold, which is tuned with the parameters.
 */
export const ORIGINAL_SEARCH_SPACE: readonly SearchDimension[] = [
  { name: "n_estimators", low: 100, high: 1000, isLog: false, isInteger: true },
  { name: "learning_rate", low: 1e-3, high: 0.3, isLog: true, isInteger: false },
  { name: "max_depth", low: 3, high: 12, isLog: false, isInteger: true },
  { name: "min_child_weight", low: 1, high: 10, isLog: false, isInteger: true },
  { name: "gamma", low: 1e-8, high: 5, isLog: true, isInteger: false },
  { name: "subsample", low: 0.5, high: 1, isLog: false, isInteger: false },
  { name: "colsample_bytree", low: 0.5, high: 1, isLog: false, isInteger: false },
  { name: "reg_alpha", low: 1e-8, high: 10, isLog: true, isInteger: false },
  { name: "reg_lambda", low: 1e-8, high: 20, isLog: true, isInteger: false },
  { name: "max_delta_step", low: 0, high: 10, isLog: false, isInteger: true },
  { name: "scale_pos_weight", low: 1, high: 20, isLog: false, isInteger: false },
  { name: "threshold", low: 0.1, high: 0.9, isLog: false, isInteger: false },
];

/** A point of the search space as values by dimension name. */
export type SearchPoint = Readonly<Record<string, number>>;

/** Maps a dimension's value to [0, 1], where the sampler works. */
export function toUnit(dimension: SearchDimension, value: number): number {
  const { low, high } = dimension;
  if (dimension.isLog) return (Math.log(value) - Math.log(low)) / (Math.log(high) - Math.log(low));
  if (dimension.isInteger) return (value - low + 0.5) / (high - low + 1);
  return (value - low) / (high - low);
}

/** Maps a unit value back to the dimension (rounded for integers, clamped to the range). */
export function fromUnit(dimension: SearchDimension, unit: number): number {
  const u = Math.min(Math.max(unit, 0), 1);
  const { low, high } = dimension;
  if (dimension.isLog) return Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low)));
  if (dimension.isInteger)
    return Math.min(high, Math.max(low, Math.floor(low + u * (high - low + 1))));
  return low + u * (high - low);
}

/** Training parameters and threshold of a search point, over the given base parameters. */
export function pointToParams(
  point: SearchPoint,
  base: TrainingParams,
): { params: TrainingParams; threshold: number } {
  const pick = (name: string, fallback: number) => point[name] ?? fallback;
  return {
    params: {
      ...base,
      nEstimators: pick("n_estimators", base.nEstimators),
      learningRate: pick("learning_rate", base.learningRate),
      maxDepth: pick("max_depth", base.maxDepth),
      minChildWeight: pick("min_child_weight", base.minChildWeight),
      gamma: pick("gamma", base.gamma),
      subsample: pick("subsample", base.subsample),
      colsampleBytree: pick("colsample_bytree", base.colsampleBytree),
      regAlpha: pick("reg_alpha", base.regAlpha),
      regLambda: pick("reg_lambda", base.regLambda),
      maxDeltaStep: pick("max_delta_step", base.maxDeltaStep),
      scalePosWeight: pick("scale_pos_weight", base.scalePosWeight),
    },
    threshold: pick("threshold", 0.5),
  };
}
