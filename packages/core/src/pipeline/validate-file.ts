import { validateCsv } from "../csv/index.ts";
import { validationSummary } from "../report/index.ts";
import { runKeys } from "./run-keys.ts";
import { appendRunLog } from "./run-log.ts";
import { DEFAULT_PIPELINE_SETTINGS, type StepDependencies } from "./step-dependencies.ts";
import type { RunInfo, ValidationSummary } from "./step-io.ts";

/** How many row issues a run's log lists; the rejected-rows file holds every bad row. */
const LOGGED_ISSUE_COUNT = 10;

/**
 * "Validate file": reads the claimed file once and returns the verdict with its row counts. A
 * rejected file is a value (`isValid: false` with the code and message), not an exception.
 */
export async function validateFile(
  input: { run: RunInfo },
  deps: Pick<StepDependencies, "store" | "clock" | "settings">,
): Promise<ValidationSummary> {
  const { run } = input;
  const keys = runKeys(run.runId, run.fileName);
  const startedMs = deps.clock.now().getTime();

  const validation = await validateCsv(deps.store.read(keys.processing), {
    minRowCount: deps.settings.minRowCount,
    maxBadRowShare: deps.settings.maxBadRowShare ?? DEFAULT_PIPELINE_SETTINGS.maxBadRowShare,
    fileLabel: run.fileName,
  });
  const { summary } = validation;
  // As the original platform did, only `.csv` names are taken, whatever the bytes look like.
  const verdict = /\.csv$/i.test(run.fileName)
    ? validation.verdict
    : {
        isValid: false as const,
        code: "file.not_csv",
        message: `${run.fileName} is not a CSV file; drop files whose names end in .csv.`,
      };
  const result: Omit<ValidationSummary, "durationMs"> = {
    isValid: verdict.isValid,
    code: verdict.isValid ? null : verdict.code,
    message: verdict.isValid ? null : verdict.message,
    rowCount: summary.rowCount,
    keptRowCount: summary.keptRowCount,
    badRowCount: summary.badRowCount,
    hasLabels: summary.hasTarget,
  };

  await deps.store.write(
    keys.validationWorking,
    JSON.stringify({ ...validationSummary(validation), ...verdict }),
    {
      contentType: "application/json",
    },
  );
  const issues = validation.issues
    .slice(0, LOGGED_ISSUE_COUNT)
    .map((issue) => `row ${issue.rowNumber} ${issue.column} ${issue.kind} (${issue.value})`);
  const more = validation.issueCount - issues.length;
  await appendRunLog(
    deps.store,
    deps.clock,
    keys.log,
    [
      verdict.isValid ? "Validated:" : `Rejected: ${verdict.message} [${verdict.code}]`,
      `${summary.rowCount} rows, ${summary.keptRowCount} kept, ${summary.badRowCount} bad;`,
      summary.hasTarget ? "with labels." : "without labels.",
      issues.length > 0
        ? `Issues: ${issues.join("; ")}${more > 0 ? ` and ${more} more` : ""}.`
        : "",
    ]
      .filter((part) => part.length > 0)
      .join(" "),
  );
  return { ...result, durationMs: deps.clock.now().getTime() - startedMs };
}
