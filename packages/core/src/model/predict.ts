import { ChurnError } from "../errors/index.ts";
import type { CompiledModel } from "./compile.ts";
import { sigmoidf } from "./float32-math.ts";

/*
 * The hot loops index typed arrays with indices known to be in range; `as number` states that
 * where noUncheckedIndexedAccess would otherwise demand a check on every read.
 */

/**
 * The raw scores (log-odds) of `rowCount` rows of row-major float32 features, NaN for missing,
 * bit-identical to XGBoost's `predict(output_margin=True)` (docs/model-format.md, "The float32
 * rules"); throws `ChurnError` `model.bad_input` when `features` does not hold
 * rowCount × featureCount values.
 */
export function predictMargins(
  compiled: CompiledModel,
  features: Float32Array,
  rowCount: number,
): Float32Array {
  checkInput(compiled, features, rowCount);
  const { featureCount, treeCount, treeOffsets, treeDepths, leafValues } = compiled;
  const margins = new Float32Array(rowCount).fill(compiled.baseMargin);
  const nodes = new Int32Array(BLOCK_ROWS);

  // Trees are visited one at a time for a block of rows, as XGBoost does, and each partial sum
  // is stored in float32 like XGBoost's output buffer, so the rounding sequence is the same.
  for (let first = 0; first < rowCount; first += BLOCK_ROWS) {
    const blockRows = Math.min(BLOCK_ROWS, rowCount - first);
    for (let tree = 0; tree < treeCount; tree += 1) {
      nodes.fill(treeOffsets[tree] as number, 0, blockRows);
      for (let step = treeDepths[tree] as number; step > 0; step -= 1) {
        stepRows(compiled, features, first * featureCount, nodes, blockRows);
      }
      for (let row = 0; row < blockRows; row += 1) {
        const at = first + row;
        margins[at] = (margins[at] as number) + (leafValues[nodes[row] as number] as number);
      }
    }
  }
  return margins;
}

/** Rows per block: enough independent traversals to hide latency, few enough to stay cached. */
const BLOCK_ROWS = 64;

/**
 * Moves every row of a block one level down its tree, without branches, so that the rows'
 * traversals overlap in the processor instead of waiting on mispredicted jumps. A row goes
 * right when `x >= threshold`, or when x is missing and the node sends missing values right;
 * features and thresholds are both float32, so comparing them as doubles is exact. A row at a
 * leaf stays: its threshold is NaN and its missing flag 0.
 */
function stepRows(
  compiled: CompiledModel,
  features: Float32Array,
  firstValue: number,
  nodes: Int32Array,
  blockRows: number,
): void {
  const { featureCount, splitFeatures, thresholds, stepBases, missingGoesRight } = compiled;
  for (let row = 0, rowStart = firstValue; row < blockRows; row += 1, rowStart += featureCount) {
    const node = nodes[row] as number;
    const value = features[rowStart + (splitFeatures[node] as number)] as number;
    const goesRight =
      +(value >= (thresholds[node] as number)) |
      (+Number.isNaN(value) & (missingGoesRight[node] as number));
    nodes[row] = (stepBases[node] as number) + goesRight;
  }
}

/**
 * Probabilities of the positive class, computed from the margins with XGBoost's float32 sigmoid
 * and glibc's expf, so they equal XGBoost's `predict()` on Linux bit for bit
 * (docs/model-format.md); throws `model.bad_input` like `predictMargins`.
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
