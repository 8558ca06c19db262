/**
 * How the site writes numbers, shares, durations and times. Every function takes `null` and
 * `undefined` for "not measured" and writes an en dash, so a missing figure never reads as zero.
 * The locale is fixed so that the server's own locale cannot change what a page shows.
 */

const MISSING = "–";

const countFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

type Maybe<T> = T | null | undefined;

function isMissing(value: Maybe<number>): value is null | undefined {
  return value === null || value === undefined || Number.isNaN(value);
}

/** A score in [0, 1] (accuracy, F1, AUC, a p-value) with three decimals, as the alerts write it. */
export function formatScore(value: Maybe<number>, digits = 3): string {
  if (isMissing(value)) return MISSING;
  return value.toFixed(digits);
}

/** A drift score: p-values and distances spread over many orders of magnitude. */
export function formatDriftScore(value: Maybe<number>): string {
  if (isMissing(value)) return MISSING;
  if (value !== 0 && Math.abs(value) < 0.001) return value.toExponential(2);
  return value.toFixed(4);
}

/** A share in [0, 1] as a percentage with one decimal. */
export function formatShare(value: Maybe<number>): string {
  if (isMissing(value)) return MISSING;
  return `${(value * 100).toFixed(1)} %`;
}

/** A whole count with thousands separators. */
export function formatCount(value: Maybe<number>): string {
  if (isMissing(value)) return MISSING;
  return countFormat.format(value);
}

/** A plain number (a parameter, a feature value) without trailing noise. */
export function formatNumber(value: Maybe<number>): string {
  if (isMissing(value)) return MISSING;
  if (Number.isInteger(value)) return countFormat.format(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return countFormat.format(value);
  if (magnitude >= 0.001) return String(Number(value.toPrecision(4)));
  return value.toExponential(2);
}

/** A duration in milliseconds, in the largest unit that keeps it readable. */
export function formatDurationMs(value: Maybe<number>): string {
  if (isMissing(value)) return MISSING;
  if (value < 1000) return `${Math.round(value)} ms`;
  if (value < 60_000) return `${(value / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(value / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  if (minutes < 60) return `${minutes} min ${seconds} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * A moment in UTC to the minute, e.g. "2026-12-03 19:15 UTC"; without the zone where a table's
 * heading already says UTC.
 */
export function formatDateTime(value: Maybe<Date | string>, isZoneShown = true): string {
  if (value === null || value === undefined) return MISSING;
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return MISSING;
  const text = date.toISOString().slice(0, 16).replace("T", " ");
  return isZoneShown ? `${text} UTC` : text;
}

/** A short UTC date and time for chart axes, e.g. "12-03 19:15". */
export function formatAxisTime(epochMs: number, spanMs: number): string {
  const iso = new Date(epochMs).toISOString();
  if (spanMs > 90 * 86_400_000) return iso.slice(0, 7);
  if (spanMs > 3 * 86_400_000) return iso.slice(5, 10);
  return iso.slice(5, 16).replace("T", " ");
}

/** A byte count in B, kB or MB. */
export function formatBytes(value: Maybe<number>): string {
  if (isMissing(value)) return MISSING;
  if (value < 1000) return `${value} B`;
  if (value < 1_000_000) return `${(value / 1000).toFixed(1)} kB`;
  return `${(value / 1_000_000).toFixed(1)} MB`;
}
