import { describe, expect, it } from "vitest";
import { scoreBandRanges, scoreTone } from "./bands.ts";

describe("scoreTone", () => {
  it.each([
    [0.49, "bad"],
    [0.5, "warn"],
    [0.699, "warn"],
    [0.7, "good"],
    [1, "good"],
    [null, undefined],
  ])("gives %s the tone %s", (value, tone) => {
    expect(scoreTone(value)).toBe(tone);
  });
});

describe("scoreBandRanges", () => {
  it("covers [0, 1] without gaps", () => {
    const ranges = scoreBandRanges();

    expect(ranges.map((range) => [range.from, range.to])).toEqual([
      [0, 0.5],
      [0.5, 0.7],
      [0.7, 1],
    ]);
  });
});
