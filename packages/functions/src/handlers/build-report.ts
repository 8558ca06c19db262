import {
  buildReport,
  RunInfoSchema,
  ScoringSummarySchema,
  ValidationSummarySchema,
} from "@churn/core/pipeline";
import * as v from "valibot";
import { createStepHandler } from "./step-handler.ts";

/** "Build report": drift, quality and data quality against the model version's reference. */
export const handler = createStepHandler({
  name: "build-report",
  input: v.object({
    run: RunInfoSchema,
    validation: ValidationSummarySchema,
    scoring: ScoringSummarySchema,
  }),
  run: (input, context) => buildReport(input, context),
});
