import type { BinnedMatrix } from "./binned-matrix.ts";

/**
 * Σg and Σh per bin of the given features over rows `rows[begin .. end)`, interleaved
 * (g at 2·bin, h at 2·bin + 1), in double as XGBoost accumulates them. Bins of features not
 * listed are left at zero; missing cells land in the unread slot after the last bin.
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
  const { bins, featureCount } = matrix;
  const featureList = features.length;

  for (let i = begin; i < end; i++) {
    const row = rows[i] as number;
    const gradient = gradients[row] as number;
    const hessian = hessians[row] as number;
    const base = row * featureCount;
    for (let k = 0; k < featureList; k++) {
      const slot = 2 * (bins[base + (features[k] as number)] as number);
      histogram[slot] = (histogram[slot] as number) + gradient;
      histogram[slot + 1] = (histogram[slot + 1] as number) + hessian;
    }
  }
}

/** The histogram length for a matrix: every bin plus the slot of missing cells. */
export function histogramLength(matrix: BinnedMatrix): number {
  return 2 * (matrix.missingBin + 1);
}

/** Turns a parent's histogram into its sibling's: parent − child, in place. */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i] = (parent[i] as number) - (child[i] as number);
}
