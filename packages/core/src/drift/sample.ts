/**
 * A column's usable values in compact form: the distinct finite values in ascending order with
 * their counts. Every drift test reads this form, so a reference stored as JSON and a reference
 * read from raw rows give bit-identical results.
 */

export interface ColumnSample {
  /** Distinct finite values, ascending. */
  readonly values: Float64Array;
  /** How many rows hold each value; same length as `values`. */
  readonly counts: Float64Array;
  /** Rows with a finite value (the sum of `counts`). */
  readonly count: number;
}

export interface SummarisedColumn {
  readonly sample: ColumnSample;
  /** Rows left out because they held NaN (missing). */
  readonly missingCount: number;
  /** Rows left out because they held +∞ or −∞. */
  readonly infiniteCount: number;
}

/** Up to this many distinct values a column is counted in a hash map instead of sorted. */
const COUNTING_LIMIT = 256;

/**
 * Drops NaN and ±∞ as Evidently does before any test (they never count as drift), counting each
 * kind, and folds the rest into sorted distinct values with counts. Low-cardinality columns are
 * counted in a map; others are sorted natively (O(n log n)).
 */
export function summariseColumn(raw: ArrayLike<number>): SummarisedColumn {
  const finite = new Float64Array(raw.length);
  let kept = 0;
  let missingCount = 0;
  let infiniteCount = 0;
  for (let row = 0; row < raw.length; row++) {
    const value = raw[row] as number;
    if (Number.isFinite(value)) finite[kept++] = value;
    else if (Number.isNaN(value)) missingCount++;
    else infiniteCount++;
  }
  const values = finite.subarray(0, kept);
  const sample = countFewValues(values) ?? foldSorted(values.sort());
  return { sample, missingCount, infiniteCount };
}

/** Counts values in a map while there are few distinct ones; undefined once there are many. */
function countFewValues(values: Float64Array): ColumnSample | undefined {
  const counts = new Map<number, number>();
  for (let i = 0; i < values.length; i++) {
    // −0 and +0 are one value, as numpy's comparisons treat them.
    const value = (values[i] as number) + 0;
    const count = counts.get(value);
    if (count !== undefined) counts.set(value, count + 1);
    else if (counts.size === COUNTING_LIMIT) return undefined;
    else counts.set(value, 1);
  }
  const distinct = Float64Array.from(counts.keys()).sort();
  return {
    values: distinct,
    counts: distinct.map((value) => counts.get(value) as number),
    count: values.length,
  };
}

/** Turns ascending values into distinct values and counts; −0 and +0 count as one value. */
function foldSorted(sorted: Float64Array): ColumnSample {
  const values = new Float64Array(sorted.length);
  const counts = new Float64Array(sorted.length);
  let distinct = 0;
  for (let i = 0; i < sorted.length; ) {
    const value = sorted[i] as number;
    let j = i + 1;
    while (j < sorted.length && sorted[j] === value) j++;
    values[distinct] = value + 0;
    counts[distinct] = j - i;
    distinct++;
    i = j;
  }
  return {
    values: values.slice(0, distinct),
    counts: counts.slice(0, distinct),
    count: sorted.length,
  };
}

/** Builds a sample from stored distinct values and counts. */
export function sampleFromCounts(
  values: readonly number[],
  counts: readonly number[],
): ColumnSample {
  let count = 0;
  for (const c of counts) count += c;
  return { values: Float64Array.from(values), counts: Float64Array.from(counts), count };
}

/** How many distinct values the two samples hold together. */
export function countUnion(reference: ColumnSample, current: ColumnSample): number {
  let i = 0;
  let j = 0;
  let union = 0;
  while (i < reference.values.length && j < current.values.length) {
    const r = reference.values[i] as number;
    const c = current.values[j] as number;
    if (r <= c) i++;
    if (c <= r) j++;
    union++;
  }
  return union + (reference.values.length - i) + (current.values.length - j);
}

/** The distinct values of two samples together, ascending, with each sample's running count. */
export interface MergedSamples {
  readonly values: Float64Array;
  /** Rows of the reference at or below each value. */
  readonly referenceCumulative: Float64Array;
  /** Rows of the current sample at or below each value. */
  readonly currentCumulative: Float64Array;
}

/** One pass over both sorted samples; K-S, Wasserstein and the value-wise tests all read it. */
export function mergeSamples(reference: ColumnSample, current: ColumnSample): MergedSamples {
  const capacity = reference.values.length + current.values.length;
  const values = new Float64Array(capacity);
  const referenceCumulative = new Float64Array(capacity);
  const currentCumulative = new Float64Array(capacity);
  let i = 0;
  let j = 0;
  let k = 0;
  let referenceTotal = 0;
  let currentTotal = 0;
  while (i < reference.values.length || j < current.values.length) {
    const r = i < reference.values.length ? (reference.values[i] as number) : Infinity;
    const c = j < current.values.length ? (current.values[j] as number) : Infinity;
    const value = Math.min(r, c);
    if (r === value) referenceTotal += reference.counts[i++] as number;
    if (c === value) currentTotal += current.counts[j++] as number;
    values[k] = value;
    referenceCumulative[k] = referenceTotal;
    currentCumulative[k] = currentTotal;
    k++;
  }
  return {
    values: values.subarray(0, k),
    referenceCumulative: referenceCumulative.subarray(0, k),
    currentCumulative: currentCumulative.subarray(0, k),
  };
}

/** Distinct values of two samples together, ascending, with both samples' counts aligned. */
export function alignSamples(
  reference: ColumnSample,
  current: ColumnSample,
): { values: Float64Array; referenceCounts: Float64Array; currentCounts: Float64Array } {
  const merged = mergeSamples(reference, current);
  const difference = (cumulative: Float64Array) =>
    cumulative.map((total, k) => total - (k === 0 ? 0 : (cumulative[k - 1] as number)));
  return {
    values: merged.values,
    referenceCounts: difference(merged.referenceCumulative),
    currentCounts: difference(merged.currentCumulative),
  };
}

/** Population standard deviation (ddof 0), as numpy's `std` computes it by default. */
export function populationStd(sample: ColumnSample): number {
  let sum = 0;
  for (let k = 0; k < sample.values.length; k++) {
    sum += (sample.values[k] as number) * (sample.counts[k] as number);
  }
  const mean = sum / sample.count;
  let squares = 0;
  for (let k = 0; k < sample.values.length; k++) {
    const deviation = (sample.values[k] as number) - mean;
    squares += deviation * deviation * (sample.counts[k] as number);
  }
  return Math.sqrt(squares / sample.count);
}
