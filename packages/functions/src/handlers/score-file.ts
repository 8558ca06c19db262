import { RunInfoSchema, scoreFile } from "@churn/core/pipeline";
import * as v from "valibot";
import { createStepHandler } from "./step-handler.ts";

/** "Score with model": scores the good rows on the SageMaker endpoint and writes the scored file. */
export const handler = createStepHandler({
  name: "score-file",
  input: v.object({ run: RunInfoSchema }),
  run: (input, context) => scoreFile(input, { ...context, predictor: context.predictor() }),
});
