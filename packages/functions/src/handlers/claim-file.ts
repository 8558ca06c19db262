import { claimFile, ExecutionInputSchema } from "@churn/core/pipeline";
import { createStepHandler } from "./step-handler.ts";

/** "Claim file": moves the drop into processing and resolves the model alias once. */
export const handler = createStepHandler({
  name: "claim-file",
  input: ExecutionInputSchema,
  run: async (input, context) => claimFile(input, { ...context, metrics: await context.metrics() }),
});
