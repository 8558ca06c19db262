import { columnSpec, PREDICTION_NAME, PROBABILITY_NAME, TARGET_NAME } from "@churn/core";
import type { ProfileColumn } from "./model-view.ts";

/** Equal-width bins of a numerical column; few enough to read, enough to show a shape. */
const NUMERICAL_BIN_COUNT = 8;

const NOT_PROFILED = new Set([TARGET_NAME, PROBABILITY_NAME, PREDICTION_NAME]);

/**
 * Each feature's distribution among customers who stayed and those who churned, from labelled
 * rows (a model version's reference CSV: header first, the `churn` column 0 or 1). Categorical
 * columns count each value; numerical columns count equal-width bins over the column's range.
 * Rows without a 0/1 label and cells that are not numbers are left out.
 */
export function profileByChurnClass(records: readonly (readonly string[])[]): ProfileColumn[] {
  const [header, ...rows] = records;
  if (header === undefined) return [];
  const labelIndex = header.indexOf(TARGET_NAME);
  if (labelIndex < 0) return [];
  const labels = rows.map((row) => row[labelIndex]);

  return header.flatMap((columnName, index) => {
    if (NOT_PROFILED.has(columnName)) return [];
    const stayed: number[] = [];
    const churned: number[] = [];
    rows.forEach((row, rowIndex) => {
      const cell = row[index];
      const value = cell === undefined || cell === "" ? Number.NaN : Number(cell);
      if (!Number.isFinite(value)) return;
      if (labels[rowIndex] === "1") churned.push(value);
      else if (labels[rowIndex] === "0") stayed.push(value);
    });
    const isCategorical = columnSpec(columnName)?.kind === "categorical";
    return [
      {
        columnName,
        bins: isCategorical ? countValues(stayed, churned) : countBins(stayed, churned),
      },
    ];
  });
}

function countValues(stayed: readonly number[], churned: readonly number[]) {
  const values = [...new Set([...stayed, ...churned])].sort((a, b) => a - b);
  return values.map((value) => ({
    label: String(value),
    first: stayed.filter((entry) => entry === value).length,
    second: churned.filter((entry) => entry === value).length,
  }));
}

function countBins(stayed: readonly number[], churned: readonly number[]) {
  const all = [...stayed, ...churned];
  if (all.length === 0) return [];
  const min = Math.min(...all);
  const max = Math.max(...all);
  const width = (max - min) / NUMERICAL_BIN_COUNT || 1;
  const binOf = (value: number) =>
    Math.min(NUMERICAL_BIN_COUNT - 1, Math.floor((value - min) / width));
  const bins = Array.from({ length: NUMERICAL_BIN_COUNT }, (_, bin) => ({
    label: formatEdge(min + bin * width),
    first: 0,
    second: 0,
  }));
  for (const value of stayed) (bins[binOf(value)] as { first: number }).first += 1;
  for (const value of churned) (bins[binOf(value)] as { second: number }).second += 1;
  return bins;
}

/** A bin's lower edge, short enough for an axis label. */
function formatEdge(value: number): string {
  return Math.abs(value) >= 100 ? String(Math.round(value)) : String(Number(value.toPrecision(2)));
}
