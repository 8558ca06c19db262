import { alerts, runMetrics } from "@churn/core/db";
import { and, inArray } from "drizzle-orm";
import type { SiteDatabase } from "./db.ts";
import { WATCHED_SCORE_NAMES } from "./scores.ts";

export interface WatchedScore {
  readonly value: number;
  readonly isBelowThreshold: boolean;
  /** Estimated from the probabilities because the file had no labels. */
  readonly isEstimated: boolean;
}

export interface RunFigures {
  /** Metric name → value, for the watched scores the run measured. */
  readonly scores: ReadonlyMap<string, WatchedScore>;
  readonly alertKinds: readonly string[];
}

const NO_FIGURES: RunFigures = { scores: new Map(), alertKinds: [] };

/**
 * The watched scores and the alert kinds of one page of runs, in two queries keyed by run id
 * (both tables' primary keys start with the run id, so these are index lookups).
 */
export async function readRunFigures(
  db: SiteDatabase,
  runIds: readonly string[],
): Promise<(runId: string) => RunFigures> {
  if (runIds.length === 0) return () => NO_FIGURES;
  const ids = [...runIds];

  const metricRows = await db
    .select({
      runId: runMetrics.runId,
      name: runMetrics.name,
      value: runMetrics.value,
      isBelowThreshold: runMetrics.isBelowThreshold,
      isEstimated: runMetrics.isEstimated,
    })
    .from(runMetrics)
    .where(and(inArray(runMetrics.runId, ids), inArray(runMetrics.name, [...WATCHED_SCORE_NAMES])));
  const alertRows = await db
    .select({ runId: alerts.runId, kind: alerts.kind })
    .from(alerts)
    .where(inArray(alerts.runId, ids));

  const byRun = new Map<string, { scores: Map<string, WatchedScore>; alertKinds: string[] }>();
  const entry = (runId: string) => {
    let figures = byRun.get(runId);
    if (figures === undefined) {
      figures = { scores: new Map(), alertKinds: [] };
      byRun.set(runId, figures);
    }
    return figures;
  };
  for (const row of metricRows) {
    entry(row.runId).scores.set(row.name, {
      value: row.value,
      isBelowThreshold: row.isBelowThreshold,
      isEstimated: row.isEstimated,
    });
  }
  for (const row of alertRows) entry(row.runId).alertKinds.push(row.kind);

  return (runId) => byRun.get(runId) ?? NO_FIGURES;
}
