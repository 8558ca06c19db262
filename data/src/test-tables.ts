import { type ChurnTable, validateCsv } from "@churn/core/csv";

/** Reads CSV text the way the platform does, failing loudly if the text is not valid. */
export async function readTable(text: string): Promise<ChurnTable> {
  async function* source(): AsyncGenerator<Uint8Array> {
    yield new TextEncoder().encode(text);
  }
  const validation = await validateCsv(source());
  if (!validation.verdict.isValid) throw new Error(validation.verdict.message);
  if (validation.issueCount > 0) throw new Error(`${validation.issueCount} row issues`);
  return validation.table;
}

export function column(table: ChurnTable, name: string): Float64Array {
  const values = table.column(name);
  if (values === undefined) throw new Error(`no column ${name}`);
  return values;
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) sum += values[i] ?? 0;
  return sum / values.length;
}

export function standardDeviation(values: ArrayLike<number>): number {
  const center = mean(values);
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) sum += ((values[i] ?? 0) - center) ** 2;
  return Math.sqrt(sum / values.length);
}

export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const meanA = mean(a);
  const meanB = mean(b);
  let covariance = 0;
  for (let i = 0; i < a.length; i += 1) covariance += ((a[i] ?? 0) - meanA) * ((b[i] ?? 0) - meanB);
  return covariance / a.length / (standardDeviation(a) * standardDeviation(b));
}

/** Share of rows with churn among those where `condition` holds. */
export function churnShareWhere(table: ChurnTable, condition: (row: number) => boolean): number {
  const churn = column(table, "churn");
  let matching = 0;
  let churned = 0;
  for (let row = 0; row < table.rowCount; row += 1) {
    if (!condition(row)) continue;
    matching += 1;
    churned += churn[row] ?? 0;
  }
  return churned / matching;
}
