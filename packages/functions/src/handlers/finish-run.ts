import { FinishInputSchema, finishRun } from "@churn/core/pipeline";
import { createStepHandler } from "./step-handler.ts";

/** "Finish run": records the alerts sent and files the outputs under processed/. */
export const handler = createStepHandler({
  name: "finish-run",
  input: FinishInputSchema,
  run: async (input, context) => finishRun(input, { ...context, metrics: await context.metrics() }),
});
