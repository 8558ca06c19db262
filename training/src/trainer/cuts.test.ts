import { describe, expect, it } from "vitest";
import { binOf, computeCuts } from "./cuts.ts";

function column(values: number[]): Float32Array {
  return Float32Array.from(values);
}

describe("computeCuts", () => {
  it("returns every distinct value but the minimum, then a sentinel, when values are few", () => {
    const features = column([3, 1, 2, 2, Number.NaN, 5, 1]);

    const cuts = computeCuts(features, 7, 1, 256);

    // Sentinel: max + (|max| + 1e-5) in double, rounded to float32 (XGBoost 1.7 quantile.cc).
    expect(Array.from(cuts.values)).toEqual([2, 3, 5, Math.fround(5 + 5 + 1e-5)]);
    expect(cuts.minValues[0]).toBe(Math.fround(1 - (1 + 1e-5)));
  });

  it("returns at most maxBin increasing cuts when a feature has more distinct values", () => {
    const features = column(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 1000));

    const cuts = computeCuts(features, 5000, 1, 16);

    const values = Array.from(cuts.values);
    expect(values.length).toBeLessThanOrEqual(16);
    expect(values.every((value, i) => i === 0 || value > (values[i - 1] ?? 0))).toBe(true);
    expect(values.at(-1)).toBeGreaterThan(999);
  });

  it("keeps features apart through offsets", () => {
    const features = column([1, 10, 2, 20, 3, 30]);

    const cuts = computeCuts(features, 3, 2, 256);

    expect(Array.from(cuts.offsets)).toEqual([0, 3, 6]);
    expect(cuts.values[3]).toBe(20);
  });
});

describe("binOf", () => {
  it.each([
    [1, 0],
    [1.5, 0],
    [2, 1],
    [4, 2],
    [5, 3],
    [1e9, 3],
  ])("puts %d in bin %d", (value, bin) => {
    const cuts = computeCuts(column([1, 2, 3, 5]), 4, 1, 256);

    expect(binOf(cuts, 0, value)).toBe(bin);
  });
});
