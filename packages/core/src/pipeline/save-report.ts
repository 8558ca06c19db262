import type { ColumnDriftRecord, EstimateRecord, MetricRecord } from "../db/index.ts";
import { isChurnError } from "../errors/index.ts";
import { parseRunReport, type RunReport } from "../report/index.ts";
import { runKeys } from "./run-keys.ts";
import { appendRunLog } from "./run-log.ts";
import type { StepDependencies } from "./step-dependencies.ts";
import type { ReportSummary, RunInfo, SavedReport } from "./step-io.ts";

/**
 * "Save report": stores the report under `reports/` and its figures in the metrics store, where
 * the report site reads them. Repeatable: a retry replaces the run's figures. Throws
 * `report.invalid` and the metrics store's errors (`db.unavailable` is retried).
 */
export async function saveReport(
  input: { run: RunInfo; report: ReportSummary },
  deps: Pick<StepDependencies, "store" | "metrics" | "clock">,
): Promise<SavedReport> {
  const { run } = input;
  const keys = runKeys(run.runId, run.fileName);
  const startedMs = deps.clock.now().getTime();
  const report = parseRunReport(
    new TextDecoder().decode(await deps.store.readBytes(input.report.reportKey)),
  );

  // Nothing is overwritten; a report already saved under this run's key is this run's, stored
  // by an attempt that failed after the copy, and the copy is not needed again.
  await deps.store.copy(input.report.reportKey, keys.report, { ifAbsent: true }).catch((error) => {
    if (!isChurnError(error, "store.exists")) throw error;
  });
  await deps.metrics.finishRun({
    runId: run.runId,
    finishedAt: deps.clock.now(),
    modelVersion: run.modelVersion,
    rowCount: report.validation.rowCount,
    validRowCount: report.validation.validRowCount,
    invalidRowCount: report.validation.invalidRowCount,
    hasLabels: report.quality !== null,
    drift: {
      columns: driftRecords(report),
      driftShare: report.drift?.driftedShare ?? 0,
      driftShareThreshold: report.thresholds.driftShare,
      isDatasetDrifted: report.drift?.isDatasetDrift ?? false,
    },
    metrics: metricRecords(report),
    estimates: estimateRecords(report),
    report: {
      ...report,
      steps: [
        ...report.steps,
        { name: "Save report", durationMs: deps.clock.now().getTime() - startedMs },
      ],
    },
    reportKey: keys.report,
    scoredKey: keys.scored,
    logKey: keys.log,
  });
  await appendRunLog(deps.store, deps.clock, keys.log, `Saved the report as ${keys.report}.`);
  return { reportKey: keys.report };
}

function driftRecords(report: RunReport): ColumnDriftRecord[] {
  return (report.drift?.columns ?? [])
    .filter((column) => column.score !== null)
    .map((column) => ({
      columnName: column.columnName,
      kind: column.kind,
      testName: column.test,
      driftScore: column.score ?? Number.NaN,
      threshold: column.threshold,
      isDrifted: column.isDrifted,
      referenceCount: column.referenceCount,
      currentCount: column.currentCount,
      referenceMissingCount: column.referenceMissingCount,
      currentMissingCount: column.currentMissingCount,
    }));
}

const ALERTING_SCORES = ["f1", "precision", "recall", "accuracy"] as const;

/** Realised scores when the file has labels; otherwise the estimate's, marked as estimated. */
function metricRecords(report: RunReport): MetricRecord[] {
  const thresholds = report.thresholds.scores;
  const reference = report.referenceQuality;
  const quality = report.quality;
  const estimate = report.estimate;
  const value = (name: (typeof ALERTING_SCORES)[number]) =>
    quality !== null ? quality[name] : estimate === null ? null : estimate[name].value;

  const records: MetricRecord[] = [];
  for (const name of ALERTING_SCORES) {
    const current = value(name);
    if (current === null) continue;
    records.push({
      name,
      value: current,
      threshold: thresholds[name],
      isBelowThreshold: current < thresholds[name],
      isEstimated: quality === null,
      ...(reference === null ? {} : { referenceValue: reference[name] }),
    });
  }
  const extras = quality === null ? {} : { rocAuc: quality.rocAuc, logLoss: quality.logLoss };
  for (const [name, current] of Object.entries(extras)) {
    if (current === null || current === undefined || !Number.isFinite(current)) continue;
    const referenceValue = reference?.[name as "rocAuc" | "logLoss"];
    records.push({
      name,
      value: current,
      isBelowThreshold: false,
      isEstimated: false,
      ...(typeof referenceValue === "number" ? { referenceValue } : {}),
    });
  }
  return records;
}

function estimateRecords(report: RunReport): EstimateRecord[] {
  const estimate = report.estimate;
  if (estimate === null) return [];
  return ALERTING_SCORES.map((name) => ({
    name,
    method: estimate.method,
    value: estimate[name].value,
    lowerBound: estimate[name].lower,
    upperBound: estimate[name].upper,
    ...(report.quality === null ? {} : { referenceValue: report.quality[name] }),
  }));
}
