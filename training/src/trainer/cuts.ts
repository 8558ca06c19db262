/**
 * Histogram cut points as XGBoost's CPU `hist` makes them (src/common/quantile.cc and
 * quantile.h, 1.7): a weighted quantile summary per feature, pruned to `maxBin + 1` entries,
 * whose entries 1 … min(size, maxBin) − 1 become the cuts, followed by a sentinel above the
 * maximum. A feature with at most `maxBin` distinct values gets every distinct value except its
 * minimum as a cut, exactly as XGBoost does.
 */

/** Every feature's cuts, concatenated; feature f owns `values[offsets[f] .. offsets[f + 1])`. */
export interface HistogramCuts {
  readonly featureCount: number;
  readonly offsets: Uint32Array;
  /** Float32 cut values, increasing within a feature; the last one of each is the sentinel. */
  readonly values: Float32Array;
  /** Per feature, a float32 value below every training value (the threshold "all go right"). */
  readonly minValues: Float32Array;
}

/** XGBoost's `WQSketch::kFactor`: the intermediate summary keeps 8 entries per final bin. */
const SKETCH_FACTOR = 8;

interface Summary {
  values: Float64Array;
  rmin: Float64Array;
  rmax: Float64Array;
  wmin: Float64Array;
  size: number;
}

/**
 * Computes the cuts of a row-major float32 matrix (NaN = missing), one feature at a time.
 *
 * XGBoost streams a column through a multi-level GK sketch once the column holds more values
 * than its in-memory queue (about 4,100 here); this function always starts from the exact
 * summary instead, so on such columns its cuts can differ slightly from XGBoost's, while on
 * smaller columns they are identical.
 */
export function computeCuts(
  features: Float32Array,
  rowCount: number,
  featureCount: number,
  maxBin: number,
): HistogramCuts {
  const offsets = new Uint32Array(featureCount + 1);
  const minValues = new Float32Array(featureCount);
  const parts: Float32Array[] = [];

  for (let feature = 0; feature < featureCount; feature++) {
    const present = presentValues(features, rowCount, featureCount, feature);
    const cuts = featureCuts(present, maxBin);
    parts.push(cuts.values);
    minValues[feature] = cuts.minValue;
    offsets[feature + 1] = (offsets[feature] ?? 0) + cuts.values.length;
  }

  const values = new Float32Array(offsets[featureCount] ?? 0);
  parts.forEach((part, feature) => {
    values.set(part, offsets[feature]);
  });
  return { featureCount, offsets, values, minValues };
}

/** The sorted float32 values of one feature's present cells. */
function presentValues(
  features: Float32Array,
  rowCount: number,
  featureCount: number,
  feature: number,
): Float32Array {
  const present = new Float32Array(rowCount);
  let count = 0;
  for (let row = 0; row < rowCount; row++) {
    const value = features[row * featureCount + feature] ?? Number.NaN;
    if (!Number.isNaN(value)) present[count++] = value;
  }
  return present.subarray(0, count).sort();
}

function featureCuts(
  sorted: Float32Array,
  maxBin: number,
): { values: Float32Array; minValue: number } {
  const columnSize = sorted.length;
  let summary = exactSummary(sorted);
  summary = prune(summary, sketchLimitSize(columnSize, 1 / (maxBin * SKETCH_FACTOR)));
  const intermediateCount = Math.min(columnSize, maxBin * SKETCH_FACTOR);
  summary = prune(summary, intermediateCount);
  const binCount = Math.min(intermediateCount, maxBin);
  summary = prune(summary, binCount + 1);

  const cuts: number[] = [];
  const required = Math.min(summary.size, binCount);
  for (let i = 1; i < required; i++) {
    const cut = summary.values[i] ?? 0;
    if (i === 1 || cut > (cuts[cuts.length - 1] ?? Number.NEGATIVE_INFINITY)) cuts.push(cut);
  }

  // Both bounds are computed in double and then rounded, as XGBoost's do; float32 arithmetic
  // here moved a threshold by one ulp in testing.
  const minimum = summary.size > 0 ? (summary.values[0] ?? 0) : 0;
  const minValue = Math.fround(minimum - (Math.abs(minimum) + 1e-5));
  const maximum = summary.size > 0 ? (summary.values[summary.size - 1] ?? 0) : minValue;
  cuts.push(Math.fround(maximum + (Math.abs(maximum) + 1e-5)));
  return { values: Float32Array.from(cuts), minValue };
}

/** One entry per distinct value, with the rank range of its copies (`MakeSummary`). */
function exactSummary(sorted: Float32Array): Summary {
  const n = sorted.length;
  const summary: Summary = {
    values: new Float64Array(n),
    rmin: new Float64Array(n),
    rmax: new Float64Array(n),
    wmin: new Float64Array(n),
    size: 0,
  };
  let rank = 0;
  for (let i = 0; i < n; ) {
    const value = sorted[i] ?? 0;
    let j = i + 1;
    while (j < n && sorted[j] === value) j++;
    const weight = j - i;
    const k = summary.size++;
    summary.values[k] = value;
    summary.rmin[k] = rank;
    summary.rmax[k] = rank + weight;
    summary.wmin[k] = weight;
    rank += weight;
    i = j;
  }
  return summary;
}

/** `WQSummary::SetPrune`: keeps the ends and the entries nearest evenly spaced ranks. */
function prune(source: Summary, maxSize: number): Summary {
  if (source.size <= maxSize) return source;
  const out: Summary = {
    values: new Float64Array(maxSize),
    rmin: new Float64Array(maxSize),
    rmax: new Float64Array(maxSize),
    wmin: new Float64Array(maxSize),
    size: 0,
  };
  const at = (i: number) => ({
    rmin: source.rmin[i] ?? 0,
    rmax: source.rmax[i] ?? 0,
    wmin: source.wmin[i] ?? 0,
  });
  const push = (i: number) => {
    const k = out.size++;
    out.values[k] = source.values[i] ?? 0;
    out.rmin[k] = source.rmin[i] ?? 0;
    out.rmax[k] = source.rmax[i] ?? 0;
    out.wmin[k] = source.wmin[i] ?? 0;
  };

  // Ranks are float32 in XGBoost (RType = float); each step rounds as its arithmetic does.
  const last = source.size - 1;
  const begin = at(0).rmax;
  const range = Math.fround(at(last).rmin - begin);
  const n = maxSize - 1;
  push(0);
  let i = 1;
  let lastIndex = 0;
  for (let k = 1; k < n; k++) {
    const dx2 = Math.fround(2 * Math.fround(Math.fround(Math.fround(k * range) / n) + begin));
    while (i < last && dx2 >= Math.fround(at(i + 1).rmax + at(i + 1).rmin)) i++;
    if (i === last) break;
    const current = at(i);
    const next = at(i + 1);
    const boundary = Math.fround(
      Math.fround(current.rmin + current.wmin) + Math.fround(next.rmax - next.wmin),
    );
    if (dx2 < boundary) {
      if (i !== lastIndex) {
        push(i);
        lastIndex = i;
      }
    } else if (i + 1 !== lastIndex) {
      push(i + 1);
      lastIndex = i + 1;
    }
  }
  if (lastIndex !== last) push(last);
  return out;
}

/** The in-memory summary size of XGBoost's sketch for a column (`LimitSizeLevel`). */
function sketchLimitSize(columnSize: number, eps: number): number {
  for (let levelCount = 1; ; levelCount++) {
    const limit = Math.min(columnSize, Math.ceil(levelCount / eps) + 1);
    if (2 ** levelCount * limit >= columnSize) return Math.max(limit, 1);
  }
}

/** The bin of a float32 value: the index (within the feature) of the first cut above it. */
export function binOf(cuts: HistogramCuts, feature: number, value: number): number {
  const begin = cuts.offsets[feature] ?? 0;
  const end = cuts.offsets[feature + 1] ?? 0;
  let low = begin;
  let high = end;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((cuts.values[middle] ?? 0) <= value) low = middle + 1;
    else high = middle;
  }
  return Math.min(low, end - 1) - begin;
}
