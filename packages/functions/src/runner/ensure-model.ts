import { readFile } from "node:fs/promises";
import path from "node:path";
import { isChurnError, type Logger } from "@churn/core";
import { recordTrainedVersion } from "@churn/core/pipeline";
import type { ModelVersionMetadata } from "@churn/core/registry";
import { trainModel } from "@churn/training/pipeline";
import type { CommandIo } from "../cli/command.ts";
import { DEMO_SEED, demoFiles } from "./demo-files.ts";
import type { LocalEnvironment } from "./local-environment.ts";

/**
 * The model version `alias` names; when none is registered (a fresh clone), trains one on the
 * generated training file, offline, registers it under the alias and records the training run
 * and the version in the metrics store. `trialCount` tuning trials run first (0 trains with the
 * original parameters).
 */
export async function ensureModel(
  environment: LocalEnvironment,
  options: { io: Pick<CommandIo, "stdout">; logger: Logger; alias?: string; trialCount?: number },
): Promise<ModelVersionMetadata> {
  const alias = options.alias ?? "staging";
  try {
    return await environment.models.resolve(alias);
  } catch (error) {
    if (!isChurnError(error, "registry.not_found")) throw error;
  }

  const { training } = await demoFiles(environment.paths);
  options.io.stdout(
    `No model version is registered as "${alias}": training one on ${path.basename(training)} ` +
      "(generated, offline)…",
  );
  const startedAt = new Date();
  const { metadata } = await trainModel({
    source: new Uint8Array(await readFile(training)),
    fileName: path.basename(training),
    seed: DEMO_SEED,
    trialCount: options.trialCount ?? 0,
    registry: environment.models,
    promoteAlias: alias,
    onTuningProgress: (progress) => options.logger.info("Tuning", { ...progress }),
  });
  await recordTrainedVersion(
    environment.metrics,
    metadata,
    await environment.models.aliases(),
    startedAt,
  );

  const f1 = metadata.metrics.holdout.metrics.f1;
  options.io.stdout(
    `Registered model version ${metadata.version} as "${alias}" in ` +
      `${Date.now() - startedAt.getTime()} ms (holdout F1 ${f1.toFixed(3)}).`,
  );
  return metadata;
}
