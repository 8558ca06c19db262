/**
 * Drift of a current file against a model version's reference, column by column and for the
 * data set, with Evidently 0.7's default tests, thresholds and boundaries (docs/monitoring.md).
 */
export {
  DEFAULT_DRIFT_COLUMNS,
  DEFAULT_DRIFT_SHARE_THRESHOLD,
  DEFAULT_MIN_CONFIDENT_ROW_COUNT,
  type DriftInput,
  detectDrift,
} from "./detect-drift.ts";
export {
  computeReferenceStatistics,
  parseReferenceStatistics,
  REFERENCE_STATISTICS_VERSION,
  type ReferenceStatistics,
  ReferenceStatisticsSchema,
} from "./reference-statistics.ts";
export {
  DRIFT_TEST_NAMES,
  DRIFT_TESTS,
  type DriftComparison,
  type DriftTestName,
  defaultDriftTest,
} from "./registry.ts";
export { type ColumnSample, summariseColumn } from "./sample.ts";
export {
  type ColumnDrift,
  ColumnDriftSchema,
  type DriftOptions,
  DriftOptionsSchema,
  type DriftReport,
  DriftReportSchema,
  type TestChoice,
} from "./schema.ts";
