import { describe, expect, it } from "vitest";
import { readRunReport } from "./run-report.ts";

const validation = {
  isValid: false,
  code: "csv.missing_columns",
  message: "The file lacks complains.",
  rowCount: 10,
  validRowCount: 0,
  invalidRowCount: 10,
  hasTarget: true,
  columns: { found: ["churn"], missing: ["complains"], unknown: [] },
  issues: [{ rowNumber: 2, column: "churn", value: "x", kind: "not_a_number" }],
  issueCount: 1,
};

describe("readRunReport", () => {
  it("reads the validation of a rejected run's partial report", () => {
    const view = readRunReport({ validation });

    expect(view.validation?.message).toBe("The file lacks complains.");
    expect(view.quality).toBeUndefined();
    expect(view.driftColumns.size).toBe(0);
  });

  it("leaves out a malformed part and keeps the others", () => {
    const view = readRunReport({
      validation,
      steps: [{ name: "Claim file", durationMs: 12 }],
      quality: { accuracy: "high" },
      dataQuality: "none",
    });

    expect(view.quality).toBeUndefined();
    expect(view.dataQuality).toEqual([]);
    expect(view.steps).toEqual([{ name: "Claim file", durationMs: 12 }]);
  });

  it.each([null, undefined, "text", 42, []])("returns an empty view for %j", (report) => {
    const view = readRunReport(report);

    expect(view).toEqual({ driftColumns: new Map(), dataQuality: [], steps: [] });
  });
});
