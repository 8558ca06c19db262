import { chiSquareSurvival } from "../distributions/gamma.ts";
import { alignSamples, type ColumnSample } from "../sample.ts";
import type { TestOutcome } from "./outcome.ts";

/**
 * Chi-square goodness of fit of the current counts against the reference proportions, as
 * Evidently calls scipy's `chisquare(f_obs, f_exp)`: expected counts are the reference counts
 * rescaled by n_C/n_R, over the union of values, with K − 1 degrees of freedom. A value absent
 * from the reference has expected count 0, which makes the statistic infinite and p = 0. With a
 * single value in both samples there are no degrees of freedom: scipy 1.10.1's `chisquare` then
 * gives statistic 0 and p-value NaN, and so does this test; Evidently compares that NaN with the
 * threshold, which never flags drift. Effect size: Cohen's w = √(χ²/n_C).
 */
export function chiSquareTest(reference: ColumnSample, current: ColumnSample): TestOutcome {
  const aligned = alignSamples(reference, current);
  const scale = current.count / reference.count;
  let statistic = 0;
  for (let k = 0; k < aligned.values.length; k++) {
    const expected = (aligned.referenceCounts[k] as number) * scale;
    const observed = aligned.currentCounts[k] as number;
    statistic += ((observed - expected) * (observed - expected)) / expected;
  }
  const degreesOfFreedom = aligned.values.length - 1;
  const pValue =
    degreesOfFreedom === 0 ? Number.NaN : chiSquareSurvival(statistic, degreesOfFreedom);
  const effect = Math.sqrt(statistic / current.count);
  return {
    score: pValue,
    effectSize: Number.isFinite(effect) ? { name: "cohens_w", value: effect } : null,
  };
}
