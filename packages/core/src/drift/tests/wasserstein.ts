import { type ColumnSample, populationStd } from "../sample.ts";
import type { TestOutcome } from "./outcome.ts";

/** Evidently's floor on the reference spread, so a constant reference does not divide by 0. */
const MIN_NORM = 0.001;

/**
 * First Wasserstein distance ∫|F_R − F_C| over the merged support (scipy's
 * `wasserstein_distance`), divided by max(σ_R, 0.001) with σ_R the reference's population
 * standard deviation, as Evidently's `wasserstein` test. The score is its own effect size.
 */
export function wassersteinTest(reference: ColumnSample, current: ColumnSample): TestOutcome {
  const distance = wassersteinDistance(reference, current);
  const score = distance / Math.max(populationStd(reference), MIN_NORM);
  return { score, effectSize: { name: "wasserstein_normed", value: score } };
}

export function wassersteinDistance(reference: ColumnSample, current: ColumnSample): number {
  let i = 0;
  let j = 0;
  let referenceCumulative = 0;
  let currentCumulative = 0;
  let previous = Number.NaN;
  let previousGap = 0;
  let total = 0;
  while (i < reference.values.length || j < current.values.length) {
    const r = i < reference.values.length ? (reference.values[i] as number) : Infinity;
    const c = j < current.values.length ? (current.values[j] as number) : Infinity;
    const value = Math.min(r, c);
    if (!Number.isNaN(previous)) total += previousGap * (value - previous);
    if (r === value) referenceCumulative += reference.counts[i++] as number;
    if (c === value) currentCumulative += current.counts[j++] as number;
    previousGap = Math.abs(
      referenceCumulative / reference.count - currentCumulative / current.count,
    );
    previous = value;
  }
  return total;
}
