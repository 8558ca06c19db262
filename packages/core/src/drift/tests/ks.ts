import { kolmogorovSurvival } from "../distributions/kolmogorov.ts";
import {
  greatestCommonDivisor,
  twoSampleExactSurvival,
} from "../distributions/two-sample-exact.ts";
import { type ColumnSample, mergeSamples } from "../sample.ts";
import type { TestOutcome } from "./outcome.ts";

/** scipy's `ks_2samp(method="auto")` is exact while the larger sample has at most this many rows. */
export const EXACT_MAX_ROW_COUNT = 10_000;

/** Round half to even, as numpy's `round`. */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const difference = value - floor;
  if (difference > 0.5) return floor + 1;
  if (difference < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * D = max |F_R − F_C| over the merged distinct values, with each CDF evaluated after all ties
 * at a value (scipy's `searchsorted(side="right")`) and the same float operations, so D is
 * bit-identical to scipy's.
 */
export function ksStatistic(reference: ColumnSample, current: ColumnSample): number {
  const merged = mergeSamples(reference, current);
  let maxDifference = Number.NEGATIVE_INFINITY;
  let minDifference = Number.POSITIVE_INFINITY;
  for (let k = 0; k < merged.values.length; k++) {
    const difference =
      (merged.referenceCumulative[k] as number) / reference.count -
      (merged.currentCumulative[k] as number) / current.count;
    if (difference > maxDifference) maxDifference = difference;
    if (difference < minDifference) minDifference = difference;
  }
  const minSide = Math.min(Math.max(-minDifference, 0), 1);
  return Math.max(minSide, maxDifference);
}

/**
 * Two-sample, two-sided Kolmogorov–Smirnov test as scipy 1.10.1's `ks_2samp(method="auto")`:
 * the exact lattice-path p-value while max(n_R, n_C) ≤ 10,000, else the Kolmogorov
 * distribution's survival at D with n = round(n_R·n_C/(n_R + n_C)).
 */
export function ksTest(reference: ColumnSample, current: ColumnSample): TestOutcome {
  const { statistic, pValue } = ksPValue(
    reference.count,
    current.count,
    ksStatistic(reference, current),
  );
  return { score: pValue, effectSize: { name: "ks_statistic", value: statistic } };
}

/**
 * The p-value of D for sample sizes n1 and n2. In the exact branch D is snapped to the lattice,
 * h/lcm(n1, n2), and returned that way, as scipy reports it.
 */
export function ksPValue(
  n1: number,
  n2: number,
  statistic: number,
): { statistic: number; pValue: number } {
  if (Math.max(n1, n2) <= EXACT_MAX_ROW_COUNT) {
    const lcm = (n1 / greatestCommonDivisor(n1, n2)) * n2;
    const h = roundHalfEven(statistic * lcm);
    const pValue = twoSampleExactSurvival(n1, n2, h);
    if (pValue >= 0 && pValue <= 1) return { statistic: h / lcm, pValue };
  }
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const effectiveCount = roundHalfEven((m * n) / (m + n));
  const pValue = Math.min(1, Math.max(0, kolmogorovSurvival(effectiveCount, statistic)));
  return { statistic, pValue };
}
