import { ChurnError, isChurnError } from "../errors/index.ts";
import type { ModelVersionMetadata } from "../registry/index.ts";
import { recordAliasesOf, recordTrainedVersion } from "./record-trained-version.ts";
import { fileNameOf, isInputKey, runKeys } from "./run-keys.ts";
import { moveObject } from "./run-log.ts";
import type { StepDependencies } from "./step-dependencies.ts";
import type { ExecutionInput, RunInfo } from "./step-io.ts";

/**
 * "Claim file": resolves the model alias once, moves the dropped file from `data/input/` into the
 * run's processing folder and records the run as running, with the model version and the
 * registry's aliases, so that the report site knows a version promoted straight into the
 * bucket. Only the object the drop announced
 * (its ETag) is claimed, so a file dropped again under the same name before this run started
 * is left for its own run. Repeatable after a retry: a file already claimed stays where it is,
 * and an input its earlier attempt copied but did not delete is deleted. Throws
 * `pipeline.not_an_input` for a key that is not directly under `data/input/`,
 * `pipeline.input_missing` when the file is gone and `pipeline.input_replaced` when the key now
 * holds other bytes.
 */
export async function claimFile(
  input: ExecutionInput,
  deps: Pick<StepDependencies, "store" | "metrics" | "models" | "clock" | "settings">,
): Promise<RunInfo> {
  const { runId, key, etag } = input;
  if (!isInputKey(key)) {
    throw new ChurnError(
      "pipeline.not_an_input",
      `${key} is not a file directly under data/input/.`,
      { context: { runId, key } },
    );
  }
  const fileName = fileNameOf(key);
  const keys = runKeys(runId, fileName);
  const startedAt = deps.clock.now();
  const model = await deps.models.resolve(deps.settings.modelAlias);

  const isClaimed = (await deps.store.stat(keys.processing)) !== undefined;
  const current = await deps.store.stat(key);
  // The copy into processing/ is conditional on the announced ETag, so a claimed file is the
  // announced object; what is left to do after a retry is deleting the input, if it still is it.
  const isToMove = current !== undefined && (!isClaimed || etag === "" || current.etag === etag);
  if (!isClaimed && current === undefined) {
    throw new ChurnError(
      "pipeline.input_missing",
      `${key} is no longer in data/input/; drop the file again to start a new run.`,
      { context: { runId, key } },
    );
  }
  if (isToMove) {
    await moveObject(deps.store, deps.clock, {
      from: key,
      to: keys.processing,
      logKey: keys.log,
      reason:
        `Claimed by run ${runId}, scored with model version ${model.version} ` +
        `(alias ${deps.settings.modelAlias}).`,
      // Without an announced ETag (an event that lacked one) whatever the key holds is claimed.
      ...(etag === "" ? {} : { etag }),
    }).catch((error: unknown) => {
      if (isChurnError(error, "store.changed")) throw replacedError(runId, key, error);
      throw error;
    });
  }

  await recordModelVersionOnce(deps, model);
  await deps.metrics.startRun({
    runId,
    fileName,
    objectKey: key,
    etag,
    executionName: runId,
    startedAt,
    modelVersion: model.version,
    modelAlias: deps.settings.modelAlias,
    logKey: keys.log,
  });
  return {
    runId,
    fileName,
    inputKey: key,
    etag,
    modelVersion: model.version,
    modelAlias: deps.settings.modelAlias,
    startedAt: startedAt.toISOString(),
    durationMs: deps.clock.now().getTime() - startedAt.getTime(),
  };
}

function replacedError(runId: string, key: string, cause: ChurnError): ChurnError {
  return new ChurnError(
    "pipeline.input_replaced",
    `${key} was replaced by a newer file before this run claimed it; ` +
      "the newer file runs on its own.",
    { context: { runId, key, ...cause.context }, cause },
  );
}

/**
 * Records the run's model version in the metrics store when the store does not hold it yet (a
 * version promoted into the bucket without passing through this store), and the aliases as the
 * registry has them now, since a promotion moves them in the bucket only.
 */
async function recordModelVersionOnce(
  deps: Pick<StepDependencies, "metrics" | "models">,
  model: ModelVersionMetadata,
): Promise<void> {
  const aliases = await deps.models.aliases();
  const recorded = await deps.metrics.listModelVersions();
  if (recorded.some((row) => row.version === model.version)) {
    await recordAliasesOf(deps.metrics, aliases);
    return;
  }
  await recordTrainedVersion(deps.metrics, model, aliases);
}
