import { describe, expect, it } from "vitest";
import { createRandom, deriveSeed, xoshiro128StarStar } from "./random.ts";

describe("xoshiro128StarStar", () => {
  it("gives the reference outputs for the state 1, 2, 3, 4", () => {
    // Worked by hand through the reference xoshiro128starstar.c (Blackman and Vigna).
    const next = xoshiro128StarStar(Uint32Array.of(1, 2, 3, 4));

    expect([next(), next(), next()]).toEqual([11520, 0, 5927040]);
  });
});

describe("createRandom", () => {
  it("repeats its stream for the same seed and changes it for another", () => {
    const first = createRandom(42);
    const again = createRandom(42);
    const other = createRandom(43);

    const draws = Array.from({ length: 5 }, () => first.uniform());

    expect(Array.from({ length: 5 }, () => again.uniform())).toEqual(draws);
    expect(Array.from({ length: 5 }, () => other.uniform())).not.toEqual(draws);
  });

  it("draws uniforms and normals with the right first two moments", () => {
    const random = createRandom(7);
    const count = 100_000;
    const uniforms = Array.from({ length: count }, () => random.uniform());
    const normals = Array.from({ length: count }, () => random.normal());
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / count;

    // Tolerances are about five standard errors at this sample size.
    expect(mean(uniforms)).toBeCloseTo(0.5, 2);
    expect(Math.min(...uniforms)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...uniforms)).toBeLessThan(1);
    expect(Math.abs(mean(normals))).toBeLessThan(0.016);
    expect(Math.abs(mean(normals.map((value) => value * value)) - 1)).toBeLessThan(0.025);
  });

  it("draws integers in range", () => {
    const random = createRandom(1);

    const draws = new Set(Array.from({ length: 1000 }, () => random.integer(5)));

    expect([...draws].sort()).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("deriveSeed", () => {
  it("gives each named part its own seed", () => {
    expect(deriveSeed(1, "a.csv")).not.toBe(deriveSeed(1, "b.csv"));
    expect(deriveSeed(1, "a.csv")).toBe(deriveSeed(1, "a.csv"));
  });
});
