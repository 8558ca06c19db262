import { describe, expect, it } from "vitest";
import {
  ALERT_STATES,
  buildStateMachineDefinition,
  STATE_NAMES,
  TASK_STATES,
  type TaskArns,
} from "./definition.ts";

const taskArns: TaskArns = {
  claimFile: "arn:aws:lambda:eu-west-1:123456789012:function:claim-file",
  validateFile: "arn:aws:lambda:eu-west-1:123456789012:function:validate-file",
  scoreFile: "arn:aws:lambda:eu-west-1:123456789012:function:score-file",
  buildReport: "arn:aws:lambda:eu-west-1:123456789012:function:build-report",
  saveReport: "arn:aws:lambda:eu-west-1:123456789012:function:save-report",
  finishRun: "arn:aws:lambda:eu-west-1:123456789012:function:finish-run",
  failRun: "arn:aws:lambda:eu-west-1:123456789012:function:fail-run",
};
const alertTopicArn = "arn:aws:sns:eu-west-1:123456789012:churn-alerts";

interface State {
  Type: string;
  Resource?: string;
  Next?: string;
  Default?: string;
  End?: boolean;
  Choices?: { Next: string }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Retry?: { ErrorEquals: string[]; MaxAttempts?: number; MaxDelaySeconds?: number }[];
  Parameters?: Record<string, unknown>;
}

function states(): Record<string, State> {
  const definition = buildStateMachineDefinition({ taskArns, alertTopicArn });
  return definition.States as Record<string, State>;
}

describe("buildStateMachineDefinition", () => {
  it("starts by claiming the file", () => {
    const definition = buildStateMachineDefinition({ taskArns, alertTopicArn });

    expect(definition.StartAt).toBe(STATE_NAMES.claimFile);
  });

  it("gives every task a catch-all route to the errored path and a retry on transient faults", () => {
    const tasks = Object.entries(states()).filter(([, state]) => state.Type === "Task");

    expect(tasks).toHaveLength(10);
    for (const [name, state] of tasks) {
      expect(state.Catch?.[0]?.ErrorEquals, name).toEqual(["States.ALL"]);
      expect(state.Retry?.[0]?.ErrorEquals.length, name).toBeGreaterThan(0);
    }
  });

  it("retries TransientError and Lambda throttling on the Lambda tasks", () => {
    const claim = states()[STATE_NAMES.claimFile];

    expect(claim?.Retry?.[0]?.ErrorEquals).toEqual(
      expect.arrayContaining(["TransientError", "Lambda.TooManyRequestsException"]),
    );
  });

  it.each([
    [STATE_NAMES.claimFile, 4, [2, 30]],
    [STATE_NAMES.sendDriftAlert, 3, [2, undefined]],
    [STATE_NAMES.sendScoreAlert, 3, [2, undefined]],
  ])("retries %s %i times as docs/pipeline.md says", (name, maxAttempts, [interval, cap]) => {
    const retry = states()[name]?.Retry?.[0];

    expect(retry).toMatchObject({
      MaxAttempts: maxAttempts,
      IntervalSeconds: interval,
      BackoffRate: 2,
      JitterStrategy: "FULL",
    });
    expect(retry?.MaxDelaySeconds).toBe(cap);
  });

  it("routes every failure of the main path to the step that moves the file to errored", () => {
    const all = states();
    const mainPath = [
      STATE_NAMES.claimFile,
      STATE_NAMES.validateFile,
      STATE_NAMES.scoreFile,
      STATE_NAMES.buildReport,
      STATE_NAMES.saveReport,
      STATE_NAMES.sendDriftAlert,
      STATE_NAMES.sendScoreAlert,
      STATE_NAMES.finishRun,
    ];

    for (const name of mainPath) {
      expect(all[name]?.Catch?.[0]?.Next, name).toBe(STATE_NAMES.moveToErrored);
    }
    expect(all[STATE_NAMES.moveToErrored]?.Next).toBe(STATE_NAMES.runFailed);
    expect(all[STATE_NAMES.runFailed]?.Type).toBe("Fail");
  });

  it("uses the task ARN of each step and the direct SNS integration for alerts", () => {
    const all = states();

    for (const [name, step] of Object.entries(TASK_STATES)) {
      expect(all[name]?.Resource, name).toBe(taskArns[step]);
    }
    for (const name of ALERT_STATES) {
      expect(all[name]?.Resource).toBe("arn:aws:states:::sns:publish");
      expect(all[name]?.Parameters?.TopicArn).toBe(alertTopicArn);
    }
  });

  it("names only states that exist in every transition", () => {
    const all = states();
    const targets = Object.values(all).flatMap((state) => [
      state.Next,
      state.Default,
      ...(state.Choices ?? []).map((choice) => choice.Next),
      ...(state.Catch ?? []).map((handler) => handler.Next),
    ]);

    for (const target of targets.filter((name) => name !== undefined)) {
      expect(Object.keys(all)).toContain(target);
    }
  });
});
