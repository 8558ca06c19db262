import { describe, expect, it } from "vitest";
import { readFixtureJson, relativeError } from "../../../test/drift-fixtures.ts";
import { chiSquareSurvival } from "./gamma.ts";
import { kolmogorovSurvival } from "./kolmogorov.ts";
import { normalCdf } from "./normal.ts";
import { smirnovSurvival } from "./smirnov.ts";
import { twoSampleExactSurvival } from "./two-sample-exact.ts";

// Produced by scripts/reference/drift_golden.py with scipy 1.10.1 and numpy 1.24.2 (recorded in
// the file): scipy's kstwo.sf, special.smirnov, chi2.sf, 2·(1 − norm.cdf(|z|)) and the exact
// two-sample K-S probability on grids that reach every branch of each algorithm.
const golden = readFixtureJson<{
  kolmogorovSurvival: [number, number, number][];
  smirnovSurvival: [number, number, number][];
  chiSquareSurvival: [number, number, number][];
  zTestPValue: [number, number][];
  twoSampleExact: [number, number, number, number][];
}>("drift-distributions-golden.json");

const TOLERANCE = 1e-9;

/**
 * The largest error over the rows and the row it occurs at; a NaN error counts as the largest.
 * Fails when there are no rows, so an empty grid cannot pass unseen.
 */
function worst<T>(rows: T[], error: (row: T) => number): { error: number; row: T | undefined } {
  expect(rows.length).toBeGreaterThan(0);
  let result: { error: number; row: T | undefined } = { error: 0, row: undefined };
  for (const row of rows) {
    const e = error(row);
    if (!(e <= result.error)) result = { error: e, row };
  }
  return result;
}

describe("kolmogorovSurvival", () => {
  it("returns scipy's kstwo.sf within 1e-9 relative across n and x", () => {
    const result = worst(golden.kolmogorovSurvival, ([n, x, p]) =>
      relativeError(kolmogorovSurvival(n, x), p),
    );

    // The method changes at n = 140 and n = 100,000 (Simard & L'Ecuyer); the grid spans both.
    const sizes = golden.kolmogorovSurvival.map(([n]) => n);
    expect(Math.min(...sizes)).toBeLessThanOrEqual(140);
    expect(sizes.some((n) => n > 140 && n <= 100_000)).toBe(true);
    expect(Math.max(...sizes)).toBeGreaterThan(100_000);
    expect(result.error, JSON.stringify(result.row)).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe("smirnovSurvival", () => {
  it("returns scipy's special.smirnov within 1e-9 relative across n and x", () => {
    const result = worst(golden.smirnovSurvival, ([n, x, p]) =>
      relativeError(smirnovSurvival(n, x), p),
    );

    expect(result.error, JSON.stringify(result.row)).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe("chiSquareSurvival", () => {
  it("returns scipy's chi2.sf within 1e-9 relative, far tail included", () => {
    const result = worst(golden.chiSquareSurvival, ([statistic, dof, p]) =>
      relativeError(chiSquareSurvival(statistic, dof), p),
    );

    expect(result.error, JSON.stringify(result.row)).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe("normalCdf", () => {
  it("gives Evidently's Z-test p-value 2·(1 − Φ(|z|)) within 1e-9 relative", () => {
    const result = worst(golden.zTestPValue, ([z, p]) =>
      relativeError(2 * (1 - normalCdf(Math.abs(z))), p),
    );

    expect(result.error, JSON.stringify(result.row)).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe("twoSampleExactSurvival", () => {
  it("returns scipy's exact two-sample probability within 1e-9 relative up to n = 10,000", () => {
    const result = worst(golden.twoSampleExact, ([n1, n2, h, p]) =>
      relativeError(twoSampleExactSurvival(n1, n2, h), p),
    );

    expect(result.error, JSON.stringify(result.row)).toBeLessThanOrEqual(TOLERANCE);
  });

  it.each([
    [3, 5, 0, 1],
    [4, 4, 4, 2 / 70],
  ])("returns the closed-form value for m=%i, n=%i, h=%i", (m, n, h, expected) => {
    const p = twoSampleExactSurvival(m, n, h);

    expect(p).toBeCloseTo(expected, 14);
  });
});
