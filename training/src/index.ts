/**
 * The training package: an XGBoost-compatible gradient-boosting trainer, hyperparameter
 * tuning, and the pipeline that trains, evaluates and registers a model version
 * (docs/training.md).
 */
export * from "./pipeline/index.ts";
export * from "./trainer/index.ts";
export * from "./tuning/index.ts";
