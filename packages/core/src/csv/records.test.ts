import { describe, expect, it } from "vitest";
import { formatCsvRecord, readCsvRecords } from "./records.ts";
import { bytesOf } from "./test-fixtures.ts";

async function collect(source: AsyncIterable<string[]>): Promise<string[][]> {
  const records: string[][] = [];
  for await (const record of source) records.push(record);
  return records;
}

describe("readCsvRecords", () => {
  it("streams the header and rows as text, without a BOM split across chunks", async () => {
    const text = '\uFEFFa,b\r\n1,"x,y"\n\n2,\n';

    const records = await collect(readCsvRecords(bytesOf(text, 1)));

    expect(records).toEqual([
      ["a", "b"],
      ["1", "x,y"],
      ["2", ""],
    ]);
  });

  it("reads a file shorter than a byte order mark", async () => {
    expect(await collect(readCsvRecords(bytesOf("a", 1)))).toEqual([["a"]]);
  });
});

describe("formatCsvRecord", () => {
  it.each([
    [["1", "2.5", ""], "1,2.5,"],
    [["a,b", 'say "hi"', "line\nbreak"], '"a,b","say ""hi""","line\nbreak"'],
    [[" padded"], '" padded"'],
  ])("writes %j as %j", (cells, line) => {
    expect(formatCsvRecord(cells)).toBe(line);
  });

  it("writes what readCsvRecords reads back unchanged", async () => {
    const cells = ["plain", "a,b", '"quoted"', "multi\r\nline", "", " x "];

    const records = await collect(readCsvRecords(bytesOf(`${formatCsvRecord(cells)}\n`, 3)));

    expect(records).toEqual([cells]);
  });
});
