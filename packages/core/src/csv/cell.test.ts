import { describe, expect, it } from "vitest";
import { type CellReading, checkDomain, parseDecimalBytes, readCell } from "./cell.ts";

const encoder = new TextEncoder();

function parse(text: string): number {
  const bytes = encoder.encode(text);
  return parseDecimalBytes(bytes, 0, bytes.length);
}

describe("parseDecimalBytes", () => {
  it.each([
    "0",
    "-0",
    "12",
    "+7",
    "197.64",
    "46.035",
    "0.1",
    ".5",
    "3.",
    "2165.28",
    "1e3",
    "-2.5E-3",
    "123456789012345",
    "1234567890123456789",
    "0.30000000000000004",
    "9007199254740993",
  ])("reads %j as Number() does", (text) => {
    expect(Object.is(parse(text), Number(text))).toBe(true);
  });

  it.each(["", "-", ".", "1.2.3", "abc", "1e", "0x10", "1,5", "Infinity", "12a", "--1"])(
    "returns NaN for %j",
    (text) => {
      expect(parse(text)).toBeNaN();
    },
  );

  it("agrees with Number() on 20,000 random decimals", () => {
    let state = 12345;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };

    for (let i = 0; i < 20_000; i += 1) {
      const digits = String(Math.floor(next() * 10 ** (1 + Math.floor(next() * 17))));
      const dot = Math.floor(next() * (digits.length + 1));
      const text = `${next() < 0.2 ? "-" : ""}${digits.slice(0, dot)}.${digits.slice(dot)}`;
      expect(Object.is(parse(text), Number(text))).toBe(true);
    }
  });
});

describe("readCell", () => {
  const flag = { min: 0, max: 1, isInteger: true, values: [0, 1] };
  const amount = { min: 0, max: Number.POSITIVE_INFINITY, isInteger: false };

  it.each([
    ["1", flag, 1, undefined],
    [" 0 ", flag, 0, undefined],
    ["", flag, Number.NaN, "missing"],
    ["  ", flag, Number.NaN, "missing"],
    ["NA", flag, Number.NaN, "missing"],
    ["null", amount, Number.NaN, "missing"],
    ["yes", flag, Number.NaN, "not_a_number"],
    ["2", flag, 2, "outside_domain"],
    ["0.5", flag, 0.5, "outside_domain"],
    ["-1.5", amount, -1.5, "outside_domain"],
    ["12.75", amount, 12.75, undefined],
  ])("reads %j as %d with issue %s", (text, domain, value, issue) => {
    const bytes = encoder.encode(text);
    const reading: CellReading = { value: 0, issue: undefined };

    readCell(bytes, 0, bytes.length, domain, reading);

    expect(reading.value).toBe(value);
    expect(reading.issue).toBe(issue);
  });

  it("accepts only listed values when the domain lists them", () => {
    expect(checkDomain(3, { min: 1, max: 5, isInteger: true, values: [1, 2, 5] })).toBe(
      "outside_domain",
    );
  });
});
