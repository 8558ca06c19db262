import { describe, expect, it } from "vitest";
import { planHeader } from "./header.ts";
import { readCsvRecords } from "./records.ts";
import { describeRowIssues, REJECTED_ROW_COLUMNS, writeRejectedRows } from "./rejected-rows.ts";
import { bytesOf, RAW_HEADER, VALID_ROW, validCsv } from "./test-fixtures.ts";
import { validateCsv } from "./validate.ts";

async function rejectedRecords(text: string): Promise<string[][]> {
  const validation = await validateCsv(bytesOf(text, 11));
  const records: string[][] = [];
  for await (const record of readCsvRecords(
    writeRejectedRows(bytesOf(text, 11), validation.rowNumbers),
  )) {
    records.push(record);
  }
  return records;
}

describe("writeRejectedRows", () => {
  it("writes each bad row with its number and reason, and no good row", async () => {
    const badAgeGroup = VALID_ROW.replace(",3,1,1,30,", ",9,1,1,30,");
    const text = validCsv(60, { 2: badAgeGroup, 60: `${VALID_ROW},extra` });

    const records = await rejectedRecords(text);

    expect(records[0]).toEqual([...RAW_HEADER.split(","), ...REJECTED_ROW_COLUMNS]);
    expect(records.slice(1).map((record) => record.slice(-2))).toEqual([
      ["2", "age_group outside_domain (9)"],
      ["60", "wrong_cell_count (15 cells, header has 14)"],
    ]);
    expect(records[1]?.slice(0, 14)).toEqual(badAgeGroup.split(","));
  });

  it("neutralises a formula in a bad row, as the scored file does", async () => {
    const formulaRow = `${VALID_ROW},=HYPERLINK("http://example.test")`;
    const text = validCsv(60, { 5: formulaRow });

    const records = await rejectedRecords(text);

    expect(records[1]?.[14]).toBe('\'=HYPERLINK("http://example.test")');
    expect(records[1]?.slice(-2)).toEqual(["5", "wrong_cell_count (15 cells, header has 14)"]);
  });

  it("writes only the header when every row is good", async () => {
    expect(await rejectedRecords(validCsv(60))).toHaveLength(1);
  });
});

describe("describeRowIssues", () => {
  const plan = planHeader(["Churn", "Age Group", "Customer Value", "note"]);

  it.each([
    [["1", "3", "12.5", "x"], "file rejected as a whole"],
    [["", "3", "12.5", "x"], "churn missing ()"],
    [["1", "9", "NA", "x"], "age_group outside_domain (9); customer_value missing (NA)"],
    [
      ["yes", "3", "-1", "anything"],
      "churn not_a_number (yes); customer_value outside_domain (-1)",
    ],
    [["1", "3"], "wrong_cell_count (2 cells, header has 4)"],
  ])("describes %j as %j", (cells, reason) => {
    expect(describeRowIssues(plan, cells)).toBe(reason);
  });
});
