import { type ColumnSample, mergeSamples, populationStd } from "../sample.ts";
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
  const merged = mergeSamples(reference, current);
  let total = 0;
  for (let k = 0; k + 1 < merged.values.length; k++) {
    const gap = Math.abs(
      (merged.referenceCumulative[k] as number) / reference.count -
        (merged.currentCumulative[k] as number) / current.count,
    );
    total += gap * ((merged.values[k + 1] as number) - (merged.values[k] as number));
  }
  return total;
}
