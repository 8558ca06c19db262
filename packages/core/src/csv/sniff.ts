import type { CsvRejection } from "./verdict.ts";
import { rejection } from "./verdict.ts";

/** Bytes looked at before any parsing, to tell text CSV from anything else. */
export const SNIFF_BYTE_COUNT = 64 * 1024;

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const LF = 10;
const CR = 13;
const TAB = 9;
// Share of control bytes (other than tab, CR, LF) past which a sample is binary, not text.
const MAX_CONTROL_SHARE = 0.01;

const OTHER_DELIMITERS: readonly { byte: number; name: string }[] = [
  { byte: 59, name: "semicolons" },
  { byte: TAB, name: "tabs" },
  { byte: 124, name: "vertical bars" },
];

/** The number of bytes of a UTF-8 byte order mark at the start of `bytes` (0 or 3). */
export function bomLength(bytes: Uint8Array): number {
  return UTF8_BOM.every((byte, index) => bytes[index] === byte) ? 3 : 0;
}

/**
 * Judges the first bytes of a file: the rejection when they are compressed, binary, not UTF-8,
 * or a table separated by something other than commas, else `undefined`.
 */
export function sniffSample(sample: Uint8Array, label: string): CsvRejection | undefined {
  if (sample[0] === 0x1f && sample[1] === 0x8b) {
    return rejection(
      "csv.not_text",
      `${label} is gzip-compressed; decompress it and send the CSV.`,
    );
  }
  if (sample[0] === 0x50 && sample[1] === 0x4b && sample[2] === 3 && sample[3] === 4) {
    return rejection(
      "csv.not_text",
      `${label} is a ZIP archive (an Excel workbook?), not CSV text; export it as CSV.`,
    );
  }
  if (isBinary(sample)) {
    return rejection("csv.not_text", `${label} holds binary data, not CSV text.`);
  }
  if (!isUtf8(sample)) {
    return rejection("csv.not_text", `${label} is not UTF-8 text; save it as UTF-8 CSV.`);
  }
  return checkDelimiter(sample, label);
}

function isBinary(sample: Uint8Array): boolean {
  let controlCount = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 32 && byte !== TAB && byte !== LF && byte !== CR) controlCount += 1;
  }
  return controlCount > sample.length * MAX_CONTROL_SHARE;
}

function isUtf8(sample: Uint8Array): boolean {
  try {
    // Streaming mode leaves a sequence cut by the end of the sample undecided, not invalid.
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function checkDelimiter(sample: Uint8Array, label: string): CsvRejection | undefined {
  const start = bomLength(sample);
  let end = sample.indexOf(LF, start);
  if (end < 0) end = sample.length;
  const headerLine = sample.subarray(start, end);
  if (headerLine.includes(44)) return undefined;

  const other = OTHER_DELIMITERS.find(({ byte }) => headerLine.includes(byte));
  if (other === undefined) return undefined;
  return rejection(
    "csv.wrong_delimiter",
    `${label} separates its header with ${other.name}, not commas; save it as comma-separated CSV.`,
  );
}
