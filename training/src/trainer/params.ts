import { ChurnError } from "@churn/core";
import * as v from "valibot";

/**
 * The booster's parameters, named and defaulted as XGBoost names and defaults them for
 * `binary:logistic` with `tree_method=hist` (src/tree/param.h, identical in 1.7 and 3.0).
 */
export const TrainingParamsSchema = v.object({
  nEstimators: v.pipe(v.number(), v.integer(), v.minValue(1)),
  learningRate: v.pipe(v.number(), v.gtValue(0)),
  maxDepth: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20)),
  minChildWeight: v.pipe(v.number(), v.minValue(0)),
  gamma: v.pipe(v.number(), v.minValue(0)),
  subsample: v.pipe(v.number(), v.gtValue(0), v.maxValue(1)),
  colsampleBytree: v.pipe(v.number(), v.gtValue(0), v.maxValue(1)),
  regAlpha: v.pipe(v.number(), v.minValue(0)),
  regLambda: v.pipe(v.number(), v.minValue(0)),
  maxDeltaStep: v.pipe(v.number(), v.minValue(0)),
  scalePosWeight: v.pipe(v.number(), v.gtValue(0)),
  maxBin: v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(65_535)),
});

export type TrainingParams = v.InferOutput<typeof TrainingParamsSchema>;

export const XGBOOST_DEFAULT_PARAMS: TrainingParams = {
  nEstimators: 100,
  learningRate: 0.3,
  maxDepth: 6,
  minChildWeight: 1,
  gamma: 0,
  subsample: 1,
  colsampleBytree: 1,
  regAlpha: 0,
  regLambda: 1,
  maxDeltaStep: 0,
  scalePosWeight: 1,
  maxBin: 256,
};

/**
 * The original platform's fixed parameters (its `deploy-model` target, no tuning): the model
 * the conformance test compares against real XGBoost.
 */
export const ORIGINAL_DEFAULT_PARAMS: TrainingParams = {
  ...XGBOOST_DEFAULT_PARAMS,
  nEstimators: 374,
  learningRate: 0.06277,
  maxDepth: 3,
  minChildWeight: 1,
  gamma: 0.000724,
  subsample: 0.828,
  colsampleBytree: 0.759,
  regAlpha: 0.000135,
  regLambda: 0.00225,
  maxDeltaStep: 4,
};

/**
 * Checks parameters against `TrainingParamsSchema` (whole tree counts and depths, rates in
 * (0, 1], non-negative penalties) and returns them. Throws `training.bad_params` naming the
 * first parameter out of its range.
 */
export function parseTrainingParams(params: unknown): TrainingParams {
  const parsed = v.safeParse(TrainingParamsSchema, params);
  if (parsed.success) return parsed.output;
  const [issue] = parsed.issues;
  const parameter = v.getDotPath(issue) ?? "parameters";
  const value = issue.input === undefined ? "missing" : String(issue.input);
  throw new ChurnError(
    "training.bad_params",
    `Training parameter ${parameter} is ${value}, which is not allowed: ${issue.message}.`,
    { context: { parameter, value } },
  );
}

/** The parameters under XGBoost's own names, as the model JSON and Python expect them. */
export function toXgboostParamNames(params: TrainingParams): Record<string, number> {
  return {
    n_estimators: params.nEstimators,
    learning_rate: params.learningRate,
    max_depth: params.maxDepth,
    min_child_weight: params.minChildWeight,
    gamma: params.gamma,
    subsample: params.subsample,
    colsample_bytree: params.colsampleBytree,
    reg_alpha: params.regAlpha,
    reg_lambda: params.regLambda,
    max_delta_step: params.maxDeltaStep,
    scale_pos_weight: params.scalePosWeight,
    max_bin: params.maxBin,
  };
}
