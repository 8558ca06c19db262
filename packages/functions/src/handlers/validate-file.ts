import { RunInfoSchema, validateFile } from "@churn/core/pipeline";
import * as v from "valibot";
import { createStepHandler } from "./step-handler.ts";

/** "Validate file": the verdict and row counts of the claimed file. */
export const handler = createStepHandler({
  name: "validate-file",
  input: v.object({ run: RunInfoSchema }),
  run: (input, context) => validateFile(input, context),
});
