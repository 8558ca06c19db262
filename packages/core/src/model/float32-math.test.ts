import { describe, expect, it } from "vitest";
import { readSmallModelFixture } from "../../test/xgboost-fixture.ts";
import { expf, logf, probabilityToMarginf, sigmoidf } from "./float32-math.ts";

// Reference: the C library's expf and logf (glibc 2.36, through Python ctypes), as recorded in
// the committed fixture by scripts/reference/xgboost_models.py; compared bit for bit.
const { libm } = readSmallModelFixture();

describe("expf", () => {
  it("equals glibc's expf on every recorded input", () => {
    const differing = libm.expf.filter(([x, expected]) => expf(x) !== expected);

    expect(libm.expf.length).toBeGreaterThan(300);
    expect(differing).toEqual([]);
  });

  it.each([
    [0, 1],
    [Number.NaN, Number.NaN],
    [100, Number.POSITIVE_INFINITY],
    [-120, 0],
  ])("returns %s for %s at the edges", (x, expected) => {
    expect(expf(x)).toBe(expected);
  });
});

describe("logf", () => {
  it("equals glibc's logf on every recorded input", () => {
    const differing = libm.logf.filter(([x, expected]) => logf(x) !== expected);

    expect(libm.logf.length).toBeGreaterThan(300);
    expect(differing).toEqual([]);
  });

  it("returns exactly 0 for 1", () => {
    expect(logf(1)).toBe(0);
  });
});

describe("sigmoidf", () => {
  it.each([
    [0, 0.5],
    [1000, 1],
  ])("maps margin %s to %s", (margin, expected) => {
    expect(sigmoidf(margin)).toBe(expected);
  });

  it("stops at 1 / (expf(88.7) + 1) for very negative margins, as XGBoost clamps them", () => {
    const floor = sigmoidf(-88.7);

    expect(sigmoidf(-1000)).toBe(floor);
    expect(floor).toBeGreaterThan(0);
    expect(floor).toBeLessThan(1e-38);
  });
});

describe("probabilityToMarginf", () => {
  it("gives exactly zero for base_score 0.5 (negative zero, as -logf(1) is in C)", () => {
    expect(probabilityToMarginf(0.5)).toBe(-0);
  });

  it("is the float32 logit", () => {
    expect(probabilityToMarginf(0.3)).toBeCloseTo(Math.log(0.3 / 0.7), 6);
  });
});
