import { describe, expect, it } from "vitest";
import type { ColumnKind } from "../schema/index.ts";
import { detectDrift } from "./detect-drift.ts";
import { computeReferenceStatistics } from "./reference-statistics.ts";
import { defaultDriftTest, isDriftScore } from "./registry.ts";

describe("defaultDriftTest", () => {
  it.each<[ColumnKind, number, number, string]>([
    ["numerical", 1000, 6, "ks"],
    ["numerical", 1001, 6, "wasserstein"],
    ["numerical", 1000, 5, "chisquare"],
    ["numerical", 1000, 3, "chisquare"],
    ["numerical", 1001, 3, "jensenshannon"],
    ["numerical", 1000, 2, "z"],
    ["numerical", 1001, 2, "jensenshannon"],
    ["categorical", 1000, 3, "chisquare"],
    ["categorical", 1000, 2, "z"],
    ["categorical", 1000, 1, "z"],
    ["categorical", 1001, 40, "jensenshannon"],
  ])(
    "returns Evidently's choice for a %s column with %i reference rows and %i values",
    (kind, referenceCount, distinctCount, expected) => {
      const test = defaultDriftTest(kind, referenceCount, distinctCount);

      expect(test).toBe(expected);
    },
  );
});

describe("isDriftScore", () => {
  it.each([
    ["score <= threshold", 0.05, true],
    ["score < threshold", 0.05, false],
    ["score >= threshold", 0.05, true],
  ] as const)("applies %s at the threshold itself", (comparison, score, expected) => {
    const isDrift = isDriftScore(comparison, score, 0.05);

    expect(isDrift).toBe(expected);
  });
});

describe("detectDrift", () => {
  const base = Float64Array.from({ length: 200 }, (_, row) => row % 10);
  const shifted = Float64Array.from({ length: 200 }, (_, row) => (row % 10) + (row % 2));

  it("counts the reference size after NaN and ±∞ are dropped for the 1000-row boundary", () => {
    const values = Float64Array.from({ length: 1003 }, (_, row) => row % 50);
    values[0] = Number.NaN;
    values[1] = Number.POSITIVE_INFINITY;
    values[2] = Number.NEGATIVE_INFINITY;
    const reference = computeReferenceStatistics({ call_failure: values });

    const report = detectDrift({
      reference,
      current: { call_failure: values },
      options: { columns: ["call_failure"] },
    });

    expect(report.columns[0]).toMatchObject({
      test: "ks",
      referenceCount: 1000,
      referenceMissingCount: 1,
      referenceInfiniteCount: 2,
    });
  });

  it("reports dataset drift when the drifted share equals the threshold", () => {
    const reference = computeReferenceStatistics({ call_failure: base, frequency_of_use: base });

    const report = detectDrift({
      reference,
      current: { call_failure: shifted.map((value) => value + 5), frequency_of_use: base },
      options: { columns: ["call_failure", "frequency_of_use"] },
    });

    expect([report.driftedColumnCount, report.testedColumnCount]).toEqual([1, 2]);
    expect(report.driftedShare).toBe(0.5);
    expect(report.isDatasetDrift).toBe(true);
  });

  it("applies per-column choices before per-kind and global ones", () => {
    const reference = computeReferenceStatistics({ call_failure: base, age_group: base });

    const report = detectDrift({
      reference,
      current: { call_failure: shifted, age_group: shifted },
      options: {
        columns: ["call_failure", "age_group"],
        test: { test: "psi", threshold: 0.2 },
        numericalTest: { test: "hellinger" },
        columnTests: { call_failure: { threshold: 0.3 } },
      },
    });

    expect(report.columns.map((c) => [c.columnName, c.test, c.threshold])).toEqual([
      ["call_failure", "hellinger", 0.3],
      ["age_group", "psi", 0.2],
    ]);
  });

  it("lists absent columns and leaves an all-missing column untested", () => {
    const reference = computeReferenceStatistics({ call_failure: base, status: base });

    const report = detectDrift({
      reference,
      current: { call_failure: base.map(() => Number.NaN) },
      options: { columns: ["call_failure", "status"] },
    });

    expect(report.missingColumns).toEqual(["status"]);
    expect(report.columns[0]).toMatchObject({
      score: null,
      isDrifted: false,
      currentMissingCount: 200,
      notTestedReason: "no finite value in the current column",
    });
    expect(report.testedColumnCount).toBe(0);
    expect(report.isDatasetDrift).toBe(false);
  });

  it("flags a column as low-confidence when a sample is below the minimum", () => {
    const reference = computeReferenceStatistics({ call_failure: base });

    const report = detectDrift({
      reference,
      current: { call_failure: base.subarray(0, 40) },
      options: { columns: ["call_failure"], minConfidentRowCount: 50 },
    });

    expect(report.columns[0]?.isLowConfidence).toBe(true);
    expect(report.isLowConfidence).toBe(true);
  });
});
