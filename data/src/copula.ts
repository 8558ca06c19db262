import type { Marginal } from "./columns.ts";
import { normalCdf } from "./normal.ts";
import type { Random } from "./random.ts";

/**
 * The lower Cholesky factor of a correlation matrix. A sample matrix that is not quite positive
 * definite is shrunk towards the identity until it is, which keeps every margin intact.
 */
export function choleskyOfCorrelation(correlation: readonly (readonly number[])[]): number[][] {
  for (let shrink = 1; shrink > 0.5; shrink -= 0.01) {
    const factor = tryCholesky(correlation, shrink);
    if (factor !== undefined) return factor;
  }
  return correlation.map((_, i) => correlation.map((__, j) => (i === j ? 1 : 0)));
}

function tryCholesky(
  correlation: readonly (readonly number[])[],
  shrink: number,
): number[][] | undefined {
  const size = correlation.length;
  const lower = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let i = 0; i < size; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      const target = i === j ? 1 : shrink * (correlation[i]?.[j] ?? 0);
      let sum = target;
      for (let k = 0; k < j; k += 1) sum -= (lower[i]?.[k] ?? 0) * (lower[j]?.[k] ?? 0);
      const row = lower[i] ?? [];
      if (i === j) {
        if (sum <= 1e-9) return undefined;
        row[j] = Math.sqrt(sum);
      } else {
        row[j] = sum / (lower[j]?.[j] ?? 1);
      }
    }
  }
  return lower;
}

/** Correlated uniforms: a Gaussian copula draw, one per column. */
export function drawCopula(lower: readonly (readonly number[])[], random: Random): number[] {
  const independent = lower.map(() => random.normal());
  return lower.map((row) => {
    let z = 0;
    for (let k = 0; k < row.length; k += 1) z += (row[k] ?? 0) * (independent[k] ?? 0);
    return normalCdf(z);
  });
}

/** The value of a marginal at probability `u`, rounded to a whole number. */
export function invertMarginal(marginal: Marginal, u: number): number {
  if (marginal.kind === "levels") {
    let cumulative = 0;
    for (let i = 0; i < marginal.values.length; i += 1) {
      cumulative += marginal.probabilities[i] ?? 0;
      if (u < cumulative) return marginal.values[i] ?? 0;
    }
    return marginal.values.at(-1) ?? 0;
  }
  const position = u * (marginal.values.length - 1);
  const lower = Math.floor(position);
  const low = marginal.values[lower] ?? 0;
  const high = marginal.values[lower + 1] ?? low;
  return Math.round(low + (position - lower) * (high - low));
}
