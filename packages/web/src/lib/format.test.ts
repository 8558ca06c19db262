import { describe, expect, it } from "vitest";
import {
  formatAxisTime,
  formatCount,
  formatDateTime,
  formatDriftScore,
  formatDurationMs,
  formatNumber,
  formatScore,
  formatShare,
} from "./format.ts";

describe("formatScore", () => {
  it.each([
    [0.81234, "0.812"],
    [1, "1.000"],
    [0, "0.000"],
    [null, "–"],
    [undefined, "–"],
    [Number.NaN, "–"],
  ])("writes %s as %s", (value, expected) => {
    expect(formatScore(value)).toBe(expected);
  });
});

describe("formatDriftScore", () => {
  it.each([
    [0.04999, "0.0500"],
    [0.00001234, "1.23e-5"],
    [0, "0.0000"],
  ])("writes %s as %s", (value, expected) => {
    expect(formatDriftScore(value)).toBe(expected);
  });
});

describe("formatShare, formatCount and formatNumber", () => {
  it.each([
    [formatShare(0.53846), "53.8 %"],
    [formatCount(12345), "12,345"],
    [formatNumber(1234.5678), "1,235"],
    [formatNumber(0.123456), "0.1235"],
    [formatNumber(42), "42"],
  ])("writes %s", (actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe("formatDurationMs", () => {
  it.each([
    [350.4, "350 ms"],
    [1234, "1.2 s"],
    [123_000, "2 min 3 s"],
    [3_780_000, "1 h 3 min"],
  ])("writes %s ms as %s", (value, expected) => {
    expect(formatDurationMs(value)).toBe(expected);
  });
});

describe("formatDateTime", () => {
  it("writes the moment in UTC to the minute", () => {
    expect(formatDateTime(new Date("2026-12-03T19:15:42.123Z"))).toBe("2026-12-03 19:15 UTC");
  });

  it("leaves out the zone when asked", () => {
    expect(formatDateTime(new Date("2026-12-03T19:15:42Z"), false)).toBe("2026-12-03 19:15");
  });

  it("returns a dash for an invalid date", () => {
    expect(formatDateTime("not a date")).toBe("–");
  });
});

describe("formatAxisTime", () => {
  const moment = Date.parse("2026-12-03T19:15:00Z");

  it.each([
    [3_600_000, "12-03 19:15"],
    [10 * 86_400_000, "12-03"],
    [365 * 86_400_000, "2026-12"],
  ])("shortens the label for a span of %s ms", (spanMs, expected) => {
    expect(formatAxisTime(moment, spanMs)).toBe(expected);
  });
});
