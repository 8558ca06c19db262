/** The geometry behind the site's SVG charts: linear scales, round ticks and line paths. */

export interface Scale {
  (value: number): number;
  readonly domain: readonly [number, number];
}

/** Maps `domain` linearly onto `range`; a zero-width domain maps to the middle of the range. */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const width = d1 - d0;
  const scale = (value: number) =>
    width === 0 ? (r0 + r1) / 2 : r0 + ((value - d0) / width) * (r1 - r0);
  return Object.assign(scale, { domain });
}

/** About `count` ticks at round steps (1, 2 or 5 times a power of ten) covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min];
  const rawStep = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rawStep));
  // The tolerance keeps float residue (0.04 / 4 = 0.010000000000000002) from doubling the step.
  const fraction = rawStep / power - 1e-9;
  const step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
  const first = Math.ceil(min / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let tick = first; tick <= max + step * 1e-9; tick += step) {
    // Rounding to the step's precision removes float residue such as 0.30000000000000004.
    ticks.push(Number(tick.toPrecision(12)));
  }
  return ticks;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const TIME_STEPS_MS = [
  60_000,
  5 * 60_000,
  15 * 60_000,
  HOUR_MS,
  3 * HOUR_MS,
  6 * HOUR_MS,
  12 * HOUR_MS,
  DAY_MS,
  2 * DAY_MS,
  7 * DAY_MS,
  30 * DAY_MS,
  91 * DAY_MS,
  365 * DAY_MS,
];

/**
 * About `count` ticks between two epoch-millisecond moments at whole minutes, hours or days in
 * UTC, so that a time axis reads "11-20, 11-21, 11-22" rather than at arbitrary instants.
 */
export function timeTicks(minMs: number, maxMs: number, count = 4): number[] {
  if (!Number.isFinite(minMs) || !Number.isFinite(maxMs)) return [];
  if (minMs === maxMs) return [minMs];
  const wanted = (maxMs - minMs) / Math.max(1, count);
  const step = TIME_STEPS_MS.find((candidate) => candidate >= wanted) ?? 365 * DAY_MS;
  const ticks: number[] = [];
  for (let tick = Math.ceil(minMs / step) * step; tick <= maxMs; tick += step) ticks.push(tick);
  return ticks;
}

/** The smallest and largest finite values, or `undefined` when there are none. */
export function extent(values: Iterable<number>): [number, number] | undefined {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return min <= max ? [min, max] : undefined;
}

/**
 * An SVG path through the points, starting a new segment after every non-finite value so a
 * missing measurement shows as a gap rather than a line to zero.
 */
export function linePath(points: readonly { x: number; y: number }[]): string {
  let path = "";
  let isPenDown = false;
  for (const { x, y } of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      isPenDown = false;
      continue;
    }
    path += `${isPenDown ? "L" : "M"}${round(x)},${round(y)}`;
    isPenDown = true;
  }
  return path;
}

/** Rounds a pixel coordinate to a tenth, which keeps the markup small at no visible cost. */
export function round(value: number): number {
  return Math.round(value * 10) / 10;
}
