/**
 * The model registry: immutable model versions and movable aliases, kept in the object store
 * under `models/` (docs/training.md).
 */
export {
  ALIASES_PREFIX,
  aliasKey,
  MODELS_PREFIX,
  type ModelVersionKeys,
  modelVersionKeys,
  VERSIONS_PREFIX,
} from "./keys.ts";
export {
  AliasNameSchema,
  type AliasRecord,
  AliasRecordSchema,
  type CalibrationBin,
  CalibrationBinSchema,
  type DatasetEvaluation,
  DatasetEvaluationSchema,
  type FeatureSpec,
  FeatureSpecSchema,
  type ModelVersionMetadata,
  ModelVersionMetadataSchema,
  ModelVersionNameSchema,
  type TuningSummary,
  TuningSummarySchema,
  type TuningTrial,
  TuningTrialSchema,
} from "./metadata.ts";
export {
  assertAliasName,
  createModelRegistry,
  type ModelRegistry,
  type RegisterModelInput,
} from "./model-registry.ts";
