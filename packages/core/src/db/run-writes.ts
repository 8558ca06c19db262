import { eq } from "drizzle-orm";
import { ChurnError } from "../errors/index.ts";
import { type MetricsDatabase, withStoreContext } from "./database.ts";
import {
  type AlertKind,
  alerts,
  driftResults,
  type RunStatus,
  runEstimates,
  runMetrics,
  runs,
} from "./schema.ts";

/** A run as the pipeline knows it when it claims a file. */
export interface RunStart {
  readonly runId: string;
  readonly fileName: string;
  readonly objectKey: string;
  readonly etag: string;
  readonly executionName: string;
  readonly startedAt: Date;
  readonly modelVersion?: string;
  readonly modelAlias?: string;
  readonly logKey?: string;
}

/** The row counts of a validated file; `invalidRowCount` rows were left out of the run. */
export interface RunRowCounts {
  readonly rowCount: number;
  readonly validRowCount: number;
  readonly invalidRowCount: number;
}

export interface ColumnDriftRecord {
  readonly columnName: string;
  readonly kind: "numerical" | "categorical";
  readonly testName: string;
  readonly driftScore: number;
  readonly threshold: number;
  readonly isDrifted: boolean;
  readonly referenceCount: number;
  readonly currentCount: number;
  readonly referenceMissingCount: number;
  readonly currentMissingCount: number;
}

export interface MetricRecord {
  readonly name: string;
  readonly value: number;
  readonly referenceValue?: number;
  readonly threshold?: number;
  readonly isBelowThreshold: boolean;
  /** True when the value was estimated from probabilities because the file has no labels. */
  readonly isEstimated: boolean;
}

export interface EstimateRecord {
  readonly name: string;
  readonly method: string;
  readonly value: number;
  readonly lowerBound?: number;
  readonly upperBound?: number;
  readonly referenceValue?: number;
}

/** Everything a processed run stores: the normalised figures and the full report JSON. */
export interface RunFinish extends RunRowCounts {
  readonly runId: string;
  readonly finishedAt: Date;
  readonly modelVersion: string;
  readonly hasLabels: boolean;
  readonly drift: {
    readonly columns: readonly ColumnDriftRecord[];
    readonly driftShare: number;
    readonly driftShareThreshold: number;
    readonly isDatasetDrifted: boolean;
  };
  readonly metrics: readonly MetricRecord[];
  readonly estimates?: readonly EstimateRecord[];
  /** The run report as JSON; stored whole for the run page. */
  readonly report: unknown;
  readonly reportKey: string;
  readonly scoredKey?: string;
  readonly logKey?: string;
}

/** A run that ended without a report: rejected for its data, or failed on a fault. */
export interface RunEnd {
  readonly runId: string;
  readonly finishedAt: Date;
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly rowCounts?: RunRowCounts;
  readonly modelVersion?: string;
  readonly logKey?: string;
  /** A partial report, e.g. the validation issues of a rejected file. */
  readonly report?: unknown;
}

export interface AlertRecord {
  readonly runId: string;
  readonly kind: AlertKind;
  readonly subject: string;
  readonly messageId: string;
  readonly sentAt: Date;
}

/** Records a run as `running`; resolves `isNew: false` when the run id was already recorded. */
export function startRun(db: MetricsDatabase, start: RunStart): Promise<{ isNew: boolean }> {
  return withStoreContext("record the start of a run", { runId: start.runId }, async () => {
    const inserted = await db
      .insert(runs)
      .values({
        id: start.runId,
        fileName: start.fileName,
        objectKey: start.objectKey,
        etag: start.etag,
        executionName: start.executionName,
        startedAt: start.startedAt,
        status: "running",
        modelVersion: start.modelVersion ?? null,
        modelAlias: start.modelAlias ?? null,
        logKey: start.logKey ?? null,
      })
      .onConflictDoNothing({ target: runs.id })
      .returning({ id: runs.id });
    return { isNew: inserted.length > 0 };
  });
}

/** Stores a processed run; calling it again for the same run replaces its figures. */
export function finishRun(db: MetricsDatabase, finish: RunFinish): Promise<void> {
  return withStoreContext("store the report of a run", { runId: finish.runId }, () =>
    db.transaction(async (tx) => {
      const driftedColumnCount = finish.drift.columns.filter((column) => column.isDrifted).length;
      await updateRun(tx, finish.runId, {
        status: "processed",
        finishedAt: finish.finishedAt,
        modelVersion: finish.modelVersion,
        rowCount: finish.rowCount,
        validRowCount: finish.validRowCount,
        invalidRowCount: finish.invalidRowCount,
        hasLabels: finish.hasLabels,
        columnCount: finish.drift.columns.length,
        driftedColumnCount,
        driftShare: finish.drift.driftShare,
        driftShareThreshold: finish.drift.driftShareThreshold,
        isDatasetDrifted: finish.drift.isDatasetDrifted,
        // Only realised scores raise the score alert; an estimate under threshold is shown, not
        // counted.
        lowScoreCount: finish.metrics.filter(
          (metric) => metric.isBelowThreshold && !metric.isEstimated,
        ).length,
        errorCode: null,
        errorMessage: null,
        report: finish.report,
        reportKey: finish.reportKey,
        scoredKey: finish.scoredKey ?? null,
        ...(finish.logKey === undefined ? {} : { logKey: finish.logKey }),
      });
      await replaceFigures(tx, finish);
    }),
  );
}

/** Marks a run rejected (its file failed validation); repeatable. */
export function rejectRun(db: MetricsDatabase, end: RunEnd): Promise<void> {
  return endRun(db, "rejected", end);
}

/** Marks a run failed (a fault stopped it); repeatable. */
export function failRun(db: MetricsDatabase, end: RunEnd): Promise<void> {
  return endRun(db, "failed", end);
}

/** Records a sent alert; resolves `isNew: false` when this run's alert of that kind exists. */
export function recordAlert(db: MetricsDatabase, alert: AlertRecord): Promise<{ isNew: boolean }> {
  return withStoreContext("record an alert", { runId: alert.runId, kind: alert.kind }, async () => {
    const inserted = await db
      .insert(alerts)
      .values(alert)
      .onConflictDoNothing({ target: [alerts.runId, alerts.kind] })
      .returning({ runId: alerts.runId });
    return { isNew: inserted.length > 0 };
  });
}

function endRun(db: MetricsDatabase, status: RunStatus, end: RunEnd): Promise<void> {
  return withStoreContext(`mark a run ${status}`, { runId: end.runId }, () =>
    updateRun(db, end.runId, {
      status,
      finishedAt: end.finishedAt,
      errorCode: end.errorCode,
      errorMessage: end.errorMessage,
      ...end.rowCounts,
      ...(end.modelVersion === undefined ? {} : { modelVersion: end.modelVersion }),
      ...(end.logKey === undefined ? {} : { logKey: end.logKey }),
      ...(end.report === undefined ? {} : { report: end.report }),
    }),
  );
}

async function updateRun(
  db: MetricsDatabase,
  runId: string,
  values: Partial<typeof runs.$inferInsert>,
): Promise<void> {
  const updated = await db
    .update(runs)
    .set(values)
    .where(eq(runs.id, runId))
    .returning({ id: runs.id });
  if (updated.length === 0) {
    throw new ChurnError(
      "db.run_not_found",
      `Run ${runId} is not in the metrics store; record its start before ending it.`,
      { context: { runId } },
    );
  }
}

async function replaceFigures(db: MetricsDatabase, finish: RunFinish): Promise<void> {
  const { runId } = finish;
  await db.delete(driftResults).where(eq(driftResults.runId, runId));
  await db.delete(runMetrics).where(eq(runMetrics.runId, runId));
  await db.delete(runEstimates).where(eq(runEstimates.runId, runId));

  if (finish.drift.columns.length > 0) {
    await db.insert(driftResults).values(finish.drift.columns.map((row) => ({ ...row, runId })));
  }
  if (finish.metrics.length > 0) {
    await db.insert(runMetrics).values(
      finish.metrics.map((metric) => ({
        ...metric,
        runId,
        referenceValue: metric.referenceValue ?? null,
        threshold: metric.threshold ?? null,
      })),
    );
  }
  const estimates = finish.estimates ?? [];
  if (estimates.length > 0) {
    await db.insert(runEstimates).values(
      estimates.map((estimate) => ({
        ...estimate,
        runId,
        lowerBound: estimate.lowerBound ?? null,
        upperBound: estimate.upperBound ?? null,
        referenceValue: estimate.referenceValue ?? null,
      })),
    );
  }
}
