import { buildStateMachineDefinition, STATE_NAMES } from "@churn/core/pipeline";
import validateAsl from "asl-validator";
import { describe, expect, it } from "vitest";
import {
  executeLocally,
  LOCAL_ALERT_TOPIC_ARN,
  LOCAL_TASK_ARNS,
  type LocalSteps,
} from "./state-machine.ts";

const input = { runId: "r1", key: "data/input/a.csv", etag: "e1" };

/** Steps that return fixed summaries; `overrides` replaces some of them per case. */
function fixedSteps(overrides: Partial<LocalSteps> = {}): LocalSteps {
  return {
    claimFile: async () => ({ runId: "r1", fileName: "a.csv", modelVersion: "v1" }),
    validateFile: async () => ({ isValid: true, message: null }),
    scoreFile: async () => ({ scoredKey: "s" }),
    buildReport: async () => ({
      driftShare: 0.2,
      driftShareThreshold: 0.5,
      lowScoreCount: 0,
      driftAlert: null,
      scoreAlert: null,
    }),
    saveReport: async () => ({ reportKey: "reports/r1.json" }),
    finishRun: async () => ({ status: "processed" }),
    failRun: async () => ({ status: "failed", reason: "it broke" }),
    ...overrides,
  };
}

const alertingReport = (driftShare: number, lowScoreCount: number) => async () => ({
  driftShare,
  driftShareThreshold: 0.5,
  lowScoreCount,
  driftAlert: { subject: "Drift", body: "columns" },
  scoreAlert: { subject: "Scores", body: "scores" },
});

const publishNothing = async () => "message-1";

describe("the run state machine document", () => {
  it("is valid ASL for asl-validator 4", () => {
    const definition = buildStateMachineDefinition({
      taskArns: LOCAL_TASK_ARNS,
      alertTopicArn: LOCAL_ALERT_TOPIC_ARN,
    });

    const { isValid, errorsText } = validateAsl(definition);

    expect(isValid, errorsText()).toBe(true);
  });

  it("rejects a document with a dangling transition, so the check can fail", () => {
    const definition = buildStateMachineDefinition({
      taskArns: LOCAL_TASK_ARNS,
      alertTopicArn: LOCAL_ALERT_TOPIC_ARN,
    });
    const states = definition.States as Record<string, Record<string, unknown>>;
    states[STATE_NAMES.validateFile] = { ...states[STATE_NAMES.validateFile], Next: "Nowhere" };

    expect(validateAsl(definition).isValid).toBe(false);
  });
});

describe("executeLocally", () => {
  it("goes from claim to finish without alerts when nothing crosses a threshold", async () => {
    const execution = await executeLocally({ input, steps: fixedSteps(), publish: publishNothing });

    expect(execution.isSucceeded).toBe(true);
    expect(execution.statesEntered).toEqual([
      STATE_NAMES.claimFile,
      STATE_NAMES.validateFile,
      STATE_NAMES.isFileValid,
      STATE_NAMES.scoreFile,
      STATE_NAMES.buildReport,
      STATE_NAMES.saveReport,
      STATE_NAMES.hasDataDrifted,
      STATE_NAMES.isAnyScoreLow,
      STATE_NAMES.finishRun,
    ]);
  });

  it.each([
    [0.5, 0, [STATE_NAMES.sendDriftAlert], ["Drift"]],
    [0.49, 2, [STATE_NAMES.sendScoreAlert], ["Scores"]],
    [0.9, 1, [STATE_NAMES.sendDriftAlert, STATE_NAMES.sendScoreAlert], ["Drift", "Scores"]],
  ])("with drift share %d and %d low scores, sends %o", async (share, low, states, subjects) => {
    const published: string[] = [];
    const steps = fixedSteps({ buildReport: alertingReport(share, low) });

    const execution = await executeLocally({
      input,
      steps,
      publish: async (message) => {
        published.push(message.subject);
        return `m${published.length}`;
      },
    });

    expect(execution.statesEntered.filter((name) => name.startsWith("Send"))).toEqual(states);
    expect(published).toEqual(subjects);
    expect(execution.isSucceeded).toBe(true);
  });

  it("hands the alert's message id to the finishing step", async () => {
    let finishInput: unknown;
    const steps = fixedSteps({
      buildReport: alertingReport(0.9, 0),
      finishRun: async (state) => {
        finishInput = state;
        return { status: "processed" };
      },
    });

    await executeLocally({ input, steps, publish: async () => "sns-42" });

    expect(finishInput).toMatchObject({ driftAlert: { messageId: "sns-42" } });
  });

  it("rejects an invalid file through the reject step and ends without failing", async () => {
    const steps = fixedSteps({
      validateFile: async () => ({ isValid: false, message: "no rows" }),
      failRun: async () => ({ status: "rejected", reason: "no rows" }),
    });

    const execution = await executeLocally({ input, steps, publish: publishNothing });

    expect(execution.isSucceeded).toBe(true);
    expect(execution.statesEntered.slice(-2)).toEqual([
      STATE_NAMES.rejectFile,
      STATE_NAMES.fileRejected,
    ]);
  });

  it("moves the file to errored with the caught error when a step fails", async () => {
    let failInput: unknown;
    const steps = fixedSteps({
      scoreFile: async () => {
        throw new Error("model exploded");
      },
      failRun: async (state) => {
        failInput = state;
        return { status: "failed", reason: "model exploded" };
      },
    });

    const execution = await executeLocally({ input, steps, publish: publishNothing });

    expect(execution.isSucceeded).toBe(false);
    expect(execution.output).toEqual({ error: "RunFailed", cause: "model exploded" });
    expect(execution.statesEntered.slice(-3)).toEqual([
      STATE_NAMES.scoreFile,
      STATE_NAMES.moveToErrored,
      STATE_NAMES.runFailed,
    ]);
    expect(failInput).toMatchObject({
      runId: "r1",
      error: { Error: "RunStepError", Cause: "model exploded" },
    });
  });

  it("retries a step that throws TransientError, then goes on", async () => {
    let attempts = 0;
    const steps = fixedSteps({
      scoreFile: async () => {
        attempts += 1;
        if (attempts < 3) throw Object.assign(new Error("throttled"), { name: "TransientError" });
        return { scoredKey: "s" };
      },
    });

    const execution = await executeLocally({
      input,
      steps,
      publish: publishNothing,
      retryIntervalMs: 0,
    });

    expect(attempts).toBe(3);
    expect(execution.isSucceeded).toBe(true);
  });

  it("gives up after the last retry and fails the run", async () => {
    let attempts = 0;
    const steps = fixedSteps({
      saveReport: async () => {
        attempts += 1;
        throw Object.assign(new Error("still down"), { name: "TransientError" });
      },
    });

    const execution = await executeLocally({
      input,
      steps,
      publish: publishNothing,
      retryIntervalMs: 0,
    });

    expect(attempts).toBe(5);
    expect(execution.isSucceeded).toBe(false);
  });

  it("ends in the cleanup failure state when moving to errored fails too", async () => {
    const steps = fixedSteps({
      claimFile: async () => {
        throw new Error("bucket gone");
      },
      failRun: async () => {
        throw new Error("bucket still gone");
      },
    });

    const execution = await executeLocally({ input, steps, publish: publishNothing });

    expect(execution.output).toEqual({ error: "CleanupFailed", cause: "bucket still gone" });
    expect(execution.statesEntered.at(-1)).toBe(STATE_NAMES.cleanupFailed);
  });
});
