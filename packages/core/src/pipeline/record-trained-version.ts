import type { MetricsStore } from "../db/index.ts";
import { type AliasRecord, type ModelVersionMetadata, VERSIONS_PREFIX } from "../registry/index.ts";

/**
 * Tells the metrics store, which the report site reads, about a model version of the registry:
 * the training run with its tuning trials, the version, and the registry's aliases. Every
 * write is an upsert, so recording a version again changes nothing but the aliases.
 * `startedAt` defaults to the version's creation time less the trainer's duration. Throws the
 * store's `db.*` errors.
 */
export async function recordTrainedVersion(
  metrics: Pick<MetricsStore, "recordTrainingRun" | "recordModelVersion" | "recordAliases">,
  metadata: ModelVersionMetadata,
  aliases: readonly AliasRecord[],
  startedAt?: Date,
): Promise<void> {
  const createdAt = new Date(metadata.createdAt);
  const trainingRunId = `training-${metadata.version}`;
  await metrics.recordTrainingRun({
    id: trainingRunId,
    status: "succeeded",
    startedAt: startedAt ?? new Date(createdAt.getTime() - metadata.trainer.durationMs),
    finishedAt: createdAt,
    modelVersion: metadata.version,
    dataFingerprint: metadata.data.sha256,
    trainRowCount: metadata.data.trainRowCount,
    holdoutRowCount: metadata.data.holdoutRowCount,
    ...(metadata.tuning === null
      ? {}
      : {
          objectiveName: metadata.tuning.objective,
          bestScore: metadata.tuning.bestScore,
          bestParams: metadata.params,
          trials: metadata.tuning.trials.map((trial) => ({
            trialNumber: trial.number,
            params: { ...trial.params, threshold: trial.threshold },
            score: trial.score,
          })),
        }),
    metrics: metadata.metrics,
    durationMs: metadata.trainer.durationMs,
  });
  await metrics.recordModelVersion({
    version: metadata.version,
    createdAt,
    trainingRunId,
    modelKey: `${VERSIONS_PREFIX}${metadata.version}/`,
    decisionThreshold: metadata.threshold,
    featureNames: metadata.features.map((feature) => feature.name),
    params: metadata.params,
    metrics: metadata.metrics,
    dataFingerprint: metadata.data.sha256,
    aliases: aliases
      .filter((alias) => alias.version === metadata.version)
      .map((alias) => alias.alias),
  });
  await recordAliasesOf(metrics, aliases);
}

/** Replaces the metrics store's aliases with the registry's. Throws the store's `db.*` errors. */
export function recordAliasesOf(
  metrics: Pick<MetricsStore, "recordAliases">,
  aliases: readonly AliasRecord[],
): Promise<void> {
  return metrics.recordAliases(
    Object.fromEntries(aliases.map((alias) => [alias.alias, alias.version])),
  );
}
