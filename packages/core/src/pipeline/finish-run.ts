import type { AlertKind } from "../db/index.ts";
import { runKeys } from "./run-keys.ts";
import { appendRunLog, moveObject } from "./run-log.ts";
import type { StepDependencies } from "./step-dependencies.ts";
import type { FinishInput, RunOutcome } from "./step-io.ts";

/**
 * "Finish run": records the alerts the state machine sent, then files the scored copy, the
 * rejected rows and, last, the original under the run's processed folder. The original leaves
 * processing only once its outputs are in place. Repeatable after a retry.
 */
export async function finishRun(
  input: FinishInput,
  deps: Pick<StepDependencies, "store" | "metrics" | "clock">,
): Promise<RunOutcome> {
  const { run, report, scoring } = input;
  const keys = runKeys(run.runId, run.fileName);

  const sent: [AlertKind, string, { messageId: string } | undefined][] = [
    ["drift", report.driftAlert?.subject ?? "", input.driftAlert],
    ["score", report.scoreAlert?.subject ?? "", input.scoreAlert],
  ];
  for (const [kind, subject, alert] of sent) {
    if (alert === undefined) continue;
    const sentAt = deps.clock.now();
    await deps.metrics.recordAlert({
      runId: run.runId,
      kind,
      subject,
      messageId: alert.messageId,
      sentAt,
    });
    await appendRunLog(deps.store, deps.clock, keys.log, `Sent the ${kind} alert "${subject}".`);
  }

  const reason = `Run ${run.runId} processed.`;
  const moves: [string, string, string][] = [["scored", scoring.scoredKey, keys.scored]];
  if (scoring.rejectedRowsKey !== null) {
    moves.push(["rejectedRows", scoring.rejectedRowsKey, keys.rejectedRows]);
  }
  moves.push(["original", keys.processing, keys.processed]);
  const outputs: Record<string, string> = { report: input.saved.reportKey, log: keys.log };
  for (const [name, from, to] of moves) {
    if ((await deps.store.stat(from)) !== undefined) {
      await moveObject(deps.store, deps.clock, { from, to, logKey: keys.log, reason });
    }
    outputs[name] = to;
  }
  // The working report, validation and scores live on in the saved report and the scored file.
  for (const key of [report.reportKey, keys.validationWorking, keys.probabilitiesWorking]) {
    if ((await deps.store.stat(key)) !== undefined) await deps.store.delete(key);
  }
  return { status: "processed", reason: null, outputs };
}
