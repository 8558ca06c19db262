import type { MetricsStore } from "@churn/core/db";
import { FailInputSchema, failRun } from "@churn/core/pipeline";
import { createStepHandler } from "./step-handler.ts";

/**
 * "Reject file" and "Move file to errored": files the drop under errored/ with the reason. The
 * database may be the very thing that failed, so a failure to reach it does not stop the move.
 */
export const handler = createStepHandler({
  name: "fail-run",
  input: FailInputSchema,
  run: async (input, context) => {
    const metrics = await context.metrics().catch((error: unknown) => unreachableStore(error));
    return failRun(input, { ...context, metrics });
  },
});

/** A metrics store whose every call rejects with the error met while opening it. */
function unreachableStore(error: unknown): MetricsStore {
  return new Proxy({} as MetricsStore, { get: () => () => Promise.reject(error) });
}
