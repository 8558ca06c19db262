import type { ColumnKind } from "@churn/core";
import { columnSpec, PREDICTION_NAME, PROBABILITY_NAME, TARGET_NAME } from "@churn/core";
import { computeReferenceStatistics } from "@churn/core/drift";
import type { FeatureSpec } from "@churn/core/registry";

export interface ReferenceSet {
  /** Holdout rows: the features as read, the label, the probability and the 0/1 prediction. */
  readonly csv: string;
  readonly statistics: unknown;
}

/**
 * The reference a model version is judged against: its holdout rows with labels,
 * probabilities and predictions, and their precomputed drift statistics (features, target and
 * prediction, with kinds fixed by the schema).
 */
export function buildReferenceSet(input: {
  featureNames: readonly string[];
  featureColumns: readonly Float64Array[];
  labels: ArrayLike<number>;
  probabilities: ArrayLike<number>;
  threshold: number;
}): ReferenceSet {
  const rowCount = input.labels.length;
  const predictions = Float64Array.from({ length: rowCount }, (_, row) =>
    (input.probabilities[row] ?? 0) >= input.threshold ? 1 : 0,
  );
  const labels = Float64Array.from({ length: rowCount }, (_, row) => input.labels[row] ?? 0);

  const header = [...input.featureNames, TARGET_NAME, PROBABILITY_NAME, PREDICTION_NAME];
  const lines = [header.join(",")];
  for (let row = 0; row < rowCount; row++) {
    const cells = input.featureColumns.map((column) => formatCell(column[row] ?? Number.NaN));
    cells.push(
      String(labels[row]),
      String(input.probabilities[row] ?? 0),
      String(predictions[row]),
    );
    lines.push(cells.join(","));
  }

  const columns: Record<string, Float64Array> = {};
  const kinds: Record<string, ColumnKind> = {};
  input.featureNames.forEach((name, index) => {
    columns[name] = input.featureColumns[index] ?? new Float64Array(rowCount);
    kinds[name] = columnSpec(name)?.kind ?? "numerical";
  });
  columns[TARGET_NAME] = labels;
  kinds[TARGET_NAME] = "categorical";
  columns[PREDICTION_NAME] = predictions;
  kinds[PREDICTION_NAME] = "categorical";

  return { csv: `${lines.join("\n")}\n`, statistics: computeReferenceStatistics(columns, kinds) };
}

/** An empty cell stands for a missing value, as in the input files. */
function formatCell(value: number): string {
  return Number.isNaN(value) ? "" : String(value);
}

/** The schema's view of each feature, for the model version's metadata. */
export function featureSpecs(featureNames: readonly string[]): FeatureSpec[] {
  return featureNames.map((name) => {
    const spec = columnSpec(name);
    const domain = spec?.domain;
    return {
      name,
      kind: spec?.kind ?? "numerical",
      min: domain === undefined || !Number.isFinite(domain.min) ? null : domain.min,
      max: domain === undefined || !Number.isFinite(domain.max) ? null : domain.max,
      isInteger: domain?.isInteger ?? false,
      ...(domain?.values === undefined ? {} : { values: [...domain.values] }),
    };
  });
}
