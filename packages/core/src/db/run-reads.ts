import {
  and,
  asc,
  count,
  eq,
  getTableColumns,
  gt,
  gte,
  inArray,
  lt,
  min,
  type SQL,
  sql,
} from "drizzle-orm";
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

// The runs indexes on started_at are `desc nulls last` (Drizzle's `.desc()`), and PostgreSQL
// walks an index for an ORDER BY only when the nulls order matches as well; both columns are
// NOT NULL, so this is the order of a plain `desc`, written so that the indexes serve it.
const NEWEST_FIRST = [sql`${runs.startedAt} desc nulls last`, sql`${runs.id} desc nulls last`];

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
      .orderBy(...NEWEST_FIRST)
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

/**
 * The newest value of every metric, each from the latest processed run that measured it, by
 * metric name. The runs from the newest labelled processed run on hold every metric a labelled
 * run records, so they are read first, through the started_at index; index probes then look for
 * metric names those runs lack (one only older runs recorded), which are read by name.
 */
export function latestScores(db: MetricsDatabase): Promise<ScorePoint[]> {
  return withStoreContext("read the latest scores", {}, async () => {
    const [newestLabelled] = await db
      .select({ startedAt: runs.startedAt })
      .from(runs)
      .where(and(eq(runs.status, "processed"), eq(runs.hasLabels, true)))
      .orderBy(...NEWEST_FIRST)
      .limit(1);
    // The start time goes in as a value rather than a subquery, so that the planner sees how few
    // runs follow it and probes their metrics by key instead of scanning them all.
    const recent =
      newestLabelled === undefined
        ? []
        : await newestScorePerName(db, gte(runs.startedAt, newestLabelled.startedAt));

    const recentNames = recent.map((point) => point.name);
    const names = await listMetricNames(db, recentNames);
    if (names.length === recent.length) return recent;
    const olderNames = names.filter((name) => !recentNames.includes(name));
    const older = await newestScorePerName(db, inArray(runMetrics.name, olderNames));
    const byName = new Map([...recent, ...older].map((point) => [point.name, point]));
    return names.flatMap((name) => byName.get(name) ?? []);
  });
}

/** Per metric name, the row of the newest processed run that matches `where`, by name. */
function newestScorePerName(db: MetricsDatabase, where: SQL): Promise<ScorePoint[]> {
  return db
    .selectDistinctOn([runMetrics.name], scoreColumns)
    .from(runMetrics)
    .innerJoin(runs, eq(runs.id, runMetrics.runId))
    .where(and(eq(runs.status, "processed"), where))
    .orderBy(asc(runMetrics.name), ...NEWEST_FIRST);
}

/**
 * Every metric name in the store, in the database's order, given some of them in that order:
 * the smallest name in each gap between known names is looked up through the name index until
 * no gap holds one, a few index probes rather than a scan of every metric row.
 */
async function listMetricNames(db: MetricsDatabase, known: readonly string[]): Promise<string[]> {
  const names = [...known];
  // Each gap is an open interval of names; a missing bound leaves that side open.
  let gaps = Array.from({ length: names.length + 1 }, (_, index) => ({
    lower: names[index - 1],
    upper: names[index],
  }));
  while (gaps.length > 0) {
    const found = await Promise.all(
      gaps.map(async (gap) => {
        const bounds = [
          ...(gap.lower === undefined ? [] : [gt(runMetrics.name, gap.lower)]),
          ...(gap.upper === undefined ? [] : [lt(runMetrics.name, gap.upper)]),
        ];
        const [row] = await db
          .select({ name: min(runMetrics.name) })
          .from(runMetrics)
          .where(and(...bounds));
        return { ...gap, name: row?.name ?? null };
      }),
    );
    gaps = [];
    for (const { lower, upper, name } of found) {
      if (name === null) continue;
      // The smallest name of a gap follows its lower bound; the rest of the gap lies above it.
      names.splice(lower === undefined ? 0 : names.indexOf(lower) + 1, 0, name);
      gaps.push({ lower: name, upper });
    }
  }
  return names;
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
      // Spelt as the index is, `desc nulls last`, so PostgreSQL reads alerts_sent_at_idx.
      .orderBy(sql`${alerts.sentAt} desc nulls last`)
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
      .orderBy(...NEWEST_FIRST)
      .limit(Math.max(1, query.runLimit));
    conditions.push(inArray(runs.id, newest));
  }
  return conditions;
}
