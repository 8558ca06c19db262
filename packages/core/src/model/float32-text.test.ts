import { describe, expect, it } from "vitest";
import { formatFloat32 } from "./float32-text.ts";

describe("formatFloat32", () => {
  it.each([
    [125, "125.0"],
    [0, "0.0"],
    [-2, "-2.0"],
    [0.5, "0.5"],
    [0.3, "0.3"],
    [Math.fround(0.1), "0.1"],
    [-0.63492066, "-0.63492066"],
    [1e-7, "1e-7"],
    [3.4e38, "3.4e+38"],
  ])("writes %s as %s", (value, expected) => {
    expect(formatFloat32(value)).toBe(expected);
  });

  it("reads back as the same float32 for awkward values", () => {
    const values = [1 / 3, Math.PI, 1e-30, 16777217, -0.000123456789, 0.30000001192092896];

    const texts = values.map(formatFloat32);

    texts.forEach((text, index) => {
      expect(Math.fround(Number(text))).toBe(Math.fround(values[index]!));
      expect(text.replace(/^-?0?\.?0*|e.*$|\./g, "").length).toBeLessThanOrEqual(9);
      expect(text).toMatch(/[.e]/);
    });
  });

  it("refuses values JSON cannot hold", () => {
    expect(() => formatFloat32(Number.NaN)).toThrow(RangeError);
  });
});
