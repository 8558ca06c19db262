/**
 * What each step of a run receives and returns: object keys and small summaries, parsed with
 * valibot at every step because they cross a process boundary in the cloud (Step Functions
 * passes them between Lambda functions as JSON, at most 256 KB).
 */
import * as v from "valibot";

const Text = v.pipe(v.string(), v.minLength(1));
const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

/** The execution input the starter (or the local watcher) gives the state machine. */
export const ExecutionInputSchema = v.object({ runId: Text, key: Text, etag: v.string() });
export type ExecutionInput = v.InferOutput<typeof ExecutionInputSchema>;

/** "Claim file": the run, the file it works on and the model version it uses throughout. */
export const RunInfoSchema = v.object({
  runId: Text,
  fileName: Text,
  inputKey: Text,
  etag: v.string(),
  modelVersion: Text,
  modelAlias: Text,
  startedAt: v.pipe(v.string(), v.isoTimestamp()),
  durationMs: Count,
});
export type RunInfo = v.InferOutput<typeof RunInfoSchema>;

/** "Validate file": the verdict and the row counts, never the rows. */
export const ValidationSummarySchema = v.object({
  isValid: v.boolean(),
  code: v.nullable(v.string()),
  message: v.nullable(v.string()),
  rowCount: Count,
  keptRowCount: Count,
  badRowCount: Count,
  hasLabels: v.boolean(),
  durationMs: Count,
});
export type ValidationSummary = v.InferOutput<typeof ValidationSummarySchema>;

/** "Score with model": where the scored rows are and how many were scored or set aside. */
export const ScoringSummarySchema = v.object({
  scoredKey: Text,
  rejectedRowsKey: v.nullable(Text),
  scoredRowCount: Count,
  rejectedRowCount: Count,
  predictedChurnCount: Count,
  probabilityThreshold: v.number(),
  durationMs: Count,
});
export type ScoringSummary = v.InferOutput<typeof ScoringSummarySchema>;

const AlertSchema = v.object({ subject: Text, body: Text });

/** "Build report": the figures the Choice states read, and the alert texts ready to send. */
export const ReportSummarySchema = v.object({
  reportKey: Text,
  driftShare: v.number(),
  driftShareThreshold: v.number(),
  columnCount: Count,
  driftedColumns: v.array(v.string()),
  hasLabels: v.boolean(),
  lowScoreCount: Count,
  /** Measured scores when the file has labels, estimated ones otherwise. */
  scores: v.record(v.string(), v.nullable(v.number())),
  driftAlert: v.nullable(AlertSchema),
  scoreAlert: v.nullable(AlertSchema),
});
export type ReportSummary = v.InferOutput<typeof ReportSummarySchema>;

/** "Save report": where the stored report now lives. */
export const SavedReportSchema = v.object({ reportKey: Text });
export type SavedReport = v.InferOutput<typeof SavedReportSchema>;

/** What an SNS publish task leaves in the state. */
export const AlertSentSchema = v.object({ messageId: Text });

/** The whole state when "Finish run" starts. */
export const FinishInputSchema = v.object({
  ...ExecutionInputSchema.entries,
  run: RunInfoSchema,
  validation: ValidationSummarySchema,
  scoring: ScoringSummarySchema,
  report: ReportSummarySchema,
  saved: SavedReportSchema,
  driftAlert: v.optional(AlertSentSchema),
  scoreAlert: v.optional(AlertSentSchema),
});
export type FinishInput = v.InferOutput<typeof FinishInputSchema>;

/** The whole state when a run is rejected or caught failing; any step may be missing. */
export const FailInputSchema = v.object({
  ...ExecutionInputSchema.entries,
  run: v.optional(RunInfoSchema),
  validation: v.optional(ValidationSummarySchema),
  error: v.optional(v.object({ Error: v.optional(v.string()), Cause: v.optional(v.string()) })),
});
export type FailInput = v.InferOutput<typeof FailInputSchema>;

/** How a run ended, and where its files are. */
export const RunOutcomeSchema = v.object({
  status: v.picklist(["processed", "rejected", "failed"]),
  reason: v.nullable(v.string()),
  outputs: v.record(v.string(), v.string()),
});
export type RunOutcome = v.InferOutput<typeof RunOutcomeSchema>;
