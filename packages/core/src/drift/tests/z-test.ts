import { normalCdf } from "../distributions/normal.ts";
import { alignSamples, type ColumnSample } from "../sample.ts";
import type { TestOutcome } from "./outcome.ts";

/**
 * Pooled two-proportion Z-test, as Evidently's `z` test: the smallest value of the union maps
 * to 0 and every other value to 1, z = (p_R − p_C)/√(P(1−P)(1/n_R + 1/n_C)) with the pooled P,
 * and p = 2·(1 − Φ(|z|)), computed in that form as Evidently does. Two constant samples with
 * the same value give p = 1. Effect size: Cohen's h = |2·asin√p_R − 2·asin√p_C|.
 */
export function zTest(reference: ColumnSample, current: ColumnSample): TestOutcome {
  const aligned = alignSamples(reference, current);
  const referenceShare =
    (reference.count - (aligned.referenceCounts[0] as number)) / reference.count;
  const currentShare = (current.count - (aligned.currentCounts[0] as number)) / current.count;
  const effectSize = {
    name: "cohens_h" as const,
    value: Math.abs(
      2 * Math.asin(Math.sqrt(referenceShare)) - 2 * Math.asin(Math.sqrt(currentShare)),
    ),
  };
  if (reference.values.length === 1 && current.values.length === 1 && aligned.values.length === 1) {
    return { score: 1, effectSize };
  }

  const n1 = reference.count;
  const n2 = current.count;
  const pooled = (referenceShare * n1 + currentShare * n2) / (n1 + n2);
  const z = (referenceShare - currentShare) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return { score: 2 * (1 - normalCdf(Math.abs(z))), effectSize };
}
