import { isChurnError } from "../errors/index.ts";
import { fileNameOf, isInputKey, type RunKeys, runKeys } from "./run-keys.ts";
import { appendRunLog, moveObject } from "./run-log.ts";
import type { StepDependencies } from "./step-dependencies.ts";
import { describeError, readCaughtError } from "./step-error.ts";
import type { FailInput, RunOutcome } from "./step-io.ts";

/**
 * "Reject file" and "Move file to errored": moves the file (from processing, or from input when
 * the claim never happened) and any partial output into the run's errored folder, logs the
 * reason, and records the run as rejected or failed. Recording is best effort: when the
 * database is what failed, the file still reaches `errored/` and the log says why.
 */
export async function failRun(
  input: FailInput,
  deps: Pick<StepDependencies, "store" | "metrics" | "clock">,
): Promise<RunOutcome> {
  const isRejected = input.error === undefined && input.validation?.isValid === false;
  const { reason, code } = isRejected
    ? {
        reason: input.validation?.message ?? "The file was rejected.",
        code: input.validation?.code ?? "csv.rejected",
      }
    : readCaughtError(input.error ?? {});
  const fileName = input.run?.fileName ?? fileNameOf(input.key);
  const keys = runKeys(input.runId, fileName);
  const label = isRejected ? "Rejected" : "Failed";

  const validation = await readValidation(deps, keys);
  const outputs = await moveToErrored(deps, input, keys, `${label}: ${reason}`);
  await recordEnd(deps, input, { isRejected, reason, code, fileName, keys, validation });
  return { status: isRejected ? "rejected" : "failed", reason, outputs };
}

/** Moves whatever of the run exists into errored/, the original last, and returns the new keys. */
async function moveToErrored(
  deps: Pick<StepDependencies, "store" | "clock">,
  input: FailInput,
  keys: RunKeys,
  reason: string,
): Promise<Record<string, string>> {
  const outputs: Record<string, string> = { log: keys.log };
  const partials = [
    ["validation", keys.validationWorking],
    ["probabilities", keys.probabilitiesWorking],
    ["rejectedRows", keys.rejectedRowsWorking],
    ["scored", keys.scoredWorking],
    ["report", keys.reportWorking],
  ] as const;
  for (const [name, key] of partials) {
    if ((await deps.store.stat(key)) === undefined) continue;
    const to = key.replace("data/processing/", "data/errored/");
    await moveObject(deps.store, deps.clock, { from: key, to, logKey: keys.log, reason });
    outputs[name] = to;
  }

  const move = { to: keys.errored, logKey: keys.log, reason };
  if ((await deps.store.stat(keys.processing)) !== undefined) {
    await moveObject(deps.store, deps.clock, { ...move, from: keys.processing });
    outputs.original = keys.errored;
    return outputs;
  }
  let dropped = await droppedObject(deps, input);
  if (dropped === "announced") {
    // Only the announced object leaves data/input/; a newer one there has a run of its own.
    const etag = input.etag === "" ? {} : { etag: input.etag };
    try {
      await moveObject(deps.store, deps.clock, { ...move, from: input.key, ...etag });
      outputs.original = keys.errored;
      return outputs;
    } catch (error) {
      if (!isChurnError(error, "store.changed")) throw error;
      dropped = "newer";
    }
  }
  if ((await deps.store.stat(keys.errored)) !== undefined) {
    outputs.original = keys.errored;
  } else {
    const found =
      dropped === "newer"
        ? ` ${input.key} holds a newer file, which stays there for its own run.`
        : " The file was not found.";
    await appendRunLog(deps.store, deps.clock, keys.log, `${reason}${found}`);
  }
  return outputs;
}

/** Whether the run's input key still holds the object its drop announced. */
async function droppedObject(
  deps: Pick<StepDependencies, "store">,
  input: FailInput,
): Promise<"announced" | "newer" | "missing"> {
  if (!isInputKey(input.key)) return "missing";
  const current = await deps.store.stat(input.key);
  if (current === undefined) return "missing";
  return input.etag === "" || current.etag === input.etag ? "announced" : "newer";
}

async function recordEnd(
  deps: Pick<StepDependencies, "store" | "metrics" | "clock">,
  input: FailInput,
  end: {
    isRejected: boolean;
    reason: string;
    code: string;
    fileName: string;
    keys: RunKeys;
    validation: unknown;
  },
): Promise<void> {
  const now = deps.clock.now();
  const { validation, run } = input;
  try {
    await deps.metrics.startRun({
      runId: input.runId,
      fileName: end.fileName,
      objectKey: input.key,
      etag: input.etag,
      executionName: input.runId,
      startedAt: run === undefined ? now : new Date(run.startedAt),
      logKey: end.keys.log,
    });
    const record = {
      runId: input.runId,
      finishedAt: now,
      errorCode: end.code,
      errorMessage: end.reason,
      logKey: end.keys.log,
      ...(run === undefined ? {} : { modelVersion: run.modelVersion }),
      ...(end.validation === undefined ? {} : { report: { validation: end.validation } }),
      ...(validation === undefined
        ? {}
        : {
            rowCounts: {
              rowCount: validation.rowCount,
              validRowCount: validation.keptRowCount,
              invalidRowCount: validation.badRowCount,
            },
          }),
    };
    await (end.isRejected ? deps.metrics.rejectRun(record) : deps.metrics.failRun(record));
  } catch (error) {
    await appendRunLog(
      deps.store,
      deps.clock,
      end.keys.log,
      `Could not record the run in the metrics store: ${describeError(error)}`,
    );
  }
}

/** The validation section "Validate file" left beside the file, when it got that far. */
async function readValidation(
  deps: Pick<StepDependencies, "store">,
  keys: RunKeys,
): Promise<unknown> {
  if ((await deps.store.stat(keys.validationWorking)) === undefined) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(await deps.store.readBytes(keys.validationWorking)));
  } catch {
    // A partial report is a courtesy to the reader; the run still ends without it.
    return undefined;
  }
}
