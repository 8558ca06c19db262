import type { AlertMessage } from "@churn/core";
import {
  ALERT_STATES,
  buildStateMachineDefinition,
  STATE_NAMES,
  TASK_STATES,
  type TaskArns,
  type TaskStep,
  toStepError,
} from "@churn/core/pipeline";
import { ExecutionError, StateMachine } from "aws-local-stepfunctions";

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Which alert an SNS task sends. */
export type AlertKind = "drift" | "score";

/** What each Lambda-backed step does locally: the same step function, called in-process. */
export type LocalSteps = Record<TaskStep, (input: unknown) => Promise<unknown>>;

/** ARNs that never leave this machine: the local runner replaces each task with a handler. */
export const LOCAL_TASK_ARNS: TaskArns = {
  claimFile: localFunctionArn("claim-file"),
  validateFile: localFunctionArn("validate-file"),
  scoreFile: localFunctionArn("score-file"),
  buildReport: localFunctionArn("build-report"),
  saveReport: localFunctionArn("save-report"),
  finishRun: localFunctionArn("finish-run"),
  failRun: localFunctionArn("fail-run"),
};

export const LOCAL_ALERT_TOPIC_ARN = "arn:aws:sns:us-east-1:000000000000:churn-alerts";

/** How one local execution ended, and which states it went through. */
export interface LocalExecution {
  readonly isSucceeded: boolean;
  /** The final state output when it succeeded; `{ error, cause }` when it failed. */
  readonly output: unknown;
  readonly statesEntered: readonly string[];
}

/**
 * Runs the run state machine document on this machine with aws-local-stepfunctions: each task
 * state calls its step in-process and each SNS task calls `publish`. `retryIntervalMs` replaces
 * the document's backoff waits, for tests only.
 */
export async function executeLocally(options: {
  input: { runId: string; key: string; etag: string };
  steps: LocalSteps;
  publish: (message: AlertMessage, kind: AlertKind) => Promise<string>;
  retryIntervalMs?: number;
}): Promise<LocalExecution> {
  const definition = buildStateMachineDefinition({
    taskArns: LOCAL_TASK_ARNS,
    alertTopicArn: LOCAL_ALERT_TOPIC_ARN,
  });
  const machine = new StateMachine(definition as never);
  const execution = machine.run(options.input, {
    overrides: {
      taskResourceLocalHandlers: localHandlers(options.steps, options.publish),
      ...(options.retryIntervalMs === undefined
        ? {}
        : { retryIntervalOverrides: retryOverrides(definition, options.retryIntervalMs) }),
    },
  });

  const statesEntered = collectStatesEntered(execution.eventLogs);
  try {
    const output = await execution.result;
    return { isSucceeded: true, output, statesEntered: await statesEntered };
  } catch (error) {
    if (!(error instanceof ExecutionError)) throw error;
    const cause = error.cause as { name?: string; message?: string } | undefined;
    return {
      isSucceeded: false,
      output: { error: cause?.name ?? "ExecutionError", cause: cause?.message ?? error.message },
      statesEntered: await statesEntered,
    };
  }
}

function localHandlers(
  steps: LocalSteps,
  publish: (message: AlertMessage, kind: AlertKind) => Promise<string>,
): Record<string, (input: JsonValue) => Promise<JsonValue>> {
  const handlers: Record<string, (input: JsonValue) => Promise<JsonValue>> = {};
  for (const [stateName, step] of Object.entries(TASK_STATES)) {
    handlers[stateName] = async (input) => {
      try {
        return (await steps[step](input)) as JsonValue;
      } catch (error) {
        throw toStepError(error);
      }
    };
  }
  for (const stateName of ALERT_STATES) {
    const kind = stateName === STATE_NAMES.sendDriftAlert ? "drift" : "score";
    handlers[stateName] = async (input) => {
      const { Subject, Message } = input as { Subject: string; Message: string };
      try {
        return { MessageId: await publish({ subject: Subject, body: Message }, kind) };
      } catch (error) {
        throw toStepError(error);
      }
    };
  }
  return handlers;
}

function retryOverrides(definition: Record<string, unknown>, intervalMs: number) {
  const states = definition.States as Record<string, { Retry?: unknown }>;
  return Object.fromEntries(
    Object.entries(states)
      .filter(([, state]) => state.Retry !== undefined)
      .map(([name]) => [name, intervalMs]),
  );
}

async function collectStatesEntered(
  events: AsyncGenerator<{ type: string; state?: { name: string } }>,
): Promise<string[]> {
  const names: string[] = [];
  for await (const event of events) {
    if (event.type === "StateEntered" && event.state !== undefined) names.push(event.state.name);
  }
  return names;
}

function localFunctionArn(name: string): string {
  return `arn:aws:lambda:us-east-1:000000000000:function:churn-${name}`;
}
