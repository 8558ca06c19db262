import { formatCsvRecord } from "./records.ts";

/**
 * Writing CSV lines that are safe to open in a spreadsheet: cells quoted when needed, and text
 * that a spreadsheet would run as a formula neutralised (OWASP's CSV injection advice). Every
 * CSV file the platform writes for people (scored rows, rejected rows, predictions) goes
 * through here.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Prefixes a cell with `'` when it starts with `=`, `+`, `-`, `@`, a tab or a carriage return
 * and is not a plain number, so that `-5` stays a number while `=HYPERLINK(...)` stays text.
 */
export function neutraliseCell(cell: string): string {
  if (!FORMULA_START.test(cell) || NUMBER.test(cell.trim())) return cell;
  return `'${cell}`;
}

// Anything that may need a quote or a neutralising prefix; most rows of numbers have none.
const NEEDS_CARE = /["\r\n\t=+\-@]|(?:^|,)\s|\s(?:,|$)/;

/** One CSV line (with its `\n`) from cells, each neutralised, then quoted when it must be. */
export function formatSafeCsvLine(cells: readonly string[]): string {
  // A fast path for plain rows: one test on the joined line instead of two per cell. A comma
  // inside a cell cannot be seen in the joined line, so the commas are counted too.
  const joined = cells.join(",");
  const commaCount = joined.length - joined.replaceAll(",", "").length;
  if (commaCount === cells.length - 1 && !NEEDS_CARE.test(joined)) return `${joined}\n`;
  return `${formatCsvRecord(cells.map(neutraliseCell))}\n`;
}
