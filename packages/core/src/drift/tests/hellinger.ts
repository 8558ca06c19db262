import type { ColumnKind } from "../../schema/index.ts";
import { histogramCounts, sturgesEdges } from "../binning.ts";
import { alignSamples, type ColumnSample } from "../sample.ts";
import type { TestOutcome } from "./outcome.ts";

/**
 * Hellinger distance √(1 − BC), with the Bhattacharyya coefficient BC clipped to [0, 1], as
 * Evidently's `hellinger` test: for categorical columns BC = Σ √(p_R·p_C) over the value
 * shares; for numerical columns BC = Σ √(f_R·f_C)·w over density histograms whose Sturges
 * edges are fitted to the distinct values of R ∪ C (not to the rows), w being the bin width.
 */
export function hellingerTest(
  reference: ColumnSample,
  current: ColumnSample,
  kind: ColumnKind,
): TestOutcome {
  const coefficient =
    kind === "categorical"
      ? categoricalCoefficient(reference, current)
      : numericalCoefficient(reference, current);
  const score = Math.sqrt(1 - Math.min(1, Math.max(0, coefficient)));
  return { score, effectSize: { name: "hellinger_distance", value: score } };
}

function categoricalCoefficient(reference: ColumnSample, current: ColumnSample): number {
  const aligned = alignSamples(reference, current);
  let coefficient = 0;
  for (let k = 0; k < aligned.values.length; k++) {
    const p = (aligned.referenceCounts[k] as number) / reference.count;
    const q = (aligned.currentCounts[k] as number) / current.count;
    coefficient += Math.sqrt(p * q);
  }
  return coefficient;
}

function numericalCoefficient(reference: ColumnSample, current: ColumnSample): number {
  const keys = alignSamples(reference, current).values;
  const edges = sturgesEdges(keys[0] as number, keys.at(-1) as number, keys.length);
  const referenceDensity = density(histogramCounts(reference, edges), edges);
  const currentDensity = density(histogramCounts(current, edges), edges);
  const binWidth = ((edges.at(-1) as number) - (edges[0] as number)) / (edges.length - 1);
  let coefficient = 0;
  for (let k = 0; k < referenceDensity.length; k++) {
    coefficient +=
      Math.sqrt((referenceDensity[k] as number) * (currentDensity[k] as number)) * binWidth;
  }
  return coefficient;
}

/** numpy's `density=True`: count / bin width / total count. */
function density(counts: Float64Array, edges: Float64Array): Float64Array {
  let total = 0;
  for (const count of counts) total += count;
  return counts.map(
    (count, k) => count / ((edges[k + 1] as number) - (edges[k] as number)) / total,
  );
}
