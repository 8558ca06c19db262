import { ChurnError } from "../errors/index.ts";

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Where a field's bytes are found: they are valid only during the `field` call. */
export interface CsvFieldSink {
  field(bytes: Uint8Array, start: number, end: number): void;
  endRecord(): void;
}

// Fields are read in one of four states; a quoted field's content always goes through the
// scratch buffer, an unquoted one only when it spans two chunks.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

/** Default limit on one field, so a quote left open cannot swallow a whole file into memory. */
export const DEFAULT_MAX_FIELD_BYTES = 1 << 20;

/**
 * A byte-level CSV state machine (RFC 4180 plus the usual leniencies): comma separated, fields
 * optionally quoted with `""` as an escaped quote, records ended by LF, CRLF or a lone CR.
 * Lines with no bytes at all are skipped. It hands byte ranges to a sink and allocates nothing
 * per field, except for quoted fields and fields split across chunks.
 */
export class CsvTokenizer {
  readonly #sink: CsvFieldSink;
  readonly #maxFieldBytes: number;
  #state = FIELD_START;
  #scratch = new Uint8Array(256);
  #scratchLength = 0;
  #isInScratch = false;
  #isQuotedField = false;
  #fieldCount = 0;
  #isAfterCr = false;
  #recordCount = 0;

  constructor(sink: CsvFieldSink, options: { maxFieldBytes?: number } = {}) {
    this.#sink = sink;
    this.#maxFieldBytes = options.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES;
  }

  /** Records ended so far, the header included; empty lines are not records. */
  get recordCount(): number {
    return this.#recordCount;
  }

  /** Reads one chunk. Throws `csv.field_too_long` when a field passes the size limit. */
  push(chunk: Uint8Array): void {
    const length = chunk.length;
    let i = 0;
    if (this.#isAfterCr && length > 0) {
      if (chunk[0] === LF) i = 1;
      this.#isAfterCr = false;
    }
    let start = i;

    while (i < length) {
      const state = this.#state;
      if (state === FIELD_START) {
        if (chunk[i] === QUOTE) {
          this.#state = QUOTED;
          this.#isQuotedField = true;
          this.#isInScratch = true;
          i += 1;
          start = i;
        } else {
          this.#state = UNQUOTED;
        }
        continue;
      }

      if (state === QUOTED) {
        while (i < length && chunk[i] !== QUOTE) i += 1;
        this.#append(chunk, start, i);
        if (i === length) return;
        this.#state = QUOTE_IN_QUOTED;
        i += 1;
        start = i;
        continue;
      }

      if (state === QUOTE_IN_QUOTED && chunk[i] === QUOTE) {
        this.#append(chunk, i, i + 1);
        this.#state = QUOTED;
        i += 1;
        start = i;
        continue;
      }

      // UNQUOTED, or bytes after a closing quote, which are kept as they stand.
      this.#state = UNQUOTED;
      let byte = chunk[i];
      while (byte !== COMMA && byte !== LF && byte !== CR) {
        i += 1;
        if (i === length) {
          this.#append(chunk, start, i);
          this.#isInScratch = true;
          return;
        }
        byte = chunk[i];
      }
      i += 1;
      if (byte === COMMA) {
        this.#endField(chunk, start, i - 1, false);
      } else {
        this.#endField(chunk, start, i - 1, true);
        if (byte === CR) {
          if (i === length) this.#isAfterCr = true;
          else if (chunk[i] === LF) i += 1;
        }
      }
      start = i;
    }
  }

  /** Ends the input: a last record without a line break still counts. */
  finish(): void {
    if (this.#state === FIELD_START && this.#fieldCount === 0) return;
    this.#endField(this.#scratch, 0, 0, true);
  }

  #endField(chunk: Uint8Array, start: number, end: number, isRecordEnd: boolean): void {
    let bytes = chunk;
    let from = start;
    let to = end;
    if (this.#isInScratch) {
      this.#append(chunk, start, end);
      bytes = this.#scratch;
      from = 0;
      to = this.#scratchLength;
    }
    const isEmptyLine =
      isRecordEnd && this.#fieldCount === 0 && to === from && !this.#isQuotedField;

    if (!isEmptyLine) this.#sink.field(bytes, from, to);
    this.#state = FIELD_START;
    this.#scratchLength = 0;
    this.#isInScratch = false;
    this.#isQuotedField = false;
    this.#fieldCount = isRecordEnd ? 0 : this.#fieldCount + 1;
    if (isRecordEnd && !isEmptyLine) {
      this.#recordCount += 1;
      this.#sink.endRecord();
    }
  }

  #append(chunk: Uint8Array, start: number, end: number): void {
    const addLength = end - start;
    if (addLength === 0) return;
    const needed = this.#scratchLength + addLength;
    if (needed > this.#maxFieldBytes) {
      throw new ChurnError(
        "csv.field_too_long",
        `Record ${this.#recordCount + 1} has a field longer than ${this.#maxFieldBytes} bytes; ` +
          "check for a quote that is never closed.",
        { context: { recordNumber: this.#recordCount + 1, maxFieldBytes: this.#maxFieldBytes } },
      );
    }
    if (needed > this.#scratch.length) {
      const grown = new Uint8Array(Math.min(Math.max(needed, this.#scratch.length * 2), 2 ** 31));
      grown.set(this.#scratch.subarray(0, this.#scratchLength));
      this.#scratch = grown;
    }
    this.#scratch.set(chunk.subarray(start, end), this.#scratchLength);
    this.#scratchLength = needed;
  }
}
