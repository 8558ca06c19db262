import { asc, desc, eq } from "drizzle-orm";
import * as v from "valibot";
import { ChurnError } from "../errors/index.ts";
import { type MetricsDatabase, withStoreContext } from "./database.ts";
import { modelVersions, type TrainingStatus, trainingRuns, tuningTrials } from "./schema.ts";

const JsonRecord = v.record(v.string(), v.unknown());
const StringList = v.array(v.string());

/** A registered model version as the site lists it; the registry stays the source of truth. */
export interface ModelVersionRecord {
  readonly version: string;
  readonly createdAt: Date;
  readonly trainingRunId?: string;
  /** Object key of the model's folder in the bucket. */
  readonly modelKey: string;
  /** Probability at or above which a row is predicted to churn. */
  readonly decisionThreshold: number;
  readonly featureNames: readonly string[];
  readonly params: Readonly<Record<string, unknown>>;
  /** Metrics on train and holdout, as the registry's metadata holds them. */
  readonly metrics: Readonly<Record<string, unknown>>;
  readonly dataFingerprint?: string;
  readonly aliases: readonly string[];
}

export interface ModelVersionRow
  extends Omit<ModelVersionRecord, "trainingRunId" | "dataFingerprint"> {
  readonly trainingRunId: string | null;
  readonly dataFingerprint: string | null;
  /** When the store learnt of this version. */
  readonly recordedAt: Date;
}

export interface TuningTrialRecord {
  readonly trialNumber: number;
  readonly params: Readonly<Record<string, unknown>>;
  /** The tuning objective's cross-validated mean; what "best" is judged by. */
  readonly score: number;
  readonly scoreStd?: number;
  readonly durationMs?: number;
}

export interface TrainingRunRecord {
  readonly id: string;
  readonly status: TrainingStatus;
  readonly startedAt: Date;
  readonly finishedAt?: Date;
  readonly modelVersion?: string;
  readonly dataFingerprint?: string;
  readonly trainRowCount?: number;
  readonly holdoutRowCount?: number;
  readonly objectiveName?: string;
  readonly bestScore?: number;
  readonly bestParams?: Readonly<Record<string, unknown>>;
  readonly metrics?: Readonly<Record<string, unknown>>;
  readonly durationMs?: number;
  readonly errorMessage?: string;
  /** Every tuning trial; replaces the trials stored before for this training run. */
  readonly trials?: readonly TuningTrialRecord[];
}

export type TrainingRunRow = typeof trainingRuns.$inferSelect;
export interface TrainingRunDetail extends TrainingRunRow {
  readonly trials: readonly TuningTrialRecord[];
}

/** Stores a model version, or refreshes it when the version is already recorded. */
export function recordModelVersion(db: MetricsDatabase, model: ModelVersionRecord, now: Date) {
  return withStoreContext("record a model version", { modelVersion: model.version }, async () => {
    const values = {
      ...model,
      trainingRunId: model.trainingRunId ?? null,
      dataFingerprint: model.dataFingerprint ?? null,
      featureNames: [...model.featureNames],
      aliases: [...model.aliases],
    };
    await db
      .insert(modelVersions)
      .values({ ...values, recordedAt: now })
      .onConflictDoUpdate({ target: modelVersions.version, set: values });
  });
}

/** Replaces every version's alias list with `aliases` (alias → version), as the registry has it. */
export function recordAliases(
  db: MetricsDatabase,
  aliases: Readonly<Record<string, string>>,
): Promise<void> {
  return withStoreContext("record model aliases", {}, () =>
    db.transaction(async (tx) => {
      await tx.update(modelVersions).set({ aliases: [] });
      const byVersion = Map.groupBy(Object.entries(aliases), ([, version]) => version);
      for (const [version, entries] of byVersion) {
        const names = entries.map(([alias]) => alias).sort();
        await tx
          .update(modelVersions)
          .set({ aliases: names })
          .where(eq(modelVersions.version, version));
      }
    }),
  );
}

/** Model versions, newest first. Throws `db.bad_json` when a stored JSON column is malformed. */
export function listModelVersions(db: MetricsDatabase): Promise<ModelVersionRow[]> {
  return withStoreContext("list model versions", {}, async () => {
    const rows = await db.select().from(modelVersions).orderBy(desc(modelVersions.createdAt));
    return rows.map(toModelVersionRow);
  });
}

/** Stores a training run and its trials; calling it again updates the run and its trials. */
export function recordTrainingRun(db: MetricsDatabase, run: TrainingRunRecord): Promise<void> {
  return withStoreContext("record a training run", { trainingRunId: run.id }, () =>
    db.transaction(async (tx) => {
      const { trials, ...fields } = run;
      const values = {
        ...fields,
        trialCount: trials?.length ?? null,
        bestParams: fields.bestParams ?? null,
        metrics: fields.metrics ?? null,
      };
      await tx
        .insert(trainingRuns)
        .values(values)
        .onConflictDoUpdate({ target: trainingRuns.id, set: values });
      if (trials === undefined) return;

      await tx.delete(tuningTrials).where(eq(tuningTrials.trainingRunId, run.id));
      if (trials.length > 0) {
        await tx.insert(tuningTrials).values(
          trials.map((trial) => ({
            ...trial,
            trainingRunId: run.id,
            scoreStd: trial.scoreStd ?? null,
            durationMs: trial.durationMs ?? null,
          })),
        );
      }
    }),
  );
}

/** Training runs, newest first, without their trials. */
export function listTrainingRuns(db: MetricsDatabase, limit = 50): Promise<TrainingRunRow[]> {
  return withStoreContext("list training runs", {}, () =>
    db.select().from(trainingRuns).orderBy(desc(trainingRuns.startedAt)).limit(Math.max(1, limit)),
  );
}

/** One training run with its tuning trials in trial order. */
export function getTrainingRun(
  db: MetricsDatabase,
  id: string,
): Promise<TrainingRunDetail | undefined> {
  return withStoreContext("read a training run", { trainingRunId: id }, async () => {
    const [run] = await db.select().from(trainingRuns).where(eq(trainingRuns.id, id));
    if (run === undefined) return undefined;
    const trials = await db
      .select()
      .from(tuningTrials)
      .where(eq(tuningTrials.trainingRunId, id))
      .orderBy(asc(tuningTrials.trialNumber));
    return {
      ...run,
      trials: trials.map((trial) => ({
        trialNumber: trial.trialNumber,
        params: parseJson(JsonRecord, trial.params, `trial ${trial.trialNumber} of ${id}`),
        score: trial.score,
        ...(trial.scoreStd === null ? {} : { scoreStd: trial.scoreStd }),
        ...(trial.durationMs === null ? {} : { durationMs: trial.durationMs }),
      })),
    };
  });
}

function toModelVersionRow(row: typeof modelVersions.$inferSelect): ModelVersionRow {
  const where = `model version ${row.version}`;
  return {
    version: row.version,
    createdAt: row.createdAt,
    recordedAt: row.recordedAt,
    trainingRunId: row.trainingRunId,
    modelKey: row.modelKey,
    decisionThreshold: row.decisionThreshold,
    featureNames: parseJson(StringList, row.featureNames, where),
    params: parseJson(JsonRecord, row.params, where),
    metrics: parseJson(JsonRecord, row.metrics, where),
    dataFingerprint: row.dataFingerprint,
    aliases: parseJson(StringList, row.aliases, where),
  };
}

function parseJson<T extends v.GenericSchema>(
  schema: T,
  value: unknown,
  where: string,
): v.InferOutput<T> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  throw new ChurnError(
    "db.bad_json",
    `Stored JSON of ${where} does not match its schema (${v.summarize(result.issues).split("\n")[0]}); re-record it.`,
    { context: { where } },
  );
}
