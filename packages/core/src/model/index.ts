/**
 * XGBoost's JSON model format: its schema, a reader and a writer whose files load in XGBoost
 * 1.7 to 3.x and SageMaker's XGBoost container, a builder for the trainer, and an evaluator
 * whose margins equal XGBoost's bit for bit, with exact TreeSHAP (docs/model-format.md).
 */
export {
  buildXgbModel,
  type XgbBuildInput,
  type XgbTrainingParams,
  type XgbTreeArrays,
} from "./build.ts";
export { type CompiledModel, compileModel } from "./compile.ts";
export { expf, logf, probabilityToMarginf, sigmoidf } from "./float32-math.ts";
export { formatFloat32 } from "./float32-text.ts";
export { predictMargins, predictProbabilities } from "./predict.ts";
export { readXgbModel } from "./read.ts";
export { treeShap } from "./tree-shap.ts";
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
