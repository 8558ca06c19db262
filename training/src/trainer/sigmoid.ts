import { sigmoidf } from "@churn/core/model";

/**
 * XGBoost's float32 logistic transform, 1 / (expf(min(−m, 88.7)) + 1 + 1e-16), with the
 * evaluator's port of glibc's `expf`, so gradients are the very floats XGBoost computes.
 */
export function sigmoid32(margin: number): number {
  return sigmoidf(margin);
}
