export type { BinnedMatrix } from "./binned-matrix.ts";
export {
  addTreeToMargins,
  type Booster,
  type BoostOptions,
  type LabelledMatrix,
  predictBoosterMargins,
  predictBoosterProbabilities,
  trainBooster,
} from "./boost.ts";
export { computeCuts, type HistogramCuts } from "./cuts.ts";
export { selectRows } from "./labelled-matrix.ts";
export {
  ORIGINAL_DEFAULT_PARAMS,
  parseTrainingParams,
  type TrainingParams,
  TrainingParamsSchema,
  toXgboostParamNames,
  XGBOOST_DEFAULT_PARAMS,
} from "./params.ts";
export {
  createRandom,
  deriveSeed,
  type RandomSource,
  randomInt,
  shuffleInPlace,
} from "./random.ts";
export { sigmoid32 } from "./sigmoid.ts";
export type { TrainedTree } from "./tree.ts";
