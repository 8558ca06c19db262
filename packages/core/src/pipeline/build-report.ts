import * as v from "valibot";
import type { ChurnTable } from "../csv/index.ts";
import { validateCsv } from "../csv/index.ts";
import { parseReferenceStatistics } from "../drift/index.ts";
import { ChurnError } from "../errors/index.ts";
import { fitConfidenceCalibration } from "../estimate/index.ts";
import type { ScoreName } from "../quality/index.ts";
import type { ModelVersionMetadata } from "../registry/index.ts";
import { buildRunReport, type RunReport, ValidationSummarySchema } from "../report/index.ts";
import { PROBABILITY_NAME, TARGET_NAME } from "../schema/index.ts";
import { type AlertFacts, buildDriftAlert, buildScoreAlert } from "./alerts.ts";
import { runKeys } from "./run-keys.ts";
import { appendRunLog } from "./run-log.ts";
import { resolveScoreThresholds, type StepDependencies } from "./step-dependencies.ts";
import type { ReportSummary, RunInfo, ScoringSummary, ValidationSummary } from "./step-io.ts";

/** How alerts and summaries name the scores. */
export const SCORE_DISPLAY_NAMES: Readonly<Record<ScoreName, string>> = {
  f1: "F1 score",
  precision: "Precision",
  recall: "Recall",
  accuracy: "Accuracy",
};

/**
 * "Build report": reads the scored file back, builds the run report against the model version's
 * reference (drift, realised or estimated quality, data quality) and writes it beside the file;
 * returns the figures the Choice states read and the alert texts. Throws `report.invalid` and
 * the registry's errors.
 */
export async function buildReport(
  input: { run: RunInfo; validation: ValidationSummary; scoring: ScoringSummary },
  deps: Pick<StepDependencies, "store" | "models" | "clock" | "settings">,
): Promise<ReportSummary> {
  const { run, scoring, validation } = input;
  const keys = runKeys(run.runId, run.fileName);
  const startedMs = deps.clock.now().getTime();
  const model = await deps.models.resolve(run.modelVersion);

  const current = await readTable(deps, keys.processing);
  const probabilities = await readProbabilities(deps, keys.probabilitiesWorking, current.rowCount);
  const labels = validation.hasLabels ? (current.column(TARGET_NAME) ?? null) : null;
  const report = buildRunReport({
    runId: run.runId,
    fileName: run.fileName,
    createdAt: deps.clock.now(),
    modelVersion: run.modelVersion,
    modelAlias: run.modelAlias,
    validation: v.parse(
      ValidationSummarySchema,
      JSON.parse(new TextDecoder().decode(await deps.store.readBytes(keys.validationWorking))),
    ),
    reference: parseReferenceStatistics(
      await deps.models.readReferenceStatistics(run.modelVersion),
    ),
    referenceQuality: model.metrics.holdout.metrics,
    calibration: await referenceCalibration(deps, model),
    columns: numericColumns(current),
    labels,
    probabilities,
    decisionThreshold: scoring.probabilityThreshold,
    scoreThresholds: resolveScoreThresholds(deps.settings),
    drift: { driftShareThreshold: deps.settings.driftShareThreshold },
    steps: [
      { name: "Claim file", startedAt: run.startedAt, durationMs: run.durationMs },
      { name: "Validate file", durationMs: validation.durationMs },
      { name: "Score with model", durationMs: scoring.durationMs },
    ],
  });
  report.steps.push({ name: "Build report", durationMs: deps.clock.now().getTime() - startedMs });

  await deps.store.write(keys.reportWorking, JSON.stringify(report), {
    contentType: "application/json",
  });
  const summary = summariseReport(report, run, deps.settings);
  await appendRunLog(
    deps.store,
    deps.clock,
    keys.log,
    `Built the report: drift share ${summary.driftShare.toFixed(3)} ` +
      `(${summary.driftedColumns.length} of ${summary.columnCount} columns drifted), ` +
      `${summary.lowScoreCount} score(s) under threshold.`,
  );
  return summary;
}

/** The figures the state machine reads, and the alert texts when an alert is due. */
export function summariseReport(
  report: RunReport,
  run: Pick<RunInfo, "runId" | "fileName" | "modelVersion" | "modelAlias">,
  settings: StepDependencies["settings"],
): ReportSummary {
  const drift = report.drift;
  const driftShare = drift?.driftedShare ?? 0;
  const driftShareThreshold = drift?.driftShareThreshold ?? settings.driftShareThreshold;
  const facts: AlertFacts = {
    runId: run.runId,
    fileName: run.fileName,
    modelVersion: run.modelVersion,
    modelAlias: run.modelAlias,
    driftShare,
    driftShareThreshold,
    columnCount: drift?.testedColumnCount ?? 0,
    driftedColumns: (drift?.columns ?? [])
      .filter((column) => column.isDrifted)
      .map((column) => ({
        column: column.columnName,
        test: column.testDisplayName,
        score: column.score ?? Number.NaN,
        threshold: column.threshold,
      })),
    lowScores: report.scoresBelowThreshold.map((low) => ({
      metric: SCORE_DISPLAY_NAMES[low.score],
      value: low.value,
      threshold: low.threshold,
      referenceValue: report.referenceQuality?.[low.score] ?? null,
    })),
    siteUrl: settings.siteUrl,
  };
  // The same comparison as the "Has the data drifted?" state, so an alert text always exists
  // when that state sends one.
  const isDrift = driftShare >= driftShareThreshold;
  return {
    reportKey: runKeys(run.runId, run.fileName).reportWorking,
    driftShare,
    driftShareThreshold,
    columnCount: facts.columnCount,
    driftedColumns: facts.driftedColumns.map((fact) => fact.column),
    hasLabels: report.quality !== null,
    lowScoreCount: facts.lowScores.length,
    scores: reportScores(report),
    driftAlert: isDrift ? buildDriftAlert(facts) : null,
    scoreAlert: facts.lowScores.length > 0 ? buildScoreAlert(facts) : null,
  };
}

/** Realised scores when the file has labels, the estimate's otherwise. */
function reportScores(report: RunReport): Record<string, number | null> {
  const names: ScoreName[] = ["f1", "precision", "recall", "accuracy"];
  if (report.quality !== null) {
    const quality = report.quality;
    return {
      ...Object.fromEntries(names.map((name) => [name, quality[name]])),
      rocAuc: quality.rocAuc,
    };
  }
  const estimate = report.estimate;
  if (estimate === null) return {};
  return {
    ...Object.fromEntries(names.map((name) => [name, estimate[name].value])),
    rocAuc: estimate.rocAuc,
  };
}

async function readTable(deps: Pick<StepDependencies, "store">, key: string): Promise<ChurnTable> {
  // Every row of the scored file passed validation already; no row count can reject it now.
  const validation = await validateCsv(deps.store.read(key), { minRowCount: 0, maxBadRowShare: 1 });
  return validation.table;
}

/**
 * The isotonic calibration of the label-free estimate, fitted on the model version's reference
 * rows (holdout labels and probabilities). Null when the reference has no usable rows.
 */
async function referenceCalibration(
  deps: Pick<StepDependencies, "store" | "models">,
  model: ModelVersionMetadata,
) {
  const reference = await readTable(deps, deps.models.keysOf(model.version).reference);
  const labels = reference.column(TARGET_NAME);
  const probabilities = reference.column(PROBABILITY_NAME);
  if (labels === undefined || probabilities === undefined || labels.length === 0) return null;
  return fitConfidenceCalibration({ labels, probabilities, threshold: model.threshold });
}

function numericColumns(table: ChurnTable): Record<string, Float64Array> {
  const columns: Record<string, Float64Array> = {};
  for (const name of table.columnNames) {
    const values = table.column(name);
    if (values !== undefined) columns[name] = values;
  }
  return columns;
}

/**
 * The probabilities "Score with model" stored, one float32 per kept row. Throws
 * `pipeline.scores_mismatch` when their count is not the file's number of kept rows.
 */
async function readProbabilities(
  deps: Pick<StepDependencies, "store">,
  key: string,
  rowCount: number,
): Promise<Float64Array> {
  const bytes = await deps.store.readBytes(key);
  // A copy, because a Float32Array needs its own 4-byte-aligned buffer.
  const values = new Float32Array(bytes.slice().buffer);
  if (values.length !== rowCount) {
    throw new ChurnError(
      "pipeline.scores_mismatch",
      `${key} holds ${values.length} scores for ${rowCount} rows; run the file again.`,
      { context: { key, scoreCount: values.length, rowCount } },
    );
  }
  return Float64Array.from(values);
}
