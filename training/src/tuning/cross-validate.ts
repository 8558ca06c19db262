import { classificationMetrics } from "@churn/core/quality";
import {
  type LabelledMatrix,
  predictBoosterProbabilities,
  type RandomSource,
  selectRows,
  type TrainingParams,
  trainBooster,
} from "../trainer/index.ts";
import { foldRows } from "./folds.ts";

export interface CrossValidation {
  readonly meanF1: number;
  readonly foldF1: number[];
  /** Trees kept per fold after early stopping on that fold. */
  readonly foldTreeCounts: number[];
}

/** The original platform's patience: stop when 20 trees bring no better validation log loss. */
export const EARLY_STOPPING_ROUNDS = 20;

/**
 * Mean F1 at `threshold` over the folds: each fold is scored by a booster trained on the other
 * folds, stopped early on the fold itself, as the original platform's objective did.
 */
export function crossValidateF1(
  data: LabelledMatrix,
  folds: Uint8Array,
  foldCount: number,
  params: TrainingParams,
  threshold: number,
  random: RandomSource,
): CrossValidation {
  const foldF1: number[] = [];
  const foldTreeCounts: number[] = [];
  for (let fold = 0; fold < foldCount; fold++) {
    const { inFold, outOfFold } = foldRows(folds, fold);
    const validation = selectRows(data, inFold);
    const booster = trainBooster(selectRows(data, outOfFold), {
      params,
      random,
      validation,
      earlyStoppingRounds: EARLY_STOPPING_ROUNDS,
    });
    const probabilities = predictBoosterProbabilities(
      booster,
      validation.features,
      validation.rowCount,
    );
    foldF1.push(f1Score(validation.labels, probabilities, threshold));
    foldTreeCounts.push(booster.trees.length);
  }
  const meanF1 = foldF1.reduce((sum, f1) => sum + f1, 0) / foldCount;
  return { meanF1, foldF1, foldTreeCounts };
}

/** F1 of the positive class when rows with probability ≥ threshold are called positive; 0 if none. */
export function f1Score(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  threshold: number,
): number {
  return classificationMetrics({ labels, probabilities, threshold, maxCurvePoints: 2 }).f1;
}
