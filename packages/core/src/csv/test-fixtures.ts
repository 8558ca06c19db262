import { COLUMNS } from "../schema/index.ts";

/** The original files' header line, double spaces included. */
export const RAW_HEADER = COLUMNS.map((spec) => spec.rawHeader).join(",");

/** One valid row in the original column order (the first data row of customer_churn_0.csv). */
export const VALID_ROW = "8,0,38,0,4370,71,5,17,3,1,1,30,197.64,0";

/** Streams `text` (or bytes) as chunks of `chunkSize` bytes, to exercise chunk boundaries. */
export async function* bytesOf(
  content: string | Uint8Array,
  chunkSize = 64 * 1024,
): AsyncGenerator<Uint8Array> {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    yield bytes.subarray(offset, offset + chunkSize);
  }
}

/** A valid file of `rowCount` copies of VALID_ROW, with some rows replaced by `overrides`. */
export function validCsv(
  rowCount: number,
  overrides: Readonly<Record<number, string>> = {},
): string {
  const rows = Array.from({ length: rowCount }, (_, index) => overrides[index + 1] ?? VALID_ROW);
  return `${[RAW_HEADER, ...rows].join("\n")}\n`;
}
