import { describe, expect, it } from "vitest";
import { bytesOf, RAW_HEADER, VALID_ROW, validCsv } from "./test-fixtures.ts";
import { validateCsv } from "./validate.ts";

const encoder = new TextEncoder();
const semicolonFile = `${RAW_HEADER.replaceAll(",", ";")}\n${VALID_ROW.replaceAll(",", ";")}\n`;
const withoutColumn = (text: string, index: number) =>
  text
    .split("\n")
    .map((line) => line.split(",").toSpliced(index, 1).join(","))
    .join("\n");

describe("validateCsv rejections", () => {
  it.each([
    ["csv.empty", "a file of no bytes", new Uint8Array(0)],
    ["csv.empty", "a file of blank lines and a BOM", "\uFEFF\n \r\n\t\n"],
    ["csv.not_text", "gzip bytes", Uint8Array.of(0x1f, 0x8b, 8, 0, 1, 2, 3)],
    ["csv.not_text", "an Excel workbook", Uint8Array.of(0x50, 0x4b, 3, 4, 20, 0, 6, 0)],
    ["csv.not_text", "bytes with NUL", Uint8Array.of(65, 44, 66, 0, 10)],
    ["csv.not_text", "Latin-1 text", Uint8Array.of(65, 0xe9, 44, 66, 10)],
    ["csv.wrong_delimiter", "semicolons", semicolonFile],
    ["csv.wrong_delimiter", "tabs", semicolonFile.replaceAll(";", "\t")],
    ["csv.header_only", "a header alone", `${RAW_HEADER}\n`],
    ["csv.missing_columns", "no Status column", withoutColumn(validCsv(60), 10)],
    ["csv.duplicate_headers", "two churn columns", validCsv(60).replace("Churn", "Churn,churn ")],
    ["csv.too_few_rows", "49 rows", validCsv(49)],
    [
      "csv.too_few_rows",
      "54 rows of which 5 bad",
      validCsv(54, { 1: "x", 2: "x", 3: "x", 4: "x", 5: "x" }),
    ],
    [
      "csv.too_many_bad_rows",
      "11 bad rows of 100",
      validCsv(100, Object.fromEntries(Array.from({ length: 11 }, (_, i) => [i + 1, "x"]))),
    ],
    ["csv.malformed", "a quote never closed", `${RAW_HEADER}\n"${"x".repeat(2000)}`],
  ])("returns %s for %s", async (code, _, content) => {
    const result = await validateCsv(bytesOf(content, 7), { maxFieldBytes: 1000 });

    expect(result.verdict).toMatchObject({ isValid: false, code });
    if (!result.verdict.isValid) expect(result.verdict.message).not.toContain("\n");
  });

  it("names every missing feature column", async () => {
    const text = withoutColumn(withoutColumn(validCsv(60), 12), 0);

    const result = await validateCsv(bytesOf(text));

    expect(result.verdict).toMatchObject({ code: "csv.missing_columns" });
    if (!result.verdict.isValid) {
      expect(result.verdict.message).toContain("call_failure, customer_value");
    }
  });

  it("returns csv.unreadable when the source fails", async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield encoder.encode(`${RAW_HEADER}\n`);
      throw new Error("connection reset");
    }

    const result = await validateCsv(failing());

    expect(result.verdict).toMatchObject({ isValid: false, code: "csv.unreadable" });
  });

  it("takes the bad-row share as a setting", async () => {
    const text = validCsv(
      100,
      Object.fromEntries(Array.from({ length: 11 }, (_, i) => [i + 1, "x"])),
    );

    const result = await validateCsv(bytesOf(text), { maxBadRowShare: 0.2 });

    expect(result.verdict).toEqual({ isValid: true });
    expect(result.summary).toMatchObject({ rowCount: 100, keptRowCount: 89, badRowCount: 11 });
  });
});

describe("validateCsv row issues", () => {
  // Column 1 is Complains, 9 is Age Group, 13 Churn; rows are replaced by number.
  const replaceCell = (index: number, value: string) =>
    VALID_ROW.split(",").toSpliced(index, 1, value).join(",");

  it.each([
    ["not_a_number", "complains", "yes", replaceCell(1, "yes")],
    ["outside_domain", "age_group", "7", replaceCell(8, "7")],
    ["outside_domain", "call_failure", "-1", replaceCell(0, "-1")],
    ["outside_domain", "subscription_length", "2.5", replaceCell(2, "2.5")],
    ["missing", "churn", "", replaceCell(13, "")],
    ["missing", "customer_value", "NA", replaceCell(12, "NA")],
    ["wrong_cell_count", "*", "15 cells, header has 14", `${VALID_ROW},1`],
    ["wrong_cell_count", "*", "13 cells, header has 14", replaceCell(13, "").slice(0, -1)],
  ])("reports %s in %s for %j and drops the row", async (kind, column, value, row) => {
    const text = validCsv(60, { 7: row });

    const result = await validateCsv(bytesOf(text, 13));

    expect(result.verdict).toEqual({ isValid: true });
    expect(result.issues).toEqual([{ rowNumber: 7, column, value, kind }]);
    expect(result.issueCount).toBe(1);
    expect(result.table.rowCount).toBe(59);
    expect(result.rowNumbers).not.toContain(7);
    expect(result.rowNumbers[6]).toBe(8);
  });

  it("counts every issue but lists only the first ones", async () => {
    const overrides = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [i + 1, "1,0"]));

    const result = await validateCsv(bytesOf(validCsv(300, overrides)), {
      maxListedIssueCount: 5,
    });

    expect(result.issueCount).toBe(20);
    expect(result.issues.map((issue) => issue.rowNumber)).toEqual([1, 2, 3, 4, 5]);
    expect(result.summary.issueCounts.wrong_cell_count).toBe(20);
  });

  it("counts missing cells per known column over every row, kept or set aside", async () => {
    const text = validCsv(60, {
      3: replaceCell(12, "NA"),
      4: replaceCell(12, ""),
      9: replaceCell(13, "null"),
    });

    const result = await validateCsv(bytesOf(text, 13));

    expect(result.summary.missingCellCounts).toMatchObject({
      customer_value: 2,
      churn: 1,
      call_failure: 0,
    });
    expect(Object.keys(result.summary.missingCellCounts)).toHaveLength(14);
  });
});

describe("validateCsv reading", () => {
  it("reads a file with a BOM, CRLF, quotes, shuffled columns and odd header spacing", async () => {
    const header =
      "\uFEFF CHURN ,status,Call Failure,complains,Subscription Length,charge  amount," +
      "seconds of use,frequency of use,frequency of sms,distinct called numbers,age group," +
      "Customer Value,Note";
    const row = (index: number) =>
      `${index % 2},2,${index},"0",30,1,100,5,2,3,4,"1,000.5",note ${index}`.replace(
        '"1,000.5"',
        `${index}.25`,
      );
    const text = [header, ...Array.from({ length: 60 }, (_, i) => row(i))].join("\r\n");

    const result = await validateCsv(bytesOf(text, 5));

    expect(result.verdict).toEqual({ isValid: true });
    expect(result.table.columnNames[0]).toBe("churn");
    expect(result.summary.columns.missing).toEqual(["tariff_plan", "age"]);
    expect(result.summary.columns.unknown).toEqual(["note"]);
    expect(result.table.column("customer_value")?.[3]).toBe(3.25);
    expect(result.table.column("churn")?.[3]).toBe(1);
    expect(result.table.textColumn("note")?.[59]).toBe("note 59");
  });

  it("accepts a file without churn and says so", async () => {
    const text = withoutColumn(validCsv(60), 13);

    const result = await validateCsv(bytesOf(text));

    expect(result.verdict).toEqual({ isValid: true });
    expect(result.summary.hasTarget).toBe(false);
    expect(result.table.column("churn")).toBeUndefined();
  });

  it("keeps an unknown column of numbers as numbers", async () => {
    const text = validCsv(60).replace("Churn\n", "Churn,score\n").replaceAll(",0\n", ",0,0.25\n");

    const result = await validateCsv(bytesOf(text));

    expect(result.table.column("score")?.[0]).toBe(0.25);
  });

  it("numbers data rows without counting empty lines, as readCsvRecords does", async () => {
    const rows = Array.from({ length: 60 }, (_, index) =>
      index === 9 ? VALID_ROW.replace("8,", "x,") : VALID_ROW,
    );
    const text = `${RAW_HEADER}\n\n${rows.slice(0, 5).join("\n")}\n\r\n\n${rows.slice(5).join("\n")}`;

    const result = await validateCsv(bytesOf(text, 4));

    expect(result.summary.rowCount).toBe(60);
    expect(result.issues[0]).toMatchObject({ rowNumber: 10, column: "call_failure", value: "x" });
  });

  it("reads a source that yields text instead of bytes", async () => {
    async function* text(): AsyncGenerator<Uint8Array> {
      yield validCsv(60) as unknown as Uint8Array;
    }

    const result = await validateCsv(text());

    expect(result.verdict).toEqual({ isValid: true });
    expect(result.table.rowCount).toBe(60);
  });
});
