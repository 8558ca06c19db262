import { type RandomSource, randomInt } from "../trainer/index.ts";
import { fromUnit, type SearchDimension, type SearchPoint, toUnit } from "./search-space.ts";

export interface ScoredPoint {
  readonly point: SearchPoint;
  readonly score: number;
}

export interface TpeOptions {
  readonly space: readonly SearchDimension[];
  readonly random: RandomSource;
  /** Trials drawn uniformly before the model of good and bad points takes over. */
  readonly startupTrialCount?: number;
  /** Candidates drawn from the good points' density per suggestion. */
  readonly candidateCount?: number;
}

/**
 * A univariate Tree-structured Parzen Estimator (Bergstra et al., 2011), in the manner of
 * Optuna's default sampler: past trials are split into the best ⌈10 %⌉ (at most 25) and the
 * rest, each dimension gets a Gaussian-kernel density over each group in [0, 1] (with a broad
 * prior kernel), and the suggestion is the candidate drawn from the good density that maximises
 * the ratio good/bad. Scores are maximised.
 */
export function suggestPoint(history: readonly ScoredPoint[], options: TpeOptions): SearchPoint {
  const { space, random } = options;
  const startup = options.startupTrialCount ?? 10;
  if (history.length < startup) {
    return Object.fromEntries(
      space.map((dimension) => [dimension.name, fromUnit(dimension, random.nextFloat())]),
    );
  }

  const sorted = [...history].sort((a, b) => b.score - a.score);
  const goodCount = Math.min(25, Math.max(1, Math.ceil(0.1 * history.length)));
  const good = sorted.slice(0, goodCount);
  const bad = sorted.slice(goodCount);

  const point: Record<string, number> = {};
  for (const dimension of space) {
    const goodUnits = good.map((trial) =>
      toUnit(dimension, trial.point[dimension.name] ?? dimension.low),
    );
    const badUnits = bad.map((trial) =>
      toUnit(dimension, trial.point[dimension.name] ?? dimension.low),
    );
    const goodDensity = parzen(goodUnits);
    const badDensity = parzen(badUnits);
    let bestUnit = 0.5;
    let bestRatio = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < (options.candidateCount ?? 24); c++) {
      const unit = sampleParzen(goodDensity, random);
      const ratio = Math.log(densityAt(goodDensity, unit)) - Math.log(densityAt(badDensity, unit));
      if (ratio > bestRatio) {
        bestRatio = ratio;
        bestUnit = unit;
      }
    }
    point[dimension.name] = fromUnit(dimension, bestUnit);
  }
  return point;
}

interface Parzen {
  readonly centres: number[];
  readonly widths: number[];
}

/** Kernels at the observations plus a prior kernel (centre 0.5, width 1); widths from neighbours. */
function parzen(units: readonly number[]): Parzen {
  const centres = [...units, 0.5].sort((a, b) => a - b);
  const floor = 1 / Math.min(100, 1 + centres.length);
  const widths = centres.map((centre, i) => {
    const left = centre - (centres[i - 1] ?? 0);
    const right = (centres[i + 1] ?? 1) - centre;
    return Math.min(1, Math.max(left, right, floor));
  });
  const priorIndex = centres.indexOf(0.5);
  widths[priorIndex] = 1;
  return { centres, widths };
}

function densityAt(density: Parzen, unit: number): number {
  let sum = 0;
  density.centres.forEach((centre, i) => {
    const width = density.widths[i] ?? 1;
    const z = (unit - centre) / width;
    sum += Math.exp(-0.5 * z * z) / width;
  });
  return sum / density.centres.length + 1e-12;
}

function sampleParzen(density: Parzen, random: RandomSource): number {
  const i = randomInt(random, density.centres.length);
  const centre = density.centres[i] ?? 0.5;
  const width = density.widths[i] ?? 1;
  for (let attempt = 0; attempt < 20; attempt++) {
    const unit = centre + width * standardNormal(random);
    if (unit >= 0 && unit <= 1) return unit;
  }
  return Math.min(Math.max(centre, 0), 1);
}

/** A standard normal draw (Box–Muller). */
function standardNormal(random: RandomSource): number {
  const u = 1 - random.nextFloat();
  const w = random.nextFloat();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
}
