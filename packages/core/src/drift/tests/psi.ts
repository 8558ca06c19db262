import type { ColumnKind } from "../../schema/index.ts";
import { binShares } from "../binning.ts";
import type { ColumnSample } from "../sample.ts";
import type { TestOutcome } from "./outcome.ts";

/**
 * Population stability index Σ (r − c)·ln(r/c) over the binned shares with Evidently's zero
 * filling (the vectors are not renormalised afterwards).
 */
export function psiTest(
  reference: ColumnSample,
  current: ColumnSample,
  kind: ColumnKind,
): TestOutcome {
  const { referenceShares, currentShares } = binShares(reference, current, kind, true);
  let score = 0;
  for (let k = 0; k < referenceShares.length; k++) {
    const r = referenceShares[k] as number;
    const c = currentShares[k] as number;
    score += (r - c) * Math.log(r / c);
  }
  return { score, effectSize: { name: "psi", value: score } };
}
