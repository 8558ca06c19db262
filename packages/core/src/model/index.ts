/**
 * XGBoost's JSON model format: its schema, a reader and a writer whose files load in XGBoost
 * 1.7 to 3.x and SageMaker's XGBoost container, and a builder for the trainer
 * (docs/model-format.md).
 */
export {
  buildXgbModel,
  type XgbBuildInput,
  type XgbTrainingParams,
  type XgbTreeArrays,
} from "./build.ts";
export { formatFloat32 } from "./float32-text.ts";
export { readXgbModel } from "./read.ts";
export { writeXgbModel } from "./write.ts";
export {
  baseScoreOf,
  featureCountOf,
  parseXgbModel,
  ROOT_PARENT,
  type XgbModel,
  XgbModelSchema,
  type XgbTree,
  XgbTreeSchema,
} from "./xgb-model.ts";
