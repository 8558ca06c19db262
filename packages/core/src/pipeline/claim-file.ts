import { ChurnError } from "../errors/index.ts";
import { fileNameOf, isInputKey, runKeys } from "./run-keys.ts";
import { moveObject } from "./run-log.ts";
import type { StepDependencies } from "./step-dependencies.ts";
import type { ExecutionInput, RunInfo } from "./step-io.ts";

/**
 * "Claim file": resolves the model alias once, moves the dropped file from `data/input/` into the
 * run's processing folder and records the run as running. Repeatable after a retry: a file
 * already claimed stays where it is. Throws `pipeline.not_an_input` for a key outside
 * `data/input/` and `pipeline.input_missing` when the file is gone.
 */
export async function claimFile(
  input: ExecutionInput,
  deps: Pick<StepDependencies, "store" | "metrics" | "models" | "clock" | "settings">,
): Promise<RunInfo> {
  const { runId, key, etag } = input;
  if (!isInputKey(key)) {
    throw new ChurnError("pipeline.not_an_input", `${key} is not a file under data/input/.`, {
      context: { runId, key },
    });
  }
  const fileName = fileNameOf(key);
  const keys = runKeys(runId, fileName);
  const startedAt = deps.clock.now();
  const model = await deps.models.resolve(deps.settings.modelAlias);

  if ((await deps.store.stat(keys.processing)) === undefined) {
    if ((await deps.store.stat(key)) === undefined) {
      throw new ChurnError(
        "pipeline.input_missing",
        `${key} is no longer in data/input/; drop the file again to start a new run.`,
        { context: { runId, key } },
      );
    }
    await moveObject(deps.store, deps.clock, {
      from: key,
      to: keys.processing,
      logKey: keys.log,
      reason:
        `Claimed by run ${runId}, scored with model version ${model.version} ` +
        `(alias ${deps.settings.modelAlias}).`,
    });
  }

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
