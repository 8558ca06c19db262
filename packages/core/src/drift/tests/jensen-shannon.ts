import type { ColumnKind } from "../../schema/index.ts";
import { binShares } from "../binning.ts";
import type { ColumnSample } from "../sample.ts";
import type { TestOutcome } from "./outcome.ts";

/**
 * Jensen–Shannon distance (natural log, so 0 to √ln 2) between the binned shares, without zero
 * filling, as Evidently calls scipy's `jensenshannon`: both vectors renormalised, M = (p + q)/2,
 * JS = √(½·Σ p ln(p/M) + ½·Σ q ln(q/M)) with 0·ln 0 = 0.
 */
export function jensenShannonTest(
  reference: ColumnSample,
  current: ColumnSample,
  kind: ColumnKind,
): TestOutcome {
  const { referenceShares, currentShares } = binShares(reference, current, kind, false);
  const score = jensenShannonDistance(referenceShares, currentShares);
  return { score, effectSize: { name: "jensen_shannon_distance", value: score } };
}

export function jensenShannonDistance(p: Float64Array, q: Float64Array): number {
  let pTotal = 0;
  let qTotal = 0;
  for (let k = 0; k < p.length; k++) {
    pTotal += p[k] as number;
    qTotal += q[k] as number;
  }
  let left = 0;
  let right = 0;
  for (let k = 0; k < p.length; k++) {
    const pk = (p[k] as number) / pTotal;
    const qk = (q[k] as number) / qTotal;
    const mk = (pk + qk) / 2;
    if (pk > 0) left += pk * Math.log(pk / mk);
    if (qk > 0) right += qk * Math.log(qk / mk);
  }
  return Math.sqrt((left + right) / 2);
}
