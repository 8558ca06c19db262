import {
  createRandom,
  deriveSeed,
  type LabelledMatrix,
  type RandomSource,
  type TrainingParams,
  toXgboostParamNames,
} from "../trainer/index.ts";
import { crossValidateF1 } from "./cross-validate.ts";
import { stratifiedFolds } from "./folds.ts";
import {
  ORIGINAL_SEARCH_SPACE,
  pointToParams,
  type SearchDimension,
  type SearchPoint,
} from "./search-space.ts";
import { type ScoredPoint, suggestPoint } from "./tpe.ts";

export interface TuningOptions {
  readonly trialCount: number;
  readonly random: RandomSource;
  /** Parameters the search does not set (max_bin); default XGBoost's. */
  readonly baseParams: TrainingParams;
  readonly space?: readonly SearchDimension[];
  readonly foldCount?: number;
  /** Called after every trial, for progress displays. */
  readonly onTrial?: (progress: TuningProgress) => void;
}

export interface TuningProgress {
  readonly completedTrialCount: number;
  readonly trialCount: number;
  readonly bestScore: number;
  readonly lastScore: number;
}

export interface TunedTrial {
  readonly number: number;
  readonly score: number;
  readonly point: SearchPoint;
  readonly params: TrainingParams;
  readonly threshold: number;
  readonly foldTreeCounts: number[];
}

export interface TuningResult {
  /** The best trial's parameters, with n_estimators set to its folds' mean early-stopped size. */
  readonly params: TrainingParams;
  readonly threshold: number;
  readonly bestScore: number;
  readonly bestTrial: number;
  readonly trials: TunedTrial[];
}

/**
 * Searches parameters and decision threshold for the highest mean F1 over stratified 3-fold
 * cross-validation, with a seeded TPE sampler. The folds are drawn once, so every trial is
 * judged on the same rows.
 */
export function tuneHyperparameters(data: LabelledMatrix, options: TuningOptions): TuningResult {
  const space = options.space ?? ORIGINAL_SEARCH_SPACE;
  const foldCount = options.foldCount ?? 3;
  const folds = stratifiedFolds(data.labels, foldCount, options.random);
  const samplerRandom = createRandom(deriveSeed(options.random));
  const history: ScoredPoint[] = [];
  const trials: TunedTrial[] = [];
  let best: TunedTrial | undefined;

  for (let number = 0; number < options.trialCount; number++) {
    const point = suggestPoint(history, { space, random: samplerRandom });
    const { params, threshold } = pointToParams(point, options.baseParams);
    const trainingRandom = createRandom(deriveSeed(options.random));
    const result = crossValidateF1(data, folds, foldCount, params, threshold, trainingRandom);
    const trial = {
      number,
      score: result.meanF1,
      point,
      params,
      threshold,
      foldTreeCounts: result.foldTreeCounts,
    };
    trials.push(trial);
    history.push({ point, score: result.meanF1 });
    if (best === undefined || trial.score > best.score) best = trial;
    options.onTrial?.({
      completedTrialCount: number + 1,
      trialCount: options.trialCount,
      bestScore: best.score,
      lastScore: trial.score,
    });
  }

  if (best === undefined) {
    return { params: options.baseParams, threshold: 0.5, bestScore: 0, bestTrial: -1, trials };
  }
  const meanTreeCount = best.foldTreeCounts.reduce((sum, count) => sum + count, 0) / foldCount;
  return {
    params: { ...best.params, nEstimators: Math.max(1, Math.round(meanTreeCount)) },
    threshold: best.threshold,
    bestScore: best.score,
    bestTrial: best.number,
    trials,
  };
}

/** The trials as the model version's metadata keeps them: XGBoost names, rounded scores. */
export function summariseTrials(trials: readonly TunedTrial[]) {
  return trials.map((trial) => ({
    number: trial.number,
    score: trial.score,
    threshold: trial.threshold,
    params: toXgboostParamNames(trial.params),
  }));
}
