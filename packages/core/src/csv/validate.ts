import * as v from "valibot";
import { ChurnError, isChurnError } from "../errors/index.ts";
import type { RowIssueKind } from "./cell.ts";
import { type HeaderPlan, planHeader } from "./header.ts";
import { bomLength, SNIFF_BYTE_COUNT, sniffSample } from "./sniff.ts";
import { EMPTY_TABLE } from "./table.ts";
import { HeaderSink, TableBuilder } from "./table-builder.ts";
import { type CsvFieldSink, CsvTokenizer } from "./tokenizer.ts";
import {
  type CsvOptions,
  CsvOptionsSchema,
  type CsvRejection,
  type CsvSummary,
  type CsvValidation,
  type ResolvedCsvOptions,
  rejection,
} from "./verdict.ts";

/**
 * Reads a churn CSV file in one streaming pass and judges it (docs/data-validation.md): the good
 * rows as a table, every row issue counted, and a verdict. It never throws for any bytes; only
 * options that fail `CsvOptionsSchema` throw, as `ChurnError` code `csv.invalid_options`.
 */
export async function validateCsv(
  source: AsyncIterable<Uint8Array>,
  options: CsvOptions = {},
): Promise<CsvValidation> {
  const parsed = v.safeParse(CsvOptionsSchema, options);
  if (!parsed.success) {
    throw new ChurnError(
      "csv.invalid_options",
      `Invalid CSV options: ${v.summarize(parsed.issues)}`,
    );
  }
  const settings = parsed.output;

  const file = new FileSink(settings);
  try {
    await readFile(source, file, settings);
  } catch (error) {
    file.rejection ??= readFailure(error, settings.fileLabel);
  }
  return file.result();
}

async function readFile(
  source: AsyncIterable<Uint8Array>,
  file: FileSink,
  settings: ResolvedCsvOptions,
): Promise<void> {
  const iterator = source[Symbol.asyncIterator]();
  const { sample, isDone } = await readSample(iterator);
  file.rejection = isDone && isBlank(sample) ? emptyFile(settings.fileLabel) : undefined;
  file.rejection ??= sniffSample(sample, settings.fileLabel);
  if (file.rejection !== undefined) {
    await iterator.return?.();
    return;
  }

  const tokenizer = new CsvTokenizer(file, { maxFieldBytes: settings.maxFieldBytes });
  tokenizer.push(sample.subarray(bomLength(sample)));
  while (!isDone && file.rejection === undefined) {
    const next = await iterator.next();
    if (next.done === true) break;
    tokenizer.push(asBytes(next.value));
  }
  if (file.rejection !== undefined) {
    await iterator.return?.();
    return;
  }
  tokenizer.finish();
}

/** Reads whole chunks until the sample holds enough bytes to judge the file's nature. */
async function readSample(
  iterator: AsyncIterator<Uint8Array>,
): Promise<{ sample: Uint8Array; isDone: boolean }> {
  const chunks: Uint8Array[] = [];
  let byteCount = 0;
  while (byteCount < SNIFF_BYTE_COUNT) {
    const next = await iterator.next();
    if (next.done === true) return { sample: concat(chunks, byteCount), isDone: true };
    const chunk = asBytes(next.value);
    chunks.push(chunk);
    byteCount += chunk.length;
  }
  return { sample: concat(chunks, byteCount), isDone: false };
}

function concat(chunks: readonly Uint8Array[], byteCount: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const bytes = new Uint8Array(byteCount);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

// A source typed as bytes may still yield strings at run time (a text stream); read them too.
function asBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === "string") return new TextEncoder().encode(chunk);
  throw new ChurnError("csv.not_bytes", "The CSV source yielded something other than bytes.");
}

function isBlank(sample: Uint8Array): boolean {
  for (let i = bomLength(sample); i < sample.length; i += 1) {
    const byte = sample[i];
    if (byte !== 32 && byte !== 9 && byte !== 10 && byte !== 13) return false;
  }
  return true;
}

function emptyFile(label: string): CsvRejection {
  return rejection("csv.empty", `${label} is empty; send a CSV file with a header and rows.`);
}

function readFailure(error: unknown, label: string): CsvRejection {
  if (isChurnError(error, "csv.field_too_long")) {
    return rejection("csv.malformed", `${label} could not be parsed: ${error.message}`);
  }
  const reason = error instanceof Error ? error.message : String(error);
  return rejection("csv.unreadable", `${label} could not be read: ${reason.split("\n")[0]}`);
}

/** Routes the header record to the header reader, then every data record to the table. */
class FileSink implements CsvFieldSink {
  readonly #settings: ResolvedCsvOptions;
  readonly #header = new HeaderSink();
  #plan: HeaderPlan | undefined;
  #rows: TableBuilder | undefined;
  rejection: CsvRejection | undefined;

  constructor(settings: ResolvedCsvOptions) {
    this.#settings = settings;
  }

  field(bytes: Uint8Array, start: number, end: number): void {
    if (this.#rows !== undefined) this.#rows.field(bytes, start, end);
    else if (this.rejection === undefined) this.#header.field(bytes, start, end);
  }

  endRecord(): void {
    if (this.#rows !== undefined) {
      this.#rows.endRecord();
    } else if (this.rejection === undefined) {
      this.#header.endRecord();
      this.#startRows();
    }
  }

  #startRows(): void {
    const plan = planHeader(this.#header.cells);
    this.#plan = plan;
    this.rejection = judgeHeader(plan, this.#settings.fileLabel);
    if (this.rejection === undefined) {
      this.#rows = new TableBuilder(plan, this.#settings.maxListedIssueCount);
    }
  }

  result(): CsvValidation {
    const rows = this.#rows;
    const built = rows?.build() ?? { table: EMPTY_TABLE, rowNumbers: new Uint32Array(0) };
    if (this.#plan === undefined && this.rejection === undefined) {
      this.rejection = emptyFile(this.#settings.fileLabel);
    }
    const verdict = this.rejection ?? judgeRows(rows, this.#settings) ?? { isValid: true };

    return {
      verdict,
      table: built.table,
      rowNumbers: built.rowNumbers,
      issues: rows?.issues ?? [],
      issueCount: rows?.issueCount ?? 0,
      summary: summarize(this.#plan, rows),
    };
  }
}

function judgeHeader(plan: HeaderPlan, label: string): CsvRejection | undefined {
  const duplicate = plan.duplicates[0];
  if (duplicate !== undefined) {
    const headers = duplicate.headers.map((header) => JSON.stringify(header)).join(", ");
    return rejection(
      "csv.duplicate_headers",
      `${label} has duplicate columns: ${headers} all name ${duplicate.name}; keep one of them.`,
    );
  }
  if (plan.missingFeatures.length > 0) {
    return rejection(
      "csv.missing_columns",
      `${label} lacks the required feature columns ${plan.missingFeatures.join(", ")}; ` +
        "check the header row.",
    );
  }
  return undefined;
}

function judgeRows(
  rows: TableBuilder | undefined,
  settings: ResolvedCsvOptions,
): CsvRejection | undefined {
  const label = settings.fileLabel;
  const rowCount = rows?.rowCount ?? 0;
  const keptRowCount = rows?.keptRowCount ?? 0;
  if (rowCount === 0) {
    return rejection("csv.header_only", `${label} has a header but no data rows.`);
  }
  if (rowCount < settings.minRowCount) {
    return rejection(
      "csv.too_few_rows",
      `${label} has ${rowCount} data rows; at least ${settings.minRowCount} are needed.`,
    );
  }
  const badRowCount = rowCount - keptRowCount;
  if (badRowCount / rowCount > settings.maxBadRowShare) {
    const percent = ((100 * badRowCount) / rowCount).toFixed(1);
    return rejection(
      "csv.too_many_bad_rows",
      `${label} has ${badRowCount} bad rows of ${rowCount} (${percent}%), above the ` +
        `${100 * settings.maxBadRowShare}% allowed; fix the rows listed in the issues.`,
    );
  }
  if (keptRowCount < settings.minRowCount) {
    return rejection(
      "csv.too_few_rows",
      `${label} has ${keptRowCount} good data rows; at least ${settings.minRowCount} are needed.`,
    );
  }
  return undefined;
}

const NO_ISSUES: Readonly<Record<RowIssueKind, number>> = {
  not_a_number: 0,
  outside_domain: 0,
  missing: 0,
  wrong_cell_count: 0,
};

function summarize(plan: HeaderPlan | undefined, rows: TableBuilder | undefined): CsvSummary {
  return {
    rowCount: rows?.rowCount ?? 0,
    keptRowCount: rows?.keptRowCount ?? 0,
    badRowCount: rows?.badRowCount ?? 0,
    columns: {
      found: plan?.names ?? [],
      missing: plan?.missing ?? [],
      unknown: plan?.unknown ?? [],
    },
    hasTarget: plan?.hasTarget ?? false,
    issueCounts: { ...(rows?.issueCounts ?? NO_ISSUES) },
    missingCellCounts: { ...rows?.missingCellCounts },
  };
}
