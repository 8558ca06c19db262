/**
 * The churn data schema: every column the platform knows, its role, its kind and its domain.
 * Column kinds are fixed here and never guessed from a file, so drift tests are chosen the same
 * way for every run (see the monitoring notes in docs/monitoring.md).
 */

/** What a column is used for. `carried` columns travel to the outputs but are not features. */
export type ColumnRole = "feature" | "target" | "carried";

/** How drift is measured on a column: numerical columns by distribution, categorical by counts. */
export type ColumnKind = "numerical" | "categorical";

export interface ColumnDomain {
  readonly min: number;
  /** Inclusive; `Number.POSITIVE_INFINITY` when unbounded. */
  readonly max: number;
  readonly isInteger: boolean;
  /** When set, the only values allowed. */
  readonly values?: readonly number[];
}

export interface ColumnSpec {
  /** Canonical name: lower case, runs of spaces collapsed, trimmed, spaces as underscores. */
  readonly name: string;
  /** The header as the original data set writes it. */
  readonly rawHeader: string;
  readonly role: ColumnRole;
  readonly kind: ColumnKind;
  readonly domain: ColumnDomain;
}

const count: ColumnDomain = { min: 0, max: Number.POSITIVE_INFINITY, isInteger: true };
const flag: ColumnDomain = { min: 0, max: 1, isInteger: true, values: [0, 1] };
const plan: ColumnDomain = { min: 1, max: 2, isInteger: true, values: [1, 2] };

/** Every known column, in the original files' header order. */
export const COLUMNS: readonly ColumnSpec[] = [
  column("Call  Failure", "feature", "numerical", count),
  column("Complains", "feature", "categorical", flag),
  column("Subscription  Length", "feature", "numerical", count),
  column("Charge  Amount", "feature", "numerical", count),
  column("Seconds of Use", "feature", "numerical", count),
  column("Frequency of use", "feature", "numerical", count),
  column("Frequency of SMS", "feature", "numerical", count),
  column("Distinct Called Numbers", "feature", "numerical", count),
  column("Age Group", "feature", "categorical", {
    min: 1,
    max: 5,
    isInteger: true,
    values: [1, 2, 3, 4, 5],
  }),
  column("Tariff Plan", "carried", "categorical", plan),
  column("Status", "feature", "categorical", plan),
  column("Age", "carried", "numerical", count),
  column("Customer Value", "feature", "numerical", {
    min: 0,
    max: Number.POSITIVE_INFINITY,
    isInteger: false,
  }),
  column("Churn", "target", "categorical", flag),
];

/** The model's features, in the order the model reads them. */
export const FEATURE_NAMES = [
  "call_failure",
  "complains",
  "subscription_length",
  "charge_amount",
  "seconds_of_use",
  "frequency_of_use",
  "frequency_of_sms",
  "distinct_called_numbers",
  "age_group",
  "status",
  "customer_value",
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

export const TARGET_NAME = "churn";

/** The column the pipeline adds with the model's 0/1 decision; drift is tested on it too. */
export const PREDICTION_NAME = "churn_prediction";

/** The column the pipeline adds with the model's probability of churn. */
export const PROBABILITY_NAME = "churn_probability";

const byName = new Map(COLUMNS.map((spec) => [spec.name, spec]));

/** Turns a header as written in a file into the schema's canonical column name. */
export function canonicalColumnName(header: string): string {
  return header.trim().toLowerCase().replace(/\s+/g, " ").replaceAll(" ", "_");
}

/** The spec of a canonical column name, or `undefined` for a column the schema does not know. */
export function columnSpec(name: string): ColumnSpec | undefined {
  return byName.get(name);
}

function column(
  rawHeader: string,
  role: ColumnRole,
  kind: ColumnKind,
  domain: ColumnDomain,
): ColumnSpec {
  return { name: canonicalColumnName(rawHeader), rawHeader, role, kind, domain };
}
