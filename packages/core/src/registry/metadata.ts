import * as v from "valibot";
import { ClassificationMetricsSchema } from "../quality/index.ts";

/** A model version's name: `v` and a positive integer, numbered in registration order. */
export const ModelVersionNameSchema = v.pipe(v.string(), v.regex(/^v[1-9][0-9]*$/));

/** An alias's name, such as `staging` or `production`. */
export const AliasNameSchema = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,62}$/));

/** One bin of a reliability diagram: rows whose probability fell in [lower, upper). */
export const CalibrationBinSchema = v.object({
  lowerBound: v.number(),
  upperBound: v.number(),
  rowCount: v.number(),
  meanProbability: v.nullable(v.number()),
  positiveRate: v.nullable(v.number()),
});
export type CalibrationBin = v.InferOutput<typeof CalibrationBinSchema>;

export const DatasetEvaluationSchema = v.object({
  metrics: ClassificationMetricsSchema,
  calibration: v.array(CalibrationBinSchema),
});
export type DatasetEvaluation = v.InferOutput<typeof DatasetEvaluationSchema>;

/** A feature as the model version expects it; `max` is null when unbounded. */
export const FeatureSpecSchema = v.object({
  name: v.string(),
  kind: v.picklist(["numerical", "categorical"]),
  min: v.nullable(v.number()),
  max: v.nullable(v.number()),
  isInteger: v.boolean(),
  values: v.optional(v.array(v.number())),
});
export type FeatureSpec = v.InferOutput<typeof FeatureSpecSchema>;

export const TuningTrialSchema = v.object({
  number: v.number(),
  score: v.number(),
  threshold: v.number(),
  params: v.record(v.string(), v.number()),
});
export type TuningTrial = v.InferOutput<typeof TuningTrialSchema>;

export const TuningSummarySchema = v.object({
  method: v.string(),
  objective: v.string(),
  seed: v.number(),
  trialCount: v.number(),
  bestTrial: v.number(),
  bestScore: v.number(),
  trials: v.array(TuningTrialSchema),
});
export type TuningSummary = v.InferOutput<typeof TuningSummarySchema>;

/** Everything known about a model version; stored as `metadata.json` beside its files. */
export const ModelVersionMetadataSchema = v.object({
  formatVersion: v.literal(1),
  version: ModelVersionNameSchema,
  createdAt: v.pipe(v.string(), v.isoTimestamp()),
  model: v.object({
    format: v.literal("xgboost-json"),
    objective: v.literal("binary:logistic"),
    treeCount: v.number(),
    baseScore: v.number(),
  }),
  features: v.array(FeatureSpecSchema),
  target: v.string(),
  /** Training parameters under XGBoost's names. */
  params: v.record(v.string(), v.number()),
  /** A row is predicted to churn when its probability is at least this. */
  threshold: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  seed: v.number(),
  metrics: v.object({ train: DatasetEvaluationSchema, holdout: DatasetEvaluationSchema }),
  data: v.object({
    fileName: v.string(),
    /** SHA-256 of the training file's bytes, hex. */
    sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
    rowCount: v.number(),
    trainRowCount: v.number(),
    holdoutRowCount: v.number(),
    split: v.picklist(["stratified", "explicit"]),
  }),
  tuning: v.nullable(TuningSummarySchema),
  /** Mean |SHAP| per feature on the holdout, largest first. */
  shapImportance: v.array(v.object({ feature: v.string(), meanAbsShap: v.number() })),
  trainer: v.object({ name: v.string(), durationMs: v.number() }),
});
export type ModelVersionMetadata = v.InferOutput<typeof ModelVersionMetadataSchema>;

export const AliasRecordSchema = v.object({
  alias: AliasNameSchema,
  version: ModelVersionNameSchema,
  updatedAt: v.pipe(v.string(), v.isoTimestamp()),
});
export type AliasRecord = v.InferOutput<typeof AliasRecordSchema>;
