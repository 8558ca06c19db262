import { describe, expect, it } from "vitest";
import { type CsvFieldSink, CsvTokenizer } from "./tokenizer.ts";

function tokenize(text: string, chunkSize: number, maxFieldBytes?: number): string[][] {
  const records: string[][] = [];
  let cells: string[] = [];
  const decoder = new TextDecoder();
  const sink: CsvFieldSink = {
    field: (bytes, start, end) => cells.push(decoder.decode(bytes.subarray(start, end))),
    endRecord: () => {
      records.push(cells);
      cells = [];
    },
  };
  const tokenizer = new CsvTokenizer(sink, maxFieldBytes === undefined ? {} : { maxFieldBytes });
  const bytes = new TextEncoder().encode(text);
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    tokenizer.push(bytes.subarray(offset, offset + chunkSize));
  }
  tokenizer.finish();
  return records;
}

describe("CsvTokenizer", () => {
  it.each([
    [
      "plain LF lines",
      "a,b\n1,2\n",
      [
        ["a", "b"],
        ["1", "2"],
      ],
    ],
    [
      "CRLF lines",
      "a,b\r\n1,2\r\n",
      [
        ["a", "b"],
        ["1", "2"],
      ],
    ],
    [
      "lone CR lines",
      "a,b\r1,2",
      [
        ["a", "b"],
        ["1", "2"],
      ],
    ],
    [
      "no final line break",
      "a,b\n1,2",
      [
        ["a", "b"],
        ["1", "2"],
      ],
    ],
    [
      "empty lines",
      "\na,b\n\n\r\n1,2\n\n",
      [
        ["a", "b"],
        ["1", "2"],
      ],
    ],
    [
      "empty cells",
      ",\n,x,\n",
      [
        ["", ""],
        ["", "x", ""],
      ],
    ],
    ["quoted commas and breaks", '"a,b","c\nd"\n', [["a,b", "c\nd"]]],
    ["escaped quotes", '"say ""hi""",x\n', [['say "hi"', "x"]]],
    ["a quoted empty field alone", '""\n', [[""]]],
    ["bytes after a closing quote", '"ab"c,d\n', [["abc", "d"]]],
    ["a quote inside an unquoted field", 'ab"c,d\n', [['ab"c', "d"]]],
    ["an unclosed quote at the end", 'a,"bc\n', [["a", "bc\n"]]],
    ["a trailing comma at the end", "a,", [["a", ""]]],
    ["multi-byte text", "é,ü€\n", [["é", "ü€"]]],
  ])("reads %s in any chunking", (_, text, expected) => {
    const chunkings = [1, 2, 3, 5, 1024].map((chunkSize) => tokenize(text, chunkSize));

    for (const records of chunkings) expect(records).toEqual(expected);
  });

  it("throws csv.field_too_long when a field passes the limit", () => {
    const text = `"${"x".repeat(100)}`;

    expect(() => tokenize(text, 7, 50)).toThrow(
      expect.objectContaining({ code: "csv.field_too_long" }),
    );
  });
});
