import { describe, expect, it } from "vitest";
import { normalCdf, normalQuantile } from "./normal.ts";

// Reference values from scipy.stats.norm (scipy 1.10.1).
describe("normalCdf", () => {
  it.each([
    [0, 0.5],
    [1, 0.8413447460685429],
    [-1.96, 0.024997895148220435],
    [3, 0.9986501019683699],
    [-4.5, 3.3976731247300535e-6],
  ])("gives Φ(%d) = %d within 1.2e-7 relative", (x, expected) => {
    expect(Math.abs(normalCdf(x) - expected) / expected).toBeLessThan(1.2e-7);
  });
});

describe("normalQuantile", () => {
  it.each([
    [0.975, 1.959963984540054],
    [0.001, -3.090232306167813],
    [0.3, -0.5244005127080409],
    [1e-6, -4.753424308822899],
  ])("gives the quantile of %d within 1.2e-9 relative", (p, expected) => {
    expect(Math.abs((normalQuantile(p) - expected) / expected)).toBeLessThan(1.2e-9);
  });

  it("is infinite at the ends", () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
  });
});
