/**
 * Evidently's binning helper (`get_binned_data`) and numpy's "sturges" histogram edges, which
 * the Jensen–Shannon, PSI and Hellinger tests share.
 */
import type { ColumnKind } from "../schema/index.ts";
import { alignSamples, type ColumnSample, countUnion } from "./sample.ts";
import type { Distribution } from "./schema.ts";

/** Numerical columns with more distinct reference values than this are cut into equal bins. */
const CATEGORY_BIN_LIMIT = 20;

/**
 * numpy 1.24's `histogram_bin_edges(data, bins="sturges")`: ⌈range/width⌉ equal bins with
 * width = range/(log₂ n + 1), a range widened by ±0.5 when it is empty, and the edges laid out
 * as `linspace` does (start + i·step, the last edge set to the stop exactly).
 */
export function sturgesEdges(min: number, max: number, size: number): Float64Array {
  const range = max - min;
  const width = range / (Math.log2(size) + 1);
  const binCount = width ? Math.ceil(range / width) : 1;
  const [first, last] = min === max ? [min - 0.5, max + 0.5] : [min, max];
  const step = (last - first) / binCount;
  const edges = new Float64Array(binCount + 1);
  for (let i = 0; i <= binCount; i++) edges[i] = i * step + first;
  edges[binCount] = last;
  return edges;
}

/**
 * Counts per bin as numpy's `histogram` with explicit edges: a value falls in bin i when
 * edges[i] ≤ x < edges[i+1], the last bin also holds x = edges[last]; values outside are left out.
 */
export function histogramCounts(sample: ColumnSample, edges: Float64Array): Float64Array {
  const binCount = edges.length - 1;
  const counts = new Float64Array(binCount);
  let bin = 0;
  for (let k = 0; k < sample.values.length; k++) {
    const value = sample.values[k] as number;
    if (value < (edges[0] as number) || value > (edges[binCount] as number)) continue;
    while (bin < binCount - 1 && value >= (edges[bin + 1] as number)) bin++;
    counts[bin] = (counts[bin] as number) + (sample.counts[k] as number);
  }
  return counts;
}

/**
 * Reference and current shares per bin: Sturges bins over R ∪ C for numerical columns with more
 * than 20 distinct reference values, else one bin per distinct value of R ∪ C. Evidently's
 * `n_bins` argument is ignored there too. With `fillZeros` (PSI), each vector's zero shares
 * become (smallest non-zero share)/10⁶ when that share ≤ 0.0001, else 0.0001.
 */
export function binShares(
  reference: ColumnSample,
  current: ColumnSample,
  kind: ColumnKind,
  fillZeros: boolean,
): { referenceShares: Float64Array; currentShares: Float64Array } {
  let referenceCounts: Float64Array;
  let currentCounts: Float64Array;
  if (kind === "numerical" && reference.values.length > CATEGORY_BIN_LIMIT) {
    const min = Math.min(reference.values[0] as number, current.values[0] as number);
    const max = Math.max(reference.values.at(-1) as number, current.values.at(-1) as number);
    const edges = sturgesEdges(min, max, reference.count + current.count);
    referenceCounts = histogramCounts(reference, edges);
    currentCounts = histogramCounts(current, edges);
  } else {
    const aligned = alignSamples(reference, current);
    referenceCounts = aligned.referenceCounts;
    currentCounts = aligned.currentCounts;
  }
  const referenceShares = referenceCounts.map((count) => count / reference.count);
  const currentShares = currentCounts.map((count) => count / current.count);
  if (fillZeros) {
    fillZeroShares(referenceShares);
    fillZeroShares(currentShares);
  }
  return { referenceShares, currentShares };
}

function fillZeroShares(shares: Float64Array): void {
  let smallest = Number.POSITIVE_INFINITY;
  for (const share of shares) if (share !== 0 && share < smallest) smallest = share;
  const replacement = smallest <= 0.0001 ? smallest / 10 ** 6 : 0.0001;
  for (let k = 0; k < shares.length; k++) if (shares[k] === 0) shares[k] = replacement;
}

/**
 * Row counts of both samples over shared bins for plotting: one bin per value where the column
 * has at most 20 distinct values, else Sturges bins over R ∪ C (labelled "low–high").
 */
export function plotDistribution(
  reference: ColumnSample,
  current: ColumnSample,
  kind: ColumnKind,
): Distribution {
  if (kind === "categorical" || countUnion(reference, current) <= CATEGORY_BIN_LIMIT) {
    const aligned = alignSamples(reference, current);
    return {
      labels: Array.from(aligned.values, (value) => String(value)),
      reference: Array.from(aligned.referenceCounts),
      current: Array.from(aligned.currentCounts),
    };
  }
  const edges = sturgesEdges(
    Math.min(reference.values[0] as number, current.values[0] as number),
    Math.max(reference.values.at(-1) as number, current.values.at(-1) as number),
    reference.count + current.count,
  );
  const format = (value: number) => String(Number(value.toPrecision(4)));
  return {
    labels: Array.from(
      { length: edges.length - 1 },
      (_, k) => `${format(edges[k] as number)}–${format(edges[k + 1] as number)}`,
    ),
    reference: Array.from(histogramCounts(reference, edges)),
    current: Array.from(histogramCounts(current, edges)),
  };
}
