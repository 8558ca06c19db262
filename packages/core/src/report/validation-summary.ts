import type { CsvValidation } from "../csv/index.ts";
import type { ValidationSummary } from "./schema.ts";

/** The report's validation section from a CSV validation result. */
export function validationSummary(validation: CsvValidation): ValidationSummary {
  const { verdict, summary } = validation;
  return {
    isValid: verdict.isValid,
    ...(verdict.isValid ? {} : { code: verdict.code, message: verdict.message }),
    rowCount: summary.rowCount,
    validRowCount: summary.keptRowCount,
    invalidRowCount: summary.badRowCount,
    hasTarget: summary.hasTarget,
    columns: {
      found: [...summary.columns.found],
      missing: [...summary.columns.missing],
      unknown: [...summary.columns.unknown],
    },
    issues: validation.issues.map((issue) => ({ ...issue })),
    issueCount: validation.issueCount,
    missingCellCounts: { ...summary.missingCellCounts },
  };
}
