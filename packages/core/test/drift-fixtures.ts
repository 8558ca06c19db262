/**
 * Reading the generated drift fixtures in tests: plain numeric CSV written by
 * scripts/reference/drift_golden.py, where an empty cell is missing and `Infinity` is infinite.
 */
import { readFileSync } from "node:fs";

export const FIXTURES_URL = new URL("./fixtures/", import.meta.url);

export function readFixtureJson<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, FIXTURES_URL), "utf8")) as T;
}

/** Columns of a numeric CSV by header name; empty cells become NaN. */
export function readNumericCsv(text: string): Record<string, Float64Array> {
  const lines = text.trimEnd().split("\n");
  const header = (lines[0] ?? "").split(",");
  const columns = header.map(() => new Float64Array(lines.length - 1));
  for (let row = 1; row < lines.length; row++) {
    const cells = (lines[row] ?? "").split(",");
    for (let column = 0; column < header.length; column++) {
      const cell = cells[column] ?? "";
      (columns[column] as Float64Array)[row - 1] = cell === "" ? Number.NaN : Number(cell);
    }
  }
  return Object.fromEntries(header.map((name, column) => [name, columns[column] as Float64Array]));
}

export function readFixtureCsv(name: string): Record<string, Float64Array> {
  return readNumericCsv(readFileSync(new URL(name, FIXTURES_URL), "utf8"));
}

/**
 * |actual − expected| / |expected|. Below 1e-300 both values are compared absolutely: subnormal
 * doubles carry too few bits for any relative tolerance, so there only |difference| < 1e-300
 * counts as equal.
 */
export function relativeError(actual: number, expected: number): number {
  if (expected === actual) return 0;
  if (Math.abs(expected) < 1e-300) {
    return Math.abs(actual - expected) < 1e-300 ? 0 : Number.POSITIVE_INFINITY;
  }
  return Math.abs(actual - expected) / Math.abs(expected);
}

/** mulberry32: a seeded uniform generator on [0, 1), so generated test samples never change. */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
