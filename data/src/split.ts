import { ChurnError } from "@churn/core";
import { readCsvRecords } from "@churn/core/csv";
import { canonicalColumnName } from "@churn/core/schema";
import { RAW_HEADERS } from "./columns.ts";
import { formatPythonFloat } from "./generate.ts";

/** Rows of the UCI file (dataset 563, "Customer Churn.csv"), header excluded. */
export const ORIGINAL_ROW_COUNT = 3150;

/**
 * How the original platform cut the UCI file: three consecutive blocks of 1050 rows, written back
 * by pandas, which turns the float column Customer Value into Python's repr (`180` → `180.0`).
 * The SHA-256 of each file it shipped, to check a download against.
 */
export const ORIGINAL_SPLIT = [
  {
    fileName: "customer_churn_0.csv",
    firstRow: 1,
    rowCount: 1050,
    sha256: "65a428dfe16d9d56776052938de8e620442216e4cc425fc62979700c4903a809",
  },
  {
    fileName: "customer_churn_1.csv",
    firstRow: 1051,
    rowCount: 1050,
    sha256: "ef91146ca8746288d0be094d22616733efdfefd024648aebd6be4eec6a7139de",
  },
  {
    fileName: "customer_churn_2.csv",
    firstRow: 2101,
    rowCount: 1050,
    sha256: "09d88cdc35bd267291ede8559791d6fd07f5f6f69ef8cd44a4197c41c3622fa8",
  },
] as const;

const CUSTOMER_VALUE_INDEX = RAW_HEADERS.indexOf("Customer Value");

/**
 * Splits the UCI file's bytes into the original platform's three files, as text. Throws
 * `data.unexpected_original` when the header or the row count is not the UCI file's.
 */
export async function splitOriginalFile(
  source: AsyncIterable<Uint8Array>,
): Promise<{ fileName: string; text: string }[]> {
  const records: string[][] = [];
  for await (const record of readCsvRecords(source)) records.push(record);
  const [header = [], ...rows] = records;

  const expected = RAW_HEADERS.map(canonicalColumnName).join(",");
  if (
    header.map(canonicalColumnName).join(",") !== expected ||
    rows.length !== ORIGINAL_ROW_COUNT
  ) {
    throw new ChurnError(
      "data.unexpected_original",
      `The downloaded file has ${rows.length} rows and the header ${JSON.stringify(header.join(","))}; ` +
        `expected ${ORIGINAL_ROW_COUNT} rows under the UCI header.`,
    );
  }

  return ORIGINAL_SPLIT.map(({ fileName, firstRow, rowCount }) => {
    const block = rows.slice(firstRow - 1, firstRow - 1 + rowCount).map(formatOriginalRow);
    return { fileName, text: `${[RAW_HEADERS.join(","), ...block].join("\n")}\n` };
  });
}

function formatOriginalRow(cells: readonly string[]): string {
  return cells
    .map((cell, index) =>
      index === CUSTOMER_VALUE_INDEX ? formatPythonFloat(Number(cell)) : cell.trim(),
    )
    .join(",");
}
