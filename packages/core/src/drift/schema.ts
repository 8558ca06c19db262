/** The drift section of the run report: valibot schemas and the types derived from them. */
import * as v from "valibot";
import { DRIFT_TEST_NAMES } from "./registry.ts";

export const DriftTestNameSchema = v.picklist(DRIFT_TEST_NAMES);

export const TestChoiceSchema = v.object({
  test: v.optional(DriftTestNameSchema),
  threshold: v.optional(v.number()),
});
export type TestChoice = v.InferOutput<typeof TestChoiceSchema>;

/**
 * Which columns are tested and how. Test and threshold are resolved separately with the
 * precedence per column, then per kind, then for all columns, then the test's own default.
 */
export const DriftOptionsSchema = v.object({
  columns: v.optional(v.array(v.string())),
  test: v.optional(TestChoiceSchema),
  numericalTest: v.optional(TestChoiceSchema),
  categoricalTest: v.optional(TestChoiceSchema),
  columnTests: v.optional(v.record(v.string(), TestChoiceSchema)),
  /** Dataset drift when the drifted share is at least this; default 0.5 as Evidently. */
  driftShareThreshold: v.optional(v.number()),
  /** A column is flagged low-confidence when either sample has fewer finite rows; default 100. */
  minConfidentRowCount: v.optional(v.number()),
});
export type DriftOptions = v.InferOutput<typeof DriftOptionsSchema>;

/** Reference and current row counts over shared bins, for plotting the two distributions. */
export const DistributionSchema = v.object({
  labels: v.array(v.string()),
  reference: v.array(v.number()),
  current: v.array(v.number()),
});
export type Distribution = v.InferOutput<typeof DistributionSchema>;

export const ColumnDriftSchema = v.object({
  columnName: v.string(),
  kind: v.picklist(["numerical", "categorical"]),
  test: DriftTestNameSchema,
  testDisplayName: v.string(),
  scoreKind: v.picklist(["p_value", "distance"]),
  /** Null when the column could not be tested (no finite value on one side). */
  score: v.nullable(v.number()),
  threshold: v.number(),
  comparison: v.picklist(["score <= threshold", "score < threshold", "score >= threshold"]),
  isDrifted: v.boolean(),
  effectSize: v.nullable(v.object({ name: v.string(), value: v.number() })),
  referenceCount: v.number(),
  currentCount: v.number(),
  referenceMissingCount: v.number(),
  referenceInfiniteCount: v.number(),
  currentMissingCount: v.number(),
  currentInfiniteCount: v.number(),
  isLowConfidence: v.boolean(),
  notTestedReason: v.nullable(v.string()),
  /** Null when the column could not be tested. */
  distribution: v.nullable(DistributionSchema),
});
export type ColumnDrift = v.InferOutput<typeof ColumnDriftSchema>;

export const DriftReportSchema = v.object({
  columns: v.array(ColumnDriftSchema),
  /** Columns asked for but absent from the reference or the current file. */
  missingColumns: v.array(v.string()),
  testedColumnCount: v.number(),
  driftedColumnCount: v.number(),
  driftedColumns: v.array(v.string()),
  /** drifted / tested; 0 when nothing could be tested. */
  driftedShare: v.number(),
  driftShareThreshold: v.number(),
  /** `driftedShare >= driftShareThreshold`, Evidently's rule. */
  isDatasetDrift: v.boolean(),
  isLowConfidence: v.boolean(),
});
export type DriftReport = v.InferOutput<typeof DriftReportSchema>;
