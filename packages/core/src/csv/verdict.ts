import * as v from "valibot";
import type { RowIssueKind } from "./cell.ts";
import type { ChurnTable } from "./table.ts";
import { DEFAULT_MAX_FIELD_BYTES } from "./tokenizer.ts";

/** Why a whole file is rejected; each code has one message template (docs/data-validation.md). */
export type CsvRejectionCode =
  | "csv.not_text"
  | "csv.wrong_delimiter"
  | "csv.empty"
  | "csv.header_only"
  | "csv.missing_columns"
  | "csv.duplicate_headers"
  | "csv.too_few_rows"
  | "csv.too_many_bad_rows"
  | "csv.malformed"
  | "csv.unreadable";

export interface CsvRejection {
  readonly isValid: false;
  readonly code: CsvRejectionCode;
  /** One line: what is wrong with the file and what to do. */
  readonly message: string;
}

export type CsvVerdict = { readonly isValid: true } | CsvRejection;

/** One problem found in one row; `column` is `*` for a problem with the row as a whole. */
export interface RowIssue {
  /** 1-based number of the data row in the file (the header is not counted, nor empty lines). */
  readonly rowNumber: number;
  readonly column: string;
  /** The cell's text as written (for `wrong_cell_count`, the number of cells). */
  readonly value: string;
  readonly kind: RowIssueKind;
}

export interface CsvSummary {
  /** Data rows read (not counting the header and empty lines). */
  readonly rowCount: number;
  readonly keptRowCount: number;
  readonly badRowCount: number;
  readonly columns: {
    /** Canonical names of the file's columns, in file order. */
    readonly found: readonly string[];
    /** Known columns the file lacks. */
    readonly missing: readonly string[];
    /** Columns the schema does not know; they are kept, not judged. */
    readonly unknown: readonly string[];
  };
  readonly hasTarget: boolean;
  readonly issueCounts: Readonly<Record<RowIssueKind, number>>;
  /** Blank or missing-token cells of each known column the file has, over every data row. */
  readonly missingCellCounts: Readonly<Record<string, number>>;
}

/** Everything validation learns about one file; never an exception. */
export interface CsvValidation {
  readonly verdict: CsvVerdict;
  /** The good rows only; empty when the file is rejected before its rows are read. */
  readonly table: ChurnTable;
  /** The 1-based data-row number in the source of each row of `table`, ascending. */
  readonly rowNumbers: Uint32Array;
  /** The first `maxListedIssueCount` issues, in file order. */
  readonly issues: readonly RowIssue[];
  /** Every issue found, listed or not. */
  readonly issueCount: number;
  readonly summary: CsvSummary;
}

/** The largest share of bad rows a file may hold and still be scored. */
export const DEFAULT_MAX_BAD_ROW_SHARE = 0.1;

/** Settings of validation, parsed with valibot where they come from outside (env, CLI). */
export const CsvOptionsSchema = v.object({
  /** Fewer good rows than this reject the file: drift on a handful of rows means nothing. */
  minRowCount: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 50),
  /** A file whose share of bad rows is above this is rejected rather than scored. */
  maxBadRowShare: v.optional(
    v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
    DEFAULT_MAX_BAD_ROW_SHARE,
  ),
  /** How many issues are listed; all are counted. */
  maxListedIssueCount: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 100),
  /** Longest field accepted, in bytes, so a quote left open cannot fill the memory. */
  maxFieldBytes: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(1)),
    DEFAULT_MAX_FIELD_BYTES,
  ),
  /** How messages name the file, e.g. its key. */
  fileLabel: v.optional(v.string(), "The file"),
});

export type CsvOptions = v.InferInput<typeof CsvOptionsSchema>;
export type ResolvedCsvOptions = v.InferOutput<typeof CsvOptionsSchema>;

export function rejection(code: CsvRejectionCode, message: string): CsvRejection {
  return { isValid: false, code, message };
}
