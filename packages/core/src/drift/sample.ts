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

/**
 * Drops NaN and ±∞ as Evidently does before any test (they never count as drift), counting each
 * kind, and folds the rest into sorted distinct values with counts. O(n log n) by a native sort.
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
  const sorted = finite.subarray(0, kept).sort();
  return { sample: foldSorted(sorted), missingCount, infiniteCount };
}

/** Turns ascending values into distinct values and counts; −0 and +0 count as one value. */
function foldSorted(sorted: Float64Array): ColumnSample {
  const values: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < sorted.length; ) {
    const value = sorted[i] as number;
    let j = i + 1;
    while (j < sorted.length && sorted[j] === value) j++;
    values.push(value === 0 ? 0 : value);
    counts.push(j - i);
    i = j;
  }
  return {
    values: Float64Array.from(values),
    counts: Float64Array.from(counts),
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

/** Distinct values of two samples together, ascending, with both samples' counts aligned. */
export function alignSamples(
  reference: ColumnSample,
  current: ColumnSample,
): { values: Float64Array; referenceCounts: Float64Array; currentCounts: Float64Array } {
  const values: number[] = [];
  const referenceCounts: number[] = [];
  const currentCounts: number[] = [];
  let i = 0;
  let j = 0;
  while (i < reference.values.length || j < current.values.length) {
    const r = i < reference.values.length ? (reference.values[i] as number) : Infinity;
    const c = j < current.values.length ? (current.values[j] as number) : Infinity;
    const value = Math.min(r, c);
    values.push(value);
    referenceCounts.push(r === value ? (reference.counts[i++] as number) : 0);
    currentCounts.push(c === value ? (current.counts[j++] as number) : 0);
  }
  return {
    values: Float64Array.from(values),
    referenceCounts: Float64Array.from(referenceCounts),
    currentCounts: Float64Array.from(currentCounts),
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
