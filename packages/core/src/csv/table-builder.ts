import type { ColumnSpec } from "../schema/index.ts";
import {
  type CellReading,
  decodeText,
  parseDecimalBytes,
  type RowIssueKind,
  readCell,
} from "./cell.ts";
import type { HeaderPlan } from "./header.ts";
import { type ChurnTable, createChurnTable, GrowableFloat64, type TableColumn } from "./table.ts";
import type { CsvFieldSink } from "./tokenizer.ts";
import type { RowIssue } from "./verdict.ts";

/** Collects the header record's cells as text. */
export class HeaderSink implements CsvFieldSink {
  readonly cells: string[] = [];
  isComplete = false;

  field(bytes: Uint8Array, start: number, end: number): void {
    this.cells.push(decodeText(bytes, start, end));
  }

  endRecord(): void {
    this.isComplete = true;
  }
}

interface Slot {
  readonly name: string;
  readonly spec: ColumnSpec | undefined;
  readonly numbers: GrowableFloat64 | undefined;
  readonly texts: string[] | undefined;
}

/**
 * Reads data records into columns. A row is written at the next free row index, and that index
 * only advances when the row has no issue, so a bad row costs nothing to drop.
 */
export class TableBuilder implements CsvFieldSink {
  readonly #slots: Slot[];
  readonly #maxListedIssueCount: number;
  readonly #reading: CellReading = { value: 0, issue: undefined };
  readonly #rowNumbers = new GrowableFloat64();
  readonly issues: RowIssue[] = [];
  readonly issueCounts: Record<RowIssueKind, number> = {
    not_a_number: 0,
    outside_domain: 0,
    missing: 0,
    wrong_cell_count: 0,
  };
  /**
   * Blank or missing-token cells per known column over every data row, kept or not: a row
   * with a missing feature is set aside, so the table alone would always show none.
   */
  readonly missingCellCounts: Record<string, number> = {};
  #cellIndex = 0;
  #isRowBad = false;
  rowCount = 0;
  keptRowCount = 0;

  constructor(plan: HeaderPlan, maxListedIssueCount: number) {
    this.#maxListedIssueCount = maxListedIssueCount;
    this.#slots = plan.names.map((name, index) => {
      const spec = plan.specs[index];
      if (spec !== undefined) this.missingCellCounts[name] = 0;
      return {
        name,
        spec,
        numbers: spec === undefined ? undefined : new GrowableFloat64(),
        texts: spec === undefined ? [] : undefined,
      };
    });
  }

  get badRowCount(): number {
    return this.rowCount - this.keptRowCount;
  }

  get issueCount(): number {
    const counts = this.issueCounts;
    return counts.not_a_number + counts.outside_domain + counts.missing + counts.wrong_cell_count;
  }

  field(bytes: Uint8Array, start: number, end: number): void {
    const slot = this.#slots[this.#cellIndex];
    this.#cellIndex += 1;
    if (slot === undefined) return;

    if (slot.spec === undefined || slot.numbers === undefined) {
      if (slot.texts !== undefined) slot.texts[this.keptRowCount] = decodeText(bytes, start, end);
      return;
    }
    const reading = this.#reading;
    readCell(bytes, start, end, slot.spec.domain, reading);
    slot.numbers.set(this.keptRowCount, reading.value);
    if (reading.issue !== undefined) {
      if (reading.issue === "missing") {
        this.missingCellCounts[slot.name] = (this.missingCellCounts[slot.name] ?? 0) + 1;
      }
      this.#addIssue(slot.name, decodeText(bytes, start, end), reading.issue);
    }
  }

  endRecord(): void {
    if (this.#cellIndex !== this.#slots.length) {
      const value = `${this.#cellIndex} cells, header has ${this.#slots.length}`;
      this.#addIssue("*", value, "wrong_cell_count");
    }
    this.rowCount += 1;
    if (!this.#isRowBad) {
      this.#rowNumbers.set(this.keptRowCount, this.rowCount);
      this.keptRowCount += 1;
    }
    this.#cellIndex = 0;
    this.#isRowBad = false;
  }

  /** The good rows as a table, and the source row number of each. */
  build(): { table: ChurnTable; rowNumbers: Uint32Array } {
    const rowCount = this.keptRowCount;
    const columns = new Map<string, TableColumn>();
    for (const slot of this.#slots) {
      if (slot.numbers !== undefined) columns.set(slot.name, slot.numbers.values(rowCount));
      else if (slot.texts !== undefined)
        columns.set(slot.name, numericOrText(slot.texts, rowCount));
    }
    const rowNumbers = Uint32Array.from(this.#rowNumbers.values(rowCount));
    return { table: createChurnTable(columns), rowNumbers };
  }

  #addIssue(column: string, value: string, kind: RowIssueKind): void {
    this.#isRowBad = true;
    this.issueCounts[kind] += 1;
    if (this.issues.length < this.#maxListedIssueCount) {
      this.issues.push({ rowNumber: this.rowCount + 1, column, value, kind });
    }
  }
}

const encoder = new TextEncoder();

/** An unknown column is numeric when each cell is blank or a plain decimal number. */
function numericOrText(texts: string[], rowCount: number): TableColumn {
  texts.length = rowCount;
  const numbers = new Float64Array(rowCount);
  for (let row = 0; row < rowCount; row += 1) {
    const text = (texts[row] ?? "").trim();
    const bytes = encoder.encode(text);
    const value = text === "" ? Number.NaN : parseDecimalBytes(bytes, 0, bytes.length);
    if (text !== "" && Number.isNaN(value)) return texts;
    numbers[row] = value;
  }
  return numbers;
}
