import * as v from "valibot";
import { ChurnError } from "../errors/index.ts";
import { RUN_REPORT_VERSION, type RunReport, RunReportSchema } from "./schema.ts";

/**
 * Parses a stored run report (an object or its JSON text). Throws `report.invalid` naming the
 * first field that does not match schema version 1.
 */
export function parseRunReport(json: unknown): RunReport {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (cause) {
      throw new ChurnError(
        "report.invalid",
        "The run report is not valid JSON; rebuild it from the run.",
        {
          cause,
        },
      );
    }
  }
  const parsed = v.safeParse(RunReportSchema, value);
  if (parsed.success) return parsed.output;
  const issue = parsed.issues[0];
  const path = v.getDotPath(issue) ?? "the top level";
  throw new ChurnError(
    "report.invalid",
    `The run report does not match schema version ${RUN_REPORT_VERSION} at ${path}: ${issue.message}; rebuild it from the run.`,
    { context: { path } },
  );
}
