import { ReportSummarySchema, RunInfoSchema, saveReport } from "@churn/core/pipeline";
import * as v from "valibot";
import { createStepHandler } from "./step-handler.ts";

/** "Save report": the report under reports/ and its figures in the metrics store. */
export const handler = createStepHandler({
  name: "save-report",
  input: v.object({ run: RunInfoSchema, report: ReportSummarySchema }),
  run: async (input, context) =>
    saveReport(input, { ...context, metrics: await context.metrics() }),
});
