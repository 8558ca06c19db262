import type { Clock } from "../ports/index.ts";
import { systemClock } from "../ports/index.ts";
import type { MetricsDatabase } from "./database.ts";
import {
  getTrainingRun,
  listModelVersions,
  listTrainingRuns,
  type ModelVersionRecord,
  recordAliases,
  recordModelVersion,
  recordTrainingRun,
} from "./model-records.ts";
import {
  columnDriftSeries,
  driftSeries,
  getRun,
  latestScores,
  listAlerts,
  listRuns,
  scoreSeries,
} from "./run-reads.ts";
import { failRun, finishRun, recordAlert, rejectRun, startRun } from "./run-writes.ts";

type Rest<F> = F extends (db: MetricsDatabase, ...rest: infer A) => infer R
  ? (...args: A) => R
  : never;

/** Every write and read of the metrics store, bound to one database. */
export interface MetricsStore {
  readonly startRun: Rest<typeof startRun>;
  readonly finishRun: Rest<typeof finishRun>;
  readonly rejectRun: Rest<typeof rejectRun>;
  readonly failRun: Rest<typeof failRun>;
  readonly recordAlert: Rest<typeof recordAlert>;
  readonly recordModelVersion: (model: ModelVersionRecord) => Promise<void>;
  readonly recordAliases: Rest<typeof recordAliases>;
  readonly recordTrainingRun: Rest<typeof recordTrainingRun>;
  readonly listRuns: Rest<typeof listRuns>;
  readonly getRun: Rest<typeof getRun>;
  readonly latestScores: Rest<typeof latestScores>;
  readonly scoreSeries: Rest<typeof scoreSeries>;
  readonly driftSeries: Rest<typeof driftSeries>;
  readonly columnDriftSeries: Rest<typeof columnDriftSeries>;
  readonly listAlerts: Rest<typeof listAlerts>;
  readonly listModelVersions: Rest<typeof listModelVersions>;
  readonly listTrainingRuns: Rest<typeof listTrainingRuns>;
  readonly getTrainingRun: Rest<typeof getTrainingRun>;
}

/**
 * The metrics store over a migrated database opened with this schema. Writes are idempotent per
 * run id, alert kind, model version and training run. Errors are `ChurnError`s with codes
 * `db.unavailable`, `db.query_failed`, `db.run_not_found` and `db.bad_json`.
 */
export function createMetricsStore(
  db: MetricsDatabase,
  options: { clock?: Clock } = {},
): MetricsStore {
  const clock = options.clock ?? systemClock;
  return {
    startRun: (start) => startRun(db, start),
    finishRun: (finish) => finishRun(db, finish),
    rejectRun: (end) => rejectRun(db, end),
    failRun: (end) => failRun(db, end),
    recordAlert: (alert) => recordAlert(db, alert),
    recordModelVersion: (model) => recordModelVersion(db, model, clock.now()),
    recordAliases: (aliases) => recordAliases(db, aliases),
    recordTrainingRun: (run) => recordTrainingRun(db, run),
    listRuns: (query) => listRuns(db, query),
    getRun: (runId) => getRun(db, runId),
    latestScores: () => latestScores(db),
    scoreSeries: (query) => scoreSeries(db, query),
    driftSeries: (query) => driftSeries(db, query),
    columnDriftSeries: (query) => columnDriftSeries(db, query),
    listAlerts: (limit) => listAlerts(db, limit),
    listModelVersions: () => listModelVersions(db),
    listTrainingRuns: (limit) => listTrainingRuns(db, limit),
    getTrainingRun: (id) => getTrainingRun(db, id),
  };
}
