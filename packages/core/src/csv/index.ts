/**
 * Reading and judging churn CSV files: one streaming pass over bytes into a columnar table of
 * the good rows, with every row issue counted and a verdict (docs/data-validation.md).
 */
export type { CellReading, RowIssueKind } from "./cell.ts";
export { MISSING_TOKENS, parseDecimalBytes } from "./cell.ts";
export type { HeaderPlan } from "./header.ts";
export { planHeader } from "./header.ts";
export { formatCsvRecord, readCsvRecords } from "./records.ts";
export { describeRowIssues, REJECTED_ROW_COLUMNS, writeRejectedRows } from "./rejected-rows.ts";
export { formatSafeCsvLine, neutraliseCell } from "./safe-line.ts";
export type { ChurnTable, TableColumn } from "./table.ts";
export { churnTableFromColumns, createChurnTable, EMPTY_TABLE } from "./table.ts";
export { validateCsv } from "./validate.ts";
export type {
  CsvOptions,
  CsvRejection,
  CsvRejectionCode,
  CsvSummary,
  CsvValidation,
  CsvVerdict,
  ResolvedCsvOptions,
  RowIssue,
} from "./verdict.ts";
export { CsvOptionsSchema, DEFAULT_MAX_BAD_ROW_SHARE } from "./verdict.ts";
