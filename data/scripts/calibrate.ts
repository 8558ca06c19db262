/**
 * Computes the facts the generator is calibrated on (marginals and normal-score correlations of
 * customer_churn_0.csv within each churn class and status) and writes them to data/src/calibration.ts. Run once, by
 * hand, where the original files are: `node data/scripts/calibrate.ts [<dir of the originals>]`.
 * It writes summary statistics only, never rows.
 */
import { createReadStream, writeFileSync } from "node:fs";
import { join } from "node:path";
import { validateCsv } from "@churn/core/csv";
import { GENERATED_COLUMNS, LEVEL_COLUMNS, QUANTILE_PROBABILITIES } from "../src/columns.ts";
import { normalQuantile } from "../src/normal.ts";

const SOURCE_FILE = "customer_churn_0.csv";
const dataDir = process.argv[2] ?? join(import.meta.dirname, "../../../shared/data");

const validation = await validateCsv(createReadStream(join(dataDir, SOURCE_FILE)));
if (!validation.verdict.isValid) throw new Error(validation.verdict.message);
const table = validation.table;
const churn = table.column("churn") ?? new Float64Array();
const columns = GENERATED_COLUMNS.map((name) => table.column(name) ?? new Float64Array());

const status = table.column("status") ?? new Float64Array();
// One group per churn class and status (active or not), whose rows differ most of all.
const groups = [0, 1].flatMap((label) =>
  [1, 2].map((statusValue) => {
    const rows = [...churn.keys()].filter(
      (row) => churn[row] === label && status[row] === statusValue,
    );
    const values = columns.map((column) => rows.map((row) => column[row] ?? Number.NaN));
    return {
      churn: label,
      status: statusValue,
      rowCount: rows.length,
      marginals: Object.fromEntries(
        GENERATED_COLUMNS.map((name, index) => [name, marginal(name, values[index] ?? [])]),
      ),
      correlation: correlationMatrix(values.map(normalScores)),
    };
  }),
);

const churnCount = groups
  .filter((group) => group.churn === 1)
  .reduce((sum, group) => sum + group.rowCount, 0);
const text = `// Written by data/scripts/calibrate.ts from ${SOURCE_FILE} (${table.rowCount} rows); do not edit.
// Marginals and normal-score correlations per churn class and status: summary statistics, never rows.
import type { Calibration } from "./columns.ts";

export const CALIBRATION: Calibration = ${JSON.stringify(
  {
    source: SOURCE_FILE,
    rowCount: table.rowCount,
    churnRate: round(churnCount / table.rowCount),
    groups,
  },
  null,
  2,
)};
`;
writeFileSync(join(import.meta.dirname, "../src/calibration.ts"), text);
console.log(`Wrote data/src/calibration.ts from ${SOURCE_FILE}.`);

function marginal(name: string, values: readonly number[]) {
  if ((LEVEL_COLUMNS as readonly string[]).includes(name)) {
    const levels = [...new Set(values)].sort((a, b) => a - b);
    const probabilities = levels.map(
      (level) => values.filter((value) => value === level).length / values.length,
    );
    return { kind: "levels", values: levels, probabilities: probabilities.map(round) };
  }
  const sorted = [...values].sort((a, b) => a - b);
  return { kind: "quantiles", values: QUANTILE_PROBABILITIES.map((p) => quantile(sorted, p)) };
}

// Linear interpolation between order statistics (Hyndman and Fan's type 7, numpy's default).
function quantile(sorted: readonly number[], probability: number): number {
  const position = probability * (sorted.length - 1);
  const lower = Math.floor(position);
  const fraction = position - lower;
  const low = sorted[lower] ?? 0;
  const high = sorted[Math.min(lower + 1, sorted.length - 1)] ?? low;
  return round(low + fraction * (high - low));
}

// Ties share their mid-rank, so a column with few levels gets one score per level.
function normalScores(values: readonly number[]): number[] {
  const order = [...values.keys()].sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0));
  const scores = new Array<number>(values.length).fill(0);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1] ?? 0] === values[order[start] ?? 0]) {
      end += 1;
    }
    const midRank = (start + end) / 2 + 0.5;
    for (let i = start; i <= end; i += 1) {
      scores[order[i] ?? 0] = normalQuantile(midRank / values.length);
    }
    start = end + 1;
  }
  return scores;
}

function correlationMatrix(scores: readonly number[][]): number[][] {
  return scores.map((a) => scores.map((b) => round(pearson(a, b))));
}

function pearson(a: readonly number[], b: readonly number[]): number {
  const meanA = a.reduce((sum, value) => sum + value, 0) / a.length;
  const meanB = b.reduce((sum, value) => sum + value, 0) / b.length;
  let covariance = 0;
  let varianceA = 0;
  let varianceB = 0;
  a.forEach((value, index) => {
    const dA = value - meanA;
    const dB = (b[index] ?? 0) - meanB;
    covariance += dA * dB;
    varianceA += dA * dA;
    varianceB += dB * dB;
  });
  // A column constant within a class has no correlation to speak of.
  return varianceA === 0 || varianceB === 0
    ? a === b
      ? 1
      : 0
    : covariance / Math.sqrt(varianceA * varianceB);
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
