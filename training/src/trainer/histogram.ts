import type { BinnedMatrix } from "./binned-matrix.ts";

/**
 * Σg and Σh per bin of the given features over rows `rows[begin .. end)`, interleaved
 * (g at 2·bin, h at 2·bin + 1), in double as XGBoost accumulates them. Bins of features not
 * listed are left at zero. Missing cells belong to no bin.
 */
export function buildHistogram(
  matrix: BinnedMatrix,
  gradients: Float32Array,
  hessians: Float32Array,
  rows: Uint32Array,
  begin: number,
  end: number,
  features: Int32Array,
  histogram: Float64Array,
): void {
  histogram.fill(0);
  const { bins, featureCount, missingCode } = matrix;
  const offsets = matrix.cuts.offsets;
  const featureList = features.length;
  const featureOffsets = new Int32Array(featureList);
  for (let k = 0; k < featureList; k++) featureOffsets[k] = offsets[features[k] ?? 0] ?? 0;

  for (let i = begin; i < end; i++) {
    const row = rows[i] ?? 0;
    const gradient = gradients[row] ?? 0;
    const hessian = hessians[row] ?? 0;
    const base = row * featureCount;
    for (let k = 0; k < featureList; k++) {
      const bin = bins[base + (features[k] ?? 0)] ?? missingCode;
      if (bin === missingCode) continue;
      const slot = 2 * ((featureOffsets[k] ?? 0) + bin);
      histogram[slot] = (histogram[slot] ?? 0) + gradient;
      histogram[slot + 1] = (histogram[slot + 1] ?? 0) + hessian;
    }
  }
}

/** Turns a parent's histogram into its sibling's: parent − child, in place. */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i] = (parent[i] ?? 0) - (child[i] ?? 0);
}
