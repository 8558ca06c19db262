/**
 * Isotonic regression of labels on scores by pool-adjacent-violators (Barlow et al. 1972), as
 * scikit-learn's `IsotonicRegression(out_of_bounds="clip")`: tied scores are first merged into
 * one weighted point, the fit is non-decreasing, and predictions interpolate linearly between the
 * fitted points and clip outside them.
 */

export interface IsotonicFit {
  /** Distinct scores, ascending. */
  readonly scores: number[];
  /** The fitted, non-decreasing value at each score. */
  readonly values: number[];
}

export function fitIsotonic(scores: ArrayLike<number>, labels: ArrayLike<number>): IsotonicFit {
  const order = Array.from({ length: scores.length }, (_, row) => row).sort(
    (a, b) => (scores[a] as number) - (scores[b] as number),
  );

  // Merge ties: one point per distinct score with the mean label and the row count as weight.
  const xs: number[] = [];
  const means: number[] = [];
  const weights: number[] = [];
  for (const row of order) {
    const score = scores[row] as number;
    const label = labels[row] as number;
    const last = xs.length - 1;
    if (last >= 0 && xs[last] === score) {
      const weight = weights[last] as number;
      means[last] = ((means[last] as number) * weight + label) / (weight + 1);
      weights[last] = weight + 1;
    } else {
      xs.push(score);
      means.push(label);
      weights.push(1);
    }
  }

  // Pool adjacent violators over blocks, each block keeping its mean, weight and first index.
  const blockMeans: number[] = [];
  const blockWeights: number[] = [];
  const blockStarts: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    blockMeans.push(means[i] as number);
    blockWeights.push(weights[i] as number);
    blockStarts.push(i);
    while (
      blockMeans.length > 1 &&
      (blockMeans.at(-2) as number) >= (blockMeans.at(-1) as number)
    ) {
      const mean = blockMeans.pop() as number;
      const weight = blockWeights.pop() as number;
      blockStarts.pop();
      const k = blockMeans.length - 1;
      const merged = (blockWeights[k] as number) + weight;
      blockMeans[k] =
        ((blockMeans[k] as number) * (blockWeights[k] as number) + mean * weight) / merged;
      blockWeights[k] = merged;
    }
  }

  const values = new Array<number>(xs.length);
  for (let b = 0; b < blockStarts.length; b++) {
    const end = b + 1 < blockStarts.length ? (blockStarts[b + 1] as number) : xs.length;
    for (let i = blockStarts[b] as number; i < end; i++) values[i] = blockMeans[b] as number;
  }
  return { scores: xs, values };
}

/** The fitted value at `score`: linear between fitted points, clipped beyond them. */
export function predictIsotonic(fit: IsotonicFit, score: number): number {
  const { scores, values } = fit;
  const last = scores.length - 1;
  if (last < 0) return Number.NaN;
  if (score <= (scores[0] as number)) return values[0] as number;
  if (score >= (scores[last] as number)) return values[last] as number;
  let low = 0;
  let high = last;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if ((scores[middle] as number) <= score) low = middle;
    else high = middle;
  }
  const x0 = scores[low] as number;
  const x1 = scores[high] as number;
  const y0 = values[low] as number;
  const y1 = values[high] as number;
  return y0 + ((y1 - y0) * (score - x0)) / (x1 - x0);
}
