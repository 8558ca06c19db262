/**
 * Exact two-sided p-value of the two-sample Kolmogorov–Smirnov statistic: the probability that a
 * uniformly random lattice path from (0, 0) to (m, n) touches the band |x/m − y/n| ≥ d (Hodges
 * 1958, "The significance probability of the Smirnov two-sample test", Ark. Mat. 3). The lattice
 * is measured in units of 1/lcm(m, n), so d·lcm = h is an integer and the boundary test is exact
 * integer arithmetic.
 */

/**
 * P(D ≥ h/lcm(m, n)) for sample sizes m and n. Each lattice point carries the probability that a
 * random path reaching it has already left the band; a point is reached from its left
 * neighbour with probability x/(x + y) and from below with y/(x + y). Probabilities (not path
 * counts) keep every value in [0, 1], and tracking the outside mass directly keeps tiny p-values
 * relative-accurate. Only the band is visited: O(m · band width) time, O(n) memory.
 */
export function twoSampleExactSurvival(m: number, n: number, h: number): number {
  if (h <= 0) return 1;
  if (m === n) return equalSizesSurvival(n, h);
  const [large, small] = m >= n ? [m, n] : [n, m];
  const divisor = greatestCommonDivisor(large, small);
  const largeUnit = large / divisor;
  const smallUnit = small / divisor;

  // outside[j] holds the value at (i, j) for the current column i; points off the band are 1.
  const outside = new Float64Array(small + 1).fill(1);
  let low = 0;
  let high = Math.min(Math.ceil(h / largeUnit) - 1, small);
  for (let j = low; j <= high; j++) outside[j] = 0;

  for (let i = 1; i <= large; i++) {
    const nextLow = Math.max(Math.floor((smallUnit * i - h) / largeUnit) + 1, 0);
    const nextHigh = Math.min(Math.ceil((smallUnit * i + h) / largeUnit) - 1, small);
    if (nextHigh < nextLow) return 1;
    let below = 1;
    for (let j = nextLow; j <= nextHigh; j++) {
      const fromLeft = outside[j] as number;
      const value = j === 0 ? fromLeft : (fromLeft * i + below * j) / (i + j);
      outside[j] = value;
      below = value;
    }
    // Points that were inside the band in the previous column but lie below it now are outside.
    for (let j = low; j < nextLow && j <= high; j++) outside[j] = 1;
    low = nextLow;
    high = nextHigh;
  }
  return outside[small] as number;
}

/**
 * m = n: P(D ≥ h/n) = 2·Σ_{k≥1} (−1)^(k−1) C(2n, n − kh)/C(2n, n), evaluated innermost-first as
 * 2·A₁(1 − A₂(1 − A₃(…))) with each ratio Aₖ a product of h simple factors, which avoids the
 * cancellation of the alternating sum (Hodges 1958, eq. 2.6).
 */
function equalSizesSurvival(n: number, h: number): number {
  let nested = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let ratio = 1;
    for (let j = 0; j < h; j++) ratio = ((n - k * h - j) * ratio) / (n + k * h + j + 1);
    nested = ratio * (1 - nested);
  }
  return 2 * nested;
}

export function greatestCommonDivisor(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) {
    const rest = x % y;
    x = y;
    y = rest;
  }
  return x;
}
