import type { LabelledMatrix } from "./boost.ts";

/** The given rows of a labelled matrix, in the given order, as a new matrix. */
export function selectRows(matrix: LabelledMatrix, rows: ArrayLike<number>): LabelledMatrix {
  const { featureCount } = matrix;
  const features = new Float32Array(rows.length * featureCount);
  const labels = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] ?? 0;
    features.set(
      matrix.features.subarray(row * featureCount, (row + 1) * featureCount),
      i * featureCount,
    );
    labels[i] = matrix.labels[row] ?? 0;
  }
  return { features, labels, rowCount: rows.length, featureCount };
}
