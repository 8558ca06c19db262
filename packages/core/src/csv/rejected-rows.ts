import { type CellReading, readCell } from "./cell.ts";
import { type HeaderPlan, planHeader } from "./header.ts";
import { readCsvRecords } from "./records.ts";
import { formatSafeCsvLine } from "./safe-line.ts";

/** Columns added to each rejected row: its data-row number and what is wrong with it. */
export const REJECTED_ROW_COLUMNS = ["rejected_row_number", "rejected_because"] as const;

const encoder = new TextEncoder();

/**
 * Re-reads a file and writes, as CSV bytes, every data row that validation did not keep: the
 * original header and cells plus `rejected_row_number` and `rejected_because`, so no bad row is
 * dropped unseen. Cells that a spreadsheet would run as formulas are neutralised, as in the
 * scored file. `keptRowNumbers` is `CsvValidation.rowNumbers` (ascending). Throws what
 * `readCsvRecords` throws.
 */
export async function* writeRejectedRows(
  source: AsyncIterable<Uint8Array>,
  keptRowNumbers: Uint32Array,
): AsyncGenerator<Uint8Array> {
  let plan: HeaderPlan | undefined;
  let rowNumber = 0;
  let keptIndex = 0;
  let lines: string[] = [];

  for await (const cells of readCsvRecords(source)) {
    if (plan === undefined) {
      plan = planHeader(cells);
      lines.push(formatSafeCsvLine([...cells, ...REJECTED_ROW_COLUMNS]));
      continue;
    }
    rowNumber += 1;
    while ((keptRowNumbers[keptIndex] ?? Number.POSITIVE_INFINITY) < rowNumber) keptIndex += 1;
    if (keptRowNumbers[keptIndex] === rowNumber) continue;

    lines.push(formatSafeCsvLine([...cells, String(rowNumber), describeRowIssues(plan, cells)]));
    if (lines.length >= 1000) {
      yield encoder.encode(lines.join(""));
      lines = [];
    }
  }
  if (lines.length > 0) yield encoder.encode(lines.join(""));
}

/** The issues of one data row in words, e.g. `age_group outside_domain (7); churn missing`. */
export function describeRowIssues(plan: HeaderPlan, cells: readonly string[]): string {
  const reasons: string[] = [];
  if (cells.length !== plan.names.length) {
    reasons.push(`wrong_cell_count (${cells.length} cells, header has ${plan.names.length})`);
  }
  const reading: CellReading = { value: 0, issue: undefined };
  plan.specs.forEach((spec, index) => {
    const cell = cells[index];
    if (spec === undefined || cell === undefined) return;
    const bytes = encoder.encode(cell);
    readCell(bytes, 0, bytes.length, spec.domain, reading);
    if (reading.issue !== undefined) reasons.push(`${spec.name} ${reading.issue} (${cell})`);
  });
  return reasons.length === 0 ? "file rejected as a whole" : reasons.join("; ");
}
