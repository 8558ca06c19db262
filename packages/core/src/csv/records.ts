import { decodeText } from "./cell.ts";
import { bomLength } from "./sniff.ts";
import { type CsvFieldSink, CsvTokenizer } from "./tokenizer.ts";

class RecordSink implements CsvFieldSink {
  #cells: string[] = [];
  readonly records: string[][] = [];

  field(bytes: Uint8Array, start: number, end: number): void {
    this.#cells.push(decodeText(bytes, start, end));
  }

  endRecord(): void {
    this.records.push(this.#cells);
    this.#cells = [];
  }
}

/**
 * Streams a CSV file's records as text cells, header first, with the same reading rules as
 * `validateCsv` (so record n after the header is data row n). Throws `csv.field_too_long` when
 * a field passes `maxFieldBytes`; bad data otherwise comes through as it stands.
 */
export async function* readCsvRecords(
  source: AsyncIterable<Uint8Array>,
  options: { maxFieldBytes?: number } = {},
): AsyncGenerator<string[]> {
  const sink = new RecordSink();
  const tokenizer = new CsvTokenizer(sink, options);
  let head: Uint8Array = new Uint8Array(0);
  let isHeadDone = false;

  for await (const chunk of source) {
    let bytes = chunk;
    if (!isHeadDone) {
      // The byte order mark may be split across the first chunks; hold bytes until it is known.
      head = concatBytes(head, chunk);
      if (head.length < 3) continue;
      bytes = head.subarray(bomLength(head));
      isHeadDone = true;
    }
    tokenizer.push(bytes);
    yield* sink.records.splice(0);
  }
  if (!isHeadDone) tokenizer.push(head.subarray(bomLength(head)));
  tokenizer.finish();
  yield* sink.records.splice(0);
}

function concatBytes(first: Uint8Array, second: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(first.length + second.length);
  bytes.set(first);
  bytes.set(second, first.length);
  return bytes;
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV line (without its line break), quoting the cells that need it as RFC 4180 says. */
export function formatCsvRecord(cells: readonly string[]): string {
  return cells
    .map((cell) => (NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell))
    .join(",");
}
