import { binOf, type HistogramCuts } from "./cuts.ts";

/**
 * The training matrix quantised once, row by row, into global bin numbers: feature f's bin b is
 * stored as `cuts.offsets[f] + b`, so a histogram is one flat array indexed by the stored number,
 * and a missing cell holds `missingBin` (one past the last bin), a slot nothing reads. Global
 * numbers need 16 bits (11 features × 256 bins exceed 8 bits), or 32 for very wide matrices.
 */
export interface BinnedMatrix {
  readonly rowCount: number;
  readonly featureCount: number;
  readonly bins: Uint16Array | Uint32Array;
  readonly missingBin: number;
  readonly hasMissing: boolean;
  readonly cuts: HistogramCuts;
}

export function binMatrix(
  features: Float32Array,
  rowCount: number,
  featureCount: number,
  cuts: HistogramCuts,
): BinnedMatrix {
  const missingBin = cuts.values.length;
  const cellCount = rowCount * featureCount;
  const bins = missingBin < 0xffff ? new Uint16Array(cellCount) : new Uint32Array(cellCount);

  let hasMissing = false;
  for (let cell = 0; cell < cellCount; cell++) {
    const value = features[cell] ?? Number.NaN;
    const feature = cell % featureCount;
    if (Number.isNaN(value)) {
      bins[cell] = missingBin;
      hasMissing = true;
    } else {
      bins[cell] = (cuts.offsets[feature] ?? 0) + binOf(cuts, feature, value);
    }
  }
  return { rowCount, featureCount, bins, missingBin, hasMissing, cuts };
}
