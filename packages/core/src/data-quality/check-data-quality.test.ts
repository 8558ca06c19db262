import { describe, expect, it } from "vitest";
import { computeReferenceStatistics } from "../drift/index.ts";
import { checkDataQuality } from "./check-data-quality.ts";

describe("checkDataQuality", () => {
  const reference = computeReferenceStatistics({
    call_failure: Float64Array.from([0, 3, 5, 9, Number.NaN, 4, 4, 2, 1, 7]),
    age_group: Float64Array.from([1, 2, 2, 3, 3, 3, 4, 4, 5, 5]),
  });

  it("returns missing shares, out-of-range counts and unseen categories per column", () => {
    const current = {
      call_failure: Float64Array.from([0, 12, Number.NaN, Number.NaN, Infinity, -1, 4, 4, 2, 3]),
      age_group: Float64Array.from([1, 2, 6, 6, 3, 0, 4, 4, 5, 5]),
    };

    const report = checkDataQuality({ reference, current });

    expect(report.columns[0]).toMatchObject({
      columnName: "call_failure",
      referenceMissingShare: 0.1,
      currentMissingShare: 0.3,
      hasMissingIncrease: true,
      referenceMin: 0,
      referenceMax: 9,
      outOfRangeCount: 2,
      unseenCategoryRowCount: 0,
    });
    expect(report.columns[1]).toMatchObject({
      columnName: "age_group",
      unseenCategories: [0, 6],
      unseenCategoryRowCount: 3,
      outOfRangeCount: 3,
    });
    expect(report.flaggedColumns).toEqual(["call_failure", "age_group"]);
  });

  it("flags nothing when the current file looks like the reference", () => {
    const current = {
      call_failure: Float64Array.from([0, 3, 5, 9, 4, 4, 2, 1, 7, 7]),
      age_group: Float64Array.from([1, 2, 2, 3, 3, 3, 4, 4, 5, 5]),
    };

    const report = checkDataQuality({ reference, current });

    expect(report.flaggedColumns).toEqual([]);
  });

  it("takes the missing share from validation's counts over every row of the file", () => {
    const current = {
      call_failure: Float64Array.from([0, 3, 5, 9, 4, 4, 2, 1]),
      age_group: Float64Array.from([1, 2, 2, 3, 3, 3, 4, 4]),
    };

    const report = checkDataQuality({
      reference,
      current,
      missingCellCounts: { call_failure: 2 },
      fileRowCount: 10,
    });

    expect(report.columns[0]).toMatchObject({
      columnName: "call_failure",
      rowCount: 10,
      missingCount: 2,
      currentMissingShare: 0.2,
      hasMissingIncrease: true,
    });
    expect(report.columns[1]).toMatchObject({ columnName: "age_group", currentMissingShare: 0 });
  });
});
