import { ChurnError } from "../errors/index.ts";

/**
 * A file's good rows as columns. Known columns and unknown columns whose every cell is a number
 * are `Float64Array`s (NaN for a missing cell); other unknown columns are kept as text.
 */
export interface ChurnTable {
  readonly rowCount: number;
  /** Canonical column names, in file order. */
  readonly columnNames: readonly string[];
  /** A numeric column, or `undefined` when the table has no numeric column of that name. */
  column(name: string): Float64Array | undefined;
  /** A text column (unknown to the schema and not numeric), or `undefined`. */
  textColumn(name: string): readonly string[] | undefined;
}

export type TableColumn = Float64Array | readonly string[];

/**
 * Builds a table from whole columns, in the given order. Throws `csv.table_shape` when the
 * columns differ in length, which is a programming error rather than bad data.
 */
export function createChurnTable(columns: ReadonlyMap<string, TableColumn>): ChurnTable {
  const lengths = new Set([...columns.values()].map((values) => values.length));
  if (lengths.size > 1) {
    throw new ChurnError("csv.table_shape", "Table columns must all have the same length.", {
      context: { lengths: [...lengths] },
    });
  }
  const rowCount = lengths.values().next().value ?? 0;
  const columnNames = [...columns.keys()];

  return {
    rowCount,
    columnNames,
    column: (name) => {
      const values = columns.get(name);
      return values instanceof Float64Array ? values : undefined;
    },
    textColumn: (name) => {
      const values = columns.get(name);
      return values === undefined || values instanceof Float64Array ? undefined : values;
    },
  };
}

/** Builds a table from a plain record of columns, e.g. in tests or from generated data. */
export function churnTableFromColumns(columns: Readonly<Record<string, TableColumn>>): ChurnTable {
  return createChurnTable(new Map(Object.entries(columns)));
}

/** The table with no rows and no columns, returned when a file is rejected before its rows. */
export const EMPTY_TABLE: ChurnTable = createChurnTable(new Map());

/** A Float64Array that grows by doubling; `values()` trims it to the rows written. */
export class GrowableFloat64 {
  #values: Float64Array;
  #length = 0;

  constructor(initialCapacity = 1024) {
    this.#values = new Float64Array(initialCapacity);
  }

  get length(): number {
    return this.#length;
  }

  /** Writes at `index`, which is at most the current length (a rewrite or an append). */
  set(index: number, value: number): void {
    if (index >= this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[index] = value;
    if (index >= this.#length) this.#length = index + 1;
  }

  /** The values written, up to `length` rows; copies only when much capacity is unused. */
  values(length: number): Float64Array {
    const wasted = this.#values.length - length;
    return wasted > length / 4 ? this.#values.slice(0, length) : this.#values.subarray(0, length);
  }
}
