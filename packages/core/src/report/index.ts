/**
 * The run report, the one JSON document per run shared by the pipeline, the metrics store,
 * the alerts and the report site.
 */
export { buildRunReport, type RunReportInput } from "./build-run-report.ts";
export { parseRunReport } from "./parse-run-report.ts";
export {
  type ReportThresholds,
  ReportThresholdsSchema,
  RUN_REPORT_VERSION,
  type RunReport,
  RunReportSchema,
  type StepTiming,
  StepTimingSchema,
  type ValidationSummary,
  ValidationSummarySchema,
} from "./schema.ts";
export { validationSummary } from "./validation-summary.ts";
