import { ChurnError } from "../errors/index.ts";
import type { CompiledModel } from "./compile.ts";
import { sigmoidf } from "./float32-math.ts";

/**
 * The raw scores (log-odds) of `rowCount` rows of row-major float32 features, NaN for missing,
 * bit-identical to XGBoost's `predict(output_margin=True)` (xgboost.md §2.1–2.2); throws
 * `ChurnError` `model.bad_input` when `features` does not hold rowCount × featureCount values.
 */
export function predictMargins(
  compiled: CompiledModel,
  features: Float32Array,
  rowCount: number,
): Float32Array {
  checkInput(compiled, features, rowCount);
  const margins = new Float32Array(rowCount);
  const { featureCount, treeCount, treeOffsets, leftChildren, splitFeatures, thresholds } =
    compiled;
  const { defaultLeft, leafValues, baseMargin } = compiled;

  for (let row = 0, rowStart = 0; row < rowCount; row += 1, rowStart += featureCount) {
    // XGBoost adds tree by tree into a float32 buffer, so each partial sum is rounded.
    let margin = baseMargin;
    for (let tree = 0; tree < treeCount; tree += 1) {
      let node = treeOffsets[tree] as number;
      let left = leftChildren[node] as number;
      while (left !== -1) {
        const value = features[rowStart + (splitFeatures[node] as number)] as number;
        // Features and thresholds are both float32, so comparing them as doubles is exact;
        // a NaN fails `<`, then takes the node's default side.
        if (value < (thresholds[node] as number)) node = left;
        else if (Number.isNaN(value) && defaultLeft[node] === 1) node = left;
        else node = left + 1;
        left = leftChildren[node] as number;
      }
      margin = Math.fround(margin + (leafValues[node] as number));
    }
    margins[row] = margin;
  }
  return margins;
}

/**
 * Probabilities of the positive class, computed from the margins with XGBoost's float32 sigmoid
 * and glibc's expf, so they equal XGBoost's `predict()` on Linux bit for bit (xgboost.md §2.3);
 * throws `model.bad_input` like `predictMargins`.
 */
export function predictProbabilities(
  compiled: CompiledModel,
  features: Float32Array,
  rowCount: number,
): Float32Array {
  const margins = predictMargins(compiled, features, rowCount);
  if (compiled.objective === "binary:logitraw") return margins;
  for (let row = 0; row < rowCount; row += 1) {
    margins[row] = sigmoidf(margins[row] as number);
  }
  return margins;
}

export function checkInput(compiled: CompiledModel, features: Float32Array, rowCount: number) {
  if (!Number.isSafeInteger(rowCount) || rowCount < 0) {
    throw new ChurnError("model.bad_input", `The row count ${rowCount} is not a count of rows.`);
  }
  const expected = rowCount * compiled.featureCount;
  if (features.length !== expected) {
    throw new ChurnError(
      "model.bad_input",
      `The model reads ${compiled.featureCount} features per row, so ${rowCount} rows need ` +
        `${expected} values, but ${features.length} were given; pass row-major features.`,
      { context: { rowCount, featureCount: compiled.featureCount, valueCount: features.length } },
    );
  }
}
