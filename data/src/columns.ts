import { COLUMNS, type FeatureName } from "@churn/core/schema";

/** Columns computed from others (age, customer value) or drawn first (churn). */
const DERIVED_COLUMNS: readonly string[] = ["age", "customer_value", "churn"];

export type GeneratedColumn = Exclude<FeatureName, "customer_value"> | "tariff_plan";

/** Columns drawn from the copula, in the original header order. */
export const GENERATED_COLUMNS: readonly GeneratedColumn[] = COLUMNS.map(
  (spec) => spec.name,
).filter((name): name is GeneratedColumn => !DERIVED_COLUMNS.includes(name));

/** Columns with few values, described by the probability of each value. */
export const LEVEL_COLUMNS = [
  "complains",
  "charge_amount",
  "age_group",
  "tariff_plan",
  "status",
] as const;

/** The probabilities at which the other columns' quantiles are recorded: 0, 0.05, …, 1. */
export const QUANTILE_PROBABILITIES = Array.from({ length: 21 }, (_, index) => index / 20);

/** Age is an exact function of the age group in every original file. */
export const AGE_BY_AGE_GROUP: Readonly<Record<number, number>> = {
  1: 15,
  2: 25,
  3: 30,
  4: 45,
  5: 55,
};

/**
 * Customer value per unit of usage, by age group: in the UCI files customer value is exactly
 * rate × (seconds of use + frequency of use + 100 × frequency of SMS), to the last decimal.
 */
export const CUSTOMER_VALUE_RATE: Readonly<Record<number, number>> = {
  1: 0.055,
  2: 0.045,
  3: 0.04,
  4: 0.025,
  5: 0.015,
};

export function customerValue(row: Readonly<Record<GeneratedColumn, number>>): number {
  const rate = CUSTOMER_VALUE_RATE[row.age_group] ?? 0;
  const usage = row.seconds_of_use + row.frequency_of_use + 100 * row.frequency_of_sms;
  return Math.round(rate * usage * 1000) / 1000;
}

/** The original header line, double spaces included. */
export const RAW_HEADERS = COLUMNS.map((spec) => spec.rawHeader);

export type Marginal =
  | { kind: "levels"; values: number[]; probabilities: number[] }
  | { kind: "quantiles"; values: number[] };

/** The customers of one churn class and one status. */
export interface GroupCalibration {
  churn: number;
  status: number;
  rowCount: number;
  marginals: Record<GeneratedColumn, Marginal>;
  /** Correlations of the columns' normal scores, in GENERATED_COLUMNS order. */
  correlation: number[][];
}

export interface Calibration {
  source: string;
  rowCount: number;
  churnRate: number;
  groups: GroupCalibration[];
}
