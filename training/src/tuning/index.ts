export { crossValidateF1, EARLY_STOPPING_ROUNDS, f1Score } from "./cross-validate.ts";
export { foldRows, stratifiedFolds } from "./folds.ts";
export { formatTuningProgress } from "./progress.ts";
export {
  fromUnit,
  ORIGINAL_SEARCH_SPACE,
  pointToParams,
  type SearchDimension,
  type SearchPoint,
  toUnit,
} from "./search-space.ts";
export { type ScoredPoint, suggestPoint, type TpeOptions } from "./tpe.ts";
export {
  summariseTrials,
  type TunedTrial,
  type TuningOptions,
  type TuningProgress,
  type TuningResult,
  tuneHyperparameters,
} from "./tune.ts";
