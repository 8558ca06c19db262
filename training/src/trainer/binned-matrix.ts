import { binOf, type HistogramCuts } from "./cuts.ts";

/**
 * The training matrix quantised once into bin numbers, row by row. Bins are stored in a
 * Uint8Array when every feature has at most 255 bins (the code 255 marks a missing cell) and in
 * a Uint16Array otherwise (code 65535), since `maxBin` 256 can give a feature 256 bins.
 */
export interface BinnedMatrix {
  readonly rowCount: number;
  readonly featureCount: number;
  readonly bins: Uint8Array | Uint16Array;
  readonly missingCode: number;
  readonly hasMissing: boolean;
  readonly cuts: HistogramCuts;
}

export function binMatrix(
  features: Float32Array,
  rowCount: number,
  featureCount: number,
  cuts: HistogramCuts,
): BinnedMatrix {
  let widestFeatureBinCount = 0;
  for (let feature = 0; feature < featureCount; feature++) {
    const binCount = (cuts.offsets[feature + 1] ?? 0) - (cuts.offsets[feature] ?? 0);
    widestFeatureBinCount = Math.max(widestFeatureBinCount, binCount);
  }
  const isNarrow = widestFeatureBinCount <= 255;
  const cellCount = rowCount * featureCount;
  const bins = isNarrow ? new Uint8Array(cellCount) : new Uint16Array(cellCount);
  const missingCode = isNarrow ? 0xff : 0xffff;

  let hasMissing = false;
  for (let cell = 0; cell < cellCount; cell++) {
    const value = features[cell] ?? Number.NaN;
    if (Number.isNaN(value)) {
      bins[cell] = missingCode;
      hasMissing = true;
    } else {
      bins[cell] = binOf(cuts, cell % featureCount, value);
    }
  }
  return { rowCount, featureCount, bins, missingCode, hasMissing, cuts };
}
