export { ARCHIVE_MODEL_FILE_NAME, createModelArchive } from "./archive.ts";
export { calibrationBins, evaluateDataset, shapImportance } from "./evaluate.ts";
export { buildReferenceSet, featureSpecs, type ReferenceSet } from "./reference-set.ts";
export { explicitSplit, ORIGINAL_HOLDOUT_ROWS, type RowSplit, stratifiedSplit } from "./split.ts";
export {
  type TrainModelInput,
  type TrainModelResult,
  toXgbTreeArrays,
  trainModel,
} from "./train-model.ts";
