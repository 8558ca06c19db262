/**
 * The model's view of a table: one function shared by training and scoring, so both read the
 * features in the same order and with the same missing-value convention.
 */
import type { ChurnTable } from "../csv/index.ts";
import { ChurnError } from "../errors/index.ts";
import { FEATURE_NAMES } from "../schema/index.ts";

/**
 * The table's features as a row-major float32 matrix (rowCount × featureNames.length), NaN for
 * a missing value, as XGBoost reads a dense matrix. Throws `features.missing_column` when the
 * table lacks a numeric column of that name.
 */
export function toFeatureMatrix(
  table: ChurnTable,
  featureNames: readonly string[] = FEATURE_NAMES,
): Float32Array {
  const featureCount = featureNames.length;
  const matrix = new Float32Array(table.rowCount * featureCount);

  featureNames.forEach((name, featureIndex) => {
    const values = table.column(name);
    if (values === undefined) {
      throw new ChurnError(
        "features.missing_column",
        `The table has no numeric column ${name}, which the model needs as a feature.`,
        { context: { column: name, columns: table.columnNames } },
      );
    }
    // Float32Array stores each double rounded to nearest float32, as XGBoost does on load.
    for (let row = 0; row < table.rowCount; row += 1) {
      matrix[row * featureCount + featureIndex] = values[row] ?? Number.NaN;
    }
  });
  return matrix;
}
