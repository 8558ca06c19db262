import { describe, expect, it } from "vitest";
import { extent, linearScale, linePath, niceTicks, timeTicks } from "./scale.ts";

describe("linearScale", () => {
  it("maps the domain onto the range, inverted for a y axis", () => {
    const y = linearScale([0, 1], [200, 0]);

    expect([y(0), y(0.25), y(1)]).toEqual([200, 150, 0]);
  });

  it("maps a zero-width domain to the middle of the range", () => {
    expect(linearScale([3, 3], [0, 100])(3)).toBe(50);
  });
});

describe("niceTicks", () => {
  it.each([
    [0, 1, 5, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0, 13, 4, [0, 5, 10]],
    [0.03, 0.07, 4, [0.03, 0.04, 0.05, 0.06, 0.07]],
    [2, 2, 4, [2]],
  ])("ticks [%s, %s] about %s times as %j", (min, max, count, expected) => {
    expect(niceTicks(min, max, count)).toEqual(expected);
  });
});

describe("extent", () => {
  it("ignores values that are not finite", () => {
    expect(extent([3, Number.NaN, -1, Number.POSITIVE_INFINITY])).toEqual([-1, 3]);
  });

  it("returns undefined when nothing is finite", () => {
    expect(extent([Number.NaN])).toBeUndefined();
  });
});

describe("linePath", () => {
  it("breaks the line at a missing value", () => {
    const path = linePath([
      { x: 0, y: 0 },
      { x: 1, y: 1 },
      { x: 2, y: Number.NaN },
      { x: 3, y: 3 },
    ]);

    expect(path).toBe("M0,0L1,1M3,3");
  });
});

describe("timeTicks", () => {
  it("ticks a four-day span at UTC midnights", () => {
    const ticks = timeTicks(Date.parse("2026-11-20T08:00:00Z"), Date.parse("2026-11-23T20:00:00Z"));

    expect(ticks.map((tick) => new Date(tick).toISOString())).toEqual([
      "2026-11-21T00:00:00.000Z",
      "2026-11-22T00:00:00.000Z",
      "2026-11-23T00:00:00.000Z",
    ]);
  });

  it("ticks a short span at whole hours", () => {
    const ticks = timeTicks(Date.parse("2026-11-20T08:10:00Z"), Date.parse("2026-11-20T11:50:00Z"));

    expect(ticks.map((tick) => new Date(tick).toISOString().slice(11, 16))).toEqual([
      "09:00",
      "10:00",
      "11:00",
    ]);
  });
});
