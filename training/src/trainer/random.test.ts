import { describe, expect, it } from "vitest";
import { createRandom, shuffleInPlace } from "./random.ts";

describe("createRandom", () => {
  it("returns the same stream when given the same seed", () => {
    const first = createRandom(42);
    const second = createRandom(42);

    const a = Array.from({ length: 100 }, () => first.nextFloat());
    const b = Array.from({ length: 100 }, () => second.nextFloat());

    expect(a).toEqual(b);
  });

  it("returns different streams for different seeds", () => {
    const a = createRandom(1).nextFloat();
    const b = createRandom(2).nextFloat();

    expect(a).not.toBe(b);
  });

  it("returns floats in [0, 1) with a mean near one half", () => {
    const random = createRandom(7);

    const draws = Array.from({ length: 20_000 }, () => random.nextFloat());

    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((sum, x) => sum + x, 0) / draws.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
  });
});

describe("shuffleInPlace", () => {
  it("returns a permutation of its input", () => {
    const items = Int32Array.from({ length: 50 }, (_, i) => i);

    const shuffled = shuffleInPlace(createRandom(3), items.slice());

    expect(Array.from(shuffled).sort((a, b) => a - b)).toEqual(Array.from(items));
    expect(Array.from(shuffled)).not.toEqual(Array.from(items));
  });
});
