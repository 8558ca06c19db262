import type { ColumnDomain } from "../schema/index.ts";

/** What can be wrong with one cell or one row of a file. */
export type RowIssueKind = "not_a_number" | "outside_domain" | "missing" | "wrong_cell_count";

const SPACE = 32;
const TAB = 9;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const LOWER_E = 101;
const UPPER_E = 69;

// Exact doubles: a mantissa below 2^53 divided by one of these is correctly rounded, so the
// fast path gives the same double as Number() (Clinger's fast path).
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, exponent) => 10 ** exponent);
const MAX_FAST_DIGIT_COUNT = 15;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Cell texts read as a missing value, compared in lower case after trimming. */
export const MISSING_TOKENS: ReadonlySet<string> = new Set(["", "na", "n/a", "nan", "null"]);

const decoder = new TextDecoder();

/**
 * Reads a plain decimal number (`12`, `-0.5`, `.5`, `3.`, `1e3`) from bytes, as Number() would,
 * or NaN when the bytes are anything else; blanks around it are the caller's to trim.
 */
export function parseDecimalBytes(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  const sign = bytes[i];
  const isNegative = sign === MINUS;
  if (isNegative || sign === PLUS) i += 1;

  let mantissa = 0;
  let digitCount = 0;
  let fractionDigitCount = 0;
  let hasDot = false;
  for (; i < end; i += 1) {
    const digit = (bytes[i] ?? 0) - ZERO;
    if (digit >= 0 && digit <= 9) {
      mantissa = mantissa * 10 + digit;
      digitCount += 1;
      if (hasDot) fractionDigitCount += 1;
    } else if (bytes[i] === DOT && !hasDot) {
      hasDot = true;
    } else {
      break;
    }
  }

  if (digitCount === 0) return Number.NaN;
  if (i < end) {
    return bytes[i] === LOWER_E || bytes[i] === UPPER_E
      ? parseSlowly(bytes, start, end)
      : Number.NaN;
  }
  if (digitCount > MAX_FAST_DIGIT_COUNT) return parseSlowly(bytes, start, end);
  const value = mantissa / (POWERS_OF_TEN[fractionDigitCount] ?? 1);
  return isNegative ? -value : value;
}

function parseSlowly(bytes: Uint8Array, start: number, end: number): number {
  const text = decoder.decode(bytes.subarray(start, end));
  return DECIMAL.test(text) ? Number(text) : Number.NaN;
}

/** The start of a range once leading spaces and tabs are skipped. */
export function trimStart(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && (bytes[i] === SPACE || bytes[i] === TAB)) i += 1;
  return i;
}

/** The end of a range once trailing spaces and tabs are dropped. */
export function trimEnd(bytes: Uint8Array, start: number, end: number): number {
  let i = end;
  while (i > start && (bytes[i - 1] === SPACE || bytes[i - 1] === TAB)) i -= 1;
  return i;
}

/** The issue with a number read for a column of this domain, or `undefined` when it fits. */
export function checkDomain(value: number, domain: ColumnDomain): RowIssueKind | undefined {
  if (value < domain.min || value > domain.max) return "outside_domain";
  if (domain.isInteger && !Number.isInteger(value)) return "outside_domain";
  if (domain.values !== undefined && !domain.values.includes(value)) return "outside_domain";
  return undefined;
}

/** Result of reading one cell of a known column: the number, or NaN and the issue. */
export interface CellReading {
  value: number;
  issue: RowIssueKind | undefined;
}

/**
 * Reads one cell of a known column into `reading` (reused, so reading a row allocates nothing):
 * blank or a missing token is `missing`, text that is not a decimal is `not_a_number`, and a
 * number the domain forbids is `outside_domain`.
 */
export function readCell(
  bytes: Uint8Array,
  start: number,
  end: number,
  domain: ColumnDomain,
  reading: CellReading,
): void {
  const from = trimStart(bytes, start, end);
  const to = trimEnd(bytes, from, end);
  const value = from === to ? Number.NaN : parseDecimalBytes(bytes, from, to);
  if (!Number.isNaN(value)) {
    reading.value = value;
    reading.issue = checkDomain(value, domain);
    return;
  }

  reading.value = Number.NaN;
  const text = from === to ? "" : decoder.decode(bytes.subarray(from, to)).toLowerCase();
  reading.issue = MISSING_TOKENS.has(text) ? "missing" : "not_a_number";
}

/** Decodes a byte range as UTF-8, replacing invalid sequences. */
export function decodeText(bytes: Uint8Array, start: number, end: number): string {
  return decoder.decode(bytes.subarray(start, end));
}
