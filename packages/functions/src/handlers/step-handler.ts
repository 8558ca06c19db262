import { describeError, isTransientError, toStepError } from "@churn/core/pipeline";
import * as v from "valibot";
import type { LambdaInvocation } from "../adapters/loggers.ts";
import { type LambdaContext, lambdaContext } from "./lambda-context.ts";

/**
 * A thin Lambda handler around one step: parses the state the step receives, calls it, and logs
 * one line when it starts and one when it ends or fails (run id, key, counts, `durationMs`, and
 * the request id and cold-start flag of the invocation context; never rows). Errors leave as
 * `TransientError` or `RunStepError` for the document's Retry.
 */
export function createStepHandler<TSchema extends v.GenericSchema, TOutput>(options: {
  name: string;
  input: TSchema;
  run: (input: v.InferOutput<TSchema>, context: LambdaContext) => Promise<TOutput>;
}): (event: unknown, invocation?: LambdaInvocation) => Promise<TOutput> {
  return async (event, invocation) => {
    const context = lambdaContext(options.name, invocation);
    const startedMs = Date.now();
    const fields = runFields(event);
    context.logger.info("Step started", fields);
    try {
      const output = await options.run(v.parse(options.input, event), context);
      context.logger.info("Step ended", {
        ...fields,
        ...countFields(output),
        durationMs: Date.now() - startedMs,
      });
      return output;
    } catch (error) {
      context.logger.error("Step failed", {
        ...fields,
        durationMs: Date.now() - startedMs,
        error: describeError(error),
        isTransient: isTransientError(error),
      });
      throw toStepError(error);
    }
  };
}

/** The run id and file key of any step's state, for the log. */
function runFields(event: unknown): Record<string, unknown> {
  const state = (typeof event === "object" && event !== null ? event : {}) as {
    runId?: unknown;
    key?: unknown;
    run?: { runId?: unknown; inputKey?: unknown };
  };
  return { runId: state.runId ?? state.run?.runId, key: state.key ?? state.run?.inputKey };
}

/** The numbers and flags of a step's summary: counts and shares, never rows or texts. */
function countFields(output: unknown): Record<string, unknown> {
  if (typeof output !== "object" || output === null) return {};
  return Object.fromEntries(
    Object.entries(output).filter(
      ([, value]) => typeof value === "number" || typeof value === "boolean",
    ),
  );
}
