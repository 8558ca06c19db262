import { describe, expect, it } from "vitest";
import { formatSafeCsvLine, neutraliseCell } from "./safe-line.ts";

describe("neutraliseCell", () => {
  it.each([
    ['=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'],
    ["+cmd", "'+cmd"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["-5", "-5"],
    ["+1.5e3", "+1.5e3"],
    ["-.5", "-.5"],
    ["12", "12"],
    ["hello", "hello"],
    ["", ""],
  ])("turns %j into %j", (cell, expected) => {
    expect(neutraliseCell(cell)).toBe(expected);
  });
});

describe("formatSafeCsvLine", () => {
  it("quotes cells holding commas, quotes or line breaks", () => {
    expect(formatSafeCsvLine(["a,b", 'say "hi"', "x\ny", "3"])).toBe(
      '"a,b","say ""hi""","x\ny",3\n',
    );
  });

  it.each([
    [["1", "2.5", "0"], "1,2.5,0\n"],
    [[" 1", "2"], '" 1",2\n'],
    [["1", "2 "], '1,"2 "\n'],
    [["a,b"], '"a,b"\n'],
    [["-5", "=1"], "-5,'=1\n"],
  ])("writes %j as %j", (cells, expected) => {
    expect(formatSafeCsvLine(cells)).toBe(expected);
  });

  it("neutralises formulas before quoting", () => {
    expect(formatSafeCsvLine(["=1,2"])).toBe('"\'=1,2"\n');
  });
});
