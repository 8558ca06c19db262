import { and, asc, count, desc, eq, getTableColumns, gte, inArray, type SQL } from "drizzle-orm";
import { type MetricsDatabase, withStoreContext } from "./database.ts";
import { alerts, driftResults, type RunStatus, runEstimates, runMetrics, runs } from "./schema.ts";

export type RunRow = typeof runs.$inferSelect;
/** A run as the run list shows it: every column but the full report. */
export type RunSummary = Omit<RunRow, "report">;
export type ColumnDriftRow = typeof driftResults.$inferSelect;
export type MetricRow = typeof runMetrics.$inferSelect;
export type EstimateRow = typeof runEstimates.$inferSelect;
export type AlertRow = typeof alerts.$inferSelect;

/** One run in full. `report` is the stored JSON, to be parsed by the reader with its schema. */
export interface RunDetail extends RunRow {
  readonly driftResults: readonly ColumnDriftRow[];
  readonly metrics: readonly MetricRow[];
  readonly estimates: readonly EstimateRow[];
  readonly alerts: readonly AlertRow[];
}

export interface RunPageQuery {
  readonly status?: RunStatus | readonly RunStatus[];
  /** Defaults to 20, at most 500. */
  readonly limit?: number;
  readonly offset?: number;
}

export interface RunPage {
  readonly runs: readonly RunSummary[];
  /** How many runs match the filter, for page counts. */
  readonly totalCount: number;
}

/** Limits a series to processed runs, newest `runLimit` of them, started at `since` or later. */
export interface SeriesQuery {
  readonly runLimit?: number;
  readonly since?: Date;
  readonly modelVersion?: string;
}

/** Where a point of a series comes from. */
interface SeriesRun {
  readonly runId: string;
  readonly startedAt: Date;
  readonly fileName: string;
  readonly modelVersion: string | null;
}

export interface ScorePoint extends SeriesRun {
  readonly name: string;
  readonly value: number;
  readonly referenceValue: number | null;
  readonly threshold: number | null;
  readonly isBelowThreshold: boolean;
  readonly isEstimated: boolean;
}

export interface DriftPoint extends SeriesRun {
  readonly driftedColumnCount: number | null;
  readonly columnCount: number | null;
  readonly driftShare: number | null;
  readonly driftShareThreshold: number | null;
  readonly isDatasetDrifted: boolean | null;
}

export interface ColumnDriftPoint extends SeriesRun {
  readonly columnName: string;
  readonly testName: string;
  readonly driftScore: number;
  readonly threshold: number;
  readonly isDrifted: boolean;
}

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 500;

const { report: _report, ...summaryColumns } = getTableColumns(runs);

const seriesRunColumns = {
  runId: runs.id,
  startedAt: runs.startedAt,
  fileName: runs.fileName,
  modelVersion: runs.modelVersion,
};

const scoreColumns = {
  ...seriesRunColumns,
  name: runMetrics.name,
  value: runMetrics.value,
  referenceValue: runMetrics.referenceValue,
  threshold: runMetrics.threshold,
  isBelowThreshold: runMetrics.isBelowThreshold,
  isEstimated: runMetrics.isEstimated,
};

/** Runs newest first, filtered by status, one page at a time. */
export function listRuns(db: MetricsDatabase, query: RunPageQuery = {}): Promise<RunPage> {
  return withStoreContext("list runs", {}, async () => {
    const statuses = query.status === undefined ? [] : [query.status].flat();
    const where = statuses.length > 0 ? inArray(runs.status, statuses) : undefined;
    const limit = Math.min(Math.max(1, query.limit ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);

    const page = await db
      .select(summaryColumns)
      .from(runs)
      .where(where)
      .orderBy(desc(runs.startedAt), desc(runs.id))
      .limit(limit)
      .offset(Math.max(0, query.offset ?? 0));
    const [total] = await db.select({ value: count() }).from(runs).where(where);

    return { runs: page, totalCount: total?.value ?? 0 };
  });
}

/** One run with its drift results (by column name), metrics, estimates and alerts. */
export function getRun(db: MetricsDatabase, runId: string): Promise<RunDetail | undefined> {
  return withStoreContext("read a run", { runId }, async () => {
    const [run] = await db.select().from(runs).where(eq(runs.id, runId));
    if (run === undefined) return undefined;

    const [drift, metrics, estimates, sent] = await Promise.all([
      db
        .select()
        .from(driftResults)
        .where(eq(driftResults.runId, runId))
        .orderBy(asc(driftResults.columnName)),
      db.select().from(runMetrics).where(eq(runMetrics.runId, runId)).orderBy(asc(runMetrics.name)),
      db
        .select()
        .from(runEstimates)
        .where(eq(runEstimates.runId, runId))
        .orderBy(asc(runEstimates.name)),
      db.select().from(alerts).where(eq(alerts.runId, runId)).orderBy(asc(alerts.sentAt)),
    ]);

    return { ...run, driftResults: drift, metrics, estimates, alerts: sent };
  });
}

/** The newest value of every metric, each from the latest processed run that measured it. */
export function latestScores(db: MetricsDatabase): Promise<ScorePoint[]> {
  return withStoreContext("read the latest scores", {}, () =>
    db
      .selectDistinctOn([runMetrics.name], scoreColumns)
      .from(runMetrics)
      .innerJoin(runs, eq(runs.id, runMetrics.runId))
      .where(eq(runs.status, "processed"))
      .orderBy(asc(runMetrics.name), desc(runs.startedAt), desc(runs.id)),
  );
}

/** Metric values over time, oldest first; `names` picks metrics (all when omitted). */
export function scoreSeries(
  db: MetricsDatabase,
  query: SeriesQuery & { names?: readonly string[] } = {},
): Promise<ScorePoint[]> {
  return withStoreContext("read the score series", {}, () => {
    const conditions = seriesConditions(db, query);
    if (query.names !== undefined) conditions.push(inArray(runMetrics.name, [...query.names]));
    return db
      .select(scoreColumns)
      .from(runMetrics)
      .innerJoin(runs, eq(runs.id, runMetrics.runId))
      .where(and(...conditions))
      .orderBy(asc(runs.startedAt), asc(runs.id), asc(runMetrics.name));
  });
}

/** Drifted-column counts and drift shares over time, oldest first. */
export function driftSeries(db: MetricsDatabase, query: SeriesQuery = {}): Promise<DriftPoint[]> {
  return withStoreContext("read the drift series", {}, () =>
    db
      .select({
        ...seriesRunColumns,
        driftedColumnCount: runs.driftedColumnCount,
        columnCount: runs.columnCount,
        driftShare: runs.driftShare,
        driftShareThreshold: runs.driftShareThreshold,
        isDatasetDrifted: runs.isDatasetDrifted,
      })
      .from(runs)
      .where(and(...seriesConditions(db, query)))
      .orderBy(asc(runs.startedAt), asc(runs.id)),
  );
}

/** Per-column drift scores with their thresholds over time, oldest first. */
export function columnDriftSeries(
  db: MetricsDatabase,
  query: SeriesQuery & { columnNames?: readonly string[] } = {},
): Promise<ColumnDriftPoint[]> {
  return withStoreContext("read the column drift series", {}, () => {
    const conditions = seriesConditions(db, query);
    if (query.columnNames !== undefined) {
      conditions.push(inArray(driftResults.columnName, [...query.columnNames]));
    }
    return db
      .select({
        ...seriesRunColumns,
        columnName: driftResults.columnName,
        testName: driftResults.testName,
        driftScore: driftResults.driftScore,
        threshold: driftResults.threshold,
        isDrifted: driftResults.isDrifted,
      })
      .from(driftResults)
      .innerJoin(runs, eq(runs.id, driftResults.runId))
      .where(and(...conditions))
      .orderBy(asc(runs.startedAt), asc(runs.id), asc(driftResults.columnName));
  });
}

/** Alerts sent, newest first. */
export function listAlerts(db: MetricsDatabase, limit = DEFAULT_PAGE_SIZE): Promise<AlertRow[]> {
  return withStoreContext("list alerts", {}, () =>
    db
      .select()
      .from(alerts)
      .orderBy(desc(alerts.sentAt))
      .limit(Math.min(Math.max(1, limit), MAX_PAGE_SIZE)),
  );
}

function seriesConditions(db: MetricsDatabase, query: SeriesQuery): SQL[] {
  const conditions: SQL[] = [eq(runs.status, "processed")];
  if (query.since !== undefined) conditions.push(gte(runs.startedAt, query.since));
  if (query.modelVersion !== undefined) conditions.push(eq(runs.modelVersion, query.modelVersion));
  if (query.runLimit !== undefined) {
    const newest = db
      .select({ id: runs.id })
      .from(runs)
      .where(and(...conditions))
      .orderBy(desc(runs.startedAt), desc(runs.id))
      .limit(Math.max(1, query.runLimit));
    conditions.push(inArray(runs.id, newest));
  }
  return conditions;
}
