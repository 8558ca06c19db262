/**
 * The metrics store's tables. Every run keeps its full report as JSON for the run page, and the
 * figures the site charts are normalised into rows so they can be filtered and indexed.
 * Column meanings are described in docs/storage.md.
 */
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/** `running` while the state machine works on the file; the other three are final. */
export const RUN_STATUSES = ["running", "processed", "rejected", "failed"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const ALERT_KINDS = ["drift", "score"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const TRAINING_STATUSES = ["running", "succeeded", "failed"] as const;
export type TrainingStatus = (typeof TRAINING_STATUSES)[number];

const moment = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const runs = pgTable(
  "runs",
  {
    id: text("id").primaryKey(),
    fileName: text("file_name").notNull(),
    objectKey: text("object_key").notNull(),
    etag: text("etag").notNull(),
    status: text("status", { enum: RUN_STATUSES }).notNull(),
    startedAt: moment("started_at").notNull(),
    finishedAt: moment("finished_at"),
    executionName: text("execution_name").notNull(),
    modelVersion: text("model_version"),
    modelAlias: text("model_alias"),
    rowCount: integer("row_count"),
    validRowCount: integer("valid_row_count"),
    invalidRowCount: integer("invalid_row_count"),
    hasLabels: boolean("has_labels"),
    columnCount: integer("column_count"),
    driftedColumnCount: integer("drifted_column_count"),
    driftShare: doublePrecision("drift_share"),
    driftShareThreshold: doublePrecision("drift_share_threshold"),
    isDatasetDrifted: boolean("is_dataset_drifted"),
    lowScoreCount: integer("low_score_count"),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    reportKey: text("report_key"),
    scoredKey: text("scored_key"),
    logKey: text("log_key"),
    report: jsonb("report"),
  },
  (table) => [
    uniqueIndex("runs_execution_name_key").on(table.executionName),
    index("runs_started_at_idx").on(table.startedAt.desc(), table.id.desc()),
    index("runs_status_started_at_idx").on(table.status, table.startedAt.desc(), table.id.desc()),
    index("runs_model_version_started_at_idx").on(table.modelVersion, table.startedAt),
    index("runs_object_key_idx").on(table.objectKey),
    check(
      "runs_status_check",
      sql`${table.status} in ('running', 'processed', 'rejected', 'failed')`,
    ),
  ],
);

export const driftResults = pgTable(
  "drift_results",
  {
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    columnName: text("column_name").notNull(),
    kind: text("kind", { enum: ["numerical", "categorical"] }).notNull(),
    testName: text("test_name").notNull(),
    driftScore: doublePrecision("drift_score").notNull(),
    threshold: doublePrecision("threshold").notNull(),
    isDrifted: boolean("is_drifted").notNull(),
    referenceCount: integer("reference_count").notNull(),
    currentCount: integer("current_count").notNull(),
    referenceMissingCount: integer("reference_missing_count").notNull(),
    currentMissingCount: integer("current_missing_count").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.runId, table.columnName] }),
    index("drift_results_column_name_idx").on(table.columnName, table.runId),
  ],
);

export const runMetrics = pgTable(
  "run_metrics",
  {
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    value: doublePrecision("value").notNull(),
    referenceValue: doublePrecision("reference_value"),
    threshold: doublePrecision("threshold"),
    isBelowThreshold: boolean("is_below_threshold").notNull(),
    isEstimated: boolean("is_estimated").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.runId, table.name] }),
    index("run_metrics_name_idx").on(table.name, table.runId),
  ],
);

export const runEstimates = pgTable(
  "run_estimates",
  {
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    method: text("method").notNull(),
    value: doublePrecision("value").notNull(),
    lowerBound: doublePrecision("lower_bound"),
    upperBound: doublePrecision("upper_bound"),
    referenceValue: doublePrecision("reference_value"),
  },
  (table) => [primaryKey({ columns: [table.runId, table.name] })],
);

export const alerts = pgTable(
  "alerts",
  {
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ALERT_KINDS }).notNull(),
    subject: text("subject").notNull(),
    messageId: text("message_id").notNull(),
    sentAt: moment("sent_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.runId, table.kind] }),
    index("alerts_sent_at_idx").on(table.sentAt.desc()),
    check("alerts_kind_check", sql`${table.kind} in ('drift', 'score')`),
  ],
);

export const trainingRuns = pgTable(
  "training_runs",
  {
    id: text("id").primaryKey(),
    status: text("status", { enum: TRAINING_STATUSES }).notNull(),
    startedAt: moment("started_at").notNull(),
    finishedAt: moment("finished_at"),
    modelVersion: text("model_version"),
    dataFingerprint: text("data_fingerprint"),
    trainRowCount: integer("train_row_count"),
    holdoutRowCount: integer("holdout_row_count"),
    trialCount: integer("trial_count"),
    objectiveName: text("objective_name"),
    bestScore: doublePrecision("best_score"),
    bestParams: jsonb("best_params"),
    metrics: jsonb("metrics"),
    durationMs: integer("duration_ms"),
    errorMessage: text("error_message"),
  },
  (table) => [
    index("training_runs_started_at_idx").on(table.startedAt.desc()),
    check("training_runs_status_check", sql`${table.status} in ('running', 'succeeded', 'failed')`),
  ],
);

export const tuningTrials = pgTable(
  "tuning_trials",
  {
    trainingRunId: text("training_run_id")
      .notNull()
      .references(() => trainingRuns.id, { onDelete: "cascade" }),
    trialNumber: integer("trial_number").notNull(),
    params: jsonb("params").notNull(),
    score: doublePrecision("score").notNull(),
    scoreStd: doublePrecision("score_std"),
    durationMs: integer("duration_ms"),
  },
  (table) => [primaryKey({ columns: [table.trainingRunId, table.trialNumber] })],
);

export const modelVersions = pgTable(
  "model_versions",
  {
    version: text("version").primaryKey(),
    createdAt: moment("created_at").notNull(),
    recordedAt: moment("recorded_at").notNull(),
    trainingRunId: text("training_run_id"),
    modelKey: text("model_key").notNull(),
    decisionThreshold: doublePrecision("decision_threshold").notNull(),
    featureNames: jsonb("feature_names").notNull(),
    params: jsonb("params").notNull(),
    metrics: jsonb("metrics").notNull(),
    dataFingerprint: text("data_fingerprint"),
    aliases: jsonb("aliases").notNull(),
  },
  (table) => [index("model_versions_created_at_idx").on(table.createdAt.desc())],
);
