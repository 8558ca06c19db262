import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { FEATURE_NAMES } from "@churn/core";
import type { ModelVersionMetadata } from "@churn/core/registry";
import { modelVersionKeys } from "@churn/core/registry";
import type { Seeded, SeededRun } from "./seed.ts";
import { seedFileKeys } from "./seed-data.ts";

/** The scored file the seed puts in the bucket for every processed run. */
export const SCORED_CSV = "call_failure,churn,churn_probability,churn_prediction\n8,0,0.12,0\n";

/** The log the seed puts in the bucket for a processed run. */
export function seedLogOf(run: Pick<SeededRun, "fileName" | "startedAt">): string {
  return `${run.startedAt.toISOString()} Claimed ${run.fileName}.\n`;
}

/** Writes one object of the bucket, by key. */
export type PutObject = (key: string, body: string) => Promise<void>;

/**
 * Lays out a local bucket folder for the seeded store, as the pipeline and the registry do (see
 * `writeSeedObjects`).
 */
export function writeSeedBucket(folder: string, seeded: Seeded): Promise<void> {
  return writeSeedObjects(seeded, async (key, body) => {
    const path = join(folder, key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, body);
  });
}

/**
 * Writes the bucket's objects for the seeded store through `put`: the newest model version's
 * metadata and reference rows, and each processed run's scored file, log and report, so that
 * the site's file links and registry reads have something to read.
 */
export async function writeSeedObjects(seeded: Seeded, put: PutObject): Promise<void> {
  const model = seeded.models.at(-1);
  if (model === undefined) return;
  const keys = modelVersionKeys(model.version);
  await put(keys.metadata, JSON.stringify(metadataOf(seeded)));
  await put(keys.reference, seeded.reference.csv);
  for (const run of seeded.runs.filter((entry) => entry.status === "processed")) {
    const files = seedFileKeys(run.runId);
    await put(files.scoredKey, SCORED_CSV);
    await put(files.logKey, seedLogOf(run));
    await put(files.reportKey, JSON.stringify(run.report));
  }
}

/** The metadata the registry writes for the seeded model version, SHAP importance included. */
function metadataOf(seeded: Seeded): ModelVersionMetadata {
  const model = seeded.models.at(-1);
  const quality = seeded.reference.quality;
  const trials = seeded.trials.map((trial) => ({
    number: trial.trialNumber,
    score: trial.score,
    threshold: 0.5,
    params: Object.fromEntries(
      Object.entries(trial.params).filter(
        (entry): entry is [string, number] => typeof entry[1] === "number",
      ),
    ),
  }));
  const best = trials.reduce((a, b) => (b.score > a.score ? b : a));
  return {
    formatVersion: 1,
    version: model?.version ?? "v1",
    createdAt: (model?.createdAt ?? new Date(0)).toISOString(),
    model: {
      format: "xgboost-json",
      objective: "binary:logistic",
      treeCount: 150,
      baseScore: 0.16,
    },
    features: FEATURE_NAMES.map((name) => ({
      name,
      kind: "numerical",
      min: 0,
      max: null,
      isInteger: true,
    })),
    target: "churn",
    params: best.params,
    threshold: 0.5,
    seed: 42,
    metrics: {
      train: { metrics: quality, calibration: [] },
      holdout: { metrics: quality, calibration: [] },
    },
    data: {
      fileName: "customer_churn.csv",
      sha256: "0".repeat(64),
      rowCount: 2835,
      trainRowCount: 2520,
      holdoutRowCount: 315,
      split: "stratified",
    },
    tuning: {
      method: "tpe",
      objective: "roc_auc",
      seed: 42,
      trialCount: trials.length,
      bestTrial: best.number,
      bestScore: best.score,
      trials,
    },
    // Importance falls with the feature's place in the schema, as a seeded stand-in for TreeSHAP.
    shapImportance: FEATURE_NAMES.map((feature, rank) => ({
      feature,
      meanAbsShap: Number((1.2 / (rank + 1)).toFixed(4)),
    })),
    trainer: { name: "churn-gbt", durationMs: 95_000 },
  };
}
